//! The landing page: the three things people come for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Msg;
use crate::routes::Page;
use crate::shell::state::tr;
use crate::shell::views::icons::{Icon, IconName};
use crate::shell::views::page::{msg_signal, PageLayout};

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
            <ul class="card-grid">{cards}</ul>
        </PageLayout>
    }
}
