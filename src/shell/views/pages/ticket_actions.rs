//! What a requester can do on a ticket: reply (with a preview and files), answer the desk's
//! question, confirm or reject a resolution, rate it, reopen, close or withdraw. Whatever cannot
//! be sent now is kept and sent later; whatever the backend refuses stays in the form with the
//! reason.

use leptos::prelude::*;

use crate::connector::{PortalError, Transition, Upload};
use crate::i18n::{t, t_with, Msg};
use crate::model::{Status, TicketAction};
use crate::outbox::{change_key, Change, PendingChange};
use crate::shell::state::{tr, use_app};
use crate::shell::views::markdown_view::Markdown;
use crate::shell::{backend, outbox, platform};

/// The largest file sent from the portal: RT's default `$MaxAttachmentSize`.
const MAX_UPLOAD_MB: f64 = 10.0;

/// Whether the comment box shows what was written or how it will look.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Write,
    Preview,
}

/// What the requester can do on the ticket, as the backend allows it now.
#[component]
pub(super) fn TicketActions(
    ticket_id: String,
    actions: Signal<Vec<TicketAction>>,
    status: Memo<Status>,
    /// Reloads the ticket after a change reached the backend.
    on_change: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let reply = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<Upload>::new());
    let tab = RwSignal::new(Tab::Write);
    let score = RwSignal::new(None::<u8>);
    let remark = RwSignal::new(String::new());
    let confirming = RwSignal::new(None::<Transition>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Msg>);
    // One key per change the user means, kept across their retries of it, so a backend that
    // keeps keys files it once even if an answer was lost.
    let keys = StoredValue::new(Vec::<(String, String)>::new());
    let id = StoredValue::new(ticket_id);
    let can = move |a: TicketAction| actions.with(|list| list.contains(&a));

    // The same change tried again keeps its key; a different one (edited text, another
    // action) gets a new key, or the backend would answer the old change's result.
    let key_for = move |change: &Change| {
        let what = fingerprint(change);
        let existing =
            keys.with_value(|k| k.iter().find(|(w, _)| *w == what).map(|(_, k)| k.clone()));
        existing.unwrap_or_else(|| {
            let random = (platform::random() * u64::MAX as f64) as u64;
            let key = change_key(platform::now_unix_seconds(), random);
            keys.update_value(|k| k.push((what, key.clone())));
            key
        })
    };
    let forget_key = move |change: &Change| {
        let what = fingerprint(change);
        keys.update_value(|k| k.retain(|(w, _)| *w != what));
    };

    // Sends a change now, or keeps it for later when the backend cannot be reached. `sent`
    // says what happened; `cleared` empties the inputs the change came from.
    let submit = move |change: Change, sent: Msg, failed: Msg, cleared: fn(Inputs)| {
        if busy.get_untracked() {
            return;
        }
        let Some(connector) = backend::connector() else {
            return;
        };
        let pending = PendingChange {
            connector_id: connector.id(),
            ticket_id: id.get_value(),
            key: key_for(&change),
            change,
            queued_at: platform::now_unix_seconds(),
            refused: None,
        };
        let inputs = Inputs {
            reply,
            files,
            score,
            remark,
            tab,
        };
        busy.set(true);
        problem.set(None);
        done.set(None);
        confirming.set(None);
        leptos::task::spawn_local(async move {
            let result = if app.online.get_untracked() {
                outbox::send_change(&*connector, &pending).await
            } else {
                Err(PortalError::Offline)
            };
            busy.set(false);
            let l = lang.get_untracked();
            match result {
                Ok(()) => {
                    forget_key(&pending.change);
                    cleared(inputs);
                    done.set(Some(sent));
                    on_change.run(());
                }
                Err(PortalError::Offline) => match outbox::keep_change(&pending).await {
                    Ok(()) => {
                        forget_key(&pending.change);
                        cleared(inputs);
                        done.set(Some(Msg::KeptForLater));
                        outbox::refresh(app).await;
                    }
                    Err(reason) => problem.set(Some(t_with(l, failed, &[("reason", &reason)]))),
                },
                Err(e) => {
                    let reason = e.user_message(l);
                    problem.set(Some(t_with(l, failed, &[("reason", &reason)])));
                }
            }
        });
    };

    let send_reply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reply.get_untracked();
        let chosen = files.get_untracked();
        if text.trim().is_empty() && chosen.is_empty() {
            problem.set(Some(t(lang.get_untracked(), Msg::ReplyEmpty).to_owned()));
            tab.set(Tab::Write);
            platform::focus_element("ticket-reply");
            return;
        }
        let change = Change::Comment {
            body: text.trim().to_owned(),
            files: chosen,
        };
        submit(
            change,
            Msg::ReplySent,
            Msg::ReplyFailed,
            Inputs::clear_reply,
        );
    };

    let step = move |transition: Transition| {
        // A reopening takes its reason from the reply box, which it then empties; other
        // steps leave whatever is typed there alone.
        let cleared = match &transition {
            Transition::Reopen { reason } if !reason.is_empty() => Inputs::clear_reply,
            _ => Inputs::keep,
        };
        submit(
            Change::Transition { transition },
            Msg::ActionDone,
            Msg::ActionFailed,
            cleared,
        );
    };

    let rate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(score) = score.get_untracked() else {
            problem.set(Some(t(lang.get_untracked(), Msg::RateChoose).to_owned()));
            platform::focus_element("rate-1");
            return;
        };
        let transition = Transition::Rate {
            score,
            remark: remark.get_untracked().trim().to_owned(),
        };
        submit(
            Change::Transition { transition },
            Msg::RateSent,
            Msg::ActionFailed,
            Inputs::clear_rating,
        );
    };

    let choose_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let l = lang.get_untracked();
        let Some(list) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(async move {
            for file in chosen {
                if file.size() > MAX_UPLOAD_MB * 1024.0 * 1024.0 {
                    problem.set(Some(t_with(
                        l,
                        Msg::AttachTooBig,
                        &[("size", &MAX_UPLOAD_MB.to_string())],
                    )));
                    continue;
                }
                let Some(bytes) = platform::read_file(&file).await else {
                    problem.set(Some(t_with(
                        l,
                        Msg::AttachFailed,
                        &[("reason", &file.name())],
                    )));
                    continue;
                };
                let mime = Some(file.type_())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "application/octet-stream".into());
                files.update(|f| {
                    f.push(Upload {
                        name: file.name(),
                        mime,
                        bytes,
                    })
                });
            }
        });
    };

    let chosen = move || files.get().into_iter().enumerate().collect::<Vec<_>>();
    let waiting_on_you = move || status.get() == Status::WaitingOnYou;
    let can_confirm = move || can(TicketAction::ConfirmResolution);
    view! {
        <div class="ticket-actions">
            <Show when=move || can(TicketAction::Comment)>
                <form class="form comment-form" on:submit=send_reply novalidate>
                    <Show when=waiting_on_you>
                        <p class="notice notice--warning" id="ticket-question">
                            {tr(Msg::WaitingOnYouHint)}
                        </p>
                    </Show>
                    <div class="field">
                        <div class="comment-form__head">
                            <label for="ticket-reply">
                                {move || t(lang.get(), if waiting_on_you() { Msg::AnswerLabel } else { Msg::ReplyLabel })}
                            </label>
                            <div class="tabs" role="group" aria-label=tr(Msg::ReplyView)>
                                <button type="button" class="tabs__tab" aria-pressed=move || (tab.get() == Tab::Write).to_string() on:click=move |_| tab.set(Tab::Write)>
                                    {tr(Msg::ReplyWrite)}
                                </button>
                                <button type="button" class="tabs__tab" aria-pressed=move || (tab.get() == Tab::Preview).to_string() on:click=move |_| tab.set(Tab::Preview)>
                                    {tr(Msg::ReplyPreview)}
                                </button>
                            </div>
                        </div>
                        <textarea
                            id="ticket-reply"
                            rows="5"
                            aria-describedby="ticket-reply-hint"
                            hidden=move || tab.get() == Tab::Preview
                            prop:value=move || reply.get()
                            on:input=move |ev| reply.set(event_target_value(&ev))
                        ></textarea>
                        <Show when=move || tab.get() == Tab::Preview>
                            <div class="comment-preview" aria-label=tr(Msg::ReplyPreview) role="region">
                                {move || {
                                    if reply.with(|r| r.trim().is_empty()) {
                                        view! { <p class="hint">{tr(Msg::PreviewEmpty)}</p> }.into_any()
                                    } else {
                                        view! { <Markdown text=reply /> }.into_any()
                                    }
                                }}
                            </div>
                        </Show>
                        <p id="ticket-reply-hint" class="field__help">{tr(Msg::ReplyHint)}</p>
                    </div>
                    <Show when=move || can(TicketAction::Attach)>
                        <div class="field">
                            <label for="ticket-attach">{tr(Msg::AttachLabel)}</label>
                            <input id="ticket-attach" type="file" multiple aria-describedby="ticket-attach-hint" on:change=choose_files />
                            <p id="ticket-attach-hint" class="field__help">
                                {move || t_with(lang.get(), Msg::AttachHint, &[("size", &MAX_UPLOAD_MB.to_string())])}
                            </p>
                            <ul class="chosen-files">
                                <For each=chosen key=|(i, f)| (*i, f.name.clone()) let((i, file))>
                                    <li>
                                        <span>{file.name.clone()}</span>
                                        <button
                                            type="button"
                                            class="button button--small"
                                            on:click=move |_| files.update(|f| { if i < f.len() { f.remove(i); } })
                                        >
                                            {move || t_with(lang.get(), Msg::FilesRemove, &[("name", &file.name)])}
                                        </button>
                                    </li>
                                </For>
                            </ul>
                        </div>
                    </Show>
                    <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                        {move || t(lang.get(), if waiting_on_you() { Msg::AnswerSend } else { Msg::ReplySend })}
                    </button>
                </form>
            </Show>
            <Show when=can_confirm>
                <section class="resolution" aria-labelledby="resolution-title">
                    <h2 id="resolution-title">{tr(Msg::ResolutionTitle)}</h2>
                    <p>{tr(Msg::ResolutionHint)}</p>
                    <div class="ticket-actions__buttons">
                        <button type="button" class="button button--primary" on:click=move |_| step(Transition::ConfirmResolution)>
                            {tr(Msg::ActionConfirm)}
                        </button>
                        <Show when=move || can(TicketAction::Reopen)>
                            <button type="button" class="button" on:click=move |_| step(Transition::Reopen { reason: reply.get_untracked().trim().to_owned() })>
                                {tr(Msg::ActionNotFixed)}
                            </button>
                        </Show>
                    </div>
                </section>
            </Show>
            <Show when=move || can(TicketAction::Rate)>
                <form class="form rating" on:submit=rate novalidate>
                    <fieldset>
                        <legend>{tr(Msg::RateTitle)}</legend>
                        <div class="rating__scale">
                            {(1..=5u8)
                                .map(|n| {
                                    let label = match n {
                                        1 => Msg::Rate1,
                                        2 => Msg::Rate2,
                                        3 => Msg::Rate3,
                                        4 => Msg::Rate4,
                                        _ => Msg::Rate5,
                                    };
                                    view! {
                                        <label class="choice rating__choice">
                                            <input
                                                type="radio"
                                                name="rating"
                                                id=format!("rate-{n}")
                                                value=n
                                                prop:checked=move || score.get() == Some(n)
                                                on:change=move |_| score.set(Some(n))
                                            />
                                            <span class="rating__stars" aria-hidden="true">{"★".repeat(n.into())}</span>
                                            <span>{tr(label)}</span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="rate-remark">{tr(Msg::RateRemark)}</label>
                        <textarea id="rate-remark" rows="2" prop:value=move || remark.get() on:input=move |ev| remark.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>{tr(Msg::RateSend)}</button>
                </form>
            </Show>
            <div class="ticket-actions__buttons">
                <Show when=move || can(TicketAction::Reopen) && !can_confirm()>
                    <button type="button" class="button" on:click=move |_| step(Transition::Reopen { reason: reply.get_untracked().trim().to_owned() })>
                        {tr(Msg::ActionReopen)}
                    </button>
                </Show>
                <Show when=move || can(TicketAction::Close) && !can_confirm()>
                    <button type="button" class="button" on:click=move |_| confirming.set(Some(Transition::Close))>
                        {tr(Msg::ActionResolve)}
                    </button>
                </Show>
                <Show when=move || can(TicketAction::Cancel)>
                    <button type="button" class="button button--danger" on:click=move |_| confirming.set(Some(Transition::Cancel))>
                        {tr(Msg::ActionCancel)}
                    </button>
                </Show>
            </div>
            {move || confirming.get().map(|transition| {
                let question = if transition == Transition::Cancel { Msg::ConfirmCancel } else { Msg::ConfirmClose };
                let go = transition.clone();
                view! {
                    <div class="confirm" role="group" aria-labelledby="confirm-question">
                        <p id="confirm-question">{tr(question)}</p>
                        // The reply box goes once the ticket is closed: say so while it can still be sent.
                        {move || (!reply.with(|r| r.trim().is_empty())).then(|| view! {
                            <p class="notice notice--warning confirm__unsent">{tr(Msg::ConfirmUnsent)}</p>
                        })}
                        <button type="button" class="button button--danger" on:click=move |_| step(go.clone())>{tr(Msg::ConfirmYes)}</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(None)>{tr(Msg::ConfirmNo)}</button>
                    </div>
                }
            })}
            <div role="alert" class="form__alert">
                {move || problem.get().map(|p| view! { <p class="notice notice--error">{p}</p> })}
            </div>
            <div role="status" class="form__status">
                {move || done.get().map(|m| view! { <p class="notice notice--success">{t(lang.get(), m)}</p> })}
            </div>
        </div>
    }
}

/// The inputs a sent change came from, to empty once it is sent or kept.
#[derive(Clone, Copy)]
struct Inputs {
    reply: RwSignal<String>,
    files: RwSignal<Vec<Upload>>,
    score: RwSignal<Option<u8>>,
    remark: RwSignal<String>,
    tab: RwSignal<Tab>,
}

impl Inputs {
    fn keep(self) {}

    fn clear_reply(self) {
        self.reply.set(String::new());
        self.files.set(Vec::new());
        self.tab.set(Tab::Write);
    }

    fn clear_rating(self) {
        self.score.set(None);
        self.remark.set(String::new());
    }
}

/// Names a change by what it does, for reusing its key when it is tried again.
fn fingerprint(change: &Change) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    serde_json::to_string(change)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}
