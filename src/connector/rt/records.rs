//! RT's records in Portico's model: tickets with their timeline, and articles.

use std::collections::HashMap;

use super::text::{html_to_text, language_code, normalize_status, parse_time};
use super::wire::{RtArticle, RtAttachment, RtTicket, RtTransaction, RtUserRef};
use super::{read::malformed, Settings, REST};
use crate::connector::PortalError;
use crate::model::{
    Article, AuthorRole, BodyFormat, Person, Priority, Ticket, TicketAction, TicketKind,
    TimelineEntry, TimelineEvent, Timestamp,
};

fn person(user: &RtUserRef) -> Person {
    Person {
        id: user.login(),
        name: user.display(),
    }
}

/// RT 5's default priority names, by the lowest number each starts at; a name RT sends wins.
pub(super) fn priority(number: &str, name: &str) -> Option<Priority> {
    match name.trim().to_ascii_lowercase().as_str() {
        "low" => return Some(Priority::Low),
        "medium" => return Some(Priority::Medium),
        "high" => return Some(Priority::High),
        "critical" | "urgent" => return Some(Priority::Critical),
        _ => {}
    }
    Some(match number.trim().parse::<i64>().ok()? {
        ..50 => Priority::Low,
        50..100 => Priority::Medium,
        _ => Priority::High,
    })
}

/// A ticket without its timeline; the signed-in user is the requestor by default.
pub(super) fn ticket(t: RtTicket, s: &Settings, path: &str) -> Result<Ticket, PortalError> {
    let user = s.user.as_str();
    let id = t.id.clone();
    let created =
        parse_time(&t.created).ok_or_else(|| malformed(&format!("{path}Created"), "not a date"))?;
    let status = normalize_status(&t.status);
    let moves_to = |to: &str| {
        t.links
            .iter()
            .any(|l| l.rel == "lifecycle" && l.to.as_deref() == Some(to))
    };
    let mut actions = Vec::new();
    if t.links.iter().any(|l| l.rel == "correspond") {
        actions.extend([TicketAction::Comment, TicketAction::Attach]);
    }
    if status.is_open() && moves_to("resolved") {
        actions.push(TicketAction::Close);
    }
    if !status.is_open() && moves_to("open") {
        actions.push(TicketAction::Reopen);
    }
    let requester = t.requestors.first().map_or_else(
        || Person {
            id: user.to_owned(),
            name: user.to_owned(),
        },
        person,
    );
    Ok(Ticket {
        number: format!("#{id}"),
        id,
        kind: t
            .queue
            .as_ref()
            .and_then(|q| q.name.as_deref())
            .map_or(TicketKind::Request, |q| s.kind_of(q)),
        title: t.subject,
        description: String::new(),
        status,
        raw_status: t.status,
        priority: priority(&t.priority, &t.priority_name),
        created,
        updated: parse_time(&t.last_updated).unwrap_or(created),
        requester,
        assignee: t
            .owner
            .as_ref()
            .map(RtUserRef::display)
            .filter(|o| !o.is_empty() && o != "Nobody" && o != "Nobody in particular"),
        due: parse_time(&t.due),
        item_id: t.queue.map(|q| q.id).filter(|id| !id.is_empty()),
        timeline: Vec::new(),
        actions,
    })
}

/// The text of a transaction: its plain part, or its HTML part as text.
pub(super) fn body_of(parts: &[RtAttachment]) -> String {
    let inline = |prefix: &str| {
        parts.iter().find(|p| {
            p.content_type.to_ascii_lowercase().starts_with(prefix) && p.filename.trim().is_empty()
        })
    };
    if let Some(plain) = inline("text/plain") {
        return plain.content.trim().to_owned();
    }
    inline("text/html")
        .map(|html| html_to_text(&html.content))
        .unwrap_or_default()
}

/// The files of a transaction as timeline entries.
pub(super) fn files(parts: &[RtAttachment], at: Timestamp, base: &str) -> Vec<TimelineEntry> {
    parts
        .iter()
        .filter_map(|p| {
            let name = Some(p.filename.clone()).filter(|n| !n.trim().is_empty())?;
            Some(TimelineEntry {
                id: format!("attachment-{}", p.id),
                at,
                event: TimelineEvent::Attachment {
                    name,
                    mime: p.content_type.clone(),
                    size: p.content_length,
                    url: format!("{base}{REST}/attachment/{}", p.id),
                },
            })
        })
        .collect()
}

/// The ticket's conversation as the requester may see it: correspondence, files and status
/// changes. Comments (staff-only notes) and e-mail records never show, whatever RT returns.
pub(super) fn timeline(
    ticket: &mut Ticket,
    history: Vec<RtTransaction>,
    attachments: Vec<RtAttachment>,
    base: &str,
) {
    let mut parts: HashMap<String, Vec<RtAttachment>> = HashMap::new();
    for a in attachments {
        parts.entry(a.transaction.clone()).or_default().push(a);
    }
    let mut entries = Vec::new();
    for txn in history {
        let id = txn.id.clone();
        let Some(at) = parse_time(&txn.created) else {
            continue;
        };
        let mine = parts.remove(&id).unwrap_or_default();
        match txn.kind.as_str() {
            "Create" => {
                ticket.description = body_of(&mine);
                entries.extend(files(&mine, at, base));
            }
            "Correspond" => {
                let author = person(&txn.creator);
                let role = if author.id == ticket.requester.id {
                    AuthorRole::Requester
                } else if author.id == "RT_System" {
                    AuthorRole::System
                } else {
                    AuthorRole::Agent
                };
                let body = body_of(&mine);
                if !body.is_empty() {
                    entries.push(TimelineEntry {
                        id: id.clone(),
                        at,
                        event: TimelineEvent::Comment { author, role, body },
                    });
                }
                entries.extend(files(&mine, at, base));
            }
            "Status" => {
                let (from, to) = (txn.old_value, txn.new_value);
                entries.push(TimelineEntry {
                    id,
                    at,
                    event: TimelineEvent::StatusChange {
                        from: normalize_status(&from),
                        to: normalize_status(&to),
                        raw_from: from,
                        raw_to: to,
                    },
                });
            }
            _ => {}
        }
    }
    crate::model::order_timeline(&mut entries);
    ticket.timeline = entries;
}

/// An RT article; `language_field` names the custom field that says its language.
pub(super) fn article(a: RtArticle, language_field: &str, class: Option<String>) -> Article {
    let field = |name: &str| {
        a.custom_fields
            .iter()
            .find(|cf| cf.name.eq_ignore_ascii_case(name))
            .map(|cf| cf.values.join("\n\n"))
            .unwrap_or_default()
    };
    let content = field("Content");
    let looks_like_html = ["</", "<p", "<br", "<div"]
        .iter()
        .any(|tag| content.to_ascii_lowercase().contains(tag));
    let format = if looks_like_html {
        BodyFormat::Html
    } else {
        BodyFormat::Markdown
    };
    Article {
        id: a.id.clone(),
        language: language_code(&field(language_field))
            .unwrap_or("en")
            .to_owned(),
        title: a.name,
        summary: a.summary,
        body: content,
        format,
        category: class
            .or_else(|| a.class.and_then(|c| c.name))
            .unwrap_or_default(),
        tags: Vec::new(),
        updated: parse_time(&a.last_updated).unwrap_or(0),
        votes: Default::default(),
        translations: Vec::new(),
    }
}
