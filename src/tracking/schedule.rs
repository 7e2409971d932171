//! When the background refresh runs next: every `interval` while it works; after failures,
//! exponential backoff with jitter (capped), never sooner than the backend's Retry-After.

use crate::connector::PortalError;
use crate::model::Timestamp;

/// The longest wait between two attempts, in seconds.
pub const MAX_BACKOFF: i64 = 15 * 60;

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Seconds between two refreshes while all is well.
    pub interval: i64,
    failures: u32,
}

impl Schedule {
    pub fn new(interval: i64) -> Schedule {
        Schedule {
            interval: interval.max(1),
            failures: 0,
        }
    }

    /// Failed attempts in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The refresh worked: the next one after the usual interval.
    pub fn succeeded(&mut self, now: Timestamp) -> Timestamp {
        self.failures = 0;
        now + self.interval
    }

    /// The refresh failed with `error`; `jitter` in [0, 1) spreads retries of many devices.
    /// `None` when retrying cannot help (the session ended, the backend refused): the shell
    /// waits for the user instead.
    pub fn failed(
        &mut self,
        now: Timestamp,
        error: &PortalError,
        jitter: f64,
    ) -> Option<Timestamp> {
        if !error.is_retryable() {
            return None;
        }
        self.failures = self.failures.saturating_add(1);
        let doubled = self
            .interval
            .saturating_mul(1_i64 << self.failures.min(20))
            .min(MAX_BACKOFF);
        // Anywhere between half the backoff and all of it.
        let jitter = jitter.clamp(0.0, 1.0);
        let wait = doubled / 2 + ((doubled - doubled / 2) as f64 * jitter) as i64;
        let asked = match error {
            PortalError::RateLimited {
                retry_after: Some(s),
            } => i64::try_from(*s).unwrap_or(i64::MAX),
            _ => 0,
        };
        Some(now.saturating_add(wait.max(asked).max(1)))
    }
}
