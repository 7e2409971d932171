//! Requests the knowledge base answered: the user, writing a request, opened a suggested
//! article and then did not send the request. Counted per device, for the Settings page.

use serde::{Deserialize, Serialize};

use crate::model::Timestamp;

/// How long after opening a suggestion sending the same request still means it did not help.
pub const WINDOW_SECONDS: i64 = 24 * 3600;

/// The tally: settled deflections, and items whose suggestion was opened recently.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deflections {
    pub settled: u64,
    /// Item ids with the time a suggestion was opened while writing a request for them.
    pub open: Vec<(String, Timestamp)>,
}

impl Deflections {
    /// Reads a stored tally; anything unreadable starts afresh.
    pub fn parse(text: &str) -> Deflections {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A suggestion was opened while writing a request for `item`.
    pub fn opened(&mut self, item: &str, now: Timestamp) {
        self.settle(now);
        if !self.open.iter().any(|(i, _)| i == item) {
            self.open.push((item.to_owned(), now));
        }
    }

    /// The request for `item` was sent after all: the suggestion did not solve it.
    pub fn submitted(&mut self, item: &str, now: Timestamp) {
        self.settle(now);
        self.open.retain(|(i, _)| i != item);
    }

    /// Requests not sent after a suggestion was read (recent ones count already: the user left).
    pub fn count(&self) -> u64 {
        self.settled + self.open.len() as u64
    }

    /// Entries older than the window are settled: a request sent later is another need.
    fn settle(&mut self, now: Timestamp) {
        let before = self.open.len();
        self.open.retain(|(_, at)| now - at < WINDOW_SECONDS);
        self.settled += (before - self.open.len()) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaving_after_a_suggestion_counts_and_sending_anyway_does_not() {
        let mut d = Deflections::default();
        d.opened("vpn", 0);
        assert_eq!(d.count(), 1, "opened a suggestion and left");
        d.opened("vpn", 10);
        assert_eq!(d.count(), 1, "one request, however many articles were read");
        d.submitted("vpn", 20);
        assert_eq!(d.count(), 0, "sent after all: the article did not help");
        d.opened("printer", 100);
        d.opened("laptop", 100);
        d.submitted("printer", 100 + WINDOW_SECONDS);
        assert_eq!(d.count(), 2, "a request sent a day later is a new need");
        assert_eq!(Deflections::parse(&d.to_text()), d);
        assert_eq!(Deflections::parse("{not json"), Deflections::default());
    }
}
