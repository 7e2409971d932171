//! The user's tickets and one ticket.

use leptos::prelude::*;

use super::{use_route_id, MissingEntity};
use crate::i18n::Msg;
use crate::routes::Page;
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

#[component]
pub fn Tickets() -> impl IntoView {
    view! {
        <PageLayout title=msg_signal(Msg::TicketsTitle) intro=msg_signal(Msg::TicketsIntro)>
            <EmptyState
                icon=IconName::Ticket
                message=msg_signal(Msg::TicketsEmpty)
                hint=msg_signal(Msg::TicketsEmptyHint)
                action=(Page::Catalog.href(), msg_signal(Msg::NavCatalog))
            />
        </PageLayout>
    }
}

#[component]
pub fn Ticket() -> impl IntoView {
    view! {
        <MissingEntity
            title=Msg::TicketNotFoundTitle
            message=Msg::TicketNotFound
            id=use_route_id()
            back=(Page::Tickets, Msg::BackToTickets)
        />
    }
}
