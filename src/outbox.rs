//! Requests filed while the backend could not be reached, kept on the device until it has them.
//! Each keeps the submission key made before the first attempt, so sending it again after a
//! lost answer finds the ticket instead of filing a second one. Issue 8's sync engine takes
//! over delivery; this is the record it delivers from.

use serde::{Deserialize, Serialize};

use crate::connector::Submission;
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

/// A change to an existing ticket made while the backend could not be reached: a comment
/// (with its files) or a status change. Kept, shown as pending on the ticket, and sent in the
/// order it was made; its key travels with it as the idempotency key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingChange {
    pub connector_id: String,
    pub ticket_id: String,
    /// Sorts in the order the changes were made (see [`change_key`]).
    pub key: String,
    pub change: Change,
    pub queued_at: Timestamp,
    #[serde(default)]
    pub refused: Option<String>,
}

/// What the pending change does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    Comment {
        body: String,
        #[serde(default)]
        files: Vec<crate::connector::Upload>,
    },
    Transition {
        transition: crate::connector::Transition,
    },
}

/// A key for a change made at `at`: the time first, zero-padded, so keys sort in the order
/// the changes were made, then `random` so two in one second differ.
pub fn change_key(at: Timestamp, random: u64) -> String {
    format!("{:012}-{random:016x}", at.max(0))
}

impl PendingChange {
    pub fn store_key(&self) -> String {
        format!("{}{}", change_prefix(&self.connector_id), self.key)
    }

    pub fn parse(text: &str) -> Result<PendingChange, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The key prefix of one user's pending ticket changes.
pub fn change_prefix(connector_id: &str) -> String {
    format!("change:{}:{connector_id}:", connector_id.len())
}

/// The key prefix of one user's queued requests; the id's length first, so no user's prefix
/// is the start of another's.
pub fn prefix(connector_id: &str) -> String {
    format!("outbox:{}:{connector_id}:", connector_id.len())
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
                answers: "Modèle\u{a0}: Performance".into(),
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
    fn entries_kept_before_readable_answers_still_load() {
        let mut q = queued("demo", "portico-1-2");
        let mut old: serde_json::Value = serde_json::from_str(&q.to_text()).unwrap();
        old["submission"].as_object_mut().unwrap().remove("answers");
        q.submission.answers = String::new();
        assert_eq!(Queued::parse(&old.to_string()), Ok(q));
    }

    #[test]
    fn pending_changes_round_trip_sort_in_order_and_stay_per_user() {
        use crate::connector::Transition;
        let change = |at, random, change| PendingChange {
            connector_id: "rt:alice@/rt".into(),
            ticket_id: "42".into(),
            key: change_key(at, random),
            change,
            queued_at: at,
            refused: None,
        };
        let comment = change(
            9,
            u64::MAX,
            Change::Comment {
                body: "**Still** broken — ça ne marche pas".into(),
                files: vec![],
            },
        );
        let rate = change(
            10,
            0,
            Change::Transition {
                transition: Transition::Rate {
                    score: 4,
                    remark: "quick".into(),
                },
            },
        );
        let later = change(
            100_000,
            1,
            Change::Transition {
                transition: Transition::Reopen {
                    reason: String::new(),
                },
            },
        );
        for c in [&comment, &rate, &later] {
            assert_eq!(PendingChange::parse(&c.to_text()).as_ref(), Ok(c));
            assert!(c.store_key().starts_with(&change_prefix("rt:alice@/rt")));
            assert!(!c.store_key().starts_with(&change_prefix("rt:bob@/rt")));
            assert!(!c.store_key().starts_with(&prefix("rt:alice@/rt")));
        }
        // Keys sort in the order the changes were made, whatever the random part.
        assert!(comment.store_key() < rate.store_key());
        assert!(rate.store_key() < later.store_key());
        assert!(PendingChange::parse("{\"type\":\"comment\"}").is_err());
    }
}
