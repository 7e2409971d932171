//! Following one's tickets: the list's filters, sorting and search; which tickets have news
//! since the user last looked; what changed between two background refreshes; and when to
//! refresh next. Pure: the shell passes the clock and the randomness in.

mod changes;
mod list;
pub mod schedule;

pub use changes::{compare, replies_since, Moved};
pub use list::{counts, needs_attention, select, Counts, ListQuery, Seen, Show, SortBy};
pub use schedule::Schedule;

#[cfg(test)]
mod tests;
