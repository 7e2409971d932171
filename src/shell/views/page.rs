//! The frame every page shares: one focusable `h1` that also titles the document, and the
//! empty state used wherever a list has nothing to show.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{Icon, IconName};
use crate::i18n::{t, Msg};
use crate::shell::platform;
use crate::shell::state::use_app;

/// A translated message as a reactive string signal.
pub fn msg_signal(msg: Msg) -> Signal<String> {
    let lang = use_app().lang;
    Signal::derive(move || t(lang.get(), msg).to_owned())
}

/// A page: its heading (the target of focus after navigation), an optional intro, content.
#[component]
pub fn PageLayout(
    /// The main heading; also the first part of the document title.
    #[prop(into)]
    title: Signal<String>,
    /// A sentence under the heading.
    #[prop(optional, into)]
    intro: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let portal = use_app().config.with_value(|c| c.portal_name.clone());
    Effect::new(move |_| platform::set_title(&format!("{} · {portal}", title.get())));
    view! {
        <div class="page">
            <header class="page__header">
                <h1 class="page__title" tabindex="-1">{move || title.get()}</h1>
                {intro.map(|intro| view! { <p class="page__intro">{move || intro.get()}</p> })}
            </header>
            {children()}
        </div>
    }
}

/// Nothing to show yet: say so plainly and offer the next step.
#[component]
pub fn EmptyState(
    /// What is empty.
    #[prop(into)]
    message: Signal<String>,
    /// What the user might do instead.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Where the suggested next step leads, with its label.
    #[prop(optional)]
    action: Option<(String, Signal<String>)>,
    /// The illustration.
    icon: IconName,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <div class="empty-state__icon">
                <Icon name=icon />
            </div>
            <p class="empty-state__message">{move || message.get()}</p>
            {hint.map(|hint| view! { <p class="empty-state__hint">{move || hint.get()}</p> })}
            {action
                .map(|(href, label)| {
                    view! {
                        <A href=href attr:class="button button--primary">
                            <span>{move || label.get()}</span>
                            <Icon name=IconName::Arrow />
                        </A>
                    }
                })}
        </section>
    }
}
