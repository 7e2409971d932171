//! Requests filed while the backend could not be reached, kept on the device until it has them.
//! Each keeps the submission key made before the first attempt, so sending it again after a
//! lost answer finds the ticket instead of filing a second one. Issue 8's sync engine takes
//! over delivery; this is the record it delivers from.

use serde::{Deserialize, Serialize};

use crate::connector::{PortalError, Submission};
use crate::model::Timestamp;

/// One request waiting to be sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// Whose request it is (the connector id names the backend and the user): nothing is sent
    /// under anyone else's session.
    pub connector_id: String,
    /// The catalog item's name when it was filed, for lists shown while offline.
    pub item_name: String,
    pub submission: Submission,
    pub queued_at: Timestamp,
    /// Why the last attempt failed, if the backend refused it (not for being unreachable).
    #[serde(default)]
    pub refused: Option<String>,
}

impl Queued {
    /// The storage key: per user, per submission.
    pub fn key(&self) -> String {
        format!(
            "{}{}",
            prefix(&self.connector_id),
            self.submission.idempotency_key
        )
    }

    /// Reads a stored entry; an unreadable one is reported, never silently dropped.
    pub fn parse(text: &str) -> Result<Queued, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The key prefix of one user's queued requests; the id's length first, so no user's prefix
/// is the start of another's.
pub fn prefix(connector_id: &str) -> String {
    format!("outbox:{}:{connector_id}:", connector_id.len())
}

/// What to do with an entry after an attempt to send it failed with `error`.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// Keep it and try again later: the backend was unreachable or busy.
    Retry,
    /// Keep it and stop: the user must sign in again first.
    WaitForSignIn,
    /// Keep it, marked with the backend's reason, for the user to see; retrying as it is would
    /// only be refused again.
    Refused(String),
}

/// Decides what a failed attempt means for the entry.
pub fn after_failure(error: &PortalError) -> AfterFailure {
    match error {
        PortalError::NotSignedIn => AfterFailure::WaitForSignIn,
        e if e.is_retryable() => AfterFailure::Retry,
        e => AfterFailure::Refused(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::Upload;
    use crate::model::Value;

    fn queued(user: &str, key: &str) -> Queued {
        Queued {
            connector_id: user.into(),
            item_name: "New laptop".into(),
            submission: Submission {
                item_id: "laptop".into(),
                title: "Écran 🖥️ — مرحبا".into(),
                description: "line one\nline two".into(),
                values: [("model".to_owned(), Value::Text("performance".into()))].into(),
                idempotency_key: key.into(),
                files: vec![Upload {
                    name: "a.png".into(),
                    mime: "image/png".into(),
                    bytes: vec![0, 1, 2, 254, 255],
                }],
            },
            queued_at: 1_795_322_289,
            refused: None,
        }
    }

    #[test]
    fn entries_round_trip_and_are_kept_per_user_and_submission() {
        let q = queued("rt:alice@/rt", "portico-1-2");
        assert_eq!(Queued::parse(&q.to_text()), Ok(q.clone()));
        assert!(q.key().starts_with(&prefix("rt:alice@/rt")));
        assert!(!q.key().starts_with(&prefix("rt:bob@/rt")));
        assert!(!queued("rt:alice@/rt:x", "k")
            .key()
            .starts_with(&prefix("rt:alice@/rt")));
        assert_ne!(q.key(), queued("rt:alice@/rt", "portico-1-3").key());
        for damaged in ["", "{", "null", "{\"submission\": 1}"] {
            assert!(Queued::parse(damaged).is_err(), "{damaged}");
        }
    }

    #[test]
    fn only_refusals_stop_retries_and_a_lost_session_waits() {
        use PortalError::*;
        assert_eq!(after_failure(&Offline), AfterFailure::Retry);
        assert_eq!(after_failure(&Server { status: 503 }), AfterFailure::Retry);
        assert_eq!(
            after_failure(&RateLimited { retry_after: None }),
            AfterFailure::Retry
        );
        assert_eq!(after_failure(&NotSignedIn), AfterFailure::WaitForSignIn);
        assert!(matches!(
            after_failure(&Rejected("no such queue".into())),
            AfterFailure::Refused(r) if r.contains("no such queue")
        ));
    }
}
