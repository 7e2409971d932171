//! Requests waiting to be sent, in IndexedDB (the user's `outbox` store, which trimming the
//! caches for room never touches), and the loop that sends them once the
//! backend can be reached. An entry is deleted only after the backend has answered with its
//! ticket; the submission key makes a repeated send find that ticket instead of filing another.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::{GetUntracked, Set};

use super::backend;
use super::state::AppState;
use super::store::KvStore;
use super::tabs::{self, Channel};
use crate::connector::{Connector, PortalError};
use crate::outbox::{change_prefix, prefix, Change, PendingChange, Queued};
use crate::sync::push::{Entry, Round, Step, Stop};
use crate::sync::schema::Area;
use crate::tracking::Schedule;

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Writes (`Some`) or deletes (`None`) one outbox key of a user durably, then tells the other
/// tabs; returns once it is committed.
async fn store(connector_id: &str, key: &str, text: Option<&str>) -> Result<(), String> {
    let outbox = KvStore::of(connector_id, Area::Outbox).await?;
    match text {
        Some(text) => outbox.put(key, text).await?,
        None => outbox.delete(key).await?,
    }
    tell_other_tabs();
    Ok(())
}

/// Keeps `entry` durably; returns once it is committed.
pub async fn keep(entry: &Queued) -> Result<(), String> {
    store(&entry.connector_id, &entry.key(), Some(&entry.to_text())).await
}

/// Forgets an entry (the user discarded it).
pub async fn forget(connector_id: &str, key: &str) -> Result<(), String> {
    store(connector_id, key, None).await
}

/// Sends a refused request again as it is (the user fixed what the backend objected to, or
/// believes it was a passing problem).
pub async fn resend(app: AppState, mut entry: Queued) -> Result<(), String> {
    entry.refused = None;
    keep(&entry).await?;
    refresh(app).await;
    send_now(app);
    Ok(())
}

/// Sends a refused ticket change again as it is.
pub async fn resend_change(app: AppState, mut change: PendingChange) -> Result<(), String> {
    change.refused = None;
    keep_change(&change).await?;
    refresh(app).await;
    send_now(app);
    Ok(())
}

/// The current user's waiting requests, oldest first. An entry that cannot be read is
/// reported on the console and left in place rather than deleted.
async fn waiting(connector_id: &str) -> Result<Vec<Queued>, String> {
    let entries = KvStore::of(connector_id, Area::Outbox)
        .await?
        .entries(&prefix(connector_id))
        .await?;
    let mut queued: Vec<Queued> = entries
        .into_iter()
        .filter_map(|(key, text)| match Queued::parse(&text) {
            Ok(q) => Some(q),
            Err(problem) => {
                super::platform::warn(&format!("outbox entry {key} is unreadable: {problem}"));
                None
            }
        })
        .collect();
    queued.sort_by_key(|q| q.queued_at);
    Ok(queued)
}

/// Reads the current user's waiting requests into `app.queued`, and their waiting ticket
/// changes into `app.tracking.pending`.
pub async fn refresh(app: AppState) {
    let Some(connector) = backend::connector() else {
        app.queued.set(Vec::new());
        app.tracking.pending.set(Vec::new());
        return;
    };
    match waiting(&connector.id()).await {
        Ok(list) => app.queued.set(list),
        Err(problem) => super::platform::warn(&format!("the outbox cannot be read: {problem}")),
    }
    match changes(&connector.id()).await {
        Ok(list) => app.tracking.pending.set(list),
        Err(problem) => super::platform::warn(&format!("the outbox cannot be read: {problem}")),
    }
}

/// Keeps a ticket change durably; returns once it is committed.
pub async fn keep_change(change: &PendingChange) -> Result<(), String> {
    let text = change.to_text();
    store(&change.connector_id, &change.store_key(), Some(&text)).await
}

/// Forgets a ticket change (sent, or discarded by the user).
pub async fn forget_change(change: &PendingChange) -> Result<(), String> {
    store(&change.connector_id, &change.store_key(), None).await
}

/// The current user's waiting ticket changes, in the order they were made.
async fn changes(connector_id: &str) -> Result<Vec<PendingChange>, String> {
    let entries = KvStore::of(connector_id, Area::Outbox)
        .await?
        .entries(&change_prefix(connector_id))
        .await?;
    Ok(entries
        .into_iter()
        .filter_map(|(key, text)| match PendingChange::parse(&text) {
            Ok(c) => Some(c),
            Err(problem) => {
                super::platform::warn(&format!("outbox entry {key} is unreadable: {problem}"));
                None
            }
        })
        .collect())
}

/// Sends one ticket change: a comment and then its files, or a status change. Each write
/// carries the change's key (the files theirs, derived from it), so a resend after a lost
/// answer is recognised by a backend that keeps keys.
pub async fn send_change(
    connector: &dyn Connector,
    change: &PendingChange,
) -> Result<(), PortalError> {
    let ticket = &change.ticket_id;
    match &change.change {
        Change::Comment { body, files } => {
            if !body.trim().is_empty() {
                backend::run(connector.add_comment(ticket, body, &change.key)).await?;
            }
            for (i, file) in files.iter().enumerate() {
                let key = format!("{}-f{i}", change.key);
                backend::run(connector.attach(ticket, file, &key)).await?;
            }
        }
        Change::Transition { transition } => {
            backend::run(connector.transition(ticket, transition, &change.key)).await?;
        }
    }
    Ok(())
}

thread_local! {
    /// The backoff between rounds, after the backend could not be reached.
    static SCHEDULE: RefCell<Schedule> = RefCell::new(Schedule::new(RETRY_SECONDS));
    /// No round starts before this time (seconds), unless the user or the network asks.
    static WAKE_AT: Cell<i64> = const { Cell::new(0) };
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

/// The first retry comes after 5 to 10 seconds, then doubles, up to 15 minutes.
const RETRY_SECONDS: i64 = 5;

/// Whether a round is due: the backoff after a failure has passed.
pub fn due() -> bool {
    WAKE_AT.with(Cell::get) <= super::platform::now_unix_seconds()
}

/// Listens to the other tabs: when one changes the outbox, this one shows it, and offers to
/// send what it holds (only one tab sends at a time).
pub fn listen(app: AppState) {
    let channel = Channel::open("portico-outbox", move |owner| {
        let mine = backend::connector().is_some_and(|c| c.id() == owner);
        if mine {
            leptos::task::spawn_local(refresh(app));
        }
    });
    CHANNEL.with(|c| *c.borrow_mut() = channel);
}

/// Tells the other tabs that this user's outbox changed.
pub fn tell_other_tabs() {
    if let Some(connector) = backend::connector() {
        CHANNEL.with(|c| {
            if let Some(channel) = c.borrow().as_ref() {
                channel.post(&connector.id());
            }
        });
    }
}

/// Sends what waits now, whatever the backoff: the network came back, or the user asked.
pub fn send_now(app: AppState) {
    WAKE_AT.with(|w| w.set(0));
    send_waiting(app);
}

/// Sends what waits, oldest first, one at a time, while the device is online (see
/// [`crate::sync::push`] for the rules). One tab of the device sends at a time; the others
/// follow through [`listen`].
pub fn send_waiting(app: AppState) {
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Some(connector) = backend::connector() {
            let lock = format!("portico-outbox:{}", connector.id());
            tabs::if_first(&lock, deliver(app)).await;
        }
        refresh(app).await;
        SENDING.with(|s| s.set(false));
    });
}

/// One waiting write, whichever kind.
enum Item {
    Request(Queued),
    Change(PendingChange),
}

/// Rounds until nothing more can be sent.
async fn deliver(app: AppState) {
    let Some(connector) = backend::connector() else {
        return;
    };
    let mut changed = false;
    for _ in 0..MAX_ROUNDS {
        if !app.online.get_untracked() || !due() {
            break;
        }
        // Another round only after one that got somewhere: entries kept meanwhile (in this
        // tab or another) get their turn before the lock is let go.
        match round(app, &*connector).await {
            Some(true) => changed = true,
            Some(false) | None => break,
        }
    }
    if changed {
        tell_other_tabs();
        super::tracking::refresh_now(app);
    }
}

/// At most this many rounds per turn, so a backend that acknowledges and yet keeps
/// answering "still there" cannot hold the lock forever.
const MAX_ROUNDS: usize = 5;

/// One pass over the outbox. `Some(true)` if anything was sent or refused; `None` if the
/// round stopped (unreachable, busy, signed out).
async fn round(app: AppState, connector: &dyn Connector) -> Option<bool> {
    let id = connector.id();
    let (requests, changes) = match (waiting(&id).await, changes(&id).await) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(problem), _) | (_, Err(problem)) => {
            super::platform::warn(&format!("the outbox cannot be read: {problem}"));
            return None;
        }
    };
    let mut items: HashMap<String, Item> = HashMap::new();
    let mut entries = Vec::new();
    for q in requests {
        entries.push(Entry {
            key: q.key(),
            lane: None,
            queued_at: q.queued_at,
            refused: q.refused.is_some(),
        });
        items.insert(q.key(), Item::Request(q));
    }
    for c in changes {
        entries.push(Entry {
            key: c.store_key(),
            lane: Some(c.ticket_id.clone()),
            queued_at: c.queued_at,
            refused: c.refused.is_some(),
        });
        items.insert(c.store_key(), Item::Change(c));
    }
    let mut round = Round::new(entries);
    let mut progress = false;
    while let Some(entry) = round.next_to_send() {
        if !app.online.get_untracked() {
            return None;
        }
        let Some(item) = items.remove(&entry.key) else {
            continue;
        };
        let result = match &item {
            Item::Request(q) => backend::run(connector.submit(&q.submission))
                .await
                .map(drop),
            Item::Change(c) => send_change(connector, c).await,
        };
        let now = super::platform::now_unix_seconds();
        let step = SCHEDULE.with(|s| {
            round.answer(
                result.as_ref().map(|_| ()),
                now,
                super::platform::random(),
                &mut s.borrow_mut(),
            )
        });
        match step {
            Some(Step::Remove(key)) => {
                progress = true;
                let forgotten = match KvStore::of(&connector.id(), Area::Outbox).await {
                    Ok(store) => store.delete(&key).await,
                    Err(e) => Err(e),
                };
                if let Err(problem) = forgotten {
                    // Sent, and still kept: the next round's key lookup finds it delivered.
                    super::platform::warn(&format!("a sent write stays queued: {problem}"));
                }
            }
            Some(Step::NeedsAttention { reason, .. }) => {
                progress = true;
                let kept = match item {
                    Item::Request(mut q) => {
                        q.refused = Some(reason);
                        keep(&q).await
                    }
                    Item::Change(mut c) => {
                        c.refused = Some(reason);
                        keep_change(&c).await
                    }
                };
                if let Err(problem) = kept {
                    super::platform::warn(&format!("a refusal was not recorded: {problem}"));
                }
            }
            Some(Step::Stop(Stop::RetryAt(at))) => {
                WAKE_AT.with(|w| w.set(at));
                return None;
            }
            Some(Step::Stop(Stop::SignIn)) | None => return None,
        }
    }
    Some(progress)
}
