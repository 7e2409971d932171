//! Portico: an offline-first IT self-service portal that runs in the browser.
//!
//! The crate is split in two, and the split is enforced by the build:
//!
//! * **The pure core** (every module at this level except [`shell`]): configuration, routes,
//!   translations and locale formatting, and — as the portal grows — the domain model,
//!   connectors, form logic, search, markdown and the sync state machine. It builds HTTP
//!   requests and parses responses but never sends them, and never reads the clock: time is
//!   passed in. It has no browser dependency at all, so `cargo test` runs it on the host.
//! * **The browser shell** ([`shell`], wasm32 only): transport, storage, timers and the Leptos
//!   views. Leptos, web-sys, gloo and IndexedDB are wasm32-only dependencies in `Cargo.toml`, so
//!   a core module that reached for the browser would not compile on the host.

#[cfg(feature = "bench")]
pub mod bench;
pub mod config;
pub mod connector;
pub mod deflection;
pub mod demo;
pub mod encoding;
pub mod forms;
pub mod i18n;
pub mod markdown;
pub mod model;
pub mod outbox;
pub mod prefs;
pub mod routes;
pub mod search;
pub mod sync;
pub mod textmatch;
pub mod tracking;

#[cfg(target_arch = "wasm32")]
pub mod shell;
