//! What a requester can do on a ticket: reply, attach and download files, resolve, reopen.

use leptos::prelude::*;

use crate::connector::{PortalError, Transition};
use crate::i18n::{t, t_with, Msg};
use crate::model::TicketAction;
use crate::shell::state::{tr, use_app};

/// Saves an attachment through the connector (RT serves files only as JSON with base64).
#[component]
pub(super) fn DownloadButton(name: String, url: String) -> impl IntoView {
    let lang = use_app().lang;
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let file_name = StoredValue::new(name.clone());
    let download = move |_| {
        let Some(connector) = crate::shell::backend::connector() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let exchange = connector.download(&url);
        leptos::task::spawn_local(async move {
            let result = crate::shell::backend::run(exchange).await;
            busy.set(false);
            let l = lang.get_untracked();
            let failed = match result {
                Ok(file) => {
                    let name = Some(file.name).filter(|n| !n.trim().is_empty());
                    crate::shell::platform::save_file(
                        &name.unwrap_or_else(|| file_name.get_value()),
                        &file.mime,
                        &file.bytes,
                    )
                    .err()
                }
                Err(e) => Some(e.user_message(l)),
            };
            problem
                .set(failed.map(|reason| t_with(l, Msg::DownloadFailed, &[("reason", &reason)])));
        });
    };
    view! {
        <button type="button" class="button button--small" on:click=download aria-disabled=move || busy.get().to_string()>
            {move || t_with(lang.get(), Msg::DownloadFile, &[("name", &name)])}
        </button>
        <span role="alert" class="field__error">{move || problem.get()}</span>
    }
}

/// The largest file sent from the portal: RT's default `$MaxAttachmentSize`.
const MAX_UPLOAD_MB: f64 = 10.0;

/// What the requester can do on the ticket: reply, resolve, reopen. A reply that fails stays
/// in the box.
#[component]
pub(super) fn TicketActions(
    ticket_id: String,
    actions: Vec<TicketAction>,
    on_change: Callback<()>,
) -> impl IntoView {
    let lang = use_app().lang;
    let reply = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Msg>);
    let id = StoredValue::new(ticket_id);
    let can = |a| actions.contains(&a);
    let key = move |what: &str| {
        format!(
            "{what}-{}-{}",
            id.get_value(),
            crate::shell::platform::now_unix_seconds()
        )
    };

    // How an action ended: on success the ticket reloads, on failure the reason is shown.
    let settle = move |result: Result<(), PortalError>, sent: Option<Msg>, failed: Msg| {
        busy.set(false);
        let l = lang.get_untracked();
        match result {
            Ok(()) => {
                done.set(sent);
                on_change.run(());
                true
            }
            Err(e) => {
                done.set(None);
                let reason = e.user_message(l);
                problem.set(Some(t_with(l, failed, &[("reason", &reason)])));
                false
            }
        }
    };

    let send_reply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = reply.get_untracked();
        let l = lang.get_untracked();
        if text.trim().is_empty() {
            problem.set(Some(t(l, Msg::ReplyEmpty).to_owned()));
            crate::shell::platform::focus_element("ticket-reply");
            return;
        }
        let Some(connector) = crate::shell::backend::connector() else {
            return;
        };
        let exchange = connector.add_comment(&id.get_value(), text.trim(), &key("reply"));
        busy.set(true);
        problem.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::shell::backend::run(exchange).await.map(drop);
            if settle(result, Some(Msg::ReplySent), Msg::ReplyFailed) {
                reply.set(String::new());
            }
        });
    };

    let transition = move |step: Transition| {
        if busy.get_untracked() {
            return;
        }
        let Some(connector) = crate::shell::backend::connector() else {
            return;
        };
        let exchange = connector.transition(&id.get_value(), &step, &key("step"));
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::shell::backend::run(exchange).await.map(drop);
            settle(result, None, Msg::ActionFailed);
        });
    };

    let attach = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let l = lang.get_untracked();
        let size = crate::shell::platform::chosen_file_size(&input).unwrap_or(0.0);
        if size > MAX_UPLOAD_MB * 1024.0 * 1024.0 {
            problem.set(Some(t_with(
                l,
                Msg::AttachTooBig,
                &[("size", &MAX_UPLOAD_MB.to_string())],
            )));
            input.set_value("");
            return;
        }
        let Some(connector) = crate::shell::backend::connector() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        done.set(Some(Msg::AttachSending));
        let key = key("file");
        leptos::task::spawn_local(async move {
            let Some((name, mime, bytes)) = crate::shell::platform::read_chosen_file(&input).await
            else {
                busy.set(false);
                done.set(None);
                return;
            };
            let upload = crate::connector::Upload { name, mime, bytes };
            let exchange = connector.attach(&id.get_value(), &upload, &key);
            let result = crate::shell::backend::run(exchange).await.map(drop);
            input.set_value("");
            settle(result, Some(Msg::AttachSent), Msg::AttachFailed);
        });
    };

    let can_attach = can(TicketAction::Attach);
    let can_reply = can(TicketAction::Comment);
    let can_close = can(TicketAction::Close);
    let can_reopen = can(TicketAction::Reopen);
    view! {
        <div class="ticket-actions">
            {can_reply
                .then(|| {
                    view! {
                        <form class="form" on:submit=send_reply novalidate>
                            <div class="field">
                                <label for="ticket-reply">{tr(Msg::ReplyLabel)}</label>
                                <textarea
                                    id="ticket-reply"
                                    rows="4"
                                    prop:value=move || reply.get()
                                    on:input=move |ev| reply.set(event_target_value(&ev))
                                ></textarea>
                            </div>
                            <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                                {tr(Msg::ReplySend)}
                            </button>
                        </form>
                    }
                })}
            {can_attach
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="ticket-attach">{tr(Msg::AttachLabel)}</label>
                            <input id="ticket-attach" type="file" aria-describedby="ticket-attach-hint" on:change=attach />
                            <p id="ticket-attach-hint" class="field__help">
                                {move || t_with(lang.get(), Msg::AttachHint, &[("size", &MAX_UPLOAD_MB.to_string())])}
                            </p>
                        </div>
                    }
                })}
            <div class="ticket-actions__buttons">
                {can_close
                    .then(|| {
                        view! {
                            <button type="button" class="button" on:click=move |_| transition(Transition::Close)>
                                {tr(Msg::ActionResolve)}
                            </button>
                        }
                    })}
                {can_reopen
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| transition(Transition::Reopen { reason: reply.get_untracked() })
                            >
                                {tr(Msg::ActionReopen)}
                            </button>
                        }
                    })}
            </div>
            <div role="alert" class="form__alert">
                {move || problem.get().map(|p| view! { <p class="notice notice--error">{p}</p> })}
            </div>
            <div role="status" class="form__status">
                {move || done.get().map(|m| view! { <p class="notice notice--success">{t(lang.get(), m)}</p> })}
            </div>
        </div>
    }
}
