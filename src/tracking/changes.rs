//! What changed between two reads of the user's tickets, to tell them about it.

use crate::model::{AuthorRole, Status, Ticket, TimelineEntry, TimelineEvent, Timestamp};

/// A ticket that moved between two reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub id: String,
    pub number: String,
    pub title: String,
    /// Its status now, if that changed.
    pub new_status: Option<Status>,
    /// Its last activity before, for finding what is new in its timeline.
    pub since: Timestamp,
}

/// The tickets of `before` that have newer activity in `after`, in `after`'s order. A
/// ticket new in `after` is not reported: it is the user's own request, or shows in the list.
pub fn compare(before: &[Ticket], after: &[Ticket]) -> Vec<Moved> {
    after
        .iter()
        .filter_map(|now| {
            let then = before.iter().find(|t| t.id == now.id)?;
            let status_changed = then.status != now.status;
            (now.updated > then.updated || status_changed).then(|| Moved {
                id: now.id.clone(),
                number: now.number.clone(),
                title: now.title.clone(),
                new_status: status_changed.then_some(now.status),
                since: then.updated,
            })
        })
        .collect()
}

/// The service desk's comments on `ticket` after `since`, oldest first.
pub fn replies_since(ticket: &Ticket, since: Timestamp) -> Vec<&TimelineEntry> {
    ticket
        .timeline
        .iter()
        .filter(|e| {
            e.at > since
                && matches!(
                    e.event,
                    TimelineEvent::Comment {
                        role: AuthorRole::Agent,
                        ..
                    }
                )
        })
        .collect()
}
