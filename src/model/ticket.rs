//! Tickets, their status, and their timeline.

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// Where a ticket stands, normalized across backends. The backend's own label is kept beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    /// The service desk asked the requester something.
    WaitingOnYou,
    /// Paused for a third party (a supplier, a change window).
    OnHold,
    Resolved,
    Closed,
    Cancelled,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::InProgress,
        Status::WaitingOnYou,
        Status::OnHold,
        Status::Resolved,
        Status::Closed,
        Status::Cancelled,
    ];

    /// Whether work on the ticket is over.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Cancelled)
    }

    /// Whether the ticket still needs something from someone.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed | Status::Cancelled)
    }
}

/// The steps a ticket goes through as its requester sees them, and the index of the one it
/// is at: submitted → in progress → (waiting on you, or on hold, only while it is) → resolved
/// → closed. A backend that ends tickets at "resolved" (`closes_after_resolution` false, as
/// Request Tracker) has no closed step; a cancelled ticket ends at "cancelled" where it was.
pub fn status_steps(status: Status, closes_after_resolution: bool) -> (Vec<Status>, usize) {
    let mut steps = vec![Status::New, Status::InProgress];
    if matches!(status, Status::WaitingOnYou | Status::OnHold) {
        steps.push(status);
    }
    if status == Status::Cancelled {
        steps.push(Status::Cancelled);
    } else {
        steps.push(Status::Resolved);
        if closes_after_resolution || status == Status::Closed {
            steps.push(Status::Closed);
        }
    }
    let at = steps.iter().position(|&s| s == status).unwrap_or(0);
    (steps, at)
}

/// Puts a timeline in time order, oldest first. Entries at the same second keep the order
/// the backend gave them (its creation order): their ids are not comparable across backends
/// ("e9" sorts after "e10" as text).
pub fn order_timeline(entries: &mut [TimelineEntry]) {
    entries.sort_by_key(|e| e.at);
}

/// What sort of ticket it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    Incident,
    #[default]
    Request,
    Question,
    Change,
}

impl TicketKind {
    pub const ALL: [TicketKind; 4] = [
        TicketKind::Incident,
        TicketKind::Request,
        TicketKind::Question,
        TicketKind::Change,
    ];

    /// The code used in addresses (`?kind=incident`), as in the model's JSON.
    pub fn code(self) -> &'static str {
        match self {
            TicketKind::Incident => "incident",
            TicketKind::Request => "request",
            TicketKind::Question => "question",
            TicketKind::Change => "change",
        }
    }

    pub fn from_code(code: &str) -> Option<TicketKind> {
        TicketKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Urgency, normalized; the backend's label is kept on the ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

/// Someone who appears on a ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// Who wrote a comment, as far as the requester is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorRole {
    Requester,
    Agent,
    System,
}

/// Something the requester may do to a ticket now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketAction {
    Comment,
    Attach,
    Close,
    Cancel,
    Reopen,
    ConfirmResolution,
    Rate,
}

/// One thing that happened on a ticket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// Text is untrusted: plain text or markdown, never raw HTML.
    Comment {
        author: Person,
        role: AuthorRole,
        body: String,
    },
    StatusChange {
        from: Status,
        to: Status,
        raw_from: String,
        raw_to: String,
    },
    Attachment {
        name: String,
        mime: String,
        size: u64,
        url: String,
    },
    Rating {
        score: u8,
        remark: String,
    },
}

/// A timeline entry; connectors drop what the requester may not see before building these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: String,
    pub at: Timestamp,
    #[serde(flatten)]
    pub event: TimelineEvent,
}

/// A ticket as the requester sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// The backend's id, used in API calls.
    pub id: String,
    /// The number people quote ("REQ-1042", "#42").
    pub number: String,
    pub kind: TicketKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub status: Status,
    /// The backend's own status name, shown beside the normalized one.
    pub raw_status: String,
    #[serde(default)]
    pub priority: Option<Priority>,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub requester: Person,
    #[serde(default)]
    pub assignee: Option<String>,
    /// When the backend promises a resolution (due date or SLA target).
    #[serde(default)]
    pub due: Option<Timestamp>,
    /// The catalog item it was requested from.
    #[serde(default)]
    pub item_id: Option<String>,
    /// In time order, oldest first; empty in listings.
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub actions: Vec<TicketAction>,
}

#[cfg(test)]
mod step_tests {
    use super::*;
    use Status::*;

    #[test]
    fn steps_follow_the_ticket_and_the_backend() {
        for (status, closes, steps, at) in [
            (New, true, vec![New, InProgress, Resolved, Closed], 0),
            (InProgress, true, vec![New, InProgress, Resolved, Closed], 1),
            (
                WaitingOnYou,
                true,
                vec![New, InProgress, WaitingOnYou, Resolved, Closed],
                2,
            ),
            (OnHold, false, vec![New, InProgress, OnHold, Resolved], 2),
            (Resolved, false, vec![New, InProgress, Resolved], 2),
            (Resolved, true, vec![New, InProgress, Resolved, Closed], 2),
            (Closed, false, vec![New, InProgress, Resolved, Closed], 3),
            (Cancelled, true, vec![New, InProgress, Cancelled], 2),
        ] {
            assert_eq!(status_steps(status, closes), (steps, at), "{status:?}");
        }
    }
}
