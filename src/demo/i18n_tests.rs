//! The demo desk as a multilingual desk (issue 16, item 7) and the services people find in it
//! by typing sentences (item 4), on the seed as shipped.

use super::tests::seeded;
use crate::connector::demo::DemoConnector;
use crate::connector::*;
use crate::model::{Article, CatalogItem, Category};
use crate::search::{Doc, Edition, Editions, Index, Query, ServiceIndex};

const T0: i64 = 1_795_356_300;

/// Runs an operation asking for answers in `lang` (no header for `None`).
fn ask<T: 'static>(lang: Option<&str>, exchange: Exchange<T>) -> T {
    let mut service = seeded(T0);
    exchange
        .run_blocking(|mut request| {
            if let Some(l) = lang {
                request.headers.push(("Accept-Language".into(), l.into()));
            }
            Ok(service.handle(&request, T0))
        })
        .expect("the demo desk answers")
}

fn catalog(lang: Option<&str>) -> (Vec<Category>, Vec<CatalogItem>) {
    let c = DemoConnector;
    (ask(lang, c.list_categories()), ask(lang, c.list_items()))
}

fn item<'a>(items: &'a [CatalogItem], id: &str) -> &'a CatalogItem {
    items.iter().find(|i| i.id == id).expect("item in the seed")
}

#[test]
fn the_catalog_forms_and_announcements_come_in_the_language_asked() {
    let (_, en) = catalog(None);
    let (fr_categories, fr) = catalog(Some("fr-FR,fr;q=0.9"));
    let (es_categories, es) = catalog(Some("es"));
    assert_eq!(item(&en, "laptop").name, "New laptop");
    assert_eq!(item(&fr, "laptop").name, "Nouvel ordinateur portable");
    assert!(
        item(&es, "laptop").name.starts_with("Nuevo"),
        "{}",
        item(&es, "laptop").name
    );
    assert!(
        fr_categories.iter().any(|c| c.name == "Matériel"),
        "{fr_categories:?}"
    );
    assert!(
        es_categories.iter().any(|c| c.name == "Cuentas"),
        "{es_categories:?}"
    );
    // Forms: labels and choices; the values submitted stay the same in every language.
    let form = item(&fr, "laptop").form.clone().expect("form");
    let keyboard = form
        .fields
        .iter()
        .find(|f| f.key == "keyboard")
        .expect("keyboard");
    assert_eq!(keyboard.label, "Disposition du clavier");
    assert_eq!(keyboard.choices[0].value, "us");
    assert_eq!(keyboard.choices[0].label, "Anglais (États-Unis)");
    let asked = ask(Some("fr"), DemoConnector.get_form("laptop"));
    assert_eq!(Some(asked), item(&fr, "laptop").form);
    let notices = ask(Some("es"), DemoConnector.list_announcements());
    assert!(notices[0].text.contains("Mantenimiento"), "{notices:?}");
    // A language the desk does not have: as written.
    let (_, de) = catalog(Some("de"));
    assert_eq!(de, en);
}

#[test]
fn every_text_of_the_seed_catalog_is_translated() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo/seed.json");
    let seed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir).expect("seed")).expect("json");
    let mut missing = Vec::new();
    for lang in ["fr", "es"] {
        let t = &seed["translations"][lang];
        for g in seed["catalog"]["groups"].as_array().expect("groups") {
            let key = g["key"].as_str().unwrap_or_default();
            for part in ["title", "blurb"] {
                if !t["groups"][key][part].is_string() {
                    missing.push(format!("{lang} groups.{key}.{part}"));
                }
            }
        }
        for o in seed["catalog"]["offerings"].as_array().expect("offerings") {
            let key = o["key"].as_str().unwrap_or_default();
            let to = &t["offerings"][key];
            for part in ["title", "teaser", "details_md"] {
                if !to[part].is_string() {
                    missing.push(format!("{lang} offerings.{key}.{part}"));
                }
            }
            for f in o["form"]["fields"].as_array().into_iter().flatten() {
                let field = f["key"].as_str().unwrap_or_default();
                let tf = &to["fields"][field];
                for part in ["label", "help", "pattern_hint"] {
                    if f[part].is_string() && !tf[part].is_string() {
                        missing.push(format!("{lang} {key}.{field}.{part}"));
                    }
                }
                for c in f["choices"].as_array().into_iter().flatten() {
                    let value = c["value"].as_str().unwrap_or_default();
                    if !tf["choices"][value].is_string() {
                        missing.push(format!("{lang} {key}.{field}.choices.{value}"));
                    }
                }
            }
        }
        for n in seed["notices"].as_array().expect("notices") {
            let id = n["id"].as_str().unwrap_or_default();
            if !t["notices"][id]["message"].is_string() {
                missing.push(format!("{lang} notices.{id}"));
            }
        }
    }
    assert!(missing.is_empty(), "untranslated: {missing:?}");
}

#[test]
fn ticket_states_are_named_in_the_language_asked() {
    let page = ask(
        Some("fr"),
        DemoConnector.list_tickets(&PageRequest::default()),
    );
    let raw: Vec<&str> = page.items.iter().map(|t| t.raw_status.as_str()).collect();
    assert!(raw.contains(&"Attribué"), "{raw:?}");
    assert!(!raw.contains(&"Assigned"), "{raw:?}");
}

fn search(items: &[CatalogItem], categories: &[Category], query: &str) -> Vec<String> {
    let name = |id: &str| {
        categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
            .unwrap_or("")
    };
    let index = ServiceIndex::new(items.iter().map(|i| (i, name(&i.category_id))));
    index
        .search(query)
        .into_iter()
        .map(|h| items[h.position].id.clone())
        .collect()
}

#[test]
fn sentences_find_services_in_every_language() {
    let (categories, en) = catalog(None);
    let found = |q| search(&en, &categories, q);
    // Each of these found no service when every word had to match.
    assert!(
        found("computer slow").contains(&"laptop".into()),
        "{:?}",
        found("computer slow")
    );
    assert!(found("computer slow").contains(&"wifi_problem".into()));
    let broken = found("my computer is broken");
    assert!(broken.contains(&"broken_device".into()), "{broken:?}");
    assert_eq!(
        found("new monitr").first().map(String::as_str),
        Some("monitor")
    );
    // One-word typos still work, and more matched words rank first.
    assert_eq!(found("laptpo").first().map(String::as_str), Some("laptop"));
    assert_eq!(found("report broken device")[0], "broken_device");

    let (fr_categories, fr) = catalog(Some("fr"));
    let found = |q| search(&fr, &fr_categories, q);
    let slow = found("mon ordinateur est lent");
    assert_eq!(slow.first().map(String::as_str), Some("laptop"), "{slow:?}");
    assert_eq!(
        found("imprimante").first().map(String::as_str),
        Some("printer")
    );
    let (es_categories, es) = catalog(Some("es"));
    let found = search(&es, &es_categories, "mi portátil no funciona");
    assert!(found.contains(&"laptop".into()), "{found:?}");
}

/// The seed's articles, indexed, with their editions.
fn knowledge() -> (Index, Editions) {
    let articles = articles();
    let translations: Vec<Vec<String>> = articles
        .iter()
        .map(|a| a.translations.iter().map(|t| t.id.clone()).collect())
        .collect();
    let mut index = Index::new();
    index.add(articles.iter().map(Doc::from));
    let editions = Editions::new(articles.iter().zip(&translations).map(|(a, t)| Edition {
        id: &a.id,
        language: &a.language,
        category: &a.category,
        translations: t,
    }));
    (index, editions)
}

fn articles() -> Vec<Article> {
    let mut articles: Vec<Article> = Vec::new();
    let mut request = PageRequest::default();
    loop {
        let page = ask(None, DemoConnector.list_articles(&request));
        articles.extend(page.items);
        match page.next {
            Some(next) => request = next,
            None => break,
        }
    }
    articles
}

#[test]
fn an_article_and_its_translations_are_found_and_counted_once() {
    let (index, editions) = knowledge();
    let query = |text, lang| Query {
        text,
        prefer_language: Some(lang),
        limit: 20,
        editions: Some(&editions),
        ..Query::default()
    };
    let vpn = index.search(&query("vpn", "en"), |_| None);
    let groups: Vec<Option<usize>> = vpn.hits.iter().map(|h| editions.article(&h.id)).collect();
    let mut distinct = groups.clone();
    distinct.dedup();
    assert_eq!(
        groups.len(),
        distinct.len(),
        "one row per article: {:?}",
        vpn.hits
    );
    assert_eq!(vpn.total, vpn.hits.len());
    let vpn_connect = editions.article("vpn-connect");
    assert_eq!(groups.iter().filter(|g| **g == vpn_connect).count(), 1);
    assert_eq!(
        editions.in_language("vpn-connect-es", "fr"),
        Some("vpn-connect-fr")
    );
    // The category is one, named in the reader's language.
    let facets = index.search(&query("wifi vpn", "fr"), |_| None).facets;
    let names: Vec<&str> = facets.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Réseau"), "{names:?}");
    assert!(
        !names.contains(&"Network") && !names.contains(&"Red"),
        "{names:?}"
    );
    // The edition listed is the reader's where it matched, else the one that matched.
    let ids = |text, lang| -> Vec<String> {
        let found = index.search(&query(text, lang), |_| None);
        found.hits.into_iter().map(|h| h.id).collect()
    };
    let vpn_fr = ids("vpn", "fr");
    assert!(vpn_fr.contains(&"vpn-connect-fr".into()), "{vpn_fr:?}");
    assert!(!vpn_fr.contains(&"vpn-connect".into()), "{vpn_fr:?}");
    let printer_en = ids("imprimante", "en");
    assert!(
        printer_en.contains(&"printer-add-fr".into()),
        "{printer_en:?}"
    );
    assert!(
        !printer_en.contains(&"printer-add".into()),
        "{printer_en:?}"
    );
    // The printer articles now have French editions.
    let printer = index.search(&query("imprimante", "fr"), |_| None);
    assert!(
        printer.hits.iter().any(|h| h.id == "printer-add-fr"),
        "{printer:?}"
    );
    // Filtering by the category's French name keeps its English-only articles too.
    let filtered = index.search(
        &Query {
            category: Some("Réseau"),
            ..query("network", "fr")
        },
        |_| None,
    );
    assert!(filtered.total > 0);
}

#[test]
fn a_rule_on_typed_words_holds_in_every_language() {
    let (_, fr) = catalog(Some("fr"));
    let schema = item(&fr, "general_question").form.clone().expect("form");
    let at = schema
        .fields
        .iter()
        .position(|f| f.key == "days_blocked")
        .expect("days_blocked");
    let (form, _) = crate::forms::Form::new(schema);
    let shown = |question: &str| {
        let mut values = crate::forms::Values::new();
        values.insert(
            "question".into(),
            crate::model::Value::Text(question.into()),
        );
        form.evaluate(&values)[at].visible
    };
    assert!(shown("I am blocked since Monday"));
    assert!(shown("Je suis bloquée depuis lundi"));
    assert!(shown("Estoy bloqueado desde el lunes"));
    assert!(!shown("Où est la machine à café ?"));
}
