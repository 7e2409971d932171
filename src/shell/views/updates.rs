//! The ticket updates the background refresh finds ("REQ-1003 is now Resolved"), as a small
//! notice shown one at a time for a lifetime (the queue and its rules are the core's
//! `tracking::notices`; this file is its timer, its place on screen and its view).

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::icons::{Icon, IconName};
use super::notices::{dismiss_button, holds_focus, refocus};
use crate::i18n::{plural, Msg};
use crate::routes::Page;
use crate::shell::platform;
use crate::shell::state::{tr, use_app};
use crate::tracking::notices::place;
use crate::tracking::{Notices, Place};

/// The gap between the notice and the edge of the screen, in CSS pixels (a little over the
/// stylesheet's `--space-4`, for the larger root font sizes).
const MARGIN: f64 = 20.0;

/// What the background refresh found, one notice at a time. A visually hidden polite live
/// region, always in the page, says each notice once; the notice itself is a labelled region
/// with its ticket's link and an X (Escape works too). Its time stands still while the pointer
/// is over it or focus is in it, and it sits at the bottom of the screen, or at the top when
/// the focused element is down there, or waits hidden when neither spot is clear.
#[component]
pub fn Updates() -> impl IntoView {
    let app = use_app();
    let news = app.tracking.news;
    let current = Memo::new(move |_| news.with(|n| n.current().cloned()));
    let waiting = Memo::new(move |_| news.with(Notices::waiting) as u64);
    let (hovered, focused) = (RwSignal::new(false), RwSignal::new(false));
    let spot = RwSignal::new((Place::Bottom, 0.0));
    let node = NodeRef::<leptos::html::Section>::new();
    // Where focus was before it came into the notice, to go back to on dismiss.
    let back = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // The one timer: set for when the notice shown expires, reset on every change.
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        if let Some(Some(timer)) = previous {
            timer.clear();
        }
        let wait = news
            .with(Notices::expires_at)?
            .saturating_sub(platform::now_ms());
        set_timeout_with_handle(
            move || {
                news.update(|n| {
                    n.tick(platform::now_ms());
                })
            },
            std::time::Duration::from_millis(wait),
        )
        .ok()
    });
    // Gone from the page, it can be neither hovered nor focused (no leave event follows).
    Effect::new(move |_| {
        if current.with(Option::is_none) {
            hovered.set(false);
            focused.set(false);
        }
    });
    Effect::new(move |_| {
        let held = hovered.get() || focused.get() || spot.get().0 == Place::Hold;
        news.update(|n| n.hold(held, platform::now_ms()));
    });

    let measure = move || {
        let Some(el) = node.get_untracked() else {
            return;
        };
        if holds_focus(&el) {
            return;
        }
        let focus = document()
            .active_element()
            .filter(|a| !matches!(a.tag_name().as_str(), "BODY" | "HTML" | "MAIN"))
            .map(|a| {
                let r = a.get_bounding_client_rect();
                (r.top(), r.bottom())
            });
        let (visible, lift) = platform::visible_height();
        let at = (
            place(focus, f64::from(el.offset_height()), visible, MARGIN),
            lift,
        );
        if spot.get_untracked() != at {
            spot.set(at);
        }
    };
    Effect::new(move |_| {
        if current.with(Option::is_some) {
            request_animation_frame(measure);
        }
    });
    let listeners = [
        window_event_listener_untyped("focusin", move |_| measure()),
        window_event_listener_untyped("focusout", move |_| request_animation_frame(measure)),
        window_event_listener_untyped("scroll", move |_| measure()),
        window_event_listener_untyped("resize", move |_| measure()),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));

    let dismiss = move || {
        let had_focus = node.get_untracked().is_some_and(|el| holds_focus(&el));
        news.update(|n| n.dismiss(platform::now_ms()));
        if had_focus {
            focused.set(false);
            refocus(back.get_value());
        }
    };
    let inside = move |target: Option<web_sys::EventTarget>| {
        let target = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        node.get_untracked()
            .is_some_and(|el| target.is_some_and(|t| el.contains(Some(&t))))
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        focused.set(true);
        if !inside(ev.related_target()) {
            back.set_value(ev.related_target().and_then(|t| t.dyn_into().ok()));
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if !inside(ev.related_target()) {
            focused.set(false);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            dismiss();
        }
    };
    let more = move || {
        let n = waiting.get();
        (n > 0).then(|| {
            view! {
                <span class="toast__more">
                    {move || plural(app.lang.get(), n, Msg::UpdatesMoreOne, Msg::UpdatesMoreMany)}
                </span>
            }
        })
    };
    view! {
        <div class="visually-hidden" role="status" aria-label=tr(Msg::UpdatesLabel)>
            {move || current.get().map(|n| n.text)}
        </div>
        <Show when=move || current.with(Option::is_some)>
            <section
                node_ref=node
                class="toast"
                class:toast--top=move || spot.get().0 == Place::Top
                class:toast--held=move || spot.get().0 == Place::Hold
                style=move || format!("--lift:{}px", spot.get().1)
                aria-label=tr(Msg::UpdatesLabel)
                on:mouseenter=move |_| hovered.set(true)
                on:mouseleave=move |_| hovered.set(false)
                on:focusin=on_focusin
                on:focusout=on_focusout
                on:keydown=on_key
            >
                <Icon name=IconName::Ticket />
                <p class="toast__text">
                    {move || {
                        current
                            .get()
                            .map(|n| view! { <A href=Page::Ticket(n.ticket_id).href()>{n.text}</A> })
                    }}
                    {more}
                </p>
                {dismiss_button(dismiss)}
            </section>
        </Show>
    }
}
