//! Leptos views. Pages are one file per area under `pages/`; shared pieces sit beside this file.
//! Presentational components take props and read app state; they never fetch.

mod app;
mod attachment_field;
mod chrome;
pub(super) mod data;
mod form_fields;
mod icons;
pub(super) mod markdown_view;
mod notices;
mod page;
mod pages;
mod reference_field;
mod request_form;
mod updates;

#[cfg(test)]
pub use app::App;
pub use app::Boot;
