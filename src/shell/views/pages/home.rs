//! The landing page: announcements, then the three things people come for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Msg;
use crate::model::{Announcement, Severity};
use crate::routes::Page;
use crate::shell::platform;
use crate::shell::state::tr;
use crate::shell::views::data::load;
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
            <Announcements />
            <ul class="card-grid">{cards}</ul>
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
                <strong>{tr(Msg::Announcement)} ": "</strong>
                {a.text}
            </p>
        </aside>
    }
}
