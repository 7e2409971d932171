//! The pull side of sync, for one collection: read what changed since a cursor, page after
//! page, then say what to write and what to delete, and the cursor to keep for next time.
//!
//! - **Incremental.** A run with a cursor asks only for items changed since it (backends
//!   compare inclusively, so an item changed in the cursor's own second is read again rather
//!   than missed; writing it twice is harmless).
//! - **Deletions.** A listing since a cursor cannot show what was deleted, so every
//!   [`SWEEP_EVERY`] seconds (and on the first run) the whole collection is read, and whatever
//!   the device holds that it no longer lists is deleted.
//! - **All or nothing.** Nothing is written until the last page is in, and the cursor is
//!   returned with the outcome: the shell keeps it only after the items are written, so a run
//!   cut short anywhere is simply repeated.
//! - **Bounded.** A backend that keeps offering the same page, or more than [`MAX_PAGES`],
//!   ends the run with an error instead of looping.
//!
//! Failures are retried on the shared schedule ([`crate::tracking::Schedule`]): backoff with
//! jitter, honouring Retry-After.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::connector::{Page, PageRequest, PortalError};
use crate::model::Timestamp;

/// Seconds between two full listings, which find deletions.
pub const SWEEP_EVERY: i64 = 6 * 3600;

/// More pages than this in one run is a backend going round in circles.
pub const MAX_PAGES: usize = 2_000;

/// What a collection's sync remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The backend's watermark from the last complete run.
    pub since: Option<String>,
    /// When the whole collection was last read.
    pub swept_at: Option<Timestamp>,
}

/// One run in progress.
#[derive(Debug)]
pub struct Pull<T> {
    full: bool,
    previous: Cursor,
    next: Option<PageRequest>,
    asked: Vec<PageRequest>,
    items: Vec<T>,
    watermark: Option<String>,
}

/// What a complete run found.
#[derive(Debug, PartialEq)]
pub struct Outcome<T> {
    /// Items new or changed since the cursor (every item, after a full listing).
    pub upserts: Vec<T>,
    /// Ids the device holds that the backend no longer lists (only known after a full one).
    pub deletions: Vec<String>,
    /// The cursor to keep once the items are written.
    pub cursor: Cursor,
    /// Whether this run read the whole collection.
    pub full: bool,
}

impl<T> Pull<T> {
    /// Starts a run at `now` from the kept cursor.
    pub fn start(cursor: Cursor, now: Timestamp) -> Pull<T> {
        let full = cursor.since.is_none()
            || cursor
                .swept_at
                .is_none_or(|at| now.saturating_sub(at) >= SWEEP_EVERY || at > now);
        let first = PageRequest {
            since: if full { None } else { cursor.since.clone() },
            page: None,
        };
        Pull {
            full,
            previous: cursor,
            next: Some(first),
            asked: Vec::new(),
            items: Vec::new(),
            watermark: None,
        }
    }

    /// Whether this run reads the whole collection.
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// The page to ask for next; `None` once the last one is in.
    pub fn request(&self) -> Option<&PageRequest> {
        self.next.as_ref()
    }

    /// Pages read so far.
    pub fn pages_read(&self) -> usize {
        self.asked.len()
    }

    /// Takes the answer to [`Pull::request`].
    pub fn page(&mut self, page: Page<T>) -> Result<(), PortalError> {
        let Some(asked) = self.next.take() else {
            return Err(circling("a page arrived after the last one"));
        };
        self.asked.push(asked);
        self.items.extend(page.items);
        if page.cursor.is_some() {
            self.watermark = page.cursor;
        }
        if let Some(next) = page.next {
            if self.asked.contains(&next) {
                return Err(circling("the backend offered a page already read"));
            }
            if self.asked.len() >= MAX_PAGES {
                return Err(circling("too many pages"));
            }
            self.next = Some(next);
        }
        Ok(())
    }

    /// Ends a run whose last page is in: what to write and delete, given the ids the device
    /// holds now, and the cursor to keep afterwards.
    pub fn finish<'a>(
        self,
        held: impl IntoIterator<Item = &'a str>,
        id: impl Fn(&T) -> &str,
        now: Timestamp,
    ) -> Result<Outcome<T>, PortalError> {
        if self.next.is_some() {
            return Err(circling("the run ended before its last page"));
        }
        let deletions = if self.full {
            let listed: HashSet<&str> = self.items.iter().map(&id).collect();
            held.into_iter()
                .filter(|h| !listed.contains(h))
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        };
        // An item changed while the pages were read can appear twice: keep its last copy.
        let mut seen = HashSet::new();
        let mut upserts: Vec<T> = Vec::with_capacity(self.items.len());
        for item in self.items.into_iter().rev() {
            if seen.insert(id(&item).to_owned()) {
                upserts.push(item);
            }
        }
        upserts.reverse();
        let cursor = Cursor {
            since: self.watermark.or(self.previous.since),
            swept_at: if self.full {
                Some(now)
            } else {
                self.previous.swept_at
            },
        };
        Ok(Outcome {
            upserts,
            deletions,
            cursor,
            full: self.full,
        })
    }
}

fn circling(detail: &str) -> PortalError {
    PortalError::Malformed {
        path: "(paging)".into(),
        detail: detail.into(),
    }
}

/// The device's copy after an outcome (whose upserts have distinct ids): the held items with changed ones replaced (in place),
/// new ones added, and deleted ones gone.
pub fn merge<T>(held: Vec<T>, outcome: Outcome<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
    let gone: HashSet<&str> = outcome.deletions.iter().map(String::as_str).collect();
    let mut fresh: Vec<Option<T>> = outcome.upserts.into_iter().map(Some).collect();
    let index: std::collections::HashMap<String, usize> = fresh
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((id(t.as_ref()?).to_owned(), i)))
        .collect();
    let mut merged: Vec<T> = held
        .into_iter()
        .filter(|t| !gone.contains(id(t)))
        .map(|t| match index.get(id(&t)) {
            Some(&i) => fresh[i].take().unwrap_or(t),
            None => t,
        })
        .collect();
    merged.extend(fresh.into_iter().flatten());
    merged
}

#[cfg(test)]
#[path = "pull_tests.rs"]
mod tests;
