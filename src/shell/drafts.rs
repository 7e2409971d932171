//! Drafts of requests in IndexedDB (the user's `drafts` store, which trimming the caches for
//! room never touches), saved as the user types. Every key starts with the user's
//! [`crate::forms::draft::draft_prefix`], which names their database.

use super::store::KvStore;
use crate::connector::Upload;
use crate::forms::draft::Draft;
use crate::sync::schema::{legacy_owner, Area};

/// The drafts store of the user whose key this is.
async fn store(key: &str) -> Result<KvStore, String> {
    let owner = legacy_owner(key).ok_or_else(|| format!("a draft key names no user: {key}"))?;
    KvStore::of(owner, Area::Drafts).await
}

/// The draft kept under `key`, if there is a readable one.
pub async fn load(key: &str) -> Result<Option<Draft>, String> {
    Ok(store(key)
        .await?
        .get(key)
        .await?
        .as_deref()
        .and_then(Draft::parse))
}

/// Keeps `draft` under `key`, or forgets the key when there is nothing worth keeping.
pub async fn save(key: &str, draft: &Draft, keep: bool) -> Result<(), String> {
    let store = store(key).await?;
    if keep {
        store.put(key, &draft.to_text()).await
    } else {
        store.delete(key).await
    }
}

/// Every readable draft whose key starts with `prefix`, with its key.
pub async fn list(prefix: &str) -> Result<Vec<(String, Draft)>, String> {
    let entries = store(prefix).await?.entries(prefix).await?;
    Ok(entries
        .into_iter()
        .filter_map(|(k, text)| Some((k, Draft::parse(&text)?)))
        .collect())
}

/// Where a draft's files are kept: beside it, written only when they change, so typing does
/// not rewrite megabytes of files on every keystroke, and outside the drafts' key range, so
/// listing drafts never reads them.
fn files_key(key: &str) -> String {
    format!("files:{key}")
}

/// The files kept with the draft under `key`.
pub async fn load_files(key: &str) -> Result<Vec<(String, Upload)>, String> {
    Ok(store(key)
        .await?
        .get(&files_key(key))
        .await?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

/// Keeps the files of the draft under `key` (none: forgets them).
pub async fn save_files(key: &str, files: &[(String, Upload)]) -> Result<(), String> {
    let store = store(key).await?;
    if files.is_empty() {
        store.delete(&files_key(key)).await
    } else {
        let text = serde_json::to_string(files).map_err(|e| e.to_string())?;
        store.put(&files_key(key), &text).await
    }
}
