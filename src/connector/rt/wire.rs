//! Request Tracker 5 REST2 as it answers (see fixtures/README.md for the quirks). Responses are
//! read into `serde_json::Value` and picked apart by hand: RT writes ids as text or numbers and
//! leaves fields out for some callers, and one generic reader costs far less wasm than a serde
//! derive per record type (measured: about 30 KB gzip for this module's types).

use serde_json::Value;

use crate::connector::PortalError;

/// A record read from RT's JSON; `path` locates it in the response, for error messages.
pub trait FromRt: Sized {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError>;
}

/// A `Malformed` error at `path`; the whole body when the path is empty.
pub(super) fn malformed(path: &str, detail: &str) -> PortalError {
    PortalError::Malformed {
        path: if path.is_empty() {
            "(body)".to_owned()
        } else {
            path.to_owned()
        },
        detail: detail.to_owned(),
    }
}

/// `v` must be an object.
pub fn object(v: &Value, path: &str) -> Result<(), PortalError> {
    if v.is_object() {
        Ok(())
    } else {
        Err(malformed(path, "expected an object"))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Text or a number as text; `None` when absent, null or another type.
pub fn opt_text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Text or a number as text; empty when absent.
pub fn text(v: &Value, key: &str) -> String {
    opt_text(v, key).unwrap_or_default()
}

/// A field that must be there: an id.
pub fn required(v: &Value, key: &str, path: &str) -> Result<String, PortalError> {
    opt_text(v, key).ok_or_else(|| malformed(&join(path, key), "missing or not text"))
}

/// The elements of an array field; none when absent.
pub fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn many<T: FromRt>(v: &Value, key: &str, path: &str) -> Result<Vec<T>, PortalError> {
    list(v, key)
        .iter()
        .enumerate()
        .map(|(i, item)| T::from_rt(item, &format!("{}[{i}]", join(path, key))))
        .collect()
}

fn linked<T: FromRt>(v: &Value, key: &str, path: &str) -> Result<Option<T>, PortalError> {
    match v.get(key) {
        Some(inner) if inner.is_object() => T::from_rt(inner, &join(path, key)).map(Some),
        _ => Ok(None),
    }
}

/// One page of a collection. RT leaves `total` and `pages` null for end users; `next_page`
/// is the only reliable sign that more follow.
#[derive(Debug)]
pub struct RtCollection<T> {
    pub items: Vec<T>,
    pub next_page: bool,
}

impl<T: FromRt> FromRt for RtCollection<T> {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        if v.get("items").is_some_and(|i| !i.is_array()) {
            return Err(malformed(&join(path, "items"), "expected a list"));
        }
        Ok(RtCollection {
            items: many(v, "items", path)?,
            next_page: opt_text(v, "next_page").is_some(),
        })
    }
}

/// The messages RT answers writes with.
impl FromRt for Vec<String> {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        let items = v
            .as_array()
            .ok_or_else(|| malformed(path, "expected a list of messages"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, m)| {
                m.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| malformed(&format!("{path}[{i}]"), "expected text"))
            })
            .collect()
    }
}

/// A link to a user, with the fields asked for through `fields[Creator]=…`.
#[derive(Clone, Debug, Default)]
pub struct RtUserRef {
    pub id: String,
    pub name: Option<String>,
    pub real_name: Option<String>,
}

impl FromRt for RtUserRef {
    fn from_rt(v: &Value, _path: &str) -> Result<Self, PortalError> {
        Ok(RtUserRef {
            id: text(v, "id"),
            name: opt_text(v, "Name"),
            real_name: opt_text(v, "RealName"),
        })
    }
}

impl RtUserRef {
    /// The login name: RT links users by name (`"id": "alice"`) unless asked for fields.
    pub fn login(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.id.clone())
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
#[derive(Clone, Debug, Default)]
pub struct RtLink {
    pub id: String,
    pub name: Option<String>,
}

impl FromRt for RtLink {
    fn from_rt(v: &Value, _path: &str) -> Result<Self, PortalError> {
        Ok(RtLink {
            id: text(v, "id"),
            name: opt_text(v, "Name"),
        })
    }
}

/// A custom field's values on a record.
#[derive(Clone, Debug)]
pub struct RtFieldValues {
    pub id: String,
    pub name: String,
    pub values: Vec<String>,
}

impl FromRt for RtFieldValues {
    fn from_rt(v: &Value, _path: &str) -> Result<Self, PortalError> {
        Ok(RtFieldValues {
            id: text(v, "id"),
            name: text(v, "name"),
            values: list(v, "values")
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
        })
    }
}

/// A hypermedia link; `lifecycle` links say which statuses the caller may move the ticket to.
#[derive(Clone, Debug)]
pub struct RtHyperlink {
    pub rel: String,
    pub to: Option<String>,
}

impl FromRt for RtHyperlink {
    fn from_rt(v: &Value, _path: &str) -> Result<Self, PortalError> {
        Ok(RtHyperlink {
            rel: text(v, "ref"),
            to: opt_text(v, "to"),
        })
    }
}

/// A ticket, from `GET /ticket/{id}` or a search with `fields=…`.
#[derive(Clone, Debug)]
pub struct RtTicket {
    pub id: String,
    pub subject: String,
    pub status: String,
    pub created: String,
    pub last_updated: String,
    pub due: String,
    /// A number (RT 5 names 0 Low, 50 Medium, 100 High), and the name when RT is set to say it.
    pub priority: String,
    pub priority_name: String,
    pub queue: Option<RtLink>,
    pub owner: Option<RtUserRef>,
    pub requestors: Vec<RtUserRef>,
    pub custom_fields: Vec<RtFieldValues>,
    pub links: Vec<RtHyperlink>,
}

impl FromRt for RtTicket {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtTicket {
            id: required(v, "id", path)?,
            subject: text(v, "Subject"),
            status: text(v, "Status"),
            created: text(v, "Created"),
            last_updated: text(v, "LastUpdated"),
            due: text(v, "Due"),
            priority: text(v, "Priority"),
            priority_name: text(v, "PriorityAsString"),
            queue: linked(v, "Queue", path)?,
            owner: linked(v, "Owner", path)?,
            requestors: many(v, "Requestor", path)?,
            custom_fields: many(v, "CustomFields", path)?,
            links: many(v, "_hyperlinks", path)?,
        })
    }
}

/// A transaction of a ticket's history.
#[derive(Clone, Debug)]
pub struct RtTransaction {
    pub id: String,
    pub kind: String,
    pub created: String,
    pub creator: RtUserRef,
    pub old_value: String,
    pub new_value: String,
}

impl FromRt for RtTransaction {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtTransaction {
            id: required(v, "id", path)?,
            kind: text(v, "Type"),
            created: text(v, "Created"),
            creator: linked(v, "Creator", path)?.unwrap_or_default(),
            old_value: text(v, "OldValue"),
            new_value: text(v, "NewValue"),
        })
    }
}

/// A MIME part of a transaction (`GET /ticket/{id}/attachments?fields=…`).
#[derive(Clone, Debug)]
pub struct RtAttachment {
    pub id: String,
    /// A bare id in collections, a link elsewhere.
    pub transaction: String,
    pub content_type: String,
    pub filename: String,
    pub content_length: u64,
    pub content: String,
}

impl FromRt for RtAttachment {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        let transaction = match v.get("TransactionId") {
            Some(link @ Value::Object(_)) => text(link, "id"),
            _ => text(v, "TransactionId"),
        };
        Ok(RtAttachment {
            id: required(v, "id", path)?,
            transaction,
            content_type: text(v, "ContentType"),
            filename: text(v, "Filename"),
            content_length: text(v, "ContentLength").parse().unwrap_or(0),
            content: text(v, "Content"),
        })
    }
}

/// A knowledge article.
#[derive(Clone, Debug)]
pub struct RtArticle {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub class: Option<RtLink>,
    pub last_updated: String,
    pub disabled: bool,
    pub custom_fields: Vec<RtFieldValues>,
}

impl FromRt for RtArticle {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtArticle {
            id: required(v, "id", path)?,
            name: text(v, "Name"),
            summary: text(v, "Summary"),
            class: linked(v, "Class", path)?,
            last_updated: text(v, "LastUpdated"),
            disabled: text(v, "Disabled") == "1",
            custom_fields: many(v, "CustomFields", path)?,
        })
    }
}

/// A record whose id and name are all that is needed: a created ticket, a class.
#[derive(Clone, Debug)]
pub struct RtNamed {
    pub id: String,
    pub name: String,
}

impl FromRt for RtNamed {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtNamed {
            id: text(v, "id"),
            name: text(v, "Name"),
        })
    }
}

/// One attachment with its content (`GET /attachment/{id}`): base64, unlike in collections.
#[derive(Clone, Debug)]
pub struct RtFile {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

impl FromRt for RtFile {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtFile {
            filename: text(v, "Filename"),
            content_type: text(v, "ContentType"),
            content: required(v, "Content", path)?,
        })
    }
}
