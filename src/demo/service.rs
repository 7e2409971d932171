//! The demo service's HTTP surface: a request in, a response out, time passed in.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

use super::lifecycle::{
    allowed, plan_for_new, DemoTicket, Desk, Planned, Step, RESOLVE_AFTER_REPLY,
};
use super::localize::{self, Translations};
use super::wire::*;
use crate::connector::{HttpRequest, HttpResponse, Method, Reference};
use crate::forms::{answers_text, Form, Values};
use crate::i18n::Lang;
use crate::routes::decode_segment;

/// How many earlier responses are kept for replaying retried writes.
const REPLAY_MEMORY: usize = 2_000;
/// The largest attachment the demo accepts.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// The whole demo desk; serializable so the browser can keep it in IndexedDB.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DemoService {
    pub(super) user: WireUser,
    pub(super) agents: Vec<String>,
    pub(super) catalog: WireCatalog,
    pub(super) tickets: Vec<DemoTicket>,
    pub(super) articles: Vec<WireArticle>,
    pub(super) notices: Vec<WireNotice>,
    pub(super) lookups: Vec<(String, Vec<Reference>)>,
    /// The catalog, forms and announcements in other languages; a desk kept on a device
    /// before they existed has none, and answers as written.
    #[serde(default)]
    pub(super) translations: Translations,
    pub(super) next_number: u32,
    pub(super) next_event: u64,
    /// Idempotency key -> the response first given, so a retried write gets the same answer.
    pub(super) replays: Vec<(String, u16, String)>,
    /// Whether anything changed since the last [`DemoService::take_changed`].
    #[serde(skip)]
    pub(super) changed: bool,
}

fn error(status: u16, message: &str) -> HttpResponse {
    HttpResponse::json(status, &json!({ "error": message }))
}

fn ok<T: Serialize>(status: u16, value: &T) -> HttpResponse {
    match serde_json::to_value(value) {
        Ok(v) => HttpResponse::json(status, &v),
        Err(_) => error(500, "could not encode the response"),
    }
}

/// A tickets answer with the state names in `lang`.
fn localized_states(response: HttpResponse, lang: &str) -> HttpResponse {
    match serde_json::from_slice::<Json>(&response.body) {
        Ok(mut body) => {
            localize::ticket_states(&mut body, lang);
            HttpResponse::json(response.status, &body)
        }
        Err(_) => response,
    }
}

impl DemoService {
    /// Answers one request at time `now`.
    pub fn handle(&mut self, request: &HttpRequest, now: i64) -> HttpResponse {
        self.advance(now);
        let (path, query) = request.path_and_query();
        let Some(rest) = path.strip_prefix(crate::connector::demo::BASE) else {
            return error(404, "no such endpoint");
        };
        let segments: Vec<String> = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode_segment)
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let param = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let key = request.header("Idempotency-Key").map(str::to_owned);
        if let Some(replay) = key.as_deref().and_then(|k| self.replay(k)) {
            return replay;
        }
        let body: Json = match &request.body {
            Some(bytes) => match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => return error(400, &format!("the body is not JSON: {e}")),
            },
            None => Json::Null,
        };
        let lang = localize::requested_language(request.header("Accept-Language"));
        let translated = lang.as_deref().and_then(|l| self.translations.get(l));
        let response = match (request.method, segments.as_slice()) {
            (Method::Get, ["catalog"]) => match translated {
                Some(t) => ok(200, &localize::catalog(&self.catalog, t)),
                None => ok(200, &self.catalog),
            },
            (Method::Get, ["offerings", key, "form"]) => {
                match self.catalog.offerings.iter().find(|o| o.key == *key) {
                    Some(o) => match translated {
                        Some(t) => ok(
                            200,
                            &localize::form(&o.form, &t["offerings"][*key]["fields"]),
                        ),
                        None => ok(200, &o.form),
                    },
                    None => error(404, "no such offering"),
                }
            }
            (Method::Post, ["tickets"]) => self.submit(&body, key.as_deref(), now),
            (Method::Get, ["tickets"]) => {
                self.list_tickets(param("changed_since"), param("page"), param("per_page"))
            }
            (Method::Get, ["tickets", id]) => match self.ticket(id) {
                Some(t) => ok(200, &self.with_actions(t, now)),
                None => error(404, "no such ticket"),
            },
            (Method::Post, ["tickets", id, "notes"]) => self.note(id, &body, now),
            (Method::Post, ["tickets", id, "files"]) => self.file(id, &body, now),
            (Method::Post, ["tickets", id, "actions"]) => self.action(id, &body, now),
            (Method::Get, ["articles"]) => {
                self.list_articles(param("changed_since"), param("page"), param("per_page"))
            }
            (Method::Get, ["articles", slug]) => {
                match self.articles.iter().find(|a| a.slug == *slug) {
                    Some(a) => ok(200, a),
                    None => error(404, "no such article"),
                }
            }
            (Method::Post, ["articles", slug, "feedback"]) => self.feedback(slug, &body),
            (Method::Get, ["notices"]) => match translated {
                Some(t) => ok(200, &localize::notices(&self.notices, t)),
                None => ok(200, &self.notices),
            },
            (Method::Get, ["lookup", source]) => self.lookup(source, param("q").unwrap_or("")),
            _ => error(404, "no such endpoint"),
        };
        let response = match (lang.as_deref(), segments.first()) {
            (Some(l), Some(&"tickets")) if response.is_success() => localized_states(response, l),
            _ => response,
        };
        if request.method != Method::Get && response.is_success() {
            self.changed = true;
        }
        if let Some(k) = key.filter(|_| response.is_success()) {
            self.remember(k, &response);
        }
        response
    }

    fn replay(&self, key: &str) -> Option<HttpResponse> {
        let (_, status, body) = self.replays.iter().find(|(k, _, _)| k == key)?;
        let body: Json = serde_json::from_str(body).ok()?;
        Some(HttpResponse::json(*status, &body))
    }

    fn remember(&mut self, key: String, response: &HttpResponse) {
        if self.replays.len() >= REPLAY_MEMORY {
            self.replays.remove(0);
        }
        let body = String::from_utf8_lossy(&response.body).into_owned();
        self.replays.push((key, response.status, body));
    }

    /// Lets the desk catch up with the clock.
    pub fn advance(&mut self, now: i64) {
        let mut desk = Desk {
            next_id: &mut self.next_event,
            agents: &self.agents,
        };
        for t in &mut self.tickets {
            self.changed |= desk.advance(t, now);
        }
    }

    /// Whether the desk changed since the last call (so the shell knows when to save it).
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    fn ticket(&self, id: &str) -> Option<&DemoTicket> {
        self.tickets
            .iter()
            .find(|t| t.wire.reference == id && t.wire.customer == self.user)
    }

    fn with_actions(&self, t: &DemoTicket, now: i64) -> WireTicket {
        WireTicket {
            can: allowed(t, now),
            ..t.wire.clone()
        }
    }

    fn submit(&mut self, body: &Json, key: Option<&str>, now: i64) -> HttpResponse {
        let (Some(offering), Some(subject)) = (body["offering"].as_str(), body["subject"].as_str())
        else {
            return error(400, "offering and subject are required");
        };
        let subject = subject.trim();
        if subject.is_empty() || subject.chars().count() > 200 {
            return error(400, "the subject must be 1 to 200 characters");
        }
        if key.is_none() {
            return error(400, "an Idempotency-Key header is required");
        }
        let Some(item) = self.catalog.offerings.iter().find(|o| o.key == offering) else {
            return error(400, "no such offering");
        };
        let answers: Values = match serde_json::from_value(body["answers"].clone()) {
            Ok(v) => v,
            Err(_) => return error(400, "answers must be an object of values"),
        };
        let files = match submitted_files(&body["files"]) {
            Ok(files) => files,
            Err(response) => return response,
        };
        let (form, _) = Form::new(item.form.clone());
        if let Some((field, problem)) = form.validate(&answers).into_iter().next() {
            return error(400, &format!("{field}: {problem:?}"));
        }
        self.next_number += 1;
        let number = self.next_number;
        // The answers as the person read them; a client that sends none gets its form's labels.
        let answered = match body["answers_text"].as_str().map(str::trim) {
            Some(text) if !text.is_empty() => text.to_owned(),
            _ => answers_text(
                Lang::En,
                &item.form,
                &form.submission(&answers),
                &Default::default(),
            ),
        };
        let description = body["description"].as_str().unwrap_or("").trim();
        let details = [description, answered.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let ticket = DemoTicket {
            wire: WireTicket {
                reference: format!("t{number}"),
                number: format!("REQ-{number}"),
                // The offering decides: reporting a problem files an incident.
                kind: item.kind.clone().unwrap_or_else(|| "request".to_owned()),
                subject: subject.to_owned(),
                body: details,
                state: "logged".into(),
                state_label: super::lifecycle::state_label("logged").into(),
                urgency: Some(2),
                opened: now,
                touched: now,
                customer: self.user.clone(),
                owner: None,
                target: item.lead_time_hours.map(|h| now + i64::from(h) * 3600),
                offering: Some(item.key.clone()),
                events: Vec::new(),
                can: Vec::new(),
            },
            plan: plan_for_new(number, now),
            closed_at: None,
            rated: false,
        };
        let mut ticket = ticket;
        let mut desk = Desk {
            next_id: &mut self.next_event,
            agents: &self.agents,
        };
        for (name, mime, size, data) in files {
            desk.customer_event(&mut ticket, "file", now, |e| {
                e.href = Some(format!("data:{mime};base64,{data}"));
                e.filename = Some(name);
                e.mime = Some(mime);
                e.bytes = Some(size as u64);
            });
        }
        let response = ok(201, &self.with_actions(&ticket, now));
        self.tickets.push(ticket);
        response
    }

    fn page_of<T: Serialize + Clone>(
        items: Vec<T>,
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> HttpResponse {
        let per_page = per_page
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(50)
            .clamp(1, 100);
        let page = page
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let pages = items.len().div_ceil(per_page).max(1);
        let results: Vec<T> = items
            .into_iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .collect();
        ok(
            200,
            &WirePage {
                results,
                page: page as u32,
                pages: pages as u32,
            },
        )
    }

    /// What changed after `since` (a timestamp), oldest change first, one page of it: the order
    /// an incremental pull needs, with ties broken by id so paging is stable.
    fn changes<T: Serialize + Clone>(
        mut items: Vec<T>,
        stamp: impl Fn(&T) -> i64,
        id: impl Fn(&T) -> &str,
        since: Option<&str>,
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> HttpResponse {
        let since = since.and_then(|s| s.parse::<i64>().ok());
        items.retain(|item| since.is_none_or(|s| stamp(item) > s));
        items.sort_by(|a, b| stamp(a).cmp(&stamp(b)).then_with(|| id(a).cmp(id(b))));
        Self::page_of(items, page, per_page)
    }

    fn list_tickets(
        &self,
        since: Option<&str>,
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> HttpResponse {
        let mine: Vec<WireTicket> = self
            .tickets
            .iter()
            .filter(|t| t.wire.customer == self.user)
            .map(|t| WireTicket {
                events: Vec::new(),
                can: Vec::new(),
                ..t.wire.clone()
            })
            .collect();
        Self::changes(mine, |t| t.touched, |t| &t.reference, since, page, per_page)
    }

    fn list_articles(
        &self,
        since: Option<&str>,
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> HttpResponse {
        Self::changes(
            self.articles.clone(),
            |a| a.revised,
            |a| &a.slug,
            since,
            page,
            per_page,
        )
    }

    /// Runs `change` on one of the user's tickets, if its state allows `action`; otherwise the
    /// refusal (404 for someone else's or no ticket, 409 with `refused`'s reason).
    fn change_ticket(
        &mut self,
        id: &str,
        now: i64,
        action: &str,
        refused: impl FnOnce(&DemoTicket) -> String,
        change: impl FnOnce(&mut Desk, &mut DemoTicket) -> HttpResponse,
    ) -> HttpResponse {
        let user = &self.user;
        let Some(t) = self
            .tickets
            .iter_mut()
            .find(|t| t.wire.reference == id && t.wire.customer == *user)
        else {
            return error(404, "no such ticket");
        };
        if !allowed(t, now).iter().any(|c| c == action) {
            return error(409, &refused(t));
        }
        let mut desk = Desk {
            next_id: &mut self.next_event,
            agents: &self.agents,
        };
        change(&mut desk, t)
    }

    fn note(&mut self, id: &str, body: &Json, now: i64) -> HttpResponse {
        let Some(text) = body["text"]
            .as_str()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return error(400, "the note is empty");
        };
        let text = text.to_owned();
        let refused = |_: &DemoTicket| "this ticket no longer takes replies".to_owned();
        self.change_ticket(id, now, "reply", refused, |desk, t| {
            let event = desk.customer_event(t, "note", now, |e| e.text = Some(text));
            // A reply answers the desk's question, or reopens a fixed ticket.
            if matches!(t.wire.state.as_str(), "awaiting_customer" | "fixed") {
                desk.set_state(t, "assigned", now);
                t.plan.retain(|p| p.step != Step::AutoClose);
                t.plan.push(Planned {
                    at: now + RESOLVE_AFTER_REPLY,
                    step: Step::Resolve,
                });
            }
            ok(201, &event)
        })
    }

    fn file(&mut self, id: &str, body: &Json, now: i64) -> HttpResponse {
        let (name, mime, size, data) = match uploaded_file(body) {
            Ok(file) => file,
            Err(response) => return response,
        };
        let href = format!("data:{mime};base64,{data}");
        let refused = |_: &DemoTicket| "this ticket no longer takes files".to_owned();
        self.change_ticket(id, now, "attach", refused, |desk, t| {
            let event = desk.customer_event(t, "file", now, |e| {
                e.filename = Some(name);
                e.mime = Some(mime);
                e.bytes = Some(size as u64);
                e.href = Some(href);
            });
            ok(201, &event)
        })
    }

    fn action(&mut self, id: &str, body: &Json, now: i64) -> HttpResponse {
        let action = body["action"].as_str().unwrap_or_default().to_owned();
        let text = body["text"].as_str().unwrap_or_default().to_owned();
        let score = body["score"].as_u64();
        let refused = |t: &DemoTicket| {
            format!(
                "cannot {action} a ticket that is {}",
                t.wire.state_label.to_lowercase()
            )
        };
        let response = self.change_ticket(id, now, &action, refused, |desk, t| {
            match action.as_str() {
                "withdraw" => desk.set_state(t, "withdrawn", now),
                "close" | "confirm" => desk.set_state(t, "closed", now),
                "reopen" => {
                    if !text.trim().is_empty() {
                        desk.customer_event(t, "note", now, |e| e.text = Some(text.clone()));
                    }
                    desk.set_state(t, "assigned", now);
                    t.plan.retain(|p| p.step != Step::AutoClose);
                    t.plan.push(Planned {
                        at: now + RESOLVE_AFTER_REPLY * 2,
                        step: Step::Resolve,
                    });
                }
                "rate" => {
                    let Some(score) = score.filter(|s| (1..=5).contains(s)) else {
                        return error(400, "score must be 1 to 5");
                    };
                    desk.customer_event(t, "rating", now, |e| {
                        e.score = Some(score as u8);
                        e.text = Some(text.clone());
                    });
                    t.rated = true;
                }
                _ => return error(400, "unknown action"),
            }
            HttpResponse::new(200, Vec::new())
        });
        if !response.is_success() {
            return response;
        }
        match self.ticket(id) {
            Some(t) => ok(200, &self.with_actions(t, now)),
            None => error(404, "no such ticket"),
        }
    }

    fn feedback(&mut self, slug: &str, body: &Json) -> HttpResponse {
        let Some(helpful) = body["helpful"].as_bool() else {
            return error(400, "helpful must be true or false");
        };
        let Some(article) = self.articles.iter_mut().find(|a| a.slug == slug) else {
            return error(404, "no such article");
        };
        if helpful {
            article.thumbs_up += 1;
        } else {
            article.thumbs_down += 1;
        }
        HttpResponse::new(204, Vec::new())
    }

    fn lookup(&self, source: &str, q: &str) -> HttpResponse {
        let Some((_, entries)) = self.lookups.iter().find(|(s, _)| s == source) else {
            return error(404, "no such lookup source");
        };
        let q = q.trim().to_lowercase();
        let hits: Vec<&Reference> = entries
            .iter()
            .filter(|r| r.label.to_lowercase().contains(&q))
            .take(10)
            .collect();
        ok(200, &hits)
    }
}

/// A file in a request body: `{filename, mime, data_base64}`, as name, type, size and data.
fn uploaded_file(body: &Json) -> Result<(String, String, usize, String), HttpResponse> {
    let (Some(name), Some(data)) = (body["filename"].as_str(), body["data_base64"].as_str()) else {
        return Err(error(400, "filename and data_base64 are required"));
    };
    // Decoded size: three bytes per four characters, less the padding.
    let size =
        (data.len() / 4 * 3).saturating_sub(data.bytes().rev().take_while(|b| *b == b'=').count());
    if size > MAX_UPLOAD_BYTES {
        return Err(error(413, "the file is larger than 5 MB"));
    }
    let mime = body["mime"].as_str().unwrap_or("application/octet-stream");
    Ok((name.to_owned(), mime.to_owned(), size, data.to_owned()))
}

/// The files sent with a new request: none, or a list of [`uploaded_file`]s.
fn submitted_files(files: &Json) -> Result<Vec<(String, String, usize, String)>, HttpResponse> {
    match files {
        Json::Null => Ok(Vec::new()),
        Json::Array(list) => list.iter().map(uploaded_file).collect(),
        _ => Err(error(400, "files must be a list")),
    }
}
