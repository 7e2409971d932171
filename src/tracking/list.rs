//! The "My tickets" list: which tickets to show, in what order, and which need the user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Status, Ticket, TicketKind, Timestamp};

/// Which tickets the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    /// Still being worked on, including those waiting on the user.
    Open,
    /// The service desk asked the user something.
    WaitingOnMe,
    /// Resolved, closed or cancelled.
    Closed,
}

impl Show {
    pub const ALL: [Show; 4] = [Show::All, Show::Open, Show::WaitingOnMe, Show::Closed];

    /// The code used in the page's address (`?show=open`).
    pub fn code(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Open => "open",
            Show::WaitingOnMe => "waiting",
            Show::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Show> {
        Show::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn includes(self, status: Status) -> bool {
        match self {
            Show::All => true,
            Show::Open => status.is_open(),
            Show::WaitingOnMe => status == Status::WaitingOnYou,
            Show::Closed => !status.is_open(),
        }
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Newest activity first.
    #[default]
    Updated,
    /// Newest first.
    Created,
    /// Nearest target first; tickets without one, and finished ones, last.
    Due,
    /// What needs the user first, then by where the ticket is in its lifecycle.
    Status,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::Updated,
        SortBy::Created,
        SortBy::Due,
        SortBy::Status,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortBy::Updated => "updated",
            SortBy::Created => "created",
            SortBy::Due => "due",
            SortBy::Status => "status",
        }
    }

    pub fn from_code(code: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the user asked the list for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub show: Show,
    pub kind: Option<TicketKind>,
    pub sort: SortBy,
    /// Words to find in the number, title, description, status or assignee.
    pub text: String,
}

impl ListQuery {
    /// Whether `ticket` passes every filter but `show`.
    fn passes_others(&self, ticket: &Ticket) -> bool {
        self.kind.is_none_or(|k| ticket.kind == k) && self.text_matches(ticket)
    }

    fn text_matches(&self, ticket: &Ticket) -> bool {
        let text = self.text.trim();
        if text.is_empty() {
            return true;
        }
        let haystack = format!(
            "{} {} {} {} {}",
            ticket.number,
            ticket.title,
            ticket.raw_status,
            ticket.assignee.as_deref().unwrap_or_default(),
            ticket.description
        );
        crate::textmatch::matches(text, &haystack)
    }
}

/// The tickets `query` shows, in its order. Ties keep the newest activity first, then the
/// number, so the order never depends on how the backend listed them.
pub fn select<'a>(tickets: &'a [Ticket], query: &ListQuery, seen: &Seen) -> Vec<&'a Ticket> {
    let mut shown: Vec<&Ticket> = tickets
        .iter()
        .filter(|t| query.show.includes(t.status) && query.passes_others(t))
        .collect();
    let newest = |a: &Ticket, b: &Ticket| b.updated.cmp(&a.updated).then(a.number.cmp(&b.number));
    match query.sort {
        SortBy::Updated => shown.sort_by(|a, b| newest(a, b)),
        SortBy::Created => shown.sort_by(|a, b| b.created.cmp(&a.created).then(newest(a, b))),
        SortBy::Due => shown.sort_by(|a, b| {
            let due = |t: &Ticket| {
                t.due
                    .filter(|_| t.status.is_open())
                    .unwrap_or(Timestamp::MAX)
            };
            due(a).cmp(&due(b)).then(newest(a, b))
        }),
        SortBy::Status => shown.sort_by(|a, b| {
            let rank = |t: &Ticket| {
                let lifecycle = Status::ALL.iter().position(|&s| s == t.status).unwrap_or(0);
                (!needs_attention(t, seen), lifecycle)
            };
            rank(a).cmp(&rank(b)).then(newest(a, b))
        }),
    }
    shown
}

/// How many tickets each `Show` would list with the query's other filters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub all: usize,
    pub open: usize,
    pub waiting: usize,
    pub closed: usize,
}

impl Counts {
    pub fn of(&self, show: Show) -> usize {
        match show {
            Show::All => self.all,
            Show::Open => self.open,
            Show::WaitingOnMe => self.waiting,
            Show::Closed => self.closed,
        }
    }
}

pub fn counts(tickets: &[Ticket], query: &ListQuery) -> Counts {
    let mut counts = Counts::default();
    for t in tickets.iter().filter(|t| query.passes_others(t)) {
        counts.all += 1;
        counts.open += usize::from(Show::Open.includes(t.status));
        counts.waiting += usize::from(Show::WaitingOnMe.includes(t.status));
        counts.closed += usize::from(Show::Closed.includes(t.status));
    }
    counts
}

/// When the user last looked at each ticket (its `updated` then), and since when the portal
/// has been keeping track. Stored per user on the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// The first time the list was shown on this device: older activity is not news.
    #[serde(default)]
    pub since: Option<Timestamp>,
    #[serde(default)]
    pub tickets: BTreeMap<String, Timestamp>,
}

impl Seen {
    /// Starts keeping track at `now`, if not yet started.
    pub fn start(&mut self, now: Timestamp) {
        self.since.get_or_insert(now);
    }

    /// Whether something happened on `ticket` that the user has not seen. A ticket nobody has
    /// touched since it was opened (the user's own new request) is not news.
    pub fn has_news(&self, ticket: &Ticket) -> bool {
        match self.tickets.get(&ticket.id) {
            Some(&looked) => ticket.updated > looked,
            None => self
                .since
                .is_some_and(|since| ticket.updated > since && ticket.updated > ticket.created),
        }
    }

    /// The user has seen `ticket` as it is now; whether that changed anything.
    pub fn look(&mut self, ticket: &Ticket) -> bool {
        let before = self.tickets.insert(ticket.id.clone(), ticket.updated);
        before != Some(ticket.updated)
    }

    /// Forgets tickets no longer listed, so the record does not grow for ever.
    pub fn keep_only(&mut self, tickets: &[Ticket]) {
        self.tickets
            .retain(|id, _| tickets.iter().any(|t| &t.id == id));
    }
}

/// Whether the ticket needs the user: the desk is waiting on them, or there is news.
pub fn needs_attention(ticket: &Ticket, seen: &Seen) -> bool {
    ticket.status == Status::WaitingOnYou || seen.has_news(ticket)
}
