//! The mapping, on responses recorded from a real RT 5.0.3 (see fixtures/README.md).

use super::*;
use crate::forms::Form;
use crate::model::TicketKind;

fn fixture_body<T: FromRt>(name: &str) -> T {
    let path = format!(
        "{}/src/connector/rt/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture file");
    let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    T::from_rt(&value["response"]["body"], "").expect("fixture reads")
}

fn fields() -> Vec<RtCustomField> {
    let queue: RtQueue = fixture_body("queue");
    queue
        .ticket_custom_fields
        .iter()
        .map(|r| fixture_body(&format!("customfield-{}", r.id)))
        .collect()
}

#[test]
fn a_queue_becomes_a_catalog_item() {
    let queue: RtQueue = fixture_body("queue");
    let item = queue_item(&queue, "service-desk", TicketKind::Incident).expect("enabled queue");
    assert_eq!(item.kind, TicketKind::Incident);
    assert_eq!(
        (item.id.as_str(), item.name.as_str()),
        ("3", "IT Service Desk")
    );
    assert_eq!(item.short_description, "Questions and problems of any kind");
}

#[test]
fn custom_fields_become_form_fields_without_the_idempotency_field() {
    let form = queue_form(&fields(), DEFAULT_IDEMPOTENCY_FIELD);
    let summary: Vec<(&str, String)> = form
        .fields
        .iter()
        .map(|f| (f.label.as_str(), format!("{:?}", f.kind)))
        .collect();
    assert_eq!(
        summary,
        [
            ("Category", "Select".to_owned()),
            ("Software", "MultiSelect".to_owned()),
            ("Preferred time", "DateTime".to_owned()),
        ]
    );
    let category = &form.fields[0];
    assert_eq!(category.help.as_deref(), Some("What the request is about"));
    assert_eq!(
        category
            .choices
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>(),
        ["Hardware", "Software", "Access"]
    );
}

#[test]
fn the_hardware_queue_pattern_splits_into_check_and_hint_and_compiles() {
    let queue: RtQueue = fixture_body("queue-hardware");
    let cfs: Vec<RtCustomField> = queue
        .ticket_custom_fields
        .iter()
        .map(|r| fixture_body(&format!("customfield-{}", r.id)))
        .collect();
    let form = queue_form(&cfs, DEFAULT_IDEMPOTENCY_FIELD);
    let tag = form
        .fields
        .iter()
        .find(|f| f.label == "Asset tag")
        .expect("asset tag field")
        .clone();
    assert_eq!(tag.pattern.as_deref(), Some(r"^[A-Z]{2}-\d{4}$"));
    assert_eq!(tag.pattern_hint.as_deref(), Some("Like AB-1234"));
    let (form, issues) = Form::new(form);
    assert!(issues.is_empty(), "{issues:?}");
    let mut values = crate::forms::Values::new();
    values.insert(
        tag.key.clone(),
        crate::model::Value::Text("not a tag".into()),
    );
    // RT would drop this value silently (fixtures/ticket-create-invalid-cf): the portal refuses it.
    assert!(form.validate(&values).contains_key(&tag.key));
}

#[test]
fn patterns_split_their_rt_comment() {
    let cases = [
        ("", (None, None)),
        ("^\\d+$", (Some("^\\d+$"), None)),
        (
            "(?#Six digits)^\\d{6}$",
            (Some("^\\d{6}$"), Some("Six digits")),
        ),
        ("(?#)^x$", (Some("^x$"), None)),
        ("(?#only a hint)", (None, Some("only a hint"))),
        ("(?#unclosed", (Some("(?#unclosed"), None)),
    ];
    for (raw, (regex, hint)) in cases {
        let (r, h) = split_pattern(raw);
        assert_eq!((r.as_deref(), h.as_deref()), (regex, hint), "{raw}");
    }
}

#[test]
fn ids_arrive_as_text_or_numbers() {
    let read = |json: &str| {
        RtRef::from_rt(&serde_json::from_str(json).expect("JSON"), "link").map(|r| r.id)
    };
    assert_eq!(read(r#"{"id":"7"}"#), Ok("7".to_owned()));
    assert_eq!(read(r#"{"id":7}"#), Ok("7".to_owned()));
    assert!(
        matches!(read(r#"{"id":null}"#), Err(PortalError::Malformed { path, .. }) if path == "link.id")
    );
    assert!(matches!(read("[]"), Err(PortalError::Malformed { .. })));
}
