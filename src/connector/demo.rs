//! The connector for the embedded demo service (`crate::demo`), built like any other: it
//! speaks the demo's dialect and maps it into Portico's model.

use serde::de::DeserializeOwned;
use serde_json::json;

use super::json::decode;
use super::*;
use crate::demo::wire::*;
use crate::model::{
    AuthorRole, Person, Priority, Severity, Status, TicketAction, TicketKind, TimelineEvent,
    Translation, Votes,
};

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

/// The demo's state names, normalized. An unknown state is still shown (with its own label)
/// as in progress, rather than hiding the ticket.
pub fn normalize_state(state: &str) -> Status {
    match state {
        "logged" => Status::New,
        "assigned" => Status::InProgress,
        "awaiting_customer" => Status::WaitingOnYou,
        "parked" => Status::OnHold,
        "fixed" => Status::Resolved,
        "closed" => Status::Closed,
        "withdrawn" => Status::Cancelled,
        _ => Status::InProgress,
    }
}

fn kind(kind: &str) -> TicketKind {
    match kind {
        "incident" => TicketKind::Incident,
        "question" => TicketKind::Question,
        "change" => TicketKind::Change,
        _ => TicketKind::Request,
    }
}

fn priority(urgency: Option<u8>) -> Option<Priority> {
    Some(match urgency? {
        0 | 1 => Priority::Low,
        2 => Priority::Medium,
        3 => Priority::High,
        _ => Priority::Critical,
    })
}

fn person(user: &WireUser) -> Person {
    Person {
        id: user.uid.clone(),
        name: user.display.clone(),
    }
}

/// Maps one event, or `None` for what the requester must not see (internal notes) or what
/// this version does not know.
fn timeline_entry(event: WireEvent) -> Option<TimelineEntry> {
    if event.internal {
        return None;
    }
    let WireEvent {
        id,
        at,
        what,
        by,
        agent,
        text,
        from,
        to,
        filename,
        mime,
        bytes,
        href,
        score,
        ..
    } = event;
    let event = match what.as_str() {
        "note" => {
            let author = by.as_ref().map(person).unwrap_or(Person {
                id: String::new(),
                name: String::new(),
            });
            let role = match (&by, agent) {
                (None, _) => AuthorRole::System,
                (Some(_), true) => AuthorRole::Agent,
                (Some(_), false) => AuthorRole::Requester,
            };
            TimelineEvent::Comment {
                author,
                role,
                body: text.unwrap_or_default(),
            }
        }
        "state" => {
            let (raw_from, raw_to) = (from.unwrap_or_default(), to.unwrap_or_default());
            TimelineEvent::StatusChange {
                from: normalize_state(&raw_from),
                to: normalize_state(&raw_to),
                raw_from,
                raw_to,
            }
        }
        "file" => TimelineEvent::Attachment {
            name: filename.unwrap_or_default(),
            mime: mime.unwrap_or_else(|| "application/octet-stream".into()),
            size: bytes.unwrap_or(0),
            url: href.unwrap_or_default(),
        },
        "rating" => TimelineEvent::Rating {
            score: score.unwrap_or(0).min(5),
            remark: text.unwrap_or_default(),
        },
        _ => return None,
    };
    Some(TimelineEntry { id, at, event })
}

fn action(can: &str) -> Option<TicketAction> {
    Some(match can {
        "reply" => TicketAction::Comment,
        "attach" => TicketAction::Attach,
        "close" => TicketAction::Close,
        "withdraw" => TicketAction::Cancel,
        "reopen" => TicketAction::Reopen,
        "confirm" => TicketAction::ConfirmResolution,
        "rate" => TicketAction::Rate,
        _ => return None,
    })
}

/// Maps a demo ticket into the model.
pub fn ticket(t: WireTicket) -> Ticket {
    let mut timeline: Vec<TimelineEntry> =
        t.events.into_iter().filter_map(timeline_entry).collect();
    timeline.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    Ticket {
        id: t.reference,
        number: t.number,
        kind: kind(&t.kind),
        title: t.subject,
        description: t.body,
        status: normalize_state(&t.state),
        raw_status: if t.state_label.is_empty() {
            t.state
        } else {
            t.state_label
        },
        priority: priority(t.urgency),
        created: t.opened,
        updated: t.touched,
        requester: person(&t.customer),
        assignee: t.owner,
        due: t.target,
        item_id: t.offering,
        timeline,
        actions: t.can.iter().filter_map(|c| action(c)).collect(),
    }
}

fn article(a: WireArticle) -> Article {
    Article {
        id: a.slug,
        title: a.title,
        summary: a.summary,
        body: a.markdown,
        category: a.topic,
        tags: a.keywords,
        language: a.lang,
        updated: a.revised,
        votes: Votes {
            helpful: a.thumbs_up,
            not_helpful: a.thumbs_down,
        },
        translations: a
            .translations
            .into_iter()
            .map(|t| Translation {
                id: t.slug,
                language: t.lang,
            })
            .collect(),
    }
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
        }
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
                    delivery_hours: o.lead_time_hours,
                    cost_hint: o.cost,
                    approval_required: o.needs_approval,
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
        let body = json!({ "offering": s.item_id, "subject": s.title, "answers": s.values });
        let request = HttpRequest::json(Method::Post, url("/tickets"), &body)
            .with_header("Idempotency-Key", &s.idempotency_key);
        Exchange::once(request, |r| {
            let t: WireTicket = read(r)?;
            Ok(Receipt {
                ticket_id: t.reference,
                number: t.number,
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
        Exchange::once(request, |r| {
            timeline_entry(read(r)?).ok_or_else(|| PortalError::Malformed {
                path: "what".into(),
                detail: "not a visible event".into(),
            })
        })
    }

    fn attach(&self, ticket_id: &str, upload: &Upload, key: &str) -> Exchange<TimelineEntry> {
        let body = json!({ "filename": upload.name, "mime": upload.mime, "data_base64": base64(&upload.bytes) });
        let request =
            HttpRequest::json(Method::Post, id_url("/tickets", ticket_id, "/files"), &body)
                .with_header("Idempotency-Key", key);
        Exchange::once(request, |r| {
            timeline_entry(read(r)?).ok_or_else(|| PortalError::Malformed {
                path: "what".into(),
                detail: "not a visible event".into(),
            })
        })
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

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
