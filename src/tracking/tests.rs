use super::*;
use crate::connector::PortalError;
use crate::model::{
    order_timeline, AuthorRole, Person, Status, Ticket, TicketKind, TimelineEntry, TimelineEvent,
};

fn ticket(id: &str, status: Status, kind: TicketKind, created: i64, updated: i64) -> Ticket {
    Ticket {
        id: id.into(),
        number: format!("REQ-{id}"),
        kind,
        title: format!("Ticket {id}"),
        description: String::new(),
        status,
        raw_status: format!("{status:?}"),
        priority: None,
        created,
        updated,
        requester: Person {
            id: "ana".into(),
            name: "Ana".into(),
        },
        assignee: None,
        due: None,
        item_id: None,
        timeline: Vec::new(),
        actions: Vec::new(),
    }
}

fn desk() -> Vec<Ticket> {
    use Status::*;
    use TicketKind::*;
    let mut printer = ticket("1", InProgress, Incident, 100, 400);
    printer.title = "Imprimante du 3e étage bloquée".into();
    let mut laptop = ticket("2", WaitingOnYou, Request, 200, 300);
    laptop.due = Some(1_000);
    let mut vpn = ticket("3", New, Incident, 350, 350);
    vpn.due = Some(500);
    vpn.assignee = Some("Noor Haddad".into());
    let mut closed = ticket("4", Closed, Request, 50, 600);
    closed.due = Some(10);
    vec![
        printer,
        laptop,
        vpn,
        closed,
        ticket("5", Resolved, Question, 60, 90),
    ]
}

fn ids(list: Vec<&Ticket>) -> Vec<&str> {
    list.into_iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn filters_sort_and_search_the_list() {
    let tickets = desk();
    let seen = Seen::default();
    let query = |show, kind, sort, text: &str| ListQuery {
        show,
        kind,
        sort,
        text: text.into(),
    };
    let all = query(Show::All, None, SortBy::Updated, "");
    assert_eq!(
        ids(select(&tickets, &all, &seen)),
        ["4", "1", "3", "2", "5"]
    );
    let open = query(Show::Open, None, SortBy::Created, "");
    assert_eq!(ids(select(&tickets, &open, &seen)), ["3", "2", "1"]);
    let waiting = query(Show::WaitingOnMe, None, SortBy::Updated, "");
    assert_eq!(ids(select(&tickets, &waiting, &seen)), ["2"]);
    let closed = query(Show::Closed, None, SortBy::Updated, "");
    assert_eq!(ids(select(&tickets, &closed, &seen)), ["4", "5"]);
    // Nearest target first; a finished ticket's target no longer counts.
    let due = query(Show::All, None, SortBy::Due, "");
    assert_eq!(
        ids(select(&tickets, &due, &seen)),
        ["3", "2", "4", "1", "5"]
    );
    // The one waiting on the user first, then by lifecycle.
    let status = query(Show::All, None, SortBy::Status, "");
    assert_eq!(
        ids(select(&tickets, &status, &seen)),
        ["2", "3", "1", "5", "4"]
    );
    let incidents = query(Show::All, Some(TicketKind::Incident), SortBy::Updated, "");
    assert_eq!(ids(select(&tickets, &incidents, &seen)), ["1", "3"]);
    // Accents, case, a typo and the assignee's name are all forgiven or found.
    for text in ["imprimante", "IMPRIMANTE etage", "imprimnte"] {
        let q = query(Show::All, None, SortBy::Updated, text);
        assert_eq!(ids(select(&tickets, &q, &seen)), ["1"], "{text}");
    }
    let by_agent = query(Show::All, None, SortBy::Updated, "noor");
    assert_eq!(ids(select(&tickets, &by_agent, &seen)), ["3"]);
    let by_number = query(Show::All, None, SortBy::Updated, "REQ-4");
    assert_eq!(ids(select(&tickets, &by_number, &seen)), ["4"]);
    let nothing = query(Show::All, None, SortBy::Updated, "toaster");
    assert!(select(&tickets, &nothing, &seen).is_empty());
}

#[test]
fn counts_follow_the_other_filters() {
    let tickets = desk();
    let all = ListQuery::default();
    let c = counts(&tickets, &all);
    assert_eq!((c.all, c.open, c.waiting, c.closed), (5, 3, 1, 2));
    for show in Show::ALL {
        let q = ListQuery {
            show,
            ..ListQuery::default()
        };
        assert_eq!(
            select(&tickets, &q, &Seen::default()).len(),
            c.of(show),
            "{show:?}"
        );
    }
    let incidents = ListQuery {
        kind: Some(TicketKind::Incident),
        show: Show::Closed,
        ..ListQuery::default()
    };
    let c = counts(&tickets, &incidents);
    assert_eq!((c.all, c.open, c.waiting, c.closed), (2, 2, 0, 0));
}

#[test]
fn codes_round_trip() {
    for show in Show::ALL {
        assert_eq!(Show::from_code(show.code()), Some(show));
    }
    for sort in SortBy::ALL {
        assert_eq!(SortBy::from_code(sort.code()), Some(sort));
    }
    for kind in TicketKind::ALL {
        assert_eq!(TicketKind::from_code(kind.code()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
    }
    assert_eq!(Show::from_code("everything"), None);
    assert_eq!(SortBy::from_code(""), None);
}

#[test]
fn news_is_what_happened_since_the_user_last_looked() {
    let mut tickets = desk();
    let mut seen = Seen::default();
    // Before the portal keeps track, nothing is news.
    assert!(tickets.iter().all(|t| !seen.has_news(t)));
    seen.start(320);
    seen.start(999); // starting twice keeps the first time
    assert_eq!(seen.since, Some(320));
    // Updated after tracking began: "1" (400) and "4" (600); "3" was opened at 350 and not
    // touched since, so it is the user's own new request, not news.
    let news: Vec<&str> = tickets
        .iter()
        .filter(|t| seen.has_news(t))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(news, ["1", "4"]);
    assert!(seen.look(&tickets[0]));
    assert!(!seen.look(&tickets[0]));
    assert!(!seen.has_news(&tickets[0]));
    tickets[0].updated = 700;
    assert!(seen.has_news(&tickets[0]));
    // Attention: waiting on the user ("2"), or news.
    let attention: Vec<&str> = tickets
        .iter()
        .filter(|t| needs_attention(t, &seen))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(attention, ["1", "2", "4"]);
    seen.look(&tickets[4]);
    seen.keep_only(&tickets[..2]);
    assert_eq!(seen.tickets.keys().collect::<Vec<_>>(), ["1"]);
    let stored: Seen = serde_json::from_str(&serde_json::to_string(&seen).unwrap()).unwrap();
    assert_eq!(stored, seen);
    assert_eq!(serde_json::from_str::<Seen>("{}").unwrap(), Seen::default());
}

fn comment(id: &str, at: i64, role: AuthorRole, body: &str) -> TimelineEntry {
    TimelineEntry {
        id: id.into(),
        at,
        event: TimelineEvent::Comment {
            author: Person {
                id: "x".into(),
                name: "Noor".into(),
            },
            role,
            body: body.into(),
        },
    }
}

#[test]
fn a_refresh_reports_status_changes_and_new_activity_only() {
    let before = desk();
    let mut after = desk();
    after[1].status = Status::InProgress; // "2" answered
    after[1].updated = 800;
    after[0].updated = 900; // "1" got a reply
    after.push(ticket("9", Status::New, TicketKind::Request, 950, 950));
    let moved = compare(&before, &after);
    assert_eq!(moved.len(), 2);
    assert_eq!(
        moved[0],
        Moved {
            id: "1".into(),
            number: "REQ-1".into(),
            title: "Imprimante du 3e étage bloquée".into(),
            new_status: None,
            since: 400,
        }
    );
    assert_eq!(moved[1].new_status, Some(Status::InProgress));
    assert_eq!(moved[1].since, 300);
    assert!(compare(&after, &after).is_empty());

    let mut detail = after[0].clone();
    detail.timeline = vec![
        comment("a", 390, AuthorRole::Agent, "old"),
        comment("b", 850, AuthorRole::Requester, "mine"),
        comment("c", 900, AuthorRole::Agent, "new"),
    ];
    let replies = replies_since(&detail, 400);
    assert_eq!(
        replies.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["c"]
    );
}

#[test]
fn the_timeline_is_in_time_order_and_ties_keep_the_backends_order() {
    let mut entries = vec![
        comment("e10", 50, AuthorRole::Agent, "second at 50"),
        comment("e7", 20, AuthorRole::Requester, "first"),
        comment("e9", 50, AuthorRole::Agent, "third at 50"),
        comment("e11", 30, AuthorRole::System, "at 30"),
    ];
    order_timeline(&mut entries);
    let order: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(order, ["e7", "e11", "e10", "e9"]);
}

#[test]
fn refreshes_back_off_with_jitter_and_honour_retry_after() {
    let mut s = Schedule::new(30);
    assert_eq!(s.succeeded(1_000), 1_030);
    let offline = PortalError::Offline;
    // 60 s after one failure, jittered between 30 and 60.
    assert_eq!(s.failed(1_000, &offline, 0.0), Some(1_030));
    let mut s2 = Schedule::new(30);
    assert_eq!(s2.failed(1_000, &offline, 0.999), Some(1_059));
    // Doubling, then capped at 15 minutes.
    assert_eq!(s.failed(1_000, &offline, 0.0), Some(1_060));
    for _ in 0..30 {
        s.failed(1_000, &offline, 0.0);
    }
    assert_eq!(
        s.failed(1_000, &offline, 0.999),
        Some(1_000 + schedule::MAX_BACKOFF - 1)
    );
    assert_eq!(s.failures(), 33);
    // A Retry-After longer than the backoff wins; a shorter one does not shorten it.
    let mut s = Schedule::new(30);
    let busy = PortalError::RateLimited {
        retry_after: Some(600),
    };
    assert_eq!(s.failed(1_000, &busy, 0.0), Some(1_600));
    let brief = PortalError::RateLimited {
        retry_after: Some(1),
    };
    assert_eq!(s.failed(1_000, &brief, 0.0), Some(1_060));
    // Success resets the backoff.
    assert_eq!(s.succeeded(2_000), 2_030);
    assert_eq!(s.failures(), 0);
    // Retrying cannot cure a refusal or an ended session.
    assert_eq!(s.failed(1_000, &PortalError::NotSignedIn, 0.5), None);
    assert_eq!(
        s.failed(1_000, &PortalError::Rejected("no".into()), 0.5),
        None
    );
}
