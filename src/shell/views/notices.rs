//! Notices about the whole app, under the header: offline, storage not kept, the device's
//! store, a new version. Each sits in a live region that is in the page before it speaks, and
//! stays until its cause goes or the user dismisses it (the X, or Escape inside it) where it
//! can be put off; none has a lifetime, as each asks for an action or describes a lasting
//! state. The ticket updates, which do expire, are in `updates.rs`; both share the X here.

use leptos::prelude::*;

use super::icons::{Icon, IconName};
use crate::i18n::Msg;
use crate::shell::platform;
use crate::shell::state::{tr, use_app};

/// The X that dismisses a notice, named "Dismiss" for assistive technology.
pub fn dismiss_button(on_dismiss: impl Fn() + 'static) -> impl IntoView {
    view! {
        <button type="button" class="dismiss" on:click=move |_| on_dismiss()>
            <Icon name=IconName::Close />
            <span class="visually-hidden">{tr(Msg::Dismiss)}</span>
        </button>
    }
}

/// Where focus goes when the notice holding it goes: back where it came from (`back`), if
/// that is still in the page, else to the page's heading.
pub fn refocus(back: Option<web_sys::HtmlElement>) {
    match back.filter(|e| e.is_connected()) {
        Some(e) => drop(e.focus()),
        None => drop(platform::focus_main_heading()),
    }
}

/// Whether focus is inside `el`.
pub fn holds_focus(el: &web_sys::Element) -> bool {
    document()
        .active_element()
        .is_some_and(|a| el.contains(Some(&a)))
}

/// A banner the user may put off: Escape inside it or its X calls `close`, and focus, if it
/// was inside, goes to the page's heading.
fn banner(close: impl Fn() + Clone + 'static, content: impl IntoView + 'static) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let close = move || {
        let had_focus = node.get_untracked().is_some_and(|el| holds_focus(&el));
        close();
        if had_focus {
            refocus(None);
        }
    };
    let on_key = {
        let close = close.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                close();
            }
        }
    };
    view! {
        <div class="notice notice--banner" node_ref=node on:keydown=on_key>
            {content}
            {dismiss_button(close)}
        </div>
    }
}

/// Explains what offline means while it lasts; a polite live region announces the change.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = use_app().online;
    view! {
        <div class="offline-banner-region" role="status" aria-live="polite">
            <Show when=move || !online.get()>
                <p class="offline-banner">
                    <Icon name=IconName::Offline />
                    <span>{tr(Msg::StatusOfflineHint)}</span>
                </p>
            </Show>
        </div>
    }
}

/// Says plainly when what the user does on this device will not be kept.
#[component]
pub fn StorageNotice(
    /// The storage failure, if any.
    problem: Option<String>,
) -> impl IntoView {
    let lang = use_app().lang;
    let open = RwSignal::new(true);
    problem.map(|reason| {
        view! {
            <div role="status">
                <Show when=move || open.get()>
                    {
                        let reason = reason.clone();
                        let text = move || {
                            crate::i18n::t_with(lang.get(), Msg::StorageNotKept, &[("reason", &reason)])
                        };
                        banner(move || open.set(false), view! { <p>{text}</p> })
                    }
                </Show>
            </div>
        }
    })
}

/// What the device's store needs the user to know: another tab holds an older version open,
/// this tab's version was replaced (both need the user to act, so they are alerts and cannot
/// be put off), or caches were emptied for room.
#[component]
pub fn StoreNotice() -> impl IntoView {
    use crate::shell::store::StoreEvent;
    let store = use_app().store;
    let urgent = move || match store.get() {
        Some(StoreEvent::Blocked) => Some((Msg::StoreBlocked, false)),
        Some(StoreEvent::Replaced) => Some((Msg::StoreReplaced, true)),
        _ => None,
    };
    view! {
        <div role="status">
            <Show when=move || matches!(store.get(), Some(StoreEvent::Trimmed))>
                {banner(move || store.set(None), view! { <p>{tr(Msg::StoreTrimmed)}</p> })}
            </Show>
        </div>
        {move || {
            urgent()
                .map(|(msg, reload)| {
                    view! {
                        <div class="notice notice--banner" role="alert">
                            <p>{tr(msg)}</p>
                            {reload
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="button button--primary"
                                            on:click=|_| platform::reload()
                                        >
                                            {tr(Msg::Reload)}
                                        </button>
                                    }
                                })}
                        </div>
                    }
                })
        }}
    }
}

/// A new version of the portal is installed: offers to switch to it, at the user's word
/// (switching reloads the page; what the user typed is in drafts), or later: dismissed, it is
/// offered again on the next visit.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(platform::update_waiting());
    let listener = window_event_listener_untyped("portico-update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
        <div role="status">
            <Show when=move || ready.get()>
                {banner(
                    move || ready.set(false),
                    view! {
                        <p>{tr(Msg::UpdateReady)}</p>
                        <button type="button" class="button button--primary" on:click=|_| platform::apply_update()>
                            {tr(Msg::UpdateReload)}
                        </button>
                    },
                )}
            </Show>
        </div>
    }
}
