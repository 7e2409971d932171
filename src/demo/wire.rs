//! The demo service's own REST dialect: deliberately not Portico's model, so its connector
//! maps names, states and visibility like any other connector does.

use serde::{Deserialize, Serialize};

use crate::model::FormSchema;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireGroup {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub blurb: String,
    #[serde(default)]
    pub glyph: Option<String>,
    #[serde(default)]
    pub rank: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireOffering {
    pub key: String,
    pub group: String,
    /// The kind of ticket it files (`incident`, …); a request when absent.
    #[serde(default)]
    pub kind: Option<String>,
    pub title: String,
    pub teaser: String,
    #[serde(default)]
    pub details_md: String,
    #[serde(default)]
    pub glyph: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub lead_time_hours: Option<u32>,
    #[serde(default)]
    pub cost: Option<String>,
    #[serde(default)]
    pub needs_approval: bool,
    /// Requests filed in the last 30 days, across the organisation.
    #[serde(default)]
    pub requests_30d: Option<u32>,
    /// The demo speaks Portico's form schema natively.
    #[serde(default)]
    pub form: FormSchema,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireCatalog {
    pub groups: Vec<WireGroup>,
    pub offerings: Vec<WireOffering>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireUser {
    pub uid: String,
    pub display: String,
}

/// One event on a ticket. `what` is `note`, `state`, `file` or `rating`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireEvent {
    pub id: String,
    pub at: i64,
    pub what: String,
    #[serde(default)]
    pub by: Option<WireUser>,
    #[serde(default)]
    pub agent: bool,
    /// Agents' internal notes: the service returns them, the connector must never show them.
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub mime: Option<String>,
    #[serde(default)]
    pub bytes: Option<u64>,
    #[serde(default)]
    pub href: Option<String>,
    #[serde(default)]
    pub score: Option<u8>,
}

/// A ticket. `state` is one of `logged`, `assigned`, `awaiting_customer`, `parked`, `fixed`,
/// `closed`, `withdrawn`; `state_label` is how the service desk names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireTicket {
    #[serde(rename = "ref")]
    pub reference: String,
    pub number: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    #[serde(default)]
    pub body: String,
    pub state: String,
    #[serde(default)]
    pub state_label: String,
    /// 1 (low) to 4 (critical).
    #[serde(default)]
    pub urgency: Option<u8>,
    pub opened: i64,
    pub touched: i64,
    pub customer: WireUser,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub target: Option<i64>,
    #[serde(default)]
    pub offering: Option<String>,
    #[serde(default)]
    pub events: Vec<WireEvent>,
    /// What the customer may do: `reply`, `attach`, `close`, `withdraw`, `reopen`, `confirm`, `rate`.
    #[serde(default)]
    pub can: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireArticle {
    pub slug: String,
    pub lang: String,
    pub title: String,
    #[serde(rename = "abstract", default)]
    pub summary: String,
    #[serde(default)]
    pub markdown: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub revised: i64,
    #[serde(default)]
    pub thumbs_up: u32,
    #[serde(default)]
    pub thumbs_down: u32,
    #[serde(default)]
    pub translations: Vec<WireTranslation>,
    /// The body is HTML (from the article's `format: html`) rather than markdown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub html: bool,
}

/// Another language version of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireTranslation {
    pub slug: String,
    pub lang: String,
}

/// An announcement; `level` is `info`, `warning` or `critical`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireNotice {
    pub id: String,
    pub message: String,
    pub level: String,
    #[serde(default)]
    pub from: Option<i64>,
    #[serde(default)]
    pub until: Option<i64>,
}

/// A page of a listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WirePage<T> {
    pub results: Vec<T>,
    pub page: u32,
    pub pages: u32,
}

/// The body of every refusal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireError {
    pub error: String,
}
