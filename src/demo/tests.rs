//! The demo desk, driven through its connector with an injected clock.

use std::collections::{BTreeMap, BTreeSet};

use super::lifecycle::*;
use super::DemoService;
use crate::connector::contract::{self, Sample};
use crate::connector::demo::DemoConnector;
use crate::connector::*;
use crate::forms::Form;
use crate::model::{Effect, FieldKind, Op, Status, TicketAction, TicketKind, TimelineEvent, Value};

const T0: i64 = 1_795_356_300; // 2026-11-22T14:05Z

/// The seed as shipped in public/demo, read from disk.
pub(crate) fn seeded(now: i64) -> DemoService {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/demo");
    let seed = std::fs::read_to_string(format!("{dir}/seed.json")).expect("seed.json");
    let articles: Vec<(String, String)> = std::fs::read_dir(format!("{dir}/articles"))
        .expect("articles dir")
        .filter_map(Result::ok)
        .map(|e| {
            let slug = e
                .path()
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            (slug, std::fs::read_to_string(e.path()).expect("article"))
        })
        .collect();
    DemoService::from_seed(&seed, &articles, now).expect("the shipped seed is valid")
}

/// Runs an operation against the service at a given time.
fn at<T: 'static>(
    service: &mut DemoService,
    now: i64,
    exchange: Exchange<T>,
) -> Result<T, PortalError> {
    exchange.run_blocking(|request| Ok(service.handle(&request, now)))
}

fn submission(key: &str) -> Submission {
    let values: BTreeMap<String, Value> = [
        (
            "question".to_string(),
            Value::Text("How do I book a desk for Friday?".into()),
        ),
        ("topic".to_string(), Value::Text("facilities".into())),
    ]
    .into();
    Submission {
        item_id: "general_question".into(),
        title: "Desk booking".into(),
        description: "For the team day.".into(),
        values,
        answers: String::new(),
        idempotency_key: key.into(),
        files: Vec::new(),
    }
}

#[test]
fn the_seed_is_rich_enough_to_demo_everything() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let categories = at(&mut s, T0, c.list_categories()).expect("categories");
    let items = at(&mut s, T0, c.list_items()).expect("items");
    assert!(
        categories.len() >= 6 && items.len() >= 24,
        "{} categories, {} items",
        categories.len(),
        items.len()
    );

    let fields: Vec<_> = items
        .iter()
        .flat_map(|i| i.form.iter().flat_map(|f| f.fields.iter()))
        .collect();
    let kinds: BTreeSet<String> = fields
        .iter()
        .map(|f| {
            format!("{:?}", f.kind)
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    for kind in [
        "Text",
        "TextArea",
        "Number",
        "Email",
        "Url",
        "Phone",
        "Date",
        "DateTime",
        "Select",
        "MultiSelect",
        "Radio",
        "YesNo",
        "Checkbox",
        "Attachment",
        "Reference",
        "Label",
        "Section",
    ] {
        assert!(kinds.contains(kind), "no field of kind {kind}");
    }
    let rules: Vec<_> = fields.iter().flat_map(|f| &f.rules).collect();
    for effect in [Effect::Show, Effect::Hide, Effect::Require, Effect::Disable] {
        assert!(
            rules.iter().any(|r| r.effect == effect),
            "no {effect:?} rule"
        );
    }
    for op in [
        Op::Equals,
        Op::NotEquals,
        Op::Contains,
        Op::IsEmpty,
        Op::IsNotEmpty,
        Op::GreaterThan,
        Op::LessThan,
    ] {
        assert!(
            rules.iter().flat_map(|r| &r.when).any(|c| c.op == op),
            "no {op:?} condition"
        );
    }
    for item in &items {
        let (_, issues) = Form::new(item.form.clone().unwrap_or_default());
        assert!(issues.is_empty(), "{}: {issues:?}", item.id);
        let keys: BTreeSet<&str> = item
            .form
            .iter()
            .flat_map(|f| &f.fields)
            .map(|f| f.key.as_str())
            .collect();
        for clause in item
            .form
            .iter()
            .flat_map(|f| &f.fields)
            .flat_map(|f| &f.rules)
            .flat_map(|r| &r.when)
        {
            assert!(
                keys.contains(clause.field.as_str()),
                "{}: rule on unknown field {}",
                item.id,
                clause.field
            );
        }
    }
    assert!(items.iter().any(|i| matches!(
        i.form.as_ref().map(|f| f
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Attachment { .. }))),
        Some(true)
    )));

    let page = at(&mut s, T0, c.list_tickets(&PageRequest::default())).expect("tickets");
    let statuses: BTreeSet<String> = page
        .items
        .iter()
        .map(|t| format!("{:?}", t.status))
        .collect();
    assert!(page.items.len() >= 8);
    for status in Status::ALL {
        assert!(
            statuses.contains(&format!("{status:?}")),
            "no seeded ticket is {status:?}"
        );
    }
    let articles = at(&mut s, T0, c.list_articles(&PageRequest::default())).expect("articles");
    assert!(articles.items.len() >= 40);
    for lang in ["en", "fr", "es"] {
        assert!(
            articles.items.iter().any(|a| a.language == lang),
            "no {lang} article"
        );
    }
    let bodies: String = articles.items.iter().map(|a| a.body.as_str()).collect();
    for feature in ["|---|", "\n1. ", "\n- ", "```", "![", "- [ ]"] {
        assert!(bodies.contains(feature), "no article uses {feature:?}");
    }
    let notices = at(&mut s, T0, c.list_announcements()).expect("notices");
    assert!(notices.iter().any(|n| n.is_active(T0)));
}

#[test]
fn the_ticket_reads_the_answers_as_the_person_saw_them_never_keys_or_json() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let sent = Submission {
        answers: "- Sujet\u{a0}: Bâtiments".into(),
        ..submission("k1")
    };
    let receipt = at(&mut s, T0, c.submit(&sent)).expect("submitted");
    let t = at(&mut s, T0, c.get_ticket(&receipt.ticket_id)).expect("ticket");
    assert_eq!(
        t.description,
        "For the team day.\n\n- Sujet\u{a0}: Bâtiments"
    );
    // A client that sends no readable answers gets the desk's own labels, not keys.
    let receipt = at(&mut s, T0, c.submit(&submission("k2"))).expect("submitted");
    let t = at(&mut s, T0, c.get_ticket(&receipt.ticket_id)).expect("ticket");
    assert_eq!(
        t.description,
        "For the team day.\n\n- Your question: How do I book a desk for Friday?\n- Topic: Facilities"
    );
    assert!(!t.description.contains('"') && !t.description.contains("topic:"));
}

#[test]
fn reporting_a_problem_files_an_incident_and_asking_files_a_request() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let items = at(&mut s, T0, c.list_items()).expect("items");
    let kind_of = |id: &str| items.iter().find(|i| i.id == id).map(|i| i.kind);
    assert_eq!(kind_of("software_problem"), Some(TicketKind::Incident));
    assert_eq!(kind_of("laptop"), Some(TicketKind::Request));
    let problem = Submission {
        item_id: "software_problem".into(),
        values: [("app".to_owned(), Value::Text("Excel".into()))].into(),
        ..submission("k1")
    };
    let receipt = at(&mut s, T0, c.submit(&problem)).expect("submitted");
    let t = at(&mut s, T0, c.get_ticket(&receipt.ticket_id)).expect("ticket");
    assert_eq!(t.kind, TicketKind::Incident);
    let receipt = at(&mut s, T0, c.submit(&submission("k2"))).expect("submitted");
    let t = at(&mut s, T0, c.get_ticket(&receipt.ticket_id)).expect("ticket");
    assert_eq!(t.kind, TicketKind::Request);
}

#[test]
fn a_new_request_is_numbered_picked_up_and_resolved_over_the_following_minutes() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    // The seed's own numbers end at 1009, so this is 1010: not a multiple of 3, resolved directly.
    let receipt = at(&mut s, T0, c.submit(&submission("k1"))).expect("submitted");
    assert_eq!(receipt.number, "REQ-1010");
    let ticket =
        |s: &mut DemoService, now| at(s, now, c.get_ticket(&receipt.ticket_id)).expect("ticket");

    let t = ticket(&mut s, T0);
    assert_eq!((t.status, t.raw_status.as_str()), (Status::New, "Logged"));
    assert!(t.actions.contains(&TicketAction::Cancel));

    let t = ticket(&mut s, T0 + PICK_UP_AFTER);
    assert_eq!(t.status, Status::InProgress);
    assert!(t.assignee.is_some());
    assert!(matches!(
        &t.timeline.last().map(|e| &e.event),
        Some(TimelineEvent::Comment { .. })
    ));

    let t = ticket(&mut s, T0 + INTERNAL_NOTE_AFTER + 1);
    let texts: Vec<&str> = t
        .timeline
        .iter()
        .filter_map(|e| match &e.event {
            TimelineEvent::Comment { body, .. } => Some(body.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().all(|b| !b.starts_with("Internal")),
        "internal notes never reach the requester: {texts:?}"
    );

    let t = ticket(&mut s, T0 + RESOLVE_AFTER);
    assert_eq!(t.status, Status::Resolved);
    assert!(
        t.actions.contains(&TicketAction::ConfirmResolution)
            && t.actions.contains(&TicketAction::Reopen)
    );

    let t = ticket(&mut s, T0 + RESOLVE_AFTER + AUTO_CLOSE_AFTER);
    assert_eq!(t.status, Status::Closed);
}

#[test]
fn every_third_request_asks_the_customer_and_a_reply_moves_it_on() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let numbers: Vec<Receipt> = (0..3)
        .map(|i| at(&mut s, T0, c.submit(&submission(&format!("k{i}")))).expect("submitted"))
        .collect();
    let asked = numbers
        .iter()
        .find(|r| r.number == "REQ-1011")
        .expect("REQ-1011");
    let t = at(&mut s, T0 + QUESTION_AFTER, c.get_ticket(&asked.ticket_id)).expect("ticket");
    assert_eq!(t.status, Status::WaitingOnYou);

    let now = T0 + QUESTION_AFTER + 60;
    at(
        &mut s,
        now,
        c.add_comment(&asked.ticket_id, "Building B, floor 2.", "k-reply"),
    )
    .expect("replied");
    let t = at(&mut s, now, c.get_ticket(&asked.ticket_id)).expect("ticket");
    assert_eq!(t.status, Status::InProgress);
    let t = at(
        &mut s,
        now + RESOLVE_AFTER_REPLY,
        c.get_ticket(&asked.ticket_id),
    )
    .expect("ticket");
    assert_eq!(t.status, Status::Resolved);
}

#[test]
fn a_retried_submission_with_the_same_key_creates_one_ticket() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let first = at(&mut s, T0, c.submit(&submission("same-key"))).expect("first");
    // The response was lost; the portal retries later with the same key.
    let again = at(&mut s, T0 + 30, c.submit(&submission("same-key"))).expect("retry");
    assert_eq!(first, again);
    let all = at(&mut s, T0 + 30, c.list_tickets(&PageRequest::default())).expect("tickets");
    assert_eq!(
        all.items
            .iter()
            .filter(|t| t.title == "Desk booking")
            .count(),
        1
    );
}

#[test]
fn invalid_submissions_are_refused_with_the_reason() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let mut bad = submission("k-bad");
    bad.values
        .insert("question".into(), Value::Text("short".into()));
    let err = at(&mut s, T0, c.submit(&bad)).expect_err("too short");
    assert!(
        matches!(&err, PortalError::Rejected(m) if m.contains("question")),
        "{err:?}"
    );
    bad.item_id = "no-such-item".into();
    assert!(matches!(
        at(&mut s, T0, c.submit(&bad)),
        Err(PortalError::Rejected(_))
    ));
}

#[test]
fn actions_follow_the_lifecycle() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let r = at(&mut s, T0, c.submit(&submission("k"))).expect("submitted");
    let err = at(
        &mut s,
        T0,
        c.transition(&r.ticket_id, &Transition::ConfirmResolution, "k-c"),
    )
    .expect_err("not resolved yet");
    assert!(matches!(err, PortalError::Conflict(_)), "{err:?}");
    let now = T0 + RESOLVE_AFTER;
    let t = at(
        &mut s,
        now,
        c.transition(
            &r.ticket_id,
            &Transition::Rate {
                score: 5,
                remark: "Fast!".into(),
            },
            "k-r",
        ),
    )
    .expect("rated");
    assert!(!t.actions.contains(&TicketAction::Rate));
    let t = at(
        &mut s,
        now,
        c.transition(&r.ticket_id, &Transition::ConfirmResolution, "k-c2"),
    )
    .expect("confirmed");
    assert_eq!(t.status, Status::Closed);
    let t = at(
        &mut s,
        now + 60,
        c.transition(
            &r.ticket_id,
            &Transition::Reopen {
                reason: "Again".into(),
            },
            "k-o",
        ),
    )
    .expect("reopened");
    assert_eq!(t.status, Status::InProgress);
    let t = at(
        &mut s,
        now + 120,
        c.transition(&r.ticket_id, &Transition::Cancel, "k-w"),
    )
    .expect("withdrawn");
    assert_eq!((t.status, t.actions.is_empty()), (Status::Cancelled, true));
}

#[test]
fn files_sent_with_a_request_are_on_the_new_ticket_and_survive_storage() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let mut sub = submission("k-files");
    sub.files = vec![Upload {
        name: "error.png".into(),
        mime: "image/png".into(),
        bytes: vec![0x89, b'P', b'N', b'G', 0, 255],
    }];
    // A queued submission is kept as JSON, bytes as base64, and comes back the same.
    let stored = serde_json::to_string(&sub).expect("serializes");
    assert!(stored.contains("\"iVBORwD/\""), "{stored}");
    let back: Submission = serde_json::from_str(&stored).expect("deserializes");
    assert_eq!(back, sub);
    let r = at(&mut s, T0, c.submit(&back)).expect("submitted");
    let ticket = at(&mut s, T0, c.get_ticket(&r.ticket_id)).expect("ticket");
    let files: Vec<(&str, u64)> = ticket
        .timeline
        .iter()
        .filter_map(|e| match &e.event {
            TimelineEvent::Attachment { name, size, .. } => Some((name.as_str(), *size)),
            _ => None,
        })
        .collect();
    assert_eq!(files, [("error.png", 6)]);
    let body = serde_json::json!({"offering": "general_question", "subject": "x", "answers": {}, "files": "nope"});
    let request = crate::connector::HttpRequest::json(
        crate::connector::Method::Post,
        format!("{}/tickets", crate::connector::demo::BASE),
        &body,
    )
    .with_header("Idempotency-Key", "k-bad");
    assert_eq!(s.handle(&request, T0).status, 400);
}

#[test]
fn attachments_and_votes_are_recorded() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let r = at(&mut s, T0, c.submit(&submission("k"))).expect("submitted");
    let upload = Upload {
        name: "screen.png".into(),
        mime: "image/png".into(),
        bytes: vec![1, 2, 3, 4],
    };
    let entry = at(&mut s, T0, c.attach(&r.ticket_id, &upload, "k-a")).expect("attached");
    assert!(
        matches!(entry.event, TimelineEvent::Attachment { ref name, size: 4, .. } if name == "screen.png")
    );
    let ticket = at(&mut s, T0, c.get_ticket(&r.ticket_id)).expect("ticket");
    let url = ticket
        .timeline
        .iter()
        .find_map(|e| match &e.event {
            TimelineEvent::Attachment { url, .. } => Some(url.clone()),
            _ => None,
        })
        .expect("the file is on the ticket");
    let file = at(&mut s, T0, c.download(&url)).expect("downloaded");
    assert_eq!(
        (file.mime.as_str(), file.bytes),
        ("image/png", vec![1, 2, 3, 4])
    );
    assert!(at(&mut s, T0, c.download("javascript:alert(1)")).is_err());
    at(&mut s, T0, c.vote("vpn-connect", true)).expect("voted");
    let a = at(&mut s, T0, c.get_article("vpn-connect")).expect("article");
    assert_eq!(a.votes.helpful, 42);
    let langs: Vec<(&str, &str)> = a
        .translations
        .iter()
        .map(|t| (t.id.as_str(), t.language.as_str()))
        .collect();
    assert_eq!(langs, [("vpn-connect-fr", "fr"), ("vpn-connect-es", "es")]);
}

#[test]
fn incremental_listing_pages_and_only_returns_changes() {
    let mut s = seeded(T0);
    let c = DemoConnector;
    let mut request = PageRequest::default();
    let mut seen = Vec::new();
    let cursor = loop {
        let p = at(&mut s, T0, c.list_articles(&request)).expect("page");
        seen.extend(p.items.into_iter().map(|a| a.id));
        match p.next {
            Some(n) => request = n,
            None => break p.cursor,
        }
    };
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no article twice");
    let since = PageRequest {
        since: cursor.clone(),
        page: None,
    };
    assert!(at(&mut s, T0, c.list_articles(&since))
        .expect("changes")
        .items
        .is_empty());

    let tickets = at(&mut s, T0, c.list_tickets(&PageRequest::default())).expect("tickets");
    let since = PageRequest {
        since: tickets.cursor,
        page: None,
    };
    at(&mut s, T0 + 10, c.add_comment("t1002", "Any news?", "k-n")).expect("comment");
    let changed = at(&mut s, T0 + 10, c.list_tickets(&since)).expect("changes");
    assert_eq!(
        changed
            .items
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["t1002"]
    );
}

#[test]
fn the_desk_survives_being_stored_and_restored() {
    let mut s = seeded(T0);
    at(&mut s, T0, DemoConnector.submit(&submission("k"))).expect("submitted");
    let stored = serde_json::to_string(&s).expect("serializes");
    let mut restored: DemoService = serde_json::from_str(&stored).expect("restores");
    let later = T0 + RESOLVE_AFTER;
    let a = at(&mut s, later, DemoConnector.get_ticket("t1010")).expect("original");
    let b = at(&mut restored, later, DemoConnector.get_ticket("t1010")).expect("restored");
    assert_eq!(a, b);
}

#[test]
fn only_changes_mark_the_desk_for_saving() {
    let mut s = seeded(T0);
    assert!(s.take_changed(), "a fresh desk needs saving");
    at(&mut s, T0, DemoConnector.list_items()).expect("items");
    assert!(!s.take_changed(), "reading changes nothing");
    at(&mut s, T0, DemoConnector.submit(&submission("k"))).expect("submitted");
    assert!(s.take_changed(), "a submission does");
    at(&mut s, T0 + PICK_UP_AFTER, DemoConnector.list_items()).expect("items");
    assert!(s.take_changed(), "so does the desk moving a ticket on");
}

#[test]
fn seed_errors_name_the_place() {
    let err = DemoService::from_seed("{}", &[], T0).expect_err("empty seed");
    assert!(err.place.starts_with("seed.json"), "{err}");
    let err = super::parse_article("x", "no front matter", T0).expect_err("no front matter");
    assert_eq!(err.place, "articles/x.md");
}

fn sample() -> Sample {
    Sample {
        item_id: "laptop".into(),
        ticket_id: "t1002".into(),
        article_id: "vpn-connect".into(),
        lookup_source: "users".into(),
        submission: submission("k-contract"),
    }
}

#[test]
fn demo_connector_passes_the_contract_reading_a_healthy_desk() {
    let mut s = seeded(T0);
    contract::reads_a_healthy_backend(&DemoConnector, &sample(), &mut |r| s.handle(r, T0));
}

#[test]
fn demo_connector_passes_the_contract_on_failures() {
    contract::maps_failures_to_errors(&DemoConnector, &sample());
}

#[test]
fn demo_connector_passes_the_contract_on_malformed_bodies() {
    let mut s = seeded(T0);
    contract::survives_malformed_bodies(&DemoConnector, &sample(), &mut |r| s.handle(r, T0));
}

#[test]
fn demo_statuses_normalize() {
    use crate::connector::demo::normalize_state;
    let cases = [
        ("logged", Status::New),
        ("assigned", Status::InProgress),
        ("awaiting_customer", Status::WaitingOnYou),
        ("parked", Status::OnHold),
        ("fixed", Status::Resolved),
        ("closed", Status::Closed),
        ("withdrawn", Status::Cancelled),
        ("escalated_to_mars", Status::InProgress),
    ];
    for (raw, want) in cases {
        assert_eq!(normalize_state(raw), want, "{raw}");
    }
}
