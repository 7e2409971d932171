//! The backend's answers to reads, kept on the device so pages open offline (catalog, forms,
//! articles, announcements): which answers are kept, and how they are stored. Only successful
//! JSON answers to GETs, of a bounded size, and only their body and content type: never a
//! header that could carry a credential.

use serde::{Deserialize, Serialize};

use crate::connector::{HttpRequest, HttpResponse, Method};
use crate::model::Timestamp;

/// The largest answer kept: a catalog of 5,000 items with their forms is about 10 MB of JSON;
/// anything much bigger is an export, not a page.
pub const MAX_KEPT: usize = 32 << 20;

/// An answer as kept.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Kept {
    at: Timestamp,
    status: u16,
    content_type: String,
    body: String,
}

/// The key an answer is kept under: the request's address (the database is the user's own),
/// and the language it was asked in, if any, so a reader who switches language offline is not
/// answered in the other one.
pub fn key(request: &HttpRequest) -> Option<String> {
    (request.method == Method::Get).then(|| match request.header("Accept-Language") {
        Some(lang) => format!("GET {} [{lang}]", request.url),
        None => format!("GET {}", request.url),
    })
}

/// The answer to keep for `request`, as text, if it is worth keeping.
pub fn keep(request: &HttpRequest, response: &HttpResponse, at: Timestamp) -> Option<String> {
    key(request)?;
    let content_type = response.header("content-type")?;
    let keepable = (200..300).contains(&response.status)
        && content_type.to_ascii_lowercase().contains("json")
        && response.body.len() <= MAX_KEPT;
    if !keepable {
        return None;
    }
    let body = String::from_utf8(response.body.clone()).ok()?;
    serde_json::to_string(&Kept {
        at,
        status: response.status,
        content_type: content_type.to_owned(),
        body,
    })
    .ok()
}

/// A kept answer, with when it was received; `None` for anything unreadable.
pub fn restore(text: &str) -> Option<(HttpResponse, Timestamp)> {
    let kept: Kept = serde_json::from_str(text).ok()?;
    let mut response = HttpResponse::new(kept.status, kept.body.into_bytes());
    response.headers = vec![("content-type".into(), kept.content_type)];
    Some((response, kept.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(status: u16, body: &str) -> HttpResponse {
        let mut r = HttpResponse::new(status, body.as_bytes().to_vec());
        r.headers = vec![
            (
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            ),
            ("Set-Cookie".into(), "session=secret".into()),
        ];
        r
    }

    #[test]
    fn answers_in_two_languages_are_kept_apart() {
        let mut fr = HttpRequest::get("/api/catalog");
        fr.headers.push(("Accept-Language".into(), "fr".into()));
        let plain = HttpRequest::get("/api/catalog");
        assert_eq!(key(&plain).as_deref(), Some("GET /api/catalog"));
        assert_eq!(key(&fr).as_deref(), Some("GET /api/catalog [fr]"));
    }

    #[test]
    fn a_successful_json_read_round_trips_without_its_other_headers() {
        let request = HttpRequest::get("/api/items");
        let text = keep(&request, &json(200, r#"{"items":[]}"#), 42).expect("kept");
        assert!(!text.contains("secret"));
        let (response, at) = restore(&text).expect("restored");
        assert_eq!(at, 42);
        assert_eq!(response.status, 200);
        assert_eq!(response.body, br#"{"items":[]}"#.to_vec());
        assert!(response
            .header("content-type")
            .is_some_and(|c| c.contains("json")));
    }

    #[test]
    fn failures_writes_non_json_and_huge_answers_are_not_kept() {
        let get = HttpRequest::get("/api/items");
        assert_eq!(keep(&get, &json(503, "{}"), 1), None);
        assert_eq!(keep(&get, &json(404, "{}"), 1), None);
        let mut html = json(200, "<p>");
        html.headers = vec![("content-type".into(), "text/html".into())];
        assert_eq!(keep(&get, &html, 1), None);
        assert_eq!(keep(&get, &HttpResponse::new(200, b"{}".to_vec()), 1), None);
        let huge = json(200, &"x".repeat(MAX_KEPT + 1));
        assert_eq!(keep(&get, &huge, 1), None);
        let mut post = HttpRequest::get("/api/tickets");
        post.method = Method::Post;
        assert_eq!(keep(&post, &json(200, "{}"), 1), None);
    }

    #[test]
    fn damaged_entries_restore_as_nothing() {
        for text in ["", "{", "null", r#"{"at":1}"#] {
            assert_eq!(restore(text), None, "{text}");
        }
    }
}
