//! One field of a request form: label, input, help and error, wired for screen readers. Each
//! field kind gets the native control that works with every keyboard and screen reader.

use leptos::prelude::*;

use crate::forms::{error_message, FieldError, FieldState, Values};
use crate::i18n::Msg;
use crate::model::{Field, FieldKind, Value};
use crate::shell::state::{tr, use_app};

/// An element id for a field key, whatever characters the backend put in it.
pub(super) fn dom_id(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("field-{safe}-{}", key.len())
}

fn text_of(values: &Values, key: &str) -> String {
    match values.get(key) {
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn list_of(values: &Values, key: &str) -> Vec<String> {
    match values.get(key) {
        Some(Value::List(l)) => l.clone(),
        _ => Vec::new(),
    }
}

/// One field: label, input, help and error, wired for screen readers.
pub(super) fn field_view(
    field: Field,
    values: RwSignal<Values>,
    state: impl Fn() -> FieldState + Copy + Send + Sync + 'static,
    error_of: impl Fn(&str) -> Option<FieldError> + Copy + Send + Sync + 'static,
) -> AnyView {
    let lang = use_app().lang;
    let id = dom_id(&field.key);
    let key = StoredValue::new(field.key.clone());
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    let set_text = move |text: String| {
        values.update(|v| {
            v.insert(key.get_value(), Value::Text(text));
        })
    };
    let text = move || values.with(|v| text_of(v, &key.get_value()));
    let invalid = move || error_of(&key.get_value()).is_some().to_string();
    let disabled = move || state().disabled;
    let required_mark = move || {
        state().required.then(
            || view! { <span class="field__required">" (" {tr(Msg::FormRequired)} ")"</span> },
        )
    };
    let help = field
        .help
        .clone()
        .map(|h| view! { <p id=help_id.clone() class="field__help">{h}</p> });
    let hint = field
        .pattern_hint
        .clone()
        .map(|h| view! { <p class="field__help">{h}</p> });
    let error = {
        let error_id = error_id.clone();
        view! {
            <p id=error_id class="field__error">
                {move || error_of(&key.get_value()).map(|e| error_message(lang.get(), &e))}
            </p>
        }
    };
    let label = field.label.clone();
    let input_type = match field.kind {
        FieldKind::Email => "email",
        FieldKind::Url => "url",
        FieldKind::Phone => "tel",
        FieldKind::Number { .. } => "text",
        FieldKind::Date => "date",
        FieldKind::DateTime => "datetime-local",
        _ => "text",
    };
    // Radio buttons and check boxes: one fieldset, its legend naming the question.
    let group = {
        let (id, described, label) = (id.clone(), described.clone(), label.clone());
        move |options: AnyView, help: AnyView, error: AnyView| {
            view! {
                <fieldset class="field form__group" id=id tabindex="-1" aria-describedby=described>
                    <legend>{label} {required_mark}</legend>
                    {options}
                    {help}
                    {error}
                </fieldset>
            }
            .into_any()
        }
    };
    match field.kind {
        FieldKind::Section => view! { <h3 class="form__section">{label}</h3> }.into_any(),
        FieldKind::Label => view! { <p class="form__label">{label}</p> }.into_any(),
        FieldKind::YesNo => {
            // A real yes or no (`Value::Bool`), so rules comparing with `true` hold.
            let options = [(true, Msg::AnswerYes), (false, Msg::AnswerNo)]
                .into_iter()
                .map(|(answer, text)| {
                    let option_id = format!("{id}-{answer}");
                    let input_id = option_id.clone();
                    view! {
                        <label class="choice" for=option_id>
                            <input
                                type="radio"
                                id=input_id
                                name=id.clone()
                                prop:checked=move || values.with(|v| v.get(&key.get_value()) == Some(&Value::Bool(answer)))
                                prop:disabled=disabled
                                on:change=move |_| values.update(|v| {
                                    v.insert(key.get_value(), Value::Bool(answer));
                                })
                            />
                            <span>{tr(text)}</span>
                        </label>
                    }
                })
                .collect_view();
            group(options.into_any(), help.into_any(), error.into_any())
        }
        FieldKind::Radio | FieldKind::MultiSelect => {
            let multiple = matches!(field.kind, FieldKind::MultiSelect);
            let choices: Vec<(String, String)> = field
                .choices
                .iter()
                .map(|c| (c.value.clone(), c.label.clone()))
                .collect();
            let options = choices
                .into_iter()
                .enumerate()
                .map(|(i, (value, text))| {
                    let option_id = format!("{id}-{i}");
                    let input_id = option_id.clone();
                    let v = StoredValue::new(value);
                    let checked = move || {
                        values.with(|all| {
                            if multiple {
                                list_of(all, &key.get_value()).contains(&v.get_value())
                            } else {
                                text_of(all, &key.get_value()) == v.get_value()
                            }
                        })
                    };
                    let on_change = move |_| {
                        values.update(|all| {
                            let k = key.get_value();
                            if multiple {
                                let mut list = list_of(all, &k);
                                match list.iter().position(|x| *x == v.get_value()) {
                                    Some(p) => {
                                        list.remove(p);
                                    }
                                    None => list.push(v.get_value()),
                                }
                                all.insert(k, Value::List(list));
                            } else {
                                all.insert(k, Value::Text(v.get_value()));
                            }
                        })
                    };
                    view! {
                        <label class="choice" for=option_id.clone()>
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                id=input_id
                                name=id.clone()
                                prop:checked=checked
                                prop:disabled=disabled
                                on:change=on_change
                            />
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view();
            group(options.into_any(), help.into_any(), error.into_any())
        }
        FieldKind::Select => {
            let options = field
                .choices
                .iter()
                .map(|c| {
                    let value = c.value.clone();
                    let selected_value = value.clone();
                    view! {
                        <option value=value selected=move || text() == selected_value>{c.label.clone()}</option>
                    }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{label} {required_mark}</label>
                    <select
                        id=id.clone()
                        aria-invalid=invalid
                        aria-describedby=described
                        prop:disabled=disabled
                        on:change=move |ev| set_text(event_target_value(&ev))
                    >
                        <option value="" selected=move || text().is_empty()>{tr(Msg::FormChoose)}</option>
                        {options}
                    </select>
                    {help}
                    {error}
                </div>
            }
            .into_any()
        }
        FieldKind::Checkbox => view! {
            <div class="field">
                <label class="choice" for=id.clone()>
                    <input
                        type="checkbox"
                        id=id.clone()
                        aria-invalid=invalid
                        aria-describedby=described
                        prop:checked=move || values.with(|v| matches!(v.get(&key.get_value()), Some(Value::Bool(true))))
                        prop:disabled=disabled
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            values.update(|v| {
                                v.insert(key.get_value(), Value::Bool(on));
                            })
                        }
                    />
                    <span>{label} {required_mark}</span>
                </label>
                {help}
                {error}
            </div>
        }
        .into_any(),
        FieldKind::Attachment { .. } => {
            let input = super::attachment_field::attachment_input(
                id.clone(),
                key,
                field.kind.clone(),
                described.clone(),
                values,
                disabled,
            );
            group(input.into_any(), help.into_any(), error.into_any())
        }
        FieldKind::Reference { source } => {
            let input = super::reference_field::reference_input(
                id.clone(),
                key,
                source,
                label.clone(),
                described,
                values,
                invalid,
                disabled,
            );
            view! {
                <div class="field combobox">
                    <label for=id.clone()>{label.clone()} {required_mark}</label>
                    {input}
                    {help}
                    {error}
                </div>
            }
            .into_any()
        }
        FieldKind::TextArea => view! {
            <div class="field">
                <label for=id.clone()>{label} {required_mark}</label>
                <textarea
                    id=id.clone()
                    rows="4"
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:disabled=disabled
                    prop:value=text
                    on:input=move |ev| set_text(event_target_value(&ev))
                ></textarea>
                {hint}
                {help}
                {error}
            </div>
        }
        .into_any(),
        _ => view! {
            <div class="field">
                <label for=id.clone()>{label} {required_mark}</label>
                <input
                    id=id.clone()
                    type=input_type
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:disabled=disabled
                    prop:value=text
                    on:input=move |ev| set_text(event_target_value(&ev))
                />
                {hint}
                {help}
                {error}
            </div>
        }
        .into_any(),
    }
}
