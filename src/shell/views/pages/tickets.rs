//! The user's tickets, newest activity first, and one ticket with its conversation.

use leptos::prelude::*;
use leptos_router::components::A;

use super::ticket_actions::{DownloadButton, TicketActions};
use super::{use_route_id, MissingEntity};
use crate::connector::PortalError;
use crate::i18n::{due_text, elapsed_share, plural, t, t_with, Lang, Msg};
use crate::model::{
    status_steps, AuthorRole, Status, Ticket, TicketKind, TimelineEntry, TimelineEvent,
};
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{
    all_pages, date_time_text, entity_view, load, status_label, ErrorNotice, Loading, StatusBadge,
    TextBlocks,
};
use crate::shell::views::icons::IconName;
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};
use crate::shell::{backend, outbox, platform};

/// Every ticket of the user, newest activity first.
async fn all_tickets() -> Result<Vec<Ticket>, PortalError> {
    let mut tickets = all_pages(|c, r| c.list_tickets(r)).await?;
    tickets.sort_by_key(|t| std::cmp::Reverse(t.updated));
    Ok(tickets)
}

fn kind_label(kind: TicketKind) -> Msg {
    match kind {
        TicketKind::Incident => Msg::KindIncident,
        TicketKind::Request => Msg::KindRequest,
        TicketKind::Question => Msg::KindQuestion,
        TicketKind::Change => Msg::KindChange,
    }
}

#[component]
pub fn Tickets() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let tickets = LocalResource::new(all_tickets);
    let retry = Callback::new(move |_| tickets.refetch());
    // A waiting request that leaves the queue was delivered: show it among the tickets.
    Effect::new(move |before: Option<usize>| {
        let waiting = app.queued.with(Vec::len);
        if before.is_some_and(|b| waiting < b) {
            tickets.refetch();
        }
        waiting
    });
    view! {
        <PageLayout title=msg_signal(Msg::TicketsTitle) intro=msg_signal(Msg::TicketsIntro)>
            <Waiting />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match tickets.await {
                        Ok(list) if list.is_empty() => view! {
                            <EmptyState
                                icon=IconName::Ticket
                                message=msg_signal(Msg::TicketsEmpty)
                                hint=msg_signal(Msg::TicketsEmptyHint)
                                action=(Page::Catalog.href(), msg_signal(Msg::NavCatalog))
                            />
                        }
                            .into_any(),
                        Ok(list) => {
                            let count = list.len() as u64;
                            view! {
                                <p class="list-count">
                                    {move || plural(lang.get(), count, Msg::TicketsCount, Msg::TicketsCount)}
                                </p>
                                <ul class="ticket-list">
                                    {list.into_iter().map(|ticket| ticket_row(ticket, lang)).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </PageLayout>
    }
}

/// Requests kept on this device until the backend can be reached, with why the backend
/// refused one, if it did, and a way to drop it.
#[component]
fn Waiting() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let rows = move || {
        app.queued
            .get()
            .into_iter()
            .map(|q| {
                let key = q.key();
                let since = q.queued_at;
                let refused = q.refused.clone();
                let discard = move |_| {
                    let key = key.clone();
                    leptos::task::spawn_local(async move {
                        if outbox::forget(&key).await.is_ok() {
                            outbox::refresh(app).await;
                        }
                    });
                };
                view! {
                    <li class="ticket-row ticket-row--waiting">
                        <span class="ticket-row__title">{q.submission.title.clone()}</span>
                        <span class="ticket-row__number">{q.item_name.clone()}</span>
                        <span class="ticket-row__updated">
                            {move || t_with(lang.get(), Msg::OutboxSince, &[("time", &date_time_text(lang.get(), since))])}
                        </span>
                        {refused.map(|reason| view! {
                            <p class="notice notice--error ticket-row__problem">
                                {move || t_with(lang.get(), Msg::OutboxRefused, &[("reason", &reason)])}
                            </p>
                            <button type="button" class="button" on:click=discard.clone()>{tr(Msg::OutboxDiscard)}</button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || app.queued.with(|q| !q.is_empty())>
            <section class="waiting" aria-labelledby="waiting-title">
                <h2 id="waiting-title">{tr(Msg::OutboxTitle)}</h2>
                <p>{tr(Msg::OutboxIntro)}</p>
                <ul class="ticket-list">{rows}</ul>
            </section>
        </Show>
    }
}

fn ticket_row(ticket: Ticket, lang: RwSignal<Lang>) -> impl IntoView {
    let updated = ticket.updated;
    view! {
        <li class="ticket-row">
            <A href=Page::Ticket(ticket.id.clone()).href() attr:class="ticket-row__title">
                {ticket.title}
            </A>
            <span class="ticket-row__number">{ticket.number} " · " {tr(kind_label(ticket.kind))}</span>
            <StatusBadge status=ticket.status raw=ticket.raw_status />
            <span class="ticket-row__updated">
                {tr(Msg::TicketUpdated)} {tr(Msg::LabelColon)} {move || date_time_text(lang.get(), updated)}
            </span>
        </li>
    }
}

#[component]
pub fn Ticket() -> impl IntoView {
    let id = use_route_id();
    let ticket = load(move |c| c.get_ticket(&id.get()));
    let retry = Callback::new(move |_| ticket.refetch());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                // Someone else's ticket is "not among yours", like a missing one: whether it
                // exists is not this user's business.
                let loaded = ticket.await.map_err(|e| match e {
                    PortalError::Forbidden => PortalError::NotFound,
                    other => other,
                });
                entity_view(
                    loaded,
                    move |t| view! { <TicketPage ticket=t on_change=retry /> }.into_any(),
                    move || {
                        view! {
                            <MissingEntity
                                title=Msg::TicketNotFoundTitle
                                message=Msg::TicketNotFound
                                id
                                back=(Page::Tickets, Msg::BackToTickets)
                            />
                        }
                            .into_any()
                    },
                    Msg::TicketsTitle,
                    retry,
                )
            })}
        </Transition>
    }
}

#[component]
fn TicketPage(
    ticket: Ticket,
    /// Reloads the ticket after the user changed it.
    on_change: Callback<()>,
) -> impl IntoView {
    let lang = use_app().lang;
    let ticket_id = ticket.id.clone();
    let actions = ticket.actions.clone();
    let Ticket {
        number,
        title,
        description,
        status,
        raw_status,
        created,
        updated,
        due,
        assignee,
        timeline,
        ..
    } = ticket;
    let handled_by = move || {
        assignee
            .clone()
            .unwrap_or_else(|| t(lang.get(), Msg::TicketUnassigned).to_owned())
    };
    let empty = timeline.is_empty();
    view! {
        <PageLayout title=Signal::stored(format!("{number} · {title}"))>
            <dl class="facts facts--ticket">
                <div>
                    <dt>{tr(Msg::TicketStatusLabel)}</dt>
                    <dd><StatusBadge status raw=raw_status /></dd>
                </div>
                <div>
                    <dt>{tr(Msg::TicketHandledBy)}</dt>
                    <dd>{handled_by}</dd>
                </div>
                <div>
                    <dt>{tr(Msg::TicketOpened)}</dt>
                    <dd>{move || date_time_text(lang.get(), created)}</dd>
                </div>
                <div>
                    <dt>{tr(Msg::TicketUpdated)}</dt>
                    <dd>{move || date_time_text(lang.get(), updated)}</dd>
                </div>
                {due
                    .map(|due| {
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
                    })}
            </dl>
            <StatusSteps status />
            <div class="prose">
                <TextBlocks markdown=description />
            </div>
            <section class="conversation" aria-labelledby="conversation-title">
                <h2 id="conversation-title">{tr(Msg::TicketConversation)}</h2>
                {empty.then(|| view! { <p class="hint">{tr(Msg::TicketNoActivity)}</p> })}
                <ol class="timeline">{timeline.into_iter().map(|e| timeline_entry(e, lang)).collect_view()}</ol>
            </section>
            <TicketActions ticket_id actions on_change />
        </PageLayout>
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
                        <TextBlocks markdown=body />
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
        TimelineEvent::Attachment { name, size, url, .. } => {
            let label = name.clone();
            view! {
                <li class="timeline__item timeline__item--event">
                    <p>
                        {move || {
                            let l = lang.get();
                            let kb = crate::i18n::format_decimal(l, size as f64 / 1024.0, 1);
                            t_with(l, Msg::TimelineAttachment, &[("name", &label), ("size", &format!("{kb} KB"))])
                        }}
                        " "
                        <span class="timeline__when">{when}</span>
                    </p>
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
