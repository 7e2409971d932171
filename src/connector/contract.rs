//! The contract every connector must pass, run against each connector's fixtures: a backend
//! function answering requests (recorded responses, or an in-process service).
//!
//! It checks that every operation (1) reads a healthy backend, (2) maps each HTTP failure to
//! the right error, and (3) survives malformed bodies with a `Malformed` error, never a panic.

use super::*;

/// A backend for the suite: answers a request, like a transport would.
pub(crate) type Backend<'a> = &'a mut dyn FnMut(&HttpRequest) -> HttpResponse;

/// An operation with its result erased, so the suite can treat all of them alike.
type Op = (&'static str, Box<dyn Fn(&dyn Connector) -> Exchange<()>>);

/// Every operation, with arguments the fixture provides.
fn operations(s: &Sample) -> Vec<Op> {
    let s = s.clone();
    let (t, a, sub) = (
        s.ticket_id.clone(),
        s.article_id.clone(),
        s.submission.clone(),
    );
    let (t2, t3, t4, t5, a2, src) = (
        t.clone(),
        t.clone(),
        t.clone(),
        t.clone(),
        a.clone(),
        s.lookup_source.clone(),
    );
    vec![
        (
            "list_categories",
            Box::new(|c| c.list_categories().map(drop)),
        ),
        ("list_items", Box::new(|c| c.list_items().map(drop))),
        (
            "get_form",
            Box::new(move |c| c.get_form(&s.item_id).map(drop)),
        ),
        ("submit", Box::new(move |c| c.submit(&sub).map(drop))),
        (
            "list_tickets",
            Box::new(|c| c.list_tickets(&PageRequest::default()).map(drop)),
        ),
        ("get_ticket", Box::new(move |c| c.get_ticket(&t).map(drop))),
        (
            "add_comment",
            Box::new(move |c| c.add_comment(&t2, "Thanks!", "k-comment").map(drop)),
        ),
        (
            "attach",
            Box::new(move |c| {
                let upload = Upload {
                    name: "a.txt".into(),
                    mime: "text/plain".into(),
                    bytes: b"hello".to_vec(),
                };
                c.attach(&t3, &upload, "k-attach").map(drop)
            }),
        ),
        (
            "transition",
            Box::new(move |c| {
                let step = if c.capabilities().cancel {
                    Transition::Cancel
                } else {
                    Transition::Close
                };
                c.transition(&t4, &step, "k-step").map(drop)
            }),
        ),
        (
            "list_articles",
            Box::new(|c| c.list_articles(&PageRequest::default()).map(drop)),
        ),
        (
            "get_article",
            Box::new(move |c| c.get_article(&a).map(drop)),
        ),
        ("vote", Box::new(move |c| c.vote(&a2, true).map(drop))),
        (
            "list_announcements",
            Box::new(|c| c.list_announcements().map(drop)),
        ),
        ("lookup", Box::new(move |c| c.lookup(&src, "a").map(drop))),
        (
            "get_ticket (other)",
            Box::new(move |c| c.get_ticket(&t5).map(drop)),
        ),
    ]
}

/// The operations the connector says it supports; the others answer without asking.
fn supported(c: &dyn Connector, ops: Vec<Op>) -> Vec<Op> {
    let caps = c.capabilities();
    ops.into_iter()
        .filter(|(name, _)| match *name {
            "vote" => caps.vote,
            "list_announcements" => caps.announcements,
            "lookup" => caps.reference_lookup,
            _ => true,
        })
        .collect()
}

/// Ids and a submission that exist in the fixture's backend.
#[derive(Clone)]
pub(crate) struct Sample {
    pub item_id: String,
    pub ticket_id: String,
    pub article_id: String,
    pub lookup_source: String,
    pub submission: Submission,
}

fn run(exchange: Exchange<()>, backend: Backend) -> Result<(), PortalError> {
    exchange.run_blocking(|request| Ok(backend(&request)))
}

/// A connector reads everything a healthy backend offers, through every page.
pub(crate) fn reads_a_healthy_backend(c: &dyn Connector, sample: &Sample, backend: Backend) {
    let categories = c
        .list_categories()
        .run_blocking(|r| Ok(backend(&r)))
        .expect("categories");
    let items = c
        .list_items()
        .run_blocking(|r| Ok(backend(&r)))
        .expect("items");
    assert!(!categories.is_empty() && !items.is_empty());
    for item in &items {
        assert!(
            categories.iter().any(|c| c.id == item.category_id),
            "{} has no category",
            item.id
        );
    }
    let form = c
        .get_form(&sample.item_id)
        .run_blocking(|r| Ok(backend(&r)))
        .expect("form");
    assert!(!form.fields.is_empty());

    let mut request = PageRequest::default();
    let mut tickets = Vec::new();
    let cursor = loop {
        let page = c
            .list_tickets(&request)
            .run_blocking(|r| Ok(backend(&r)))
            .expect("tickets page");
        tickets.extend(page.items);
        match page.next {
            Some(next) => request = next,
            None => break page.cursor,
        }
    };
    assert!(!tickets.is_empty());
    let newest = tickets.iter().map(|t| t.updated).max();
    let again = c
        .list_tickets(&PageRequest {
            since: cursor,
            page: None,
        })
        .run_blocking(|r| Ok(backend(&r)));
    // Backends that compare to the second may repeat the newest items; never older ones.
    assert!(
        again
            .expect("incremental page")
            .items
            .iter()
            .all(|t| Some(t.updated) >= newest),
        "nothing older than the cursor comes again"
    );
    for t in &tickets {
        let full = c
            .get_ticket(&t.id)
            .run_blocking(|r| Ok(backend(&r)))
            .expect("ticket");
        assert_eq!(full.id, t.id);
        assert!(
            full.timeline.windows(2).all(|w| w[0].at <= w[1].at),
            "{}: timeline out of order",
            t.id
        );
    }
    let articles = c
        .list_articles(&PageRequest::default())
        .run_blocking(|r| Ok(backend(&r)))
        .expect("articles");
    assert!(!articles.items.is_empty());
    c.get_article(&sample.article_id)
        .run_blocking(|r| Ok(backend(&r)))
        .expect("article");
}

/// Each HTTP failure becomes the error the UI knows how to explain.
pub(crate) fn maps_failures_to_errors(c: &dyn Connector, sample: &Sample) {
    let cases = [
        (HttpResponse::new(401, ""), PortalError::NotSignedIn),
        (
            HttpResponse::new(403, "<html>Forbidden</html>"),
            PortalError::Forbidden,
        ),
        (HttpResponse::new(404, ""), PortalError::NotFound),
        (
            HttpResponse::new(429, "").with_header("Retry-After", "12"),
            PortalError::RateLimited {
                retry_after: Some(12),
            },
        ),
        (
            HttpResponse::new(500, "oops"),
            PortalError::Server { status: 500 },
        ),
        (
            HttpResponse::new(502, ""),
            PortalError::Server { status: 502 },
        ),
    ];
    for (name, op) in supported(c, operations(sample)) {
        for (response, want) in &cases {
            let got = run(op(c), &mut |_| response.clone());
            assert_eq!(
                got.as_ref().err(),
                Some(want),
                "{name} on HTTP {}",
                response.status
            );
        }
        let conflict = run(op(c), &mut |_| HttpResponse::new(409, ""));
        assert!(
            matches!(conflict, Err(PortalError::Conflict(_))),
            "{name} on 409: {conflict:?}"
        );
        let rejected = run(op(c), &mut |_| HttpResponse::new(400, ""));
        assert!(
            matches!(rejected, Err(PortalError::Rejected(_))),
            "{name} on 400: {rejected:?}"
        );
    }
}

/// Whatever the body, a 2xx never panics, and a body of the wrong shape is `Malformed`.
pub(crate) fn survives_malformed_bodies(c: &dyn Connector, sample: &Sample, backend: Backend) {
    let bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        b"\"text\"".to_vec(),
        b"{\"results\": 5, \"page\": \"x\"}".to_vec(),
        b"<html><body>Login</body></html>".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x80],
        "{\"error\": \"\u{202e}evil\"}".as_bytes().to_vec(),
    ];
    for (name, op) in supported(c, operations(sample)) {
        // A real response cut short at several points, as a dropped connection leaves it.
        let mut real: Option<HttpResponse> = None;
        let _ = run(op(c), &mut |r| {
            let response = backend(r);
            real.get_or_insert_with(|| response.clone());
            response
        });
        let mut cases = bodies.clone();
        if let Some(real) = real.filter(|r| r.body.len() > 2) {
            for cut in [1, real.body.len() / 2, real.body.len() - 1] {
                cases.push(real.body[..cut].to_vec());
            }
        }
        for body in cases {
            let response = HttpResponse {
                status: 200,
                headers: Vec::new(),
                body: body.clone(),
            };
            let result = run(op(c), &mut |_| response.clone());
            // A login page in place of data is how some backends say the session ended.
            let markup = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
            if let Err(e) = &result {
                assert!(
                    matches!(e, PortalError::Malformed { path, .. } if !path.is_empty())
                        || (markup && *e == PortalError::NotSignedIn),
                    "{name}: {e:?} for {:?}",
                    String::from_utf8_lossy(&body)
                );
            }
        }
    }
}
