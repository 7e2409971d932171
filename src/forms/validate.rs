//! One field's value against its kind and limits.

use super::formats::{
    is_valid_date, is_valid_date_time, is_valid_email, is_valid_phone, is_valid_url,
};
use super::pattern::Pattern;
use crate::model::{Field, FieldKind, Value};

/// No text value may be longer than this many characters, whatever the backend allows: a
/// pasted 10 MB log is refused with a message rather than slowing every check that follows.
pub const HARD_MAX_CHARS: u32 = 100_000;

/// What is wrong with a value. Views turn these into translated messages.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    Required,
    /// The value is of the wrong shape for the field (a list where text belongs, …).
    Invalid,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    NotANumber,
    TooManyDecimals {
        max: u8,
    },
    BelowMin {
        min: f64,
    },
    AboveMax {
        max: f64,
    },
    InvalidEmail,
    InvalidUrl,
    InvalidPhone,
    InvalidDate,
    InvalidDateTime,
    TooEarly {
        min: String,
    },
    TooLate {
        max: String,
    },
    /// The pattern did not match; the backend's hint says what is expected, if it gave one.
    PatternMismatch {
        hint: Option<String>,
    },
    NotAChoice,
    TooManyFiles {
        max: u32,
    },
}

pub(super) fn check(
    field: &Field,
    required: bool,
    value: Option<&Value>,
    pattern: Option<&Pattern>,
) -> Option<FieldError> {
    let value = match value {
        Some(v) if !v.is_empty() => v,
        _ => return required.then_some(FieldError::Required),
    };
    match (&field.kind, value) {
        (FieldKind::Checkbox, Value::Bool(checked)) => {
            (required && !checked).then_some(FieldError::Required)
        }
        (FieldKind::YesNo, Value::Bool(_)) => None,
        (FieldKind::Number { decimals }, v) => check_number(field, *decimals, v),
        (FieldKind::MultiSelect, Value::List(values)) => values
            .iter()
            .any(|v| !is_choice(field, v))
            .then_some(FieldError::NotAChoice),
        (FieldKind::Attachment { max_files, .. }, Value::List(files)) => {
            let max = (*max_files).max(1);
            (files.len() as u64 > u64::from(max)).then_some(FieldError::TooManyFiles { max })
        }
        (FieldKind::Select | FieldKind::Radio, Value::Text(t)) => {
            (!is_choice(field, t)).then_some(FieldError::NotAChoice)
        }
        (kind, Value::Text(text)) if is_text_kind(kind) => check_text(field, text, pattern),
        _ => Some(FieldError::Invalid),
    }
}

fn is_text_kind(kind: &FieldKind) -> bool {
    use FieldKind::*;
    matches!(
        kind,
        Text | TextArea | Email | Url | Phone | Date | DateTime | Reference { .. }
    )
}

fn is_choice(field: &Field, value: &str) -> bool {
    field.choices.iter().any(|c| c.value == value)
}

fn check_text(field: &Field, text: &str, pattern: Option<&Pattern>) -> Option<FieldError> {
    // Count at most one character past the limit: a 10 MB paste costs no more than the limit.
    let max = field
        .max_length
        .map_or(HARD_MAX_CHARS, |m| m.min(HARD_MAX_CHARS));
    let length = text.chars().take(max as usize + 1).count() as u32;
    if length > max {
        return Some(FieldError::TooLong { max });
    }
    if let Some(min) = field.min_length.filter(|min| length < *min) {
        return Some(FieldError::TooShort { min });
    }
    let format_error = match field.kind {
        FieldKind::Email if !is_valid_email(text) => Some(FieldError::InvalidEmail),
        FieldKind::Url if !is_valid_url(text) => Some(FieldError::InvalidUrl),
        FieldKind::Phone if !is_valid_phone(text) => Some(FieldError::InvalidPhone),
        FieldKind::Date if !is_valid_date(text) => Some(FieldError::InvalidDate),
        FieldKind::DateTime if !is_valid_date_time(text) => Some(FieldError::InvalidDateTime),
        FieldKind::Date | FieldKind::DateTime => check_date_range(field, text.trim()),
        _ => None,
    };
    format_error.or_else(|| {
        let mismatch = pattern.is_some_and(|p| !p.matches(text));
        mismatch.then(|| FieldError::PatternMismatch {
            hint: field.pattern_hint.clone(),
        })
    })
}

/// ISO dates order as text; a date-time compares against a date bound by its date part.
fn check_date_range(field: &Field, text: &str) -> Option<FieldError> {
    let date = text.get(..10).unwrap_or(text);
    if let Some(min) = field.min_date.as_ref().filter(|min| date < min.as_str()) {
        return Some(FieldError::TooEarly { min: min.clone() });
    }
    let max = field.max_date.as_ref().filter(|max| date > max.as_str())?;
    Some(FieldError::TooLate { max: max.clone() })
}

fn check_number(field: &Field, decimals: u8, value: &Value) -> Option<FieldError> {
    let (n, written) = match value {
        Value::Number(n) => (*n, None),
        Value::Text(t) => {
            let t = t.trim().replace(',', ".");
            match t.parse::<f64>() {
                Ok(n) if n.is_finite() && !t.contains(['e', 'E']) => (n, Some(t)),
                _ => return Some(FieldError::NotANumber),
            }
        }
        _ => return Some(FieldError::Invalid),
    };
    if !n.is_finite() {
        return Some(FieldError::NotANumber);
    }
    let places = match &written {
        Some(t) => t.split_once('.').map_or(0, |(_, frac)| frac.len()),
        None => (0..=u8::MAX)
            .find(|d| (n * 10f64.powi(i32::from(*d))).fract() == 0.0)
            .unwrap_or(u8::MAX)
            .into(),
    };
    if places > usize::from(decimals) {
        return Some(FieldError::TooManyDecimals { max: decimals });
    }
    if let Some(min) = field.min.filter(|min| n < *min) {
        return Some(FieldError::BelowMin { min });
    }
    field
        .max
        .filter(|max| n > *max)
        .map(|max| FieldError::AboveMax { max })
}
