//! Request Tracker 5 REST2 as it answers (see fixtures/README.md for the quirks): every field
//! optional where RT leaves it out for some callers, ids as text or numbers.

use serde::Deserialize;

use super::mapping::Flexible;

/// One page of a collection. RT leaves `total` and `pages` null for end users; `next_page`
/// is the only reliable sign that more follow.
#[derive(Debug, Deserialize)]
pub struct RtCollection<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    #[serde(default)]
    pub next_page: Option<String>,
}

/// A link to a user, with the fields asked for through `fields[Creator]=…`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RtUserRef {
    #[serde(default)]
    pub id: Option<Flexible>,
    #[serde(rename = "Name", default)]
    pub name: Option<String>,
    #[serde(rename = "RealName", default)]
    pub real_name: Option<String>,
}

impl RtUserRef {
    /// The login name: RT links users by name (`"id": "alice"`) unless asked for fields.
    pub fn login(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.id.as_ref().map(Flexible::text))
            .unwrap_or_default()
    }

    /// What people call them.
    pub fn display(&self) -> String {
        self.real_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.login())
    }
}

/// A link to any other record.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RtLink {
    #[serde(default)]
    pub id: Option<Flexible>,
    #[serde(rename = "Name", default)]
    pub name: Option<String>,
}

/// A custom field's values on a record.
#[derive(Clone, Debug, Deserialize)]
pub struct RtFieldValues {
    #[serde(default)]
    pub id: Option<Flexible>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub values: Vec<String>,
}

/// A hypermedia link; `lifecycle` links say which statuses the caller may move the ticket to.
#[derive(Clone, Debug, Deserialize)]
pub struct RtHyperlink {
    #[serde(rename = "ref", default)]
    pub rel: String,
    #[serde(default)]
    pub to: Option<String>,
}

/// A ticket, from `GET /ticket/{id}` or a search with `fields=…`.
#[derive(Clone, Debug, Deserialize)]
pub struct RtTicket {
    pub id: Flexible,
    #[serde(rename = "Subject", default)]
    pub subject: String,
    #[serde(rename = "Status", default)]
    pub status: String,
    #[serde(rename = "Created", default)]
    pub created: String,
    #[serde(rename = "LastUpdated", default)]
    pub last_updated: String,
    #[serde(rename = "Due", default)]
    pub due: String,
    #[serde(rename = "Queue", default)]
    pub queue: Option<RtLink>,
    #[serde(rename = "Owner", default)]
    pub owner: Option<RtUserRef>,
    #[serde(rename = "Requestor", default)]
    pub requestors: Vec<RtUserRef>,
    #[serde(rename = "CustomFields", default)]
    pub custom_fields: Vec<RtFieldValues>,
    #[serde(rename = "_hyperlinks", default)]
    pub links: Vec<RtHyperlink>,
}

/// A transaction of a ticket's history.
#[derive(Clone, Debug, Deserialize)]
pub struct RtTransaction {
    pub id: Flexible,
    #[serde(rename = "Type", default)]
    pub kind: String,
    #[serde(rename = "Created", default)]
    pub created: String,
    #[serde(rename = "Creator", default)]
    pub creator: RtUserRef,
    #[serde(rename = "OldValue", default)]
    pub old_value: Option<String>,
    #[serde(rename = "NewValue", default)]
    pub new_value: Option<String>,
}

/// The transaction an attachment belongs to: a bare id in collections, a link elsewhere.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum RtTransactionId {
    Link(RtLink),
    Bare(Flexible),
}

impl RtTransactionId {
    pub fn text(&self) -> String {
        match self {
            RtTransactionId::Link(l) => l.id.as_ref().map(Flexible::text).unwrap_or_default(),
            RtTransactionId::Bare(id) => id.text(),
        }
    }
}

/// A MIME part of a transaction (`GET /ticket/{id}/attachments?fields=…`).
#[derive(Clone, Debug, Deserialize)]
pub struct RtAttachment {
    pub id: Flexible,
    #[serde(rename = "TransactionId")]
    pub transaction: RtTransactionId,
    #[serde(rename = "ContentType", default)]
    pub content_type: String,
    #[serde(rename = "Filename", default)]
    pub filename: Option<String>,
    #[serde(rename = "ContentLength", default)]
    pub content_length: Option<Flexible>,
    #[serde(rename = "Content", default)]
    pub content: Option<String>,
}

/// A knowledge article.
#[derive(Clone, Debug, Deserialize)]
pub struct RtArticle {
    pub id: Flexible,
    #[serde(rename = "Name", default)]
    pub name: String,
    #[serde(rename = "Summary", default)]
    pub summary: String,
    #[serde(rename = "Class", default)]
    pub class: Option<RtLink>,
    #[serde(rename = "LastUpdated", default)]
    pub last_updated: String,
    #[serde(rename = "Disabled", default)]
    pub disabled: Option<Flexible>,
    #[serde(rename = "CustomFields", default)]
    pub custom_fields: Vec<RtFieldValues>,
}

/// A class of articles (`GET /class/{id}`).
#[derive(Clone, Debug, Deserialize)]
pub struct RtClass {
    #[serde(rename = "Name")]
    pub name: String,
}

/// What a create answers: the new record's id.
#[derive(Clone, Debug, Deserialize)]
pub struct RtCreated {
    pub id: Flexible,
}

/// RT's error body.
#[derive(Clone, Debug, Deserialize)]
pub struct RtMessage {
    pub message: String,
}
