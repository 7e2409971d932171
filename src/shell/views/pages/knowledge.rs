//! The knowledge base and an article. Articles in the user's language come first.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{use_route_id, MissingEntity};
use crate::i18n::{plural, t_with, Lang, Msg};
use crate::model::Article;
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{
    all_pages, date_text, entity_view, load, ErrorNotice, Loading, TextBlocks,
};
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

fn language_name(code: &str) -> String {
    Lang::from_tag(code).map_or_else(|| code.to_owned(), |l| l.native_name().to_owned())
}

#[component]
pub fn Knowledge() -> impl IntoView {
    let articles = LocalResource::new(|| all_pages(|c, r| c.list_articles(r)));
    let retry = Callback::new(move |_| articles.refetch());
    view! {
        <PageLayout title=msg_signal(Msg::KnowledgeTitle) intro=msg_signal(Msg::KnowledgeIntro)>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match articles.await {
                        Ok(list) if list.is_empty() => {
                            view! { <EmptyState icon=IconName::Book message=msg_signal(Msg::KnowledgeEmpty) /> }.into_any()
                        }
                        Ok(list) => view! { <ArticleList articles=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </PageLayout>
    }
}

#[component]
fn ArticleList(articles: Vec<Article>) -> impl IntoView {
    let lang = use_app().lang;
    let query = RwSignal::new(String::new());
    let sorted = move || {
        let code = lang.get().code();
        let q = query.get();
        let mut list: Vec<Article> = articles.iter().filter(|a| a.matches(&q)).cloned().collect();
        list.sort_by(|a, b| {
            (a.language != code)
                .cmp(&(b.language != code))
                .then_with(|| a.title.cmp(&b.title))
        });
        list
    };
    let shown = Memo::new(move |_| sorted());
    view! {
        <form class="search-box" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="knowledge-search">{tr(Msg::KnowledgeSearchLabel)}</label>
            <input
                id="knowledge-search"
                type="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </form>
        <p class="list-count" role="status">
            {move || {
                let count = shown.with(Vec::len) as u64;
                if count == 0 {
                    t_with(lang.get(), Msg::KnowledgeNoMatch, &[("query", query.get().trim())])
                } else {
                    plural(lang.get(), count, Msg::KnowledgeCount, Msg::KnowledgeCount)
                }
            }}
        </p>
        <ul class="article-list">
            {move || {
                shown
                    .get()
                    .into_iter()
                    .map(|a| {
                        let foreign = a.language != lang.get().code();
                        let (title_lang, summary_lang, name) =
                            (a.language.clone(), a.language.clone(), language_name(&a.language));
                        view! {
                            <li class="article-card">
                                <A href=Page::Article(a.id).href() attr:class="article-card__title">
                                    <span lang=title_lang>{a.title}</span>
                                </A>
                                <p class="article-card__summary" lang=summary_lang>{a.summary}</p>
                                <p class="article-card__meta">
                                    <span>{a.category}</span>
                                    {foreign.then(|| view! { <span class="tag">{name}</span> })}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

#[component]
pub fn Article() -> impl IntoView {
    let id = use_route_id();
    let article = load(move |c| c.get_article(&id.get()));
    let retry = Callback::new(move |_| article.refetch());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                entity_view(
                    article.await,
                    |a| view! { <ArticlePage article=a /> }.into_any(),
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
            })}
        </Transition>
    }
}

#[component]
fn ArticlePage(article: Article) -> impl IntoView {
    let lang = use_app().lang;
    let Article {
        title,
        summary,
        body,
        category,
        language,
        updated,
        votes,
        translations,
        ..
    } = article;
    let helpful = u64::from(votes.helpful);
    view! {
        <article lang=language.clone() class="article">
            <PageLayout title=Signal::stored(title) intro=Signal::stored(summary)>
                <p class="article__meta">
                    <span>{category}</span>
                    " · "
                    <span>{move || t_with(lang.get(), Msg::ArticleUpdated, &[("date", &date_text(lang.get(), updated))])}</span>
                    " · "
                    <span>{move || plural(lang.get(), helpful, Msg::HelpfulOne, Msg::HelpfulMany)}</span>
                </p>
                {(!translations.is_empty())
                    .then(|| {
                        view! {
                            <nav class="article__translations" aria-label=tr(Msg::AlsoIn)>
                                <span>{tr(Msg::AlsoIn)} ": "</span>
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
                <div class="prose">
                    <TextBlocks markdown=body />
                </div>
            </PageLayout>
        </article>
    }
}
