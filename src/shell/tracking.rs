//! Keeping the user's tickets fresh: the list and each ticket are cached on the device (so
//! they show at once, and offline, with when they were last read), refreshed in the background
//! while the tab is visible and online (backing off on failures, honouring Retry-After), and
//! every change found is announced in the page and, if the user opted in, as a notification.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::state::AppState;
use super::store::KvStore;
use super::{backend, platform};
use crate::connector::PortalError;
use crate::i18n::{t, t_with, Msg};
use crate::model::{Ticket, Timestamp};
use crate::outbox::PendingChange;
use crate::sync::pull::{merge, Cursor, Pull};
use crate::sync::schema::Area;
use crate::tracking::{compare, needs_attention, replies_since, News, Notices, Schedule, Seen};

/// Seconds between two background refreshes while all is well.
const INTERVAL: i64 = 30;
/// How often the loop wakes to see whether a refresh is due, in milliseconds.
const TICK_MS: i32 = 5_000;
/// At most this many changed tickets are read in full per refresh, to spare the backend.
const DETAILS_PER_REFRESH: usize = 5;
/// The preference that turns browser notifications on.
pub const NOTIFY_PREF: &str = "portico.notify";

/// The tickets as last read, and what the background refresh found.
#[derive(Clone, Copy)]
pub struct Tracking {
    /// The user's tickets: from the device at first, then from the backend.
    pub tickets: RwSignal<Option<Vec<Ticket>>>,
    /// When the list was last read from the backend.
    pub read_at: RwSignal<Option<Timestamp>>,
    /// Whether the list shown was read from the backend since the page opened.
    pub live: RwSignal<bool>,
    /// Why the last refresh failed, until one works.
    pub error: RwSignal<Option<PortalError>>,
    pub seen: RwSignal<Seen>,
    /// Whether the device's copy (list and seen marks) has been read for the current user.
    pub ready: RwSignal<bool>,
    /// Tickets the last refresh read in full, for an open ticket page to show.
    pub fresh: RwSignal<Vec<Ticket>>,
    /// Changes the user is told about, one at a time.
    pub news: RwSignal<Notices>,
    /// Comments and status changes made offline, waiting to be sent.
    pub pending: RwSignal<Vec<PendingChange>>,
    /// While the list is being read: how many pages are in.
    pub syncing: RwSignal<Option<usize>>,
}

impl Tracking {
    pub fn new() -> Tracking {
        Tracking {
            tickets: RwSignal::new(None),
            read_at: RwSignal::new(None),
            live: RwSignal::new(false),
            error: RwSignal::new(None),
            seen: RwSignal::new(Seen::default()),
            ready: RwSignal::new(false),
            fresh: RwSignal::new(Vec::new()),
            news: RwSignal::new(Notices::default()),
            pending: RwSignal::new(Vec::new()),
            syncing: RwSignal::new(None),
        }
    }

    /// How many tickets need the user: waiting on them, or with news.
    pub fn attention(&self) -> usize {
        let seen = self.seen.read();
        self.tickets.with(|list| {
            list.as_ref().map_or(0, |l| {
                l.iter().filter(|t| needs_attention(t, &seen)).count()
            })
        })
    }

    /// Drops the news about one ticket (the user opened it).
    pub fn dismiss(&self, ticket_id: &str) {
        self.news
            .update(|n| n.forget_ticket(ticket_id, platform::now_ms()));
    }
}

impl Default for Tracking {
    fn default() -> Self {
        Tracking::new()
    }
}

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static NEXT_AT: Cell<Timestamp> = const { Cell::new(0) };
    static SCHEDULE: RefCell<Schedule> = RefCell::new(Schedule::new(INTERVAL));
    static SERIAL: Cell<u64> = const { Cell::new(0) };
}

/// What is kept on the device, with when it was read from the backend.
#[derive(Serialize, Deserialize)]
struct Cached<T> {
    at: Timestamp,
    value: T,
}

/// A key of one user's data: the connector id (backend and user) with its length first, so no
/// user's keys start with another's.
fn user_key(kind: &str, connector_id: &str, rest: &str) -> String {
    format!("{kind}:{}:{connector_id}:{rest}", connector_id.len())
}

fn current_id() -> Option<String> {
    backend::connector().map(|c| c.id())
}

async fn read<T: DeserializeOwned>(connector_id: &str, key: &str) -> Option<Cached<T>> {
    let store = KvStore::of(connector_id, Area::Tickets).await.ok()?;
    let text = store.get(key).await.ok()??;
    // An entry from an older version or a damaged one is only a cache: read afresh.
    serde_json::from_str(&text).ok()
}

/// Keeps `value`; whether it was kept.
async fn write<T: Serialize>(connector_id: &str, key: &str, at: Timestamp, value: &T) -> bool {
    let Ok(text) = serde_json::to_string(&Cached { at, value }) else {
        return false;
    };
    let result = match KvStore::of(connector_id, Area::Tickets).await {
        Ok(store) => store.put(key, &text).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => true,
        Err(problem) => {
            platform::warn(&format!("the ticket cache was not updated: {problem}"));
            false
        }
    }
}

/// A ticket as last read on this device, with when.
pub async fn cached_ticket(ticket_id: &str) -> Option<(Ticket, Timestamp)> {
    let id = current_id()?;
    let key = user_key("ticket", &id, ticket_id);
    read::<Ticket>(&id, &key).await.map(|c| (c.value, c.at))
}

/// Keeps a ticket just read from the backend, and puts it in the list in place of its older
/// copy, so the next refresh compares against what the user has already seen.
pub async fn keep_ticket(app: AppState, ticket: &Ticket) {
    let Some(id) = current_id() else { return };
    let now = platform::now_unix_seconds();
    write(&id, &user_key("ticket", &id, &ticket.id), now, ticket).await;
    let tracking = app.tracking;
    let mut listed = ticket.clone();
    listed.timeline.clear();
    tracking.tickets.update(|list| {
        if let Some(entry) = list
            .as_mut()
            .and_then(|l| l.iter_mut().find(|t| t.id == listed.id))
        {
            *entry = listed;
        }
    });
}

/// The user has seen `ticket` as it is.
pub fn look(app: AppState, ticket: &Ticket) {
    let tracking = app.tracking;
    let mut changed = false;
    tracking.seen.update(|s| {
        s.start(platform::now_unix_seconds());
        changed = s.look(ticket);
    });
    if changed {
        save_seen(app);
    }
}

/// The list was shown: from now on, activity is news. Waits for the marks kept on the
/// device, so it never overwrites them.
pub fn start_seen(app: AppState) {
    let tracking = app.tracking;
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !tracking.ready.get() {
            return done.unwrap_or(false);
        }
        start_seen_now(app);
        true
    });
}

fn start_seen_now(app: AppState) {
    if app.tracking.seen.with_untracked(|s| s.since.is_none()) {
        app.tracking
            .seen
            .update(|s| s.start(platform::now_unix_seconds()));
        save_seen(app);
    }
}

fn save_seen(app: AppState) {
    let Some(id) = current_id() else { return };
    let seen = app.tracking.seen.get_untracked();
    leptos::task::spawn_local(async move {
        write(
            &id,
            &user_key("seen", &id, ""),
            platform::now_unix_seconds(),
            &seen,
        )
        .await;
    });
}

/// Shows the current user's cached tickets (or none, for someone else) before any refresh.
pub async fn load_cached(app: AppState) {
    let tracking = app.tracking;
    tracking.tickets.set(None);
    tracking.read_at.set(None);
    tracking.live.set(false);
    tracking.error.set(None);
    tracking.news.set(Notices::default());
    tracking.seen.set(Seen::default());
    tracking.ready.set(false);
    let Some(id) = current_id() else { return };
    if let Some(list) = read::<Vec<Ticket>>(&id, &user_key("tickets", &id, "")).await {
        // Only if nothing fresher arrived meanwhile.
        if tracking.tickets.with_untracked(Option::is_none) {
            tracking.tickets.set(Some(list.value));
            tracking.read_at.set(Some(list.at));
        }
    }
    if let Some(seen) = read::<Seen>(&id, &user_key("seen", &id, "")).await {
        tracking.seen.set(seen.value);
    }
    tracking.ready.set(true);
}

/// The key of the tickets' sync cursor, in the user's sync store: one per language for a
/// backend that answers in the language asked, so that after a switch the whole list is read
/// once more and its state names come in the new language.
fn tickets_cursor() -> String {
    match backend::asked_language() {
        Some(lang) => format!("cursor:tickets:{lang}"),
        None => "cursor:tickets".to_owned(),
    }
}

/// Reads what changed in the user's tickets since the kept cursor (everything on the first run
/// and at each sweep, which also finds deleted ones), page by page, and merges it into `held`:
/// the list newest activity first, with the cursor to keep once the list is written.
async fn read_changes(
    app: AppState,
    connector_id: &str,
    held: Option<Vec<Ticket>>,
    now: Timestamp,
) -> Result<(Vec<Ticket>, Cursor), PortalError> {
    let connector = backend::connector().ok_or(PortalError::NotSignedIn)?;
    // Without a list on the device, a cursor would skip what it never had.
    let cursor = match &held {
        Some(_) => read::<Cursor>(connector_id, &tickets_cursor())
            .await
            .map(|c| c.value)
            .unwrap_or_default(),
        None => Cursor::default(),
    };
    let mut pull = Pull::start(cursor, now);
    app.tracking.syncing.set(Some(0));
    while let Some(request) = pull.request().cloned() {
        let page = backend::run(connector.list_tickets(&request)).await?;
        pull.page(page)?;
        app.tracking.syncing.set(Some(pull.pages_read()));
    }
    let held = held.unwrap_or_default();
    let outcome = pull.finish(held.iter().map(|t| t.id.as_str()), |t| &t.id, now)?;
    let cursor = outcome.cursor.clone();
    let mut list = merge(held, outcome, |t| &t.id);
    list.sort_by_key(|t| std::cmp::Reverse(t.updated));
    Ok((list, cursor))
}

/// Refreshes now, unless a refresh is already running.
pub fn refresh_now(app: AppState) {
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        refresh(app).await;
        RUNNING.with(|r| r.set(false));
    });
}

async fn refresh(app: AppState) {
    let tracking = app.tracking;
    let Some(connector_id) = current_id() else {
        return;
    };
    let now = platform::now_unix_seconds();
    // Offline the backend cannot be reached (the embedded demo could, but it stands for one
    // that cannot): the list stays as kept, and coming back online refreshes it.
    if !app.online.get_untracked() {
        tracking.error.set(Some(PortalError::Offline));
        return;
    }
    let held = tracking.tickets.get_untracked();
    let result = read_changes(app, &connector_id, held, now).await;
    tracking.syncing.set(None);
    // The user signed out or switched while the answer was on its way: it is not theirs.
    if current_id().as_deref() != Some(connector_id.as_str()) {
        return;
    }
    let (list, cursor) = match result {
        Ok(read) => read,
        Err(error) => {
            let next = SCHEDULE.with(|s| s.borrow_mut().failed(now, &error, platform::random()));
            NEXT_AT.with(|n| n.set(next.unwrap_or(Timestamp::MAX)));
            tracking.error.set(Some(error));
            return;
        }
    };
    NEXT_AT.with(|n| n.set(SCHEDULE.with(|s| s.borrow_mut().succeeded(now))));
    let before = tracking.tickets.get_untracked();
    // Only changes since this page last read the list are news to announce; what changed
    // while the portal was closed is marked in the list instead.
    let moved = match (&before, tracking.live.get_untracked()) {
        (Some(before), true) => compare(before, &list),
        _ => Vec::new(),
    };
    let mut fresh = Vec::new();
    for change in moved.iter().take(DETAILS_PER_REFRESH) {
        let detail = match backend::connector() {
            Some(c) => backend::run(c.get_ticket(&change.id)).await.ok(),
            None => None,
        };
        let l = app.lang.get_untracked();
        if let Some(status) = change.new_status {
            let status = t(l, super::views::data::status_label(status));
            announce(
                app,
                &change.id,
                &change.number,
                t_with(
                    l,
                    Msg::NewsStatus,
                    &[
                        ("number", &change.number),
                        ("title", &change.title),
                        ("status", status),
                    ],
                ),
            );
        }
        if let Some(detail) = detail {
            let replies = replies_since(&detail, change.since);
            if let Some(last) = replies.last() {
                let who = match &last.event {
                    crate::model::TimelineEvent::Comment { author, .. } => author.name.clone(),
                    _ => String::new(),
                };
                announce(
                    app,
                    &change.id,
                    &change.number,
                    t_with(
                        l,
                        Msg::NewsReply,
                        &[
                            ("number", &change.number),
                            ("title", &change.title),
                            ("who", &who),
                        ],
                    ),
                );
            }
            write(
                &connector_id,
                &user_key("ticket", &connector_id, &detail.id),
                now,
                &detail,
            )
            .await;
            fresh.push(detail);
        }
    }
    // The cursor moves on only once the list it describes is kept.
    if write(
        &connector_id,
        &user_key("tickets", &connector_id, ""),
        now,
        &list,
    )
    .await
    {
        write(&connector_id, &tickets_cursor(), now, &cursor).await;
    }
    tracking.seen.update(|s| s.keep_only(&list));
    tracking.tickets.set(Some(list));
    tracking.read_at.set(Some(now));
    tracking.live.set(true);
    tracking.error.set(None);
    if !fresh.is_empty() {
        tracking.fresh.set(fresh);
    }
}

/// Tells the user about a change: in the page's polite live region, and as a notification if
/// they asked for those and are looking elsewhere.
fn announce(app: AppState, ticket_id: &str, number: &str, text: String) {
    let serial = SERIAL.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    if notifications_on(app) && !platform::has_focus() {
        let name = app.config.with_value(|c| c.portal_name.clone());
        platform::notify(&name, &text, &format!("portico-{number}"));
    }
    let news = News {
        serial,
        ticket_id: ticket_id.to_owned(),
        text,
    };
    app.tracking
        .news
        .update(|n| n.push(news, platform::now_ms()));
}

/// Whether the user asked for browser notifications (never on a kiosk).
pub fn notifications_on(app: AppState) -> bool {
    !app.config.with_value(|c| c.kiosk) && platform::load_pref(NOTIFY_PREF).as_deref() == Some("on")
}

/// Starts the background refresh (once per page): every few seconds it checks whether a
/// refresh is due, and runs one only while the tab is visible and the device online.
/// Coming back (tab shown again, network back) refreshes at once.
pub fn start(app: AppState) {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        loop {
            platform::sleep(TICK_MS).await;
            let due = NEXT_AT.with(Cell::get) <= platform::now_unix_seconds();
            if due && app.online.get_untracked() && !platform::is_hidden() {
                refresh_now(app);
            }
        }
    });
    let wake = move || {
        if app.online.get_untracked() && !platform::is_hidden() {
            NEXT_AT.with(|n| n.set(0));
            refresh_now(app);
        }
    };
    let shown = window_event_listener_untyped("visibilitychange", move |_| wake());
    let online = window_event_listener(leptos::ev::online, move |_| wake());
    // The listeners live as long as the page.
    std::mem::forget((shown, online));
}
