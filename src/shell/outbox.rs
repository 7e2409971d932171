//! Requests waiting to be sent, in IndexedDB (database `portico-outbox`, apart from caches so
//! that clearing or filling those never touches it), and the loop that sends them once the
//! backend can be reached. An entry is deleted only after the backend has answered with its
//! ticket; the submission key makes a repeated send find that ticket instead of filing another.

use std::cell::Cell;

use leptos::prelude::{GetUntracked, Set};

use super::backend;
use super::state::AppState;
use super::store::KvStore;
use crate::outbox::{after_failure, prefix, AfterFailure, Queued};

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

/// Reads the current user's waiting requests into `app.queued`.
pub async fn refresh(app: AppState) {
    let Some(connector) = backend::connector() else {
        app.queued.set(Vec::new());
        return;
    };
    match waiting(&connector.id()).await {
        Ok(list) => app.queued.set(list),
        Err(problem) => super::platform::warn(&format!("the outbox cannot be read: {problem}")),
    }
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
