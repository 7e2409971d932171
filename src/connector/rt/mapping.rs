//! How Request Tracker 5's queues and custom fields map into Portico's catalog and forms: pure
//! functions over REST2 JSON, tested on real recorded responses (`fixtures/`). The RT connector
//! (issue 4) builds its requests around these.

use serde::Deserialize;

use crate::model::{CatalogItem, Choice, Field, FieldKind, FormSchema};

/// The custom field in which the portal records each submission's idempotency key; it is the
/// connector's business, never shown in a form.
pub const DEFAULT_IDEMPOTENCY_FIELD: &str = "PortalRef";

/// RT writes ids and counts sometimes as strings (`"id": "2"`), sometimes as numbers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Flexible {
    Text(String),
    Number(i64),
}

impl Flexible {
    pub fn text(&self) -> String {
        match self {
            Flexible::Text(s) => s.clone(),
            Flexible::Number(n) => n.to_string(),
        }
    }
}

/// A link to another object.
#[derive(Clone, Debug, Deserialize)]
pub struct RtRef {
    pub id: Flexible,
}

/// `GET /queue/{id}`.
#[derive(Clone, Debug, Deserialize)]
pub struct RtQueue {
    pub id: Flexible,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Description", default)]
    pub description: String,
    #[serde(rename = "Disabled", default)]
    pub disabled: Option<Flexible>,
    #[serde(rename = "TicketCustomFields", default)]
    pub ticket_custom_fields: Vec<RtRef>,
}

/// `GET /customfield/{id}`.
#[derive(Clone, Debug, Deserialize)]
pub struct RtCustomField {
    pub id: Flexible,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "MaxValues", default)]
    pub max_values: Option<Flexible>,
    #[serde(rename = "Pattern", default)]
    pub pattern: String,
    #[serde(rename = "Description", default)]
    pub description: String,
    #[serde(rename = "RenderType", default)]
    pub render_type: Option<String>,
    #[serde(rename = "Values", default)]
    pub values: Vec<String>,
    #[serde(rename = "Disabled", default)]
    pub disabled: Option<Flexible>,
}

fn is_disabled(flag: &Option<Flexible>) -> bool {
    flag.as_ref().is_some_and(|f| f.text() == "1")
}

/// The catalog item a queue offers, in `category_id`.
pub fn queue_item(queue: &RtQueue, category_id: &str) -> Option<CatalogItem> {
    if is_disabled(&queue.disabled) {
        return None;
    }
    Some(CatalogItem {
        id: queue.id.text(),
        category_id: category_id.to_owned(),
        name: queue.name.clone(),
        short_description: queue.description.clone(),
        description: String::new(),
        icon: None,
        tags: Vec::new(),
        delivery_hours: None,
        cost_hint: None,
        approval_required: false,
        form: None,
    })
}

/// RT patterns are Perl regular expressions that may start with a `(?#comment)` RT shows as the
/// hint; split the two. Perl-only syntax is caught later, when the form compiles the pattern.
pub fn split_pattern(pattern: &str) -> (Option<String>, Option<String>) {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return (None, None);
    }
    if let Some(rest) = pattern.strip_prefix("(?#") {
        if let Some((hint, regex)) = rest.split_once(')') {
            let regex = regex.trim();
            let hint = Some(hint.trim().to_owned()).filter(|h| !h.is_empty());
            return (Some(regex.to_owned()).filter(|r| !r.is_empty()), hint);
        }
    }
    (Some(pattern.to_owned()), None)
}

/// The form field for a custom field, or `None` for disabled ones and the idempotency field.
/// The field key is the custom field's id, which is what ticket creation takes.
pub fn custom_field(cf: &RtCustomField, idempotency_field: &str) -> Option<Field> {
    if is_disabled(&cf.disabled) || cf.name == idempotency_field {
        return None;
    }
    let single = cf.max_values.as_ref().is_none_or(|m| m.text() == "1");
    let kind = match (cf.kind.as_str(), single) {
        ("Select", true) if cf.render_type.as_deref() == Some("Radio buttons") => FieldKind::Radio,
        ("Select", true) => FieldKind::Select,
        ("Select", false) => FieldKind::MultiSelect,
        ("Freeform", true) => FieldKind::Text,
        ("Freeform", false) | ("Text", _) | ("Wikitext", _) | ("HTML", _) => FieldKind::TextArea,
        ("Date", _) => FieldKind::Date,
        ("DateTime", _) => FieldKind::DateTime,
        ("Image", _) => FieldKind::Attachment {
            max_files: 1,
            max_bytes: None,
            accept: vec!["image/*".into()],
        },
        ("Binary", _) => FieldKind::Attachment {
            max_files: if single { 1 } else { 10 },
            max_bytes: None,
            accept: vec![],
        },
        // IPAddress, Autocomplete and kinds added later still take text.
        _ => FieldKind::Text,
    };
    let (pattern, pattern_hint) = split_pattern(&cf.pattern);
    let choices = if kind.has_choices() {
        cf.values
            .iter()
            .map(|v| Choice {
                value: v.clone(),
                label: v.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Field {
        help: Some(cf.description.clone()).filter(|d| !d.trim().is_empty()),
        pattern,
        pattern_hint,
        choices,
        ..Field::new(cf.id.text(), cf.name.clone(), kind)
    })
}

/// A queue's form: a subject and a description, then its custom fields in the queue's order.
pub fn queue_form(fields: &[RtCustomField], idempotency_field: &str) -> FormSchema {
    FormSchema {
        fields: fields
            .iter()
            .filter_map(|cf| custom_field(cf, idempotency_field))
            .collect(),
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
