//! The connector contract. A backend is a set of operations that build HTTP requests and parse
//! HTTP responses without doing I/O ([`Exchange`]); one transport executes them. Each connector
//! declares its [`Capabilities`], and the UI hides what a backend cannot do.

pub mod demo;
mod error;
mod exchange;
mod http;
pub mod json;
pub mod rt;

#[cfg(test)]
pub(crate) mod contract;

use std::collections::BTreeMap;

use crate::model::{
    Announcement, Article, CatalogItem, Category, FormSchema, Ticket, TimelineEntry, Timestamp,
    Value,
};

pub use error::PortalError;
pub use exchange::{Exchange, MAX_ROUND_TRIPS};
pub use http::{with_query, HttpRequest, HttpResponse, Method};

/// What a backend supports beyond reading the catalog and the user's tickets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub comment: bool,
    pub attach: bool,
    pub close: bool,
    pub cancel: bool,
    pub reopen: bool,
    pub confirm_resolution: bool,
    pub rate: bool,
    pub knowledge: bool,
    pub vote: bool,
    pub announcements: bool,
    pub reference_lookup: bool,
    /// Resolved tickets are later closed, a further and final step (the demo desk); without
    /// it, "resolved" is where a ticket ends (Request Tracker).
    pub closes_after_resolution: bool,
}

/// Where a listing resumes: changes since `since` (a backend-specific watermark), page `page`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRequest {
    pub since: Option<String>,
    pub page: Option<String>,
}

/// One page of a listing.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The request for the next page, if there is one.
    pub next: Option<PageRequest>,
    /// The watermark to pass as `since` next time, once every page has been read.
    pub cursor: Option<String>,
}

/// A request the user filed, ready to send (or to keep until it can be).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Submission {
    pub item_id: String,
    pub title: String,
    /// What the user wrote about the request, plain text.
    pub description: String,
    /// Only the values the form engine says to submit.
    pub values: BTreeMap<String, Value>,
    /// The same answers as people read them, in the language the form was filled in
    /// (`forms::answers_text`); empty in requests kept on a device before it existed.
    #[serde(default)]
    pub answers: String,
    /// Generated on the device before the first attempt; the backend records it so a retry
    /// after a lost response finds the ticket instead of creating a second one.
    pub idempotency_key: String,
    /// Files from the form's attachment fields, sent with the request.
    #[serde(default)]
    pub files: Vec<Upload>,
}

/// The ticket a submission created.
#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub ticket_id: String,
    pub number: String,
    /// Fields the user filled in that the backend did not keep (Request Tracker drops
    /// invalid custom field values and still creates the ticket), by label.
    pub unsaved_fields: Vec<String>,
}

/// A file to attach, already read into memory.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Upload {
    pub name: String,
    pub mime: String,
    #[serde(with = "crate::encoding::as_base64")]
    pub bytes: Vec<u8>,
}

/// A status change the requester asks for.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Transition {
    Close,
    Cancel,
    Reopen { reason: String },
    ConfirmResolution,
    Rate { score: u8, remark: String },
}

/// One match of a reference lookup.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    pub id: String,
    pub label: String,
}

/// The operations of an ITSM backend. None does I/O.
pub trait Connector {
    /// A stable name for logs and per-backend storage (`demo`, `rt:helpdesk.example`).
    fn id(&self) -> String;
    fn capabilities(&self) -> Capabilities;
    /// Whether the backend answers in the language a request asks for (`Accept-Language`),
    /// so the portal asks in the reader's. Off by default: a backend may also word the
    /// messages its connector reads in that language (Request Tracker does).
    fn speaks_requested_language(&self) -> bool {
        false
    }
    fn list_categories(&self) -> Exchange<Vec<Category>>;
    fn list_items(&self) -> Exchange<Vec<CatalogItem>>;
    fn get_form(&self, item_id: &str) -> Exchange<FormSchema>;
    fn submit(&self, submission: &Submission) -> Exchange<Receipt>;
    fn list_tickets(&self, page: &PageRequest) -> Exchange<Page<Ticket>>;
    fn get_ticket(&self, ticket_id: &str) -> Exchange<Ticket>;
    fn add_comment(
        &self,
        ticket_id: &str,
        body: &str,
        idempotency_key: &str,
    ) -> Exchange<TimelineEntry>;
    fn attach(
        &self,
        ticket_id: &str,
        upload: &Upload,
        idempotency_key: &str,
    ) -> Exchange<TimelineEntry>;
    fn transition(
        &self,
        ticket_id: &str,
        transition: &Transition,
        idempotency_key: &str,
    ) -> Exchange<Ticket>;
    /// The file a timeline entry's `url` points to, for the user to save.
    fn download(&self, url: &str) -> Exchange<Upload>;
    fn list_articles(&self, page: &PageRequest) -> Exchange<Page<Article>>;
    fn get_article(&self, article_id: &str) -> Exchange<Article>;
    fn vote(&self, article_id: &str, helpful: bool) -> Exchange<()>;
    fn list_announcements(&self) -> Exchange<Vec<Announcement>>;
    fn lookup(&self, source: &str, query: &str) -> Exchange<Vec<Reference>>;
}

/// Seconds as the decimal text most watermarks use.
pub fn timestamp_cursor(t: Timestamp) -> String {
    t.to_string()
}
