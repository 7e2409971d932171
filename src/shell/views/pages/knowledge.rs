//! The knowledge base: instant search over the articles on this device, and an article page
//! with safe formatting, a table of contents, feedback and related articles.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::connector::PortalError;
use crate::i18n::{plural, t, t_with, Lang, Msg};
use crate::routes::{knowledge_search_href, Page};
use crate::search::Piece;
use crate::shell::kb;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{ErrorNotice, Loading};
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

mod article;
mod results;

pub use article::Article;
use results::{run_search, Results, Row};

/// Results shown at first, and added by "Show more".
const PAGE: usize = 20;

fn language_name(code: &str) -> String {
    Lang::from_tag(code).map_or_else(|| code.to_owned(), |l| l.native_name().to_owned())
}

/// Text with the matched words in `<mark>`.
fn marked(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.hit {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}

/// Where the knowledge base stands on this page.
#[derive(Clone, Debug, PartialEq)]
enum Sync {
    /// Reading the saved index and the backend's list.
    Loading,
    Done,
    Failed(PortalError),
}

#[component]
pub fn Knowledge() -> impl IntoView {
    // Bumped whenever the index changes, so searches run again.
    let version = RwSignal::new(0u32);
    let sync = RwSignal::new(Sync::Loading);
    let start = move || {
        sync.set(Sync::Loading);
        leptos::task::spawn_local(async move {
            let Some(kb) = kb::open().await else {
                sync.set(Sync::Failed(PortalError::NotSignedIn));
                return;
            };
            // The saved index answers at once; the backend's list follows.
            version.update(|v| *v += 1);
            let result = kb::sync(&kb).await;
            version.update(|v| *v += 1);
            sync.set(match result {
                Ok(_) => Sync::Done,
                Err(e) => Sync::Failed(e),
            });
        });
    };
    start();
    let retry = Callback::new(move |_| start());
    let has_articles = Memo::new(move |_| {
        version.track();
        kb::with(|kb| !kb.index.is_empty()).unwrap_or(false)
    });
    let stale = Signal::derive(move || match sync.get() {
        Sync::Failed(e) => Some(e),
        _ => None,
    });
    // Once there is something to search, the search box stays: the backend's list arriving
    // while the user types must not replace the box under their fingers.
    view! {
        <PageLayout title=msg_signal(Msg::KnowledgeTitle) intro=msg_signal(Msg::KnowledgeIntro)>
            {move || {
                if has_articles.get() {
                    return view! { <Search version stale /> }.into_any();
                }
                match sync.get() {
                    Sync::Loading => view! { <Loading /> }.into_any(),
                    Sync::Failed(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    Sync::Done => {
                        view! { <EmptyState icon=IconName::Book message=msg_signal(Msg::KnowledgeEmpty) /> }.into_any()
                    }
                }
            }}
        </PageLayout>
    }
}

#[component]
fn Search(version: RwSignal<u32>, stale: Signal<Option<PortalError>>) -> impl IntoView {
    let lang = use_app().lang;
    let params = use_query_map();
    let navigate = use_navigate();
    let url_query = Memo::new(move |_| params.read().get("q").unwrap_or_default());
    let category = Memo::new(move |_| params.read().get("category").filter(|c| !c.is_empty()));
    // What is in the box; the address follows it, and back/forward bring it back.
    let text = RwSignal::new(url_query.get_untracked());
    Effect::new(move |_| {
        let q = url_query.get();
        if text.get_untracked() != q {
            text.set(q);
        }
    });
    let limit = RwSignal::new(PAGE);
    let results = Memo::new(move |_| {
        version.track();
        run_search(
            &text.get(),
            category.get().as_deref(),
            lang.get(),
            limit.get(),
        )
    });
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        limit.set(PAGE);
        navigate(
            &knowledge_search_href(&value, category.get_untracked().as_deref()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let stale_notice = move || {
        stale.get().map(|error| {
            view! {
                <p class="notice notice--warning" role="status">
                    {move || t_with(lang.get(), Msg::KbStale, &[("error", &error.user_message(lang.get()))])}
                </p>
            }
        })
    };
    view! {
        {stale_notice}
        <form class="search-box" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="knowledge-search">{tr(Msg::KnowledgeSearchLabel)}</label>
            <input
                id="knowledge-search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="knowledge-count"
                prop:value=move || text.get()
                on:input=on_input
            />
        </form>
        <Facets results category text />
        <p class="list-count" id="knowledge-count" role="status">
            {move || {
                let r = results.read();
                let l = lang.get();
                if r.total == 0 {
                    t_with(l, Msg::KnowledgeNoMatch, &[("query", text.get().trim())])
                } else {
                    plural(l, r.total as u64, Msg::ArticlesOne, Msg::ArticlesMany)
                }
            }}
        </p>
        {move || {
            results
                .read()
                .did_you_mean
                .clone()
                .map(|suggestion| {
                    let href = knowledge_search_href(&suggestion, category.get().as_deref());
                    view! {
                        <p class="did-you-mean">
                            {tr(Msg::KbDidYouMean)} " "
                            <A href=href>
                                <strong>{suggestion}</strong>
                            </A>
                            {tr(Msg::KbDidYouMeanEnd)}
                        </p>
                    }
                })
        }}
        {move || {
            results
                .read()
                .only_other_languages
                .then(|| {
                    let l = lang.get();
                    view! {
                        <p class="notice other-languages">
                            {t_with(l, Msg::KbOnlyOtherLanguages, &[("query", text.get().trim())])}
                        </p>
                    }
                })
        }}
        <ol class="article-list" aria-label=tr(Msg::KnowledgeTitle)>
            <For
                each=move || results.get().rows
                key=|row| (row.id.clone(), format!("{:?}{:?}", row.title, row.text))
                let(row)
            >
                <ResultRow row />
            </For>
        </ol>
        {move || {
            let r = results.read();
            (r.total > r.rows.len())
                .then(|| {
                    view! {
                        <button type="button" class="button button--secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {tr(Msg::KbShowMore)}
                        </button>
                    }
                })
        }}
    }
}

#[component]
fn ResultRow(row: Row) -> impl IntoView {
    let lang = use_app().lang;
    let Row {
        id,
        title,
        text,
        category,
        language,
    } = row;
    let name = language_name(&language);
    let (title_lang, text_lang) = (language.clone(), language.clone());
    let foreign = move || language != lang.get().code();
    view! {
        <li class="article-card">
            <A href=Page::Article(id).href() attr:class="article-card__title">
                <span lang=title_lang>{marked(title)}</span>
            </A>
            <p class="article-card__summary" lang=text_lang>{marked(text)}</p>
            <p class="article-card__meta">
                <span>{category}</span>
                {move || foreign().then(|| view! { <span class="tag">{name.clone()}</span> })}
            </p>
        </li>
    }
}

/// Category filters, with how many matching articles each holds.
#[component]
fn Facets(
    results: Memo<Results>,
    category: Memo<Option<String>>,
    text: RwSignal<String>,
) -> impl IntoView {
    let lang = use_app().lang;
    move || {
        let facets = results.read().facets.clone();
        if facets.len() < 2 && category.get().is_none() {
            return None;
        }
        let total: usize = facets.iter().map(|(_, n)| n).sum();
        let q = text.get();
        let current = category.get();
        let link = |label: String, count: usize, value: Option<String>| {
            let active = value == current;
            let href = knowledge_search_href(&q, value.as_deref());
            view! {
                <li>
                    <A href=href attr:class="facet" attr:aria-current=active.then_some("true")>
                        <span>{label}</span>
                        <span class="facet__count">{count}</span>
                    </A>
                </li>
            }
        };
        let mut items = vec![link(
            t(lang.get(), Msg::KbAllCategories).to_owned(),
            total,
            None,
        )];
        for (name, count) in facets {
            items.push(link(name.clone(), count, Some(name)));
        }
        Some(view! {
            <nav class="facets" aria-label=tr(Msg::KbCategories)>
                <ul>{items}</ul>
            </nav>
        })
    }
}
