//! The embedded demo service desk: a small ITSM service with its own REST dialect, pure Rust.
//! In the browser the shell's transport answers `/demo-api/` requests with it (so the portal
//! goes through the same connector code paths as with a real backend) and keeps its state in
//! IndexedDB; on the host, tests drive it directly with an injected clock.
//!
//! It behaves like a live desk: new requests get numbers, are picked up by an agent, sometimes
//! get a question back (waiting on you), and are resolved, then closed.

mod lifecycle;
mod localize;
mod seed;
mod service;
pub mod wire;

pub use seed::{article_slugs, parse_article, SeedError};
pub use service::DemoService;

#[cfg(test)]
mod i18n_tests;
#[cfg(test)]
mod tests;
