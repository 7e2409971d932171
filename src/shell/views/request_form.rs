//! The request form of a catalog item: a summary and details, then the backend's fields, with
//! their rules and checks run in the browser by `crate::forms`. A failed send keeps every
//! answer, and trying again reuses the same submission key, so the backend files it once.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::connector::{PortalError, Receipt, Submission, Upload};
use crate::forms::draft::{draft_key, Draft};
use crate::forms::{answers_text, error_message, summary_entry, FieldError, FieldState, Form};
use crate::i18n::{t, t_with, Msg};
use crate::model::FormSchema;
use crate::outbox::Queued;
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::all_pages;
use crate::shell::views::form_fields::{dom_id, field_view};
use crate::shell::{backend, drafts, outbox, platform, usage};

/// The key under which the summary's error is kept (no backend field starts with `__`).
const SUMMARY: &str = "__summary";
/// The id of the confirmation's heading, focused when it appears.
const CONFIRMATION: &str = "confirmation-title";

/// A fresh key for one submission; kept across retries of it.
fn new_submission_key() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("portico-{:x}-{random:x}", platform::now_unix_seconds())
}

enum Sending {
    Idle,
    Busy,
    Failed(crate::connector::PortalError),
    /// Offline, and the device could not keep the request either: the answers stay in the form.
    NotKept(String),
    Sent(Receipt),
    /// Kept on the device, to be sent once the backend can be reached.
    Queued,
}

/// What a form holds beside its values, provided to the field views: files chosen in its
/// attachment fields and the labels of entries chosen in its reference fields, by field key.
#[derive(Clone, Copy)]
pub struct FormExtras {
    pub files: RwSignal<Vec<(String, Upload)>>,
    pub labels: RwSignal<BTreeMap<String, String>>,
}

#[component]
pub fn RequestForm(
    /// The catalog item asked for.
    item_id: String,
    /// Its name, for the list of requests waiting to be sent.
    item_name: String,
    schema: FormSchema,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let (form, pattern_issues) = Form::new(schema);
    for issue in pattern_issues {
        platform::warn(&format!(
            "the check on field {} is off: {}",
            issue.field, issue.problem
        ));
    }
    let files = RwSignal::new(Vec::<(String, Upload)>::new());
    let labels = RwSignal::new(BTreeMap::<String, String>::new());
    let picked = labels;
    provide_context(FormExtras { files, labels });
    let values = RwSignal::new(form.defaults());
    let form = StoredValue::new(form);
    let summary = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::<String, FieldError>::new());
    let sending = RwSignal::new(Sending::Idle);
    let key = RwSignal::new(new_submission_key());
    // Drafts: per user and item, never on a kiosk (nothing is kept for the next person).
    let draft_key = StoredValue::new(
        backend::connector()
            .filter(|_| !app.config.with_value(|c| c.kiosk))
            .map(|c| draft_key(&c.id(), &item_id)),
    );
    let restored = RwSignal::new(None::<i64>);
    let draft_problem = RwSignal::new(None::<String>);
    let draft_ready = RwSignal::new(false);
    let item = StoredValue::new(item_id);
    let item_name = StoredValue::new(item_name);
    if let Some(dk) = draft_key.get_value() {
        leptos::task::spawn_local(async move {
            match drafts::load(&dk).await {
                Ok(Some(draft)) if draft.has_content(&form.with_value(|f| f.defaults())) => {
                    match drafts::load_files(&dk).await {
                        Ok(kept) => files.set(kept),
                        Err(problem) => draft_problem.set(Some(problem)),
                    }
                    values.update(|v| v.extend(draft.values));
                    summary.set(draft.title);
                    details.set(draft.description);
                    labels.set(draft.labels);
                    if !draft.submission_key.is_empty() {
                        key.set(draft.submission_key);
                    }
                    restored.set(Some(draft.saved_at));
                }
                Ok(_) => {}
                Err(problem) => draft_problem.set(Some(problem)),
            }
            draft_ready.set(true);
        });
    }
    // Every change is kept as it happens; an empty form (after sending) forgets the draft.
    Effect::new(move |_| {
        let draft = Draft {
            title: summary.get(),
            description: details.get(),
            values: values.get(),
            submission_key: key.get(),
            saved_at: platform::now_unix_seconds(),
            labels: labels.get(),
        };
        let (Some(dk), true) = (draft_key.get_value(), draft_ready.get()) else {
            return;
        };
        let keep = draft.has_content(&form.with_value(|f| f.defaults()));
        leptos::task::spawn_local(async move {
            if let Err(problem) = drafts::save(&dk, &draft, keep).await {
                draft_problem.set(Some(problem));
            }
        });
    });
    // Files are kept beside the draft, and written only when they change.
    Effect::new(move |_| {
        let chosen = files.get();
        let (Some(dk), true) = (draft_key.get_value(), draft_ready.get()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(problem) = drafts::save_files(&dk, &chosen).await {
                draft_problem.set(Some(problem));
            }
        });
    });
    // A blank form with a key of its own: after sending, or when the user discards a draft.
    let reset = move || {
        values.set(form.with_value(|f| f.defaults()));
        files.set(Vec::new());
        labels.set(BTreeMap::new());
        summary.set(String::new());
        details.set(String::new());
        errors.set(BTreeMap::new());
        key.set(new_submission_key());
        restored.set(None);
    };
    let discard = move |_| reset();
    let states = Memo::new(move |_| form.with_value(|f| values.with(|v| f.evaluate(v))));
    let labels: Vec<(String, String)> = form.with_value(|f| {
        f.schema()
            .fields
            .iter()
            .map(|field| (field.key.clone(), field.label.clone()))
            .collect()
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(*sending.read_untracked(), Sending::Busy) {
            return;
        }
        let current = values.get_untracked();
        let mut found = form.with_value(|f| f.validate(&current));
        if summary.get_untracked().trim().is_empty() {
            found.insert(SUMMARY.to_owned(), FieldError::Required);
        }
        let first_invalid = if found.contains_key(SUMMARY) {
            Some(SUMMARY.to_owned())
        } else {
            form.with_value(|f| {
                f.schema()
                    .fields
                    .iter()
                    .find(|field| found.contains_key(&field.key))
                    .map(|field| field.key.clone())
            })
        };
        errors.set(found);
        if let Some(key) = first_invalid {
            platform::focus_element(&dom_id(&key));
            return;
        }
        let Some(connector) = backend::connector() else {
            sending.set(Sending::Failed(PortalError::NotSignedIn));
            return;
        };
        let values = form.with_value(|f| f.submission(&current));
        // Only the files of attachment fields still shown go with the request.
        let sent_files = files.with_untracked(|all| {
            all.iter()
                .filter(|(field, _)| values.contains_key(field))
                .map(|(_, upload)| upload.clone())
                .collect()
        });
        // Read in the language the form is shown in: its labels are in it too.
        let answers = form.with_value(|f| {
            picked.with_untracked(|p| answers_text(lang.get_untracked(), f.schema(), &values, p))
        });
        let submission = Submission {
            item_id: item.get_value(),
            title: summary.get_untracked().trim().to_owned(),
            description: details.get_untracked(),
            values,
            answers,
            idempotency_key: key.get_untracked(),
            files: sent_files,
        };
        sending.set(Sending::Busy);
        leptos::task::spawn_local(async move {
            // Offline, or the backend could not be reached or was busy: keep it on the device
            // (with its key, so a send that did arrive is found, not repeated), and only then
            // let the draft go. A refusal keeps the answers in the form for the user to fix.
            let submission = if app.online.get_untracked() {
                match backend::run(connector.submit(&submission)).await {
                    Ok(receipt) => {
                        usage::note_submitted(app, &item.get_value());
                        sending.set(Sending::Sent(receipt));
                        reset();
                        return;
                    }
                    Err(error) if error.is_retryable() => submission,
                    Err(error) => {
                        sending.set(Sending::Failed(error));
                        return;
                    }
                }
            } else {
                submission
            };
            let entry = Queued {
                connector_id: connector.id(),
                item_name: item_name.get_value(),
                submission,
                queued_at: platform::now_unix_seconds(),
                refused: None,
            };
            match outbox::keep(&entry).await {
                Ok(()) => {
                    usage::note_submitted(app, &item.get_value());
                    sending.set(Sending::Queued);
                    reset();
                    outbox::refresh(app).await;
                }
                Err(problem) => sending.set(Sending::NotKept(problem)),
            }
        });
    };

    let error_of = move |key: &str| errors.with(|e| e.get(key).cloned());

    let fields = form.with_value(|f| f.schema().fields.clone());
    let rendered = fields
        .into_iter()
        .enumerate()
        .map(|(index, field)| {
            let state = move || {
                states.with(|s| {
                    s.get(index).copied().unwrap_or(FieldState {
                        visible: true,
                        required: false,
                        disabled: false,
                    })
                })
            };
            view! {
                <Show when=move || state().visible>
                    {field_view(field.clone(), values, state, error_of)}
                </Show>
            }
            .into_any()
        })
        .collect_view();

    let result = move || match &*sending.read() {
        Sending::Idle | Sending::Busy | Sending::Sent(_) | Sending::Queued => None,
        Sending::NotKept(problem) => Some(
            view! {
                <p class="notice notice--error">
                    {t_with(lang.get(), Msg::QueueNotKept, &[("reason", problem)])}
                </p>
            }
            .into_any(),
        ),
        Sending::Failed(error) => {
            let reason = error.user_message(lang.get());
            Some(
                view! {
                    <p class="notice notice--error">
                        {t_with(lang.get(), Msg::FormSendFailed, &[("reason", &reason)])}
                    </p>
                }
                .into_any(),
            )
        }
    };
    let summary_id = dom_id(SUMMARY);
    // On submit, a summary at the top links to each answer to fix, in the form's order.
    let error_summary = move || {
        let l = lang.get();
        let found = errors.get();
        if found.is_empty() {
            return None;
        }
        let ordered = std::iter::once((SUMMARY.to_owned(), t(l, Msg::FormSummaryLabel).to_owned()))
            .chain(labels.iter().cloned())
            .filter_map(|(k, label)| found.get(&k).map(|e| (k, label, error_message(l, e))));
        let items = ordered
            .map(|(k, label, message)| {
                let target = dom_id(&k);
                let href = format!("#{target}");
                view! {
                    <li>
                        <a
                            href=href
                            on:click=move |ev| {
                                ev.prevent_default();
                                platform::focus_element(&target);
                            }
                        >
                            {summary_entry(l, &label, &message)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <div class="notice notice--error error-summary">
                <p><strong>{t(l, Msg::FormErrorSummary)}</strong></p>
                <ul>{items}</ul>
            </div>
        })
    };
    let draft_notice = move || {
        let l = lang.get();
        let when = restored
            .get()
            .map(|at| crate::shell::views::data::date_time_text(l, at));
        when.map(|when| {
            view! {
                <div class="notice draft-notice">
                    <p>{t_with(l, Msg::DraftRestored, &[("time", &when)])}</p>
                    <button type="button" class="button" on:click=discard>{t(l, Msg::DraftDiscard)}</button>
                </div>
            }
        })
    };
    let draft_warning = move || {
        draft_problem
            .get()
            .map(|_| view! { <p class="notice">{t(lang.get(), Msg::DraftNotKept)}</p> })
    };

    let done = move || matches!(*sending.read(), Sending::Sent(_) | Sending::Queued);
    let confirmation = move || {
        let l = lang.get();
        let body = match &*sending.read() {
            Sending::Sent(receipt) => {
                let unsaved = receipt.unsaved_fields.join(", ");
                let href = Page::Ticket(receipt.ticket_id.clone()).href();
                view! {
                    <h2 id=CONFIRMATION tabindex="-1">{t(l, Msg::ConfirmSentTitle)}</h2>
                    <p class="confirmation__number">
                        {t_with(l, Msg::ConfirmNumber, &[("number", &receipt.number)])}
                    </p>
                    {(!unsaved.is_empty())
                        .then(|| {
                            view! {
                                <p class="notice notice--warning">
                                    {t_with(l, Msg::FormUnsaved, &[("fields", &unsaved)])}
                                </p>
                            }
                        })}
                    <p><A href=href attr:class="button button--primary">{t(l, Msg::FormViewTicket)}</A></p>
                }
                .into_any()
            }
            Sending::Queued => view! {
                <h2 id=CONFIRMATION tabindex="-1">{t(l, Msg::ConfirmQueuedTitle)}</h2>
                <p>{t(l, Msg::ConfirmQueued)}</p>
                <p><A href=Page::Tickets.href() attr:class="button button--primary">{t(l, Msg::OutboxTitle)}</A></p>
            }
            .into_any(),
            _ => return None,
        };
        Some(view! {
            <section class="confirmation notice notice--success" aria-labelledby=CONFIRMATION>
                {body}
                <p>
                    <button type="button" class="button" on:click=move |_| sending.set(Sending::Idle)>
                        {t(l, Msg::ConfirmAnother)}
                    </button>
                </p>
            </section>
        })
    };

    // Once sent or kept, the confirmation takes the form's place and focus goes to its heading.
    Effect::new(move |was_done: Option<bool>| {
        let now_done = done();
        if now_done && was_done == Some(false) {
            request_animation_frame(|| platform::focus_element(CONFIRMATION));
        }
        now_done
    });

    view! {
        {confirmation}
        <section class="request-form" aria-labelledby="request-form-title" hidden=done>
            <h2 id="request-form-title">{tr(Msg::FormTitle)}</h2>
            <div role="status">{draft_notice}{draft_warning}</div>
            <form class="form" on:submit=submit novalidate>
                <div role="alert" class="form__alert">{error_summary}</div>
                <div class="field">
                    <label for=summary_id.clone()>
                        {tr(Msg::FormSummaryLabel)}
                        <span class="field__required">" (" {tr(Msg::FormRequired)} ")"</span>
                    </label>
                    <input
                        id=summary_id.clone()
                        type="text"
                        maxlength="200"
                        required
                        aria-invalid=move || error_of(SUMMARY).is_some().to_string()
                        aria-describedby=format!("{summary_id}-help {summary_id}-error")
                        prop:value=move || summary.get()
                        on:input=move |ev| summary.set(event_target_value(&ev))
                    />
                    <p id=format!("{summary_id}-help") class="field__help">{tr(Msg::FormSummaryHint)}</p>
                    <p id=format!("{summary_id}-error") class="field__error">
                        {move || error_of(SUMMARY).map(|e| error_message(lang.get(), &e))}
                    </p>
                </div>
                <div class="field">
                    <label for="field-details">{tr(Msg::FormDetailsLabel)}</label>
                    <textarea
                        id="field-details"
                        rows="5"
                        prop:value=move || details.get()
                        on:input=move |ev| details.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <Suggestions item=item.get_value() summary details />
                {rendered}
                <div role="status" class="form__status">{result}</div>
                <button
                    type="submit"
                    class="button button--primary"
                    aria-disabled=move || matches!(*sending.read(), Sending::Busy).to_string()
                >
                    {move || {
                        let busy = matches!(*sending.read(), Sending::Busy);
                        t(lang.get(), if busy { Msg::FormSending } else { Msg::FormSubmit })
                    }}
                </button>
            </form>
        </section>
    }
}

/// How many articles "These might help" offers at most.
const SUGGESTIONS: usize = 3;

/// Articles that might solve the request while it is being written. Opening one is noted, so
/// leaving without sending counts as a request the knowledge base answered.
#[component]
fn Suggestions(
    item: String,
    summary: RwSignal<String>,
    details: RwSignal<String>,
) -> impl IntoView {
    let app = use_app();
    let articles = LocalResource::new(|| all_pages(|c, r| c.list_articles(r)));
    let item = StoredValue::new(item);
    // Recomputed from what is written, a moment after the user stops typing.
    let text = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    Effect::new(move |_| {
        let written = format!("{} {}", summary.get(), details.get());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = leptos::leptos_dom::helpers::set_timeout_with_handle(
            move || text.set(written),
            std::time::Duration::from_millis(300),
        );
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let found = move || {
        let all = articles.get().and_then(Result::ok).unwrap_or_default();
        let lang = app.lang.get();
        text.with(|t| {
            crate::model::suggestions(&all, t, lang.code(), SUGGESTIONS)
                .into_iter()
                .map(|a| (a.id.clone(), a.title.clone(), a.summary.clone()))
                .collect::<Vec<_>>()
        })
    };
    move || {
        let list = found();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|(id, title, summary)| {
                    view! {
                        <li>
                            <A
                                href=Page::Article(id).href()
                                on:click=move |_| usage::note_suggestion_opened(app, &item.get_value())
                            >
                                {title}
                            </A>
                            <span class="suggestions__text">{summary}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <aside class="suggestions" aria-labelledby="suggestions-title">
                    <h3 id="suggestions-title">{tr(Msg::DeflectTitle)}</h3>
                    <ul>{rows}</ul>
                </aside>
            }
        })
    }
}
