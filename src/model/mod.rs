//! The one model every backend is mapped into. Connectors translate each ITSM system's own
//! fields and states into these types; views and sync only ever see these.

mod catalog;
mod form;
mod knowledge;
mod ticket;

pub use catalog::{popular, remember_use, Announcement, CatalogItem, Category, Severity};
pub use form::{Choice, Clause, Effect, Field, FieldKind, FormSchema, Match, Op, Rule, Value};
pub use knowledge::{suggestions, Article, BodyFormat, Translation, Votes};
pub use ticket::{
    order_timeline, status_steps, AuthorRole, Person, Priority, Status, Ticket, TicketAction,
    TicketKind, TimelineEntry, TimelineEvent,
};

/// Seconds since the Unix epoch, UTC. The core never reads a clock; callers pass time in.
pub type Timestamp = i64;
