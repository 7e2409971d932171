//! Requests waiting to be sent, in IndexedDB (database `portico-outbox`, apart from caches so
//! that clearing or filling those never touches it), and the loop that sends them once the
//! backend can be reached. An entry is deleted only after the backend has answered with its
//! ticket; the submission key makes a repeated send find that ticket instead of filing another.

use std::cell::Cell;

use leptos::prelude::{GetUntracked, Set};

use super::backend;
use super::state::AppState;
use super::store::KvStore;
use crate::connector::{Connector, PortalError};
use crate::outbox::{
    after_failure, change_prefix, prefix, AfterFailure, Change, PendingChange, Queued,
};

const DATABASE: &str = "portico-outbox";

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Keeps `entry` durably; returns once it is committed.
pub async fn keep(entry: &Queued) -> Result<(), String> {
    KvStore::shared(DATABASE)
        .await?
        .put(&entry.key(), &entry.to_text())
        .await
}

/// Forgets an entry (the user discarded it).
pub async fn forget(key: &str) -> Result<(), String> {
    KvStore::shared(DATABASE).await?.delete(key).await
}

/// The current user's waiting requests, oldest first. An entry that cannot be read is
/// reported on the console and left in place rather than deleted.
async fn waiting(connector_id: &str) -> Result<Vec<Queued>, String> {
    let entries = KvStore::shared(DATABASE)
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
    KvStore::shared(DATABASE)
        .await?
        .put(&change.store_key(), &change.to_text())
        .await
}

/// Forgets a ticket change (sent, or discarded by the user).
pub async fn forget_change(change: &PendingChange) -> Result<(), String> {
    KvStore::shared(DATABASE)
        .await?
        .delete(&change.store_key())
        .await
}

/// The current user's waiting ticket changes, in the order they were made.
async fn changes(connector_id: &str) -> Result<Vec<PendingChange>, String> {
    let entries = KvStore::shared(DATABASE)
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

/// Sends what waits, oldest first, one at a time, while the device is online. Stops at the
/// first failure that a retry might cure (it will run again when the browser is back online);
/// a refusal marks its entry for the user and goes on with the next.
pub fn send_waiting(app: AppState) {
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        deliver(app).await;
        refresh(app).await;
        SENDING.with(|s| s.set(false));
    });
}

async fn deliver(app: AppState) {
    let Some(connector) = backend::connector() else {
        return;
    };
    deliver_requests(app, &*connector).await;
    deliver_changes(app, &*connector).await;
}

/// Sends waiting ticket changes in the order they were made. A ticket whose change was
/// refused gets nothing more until the user deals with it, so its changes stay in order.
async fn deliver_changes(app: AppState, connector: &dyn Connector) {
    let Ok(list) = changes(&connector.id()).await else {
        return;
    };
    if list.is_empty() {
        return;
    }
    let mut stuck: Vec<String> = Vec::new();
    let mut sent = false;
    for mut change in list {
        if change.refused.is_some() || stuck.contains(&change.ticket_id) {
            stuck.push(change.ticket_id.clone());
            continue;
        }
        if !app.online.get_untracked() {
            break;
        }
        match send_change(connector, &change).await {
            Ok(()) => {
                sent = true;
                if let Err(problem) = forget_change(&change).await {
                    super::platform::warn(&format!("a sent change stays queued: {problem}"));
                }
            }
            Err(error) => match after_failure(&error) {
                AfterFailure::Retry | AfterFailure::WaitForSignIn => break,
                AfterFailure::Refused(reason) => {
                    change.refused = Some(reason);
                    stuck.push(change.ticket_id.clone());
                    let _ = keep_change(&change).await;
                }
            },
        }
    }
    if sent {
        super::tracking::refresh_now(app);
    }
}

async fn deliver_requests(app: AppState, connector: &dyn Connector) {
    let Ok(list) = waiting(&connector.id()).await else {
        return;
    };
    for mut entry in list.into_iter().filter(|q| q.refused.is_none()) {
        if !app.online.get_untracked() {
            return;
        }
        match backend::run(connector.submit(&entry.submission)).await {
            Ok(_) => {
                if let Err(problem) = forget(&entry.key()).await {
                    super::platform::warn(&format!("a sent request stays queued: {problem}"));
                }
            }
            Err(error) => match after_failure(&error) {
                AfterFailure::Retry | AfterFailure::WaitForSignIn => return,
                AfterFailure::Refused(reason) => {
                    entry.refused = Some(reason);
                    let _ = keep(&entry).await;
                }
            },
        }
    }
}
