//! The user's tickets: filtered, sorted and searched, with what needs them marked.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::connector::PortalError;
use crate::i18n::{due_text, plural, t, t_with, Lang, Msg};
use crate::model::{Priority, Ticket, TicketKind};
use crate::routes::Page;
use crate::shell::state::{tr, use_app};
use crate::shell::views::data::{date_time_text, ErrorNotice, Loading, StatusBadge};
use crate::shell::views::icons::{Icon, IconName};
use crate::shell::views::page::{msg_signal, EmptyState, PageLayout};
use crate::shell::{outbox, platform, tracking};
use crate::tracking::{counts, select, ListQuery, Show, SortBy};

pub(super) fn kind_label(kind: TicketKind) -> Msg {
    match kind {
        TicketKind::Incident => Msg::KindIncident,
        TicketKind::Request => Msg::KindRequest,
        TicketKind::Question => Msg::KindQuestion,
        TicketKind::Change => Msg::KindChange,
    }
}

/// A priority in words, so it never shows as a colour alone.
pub(super) fn priority_label(priority: Priority) -> Msg {
    match priority {
        Priority::Low => Msg::PriorityLow,
        Priority::Medium => Msg::PriorityMedium,
        Priority::High => Msg::PriorityHigh,
        Priority::Critical => Msg::PriorityCritical,
    }
}

fn show_label(show: Show) -> Msg {
    match show {
        Show::All => Msg::ShowAll,
        Show::Open => Msg::ShowOpen,
        Show::WaitingOnMe => Msg::ShowWaiting,
        Show::Closed => Msg::ShowClosed,
    }
}

fn sort_label(sort: SortBy) -> Msg {
    match sort {
        SortBy::Updated => Msg::SortUpdated,
        SortBy::Created => Msg::SortCreated,
        SortBy::Due => Msg::SortDue,
        SortBy::Status => Msg::SortStatus,
    }
}

/// The list's address for a query; defaults are left out.
fn list_href(q: &ListQuery) -> String {
    let mut params = Vec::new();
    if q.show != Show::default() {
        params.push(format!("show={}", q.show.code()));
    }
    if let Some(kind) = q.kind {
        params.push(format!("kind={}", kind.code()));
    }
    if q.sort != SortBy::default() {
        params.push(format!("sort={}", q.sort.code()));
    }
    if !q.text.is_empty() {
        params.push(format!("q={}", crate::routes::encode_segment(&q.text)));
    }
    let base = Page::Tickets.href();
    if params.is_empty() {
        base
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

#[component]
pub fn Tickets() -> impl IntoView {
    let app = use_app();
    let tracking = app.tracking;
    tracking::refresh_now(app);
    tracking::start_seen(app);
    // A waiting request that leaves the queue was delivered: show it among the tickets.
    Effect::new(move |before: Option<usize>| {
        let waiting = app.queued.with(Vec::len);
        if before.is_some_and(|b| waiting < b) {
            tracking::refresh_now(app);
        }
        waiting
    });
    let retry = Callback::new(move |_| tracking::refresh_now(app));
    let has_any = Memo::new(move |_| tracking.tickets.with(|l| l.as_ref().map(|l| !l.is_empty())));
    view! {
        <PageLayout title=msg_signal(Msg::TicketsTitle) intro=msg_signal(Msg::TicketsIntro)>
            <Waiting />
            <Freshness />
            <SignInAgain error=tracking.error />
            {move || match has_any.get() {
                None => match tracking.error.get() {
                    Some(PortalError::NotSignedIn) => ().into_any(),
                    Some(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    None => view! { <Loading /> }.into_any(),
                },
                Some(false) => view! {
                    <EmptyState
                        icon=IconName::Ticket
                        message=msg_signal(Msg::TicketsEmpty)
                        hint=msg_signal(Msg::TicketsEmptyHint)
                        action=(Page::Catalog.href(), msg_signal(Msg::NavCatalog))
                    />
                }
                    .into_any(),
                Some(true) => view! { <TicketList /> }.into_any(),
            }}
        </PageLayout>
    }
}

/// When the session ended, the way back in, above whatever the device still shows.
#[component]
pub(super) fn SignInAgain(error: RwSignal<Option<PortalError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| *e == PortalError::NotSignedIn)
            .map(|error| view! { <ErrorNotice error /> })
    }
}

/// When the list was read, and why it may be out of date (offline, the backend failing).
#[component]
pub(super) fn Freshness() -> impl IntoView {
    let app = use_app();
    let tracking = app.tracking;
    let lang = app.lang;
    move || {
        let at = tracking.read_at.get()?;
        let l = lang.get();
        let when = date_time_text(l, at);
        let stale = !tracking.live.get() || tracking.error.with(Option::is_some);
        let reason = if !app.online.get() {
            Some(t(l, Msg::StaleOffline).to_owned())
        } else {
            tracking.error.get().map(|e| e.user_message(l))
        };
        Some(view! {
            <p class="freshness" class:freshness--stale=stale role="status">
                <Icon name=if stale { IconName::Offline } else { IconName::Check } />
                <span>{t_with(l, Msg::LastUpdated, &[("time", &when)])}</span>
                {reason.map(|r| view! { <span>" " {r}</span> })}
            </p>
        })
    }
}

/// The filters, the search box, the counts and the tickets they select.
#[component]
fn TicketList() -> impl IntoView {
    let app = use_app();
    let tracking = app.tracking;
    let lang = app.lang;
    let params = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        let p = params.read();
        ListQuery {
            show: p
                .get("show")
                .and_then(|c| Show::from_code(&c))
                .unwrap_or_default(),
            kind: p.get("kind").and_then(|c| TicketKind::from_code(&c)),
            sort: p
                .get("sort")
                .and_then(|c| SortBy::from_code(&c))
                .unwrap_or_default(),
            text: p.get("q").unwrap_or_default(),
        }
    });
    // What is in the box; the address follows it, and back/forward bring it back.
    let text = RwSignal::new(query.get_untracked().text);
    Effect::new(move |_| {
        let q = query.get().text;
        if text.get_untracked() != q {
            text.set(q);
        }
    });
    let go = move |q: ListQuery| {
        navigate(
            &list_href(&q),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let counts = Memo::new(move |_| {
        let q = query.get();
        tracking
            .tickets
            .with(|l| counts(l.as_deref().unwrap_or_default(), &q))
    });
    let shown = Memo::new(move |_| {
        let q = query.get();
        let seen = tracking.seen.read();
        tracking.tickets.with(|l| {
            select(l.as_deref().unwrap_or_default(), &q, &seen)
                .into_iter()
                .map(|t| (t.clone(), seen.has_news(t)))
                .collect::<Vec<_>>()
        })
    });
    let go_show = go.clone();
    let filter_buttons = Show::ALL
        .into_iter()
        .map(|show| {
            let go = go_show.clone();
            view! {
                <button
                    type="button"
                    class="filter-button"
                    aria-pressed=move || (query.get().show == show).to_string()
                    on:click=move |_| go(ListQuery { show, ..query.get_untracked() })
                >
                    <span>{tr(show_label(show))}</span>
                    <span class="filter-button__count">{move || counts.get().of(show)}</span>
                </button>
            }
        })
        .collect_view();
    let go_kind = go.clone();
    let on_kind = move |ev| {
        let kind = TicketKind::from_code(&event_target_value(&ev));
        go_kind(ListQuery {
            kind,
            ..query.get_untracked()
        });
    };
    let go_sort = go.clone();
    let on_sort = move |ev| {
        let sort = SortBy::from_code(&event_target_value(&ev)).unwrap_or_default();
        go_sort(ListQuery {
            sort,
            ..query.get_untracked()
        });
    };
    let go_text = go.clone();
    let on_text = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        go_text(ListQuery {
            text: value,
            ..query.get_untracked()
        });
    };
    let go_clear = go.clone();
    let clear = move |_| {
        text.set(String::new());
        go_clear(ListQuery {
            sort: query.get_untracked().sort,
            ..ListQuery::default()
        });
    };
    let filtered = move || {
        let q = query.get();
        q.show != Show::All || q.kind.is_some() || !q.text.trim().is_empty()
    };
    view! {
        <div class="ticket-filters">
            <div class="ticket-filters__show" role="group" aria-label=tr(Msg::ShowLabel)>
                {filter_buttons}
            </div>
            <div class="ticket-filters__fields">
                <div class="field field--inline">
                    <label for="ticket-search">{tr(Msg::TicketSearchLabel)}</label>
                    <input
                        id="ticket-search"
                        type="search"
                        autocomplete="off"
                        aria-describedby="tickets-count"
                        prop:value=move || text.get()
                        on:input=on_text
                    />
                </div>
                <div class="field field--inline">
                    <label for="ticket-kind">{tr(Msg::KindLabel)}</label>
                    <select id="ticket-kind" on:change=on_kind prop:value=move || query.get().kind.map(|k| k.code()).unwrap_or_default()>
                        <option value="">{tr(Msg::KindAll)}</option>
                        {TicketKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.code()>{tr(kind_label(k))}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field field--inline">
                    <label for="ticket-sort">{tr(Msg::SortLabel)}</label>
                    <select id="ticket-sort" on:change=on_sort prop:value=move || query.get().sort.code()>
                        {SortBy::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.code()>{tr(sort_label(s))}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
        </div>
        <p class="list-count" id="tickets-count" role="status">
            {move || {
                let n = shown.with(Vec::len) as u64;
                if n == 0 { t(lang.get(), Msg::TicketsNoMatch).to_owned() } else { plural(lang.get(), n, Msg::TicketsCount, Msg::TicketsCount) }
            }}
            {move || filtered().then(|| view! {
                " "
                <button type="button" class="link-button" on:click=clear.clone()>{tr(Msg::ClearFilters)}</button>
            })}
        </p>
        <ul class="ticket-list">
            <For
                each=move || shown.get()
                key=|(t, news)| (t.id.clone(), t.updated, t.status, *news)
                let((ticket, news))
            >
                {ticket_row(ticket, news, lang)}
            </For>
        </ul>
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
                let owner = q.connector_id.clone();
                let since = q.queued_at;
                let refused = q.refused.clone();
                let resend = {
                    let entry = q.clone();
                    move |_| {
                        let entry = entry.clone();
                        leptos::task::spawn_local(async move {
                            if let Err(problem) = outbox::resend(app, entry).await {
                                crate::shell::platform::warn(&problem);
                            }
                        });
                    }
                };
                let discard = move |_| {
                    let (owner, key) = (owner.clone(), key.clone());
                    leptos::task::spawn_local(async move {
                        if outbox::forget(&owner, &key).await.is_ok() {
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
                            <div class="button-row">
                                <button type="button" class="button" on:click=resend.clone()>{tr(Msg::OutboxResend)}</button>
                                <button type="button" class="button button--secondary" on:click=discard.clone()>{tr(Msg::OutboxDiscard)}</button>
                            </div>
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
                <Show when=move || {
                    app.online.get() && app.queued.with(|q| q.iter().any(|q| q.refused.is_none()))
                }>
                    <p>
                        <button type="button" class="button button--secondary" on:click=move |_| outbox::send_now(app)>
                            {tr(Msg::OutboxSendNow)}
                        </button>
                    </p>
                </Show>
                <ul class="ticket-list">{rows}</ul>
            </section>
        </Show>
    }
}

fn ticket_row(ticket: Ticket, news: bool, lang: RwSignal<Lang>) -> impl IntoView {
    let priority = ticket.priority;
    let updated = ticket.updated;
    let due = ticket.due.filter(|_| ticket.status.is_open());
    view! {
        <li class="ticket-row" class:ticket-row--news=news>
            <div class="ticket-row__main">
                <A href=Page::Ticket(ticket.id.clone()).href() attr:class="ticket-row__title">
                    {ticket.title}
                </A>
                <span class="ticket-row__number">
                    {ticket.number} " · " {tr(kind_label(ticket.kind))}
                    {priority.map(|p| {
                        let level = move || t(lang.get(), priority_label(p));
                        view! { " · " {move || t_with(lang.get(), Msg::PriorityIs, &[("level", level())])} }
                    })}
                </span>
            </div>
            <div class="ticket-row__side">
                <StatusBadge status=ticket.status raw=ticket.raw_status />
                {news.then(|| view! {
                    <span class="ticket-row__news">
                        <Icon name=IconName::Dot />
                        <span>{tr(Msg::NewActivity)}</span>
                    </span>
                })}
            </div>
            <span class="ticket-row__updated">
                {tr(Msg::TicketUpdated)} {tr(Msg::LabelColon)} {move || date_time_text(lang.get(), updated)}
                {due.map(|due| {
                    let now = platform::now_unix_seconds();
                    let overdue = now > due;
                    view! { " · " <span class="ticket-row__due" class:ticket-row__due--overdue=overdue>{move || due_text(lang.get(), due, now)}</span> }
                })}
            </span>
        </li>
    }
}
