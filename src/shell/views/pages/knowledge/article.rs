//! An article: its body rendered safely, a table of contents for long ones, copy buttons on
//! code, "Was this helpful?", related articles, translations and a print button.

use leptos::prelude::*;
use leptos_router::components::A;

use super::language_name;
use crate::connector::PortalError;
use crate::i18n::{plural, t, t_with, Msg};
use crate::markdown::Heading;
use crate::model::Article as ArticleModel;
use crate::routes::Page;
use crate::search::Query;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{date_text, entity_view, load, Loading};
use crate::shell::views::markdown_view::{image_failed, labels, prose_click};
use crate::shell::views::page::PageLayout;
use crate::shell::views::pages::{use_route_id, MissingEntity};
use crate::shell::{backend, kb, platform, usage};

/// Articles with at least this many headings get a table of contents.
const TOC_FROM: usize = 3;
const RELATED: usize = 3;

#[component]
pub fn Article() -> impl IntoView {
    let id = use_route_id();
    let article = load_article(id);
    let retry = Callback::new(move |_| article.refetch());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                article_view(article.await, id, retry, |a| view! { <ArticlePage article=a /> }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn ArticlePage(article: ArticleModel) -> impl IntoView {
    let lang = use_app().lang;
    {
        // The index learns of an article changed since the last sync.
        let copy = article.clone();
        leptos::task::spawn_local(async move { kb::note_article(&copy).await });
    }
    let rendered = {
        let article = article.clone();
        Memo::new(move |_| {
            let l = lang.get();
            article.render(&labels(l))
        })
    };
    let copied = RwSignal::new(None::<Msg>);
    let on_click = move |ev| prose_click(ev, copied, lang.get_untracked());
    let ArticleModel {
        id,
        title,
        summary,
        category,
        language,
        updated,
        votes,
        translations,
        tags,
        ..
    } = article;
    let helpful = u64::from(votes.helpful);
    let related_query = format!("{title} {} ", tags.join(" "));
    let headings = move || rendered.read().headings.clone();
    let related_language = language.clone();
    let translation_ids: Vec<String> = translations.iter().map(|t| t.id.clone()).collect();
    view! {
        <article lang=language.clone() class="article">
            <PageLayout title=Signal::stored(title) intro=Signal::stored(summary)>
                <p class="article__meta">
                    <span>{category}</span>
                    " · "
                    <span>{move || t_with(lang.get(), Msg::ArticleUpdated, &[("date", &date_text(lang.get(), updated))])}</span>
                    " · "
                    <span>{move || plural(lang.get(), helpful, Msg::HelpfulOne, Msg::HelpfulMany)}</span>
                    <button type="button" class="button button--small article__print" on:click=|_| platform::print()>
                        {tr(Msg::PrintArticle)}
                    </button>
                </p>
                {(!translations.is_empty())
                    .then(|| {
                        view! {
                            <nav class="article__translations" aria-label=tr(Msg::AlsoIn)>
                                <span>{tr(Msg::AlsoIn)} {tr(Msg::LabelColon)}</span>
                                {translations
                                    .into_iter()
                                    .map(|other| {
                                        view! {
                                            <A href=Page::Article(other.id).href()>
                                                <span lang=other.language.clone()>{language_name(&other.language)}</span>
                                            </A>
                                        }
                                    })
                                    .collect_view()}
                            </nav>
                        }
                    })}
                {move || {
                    let list = headings();
                    (list.len() >= TOC_FROM).then(|| view! { <Contents headings=list /> })
                }}
                <div
                    class="prose"
                    on:click=on_click
                    on:error:capture=move |ev| image_failed(&ev, lang.get_untracked())
                    inner_html=move || rendered.read().html.clone()></div>
                <p class="visually-hidden" role="status">{move || copied.get().map(|m| t(lang.get(), m))}</p>
                <Vote id=id.clone() />
                <Related id language=related_language related_query translations=translation_ids />
            </PageLayout>
        </article>
    }
}

#[component]
fn Contents(headings: Vec<Heading>) -> impl IntoView {
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title" class="toc__title">{tr(Msg::ArticleContents)}</h2>
            <ol>
                {headings
                    .into_iter()
                    .map(|h| {
                        let target = h.id.clone();
                        view! {
                            <li class=format!("toc__level-{}", h.level)>
                                <a
                                    href=format!("#{}", h.id)
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        platform::jump_to(&target);
                                    }
                                >
                                    {h.text}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// Where a vote stands.
#[derive(Clone, Debug, PartialEq)]
enum VoteState {
    Open,
    Sending(bool),
    Sent(bool),
    Failed(bool, PortalError),
}

#[component]
fn Vote(id: String) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let supported = backend::connector().is_some_and(|c| c.capabilities().vote);
    // Remembered on this device (never on a kiosk), so the buttons show it on the next visit.
    let state = RwSignal::new(match usage::vote(app, &id) {
        Some(helpful) => VoteState::Sent(helpful),
        None => VoteState::Open,
    });
    let send = move |helpful: bool| {
        let id = id.clone();
        state.set(VoteState::Sending(helpful));
        leptos::task::spawn_local(async move {
            let result = match backend::connector() {
                Some(c) => backend::run(c.vote(&id, helpful)).await,
                None => Err(PortalError::NotSignedIn),
            };
            match result {
                Ok(()) => {
                    usage::note_vote(app, &id, helpful);
                    state.set(VoteState::Sent(helpful));
                }
                Err(e) => state.set(VoteState::Failed(helpful, e)),
            }
        });
    };
    let pressed = move |answer: bool| match state.get() {
        VoteState::Sent(h) | VoteState::Sending(h) => h == answer,
        _ => false,
    };
    let busy = move || !matches!(state.get(), VoteState::Open | VoteState::Failed(..));
    let button = move |answer: bool, label: Msg| {
        let send = send.clone();
        view! {
            <button
                type="button"
                class="button"
                aria-pressed=move || pressed(answer).to_string()
                aria-disabled=move || busy().to_string()
                on:click=move |_| {
                    if !busy() {
                        send(answer)
                    }
                }
            >
                {tr(label)}
            </button>
        }
    };
    supported.then(|| {
        view! {
            <section class="vote" aria-labelledby="vote-title">
                <h2 id="vote-title" class="vote__title">{tr(Msg::VoteQuestion)}</h2>
                <div class="vote__buttons">{button(true, Msg::AnswerYes)} {button(false, Msg::AnswerNo)}</div>
                <p role="status" class="vote__status">
                    {move || match state.get() {
                        VoteState::Sent(_) => Some(t(lang.get(), Msg::VoteThanks).to_owned()),
                        VoteState::Failed(_, e) => {
                            Some(t_with(lang.get(), Msg::VoteFailed, &[("error", &e.user_message(lang.get()))]))
                        }
                        _ => None,
                    }}
                </p>
            </section>
        }
    })
}

/// Up to three articles on the same subject: the search engine's best matches for this
/// article's title and tags, without itself and its translations.
#[component]
fn Related(
    id: String,
    language: String,
    related_query: String,
    translations: Vec<String>,
) -> impl IntoView {
    let found = LocalResource::new(move || {
        let (id, query, skip, language) = (
            id.clone(),
            related_query.clone(),
            translations.clone(),
            language.clone(),
        );
        async move {
            // Straight to an article: the index may not have met the backend's list yet.
            if let Some(k) = kb::open().await {
                if !k.borrow().synced {
                    let _ = kb::sync(&k).await;
                }
            }
            kb::with(|kb| {
                let hits = kb.index.search(
                    &Query {
                        text: &query,
                        category: None,
                        prefer_language: Some(&language),
                        limit: 3 * RELATED + 1 + skip.len(),
                        editions: Some(&kb.editions),
                    },
                    |other| kb.texts.get(other).map(String::as_str),
                );
                // Each other article once, in this article's language where it has one.
                let own = kb.editions.article(&id);
                let mut list: Vec<(String, String, String)> = hits
                    .hits
                    .into_iter()
                    .filter(|h| h.id != id && !skip.contains(&h.id))
                    .filter(|h| own.is_none() || kb.editions.article(&h.id) != own)
                    .filter_map(|h| {
                        let shown = kb.editions.in_language(&h.id, &language).unwrap_or(&h.id);
                        kb.index
                            .entry(shown)
                            .map(|e| (e.id.to_owned(), e.title.to_owned(), e.language.to_owned()))
                    })
                    .collect();
                // The article's own language first: its translations are linked above.
                list.sort_by_key(|(_, _, l)| *l != language);
                list.truncate(RELATED);
                list
            })
            .unwrap_or_default()
        }
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let list = found.await;
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <section class="related" aria-labelledby="related-title">
                                <h2 id="related-title">{tr(Msg::RelatedArticles)}</h2>
                                <ul>
                                    {list
                                        .into_iter()
                                        .map(|(id, title, language)| {
                                            view! {
                                                <li>
                                                    <A href=Page::Article(id).href()>
                                                        <span lang=language>{title}</span>
                                                    </A>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Transition>
    }
}

/// An article loaded for its page.
fn load_article(id: Memo<String>) -> LocalResource<Result<crate::model::Article, PortalError>> {
    load(move |c| c.get_article(&id.get()))
}

fn article_view(
    loaded: Result<crate::model::Article, PortalError>,
    id: Memo<String>,
    retry: Callback<()>,
    found: impl FnOnce(crate::model::Article) -> AnyView,
) -> AnyView {
    entity_view(
        loaded,
        found,
        move || {
            view! {
                <MissingEntity
                    title=Msg::ArticleNotFoundTitle
                    message=Msg::ArticleNotFound
                    id
                    back=(Page::Knowledge, Msg::BackToKnowledge)
                />
            }
            .into_any()
        },
        Msg::KnowledgeTitle,
        retry,
    )
}
