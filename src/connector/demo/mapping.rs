//! The demo dialect mapped into Portico's model: states, kinds, people, visible events, actions.

use crate::demo::wire::*;
use crate::model::{
    Article, AuthorRole, BodyFormat, Person, Priority, Status, Ticket, TicketAction, TicketKind,
    TimelineEntry, TimelineEvent, Translation, Votes,
};

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

/// A ticket's or an offering's kind; anything unknown is a request.
pub(super) fn kind(kind: &str) -> TicketKind {
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
pub(super) fn timeline_entry(event: WireEvent) -> Option<TimelineEntry> {
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
    crate::model::order_timeline(&mut timeline);
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

pub(super) fn article(a: WireArticle) -> Article {
    Article {
        id: a.slug,
        title: a.title,
        summary: a.summary,
        body: a.markdown,
        format: if a.html {
            BodyFormat::Html
        } else {
            BodyFormat::Markdown
        },
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
