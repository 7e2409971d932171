//! A submitted form's answers as people read them: the questions' labels and the chosen
//! options' labels, in the language the form was filled in, never keys or JSON. The backend
//! puts this text in the ticket, where both the requester and the desk read it.

use std::collections::BTreeMap;

use super::{summary_entry, Values};
use crate::i18n::{format_date, format_decimal, format_time, t, CivilDateTime, Lang, Msg};
use crate::model::{Field, FieldKind, FormSchema, Value};

/// One line per answered question, in form order: "- Label: answer", a list both as plain
/// text (Request Tracker) and as markdown (the portal renders ticket bodies so). Choices show their labels,
/// yes/no answers the words of `lang`, dates and times are written out, files by name, and
/// reference fields the entry the person picked (`picked`, by field key; its id otherwise).
/// Unanswered questions, labels and section headings are left out.
pub fn answers_text(
    lang: Lang,
    schema: &FormSchema,
    values: &Values,
    picked: &BTreeMap<String, String>,
) -> String {
    schema
        .fields
        .iter()
        .filter(|f| f.kind.takes_input())
        .filter_map(|f| {
            let answer = answer(lang, f, values.get(&f.key)?, picked.get(&f.key))?;
            Some(format!("- {}", summary_entry(lang, &f.label, &answer)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One answer as text, or `None` when there is nothing to read.
fn answer(lang: Lang, field: &Field, value: &Value, picked: Option<&String>) -> Option<String> {
    let choice = |v: &str| {
        field
            .choices
            .iter()
            .find(|c| c.value == v)
            .map_or(v, |c| c.label.as_str())
            .to_owned()
    };
    let text = match (&field.kind, value) {
        (_, Value::Bool(b)) => t(lang, if *b { Msg::AnswerYes } else { Msg::AnswerNo }).to_owned(),
        (FieldKind::Number { decimals }, Value::Number(n)) => format_decimal(lang, *n, *decimals),
        (FieldKind::Number { decimals }, Value::Text(s)) => s
            .trim()
            .parse()
            .map_or_else(|_| s.clone(), |n| format_decimal(lang, n, *decimals)),
        (_, Value::Number(n)) => format_decimal(lang, *n, 0),
        (FieldKind::Date | FieldKind::DateTime, Value::Text(s)) => {
            civil(s).map_or_else(|| s.clone(), |(d, timed)| written(lang, d, timed))
        }
        (FieldKind::Reference { .. }, Value::Text(id)) => picked
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(id)
            .clone(),
        (_, Value::Text(s)) => choice(s.trim()),
        (_, Value::List(list)) => list
            .iter()
            .map(|v| choice(v))
            .collect::<Vec<_>>()
            .join(", "),
    };
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// `2026-11-22` or `2026-11-22T14:05`, and whether it has a time.
fn civil(s: &str) -> Option<(CivilDateTime, bool)> {
    let (date, time) = s
        .trim()
        .split_once('T')
        .map_or((s.trim(), None), |(d, t)| (d, Some(t)));
    let mut ymd = date.splitn(3, '-');
    let year = ymd.next()?.parse().ok()?;
    let month = ymd.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = ymd.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    let (hour, minute) = match time {
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            let minute = m.get(..2).unwrap_or(m).parse().ok().filter(|m| *m < 60)?;
            (h.parse().ok().filter(|h| *h < 24)?, minute)
        }
        None => (0, 0),
    };
    let d = CivilDateTime {
        year,
        month,
        day,
        hour,
        minute,
    };
    Some((d, time.is_some()))
}

fn written(lang: Lang, d: CivilDateTime, timed: bool) -> String {
    if timed {
        format!("{}, {}", format_date(lang, d), format_time(lang, d))
    } else {
        format_date(lang, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Choice, Field};

    fn choices(field: Field, pairs: &[(&str, &str)]) -> Field {
        let choices = pairs
            .iter()
            .map(|(value, label)| Choice {
                value: (*value).into(),
                label: (*label).into(),
            })
            .collect();
        Field { choices, ..field }
    }

    /// Every kind of field, labelled in `lang` as a form shown in it would be.
    fn schema(fr: bool) -> FormSchema {
        let l = |en: &str, fr_label: &str| if fr { fr_label } else { en }.to_owned();
        let attachment = FieldKind::Attachment {
            max_files: 2,
            max_bytes: None,
            accept: vec![],
        };
        let asset = FieldKind::Reference {
            source: "assets".into(),
        };
        FormSchema {
            fields: vec![
                Field::new("intro", l("Tell us", "Dites-nous"), FieldKind::Section),
                Field::new("note", l("Read this", "Lisez ceci"), FieldKind::Label),
                Field::new("summary", l("Summary", "Résumé"), FieldKind::Text),
                Field::new("steps", l("Steps", "Étapes"), FieldKind::TextArea),
                Field::new(
                    "count",
                    l("How many?", "Combien ?"),
                    FieldKind::Number { decimals: 1 },
                ),
                Field::new("mail", l("Email", "Courriel"), FieldKind::Email),
                Field::new("link", l("Link", "Lien"), FieldKind::Url),
                Field::new("phone", l("Phone", "Téléphone"), FieldKind::Phone),
                Field::new("by", l("Needed by", "Pour le"), FieldKind::Date),
                Field::new("at", l("Call me at", "Appelez-moi le"), FieldKind::DateTime),
                choices(
                    Field::new("keyboard", l("Keyboard", "Clavier"), FieldKind::Select),
                    &[("us", &l("US English", "Anglais US")), ("fr", "AZERTY")],
                ),
                choices(
                    Field::new("apps", l("Software", "Logiciels"), FieldKind::MultiSelect),
                    &[("office", "Office"), ("vpn", "VPN"), ("zoom", "Zoom")],
                ),
                choices(
                    Field::new("size", l("Size", "Taille"), FieldKind::Radio),
                    &[("s", &l("Small", "Petite")), ("l", &l("Large", "Grande"))],
                ),
                Field::new("urgent", l("Urgent?", "Urgent ?"), FieldKind::YesNo),
                Field::new(
                    "policy",
                    l("I accept the policy", "J’accepte"),
                    FieldKind::Checkbox,
                ),
                Field::new("files", l("Screenshots", "Captures"), attachment),
                Field::new("asset", l("Asset", "Matériel"), asset),
                Field::new("unanswered", l("Anything else", "Autre"), FieldKind::Text),
            ],
        }
    }

    fn values() -> Values {
        let text = |s: &str| Value::Text(s.into());
        let list = |l: &[&str]| Value::List(l.iter().map(|s| (*s).to_owned()).collect());
        [
            ("summary", text("Screen flickers")),
            ("steps", text("Open the lid")),
            ("count", text("2.5")),
            ("mail", text("ana@example.org")),
            ("link", text("https://example.org/x")),
            ("phone", text("+33 1 23 45 67 89")),
            ("by", text("2026-12-01")),
            ("at", text("2026-11-22T14:05")),
            ("keyboard", text("us")),
            ("apps", list(&["office", "zoom"])),
            ("size", text("l")),
            ("urgent", Value::Bool(false)),
            ("policy", Value::Bool(true)),
            ("files", list(&["screen.png", "log.txt"])),
            ("asset", text("A-10231")),
            ("unanswered", text("  ")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    #[test]
    fn every_kind_of_answer_reads_with_labels_in_the_form_language() {
        let picked: BTreeMap<String, String> =
            [("asset".to_owned(), "ThinkPad T14 (A-10231)".to_owned())].into();
        assert_eq!(
            answers_text(Lang::En, &schema(false), &values(), &picked),
            "- Summary: Screen flickers\n\
             - Steps: Open the lid\n\
             - How many? 2.5\n\
             - Email: ana@example.org\n\
             - Link: https://example.org/x\n\
             - Phone: +33 1 23 45 67 89\n\
             - Needed by: December 1, 2026\n\
             - Call me at: November 22, 2026, 2:05\u{a0}PM\n\
             - Keyboard: US English\n\
             - Software: Office, Zoom\n\
             - Size: Large\n\
             - Urgent? No\n\
             - I accept the policy: Yes\n\
             - Screenshots: screen.png, log.txt\n\
             - Asset: ThinkPad T14 (A-10231)"
        );
        assert_eq!(
            answers_text(Lang::Fr, &schema(true), &values(), &picked),
            "- Résumé\u{a0}: Screen flickers\n\
             - Étapes\u{a0}: Open the lid\n\
             - Combien ? 2,5\n\
             - Courriel\u{a0}: ana@example.org\n\
             - Lien\u{a0}: https://example.org/x\n\
             - Téléphone\u{a0}: +33 1 23 45 67 89\n\
             - Pour le\u{a0}: 1er décembre 2026\n\
             - Appelez-moi le\u{a0}: 22 novembre 2026, 14:05\n\
             - Clavier\u{a0}: Anglais US\n\
             - Logiciels\u{a0}: Office, Zoom\n\
             - Taille\u{a0}: Grande\n\
             - Urgent ? Non\n\
             - J’accepte\u{a0}: Oui\n\
             - Captures\u{a0}: screen.png, log.txt\n\
             - Matériel\u{a0}: ThinkPad T14 (A-10231)"
        );
    }

    #[test]
    fn unknown_values_and_unpicked_references_fall_back_to_what_was_sent() {
        let schema = schema(false);
        let values: Values = [
            ("keyboard".to_owned(), Value::Text("dvorak".into())),
            ("asset".to_owned(), Value::Text("A-1".into())),
            ("by".to_owned(), Value::Text("soon".into())),
            ("count".to_owned(), Value::Number(3.0)),
        ]
        .into();
        assert_eq!(
            answers_text(Lang::En, &schema, &values, &BTreeMap::new()),
            "- How many? 3.0\n- Needed by: soon\n- Keyboard: dvorak\n- Asset: A-1"
        );
        assert_eq!(
            answers_text(Lang::En, &schema, &Values::new(), &BTreeMap::new()),
            ""
        );
    }
}
