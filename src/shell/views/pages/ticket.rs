//! One ticket: where it stands, the whole conversation, and what the requester can do. It
//! shows at once from the device's copy (saying when that was read), then from the backend,
//! and follows the background refresh without losing what the user is typing.

use leptos::prelude::*;

use super::ticket_actions::TicketActions;
use super::ticket_files::{AttachmentPreview, DownloadButton};
use super::tickets::{kind_label, priority_label, SignInAgain};
use super::{use_route_id, MissingEntity};
use crate::connector::{PortalError, Transition};
use crate::i18n::{due_text, elapsed_share, format_decimal, t, t_with, Lang, Msg};
use crate::model::{
    status_steps, AuthorRole, Status, Ticket as TicketModel, TimelineEntry, TimelineEvent,
    Timestamp,
};
use crate::outbox::{Change, PendingChange};
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{date_time_text, status_label, ErrorNotice, Loading, StatusBadge};
use crate::shell::views::markdown_view::Markdown;
use crate::shell::views::page::{msg_signal, PageLayout};
use crate::shell::{backend, outbox, platform, tracking};

/// Where loading the ticket stands.
#[derive(Clone, Debug, PartialEq)]
enum Loaded {
    Loading,
    Shown,
    Missing,
    Failed(PortalError),
}

#[component]
pub fn Ticket() -> impl IntoView {
    let app = use_app();
    let id = use_route_id();
    let ticket = RwSignal::new(None::<TicketModel>);
    let state = RwSignal::new(Loaded::Loading);
    // When the copy shown was read, if it came from the device; and why the backend could not
    // give a fresher one.
    let cached_at = RwSignal::new(None::<Timestamp>);
    let stale = RwSignal::new(None::<PortalError>);

    // Setting the same state again would rebuild the page, and lose what is being typed.
    let set_state = move |new: Loaded| {
        if state.with_untracked(|s| *s != new) {
            state.set(new);
        }
    };
    let show = move |t: TicketModel| {
        tracking::look(app, &t);
        ticket.set(Some(t));
        set_state(Loaded::Shown);
    };
    let reload = move || {
        let wanted = id.get_untracked();
        let Some(connector) = backend::connector() else {
            set_state(Loaded::Failed(PortalError::NotSignedIn));
            return;
        };
        let exchange = connector.get_ticket(&wanted);
        leptos::task::spawn_local(async move {
            // Offline, the device's copy is all there is (the embedded demo could answer, but
            // it stands for a backend that cannot be reached).
            let result = if app.online.get_untracked() {
                backend::run(exchange).await
            } else {
                Err(PortalError::Offline)
            };
            if id.get_untracked() != wanted {
                return;
            }
            match result {
                Ok(t) => {
                    tracking::keep_ticket(app, &t).await;
                    cached_at.set(None);
                    stale.set(None);
                    show(t);
                }
                // Someone else's ticket is "not among yours", like a missing one: whether it
                // exists is not this user's business.
                Err(PortalError::NotFound | PortalError::Forbidden) => {
                    ticket.set(None);
                    set_state(Loaded::Missing);
                }
                Err(e) if ticket.with_untracked(Option::is_some) => stale.set(Some(e)),
                Err(e) => set_state(Loaded::Failed(e)),
            }
        });
    };
    // A new address: the device's copy first, if there is one, then the backend's.
    Effect::new(move |_| {
        let wanted = id.get();
        // Opening the ticket is hearing its news.
        app.tracking.dismiss(&wanted);
        ticket.set(None);
        cached_at.set(None);
        stale.set(None);
        set_state(Loaded::Loading);
        leptos::task::spawn_local(async move {
            if let Some((t, at)) = tracking::cached_ticket(&wanted).await {
                if id.get_untracked() == wanted && ticket.with_untracked(Option::is_none) {
                    cached_at.set(Some(at));
                    show(t);
                }
            }
            if id.get_untracked() == wanted {
                reload();
            }
        });
    });
    // The background refresh read this ticket: show it as it is now.
    Effect::new(move |_| {
        let fresh = app.tracking.fresh.get();
        let mine = id.get_untracked();
        if let Some(t) = fresh.into_iter().find(|t| t.id == mine) {
            if state.get_untracked() == Loaded::Shown {
                cached_at.set(None);
                stale.set(None);
                show(t);
            }
        }
    });
    let on_change = Callback::new(move |_| reload());
    let retry = Callback::new(move |_| {
        set_state(Loaded::Loading);
        reload();
    });
    move || match state.get() {
        Loaded::Loading => view! { <Loading /> }.into_any(),
        Loaded::Shown => view! { <TicketPage ticket cached_at stale on_change /> }.into_any(),
        Loaded::Missing => view! {
            <MissingEntity
                title=Msg::TicketNotFoundTitle
                message=Msg::TicketNotFound
                id
                back=(Page::Tickets, Msg::BackToTickets)
            />
        }
        .into_any(),
        Loaded::Failed(error) => view! {
            <PageLayout title=msg_signal(Msg::TicketsTitle)>
                <ErrorNotice error on_retry=retry />
            </PageLayout>
        }
        .into_any(),
    }
}

/// Reads one thing from the ticket shown.
fn field<T: Default>(
    ticket: RwSignal<Option<TicketModel>>,
    f: impl Fn(&TicketModel) -> T,
) -> impl Fn() -> T {
    move || ticket.with(|t| t.as_ref().map(&f).unwrap_or_default())
}

#[component]
fn TicketPage(
    ticket: RwSignal<Option<TicketModel>>,
    cached_at: RwSignal<Option<Timestamp>>,
    stale: RwSignal<Option<PortalError>>,
    /// Reloads the ticket after the user changed it.
    on_change: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let ticket_id = ticket.with_untracked(|t| t.as_ref().map(|t| t.id.clone()).unwrap_or_default());
    let title = Signal::derive(field(ticket, |t| format!("{} · {}", t.number, t.title)));
    let status = Memo::new(move |_| field(ticket, |t| Some(t.status))().unwrap_or(Status::New));
    let actions = Signal::derive(field(ticket, |t| t.actions.clone()));
    let timeline = field(ticket, |t| t.timeline.clone());
    let description = Signal::derive(field(ticket, |t| t.description.clone()));
    let pending_id = ticket_id.clone();
    let pending = move || {
        app.tracking.pending.with(|p| {
            p.iter()
                .filter(|c| c.ticket_id == pending_id)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let empty = move || ticket.with(|t| t.as_ref().is_none_or(|t| t.timeline.is_empty()));
    view! {
        <PageLayout title>
            <CachedNotice cached_at stale />
            <SignInAgain error=stale />
            <Facts ticket />
            {move || view! { <StatusSteps status=status.get() /> }}
            <div class="prose">
                <Markdown text=description />
            </div>
            <section class="conversation" aria-labelledby="conversation-title">
                <h2 id="conversation-title">{tr(Msg::TicketConversation)}</h2>
                <Show when=empty>
                    <p class="hint">{tr(Msg::TicketNoActivity)}</p>
                </Show>
                <ol class="timeline">
                    <For each=timeline key=|e| e.id.clone() let(entry)>
                        {timeline_entry(entry, lang)}
                    </For>
                    <For each=pending key=|c| (c.key.clone(), c.refused.clone()) let(change)>
                        <PendingEntry change />
                    </For>
                </ol>
            </section>
            <TicketActions ticket_id actions status on_change />
        </PageLayout>
    }
}

/// Shown while the page is the device's copy: when it was read, and why it is not fresher.
#[component]
fn CachedNotice(
    cached_at: RwSignal<Option<Timestamp>>,
    stale: RwSignal<Option<PortalError>>,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    move || {
        let at = cached_at.get()?;
        let l = lang.get();
        let why = match stale.get() {
            _ if !app.online.get() => Some(t(l, Msg::StaleOffline).to_owned()),
            Some(e) => Some(e.user_message(l)),
            None => None,
        };
        Some(view! {
            <p class="freshness freshness--stale" role="status">
                <span>{t_with(l, Msg::LastUpdated, &[("time", &date_time_text(l, at))])}</span>
                {why.map(|w| view! { <span>" " {w}</span> })}
            </p>
        })
    }
}

/// Status, who handles it, the dates and the target with how much of its time is used.
#[component]
fn Facts(ticket: RwSignal<Option<TicketModel>>) -> impl IntoView {
    let lang = use_app().lang;
    let status = field(ticket, |t| Some((t.status, t.raw_status.clone())));
    let handled_by = move || {
        field(ticket, |t| t.assignee.clone())()
            .unwrap_or_else(|| t(lang.get(), Msg::TicketUnassigned).to_owned())
    };
    let kind = field(ticket, |t| Some(t.kind));
    let priority = field(ticket, |t| t.priority);
    let created = field(ticket, |t| t.created);
    let updated = field(ticket, |t| t.updated);
    let due = move || ticket.with(|t| t.as_ref().and_then(|t| Some((t.due?, t.created, t.status))));
    view! {
        <dl class="facts facts--ticket">
            <div>
                <dt>{tr(Msg::TicketStatusLabel)}</dt>
                <dd>{move || status().map(|(status, raw)| view! { <StatusBadge status raw /> })}</dd>
            </div>
            <div>
                <dt>{tr(Msg::KindLabel)}</dt>
                <dd>{move || kind().map(|k| t(lang.get(), kind_label(k)))}</dd>
            </div>
            {move || {
                priority()
                    .map(|p| {
                        view! {
                            <div>
                                <dt>{tr(Msg::PriorityLabel)}</dt>
                                <dd>{move || t(lang.get(), priority_label(p))}</dd>
                            </div>
                        }
                    })
            }}
            <div>
                <dt>{tr(Msg::TicketHandledBy)}</dt>
                <dd>{handled_by}</dd>
            </div>
            <div>
                <dt>{tr(Msg::TicketOpened)}</dt>
                <dd>{move || date_time_text(lang.get(), created())}</dd>
            </div>
            <div>
                <dt>{tr(Msg::TicketUpdated)}</dt>
                <dd>{move || date_time_text(lang.get(), updated())}</dd>
            </div>
            {move || {
                due()
                    .map(|(due, created, status)| {
                        let now = platform::now_unix_seconds();
                        // Only an open ticket is still racing its deadline.
                        let racing = status.is_open();
                        let share = elapsed_share(created, due, now);
                        let overdue = racing && now > due;
                        view! {
                            <div class="due" class:due--overdue=overdue>
                                <dt>{tr(Msg::TicketDue)}</dt>
                                <dd>
                                    {move || date_time_text(lang.get(), due)}
                                    {racing
                                        .then(|| {
                                            view! {
                                                <span class="due__text">{move || due_text(lang.get(), due, now)}</span>
                                                <progress
                                                    class="due__bar"
                                                    max="100"
                                                    value=(share.min(1.0) * 100.0).round()
                                                    aria-label=tr(Msg::TicketTimeUsed)
                                                ></progress>
                                            }
                                        })}
                                </dd>
                            </div>
                        }
                    })
            }}
        </dl>
    }
}

/// Where the ticket is on its way: submitted, in progress, (waiting on you), resolved, closed.
#[component]
fn StatusSteps(status: Status) -> impl IntoView {
    let closes = backend::connector().is_some_and(|c| c.capabilities().closes_after_resolution);
    let (steps, at) = status_steps(status, closes);
    view! {
        <ol class="steps" aria-label=tr(Msg::TicketProgress)>
            {steps
                .into_iter()
                .enumerate()
                .map(|(i, step)| {
                    let class = match i.cmp(&at) {
                        std::cmp::Ordering::Less => "steps__step steps__step--done",
                        std::cmp::Ordering::Equal => "steps__step steps__step--current",
                        std::cmp::Ordering::Greater => "steps__step",
                    };
                    view! {
                        <li class=class aria-current=(i == at).then_some("step")>
                            <span class="steps__marker" aria-hidden="true">
                                {if i < at { "✓".to_owned() } else { (i + 1).to_string() }}
                            </span>
                            <span class="steps__label">{tr(status_label(step))}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

fn transition_label(transition: &Transition) -> Msg {
    match transition {
        Transition::Close => Msg::ActionResolve,
        Transition::Cancel => Msg::ActionCancel,
        Transition::Reopen { .. } => Msg::ActionReopen,
        Transition::ConfirmResolution => Msg::ActionConfirm,
        Transition::Rate { .. } => Msg::RateTitle,
    }
}

/// A comment or action made offline, shown where it will appear once delivered.
#[component]
fn PendingEntry(change: PendingChange) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let refused = change.refused.clone();
    let body = match &change.change {
        Change::Comment { body, files } => {
            let names = files
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <Markdown text=Signal::stored(body.clone()) />
                {(!names.is_empty()).then(|| view! { <p class="hint">{tr(Msg::AttachLabel)} {tr(Msg::LabelColon)} " " {names}</p> })}
            }
            .into_any()
        }
        Change::Transition { transition } => {
            let label = transition_label(transition);
            let detail = match transition {
                Transition::Rate { score, remark } => format!(" {score}/5 {remark}"),
                Transition::Reopen { reason } => format!(" {reason}"),
                _ => String::new(),
            };
            view! { <p>{tr(label)} {detail}</p> }.into_any()
        }
    };
    let discard = {
        let change = change.clone();
        move |_| {
            let change = change.clone();
            leptos::task::spawn_local(async move {
                if outbox::forget_change(&change).await.is_ok() {
                    outbox::refresh(app).await;
                }
            });
        }
    };
    let resend = {
        let change = change.clone();
        move |_| {
            let change = change.clone();
            leptos::task::spawn_local(async move {
                if let Err(problem) = outbox::resend_change(app, change).await {
                    platform::warn(&problem);
                }
            });
        }
    };
    let since = change.queued_at;
    view! {
        <li class="timeline__item timeline__item--you timeline__item--pending">
            <p class="timeline__who">
                <strong>{tr(Msg::RoleYou)}</strong>
                <span class="pending-badge">
                    {move || t_with(lang.get(), Msg::PendingSince, &[("time", &date_time_text(lang.get(), since))])}
                </span>
            </p>
            <div class="timeline__body">{body}</div>
            {refused.map(|reason| view! {
                <p class="notice notice--error">
                    {move || t_with(lang.get(), Msg::OutboxRefused, &[("reason", &reason)])}
                </p>
                <div class="button-row">
                    <button type="button" class="button button--small" on:click=resend.clone()>{tr(Msg::OutboxResend)}</button>
                    <button type="button" class="button button--small button--secondary" on:click=discard.clone()>{tr(Msg::OutboxDiscard)}</button>
                </div>
            })}
        </li>
    }
}

fn timeline_entry(entry: TimelineEntry, lang: RwSignal<Lang>) -> impl IntoView {
    let at = entry.at;
    let when = move || date_time_text(lang.get(), at);
    match entry.event {
        TimelineEvent::Comment { author, role, body } => {
            let (class, who) = match role {
                AuthorRole::Agent => ("timeline__item timeline__item--agent", Some(author.name)),
                AuthorRole::Requester => ("timeline__item timeline__item--you", None),
                AuthorRole::System => ("timeline__item", None),
            };
            let role_label = move || match role {
                AuthorRole::Agent => t(lang.get(), Msg::RoleAgent),
                AuthorRole::Requester => t(lang.get(), Msg::RoleYou),
                AuthorRole::System => t(lang.get(), Msg::RoleSystem),
            };
            view! {
                <li class=class>
                    <p class="timeline__who">
                        <strong>{who.clone().map(|w| format!("{w} · "))}{role_label}</strong>
                        <span class="timeline__when">{when}</span>
                    </p>
                    <div class="timeline__body">
                        <Markdown text=Signal::stored(body) />
                    </div>
                </li>
            }
            .into_any()
        }
        TimelineEvent::StatusChange { from, to, .. } => view! {
            <li class="timeline__item timeline__item--event">
                <p>
                    {move || {
                        let l = lang.get();
                        t_with(
                            l,
                            Msg::TimelineStatusChange,
                            &[("from", t(l, status_label(from))), ("to", t(l, status_label(to)))],
                        )
                    }}
                    " "
                    <span class="timeline__when">{when}</span>
                </p>
            </li>
        }
        .into_any(),
        TimelineEvent::Attachment { name, mime, size, url } => {
            let label = name.clone();
            let preview = (!url.is_empty()).then(|| {
                view! { <AttachmentPreview name=name.clone() mime size url=url.clone() /> }
            });
            view! {
                <li class="timeline__item timeline__item--event">
                    <p>
                        {move || {
                            let l = lang.get();
                            let kb = format_decimal(l, size as f64 / 1024.0, 1);
                            t_with(l, Msg::TimelineAttachment, &[("name", &label), ("size", &format!("{kb} KB"))])
                        }}
                        " "
                        <span class="timeline__when">{when}</span>
                    </p>
                    {preview}
                    {(!url.is_empty()).then(|| view! { <DownloadButton name url /> })}
                </li>
            }
            .into_any()
        }
        TimelineEvent::Rating { score, remark } => view! {
            <li class="timeline__item timeline__item--event">
                <p>
                    {move || t_with(lang.get(), Msg::TimelineRating, &[("score", &score.to_string())])}
                    {(!remark.is_empty()).then(|| format!(" — {remark}"))}
                    " "
                    <span class="timeline__when">{when}</span>
                </p>
            </li>
        }
        .into_any(),
    }
}
