//! What can be requested, and what the service desk announces.

use serde::{Deserialize, Serialize};

use super::{FormSchema, TicketKind, Timestamp};

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
    /// The kind of ticket a submission files: reporting a problem files an incident.
    #[serde(default)]
    pub kind: TicketKind,
    /// How long delivery (or, for an incident, resolution) usually takes, in hours.
    #[serde(default)]
    pub delivery_hours: Option<u32>,
    /// A price or an approval note, as the backend words it ("€1,200", "Manager approval").
    #[serde(default)]
    pub cost_hint: Option<String>,
    #[serde(default)]
    pub approval_required: bool,
    /// How often people ask for it (requests in a recent period, as the backend counts);
    /// `None` when the backend does not say.
    #[serde(default)]
    pub popularity: Option<u32>,
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

/// Up to `limit` items people ask for most, most asked first; none when the backend gives no
/// figures.
pub fn popular(items: &[CatalogItem], limit: usize) -> Vec<&CatalogItem> {
    let mut counted: Vec<(u32, &CatalogItem)> = items
        .iter()
        .filter_map(|i| Some((i.popularity.filter(|p| *p > 0)?, i)))
        .collect();
    counted.sort_by(|(a, ia), (b, ib)| b.cmp(a).then_with(|| ia.name.cmp(&ib.name)));
    counted.into_iter().take(limit).map(|(_, i)| i).collect()
}

/// The list of recently used item ids after `id` is used: it moves to the front, and the list
/// keeps at most `limit`.
pub fn remember_use(recent: &[String], id: &str, limit: usize) -> Vec<String> {
    std::iter::once(id.to_owned())
        .chain(recent.iter().filter(|r| *r != id).cloned())
        .take(limit)
        .collect()
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

    #[test]
    fn popular_items_come_from_the_backends_figures_and_recent_ones_from_use() {
        let item = |id: &str, popularity: Option<u32>| CatalogItem {
            id: id.into(),
            category_id: "c".into(),
            name: id.to_uppercase(),
            short_description: String::new(),
            description: String::new(),
            icon: None,
            tags: Vec::new(),
            kind: Default::default(),
            delivery_hours: None,
            cost_hint: None,
            approval_required: false,
            popularity,
            form: None,
        };
        let items = [
            item("a", Some(3)),
            item("b", None),
            item("c", Some(9)),
            item("d", Some(0)),
            item("e", Some(3)),
        ];
        let ids = |list: Vec<&CatalogItem>| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(popular(&items, 3)), ["c", "a", "e"]);
        assert_eq!(ids(popular(&items, 1)), ["c"]);
        assert!(popular(&[item("x", None)], 4).is_empty());

        let recent = remember_use(&[], "a", 3);
        let recent = remember_use(&recent, "b", 3);
        let recent = remember_use(&recent, "a", 3);
        assert_eq!(recent, ["a", "b"]);
        let recent = remember_use(&remember_use(&recent, "c", 3), "d", 3);
        assert_eq!(recent, ["d", "c", "a"]);
    }
}
