//! Form logic, pure and table-tested: which fields show, which are required or disabled, whether
//! the values are valid, and what gets submitted. The browser re-runs it on every change.

mod answers;
mod conditions;
pub mod draft;
pub mod files;
mod formats;
mod messages;
mod pattern;
mod validate;

use std::collections::BTreeMap;

use crate::model::{Effect, FormSchema, Value};

pub use answers::answers_text;
pub use formats::{
    is_valid_date, is_valid_date_time, is_valid_email, is_valid_phone, is_valid_url,
};
pub use messages::{error_message, summary_entry};
pub use pattern::{Pattern, PatternIssue};
pub use validate::{FieldError, HARD_MAX_CHARS};

/// The values a user has entered, by field key.
pub type Values = BTreeMap<String, Value>;

/// How a field should be presented right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldState {
    pub visible: bool,
    pub required: bool,
    pub disabled: bool,
}

/// A form ready to evaluate: its schema with each field's pattern compiled once.
#[derive(Clone, Debug)]
pub struct Form {
    schema: FormSchema,
    patterns: Vec<Option<Pattern>>,
}

impl Form {
    /// Compiles the schema. Patterns that are invalid or too costly are dropped and reported,
    /// so one bad pattern from a backend disables only its own check.
    pub fn new(schema: FormSchema) -> (Form, Vec<PatternIssue>) {
        let mut issues = Vec::new();
        let patterns = schema
            .fields
            .iter()
            .map(|f| {
                let source = f.pattern.as_deref()?;
                Pattern::compile(source)
                    .map_err(|problem| {
                        issues.push(PatternIssue {
                            field: f.key.clone(),
                            problem,
                        })
                    })
                    .ok()
            })
            .collect();
        (Form { schema, patterns }, issues)
    }

    pub fn schema(&self) -> &FormSchema {
        &self.schema
    }

    /// The default values of every field that has one.
    pub fn defaults(&self) -> Values {
        let fields = self.schema.fields.iter();
        fields
            .filter_map(|f| Some((f.key.clone(), f.default.clone()?)))
            .collect()
    }

    /// Each field's state, in schema order. A hidden field counts as empty in other fields'
    /// conditions, so hiding cascades; the loop stops at a fixed point, or after one pass per
    /// field when rules contradict each other (the last pass wins: deterministic, never a hang).
    pub fn evaluate(&self, values: &Values) -> Vec<FieldState> {
        let fields = &self.schema.fields;
        let mut visible: Vec<bool> = vec![true; fields.len()];
        for _ in 0..=fields.len() {
            let effective = self.effective_values(values, &visible);
            let next: Vec<bool> = fields
                .iter()
                .map(|f| {
                    let holds = |effect| f.rules.iter().filter(move |r| r.effect == effect);
                    let shown = holds(Effect::Show).peekable().peek().is_none()
                        || holds(Effect::Show).any(|r| conditions::rule_holds(r, &effective));
                    shown && !holds(Effect::Hide).any(|r| conditions::rule_holds(r, &effective))
                })
                .collect();
            if next == visible {
                break;
            }
            visible = next;
        }
        let effective = self.effective_values(values, &visible);
        fields
            .iter()
            .zip(visible)
            .map(|(f, visible)| {
                let any = |effect| {
                    f.rules
                        .iter()
                        .any(|r| r.effect == effect && conditions::rule_holds(r, &effective))
                };
                FieldState {
                    visible,
                    required: f.kind.takes_input() && (f.required || any(Effect::Require)),
                    disabled: any(Effect::Disable),
                }
            })
            .collect()
    }

    fn effective_values<'a>(
        &self,
        values: &'a Values,
        visible: &[bool],
    ) -> BTreeMap<&'a str, &'a Value> {
        self.schema
            .fields
            .iter()
            .zip(visible)
            .filter(|(_, v)| **v)
            .filter_map(|(f, _)| values.get_key_value(&f.key))
            .map(|(k, v)| (k.as_str(), v))
            .collect()
    }

    /// The errors of every visible, enabled input field, by key. Empty means the form can go.
    pub fn validate(&self, values: &Values) -> BTreeMap<String, FieldError> {
        let states = self.evaluate(values);
        self.schema
            .fields
            .iter()
            .zip(&states)
            .zip(&self.patterns)
            .filter(|((f, s), _)| s.visible && !s.disabled && f.kind.takes_input())
            .filter_map(|((f, s), pattern)| {
                let error = validate::check(f, s.required, values.get(&f.key), pattern.as_ref())?;
                Some((f.key.clone(), error))
            })
            .collect()
    }

    /// What is sent to the backend: visible input fields that have a value. Hidden fields are
    /// neither validated nor submitted, whatever they held before they were hidden.
    pub fn submission(&self, values: &Values) -> Values {
        let states = self.evaluate(values);
        self.schema
            .fields
            .iter()
            .zip(states)
            .filter(|(f, s)| s.visible && f.kind.takes_input())
            .filter_map(|(f, _)| {
                values
                    .get(&f.key)
                    .filter(|v| !v.is_empty())
                    .map(|v| (f.key.clone(), v.clone()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
