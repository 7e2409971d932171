//! The browser shell: everything that touches the DOM, the network, storage or the clock.
//! It stays thin: decisions are made in the core, the shell carries them out.
//!
//! Data flows `config` (load) -> `state` (signals) -> `views`; user choices flow back through
//! `state` into `platform` (preferences, document attributes).

mod backend;
mod config_loader;
mod crash;
mod demo_desk;
pub mod demo_worker;
mod drafts;
mod kb;
pub(crate) mod outbox;
mod platform;
mod session;
mod state;
mod store;
mod tabs;
pub(crate) mod tracking;
pub(crate) mod usage;
mod views;
mod worker_protocol;

#[cfg(test)]
mod store_tests;
#[cfg(test)]
mod tests;

/// Entry point: install the crash page, then mount the portal.
pub fn start() {
    crash::install();
    leptos::mount::mount_to_body(views::Boot);
    platform::remove_boot_placeholder();
}
