use super::*;
use crate::model::{Choice, Clause, Field, FieldKind, Match, Op, Rule};

fn field(key: &str, kind: FieldKind) -> Field {
    Field::new(key, key, kind)
}

fn choices(field: Field, values: &[&str]) -> Field {
    Field {
        choices: values
            .iter()
            .map(|v| Choice {
                value: (*v).into(),
                label: (*v).into(),
            })
            .collect(),
        ..field
    }
}

fn rule(effect: Effect, combine: Match, when: &[(&str, Op, Option<Value>)]) -> Rule {
    Rule {
        effect,
        combine,
        when: when
            .iter()
            .map(|(f, op, v)| Clause {
                field: (*f).into(),
                op: *op,
                value: v.clone(),
            })
            .collect(),
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn values(pairs: &[(&str, Value)]) -> Values {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

fn form(fields: Vec<Field>) -> Form {
    let (form, issues) = Form::new(FormSchema { fields });
    assert!(issues.is_empty(), "{issues:?}");
    form
}

/// A form whose second field `t` carries one rule about the first field `s`.
fn conditional(op: Op, expected: Option<Value>, effect: Effect) -> Form {
    let mut target = field("t", FieldKind::Text);
    target.rules = vec![rule(effect, Match::All, &[("s", op, expected)])];
    form(vec![field("s", FieldKind::Text), target])
}

#[test]
fn every_operator_shows_the_field_exactly_when_it_holds() {
    let num = |n: f64| Some(Value::Number(n));
    let cases: &[(Op, Option<Value>, Option<Value>, bool)] = &[
        (Op::Equals, Some(text("laptop")), Some(text("laptop")), true),
        (
            Op::Equals,
            Some(text("laptop")),
            Some(text(" laptop ")),
            true,
        ),
        (
            Op::Equals,
            Some(text("laptop")),
            Some(text("Laptop")),
            false,
        ),
        (Op::Equals, Some(text("laptop")), None, false),
        (Op::Equals, num(3.0), Some(text("3")), true),
        (
            Op::Equals,
            Some(Value::Bool(true)),
            Some(Value::Bool(true)),
            true,
        ),
        (
            Op::NotEquals,
            Some(text("laptop")),
            Some(text("desktop")),
            true,
        ),
        (
            Op::NotEquals,
            Some(text("laptop")),
            Some(text("laptop")),
            false,
        ),
        (Op::NotEquals, Some(text("laptop")), None, true),
        (
            Op::Contains,
            Some(text("vpn")),
            Some(text("My VPN is down")),
            true,
        ),
        (Op::Contains, Some(text("vpn")), Some(text("Wi-Fi")), false),
        (
            Op::Contains,
            Some(text("a")),
            Some(Value::List(vec!["a".into(), "b".into()])),
            true,
        ),
        (
            Op::Contains,
            Some(text("c")),
            Some(Value::List(vec!["a".into()])),
            false,
        ),
        (Op::IsEmpty, None, None, true),
        (Op::IsEmpty, None, Some(text("   ")), true),
        (Op::IsEmpty, None, Some(text("x")), false),
        (Op::IsNotEmpty, None, Some(text("x")), true),
        (Op::IsNotEmpty, None, Some(Value::List(vec![])), false),
        (Op::GreaterThan, num(10.0), Some(text("11")), true),
        (Op::GreaterThan, num(10.0), Some(text("10")), false),
        (Op::GreaterThan, num(10.0), Some(text("ten")), false),
        (
            Op::GreaterThan,
            Some(text("2026-11-22")),
            Some(text("2026-12-01")),
            true,
        ),
        (Op::LessThan, num(10.0), Some(Value::Number(2.5)), true),
        (Op::LessThan, num(10.0), None, false),
        (
            Op::LessThan,
            Some(text("2026-11-22")),
            Some(text("2026-11-21T23:00")),
            true,
        ),
    ];
    for (op, expected, actual, shown) in cases {
        let f = conditional(*op, expected.clone(), Effect::Show);
        let vals = actual
            .clone()
            .map(|v| values(&[("s", v)]))
            .unwrap_or_default();
        assert_eq!(
            f.evaluate(&vals)[1].visible,
            *shown,
            "{op:?} {expected:?} on {actual:?}"
        );
    }
}

#[test]
fn hide_require_and_disable_apply_while_their_condition_holds() {
    let on = values(&[("s", text("yes"))]);
    let off = values(&[("s", text("no"))]);
    let eq_yes = || Some(text("yes"));
    let hide = conditional(Op::Equals, eq_yes(), Effect::Hide);
    assert!(!hide.evaluate(&on)[1].visible && hide.evaluate(&off)[1].visible);
    let require = conditional(Op::Equals, eq_yes(), Effect::Require);
    assert!(require.evaluate(&on)[1].required && !require.evaluate(&off)[1].required);
    let disable = conditional(Op::Equals, eq_yes(), Effect::Disable);
    assert!(disable.evaluate(&on)[1].disabled && !disable.evaluate(&off)[1].disabled);
}

#[test]
fn all_and_any_combine_clauses() {
    let clauses = [
        ("a", Op::Equals, Some(text("1"))),
        ("b", Op::Equals, Some(text("1"))),
    ];
    for (combine, a, b, shown) in [
        (Match::All, "1", "1", true),
        (Match::All, "1", "0", false),
        (Match::Any, "1", "0", true),
        (Match::Any, "0", "0", false),
    ] {
        let mut t = field("t", FieldKind::Text);
        t.rules = vec![rule(Effect::Show, combine, &clauses)];
        let f = form(vec![
            field("a", FieldKind::Text),
            field("b", FieldKind::Text),
            t,
        ]);
        let v = values(&[("a", text(a)), ("b", text(b))]);
        assert_eq!(f.evaluate(&v)[2].visible, shown, "{combine:?} a={a} b={b}");
    }
}

#[test]
fn hiding_cascades_to_fields_that_depend_on_a_hidden_one() {
    // kind=hardware shows `model`; model=other shows `details`. Switching kind hides both,
    // even though `model` still holds "other".
    let mut model = choices(field("model", FieldKind::Select), &["x1", "other"]);
    model.rules = vec![rule(
        Effect::Show,
        Match::All,
        &[("kind", Op::Equals, Some(text("hardware")))],
    )];
    let mut details = field("details", FieldKind::TextArea);
    details.required = true;
    details.rules = vec![rule(
        Effect::Show,
        Match::All,
        &[("model", Op::Equals, Some(text("other")))],
    )];
    let f = form(vec![field("kind", FieldKind::Text), model, details]);

    let hw = values(&[("kind", text("hardware")), ("model", text("other"))]);
    assert!(f.evaluate(&hw)[2].visible);
    assert_eq!(f.validate(&hw).get("details"), Some(&FieldError::Required));

    let sw = values(&[
        ("kind", text("software")),
        ("model", text("other")),
        ("details", text("stale")),
    ]);
    let states = f.evaluate(&sw);
    assert!(!states[1].visible && !states[2].visible);
    assert!(
        f.validate(&sw).is_empty(),
        "hidden fields are not validated"
    );
    assert_eq!(
        f.submission(&sw),
        values(&[("kind", text("software"))]),
        "hidden fields are not submitted"
    );
}

#[test]
fn contradictory_rules_settle_without_hanging() {
    // a hides itself-through-b: b is shown when a is empty, a is hidden when b is empty.
    let mut a = field("a", FieldKind::Text);
    a.rules = vec![rule(Effect::Hide, Match::All, &[("b", Op::IsEmpty, None)])];
    let mut b = field("b", FieldKind::Text);
    b.rules = vec![rule(Effect::Show, Match::All, &[("a", Op::IsEmpty, None)])];
    let f = form(vec![a, b]);
    let first = f.evaluate(&Values::new());
    assert_eq!(first, f.evaluate(&Values::new()), "deterministic");
}

#[test]
fn labels_and_sections_are_never_required_validated_or_submitted() {
    let mut label = field("note", FieldKind::Label);
    label.required = true;
    let f = form(vec![label, field("s", FieldKind::Section)]);
    let v = values(&[("note", text("x"))]);
    assert!(!f.evaluate(&v)[0].required);
    assert!(f.validate(&v).is_empty());
    assert!(f.submission(&v).is_empty());
}

#[test]
fn defaults_come_from_the_schema() {
    let mut a = field("a", FieldKind::Number { decimals: 0 });
    a.default = Some(Value::Number(1.0));
    let f = form(vec![a, field("b", FieldKind::Text)]);
    assert_eq!(f.defaults(), values(&[("a", Value::Number(1.0))]));
}

fn error_of(f: Field, value: Option<Value>) -> Option<FieldError> {
    let key = f.key.clone();
    let form = form(vec![f]);
    let v = value.map(|v| values(&[(&key, v)])).unwrap_or_default();
    form.validate(&v).remove(&key)
}

#[test]
fn validation_table() {
    use FieldError::*;
    let required = |f: Field| Field {
        required: true,
        ..f
    };
    let lengths = |f: Field, min, max| Field {
        min_length: Some(min),
        max_length: Some(max),
        ..f
    };
    let range = |f: Field, min, max| Field {
        min: Some(min),
        max: Some(max),
        ..f
    };
    let dates = |f: Field| Field {
        min_date: Some("2026-01-01".into()),
        max_date: Some("2026-12-31".into()),
        ..f
    };
    let pattern = |f: Field, p: &str| Field {
        pattern: Some(p.into()),
        pattern_hint: Some("ABC-123".into()),
        ..f
    };
    let number = || field("n", FieldKind::Number { decimals: 2 });
    let attach = || {
        field(
            "f",
            FieldKind::Attachment {
                max_files: 2,
                max_bytes: None,
                accept: vec![],
            },
        )
    };
    let list = |items: &[&str]| Value::List(items.iter().map(|s| s.to_string()).collect());
    let rtl = "مرحبا بالعالم";
    let cases: Vec<(Field, Option<Value>, Option<FieldError>)> = vec![
        (required(field("t", FieldKind::Text)), None, Some(Required)),
        (
            required(field("t", FieldKind::Text)),
            Some(text("  ")),
            Some(Required),
        ),
        (field("t", FieldKind::Text), None, None),
        (
            lengths(field("t", FieldKind::Text), 3, 5),
            Some(text("ab")),
            Some(TooShort { min: 3 }),
        ),
        (
            lengths(field("t", FieldKind::Text), 3, 5),
            Some(text("abcdef")),
            Some(TooLong { max: 5 }),
        ),
        (
            lengths(field("t", FieldKind::Text), 3, 5),
            Some(text("👩‍💻👍🏽")),
            None,
        ),
        (
            lengths(field("t", FieldKind::Text), 1, 20),
            Some(text(rtl)),
            None,
        ),
        (
            field("t", FieldKind::Text),
            Some(list(&["a"])),
            Some(Invalid),
        ),
        (
            field("e", FieldKind::Email),
            Some(text("ana@example.org")),
            None,
        ),
        (
            field("e", FieldKind::Email),
            Some(text("ana@@example.org")),
            Some(InvalidEmail),
        ),
        (
            field("e", FieldKind::Email),
            Some(text("ana example@x.org")),
            Some(InvalidEmail),
        ),
        (
            field("e", FieldKind::Email),
            Some(text("ana@localhost")),
            Some(InvalidEmail),
        ),
        (
            field("u", FieldKind::Url),
            Some(text("https://intranet.example/x?y#z")),
            None,
        ),
        (
            field("u", FieldKind::Url),
            Some(text("javascript:alert(1)")),
            Some(InvalidUrl),
        ),
        (
            field("u", FieldKind::Url),
            Some(text("https://")),
            Some(InvalidUrl),
        ),
        (
            field("p", FieldKind::Phone),
            Some(text("+41 22 555 01 23")),
            None,
        ),
        (
            field("p", FieldKind::Phone),
            Some(text("(555) 010-4477")),
            None,
        ),
        (
            field("p", FieldKind::Phone),
            Some(text("12345")),
            Some(InvalidPhone),
        ),
        (
            field("p", FieldKind::Phone),
            Some(text("call me")),
            Some(InvalidPhone),
        ),
        (
            dates(field("d", FieldKind::Date)),
            Some(text("2026-02-28")),
            None,
        ),
        (
            dates(field("d", FieldKind::Date)),
            Some(text("2026-02-29")),
            Some(InvalidDate),
        ),
        (field("d", FieldKind::Date), Some(text("2024-02-29")), None),
        (
            field("d", FieldKind::Date),
            Some(text("2026-13-01")),
            Some(InvalidDate),
        ),
        (
            field("d", FieldKind::Date),
            Some(text("22/11/2026")),
            Some(InvalidDate),
        ),
        (
            field("d", FieldKind::Date),
            Some(text("२०२६-११-२२")),
            Some(InvalidDate),
        ),
        (
            dates(field("d", FieldKind::Date)),
            Some(text("2025-12-31")),
            Some(TooEarly {
                min: "2026-01-01".into(),
            }),
        ),
        (
            dates(field("d", FieldKind::Date)),
            Some(text("2027-01-01")),
            Some(TooLate {
                max: "2026-12-31".into(),
            }),
        ),
        (
            field("dt", FieldKind::DateTime),
            Some(text("2026-11-22T14:05")),
            None,
        ),
        (
            field("dt", FieldKind::DateTime),
            Some(text("2026-11-22T24:00")),
            Some(InvalidDateTime),
        ),
        (
            dates(field("dt", FieldKind::DateTime)),
            Some(text("2027-01-01T00:00")),
            Some(TooLate {
                max: "2026-12-31".into(),
            }),
        ),
        (number(), Some(text("12.50")), None),
        (number(), Some(text("12,5")), None),
        (
            number(),
            Some(text("1.234")),
            Some(TooManyDecimals { max: 2 }),
        ),
        (number(), Some(text("twelve")), Some(NotANumber)),
        (number(), Some(text("1e400")), Some(NotANumber)),
        (number(), Some(text("NaN")), Some(NotANumber)),
        (number(), Some(Value::Number(2.5)), None),
        (
            range(number(), 1.0, 10.0),
            Some(text("0")),
            Some(BelowMin { min: 1.0 }),
        ),
        (
            range(number(), 1.0, 10.0),
            Some(text("11")),
            Some(AboveMax { max: 10.0 }),
        ),
        (
            choices(field("s", FieldKind::Select), &["a", "b"]),
            Some(text("b")),
            None,
        ),
        (
            choices(field("s", FieldKind::Select), &["a", "b"]),
            Some(text("c")),
            Some(NotAChoice),
        ),
        (
            choices(field("r", FieldKind::Radio), &["a"]),
            Some(text("<script>")),
            Some(NotAChoice),
        ),
        (
            choices(field("m", FieldKind::MultiSelect), &["a", "b"]),
            Some(list(&["a", "b"])),
            None,
        ),
        (
            choices(field("m", FieldKind::MultiSelect), &["a"]),
            Some(list(&["a", "z"])),
            Some(NotAChoice),
        ),
        (
            required(choices(field("m", FieldKind::MultiSelect), &["a"])),
            Some(list(&[])),
            Some(Required),
        ),
        (
            required(field("c", FieldKind::Checkbox)),
            Some(Value::Bool(false)),
            Some(Required),
        ),
        (
            required(field("c", FieldKind::Checkbox)),
            Some(Value::Bool(true)),
            None,
        ),
        (
            required(field("y", FieldKind::YesNo)),
            Some(Value::Bool(false)),
            None,
        ),
        (required(field("y", FieldKind::YesNo)), None, Some(Required)),
        (attach(), Some(list(&["1", "2"])), None),
        (
            attach(),
            Some(list(&["1", "2", "3"])),
            Some(TooManyFiles { max: 2 }),
        ),
        (
            field(
                "r",
                FieldKind::Reference {
                    source: "users".into(),
                },
            ),
            Some(text("u-42")),
            None,
        ),
        (
            pattern(field("t", FieldKind::Text), "[A-Z]{3}-[0-9]{3}"),
            Some(text("ABC-123")),
            None,
        ),
        (
            pattern(field("t", FieldKind::Text), "[A-Z]{3}-[0-9]{3}"),
            Some(text("ABC-1234")),
            Some(PatternMismatch {
                hint: Some("ABC-123".into()),
            }),
        ),
    ];
    for (f, value, want) in cases {
        let label = format!("{:?} {:?}", f.kind, value);
        assert_eq!(error_of(f, value), want, "{label}");
    }
}

#[test]
fn a_ten_megabyte_paste_is_refused_quickly_not_scanned() {
    let huge = "é".repeat(10 * 1024 * 1024);
    let mut f = field("t", FieldKind::TextArea);
    f.pattern = Some("(a|aa)+".into());
    assert_eq!(
        error_of(f, Some(Value::Text(huge))),
        Some(FieldError::TooLong {
            max: HARD_MAX_CHARS
        })
    );
}

#[test]
fn catastrophic_patterns_run_in_linear_time() {
    // Exponential for backtracking engines; regex-lite's guarantee is O(pattern × input).
    let mut f = field("t", FieldKind::Text);
    f.pattern = Some("(a+)+b".into());
    let input = format!("{}!", "a".repeat(50_000));
    let start = std::time::Instant::now();
    assert!(matches!(
        error_of(f, Some(Value::Text(input))),
        Some(FieldError::PatternMismatch { .. })
    ));
    // Generous bound: this guards against exponential behaviour, not against a slow machine.
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn invalid_or_hostile_patterns_disable_only_their_own_check() {
    let bad = [
        "(".to_string(),
        "[z-a]".to_string(),
        "a".repeat(2_000),
        format!("{}a{}", "(".repeat(100), ")".repeat(100)),
        "(?:a{1000}){1000}".to_string(),
        "\\p{NotAClass}".to_string(),
    ];
    for source in &bad {
        let mut f = field("t", FieldKind::Text);
        f.pattern = Some(source.clone());
        let (form, issues) = Form::new(FormSchema {
            fields: vec![f, field("u", FieldKind::Email)],
        });
        assert_eq!(issues.len(), 1, "{source:.40}");
        assert_eq!(issues[0].field, "t");
        let v = values(&[("t", text("anything")), ("u", text("not-an-email"))]);
        let errors = form.validate(&v);
        assert_eq!(errors.get("t"), None, "the check is disabled: {source:.40}");
        assert_eq!(
            errors.get("u"),
            Some(&FieldError::InvalidEmail),
            "other checks still run"
        );
    }
}

#[test]
fn schemas_round_trip_through_json() {
    let mut t = field(
        "t",
        FieldKind::Attachment {
            max_files: 3,
            max_bytes: Some(1_000),
            accept: vec![".pdf".into()],
        },
    );
    t.rules = vec![rule(
        Effect::Require,
        Match::Any,
        &[("s", Op::GreaterThan, Some(Value::Number(2.0)))],
    )];
    let schema = FormSchema {
        fields: vec![t, field("s", FieldKind::Number { decimals: 0 })],
    };
    let json = serde_json::to_string(&schema).expect("serializes");
    assert_eq!(
        serde_json::from_str::<FormSchema>(&json).expect("parses"),
        schema
    );
}

mod error_summary {
    use crate::forms::summary_entry;
    use crate::i18n::Lang;

    /// Every label of the demo's forms, wherever it sits in seed.json.
    fn demo_labels() -> Vec<String> {
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    if let (Some(serde_json::Value::String(l)), true) =
                        (map.get("label"), map.contains_key("key"))
                    {
                        out.push(l.clone());
                    }
                    map.values().for_each(|x| walk(x, out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo/seed.json");
        let seed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("seed.json")).expect("json");
        let mut out = Vec::new();
        walk(&seed, &mut out);
        out
    }

    #[test]
    fn no_entry_shows_a_stray_question_mark_colon() {
        let labels = demo_labels();
        assert!(
            labels.iter().any(|l| l.ends_with('?')),
            "the walk found the question labels"
        );
        for lang in Lang::ALL {
            for label in &labels {
                let entry = summary_entry(lang, label, "This answer is required.");
                assert!(
                    !entry.contains("?:") && !entry.contains("? :"),
                    "{lang:?}: {entry}"
                );
                assert!(entry.starts_with(label.trim()), "{lang:?}: {entry}");
            }
        }
    }

    #[test]
    fn entries_join_label_and_message_as_each_language_writes_them() {
        let msg = "Requis.";
        assert_eq!(
            summary_entry(Lang::En, "How many?", msg),
            "How many? Requis."
        );
        assert_eq!(
            summary_entry(Lang::Fr, "Combien ?", msg),
            "Combien ? Requis."
        );
        assert_eq!(
            summary_entry(Lang::En, "Asset tag", msg),
            "Asset tag: Requis."
        );
        assert_eq!(
            summary_entry(Lang::Fr, "Numéro", msg),
            "Numéro\u{a0}: Requis."
        );
        assert_eq!(summary_entry(Lang::Es, "Motivo:", msg), "Motivo: Requis.");
        assert_eq!(summary_entry(Lang::En, "  ", msg), "Requis.");
    }
}
