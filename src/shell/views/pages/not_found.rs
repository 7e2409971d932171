//! Addresses that lead nowhere: an unknown path, or an id the backend does not have.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::{t, t_with, Msg};
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};

/// The 404 page, with the way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_app().lang;
    let path = use_location().pathname;
    let links = Page::NAVIGATION
        .iter()
        .map(|page| view! { <li><A href=page.href()>{tr(page.label())}</A></li> })
        .collect_view();
    view! {
        <PageLayout title=msg_signal(Msg::NotFoundTitle)>
            <p class="lead">
                {move || t_with(lang.get(), Msg::NotFoundPath, &[("path", &path.get())])}
            </p>
            <p>{tr(Msg::NotFoundHelp)}</p>
            <ul class="link-list">{links}</ul>
        </PageLayout>
    }
}

/// A known kind of page whose item does not exist (or is not the user's to see).
#[component]
pub fn MissingEntity(
    /// The page title, such as "Ticket not found".
    title: Msg,
    /// The sentence, with an `{id}` placeholder.
    message: Msg,
    /// The id from the address.
    id: Memo<String>,
    /// Where to go instead, and its label.
    back: (Page, Msg),
) -> impl IntoView {
    let lang = use_app().lang;
    let message = Signal::derive(move || t_with(lang.get(), message, &[("id", &id.get())]));
    let (page, label) = back;
    let label = Signal::derive(move || t(lang.get(), label).to_owned());
    view! {
        <PageLayout title=msg_signal(title)>
            <EmptyState icon=IconName::Search message action=(page.href(), label) />
        </PageLayout>
    }
}
