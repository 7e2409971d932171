//! The landing page: announcements, one search over services and articles, the services
//! people use most and this user's recent ones, then the three things people come for.

use leptos::prelude::*;
use leptos_router::components::A;

use super::catalog::item_card;
use crate::i18n::{plural, t, t_with, Msg};
use crate::model::{popular, Announcement, CatalogItem, Severity};
use crate::routes::{knowledge_search_href, Page};
use crate::search::Query;
use crate::shell::platform;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::load;
use crate::shell::views::icons::{Icon, IconName};
use crate::shell::views::page::{msg_signal, PageLayout};
use crate::shell::{backend, drafts, kb, usage};

#[component]
pub fn Home() -> impl IntoView {
    let cards = [
        (Page::Catalog, IconName::Catalog, Msg::HomeCatalogDesc),
        (Page::Knowledge, IconName::Book, Msg::HomeKnowledgeDesc),
        (Page::Tickets, IconName::Ticket, Msg::HomeTicketsDesc),
    ]
    .into_iter()
    .map(|(page, icon, desc)| {
        view! {
            <li class="card">
                <A href=page.href() attr:class="card__link">
                    <span class="card__icon">
                        <Icon name=icon />
                    </span>
                    <span class="card__title">{tr(page.label())}</span>
                    <span class="card__text">{tr(desc)}</span>
                </A>
            </li>
        }
    })
    .collect_view();
    view! {
        <PageLayout title=msg_signal(Msg::HomeTitle) intro=msg_signal(Msg::HomeIntro)>
            <Announcements />
            <HomeSearch />
            <DraftsLink />
            <ul class="card-grid">{cards}</ul>
            <Shortcuts />
        </PageLayout>
    }
}

/// The service desk's current announcements. A failure to load them is not worth an error on
/// the home page: the rest of the portal still works, so they are simply not shown.
#[component]
fn Announcements() -> impl IntoView {
    let notices = load(|c| c.list_announcements());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let now = platform::now_unix_seconds();
                let active: Vec<Announcement> =
                    notices.await.unwrap_or_default().into_iter().filter(|a| a.is_active(now)).collect();
                active.into_iter().map(announcement).collect_view()
            })}
        </Transition>
    }
}

fn announcement(a: Announcement) -> impl IntoView {
    let class = match a.severity {
        Severity::Info => "announcement",
        Severity::Warning => "announcement announcement--warning",
        Severity::Critical => "announcement announcement--critical",
    };
    view! {
        <aside class=class aria-label=tr(Msg::Announcement)>
            <Icon name=IconName::Megaphone />
            <p>
                <strong>{tr(Msg::Announcement)} {tr(Msg::LabelColon)}</strong>
                {a.text}
            </p>
        </aside>
    }
}

/// How many matches of each kind the home search lists.
const SEARCH_LIMIT: usize = 5;

/// One box that finds services and articles together, as the user types.
#[component]
fn HomeSearch() -> impl IntoView {
    let lang = use_app().lang;
    let query = RwSignal::new(String::new());
    let categories = load(|c| c.list_categories());
    let items = load(|c| c.list_items());
    // Articles come from the knowledge base's search engine, on the index kept on the device.
    let articles_ready = LocalResource::new(|| async {
        if let Some(kb) = kb::open().await {
            if !kb.borrow().synced {
                let _ = kb::sync(&kb).await;
            }
        }
        true
    });
    let results = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let l = lang.get();
        // Whatever has loaded is searched; a source that failed is simply not in the results.
        let names: Vec<(String, String)> = categories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let category_name = |id: &str| {
            names
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, n)| n.as_str())
                .unwrap_or("")
        };
        let found_items: Vec<CatalogItem> = items
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|i| i.matches(&q, category_name(&i.category_id)))
            .take(SEARCH_LIMIT)
            .collect();
        articles_ready.track();
        let (found_articles, article_total) = kb::with(|kb| {
            let found = kb.index.search(
                &Query {
                    text: &q,
                    category: None,
                    prefer_language: Some(l.code()),
                    limit: SEARCH_LIMIT,
                },
                |id| kb.texts.get(id).map(String::as_str),
            );
            let rows: Vec<(String, String, String)> = found
                .hits
                .iter()
                .filter_map(|h| kb.index.entry(&h.id))
                .map(|e| (e.id.to_owned(), e.title.to_owned(), e.summary.to_owned()))
                .collect();
            (rows, found.total)
        })
        .unwrap_or_default();
        let count = (found_items.len() + found_articles.len()) as u64;
        let status = if count == 0 {
            t_with(l, Msg::HomeSearchNone, &[("query", q.trim())])
        } else {
            plural(l, count, Msg::ResultsOne, Msg::ResultsMany)
        };
        let group = |title: Msg, links: Vec<(String, String, String)>| {
            (!links.is_empty()).then(|| {
                let rows = links
                    .into_iter()
                    .map(|(href, name, text)| {
                        view! {
                            <li>
                                <A href=href attr:class="search-results__link">{name}</A>
                                <span class="search-results__text">{text}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h2 class="search-results__title">{t(l, title)}</h2>
                    <ul class="search-results__list">{rows}</ul>
                }
            })
        };
        let item_links = found_items
            .into_iter()
            .map(|i| (Page::CatalogItem(i.id).href(), i.name, i.short_description))
            .collect();
        let article_links = found_articles
            .into_iter()
            .map(|(id, title, summary)| (Page::Article(id).href(), title, summary))
            .collect();
        let all_articles = (article_total > SEARCH_LIMIT).then(|| {
            view! {
                <p class="search-results__more">
                    <A href=knowledge_search_href(&q, None)>
                        {t_with(l, Msg::HomeSearchAllArticles, &[("count", &article_total.to_string())])}
                    </A>
                </p>
            }
        });
        Some(view! {
            <p class="search-results__count">{status}</p>
            {group(Msg::HomeSearchServices, item_links)}
            {group(Msg::HomeSearchArticles, article_links)}
            {all_articles}
        })
    };
    view! {
        <form class="search-box home-search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="home-search">{tr(Msg::HomeSearchLabel)}</label>
            <input
                id="home-search"
                type="search"
                autocomplete="off"
                aria-describedby="home-search-results"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </form>
        <div id="home-search-results" class="search-results" role="status">{results}</div>
    }
}

/// "Unsent drafts: 2", when there are any.
#[component]
fn DraftsLink() -> impl IntoView {
    let lang = use_app().lang;
    let count = LocalResource::new(|| async {
        let Some(connector) = backend::connector() else {
            return 0;
        };
        let prefix = crate::forms::draft::draft_prefix(&connector.id());
        drafts::list(&prefix).await.map(|l| l.len()).unwrap_or(0)
    });
    move || {
        let n = count.get().unwrap_or(0);
        (n > 0).then(|| {
            view! {
                <p class="drafts-link">
                    <A href=Page::Drafts.href()>
                        {move || t_with(lang.get(), Msg::DraftsLink, &[("count", &n.to_string())])}
                    </A>
                </p>
            }
        })
    }
}

/// The services people ask for most, and the ones this user opened lately.
#[component]
fn Shortcuts() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let items = load(|c| c.list_items());
    let recent_ids = usage::recent_items(app);
    move || {
        let all = items.get().and_then(Result::ok).unwrap_or_default();
        let recent: Vec<CatalogItem> = recent_ids
            .iter()
            .filter_map(|id| all.iter().find(|i| i.id == *id).cloned())
            .collect();
        let popular: Vec<CatalogItem> = popular(&all, 4).into_iter().cloned().collect();
        let section = |id: &'static str, title: Msg, list: Vec<CatalogItem>| {
            (!list.is_empty()).then(|| {
                view! {
                    <section class="shortcuts" aria-labelledby=id>
                        <h2 id=id>{tr(title)}</h2>
                        <ul class="item-grid">
                            {list.into_iter().map(|i| item_card(i, lang)).collect_view()}
                        </ul>
                    </section>
                }
            })
        };
        view! {
            {section("recent-title", Msg::HomeRecent, recent)}
            {section("popular-title", Msg::HomePopular, popular)}
        }
    }
}
