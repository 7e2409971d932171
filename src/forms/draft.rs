//! A request being written, kept on the device as the user types so that nothing they entered
//! is lost to a reload, a crash or a closed tab.

use serde::{Deserialize, Serialize};

use super::Values;
use crate::model::Timestamp;

/// The answers of one unsent request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub description: String,
    pub values: Values,
    /// The submission key, kept so that sending after a reload is still the same submission.
    pub submission_key: String,
    pub saved_at: Timestamp,
    /// The labels of entries chosen in reference fields (the values hold their ids).
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
}

impl Draft {
    /// Whether the user has written anything worth keeping: a form still at its `defaults`
    /// is not a draft.
    pub fn has_content(&self, defaults: &Values) -> bool {
        !self.title.trim().is_empty()
            || !self.description.trim().is_empty()
            || self
                .values
                .iter()
                .any(|(k, v)| !v.is_empty() && defaults.get(k) != Some(v))
    }

    /// Reads a stored draft; anything unreadable (an older format, a damaged write) is no draft.
    pub fn parse(text: &str) -> Option<Draft> {
        serde_json::from_slice(text.as_bytes()).ok()
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Where the draft of `item_id` is kept for the user of `connector_id` (`rt:alice@/rt`): one
/// person's drafts are never offered to another on a shared device.
pub fn draft_key(connector_id: &str, item_id: &str) -> String {
    format!("{}{item_id}", draft_prefix(connector_id))
}

/// The key prefix of every draft of the user of `connector_id`. The id's length goes first,
/// so no user's prefix is the start of another's (`alice` and `alice@x`).
pub fn draft_prefix(connector_id: &str) -> String {
    format!("draft:{}:{connector_id}:", connector_id.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    #[test]
    fn drafts_round_trip_and_damaged_ones_are_ignored() {
        let draft = Draft {
            title: "Écran 🖥️ cassé".into(),
            description: "مرحبا\nline two".into(),
            values: [
                ("model".to_owned(), Value::Text("performance".into())),
                ("replace".to_owned(), Value::Bool(true)),
                ("apps".to_owned(), Value::List(vec!["a".into(), "b".into()])),
            ]
            .into(),
            submission_key: "portico-1-2".into(),
            saved_at: 1_795_322_289,
            labels: [("manager".to_owned(), "Chloé Martin".to_owned())].into(),
        };
        assert_eq!(Draft::parse(&draft.to_text()), Some(draft.clone()));
        assert!(draft.has_content(&Values::new()));
        for damaged in ["", "{", "null", "[]", "{\"title\": 5}"] {
            assert_eq!(Draft::parse(damaged), None, "{damaged}");
        }
        let none = Values::new();
        assert!(!Draft::default().has_content(&none));
        let blank = Draft {
            title: "  ".into(),
            values: [("x".to_owned(), Value::Text(" ".into()))].into(),
            ..Draft::default()
        };
        assert!(!blank.has_content(&none));
        // A form left at its defaults is no draft; a changed default is.
        let defaults: Values = [("keyboard".to_owned(), Value::Text("us".into()))].into();
        let untouched = Draft {
            values: defaults.clone(),
            ..Draft::default()
        };
        assert!(!untouched.has_content(&defaults));
        let changed = Draft {
            values: [("keyboard".to_owned(), Value::Text("fr".into()))].into(),
            ..Draft::default()
        };
        assert!(changed.has_content(&defaults));
    }

    #[test]
    fn each_user_and_item_has_its_own_draft() {
        assert_ne!(draft_key("rt:alice@/rt", "3"), draft_key("rt:bob@/rt", "3"));
        assert_ne!(draft_key("demo", "laptop"), draft_key("demo", "phone"));
        let key = draft_key("rt:alice@/rt", "a:b");
        assert_eq!(key.strip_prefix(&draft_prefix("rt:alice@/rt")), Some("a:b"));
        assert!(!key.starts_with(&draft_prefix("rt:bob@/rt")));
        let sly = draft_key("rt:alice@/rt:x@/rt", "3");
        assert!(!sly.starts_with(&draft_prefix("rt:alice@/rt")));
    }
}
