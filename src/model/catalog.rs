//! What can be requested, and what the service desk announces.

use serde::{Deserialize, Serialize};

use super::{FormSchema, Timestamp};

/// A group of catalog items (Hardware, Access, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// An icon name the portal knows (`laptop`, `key`, …); unknown names get a generic icon.
    #[serde(default)]
    pub icon: Option<String>,
    /// Display order, ascending.
    #[serde(default)]
    pub order: i32,
}

/// Something a user can request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogItem {
    pub id: String,
    pub category_id: String,
    pub name: String,
    /// One line, plain text.
    pub short_description: String,
    /// Markdown; untrusted, rendered through the sanitizing renderer.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub icon: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// How long delivery usually takes, in hours.
    #[serde(default)]
    pub delivery_hours: Option<u32>,
    /// A price or an approval note, as the backend words it ("€1,200", "Manager approval").
    #[serde(default)]
    pub cost_hint: Option<String>,
    #[serde(default)]
    pub approval_required: bool,
    /// The form, when the listing carries it; otherwise fetched with `get_form`.
    #[serde(default)]
    pub form: Option<FormSchema>,
}

/// How loudly an announcement speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

/// A message from the service desk to everyone, valid for a time window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: String,
    /// Plain text.
    pub text: String,
    pub severity: Severity,
    pub starts: Option<Timestamp>,
    pub ends: Option<Timestamp>,
}

impl Announcement {
    /// Whether the announcement should show at `now`.
    pub fn is_active(&self, now: Timestamp) -> bool {
        self.starts.is_none_or(|s| s <= now) && self.ends.is_none_or(|e| now < e)
    }
}

impl CatalogItem {
    /// Whether every word of `query` matches the item's name, description, tags or
    /// `category_name`, forgiving case, accents, unfinished words and typos.
    pub fn matches(&self, query: &str, category_name: &str) -> bool {
        let text = format!(
            "{} {} {} {}",
            self.name,
            self.short_description,
            self.tags.join(" "),
            category_name
        );
        crate::textmatch::matches(query, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_show_only_inside_their_window() {
        let a = |starts, ends| Announcement {
            id: "a".into(),
            text: "t".into(),
            severity: Severity::Info,
            starts,
            ends,
        };
        assert!(a(None, None).is_active(0));
        assert!(a(Some(10), Some(20)).is_active(10));
        assert!(!a(Some(10), Some(20)).is_active(20));
        assert!(!a(Some(10), None).is_active(9));
        assert!(!a(None, Some(5)).is_active(5));
    }
}
