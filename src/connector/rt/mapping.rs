//! How Request Tracker 5's queues and custom fields map into Portico's catalog and forms: pure
//! functions over REST2 JSON, tested on real recorded responses (`fixtures/`). The RT connector
//! (issue 4) builds its requests around these.

use serde_json::Value;

use super::wire::{list, object, opt_text, required, text, FromRt};
use crate::connector::PortalError;
use crate::model::{CatalogItem, Choice, Field, FieldKind, FormSchema, TicketKind};

/// The custom field in which the portal records each submission's idempotency key; it is the
/// connector's business, never shown in a form.
pub const DEFAULT_IDEMPOTENCY_FIELD: &str = "PortalRef";

/// A link to another object; RT writes its id as text or as a number.
#[derive(Clone, Debug)]
pub struct RtRef {
    pub id: String,
}

impl FromRt for RtRef {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtRef {
            id: required(v, "id", path)?,
        })
    }
}

/// `GET /queue/{id}`, or an item of `GET /queues/all?fields=…`.
#[derive(Clone, Debug)]
pub struct RtQueue {
    pub id: String,
    pub name: String,
    pub description: String,
    pub disabled: bool,
    pub ticket_custom_fields: Vec<RtRef>,
}

impl FromRt for RtQueue {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtQueue {
            id: required(v, "id", path)?,
            name: required(v, "Name", path)?,
            description: text(v, "Description"),
            disabled: text(v, "Disabled") == "1",
            ticket_custom_fields: list(v, "TicketCustomFields")
                .iter()
                .enumerate()
                .map(|(i, r)| RtRef::from_rt(r, &format!("{path}.TicketCustomFields[{i}]")))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// `GET /customfield/{id}`.
#[derive(Clone, Debug)]
pub struct RtCustomField {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// 1 for a single value, 0 for any number.
    pub max_values: Option<String>,
    pub pattern: String,
    pub description: String,
    pub render_type: Option<String>,
    pub values: Vec<String>,
    pub disabled: bool,
}

impl FromRt for RtCustomField {
    fn from_rt(v: &Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtCustomField {
            id: required(v, "id", path)?,
            name: required(v, "Name", path)?,
            kind: required(v, "Type", path)?,
            max_values: opt_text(v, "MaxValues"),
            pattern: text(v, "Pattern"),
            description: text(v, "Description"),
            render_type: opt_text(v, "RenderType"),
            values: list(v, "Values")
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            disabled: text(v, "Disabled") == "1",
        })
    }
}

/// The catalog item a queue offers, in `category_id`, filing tickets of `kind`.
pub fn queue_item(queue: &RtQueue, category_id: &str, kind: TicketKind) -> Option<CatalogItem> {
    if queue.disabled {
        return None;
    }
    Some(CatalogItem {
        id: queue.id.clone(),
        category_id: category_id.to_owned(),
        name: queue.name.clone(),
        short_description: queue.description.clone(),
        description: String::new(),
        icon: None,
        tags: Vec::new(),
        kind,
        delivery_hours: None,
        cost_hint: None,
        approval_required: false,
        popularity: None,
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
    if cf.disabled || cf.name == idempotency_field {
        return None;
    }
    let single = cf.max_values.as_deref().is_none_or(|m| m == "1");
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
        ..Field::new(cf.id.clone(), cf.name.clone(), kind)
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
