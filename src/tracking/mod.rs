//! Following one's tickets: the list's filters, sorting and search; which tickets have news
//! since the user last looked; what changed between two background refreshes; when to
//! refresh next; and the notices that tell the user, one at a time. Pure: the shell passes
//! the clock and the randomness in.

mod changes;
mod list;
pub mod notices;
pub mod schedule;

pub use changes::{compare, replies_since, Moved};
pub use list::{counts, needs_attention, select, Counts, ListQuery, Seen, Show, SortBy};
pub use notices::{News, Notices, Place};
pub use schedule::Schedule;

#[cfg(test)]
mod tests;
