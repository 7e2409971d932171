//! The notices the background refresh raises ("REQ-1003 is now Resolved"), shown one at a
//! time: oldest first, so a burst reads in the order things happened (a status change, then
//! the reply that came with it), each for a lifetime that stops running while the user holds
//! it (pointer over it, focus in it, or no room for it beside the focused field), until it is
//! dismissed. What a notice said stays visible afterwards as the ticket list's "New activity"
//! marks and the navigation's count, so a notice that went away is never lost (WCAG 2.2.1).
//! Pure: the shell passes the clock in, in milliseconds, and owns the one timer.

use std::collections::VecDeque;

/// A change the user is told about.
#[derive(Clone, Debug, PartialEq)]
pub struct News {
    /// Unique for the page's life: tells two notices with the same words apart.
    pub serial: u64,
    pub ticket_id: String,
    pub text: String,
}

/// At most this many notices wait behind the one shown; a burst drops its oldest waiting ones
/// (their tickets stay marked in the list).
pub const MAX_WAITING: usize = 3;

/// How long a notice stays: about 8 s, longer for long text (a reading pace of ~17
/// characters a second), never more than 20 s.
pub fn lifetime_ms(text: &str) -> u64 {
    (2_000 + 60 * text.chars().count() as u64).clamp(8_000, 20_000)
}

/// The notice shown and those waiting, with the shown one's remaining time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notices {
    /// The front one is shown.
    queue: VecDeque<News>,
    /// Milliseconds the shown notice has left when its time next runs.
    left: u64,
    /// Since when its time runs; `None` while held.
    since: Option<u64>,
    held: bool,
}

impl Notices {
    /// The notice to show, if any.
    pub fn current(&self) -> Option<&News> {
        self.queue.front()
    }

    /// How many wait behind the one shown.
    pub fn waiting(&self) -> usize {
        self.queue.len().saturating_sub(1)
    }

    /// Queues a notice; it shows at once if none is shown.
    pub fn push(&mut self, news: News, now: u64) {
        self.queue.push_back(news);
        if self.queue.len() == 1 {
            self.start(now);
        }
        while self.waiting() > MAX_WAITING {
            self.queue.remove(1);
        }
    }

    /// Whether the notice shown is held; while it is, its time stands still.
    pub fn hold(&mut self, held: bool, now: u64) {
        if held == self.held {
            return;
        }
        self.held = held;
        if held {
            if let Some(since) = self.since.take() {
                self.left = self.left.saturating_sub(now.saturating_sub(since));
            }
        } else if !self.queue.is_empty() {
            self.since = Some(now);
        }
    }

    /// When the notice shown goes, unless it is held or dismissed first.
    pub fn expires_at(&self) -> Option<u64> {
        self.since.map(|since| since + self.left)
    }

    /// Retires the notice shown if its time is up; whether it did.
    pub fn tick(&mut self, now: u64) -> bool {
        let due = self.expires_at().is_some_and(|at| at <= now);
        if due {
            self.dismiss(now);
        }
        due
    }

    /// The user dismissed the notice shown: the next one, if any, shows.
    pub fn dismiss(&mut self, now: u64) {
        self.queue.pop_front();
        self.start(now);
    }

    /// Drops the notices about one ticket (the user opened it).
    pub fn forget_ticket(&mut self, ticket_id: &str, now: u64) {
        let shown = self.current().map(|n| n.serial);
        self.queue.retain(|n| n.ticket_id != ticket_id);
        if self.current().map(|n| n.serial) != shown {
            self.start(now);
        }
    }

    fn start(&mut self, now: u64) {
        self.left = self.current().map_or(0, |n| lifetime_ms(&n.text));
        self.since = (!self.held && !self.queue.is_empty()).then_some(now);
    }
}

/// Where the notice goes on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Bottom,
    Top,
    /// Either spot would cover the focused element: wait, hidden, until focus moves.
    Hold,
}

/// Where a notice `height` high goes so that it never covers the focused element, whose top
/// and bottom edges are `focus` (in viewport pixels; `None` when nothing in particular has
/// focus), in a visible area `viewport` high, `margin` from its edges: at the bottom unless
/// that would cover the focus, else at the top, else nowhere for now.
pub fn place(focus: Option<(f64, f64)>, height: f64, viewport: f64, margin: f64) -> Place {
    let Some((top, bottom)) = focus else {
        return Place::Bottom;
    };
    let clear_of = |from: f64, to: f64| bottom <= from || top >= to;
    if clear_of(viewport - margin - height, viewport - margin) {
        Place::Bottom
    } else if clear_of(margin, margin + height) {
        Place::Top
    } else {
        Place::Hold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn news(serial: u64, ticket: &str) -> News {
        News {
            serial,
            ticket_id: ticket.into(),
            text: format!("REQ-{serial} changed"),
        }
    }

    #[test]
    fn one_shows_at_a_time_oldest_first_each_for_its_lifetime() {
        let mut n = Notices::default();
        assert_eq!(n.current(), None);
        assert_eq!(n.expires_at(), None);
        n.push(news(1, "a"), 1_000);
        n.push(news(2, "a"), 1_500);
        assert_eq!(n.current().map(|c| c.serial), Some(1));
        assert_eq!(n.waiting(), 1);
        assert_eq!(n.expires_at(), Some(9_000));
        assert!(!n.tick(8_999));
        assert!(n.tick(9_000));
        // The next one gets a full lifetime from when it shows.
        assert_eq!(n.current().map(|c| c.serial), Some(2));
        assert_eq!(n.expires_at(), Some(17_000));
        assert!(n.tick(17_000));
        assert_eq!(n.current(), None);
        assert_eq!(n.expires_at(), None);
        assert!(!n.tick(99_000));
    }

    #[test]
    fn holding_stops_the_time_and_letting_go_resumes_it() {
        let mut n = Notices::default();
        n.push(news(1, "a"), 0);
        n.hold(true, 3_000);
        assert_eq!(n.expires_at(), None);
        assert!(!n.tick(60_000));
        n.hold(false, 60_000);
        assert_eq!(n.expires_at(), Some(65_000));
        // Held when the next one arrives: it waits its turn, held too.
        n.hold(true, 61_000);
        n.dismiss(62_000);
        assert_eq!(n.current(), None);
        n.push(news(2, "a"), 63_000);
        assert_eq!(n.expires_at(), None);
        n.hold(false, 70_000);
        assert_eq!(n.expires_at(), Some(78_000));
        // Saying the same twice changes nothing.
        n.hold(false, 71_000);
        assert_eq!(n.expires_at(), Some(78_000));
    }

    #[test]
    fn dismissing_shows_the_next_and_a_burst_keeps_the_newest_few() {
        let mut n = Notices::default();
        for serial in 1..=6 {
            n.push(news(serial, "a"), 0);
        }
        assert_eq!(n.waiting(), MAX_WAITING);
        let order: Vec<u64> = std::iter::from_fn(|| {
            let serial = n.current()?.serial;
            n.dismiss(0);
            Some(serial)
        })
        .collect();
        assert_eq!(order, [1, 4, 5, 6]);
    }

    #[test]
    fn opening_a_ticket_forgets_its_notices_and_times_the_next_afresh() {
        let mut n = Notices::default();
        n.push(news(1, "a"), 0);
        n.push(news(2, "b"), 0);
        n.push(news(3, "a"), 0);
        n.push(news(4, "c"), 0);
        n.forget_ticket("c", 5_000);
        assert_eq!(n.expires_at(), Some(8_000));
        n.forget_ticket("a", 5_000);
        assert_eq!(n.current().map(|c| c.serial), Some(2));
        assert_eq!(n.waiting(), 0);
        assert_eq!(n.expires_at(), Some(13_000));
    }

    #[test]
    fn long_notices_stay_longer_within_bounds() {
        assert_eq!(lifetime_ms("short"), 8_000);
        assert_eq!(lifetime_ms(&"x".repeat(200)), 14_000);
        assert_eq!(lifetime_ms(&"x".repeat(2_000)), 20_000);
    }

    #[test]
    fn the_notice_never_covers_the_focused_element() {
        // A 390×844 phone, a notice 100 px high, 16 px from the edges.
        let at = |focus| place(focus, 100.0, 844.0, 16.0);
        assert_eq!(at(None), Place::Bottom);
        assert_eq!(at(Some((200.0, 240.0))), Place::Bottom);
        assert_eq!(at(Some((700.0, 740.0))), Place::Top);
        assert_eq!(at(Some((760.0, 830.0))), Place::Top);
        // Touching edges do not overlap.
        assert_eq!(at(Some((100.0, 728.0))), Place::Bottom);
        assert_eq!(at(Some((116.0, 740.0))), Place::Top);
        // A field as tall as the screen leaves no room: wait.
        assert_eq!(at(Some((50.0, 800.0))), Place::Hold);
    }
}
