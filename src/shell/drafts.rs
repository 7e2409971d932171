//! Drafts of requests in IndexedDB (database `portico-drafts`), saved as the user types.

use super::store::KvStore;
use crate::forms::draft::Draft;

const DATABASE: &str = "portico-drafts";

/// The draft kept under `key`, if there is a readable one.
pub async fn load(key: &str) -> Result<Option<Draft>, String> {
    Ok(KvStore::shared(DATABASE)
        .await?
        .get(key)
        .await?
        .as_deref()
        .and_then(Draft::parse))
}

/// Keeps `draft` under `key`, or forgets the key when there is nothing worth keeping.
pub async fn save(key: &str, draft: &Draft, keep: bool) -> Result<(), String> {
    let store = KvStore::shared(DATABASE).await?;
    if keep {
        store.put(key, &draft.to_text()).await
    } else {
        store.delete(key).await
    }
}

/// Every readable draft whose key starts with `prefix`, with its key.
pub async fn list(prefix: &str) -> Result<Vec<(String, Draft)>, String> {
    let entries = KvStore::shared(DATABASE).await?.entries(prefix).await?;
    Ok(entries
        .into_iter()
        .filter_map(|(k, text)| Some((k, Draft::parse(&text)?)))
        .collect())
}
