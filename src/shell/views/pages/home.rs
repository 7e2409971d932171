//! The landing page: announcements, one search over services and articles, the services
//! people use most and this user's recent ones, then the three things people come for.

use leptos::prelude::*;
use leptos_router::components::A;

use super::catalog::item_card;
use crate::i18n::{found_text, t, t_with, Msg};
use crate::model::{popular, Announcement, CatalogItem, Severity};
use crate::routes::{knowledge_search_href, Page};
use crate::search::{Query, ServiceIndex};
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

/// How long typing must pause before the count of matches is announced.
const ANNOUNCE_AFTER_MS: i32 = 600;

/// A link in the home search's results: address, name, one line about it.
type ResultLink = (String, String, String);

/// What the home search found for one query.
#[derive(Clone, PartialEq)]
struct Found {
    items: Vec<ResultLink>,
    item_total: usize,
    articles: Vec<ResultLink>,
    article_total: usize,
}

impl Found {
    /// Where Enter goes: the first service, else the first article.
    fn first_href(&self) -> Option<String> {
        self.items
            .iter()
            .chain(&self.articles)
            .next()
            .map(|l| l.0.clone())
    }
}

/// One box that finds services and articles together, as the user types. The list is not a
/// live region (it would be re-read on every key): a separate status says only how many were
/// found, once typing pauses. Enter opens the first match, or the knowledge base's search.
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
    // The services, analysed for searching once per catalog rather than once per key.
    let services = Memo::new(move |_| {
        let items = items.get().and_then(Result::ok).unwrap_or_default();
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
        let index = ServiceIndex::new(items.iter().map(|i| (i, category_name(&i.category_id))));
        (items, index)
    });
    let found = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let l = lang.get();
        // Whatever has loaded is searched; a source that failed is simply not in the results.
        let found_items: Vec<CatalogItem> = services.with(|(items, index)| {
            index
                .search(&q)
                .into_iter()
                .filter_map(|hit| items.get(hit.position).cloned())
                .collect()
        });
        articles_ready.track();
        let (found_articles, article_total) = kb::with(|kb| {
            let found = kb.index.search(
                &Query {
                    text: &q,
                    category: None,
                    prefer_language: Some(l.code()),
                    limit: SEARCH_LIMIT,
                    editions: Some(&kb.editions),
                },
                |id| kb.texts.get(id).map(String::as_str),
            );
            // Each article once: the index picked the edition to show.
            let rows: Vec<(String, String, String)> = found
                .hits
                .iter()
                .filter_map(|h| kb.index.entry(&h.id))
                .map(|e| (e.id.to_owned(), e.title.to_owned(), e.summary.to_owned()))
                .collect();
            (rows, found.total)
        })
        .unwrap_or_default();
        Some(Found {
            item_total: found_items.len(),
            items: found_items
                .into_iter()
                .take(SEARCH_LIMIT)
                .map(|i| (Page::CatalogItem(i.id).href(), i.name, i.short_description))
                .collect(),
            article_total: article_total.max(found_articles.len()),
            articles: found_articles
                .into_iter()
                .map(|(id, title, summary)| (Page::Article(id).href(), title, summary))
                .collect(),
        })
    });
    let count_text = move |l, f: &Found| {
        if f.items.is_empty() && f.articles.is_empty() {
            t_with(
                l,
                Msg::HomeSearchNone,
                &[("query", query.get_untracked().trim())],
            )
        } else {
            found_text(l, f.item_total as u64, f.article_total as u64)
        }
    };
    let results = move || {
        let f = found.get()?;
        let l = lang.get();
        let q = query.get_untracked();
        let group = |title: Msg, links: Vec<ResultLink>| {
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
        let all_articles = (f.article_total > SEARCH_LIMIT).then(|| {
            view! {
                <p class="search-results__more">
                    <A href=knowledge_search_href(&q, None)>
                        {t_with(l, Msg::HomeSearchAllArticles, &[("count", &f.article_total.to_string())])}
                    </A>
                </p>
            }
        });
        Some(view! {
            <p class="search-results__count">{count_text(l, &f)}</p>
            {group(Msg::HomeSearchServices, f.items)}
            {group(Msg::HomeSearchArticles, f.articles)}
            {all_articles}
        })
    };
    // Set once per pause in typing, so it is heard once and never re-rendered meanwhile.
    let announced = RwSignal::new(String::new());
    let typed = StoredValue::new(0u32);
    let on_input = move |ev| {
        query.set(event_target_value(&ev));
        announced.set(String::new());
        typed.update_value(|n| *n = n.wrapping_add(1));
        let mine = typed.get_value();
        leptos::task::spawn_local(async move {
            platform::sleep(ANNOUNCE_AFTER_MS).await;
            if typed.try_get_value() == Some(mine) {
                let text = found
                    .try_get_untracked()
                    .flatten()
                    .map(|f| count_text(lang.get_untracked(), &f))
                    .unwrap_or_default();
                announced.try_set(text);
            }
        });
    };
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked();
        if q.trim().is_empty() {
            return;
        }
        let href = found
            .get_untracked()
            .and_then(|f| f.first_href())
            .unwrap_or_else(|| knowledge_search_href(&q, None));
        navigate(&href, Default::default());
    };
    view! {
        <form class="search-box home-search" role="search" on:submit=on_submit>
            <label for="home-search">{tr(Msg::HomeSearchLabel)}</label>
            <input
                id="home-search"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                prop:value=move || query.get()
                on:input=on_input
            />
        </form>
        <p id="home-search-status" class="visually-hidden" role="status">{move || announced.get()}</p>
        <div id="home-search-results" class="search-results">{results}</div>
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
