//! The demo desk answers in the requester's language, as a multilingual desk does: the
//! catalog, its forms, the announcements and the names of ticket states come in the language
//! a request asks for (`Accept-Language`), from the seed's `translations`; whatever has no
//! translation stays as written. What people and agents wrote (tickets, notes) is never
//! translated. Pure: no I/O.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::wire::{WireCatalog, WireNotice};
use crate::model::FormSchema;

/// Per language code (`fr`, `es`), the texts that replace the seed's, by the ids of what they
/// translate: `groups.<key>`, `offerings.<key>` (with `fields.<key>` and their `choices`),
/// `notices.<id>`.
pub type Translations = BTreeMap<String, Json>;

/// The primary language of an `Accept-Language` header, lower case: `fr-FR,fr;q=0.9` is `fr`.
pub fn requested_language(header: Option<&str>) -> Option<String> {
    let first = header?.split(',').next()?.split(';').next()?.trim();
    let primary = first.split(['-', '_']).next()?.to_ascii_lowercase();
    (!primary.is_empty() && primary != "*").then_some(primary)
}

/// Replaces `target` with the text at `t`, when there is one.
fn set(target: &mut String, t: &Json) {
    if let Some(text) = t.as_str().filter(|s| !s.trim().is_empty()) {
        *target = text.to_owned();
    }
}

fn set_option(target: &mut Option<String>, t: &Json) {
    if let Some(text) = t.as_str().filter(|s| !s.trim().is_empty()) {
        *target = Some(text.to_owned());
    }
}

/// The catalog with its groups, offerings and forms in the language of `t`.
pub fn catalog(catalog: &WireCatalog, t: &Json) -> WireCatalog {
    let mut out = catalog.clone();
    for group in &mut out.groups {
        let tg = &t["groups"][&group.key];
        set(&mut group.title, &tg["title"]);
        set(&mut group.blurb, &tg["blurb"]);
    }
    for offering in &mut out.offerings {
        let to = &t["offerings"][&offering.key];
        set(&mut offering.title, &to["title"]);
        set(&mut offering.teaser, &to["teaser"]);
        set(&mut offering.details_md, &to["details_md"]);
        set_option(&mut offering.cost, &to["cost"]);
        if let Some(labels) = to["labels"].as_array() {
            let labels: Vec<String> = labels
                .iter()
                .filter_map(|l| l.as_str().map(str::to_owned))
                .collect();
            if !labels.is_empty() {
                offering.labels = labels;
            }
        }
        offering.form = form(&offering.form, &to["fields"]);
    }
    out
}

/// A form with its labels, help, hints and choices in the language of `fields` (the
/// offering's `fields` translations).
pub fn form(form: &FormSchema, fields: &Json) -> FormSchema {
    let mut out = form.clone();
    for field in &mut out.fields {
        let tf = &fields[&field.key];
        set(&mut field.label, &tf["label"]);
        set_option(&mut field.help, &tf["help"]);
        set_option(&mut field.pattern_hint, &tf["pattern_hint"]);
        for choice in &mut field.choices {
            set(&mut choice.label, &tf["choices"][&choice.value]);
        }
    }
    out
}

/// The announcements in the language of `t`.
pub fn notices(notices: &[WireNotice], t: &Json) -> Vec<WireNotice> {
    notices
        .iter()
        .map(|n| {
            let mut n = n.clone();
            set(&mut n.message, &t["notices"][&n.id]["message"]);
            n
        })
        .collect()
}

/// How the desk names a ticket state in `lang`, when it has a name for it there.
pub fn state_label(state: &str, lang: &str) -> Option<&'static str> {
    let label = match (lang, state) {
        ("fr", "logged") => "Enregistré",
        ("fr", "assigned") => "Attribué",
        ("fr", "awaiting_customer") => "En attente de votre réponse",
        ("fr", "parked") => "En attente du fournisseur",
        ("fr", "fixed") => "Résolu",
        ("fr", "closed") => "Fermé",
        ("fr", "withdrawn") => "Retiré",
        ("es", "logged") => "Registrado",
        ("es", "assigned") => "Asignado",
        ("es", "awaiting_customer") => "Esperando tu respuesta",
        ("es", "parked") => "En espera del proveedor",
        ("es", "fixed") => "Resuelto",
        ("es", "closed") => "Cerrado",
        ("es", "withdrawn") => "Retirado",
        _ => return None,
    };
    Some(label)
}

/// Renames the states of every ticket in a JSON answer (one ticket, or a page of them) into
/// `lang`. Only objects that have both a `state` and a `state_label` are tickets.
pub fn ticket_states(body: &mut Json, lang: &str) {
    match body {
        Json::Object(map) => {
            let label = map
                .get("state")
                .and_then(Json::as_str)
                .filter(|_| map.contains_key("state_label"))
                .and_then(|state| state_label(state, lang));
            if let Some(label) = label {
                map.insert("state_label".into(), Json::from(label));
            }
            map.values_mut().for_each(|v| ticket_states(v, lang));
        }
        Json::Array(list) => list.iter_mut().for_each(|v| ticket_states(v, lang)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_requested_language_is_the_first_primary_tag() {
        for (header, want) in [
            (Some("fr-FR,fr;q=0.9,en;q=0.8"), Some("fr")),
            (Some("es"), Some("es")),
            (Some(" EN-us "), Some("en")),
            (Some("*"), None),
            (Some(""), None),
            (None, None),
        ] {
            assert_eq!(requested_language(header).as_deref(), want, "{header:?}");
        }
    }

    #[test]
    fn ticket_states_are_renamed_wherever_tickets_are() {
        let mut page = json!({"results": [
            {"state": "parked", "state_label": "Parked with supplier", "events": [{"what": "state", "to": "parked"}]},
            {"state": "odd", "state_label": "Odd"}
        ], "page": 1});
        ticket_states(&mut page, "fr");
        assert_eq!(
            page["results"][0]["state_label"],
            "En attente du fournisseur"
        );
        assert_eq!(
            page["results"][1]["state_label"], "Odd",
            "unknown states keep their name"
        );
        let mut note = json!({"state": "fixed"});
        ticket_states(&mut note, "es");
        assert!(
            note.get("state_label").is_none(),
            "only tickets are touched"
        );
    }
}
