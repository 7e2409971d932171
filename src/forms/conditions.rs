//! Clause and rule evaluation. A clause about a field with no value (or a hidden one) sees it
//! as empty; comparisons that do not make sense for the values at hand are simply false.

use std::collections::BTreeMap;

use crate::model::{Clause, Match, Op, Rule, Value};

pub(super) fn rule_holds(rule: &Rule, values: &BTreeMap<&str, &Value>) -> bool {
    let mut clauses = rule
        .when
        .iter()
        .map(|c| clause_holds(c, values.get(c.field.as_str()).copied()));
    match rule.combine {
        Match::All => clauses.all(|b| b),
        Match::Any => clauses.any(|b| b),
    }
}

fn clause_holds(clause: &Clause, actual: Option<&Value>) -> bool {
    let empty = actual.is_none_or(Value::is_empty);
    let expected = clause.value.as_ref();
    match clause.op {
        Op::IsEmpty => empty,
        Op::IsNotEmpty => !empty,
        Op::Equals => !empty && expected.is_some_and(|e| equals(actual, e)),
        Op::NotEquals => empty || expected.is_none_or(|e| !equals(actual, e)),
        Op::Contains => !empty && expected.is_some_and(|e| contains(actual, e)),
        Op::GreaterThan => compare(actual, expected) == Some(std::cmp::Ordering::Greater),
        Op::LessThan => compare(actual, expected) == Some(std::cmp::Ordering::Less),
    }
}

fn equals(actual: Option<&Value>, expected: &Value) -> bool {
    match (actual, expected) {
        (Some(Value::Text(a)), Value::Text(e)) => a.trim() == e.trim(),
        (Some(Value::Bool(a)), Value::Bool(e)) => a == e,
        (Some(a), Value::Number(e)) => number(a).is_some_and(|a| a == *e),
        (Some(Value::Number(a)), Value::Text(e)) => e.trim().parse::<f64>().is_ok_and(|e| e == *a),
        (Some(Value::List(a)), Value::List(e)) => {
            let (mut a, mut e) = (a.clone(), e.clone());
            a.sort();
            e.sort();
            a == e
        }
        (Some(Value::List(a)), Value::Text(e)) => a.len() == 1 && a[0] == *e,
        _ => false,
    }
}

fn contains(actual: Option<&Value>, expected: &Value) -> bool {
    match (actual, expected) {
        (Some(Value::Text(a)), Value::Text(e)) => a.to_lowercase().contains(&e.to_lowercase()),
        (Some(Value::List(a)), Value::Text(e)) => a.iter().any(|v| v == e),
        (Some(Value::List(a)), Value::List(e)) => e.iter().all(|v| a.contains(v)),
        _ => false,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Text(t) => t.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

/// Numbers compare as numbers; ISO dates and date-times compare as text, which orders them.
fn compare(actual: Option<&Value>, expected: Option<&Value>) -> Option<std::cmp::Ordering> {
    let (actual, expected) = (actual?, expected?);
    if let (Some(a), Some(e)) = (number(actual), number(expected)) {
        return a.partial_cmp(&e);
    }
    match (actual, expected) {
        (Value::Text(a), Value::Text(e))
            if super::formats::looks_like_date(a) && super::formats::looks_like_date(e) =>
        {
            Some(a.trim().cmp(e.trim()))
        }
        _ => None,
    }
}
