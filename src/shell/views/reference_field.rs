//! A reference field: a combobox (WAI-ARIA 1.2, list autocomplete) that searches the backend's
//! source as the user types, a moment after they stop, and is chosen from with the arrow keys
//! and Enter or with a pointer. The value is the chosen entry's id; its label is kept with the
//! draft so a restored form reads the same.

use leptos::ev::KeyboardEvent;
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;

use super::request_form::FormExtras;
use crate::connector::{PortalError, Reference};
use crate::forms::Values;
use crate::i18n::{plural, t, t_with, Msg};
use crate::model::Value;
use crate::shell::backend;
use crate::shell::state::{tr, use_app};

/// How long after the last keystroke the source is searched.
const DEBOUNCE_MS: u64 = 250;

#[derive(Clone, PartialEq)]
enum Lookup {
    Idle,
    Searching,
    Found(Vec<Reference>),
    Failed(PortalError),
}

/// The combobox for field `key`; `described` names its help and error, `disabled` follows rules.
#[allow(clippy::too_many_arguments)]
pub(super) fn reference_input(
    id: String,
    key: StoredValue<String>,
    source: String,
    label: String,
    described: String,
    values: RwSignal<Values>,
    invalid: impl Fn() -> String + Send + Sync + 'static,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_app().lang;
    let labels = use_context::<FormExtras>().map(|x| x.labels);
    let chosen_label = move || labels.and_then(|l| l.with(|m| m.get(&key.get_value()).cloned()));
    // What the box shows: the chosen entry's label, or what the user is typing.
    // Read untracked: whatever draws this field must not redraw it when the label changes.
    let typed = RwSignal::new(untrack(chosen_label).unwrap_or_else(|| {
        values.with_untracked(|v| match v.get(&key.get_value()) {
            Some(Value::Text(id)) => id.clone(),
            _ => String::new(),
        })
    }));
    // A restored draft brings its labels after the field is drawn.
    Effect::new(move |_| {
        if let Some(label) = chosen_label() {
            typed.set(label);
        }
    });
    let lookup = RwSignal::new(Lookup::Idle);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let generation = StoredValue::new(0u64);
    let source = StoredValue::new(source);
    let listbox_id = format!("{id}-listbox");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };
    let options = move || match lookup.get() {
        Lookup::Found(list) => list,
        _ => Vec::new(),
    };

    let search = move |query: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let Some(connector) = backend::connector() else {
            lookup.set(Lookup::Failed(PortalError::NotSignedIn));
            return;
        };
        lookup.set(Lookup::Searching);
        leptos::task::spawn_local(async move {
            let found = backend::run(connector.lookup(&source.get_value(), query.trim())).await;
            // An answer to an older query is dropped: the user has typed on since.
            if generation.get_value() != mine {
                return;
            }
            match found {
                Ok(list) => {
                    active.set(None);
                    open.set(true);
                    lookup.set(Lookup::Found(list));
                }
                Err(error) => lookup.set(Lookup::Failed(error)),
            }
        });
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        // Typing replaces the choice: nothing is chosen until an entry is.
        values.update(|v| {
            v.remove(&key.get_value());
        });
        if let Some(l) = labels {
            l.update(|m| {
                m.remove(&key.get_value());
            });
        }
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        if text.trim().is_empty() {
            generation.update_value(|g| *g += 1);
            lookup.set(Lookup::Idle);
            open.set(false);
            return;
        }
        let handle = set_timeout_with_handle(
            move || search(text),
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
        timer.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    let choose = move |entry: Reference| {
        values.update(|v| {
            v.insert(key.get_value(), Value::Text(entry.id.clone()));
        });
        if let Some(l) = labels {
            l.update(|m| {
                m.insert(key.get_value(), entry.label.clone());
            });
        }
        typed.set(entry.label);
        open.set(false);
        active.set(None);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let count = options().len();
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                open.set(true);
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    })
                });
            }
            "Enter" if open.get_untracked() => {
                // Enter chooses; it must not send the form.
                ev.prevent_default();
                if let Some(entry) = active
                    .get_untracked()
                    .and_then(|i| options().get(i).cloned())
                {
                    choose(entry);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let list = {
        let option_id = option_id.clone();
        move || {
            options()
                .into_iter()
                .enumerate()
                .map(|(i, entry)| {
                    let text = entry.label.clone();
                    view! {
                        <li
                            role="option"
                            id=option_id(i)
                            class="combobox__option"
                            aria-selected=move || (active.get() == Some(i)).to_string()
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| choose(entry.clone())
                        >
                            {text}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let status = move || {
        let l = lang.get();
        match lookup.get() {
            Lookup::Idle => String::new(),
            Lookup::Searching => t(l, Msg::RefSearching).to_owned(),
            Lookup::Found(list) if list.is_empty() => t_with(
                l,
                Msg::RefNoMatch,
                &[("query", typed.get_untracked().trim())],
            ),
            Lookup::Found(list) => plural(l, list.len() as u64, Msg::ResultsOne, Msg::ResultsMany),
            Lookup::Failed(e) => t_with(l, Msg::RefFailed, &[("reason", &e.user_message(l))]),
        }
    };
    let status_id = format!("{id}-status");
    let hint_id = format!("{id}-hint");
    let describedby = format!("{hint_id} {described} {status_id}");
    let expanded = move || (open.get() && !options().is_empty()).to_string();
    view! {
        <input
            id=id
            type="text"
            role="combobox"
            autocomplete="off"
            aria-autocomplete="list"
            aria-expanded=expanded
            aria-controls=listbox_id.clone()
            aria-activedescendant=move || active.get().map(&option_id)
            aria-invalid=invalid
            aria-describedby=describedby
            prop:disabled=disabled
            prop:value=move || typed.get()
            on:input=on_input
            on:keydown=on_keydown
            on:blur=move |_| open.set(false)
        />
        <p id=hint_id class="field__help">{tr(Msg::RefHint)}</p>
        <ul
            id=listbox_id
            role="listbox"
            class="combobox__list"
            aria-label=label
            hidden=move || expanded() != "true"
        >
            {list}
        </ul>
        <p id=status_id class="field__help combobox__status" role="status">{status}</p>
    }
}
