//! The connector for the embedded demo service (`crate::demo`), built like any other: it
//! speaks the demo's dialect and maps it into Portico's model.

use serde::de::DeserializeOwned;
use serde_json::json;

mod mapping;

use mapping::{article, kind, timeline_entry};
pub use mapping::{normalize_state, ticket};

use super::json::decode;
use super::*;
use crate::demo::wire::*;
use crate::model::Severity;

/// Where the demo service answers; the shell's demo transport intercepts this prefix.
pub const BASE: &str = "/demo-api/v1";

/// The demo connector. It holds no state: every operation is built from its arguments.
#[derive(Clone, Copy, Debug, Default)]
pub struct DemoConnector;

/// Reads a successful JSON response, or turns an unsuccessful one into the matching error
/// with the service's own message.
fn read<T: DeserializeOwned>(response: HttpResponse) -> Result<T, PortalError> {
    let message = decode::<WireError>(&response).ok().map(|e| e.error);
    match PortalError::from_status(&response, message) {
        Some(error) => Err(error),
        None => decode(&response),
    }
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

fn id_url(prefix: &str, id: &str, suffix: &str) -> String {
    url(&format!(
        "{prefix}/{}{suffix}",
        crate::routes::encode_segment(id)
    ))
}

/// The event a write created, which the requester must be able to see.
fn read_visible_event(response: HttpResponse) -> Result<TimelineEntry, PortalError> {
    timeline_entry(read(response)?).ok_or_else(|| PortalError::Malformed {
        path: "what".into(),
        detail: "not a visible event".into(),
    })
}

fn page_request(page: &PageRequest, path: &str) -> HttpRequest {
    let mut pairs = vec![("per_page", "100")];
    if let Some(since) = &page.since {
        pairs.push(("changed_since", since));
    }
    if let Some(p) = &page.page {
        pairs.push(("page", p));
    }
    HttpRequest::get(with_query(&url(path), &pairs))
}

/// Pages of a listing; the cursor is the newest change seen, for the next incremental pull.
fn page_of<W, T>(
    request: &PageRequest,
    wire: WirePage<W>,
    stamp: impl Fn(&W) -> i64,
    map: impl Fn(W) -> T,
) -> Page<T> {
    let newest = wire.results.iter().map(&stamp).max();
    let next = (wire.page < wire.pages).then(|| PageRequest {
        since: request.since.clone(),
        page: Some((wire.page + 1).to_string()),
    });
    let previous = request.since.as_deref().and_then(|s| s.parse::<i64>().ok());
    let cursor = newest.max(previous).map(timestamp_cursor);
    Page {
        items: wire.results.into_iter().map(map).collect(),
        next,
        cursor,
    }
}

impl Connector for DemoConnector {
    fn id(&self) -> String {
        "demo".to_owned()
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            comment: true,
            attach: true,
            close: true,
            cancel: true,
            reopen: true,
            confirm_resolution: true,
            rate: true,
            knowledge: true,
            vote: true,
            announcements: true,
            reference_lookup: true,
            closes_after_resolution: true,
        }
    }

    fn speaks_requested_language(&self) -> bool {
        true
    }

    fn list_categories(&self) -> Exchange<Vec<Category>> {
        Exchange::once(HttpRequest::get(url("/catalog")), |r| {
            let catalog: WireCatalog = read(r)?;
            let mut categories: Vec<Category> = catalog
                .groups
                .into_iter()
                .map(|g| Category {
                    id: g.key,
                    name: g.title,
                    description: g.blurb,
                    icon: g.glyph,
                    order: g.rank,
                })
                .collect();
            categories.sort_by_key(|c| c.order);
            Ok(categories)
        })
    }

    fn list_items(&self) -> Exchange<Vec<CatalogItem>> {
        Exchange::once(HttpRequest::get(url("/catalog")), |r| {
            let catalog: WireCatalog = read(r)?;
            Ok(catalog
                .offerings
                .into_iter()
                .map(|o| CatalogItem {
                    id: o.key,
                    category_id: o.group,
                    name: o.title,
                    short_description: o.teaser,
                    description: o.details_md,
                    icon: o.glyph,
                    tags: o.labels,
                    kind: kind(o.kind.as_deref().unwrap_or_default()),
                    delivery_hours: o.lead_time_hours,
                    cost_hint: o.cost,
                    approval_required: o.needs_approval,
                    popularity: o.requests_30d,
                    form: Some(o.form),
                })
                .collect())
        })
    }

    fn get_form(&self, item_id: &str) -> Exchange<FormSchema> {
        Exchange::once(
            HttpRequest::get(id_url("/offerings", item_id, "/form")),
            read,
        )
    }

    fn submit(&self, s: &Submission) -> Exchange<Receipt> {
        let files: Vec<_> = s.files.iter().map(file_body).collect();
        let body = json!({ "offering": s.item_id, "subject": s.title, "description": s.description, "answers": s.values, "answers_text": s.answers, "files": files });
        let request = HttpRequest::json(Method::Post, url("/tickets"), &body)
            .with_header("Idempotency-Key", &s.idempotency_key);
        Exchange::once(request, |r| {
            let t: WireTicket = read(r)?;
            Ok(Receipt {
                ticket_id: t.reference,
                number: t.number,
                unsaved_fields: Vec::new(),
            })
        })
    }

    fn list_tickets(&self, page: &PageRequest) -> Exchange<Page<Ticket>> {
        let request = page.clone();
        Exchange::once(page_request(page, "/tickets"), move |r| {
            Ok(page_of(
                &request,
                read::<WirePage<WireTicket>>(r)?,
                |t| t.touched,
                ticket,
            ))
        })
    }

    fn get_ticket(&self, ticket_id: &str) -> Exchange<Ticket> {
        Exchange::once(HttpRequest::get(id_url("/tickets", ticket_id, "")), |r| {
            Ok(ticket(read(r)?))
        })
    }

    fn add_comment(&self, ticket_id: &str, body: &str, key: &str) -> Exchange<TimelineEntry> {
        let request = HttpRequest::json(
            Method::Post,
            id_url("/tickets", ticket_id, "/notes"),
            &json!({ "text": body }),
        )
        .with_header("Idempotency-Key", key);
        Exchange::once(request, read_visible_event)
    }

    fn attach(&self, ticket_id: &str, upload: &Upload, key: &str) -> Exchange<TimelineEntry> {
        let body = file_body(upload);
        let request =
            HttpRequest::json(Method::Post, id_url("/tickets", ticket_id, "/files"), &body)
                .with_header("Idempotency-Key", key);
        Exchange::once(request, read_visible_event)
    }

    fn transition(&self, ticket_id: &str, transition: &Transition, key: &str) -> Exchange<Ticket> {
        let body = match transition {
            Transition::Close => json!({ "action": "close" }),
            Transition::Cancel => json!({ "action": "withdraw" }),
            Transition::Reopen { reason } => json!({ "action": "reopen", "text": reason }),
            Transition::ConfirmResolution => json!({ "action": "confirm" }),
            Transition::Rate { score, remark } => {
                json!({ "action": "rate", "score": score, "text": remark })
            }
        };
        let request = HttpRequest::json(
            Method::Post,
            id_url("/tickets", ticket_id, "/actions"),
            &body,
        )
        .with_header("Idempotency-Key", key);
        Exchange::once(request, |r| Ok(ticket(read(r)?)))
    }

    /// The demo desk keeps files as `data:` URLs: decoded here, with no request.
    fn download(&self, url: &str) -> Exchange<Upload> {
        let parsed = url.strip_prefix("data:").and_then(|rest| {
            let (mime, data) = rest.split_once(";base64,")?;
            let bytes = crate::encoding::decode_base64_lenient(data, crate::encoding::STANDARD)?;
            Some(Upload {
                name: "attachment".into(),
                mime: mime.to_owned(),
                bytes,
            })
        });
        match parsed {
            Some(file) => Exchange::Done(file),
            None => Exchange::Fail(PortalError::NotFound),
        }
    }

    fn list_articles(&self, page: &PageRequest) -> Exchange<Page<Article>> {
        let request = page.clone();
        Exchange::once(page_request(page, "/articles"), move |r| {
            Ok(page_of(
                &request,
                read::<WirePage<WireArticle>>(r)?,
                |a| a.revised,
                article,
            ))
        })
    }

    fn get_article(&self, article_id: &str) -> Exchange<Article> {
        Exchange::once(HttpRequest::get(id_url("/articles", article_id, "")), |r| {
            Ok(article(read(r)?))
        })
    }

    fn vote(&self, article_id: &str, helpful: bool) -> Exchange<()> {
        let request = HttpRequest::json(
            Method::Post,
            id_url("/articles", article_id, "/feedback"),
            &json!({ "helpful": helpful }),
        );
        Exchange::once(request, |r| {
            match PortalError::from_status(&r, decode::<WireError>(&r).ok().map(|e| e.error)) {
                Some(error) => Err(error),
                None => Ok(()),
            }
        })
    }

    fn list_announcements(&self) -> Exchange<Vec<Announcement>> {
        Exchange::once(HttpRequest::get(url("/notices")), |r| {
            let notices: Vec<WireNotice> = read(r)?;
            Ok(notices
                .into_iter()
                .map(|n| Announcement {
                    id: n.id,
                    text: n.message,
                    severity: match n.level.as_str() {
                        "critical" => Severity::Critical,
                        "warning" => Severity::Warning,
                        _ => Severity::Info,
                    },
                    starts: n.from,
                    ends: n.until,
                })
                .collect())
        })
    }

    fn lookup(&self, source: &str, query: &str) -> Exchange<Vec<Reference>> {
        let request = HttpRequest::get(with_query(&id_url("/lookup", source, ""), &[("q", query)]));
        Exchange::once(request, read)
    }
}

/// A file as the desk takes it.
fn file_body(upload: &Upload) -> serde_json::Value {
    json!({ "filename": upload.name, "mime": upload.mime, "data_base64": crate::encoding::base64(&upload.bytes, crate::encoding::STANDARD, true) })
}
