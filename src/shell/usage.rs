//! What this device remembers of the user's own use: recently opened catalog items and the
//! deflection tally. Kept per user (the connector id names them) in localStorage, and never on
//! a kiosk, where the next person starts afresh.

use leptos::prelude::WithValue;

use super::{backend, platform, state::AppState};
use crate::deflection::Deflections;

const RECENT_LIMIT: usize = 4;

fn key(app: AppState, what: &str) -> Option<String> {
    if app.config.with_value(|c| c.kiosk) {
        return None;
    }
    backend::connector().map(|c| format!("portico.{what}.{}", c.id()))
}

/// Recently opened catalog item ids, most recent first.
pub fn recent_items(app: AppState) -> Vec<String> {
    key(app, "recent")
        .and_then(|k| platform::load_pref(&k))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Notes that the user opened catalog item `id`.
pub fn note_item_opened(app: AppState, id: &str) {
    if let Some(k) = key(app, "recent") {
        let list = crate::model::remember_use(&recent_items(app), id, RECENT_LIMIT);
        platform::save_pref(&k, &serde_json::to_string(&list).unwrap_or_default());
    }
}

fn change_deflections(app: AppState, change: impl FnOnce(&mut Deflections)) {
    if let Some(k) = key(app, "deflections") {
        let mut tally = deflections(app);
        change(&mut tally);
        platform::save_pref(&k, &tally.to_text());
    }
}

/// The tally kept on this device.
pub fn deflections(app: AppState) -> Deflections {
    key(app, "deflections")
        .and_then(|k| platform::load_pref(&k))
        .map(|text| Deflections::parse(&text))
        .unwrap_or_default()
}

/// The user opened a suggested article while writing a request for `item`.
pub fn note_suggestion_opened(app: AppState, item: &str) {
    change_deflections(app, |d| d.opened(item, platform::now_unix_seconds()));
}

/// The user sent (or queued) a request for `item`.
pub fn note_submitted(app: AppState, item: &str) {
    change_deflections(app, |d| d.submitted(item, platform::now_unix_seconds()));
}

/// The user's vote on article `id` from this device, if any.
pub fn vote(app: AppState, id: &str) -> Option<bool> {
    votes(app)
        .into_iter()
        .find(|(a, _)| a == id)
        .map(|(_, v)| v)
}

fn votes(app: AppState) -> Vec<(String, bool)> {
    key(app, "votes")
        .and_then(|k| platform::load_pref(&k))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the user's vote on article `id` (the most recent 200 votes are kept).
pub fn note_vote(app: AppState, id: &str, helpful: bool) {
    if let Some(k) = key(app, "votes") {
        let mut list = votes(app);
        list.retain(|(a, _)| a != id);
        list.insert(0, (id.to_owned(), helpful));
        list.truncate(200);
        platform::save_pref(&k, &serde_json::to_string(&list).unwrap_or_default());
    }
}
