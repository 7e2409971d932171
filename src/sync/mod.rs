//! Keeping the device and the backend in step, as pure state machines the shell drives: the
//! push side delivers the outbox exactly once ([`push`]); the background refresh's schedule is
//! shared with it ([`crate::tracking::Schedule`]).

pub mod pull;
pub mod push;
pub mod reads;
pub mod schema;

#[cfg(test)]
mod tests;
