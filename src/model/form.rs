//! The schema of a request form, in terms every backend's form maps into. Conditions are data,
//! evaluated in the browser by `crate::forms`.

use serde::{Deserialize, Serialize};

/// A request form: fields in display order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormSchema {
    pub fields: Vec<Field>,
}

/// A value a user entered. Dates and date-times are ISO 8601 strings (`2026-11-22`,
/// `2026-11-22T14:05`); attachments and multi-selects are lists of ids or choice values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// Whether the value counts as "not filled in".
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Bool(_) | Value::Number(_) => false,
            Value::Text(s) => s.trim().is_empty(),
            Value::List(l) => l.is_empty(),
        }
    }
}

/// One choice of a select, multi-select or radio group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// What is submitted.
    pub value: String,
    /// What is shown.
    pub label: String,
}

/// What kind of input a field is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    TextArea,
    Number {
        /// Digits after the decimal mark that are allowed; 0 for whole numbers.
        #[serde(default)]
        decimals: u8,
    },
    Email,
    Url,
    Phone,
    Date,
    DateTime,
    Select,
    MultiSelect,
    Radio,
    /// Yes or no, answered explicitly (a radio pair, so "not answered" is possible).
    YesNo,
    /// A single box to tick, such as an acknowledgement.
    Checkbox,
    Attachment {
        /// At most this many files; 0 means one.
        #[serde(default)]
        max_files: u32,
        /// At most this many bytes per file.
        #[serde(default)]
        max_bytes: Option<u64>,
        /// Accepted MIME types or extensions (`image/*`, `.pdf`); empty accepts anything.
        #[serde(default)]
        accept: Vec<String>,
    },
    /// A lookup into a searchable source the connector knows (`users`, `assets`, …).
    Reference {
        source: String,
    },
    /// Read-only text shown between fields.
    Label,
    /// A heading that starts a group of fields.
    Section,
}

impl FieldKind {
    /// Whether the field takes input (labels and sections do not).
    pub fn takes_input(&self) -> bool {
        !matches!(self, FieldKind::Label | FieldKind::Section)
    }

    /// Whether values must be one of the field's choices.
    pub fn has_choices(&self) -> bool {
        matches!(
            self,
            FieldKind::Select | FieldKind::MultiSelect | FieldKind::Radio
        )
    }
}

/// One field of a form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The backend's key for the value (custom field id, variable name, …).
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<Value>,
    /// Smallest number, or earliest date as an ISO string in `min_date`.
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub min_date: Option<String>,
    #[serde(default)]
    pub max_date: Option<String>,
    /// Length limits in characters, for text kinds.
    #[serde(default)]
    pub min_length: Option<u32>,
    #[serde(default)]
    pub max_length: Option<u32>,
    /// A regular expression the whole value must match; from the backend, so untrusted.
    #[serde(default)]
    pub pattern: Option<String>,
    /// What to tell the user when the pattern does not match.
    #[serde(default)]
    pub pattern_hint: Option<String>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Conditions that show, hide, require or disable this field.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

impl Field {
    /// A field with no limits, help, default, choices or rules; set what applies.
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: FieldKind) -> Self {
        Field {
            key: key.into(),
            label: label.into(),
            kind,
            help: None,
            required: false,
            default: None,
            min: None,
            max: None,
            min_date: None,
            max_date: None,
            min_length: None,
            max_length: None,
            pattern: None,
            pattern_hint: None,
            choices: Vec::new(),
            rules: Vec::new(),
        }
    }
}

/// What a rule does to its field while its condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The field is visible only while some `Show` rule holds.
    Show,
    Hide,
    Require,
    Disable,
}

/// How a rule combines its clauses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    #[default]
    All,
    Any,
}

/// A comparison on another field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equals,
    NotEquals,
    /// Text contains (case-insensitively), or a list includes.
    Contains,
    IsEmpty,
    IsNotEmpty,
    GreaterThan,
    LessThan,
}

/// `field op value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    pub field: String,
    pub op: Op,
    #[serde(default)]
    pub value: Option<Value>,
}

/// An effect applied while the clauses match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub effect: Effect,
    #[serde(default, rename = "match")]
    pub combine: Match,
    pub when: Vec<Clause>,
}
