//! The knowledge base and an article.

use leptos::prelude::*;

use super::{use_route_id, MissingEntity};
use crate::i18n::Msg;
use crate::routes::Page;
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

#[component]
pub fn Knowledge() -> impl IntoView {
    view! {
        <PageLayout title=msg_signal(Msg::KnowledgeTitle) intro=msg_signal(Msg::KnowledgeIntro)>
            <EmptyState icon=IconName::Book message=msg_signal(Msg::KnowledgeEmpty) />
        </PageLayout>
    }
}

#[component]
pub fn Article() -> impl IntoView {
    view! {
        <MissingEntity
            title=Msg::ArticleNotFoundTitle
            message=Msg::ArticleNotFound
            id=use_route_id()
            back=(Page::Knowledge, Msg::BackToKnowledge)
        />
    }
}
