//! Delivering the outbox, as a pure state machine: which write goes next, what an answer
//! means for it, and when to try again. The shell reads the outbox from IndexedDB, asks a
//! [`Round`] what to send, sends it, reports the answer, and applies the [`Step`] it gets
//! back; this module decides everything else, so it is tested here without a browser.
//!
//! The rules, after the failures of the well-known offline queues (see the README):
//! - An entry leaves the outbox only when the backend acknowledged it ([`Step::Remove`]);
//!   an attempt that failed for any other reason leaves it in place, so a closed tab or a
//!   lost answer never loses it.
//! - Every write carries its entry's key as the idempotency key, and the connector looks it
//!   up before writing again, so resending after a lost answer never makes a duplicate.
//! - A refusal (a 4xx the user can fix) moves the entry to "needs your attention" with the
//!   backend's reason, keeping what the user wrote; it is never retried as it is.
//! - Entries of one lane (one ticket's changes) go in the order they were made: a lane whose
//!   earlier entry was refused gets nothing more until the user deals with it.
//! - When the backend is unreachable or busy the round stops, and the next one waits with
//!   exponential backoff and jitter, never sooner than a Retry-After.

use crate::connector::PortalError;
use crate::model::Timestamp;
use crate::tracking::Schedule;

/// One write in the outbox, as the planner sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The idempotency key, unique per write.
    pub key: String,
    /// Entries of one lane are sent in order; `None` is a lane of its own (a new request).
    pub lane: Option<String>,
    pub queued_at: Timestamp,
    /// Whether the backend refused it; it waits for the user.
    pub refused: bool,
}

/// What the shell does to the outbox after an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Acknowledged: delete the entry.
    Remove(String),
    /// Refused: keep the entry, marked with the reason, for the user to fix and resend.
    NeedsAttention { key: String, reason: String },
    /// Unreachable, busy or signed out: keep everything and end the round.
    Stop(Stop),
}

/// Why a round ended before the outbox was empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Try again at this time.
    RetryAt(Timestamp),
    /// The session ended: wait until the user signs in again.
    SignIn,
}

/// One pass over the outbox, oldest first.
#[derive(Clone, Debug)]
pub struct Round {
    /// Still to send, oldest first.
    queue: Vec<Entry>,
    /// Lanes that must wait: one of their entries was refused.
    blocked: Vec<String>,
    /// The entry sent and not yet answered.
    in_flight: Option<Entry>,
    stopped: bool,
}

impl Round {
    /// A round over `entries` (in any order).
    pub fn new(mut entries: Vec<Entry>) -> Round {
        entries.sort_by(|a, b| {
            a.queued_at
                .cmp(&b.queued_at)
                .then_with(|| a.key.cmp(&b.key))
        });
        let blocked = entries
            .iter()
            .filter(|e| e.refused)
            .filter_map(|e| e.lane.clone())
            .collect();
        entries.retain(|e| !e.refused);
        Round {
            queue: entries,
            blocked,
            in_flight: None,
            stopped: false,
        }
    }

    /// The next entry to send, or `None` when the round is over. Each entry is offered once;
    /// the previous one must have been answered first.
    pub fn next_to_send(&mut self) -> Option<Entry> {
        if self.stopped || self.in_flight.is_some() {
            return None;
        }
        loop {
            if self.queue.is_empty() {
                return None;
            }
            let entry = self.queue.remove(0);
            let waits = entry
                .lane
                .as_ref()
                .is_some_and(|lane| self.blocked.contains(lane));
            if !waits {
                self.in_flight = Some(entry.clone());
                return Some(entry);
            }
        }
    }

    /// The answer to the entry [`Round::next_to_send`] gave. `jitter` in [0, 1) spreads the retries
    /// of many devices; `schedule` carries the backoff from one round to the next.
    pub fn answer(
        &mut self,
        result: Result<(), &PortalError>,
        now: Timestamp,
        jitter: f64,
        schedule: &mut Schedule,
    ) -> Option<Step> {
        let entry = self.in_flight.take()?;
        let error = match result {
            Ok(()) => {
                schedule.succeeded(now);
                return Some(Step::Remove(entry.key));
            }
            Err(error) => error,
        };
        if matches!(error, PortalError::NotSignedIn) {
            self.stopped = true;
            return Some(Step::Stop(Stop::SignIn));
        }
        match schedule.failed(now, error, jitter) {
            Some(at) => {
                self.stopped = true;
                Some(Step::Stop(Stop::RetryAt(at)))
            }
            None => {
                if let Some(lane) = entry.lane {
                    self.blocked.push(lane);
                }
                Some(Step::NeedsAttention {
                    key: entry.key,
                    reason: error.to_string(),
                })
            }
        }
    }

    /// Whether the round stopped early (the rest waits for the next one).
    pub fn stopped(&self) -> bool {
        self.stopped
    }
}
