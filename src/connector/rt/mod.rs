//! Request Tracker 5 through its REST2 API (`/REST/2.0`). Queues the user may see become the
//! catalog, their ticket custom fields the forms, RT articles the knowledge base. RT's quirks
//! (fixtures/README.md) are handled here: failures inside 2xx message lists, the login page in
//! place of a 401, ids as text or numbers, custom field values dropped without a word.

mod mapping;
mod read;
mod records;
mod session;
mod text;
mod wire;

use std::rc::Rc;

use serde_json::json;

pub use mapping::*;
pub use session::{login_request, logout_request, token_user_id, whoami, RtIdentity};
use text::{parse_time, sql_time};
use wire::*;

use super::*;
use crate::config::RtBackend;
use crate::model::{AuthorRole, Person, TicketKind, TimelineEvent};

/// Where REST2 answers under RT's address.
const REST: &str = "/REST/2.0";
/// RT caps `per_page` at 100.
const PER_PAGE: usize = 100;
/// Pages of history or attachments read for one ticket, at most.
const MAX_DETAIL_PAGES: u32 = 8;
/// Custom fields read for one form, at most (each is a request).
const MAX_FORM_FIELDS: usize = 24;
/// The id of the category for queues the configuration does not place.
const OTHER_CATEGORY: &str = "other";

/// The settings every operation needs, shared by the closures of a chain.
#[derive(Debug)]
struct Settings {
    /// RT's address on the portal's origin, without a trailing slash (`/rt`).
    base: String,
    config: RtBackend,
    /// The signed-in user's RT login name: the requestor of everything they file.
    user: String,
    /// `Authorization` for token sign-in; `None` when RT's session cookie authenticates.
    authorization: Option<String>,
}

/// The RT connector for one signed-in user.
#[derive(Clone, Debug)]
pub struct RtConnector {
    settings: Rc<Settings>,
}

impl RtConnector {
    /// `user` is the RT login name the sign-in confirmed; `authorization` the header value
    /// for token sign-in (kept in memory only, never stored).
    pub fn new(config: &RtBackend, user: &str, authorization: Option<String>) -> Self {
        RtConnector {
            settings: Rc::new(Settings {
                base: config.url.trim().trim_end_matches('/').to_owned(),
                config: config.clone(),
                user: user.to_owned(),
                authorization,
            }),
        }
    }
}

impl Settings {
    fn url(&self, path: &str) -> String {
        format!("{}{REST}{path}", self.base)
    }

    fn authorize(&self, request: HttpRequest) -> HttpRequest {
        authorize(request, self.authorization.as_deref())
    }

    fn get(&self, path: &str) -> HttpRequest {
        self.authorize(HttpRequest::get(self.url(path)))
    }

    fn send_json(&self, method: Method, path: &str, body: &serde_json::Value) -> HttpRequest {
        self.authorize(HttpRequest::json(method, self.url(path), body))
    }

    /// The kind of ticket a queue files, by its name.
    fn kind_of(&self, queue: &str) -> TicketKind {
        let incidents = &self.config.incident_queues;
        if incidents.iter().any(|q| q.eq_ignore_ascii_case(queue)) {
            TicketKind::Incident
        } else {
            TicketKind::Request
        }
    }

    /// `GET /ticket/{id}`, with its queue's name, which says the ticket's kind.
    fn get_ticket(&self, id: &str) -> HttpRequest {
        self.get(&with_query(
            &id_path("/ticket", id, ""),
            &[("fields[Queue]", "Name")],
        ))
    }

    /// The category a queue belongs to: the first configured one naming it, or the other one.
    fn category_of(&self, queue: &str) -> String {
        self.config
            .categories
            .iter()
            .position(|c| c.queues.iter().any(|q| q.eq_ignore_ascii_case(queue)))
            .map_or_else(|| OTHER_CATEGORY.to_owned(), |i| format!("c{i}"))
    }
}

/// `request` with the token header of token sign-in; cookie sessions need none.
fn authorize(request: HttpRequest, authorization: Option<&str>) -> HttpRequest {
    match authorization {
        Some(value) => request.with_header("Authorization", value),
        None => request,
    }
}

fn id_path(prefix: &str, id: &str, suffix: &str) -> String {
    format!("{prefix}/{}{suffix}", crate::routes::encode_segment(id))
}

use read::*;
use records::*;

impl RtConnector {
    fn s(&self) -> Rc<Settings> {
        self.settings.clone()
    }

    /// The queues the user can see (RT lists only those).
    fn queues(&self) -> Exchange<Vec<RtQueue>> {
        let request = self.settings.get(&with_query(
            "/queues/all",
            &[
                ("fields", "Name,Description,Disabled"),
                ("per_page", &PER_PAGE.to_string()),
            ],
        ));
        Exchange::once(request, |r| {
            let collection: RtCollection<RtQueue> = read(r)?;
            Ok(collection.items)
        })
    }

    /// Reads the ticket behind a search hit, or creates it, then checks what RT kept.
    fn create(&self, s: &Submission) -> Exchange<Receipt> {
        let settings = self.s();
        let mut fields = serde_json::Map::new();
        for (key, value) in &s.values {
            let value = match value {
                Value::Text(text) => json!(rt_date_time(text)),
                Value::List(list) => json!(list),
                Value::Bool(b) => json!(if *b { "1" } else { "0" }),
                Value::Number(n) => json!(n.to_string()),
            };
            fields.insert(key.clone(), value);
        }
        fields.insert(
            settings.config.idempotency_field.clone(),
            json!(s.idempotency_key),
        );
        let mut body = json!({
            "Queue": s.item_id,
            // RT does not default the requestor to the caller, and lets an end user name
            // anyone: the portal always names the signed-in user.
            "Requestor": settings.user,
            "Subject": s.title,
            // RT shows custom fields by name and raw value, apart from the conversation:
            // the answers as the person read them go under their own words.
            "Content": content(s),
            "ContentType": "text/plain",
            "CustomFields": fields,
        });
        if !s.files.is_empty() {
            body["Attachments"] = s.files.iter().map(rt_file).collect();
        }
        let submitted: Vec<String> = s
            .values
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k.clone())
            .collect();
        let request = settings.send_json(Method::Post, "/ticket", &body);
        Exchange::once(request, |r| {
            let created: RtNamed = read(r)?;
            if created.id.is_empty() {
                return Err(malformed("id", "RT named no ticket"));
            }
            Ok(created.id)
        })
        .then(move |id| {
            let request = settings.get_ticket(&id);
            Ok(Exchange::once(request, move |r| {
                let ticket: RtTicket = read(r)?;
                Ok(Receipt {
                    number: format!("#{id}"),
                    ticket_id: id,
                    unsaved_fields: unsaved(&ticket, &submitted),
                })
            }))
        })
    }
}

/// The ticket's first message: the person's description, then their answers.
fn content(s: &Submission) -> String {
    let parts = [s.description.trim(), s.answers.trim()];
    let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    parts.join("\n\n")
}

/// RT reads `2030-01-31T09:30` poorly; it reads `2030-01-31 09:30:00`.
fn rt_date_time(text: &str) -> String {
    let b = text.as_bytes();
    let looks_like = b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && text.is_ascii();
    if !looks_like {
        return text.to_owned();
    }
    let (date, time) = text.split_at(10);
    let time = &time[1..];
    if time.len() == 5 {
        format!("{date} {time}:00")
    } else {
        format!("{date} {time}")
    }
}

/// The custom fields the user filled in that RT did not store (it drops invalid values and
/// still answers 201), by name.
fn unsaved(ticket: &RtTicket, submitted: &[String]) -> Vec<String> {
    submitted
        .iter()
        .filter_map(|key| {
            let stored = ticket.custom_fields.iter().find(|cf| cf.id == *key);
            match stored {
                Some(cf) if cf.values.iter().any(|v| !v.trim().is_empty()) => None,
                Some(cf) => Some(cf.name.clone()),
                None => Some(key.clone()),
            }
        })
        .collect()
}

/// A listing page of RT's, with the watermark of the newest change seen. RT compares dates
/// to the second, so the next pull asks for `>=` that second and may see its last items again;
/// callers merge by id.
fn page_of<T, U>(
    request: &PageRequest,
    page: u32,
    collection: RtCollection<T>,
    stamp: impl Fn(&T) -> Option<Timestamp>,
    map: impl Fn(usize, T) -> Result<U, PortalError>,
) -> Result<Page<U>, PortalError> {
    let newest = collection.items.iter().filter_map(&stamp).max();
    let previous = request.since.as_deref().and_then(parse_time);
    let next = collection.next_page.then(|| PageRequest {
        since: request.since.clone(),
        page: Some((page + 1).to_string()),
    });
    let items = collection
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| map(i, item))
        .collect::<Result<Vec<U>, PortalError>>()?;
    Ok(Page {
        items,
        next,
        cursor: newest.max(previous).map(sql_time),
    })
}

fn page_number(request: &PageRequest) -> u32 {
    request
        .page
        .as_deref()
        .and_then(|p| p.parse().ok())
        .filter(|&p| p >= 1)
        .unwrap_or(1)
}

/// A key safe to put inside TicketSQL quotes.
fn is_safe_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 100
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

impl Connector for RtConnector {
    fn id(&self) -> String {
        format!("rt:{}@{}", self.settings.user, self.settings.base)
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            comment: true,
            attach: true,
            close: true,
            reopen: true,
            knowledge: true,
            ..Capabilities::default()
        }
    }

    fn list_categories(&self) -> Exchange<Vec<Category>> {
        let settings = self.s();
        self.queues().map(move |queues| {
            let used: Vec<String> = queues
                .iter()
                .filter_map(|q| queue_item(q, "", TicketKind::Request))
                .map(|q| settings.category_of(&q.name))
                .collect();
            let mut categories: Vec<Category> = settings
                .config
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| Category {
                    id: format!("c{i}"),
                    name: c.name.clone(),
                    description: c.description.clone(),
                    icon: None,
                    order: i as i32,
                })
                .chain(std::iter::once(Category {
                    id: OTHER_CATEGORY.to_owned(),
                    name: settings.config.other_category.clone(),
                    description: String::new(),
                    icon: None,
                    order: i32::MAX,
                }))
                .collect();
            categories.retain(|c| used.contains(&c.id));
            categories
        })
    }

    fn list_items(&self) -> Exchange<Vec<CatalogItem>> {
        let settings = self.s();
        self.queues().map(move |queues| {
            let mut items: Vec<CatalogItem> = queues
                .iter()
                .filter_map(|q| {
                    let category = settings.category_of(&q.name);
                    queue_item(q, &category, settings.kind_of(&q.name))
                })
                .collect();
            items.sort_by_key(|i| i.name.to_lowercase());
            items
        })
    }

    fn get_form(&self, item_id: &str) -> Exchange<FormSchema> {
        let settings = self.s();
        let request = settings.get(&id_path("/queue", item_id, ""));
        Exchange::once(request, read::<RtQueue>).then(move |queue| {
            let requests = queue
                .ticket_custom_fields
                .iter()
                .take(MAX_FORM_FIELDS)
                .map(|cf| settings.get(&id_path("/customfield", &cf.id, "")))
                .collect();
            let idempotency = settings.config.idempotency_field.clone();
            Ok(each::<RtCustomField>(requests, Vec::new())
                .map(move |fields| queue_form(&fields, &idempotency)))
        })
    }

    /// Searches for the submission's key first: after a lost response the ticket exists, and
    /// the retry must find it rather than file a second one.
    fn submit(&self, s: &Submission) -> Exchange<Receipt> {
        if !is_safe_key(&s.idempotency_key) {
            return Exchange::Fail(PortalError::Rejected(
                "the submission key has unexpected characters".into(),
            ));
        }
        let settings = self.s();
        let query = format!(
            "CF.{{{}}} = '{}'",
            settings.config.idempotency_field, s.idempotency_key
        );
        let search = settings.get(&with_query(
            "/tickets",
            &[("query", &query), ("fields", "Subject")],
        ));
        let this = self.clone();
        let submission = s.clone();
        Exchange::once(search, |r| {
            let found: RtCollection<RtNamed> = read(r)?;
            Ok(found
                .items
                .into_iter()
                .map(|t| t.id)
                .find(|id| !id.is_empty()))
        })
        .then(move |existing| {
            Ok(match existing {
                Some(id) => Exchange::Done(Receipt {
                    number: format!("#{id}"),
                    ticket_id: id,
                    unsaved_fields: Vec::new(),
                }),
                None => this.create(&submission),
            })
        })
    }

    fn list_tickets(&self, page: &PageRequest) -> Exchange<Page<Ticket>> {
        let settings = self.s();
        let mut query = "Requestor.id = '__CurrentUser__'".to_owned();
        if let Some(since) = page.since.as_deref().and_then(parse_time) {
            query.push_str(&format!(" AND LastUpdated >= '{}'", sql_time(since)));
        }
        let number = page_number(page);
        let request = settings.get(&with_query(
            "/tickets",
            &[
                ("query", &query),
                (
                    "fields",
                    "Subject,Status,Created,LastUpdated,Due,Queue,Owner,Requestor,Priority",
                ),
                ("fields[Queue]", "Name"),
                ("fields[Owner]", "Name,RealName"),
                ("fields[Requestor]", "Name,RealName"),
                ("orderby", "LastUpdated"),
                ("order", "ASC"),
                ("per_page", &PER_PAGE.to_string()),
                ("page", &number.to_string()),
            ],
        ));
        let request_page = page.clone();
        Exchange::once(request, move |r| {
            page_of(
                &request_page,
                number,
                read::<RtCollection<RtTicket>>(r)?,
                |t| parse_time(&t.last_updated),
                |i, t| ticket(t, &settings, &format!("items[{i}].")),
            )
        })
    }

    fn get_ticket(&self, ticket_id: &str) -> Exchange<Ticket> {
        let settings = self.s();
        let id = ticket_id.to_owned();
        let request = settings.get_ticket(ticket_id);
        let after_ticket = settings.clone();
        Exchange::once(request, move |r| ticket(read(r)?, &after_ticket, "")).then(move |ticket| {
            let history_url = settings.url(&with_query(
                &id_path("/ticket", &id, "/history"),
                &[
                    ("fields", "Type,Created,Creator,OldValue,NewValue"),
                    ("fields[Creator]", "Name,RealName"),
                    ("per_page", &PER_PAGE.to_string()),
                ],
            ));
            let attachments_url = settings.url(&with_query(
                &id_path("/ticket", &id, "/attachments"),
                &[
                    (
                        "fields",
                        "TransactionId,ContentType,Filename,ContentLength,Content",
                    ),
                    ("per_page", &PER_PAGE.to_string()),
                ],
            ));
            let history = all_items::<RtTransaction>(settings.clone(), history_url, 1, Vec::new());
            Ok(history.then(move |history| {
                let base = settings.base.clone();
                Ok(
                    all_items::<RtAttachment>(settings.clone(), attachments_url, 1, Vec::new())
                        .map(move |attachments| {
                            let mut ticket = ticket;
                            timeline(&mut ticket, history, attachments, &base);
                            ticket
                        }),
                )
            }))
        })
    }

    fn add_comment(&self, ticket_id: &str, body: &str, _key: &str) -> Exchange<TimelineEntry> {
        let settings = self.s();
        let request = settings.send_json(
            Method::Post,
            &id_path("/ticket", ticket_id, "/correspond"),
            &json!({ "Content": body, "ContentType": "text/plain" }),
        );
        let author = Person {
            id: settings.user.clone(),
            name: settings.user.clone(),
        };
        let event = TimelineEvent::Comment {
            author,
            role: AuthorRole::Requester,
            body: body.to_owned(),
        };
        written_entry(settings, request, event)
    }

    fn attach(&self, ticket_id: &str, upload: &Upload, _key: &str) -> Exchange<TimelineEntry> {
        let settings = self.s();
        let request = settings.send_json(
            Method::Post,
            &id_path("/ticket", ticket_id, "/correspond"),
            &json!({
                "Content": "",
                "ContentType": "text/plain",
                "Attachments": [rt_file(upload)],
            }),
        );
        let event = TimelineEvent::Attachment {
            name: upload.name.clone(),
            mime: upload.mime.clone(),
            size: upload.bytes.len() as u64,
            url: String::new(),
        };
        written_entry(settings, request, event)
    }

    fn transition(&self, ticket_id: &str, transition: &Transition, _key: &str) -> Exchange<Ticket> {
        let settings = self.s();
        let (status, reason) = match transition {
            Transition::Close => ("resolved", None),
            Transition::Reopen { reason } => ("open", Some(reason.trim().to_owned())),
            Transition::Cancel | Transition::ConfirmResolution | Transition::Rate { .. } => {
                return Exchange::Fail(PortalError::Rejected(
                    "Request Tracker has no such step".into(),
                ))
            }
        };
        let id = ticket_id.to_owned();
        let path = id_path("/ticket", ticket_id, "");
        let update = settings.send_json(Method::Put, &path, &json!({ "Status": status }));
        let correspond = id_path("/ticket", ticket_id, "/correspond");
        Exchange::once(update, read_messages).then(move |_| {
            let reread = settings.get_ticket(&id);
            let after = settings.clone();
            let fetch = move || Exchange::once(reread, move |r| ticket(read(r)?, &after, ""));
            Ok(match reason.filter(|r| !r.is_empty()) {
                Some(reason) => {
                    let request = settings.send_json(
                        Method::Post,
                        &correspond,
                        &json!({ "Content": reason, "ContentType": "text/plain" }),
                    );
                    Exchange::once(request, read_messages).then(move |_| Ok(fetch()))
                }
                None => fetch(),
            })
        })
    }

    /// RT serves a ticket attachment only as JSON with base64 content (`GET /attachment/{id}`).
    /// Only URLs of this RT's attachments are fetched.
    fn download(&self, url: &str) -> Exchange<Upload> {
        let settings = self.s();
        let prefix = settings.url("/attachment/");
        let id = url
            .strip_prefix(&prefix)
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()));
        let Some(id) = id else {
            return Exchange::Fail(PortalError::NotFound);
        };
        let request = settings.get(&id_path("/attachment", id, ""));
        Exchange::once(request, |r| {
            let file: RtFile = read(r)?;
            let bytes =
                crate::encoding::decode_base64_lenient(&file.content, crate::encoding::STANDARD)
                    .ok_or_else(|| malformed("Content", "not base64"))?;
            Ok(Upload {
                name: file.filename,
                mime: file.content_type,
                bytes,
            })
        })
    }

    fn list_articles(&self, page: &PageRequest) -> Exchange<Page<Article>> {
        let settings = self.s();
        let number = page_number(page);
        let query = match page.since.as_deref().and_then(parse_time) {
            Some(since) => {
                json!([{ "field": "LastUpdated", "operator": ">=", "value": sql_time(since) }])
            }
            None => json!([{ "field": "id", "operator": ">", "value": 0 }]),
        };
        let path = with_query(
            "/articles",
            &[
                (
                    "fields",
                    "Name,Summary,Class,LastUpdated,Disabled,CustomFields",
                ),
                ("fields[Class]", "Name"),
                ("orderby", "LastUpdated"),
                ("order", "ASC"),
                ("per_page", &PER_PAGE.to_string()),
                ("page", &number.to_string()),
            ],
        );
        let request = settings.send_json(Method::Post, &path, &query);
        let request_page = page.clone();
        Exchange::once(request, move |r| {
            let mut collection = read::<RtCollection<RtArticle>>(r)?;
            collection.items.retain(|a| !a.disabled);
            page_of(
                &request_page,
                number,
                collection,
                |a| parse_time(&a.last_updated),
                |_, a| Ok(article(a, &settings.config.language_field, None)),
            )
        })
    }

    fn get_article(&self, article_id: &str) -> Exchange<Article> {
        let settings = self.s();
        let request = settings.get(&id_path("/article", article_id, ""));
        Exchange::once(request, read::<RtArticle>).then(move |a| {
            let class = a
                .class
                .as_ref()
                .map(|c| c.id.clone())
                .filter(|id| !id.is_empty());
            let field = settings.config.language_field.clone();
            Ok(match class {
                // The class names the category; an article whose class the user may not see
                // is still worth reading.
                Some(class) => {
                    Exchange::once(settings.get(&id_path("/class", &class, "")), move |r| {
                        let name = if r.status == 403 {
                            None
                        } else {
                            Some(read::<RtNamed>(r)?.name)
                        };
                        Ok(article(a, &field, name))
                    })
                }
                None => Exchange::Done(article(a, &field, None)),
            })
        })
    }

    fn vote(&self, _article_id: &str, _helpful: bool) -> Exchange<()> {
        Exchange::Fail(PortalError::Rejected(
            "Request Tracker does not collect article feedback".into(),
        ))
    }

    fn list_announcements(&self) -> Exchange<Vec<Announcement>> {
        Exchange::Done(Vec::new())
    }

    fn lookup(&self, _source: &str, _query: &str) -> Exchange<Vec<Reference>> {
        Exchange::Done(Vec::new())
    }
}

/// A correspondence RT accepted, as the timeline entry it made; RT names the transaction in
/// `Location`, which gives the entry its id and time.
fn written_entry(
    settings: Rc<Settings>,
    request: HttpRequest,
    event: TimelineEvent,
) -> Exchange<TimelineEntry> {
    Exchange::Send(
        request,
        Box::new(move |r| {
            let location = r.header("Location").map(str::to_owned);
            read_messages(r)?;
            let transaction = location
                .as_deref()
                .and_then(|l| l.rsplit_once("/transaction/"))
                .map(|(_, id)| id.trim_end_matches('/').to_owned())
                .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()));
            Ok(match transaction {
                Some(id) => {
                    Exchange::once(settings.get(&id_path("/transaction", &id, "")), move |r| {
                        let txn: RtTransaction = read(r)?;
                        Ok(TimelineEntry {
                            id,
                            at: parse_time(&txn.created).unwrap_or(0),
                            event,
                        })
                    })
                }
                None => Exchange::Done(TimelineEntry {
                    id: String::new(),
                    at: 0,
                    event,
                }),
            })
        }),
    )
}

#[cfg(test)]
mod tests;

/// A file as REST2 takes it in `Attachments`.
fn rt_file(upload: &Upload) -> serde_json::Value {
    let content = crate::encoding::base64(&upload.bytes, crate::encoding::STANDARD, true);
    json!({ "FileName": upload.name, "FileType": upload.mime, "FileContent": content })
}
