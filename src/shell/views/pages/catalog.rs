//! The service catalog and a catalog item. The catalog fills in once a backend connector is
//! wired in; until then it says honestly that nothing is available.

use leptos::prelude::*;

use super::{use_route_id, MissingEntity};
use crate::i18n::Msg;
use crate::routes::Page;
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

#[component]
pub fn Catalog() -> impl IntoView {
    view! {
        <PageLayout title=msg_signal(Msg::CatalogTitle) intro=msg_signal(Msg::CatalogIntro)>
            <EmptyState
                icon=IconName::Catalog
                message=msg_signal(Msg::CatalogEmpty)
                hint=msg_signal(Msg::CatalogEmptyHint)
                action=(Page::Knowledge.href(), msg_signal(Msg::NavKnowledge))
            />
        </PageLayout>
    }
}

#[component]
pub fn CatalogItem() -> impl IntoView {
    view! {
        <MissingEntity
            title=Msg::ItemNotFoundTitle
            message=Msg::ItemNotFound
            id=use_route_id()
            back=(Page::Catalog, Msg::BackToCatalog)
        />
    }
}
