//! Drafts of requests in IndexedDB (database `portico-drafts`), saved as the user types.

use std::cell::RefCell;
use std::rc::Rc;

use super::store::KvStore;
use crate::forms::draft::Draft;

const DATABASE: &str = "portico-drafts";

thread_local! {
    static STORE: RefCell<Option<Rc<KvStore>>> = const { RefCell::new(None) };
}

async fn store() -> Result<Rc<KvStore>, String> {
    if let Some(store) = STORE.with(|s| s.borrow().clone()) {
        return Ok(store);
    }
    let store = Rc::new(KvStore::open(DATABASE).await?);
    STORE.with(|s| *s.borrow_mut() = Some(store.clone()));
    Ok(store)
}

/// The draft kept under `key`, if there is a readable one.
pub async fn load(key: &str) -> Result<Option<Draft>, String> {
    Ok(store()
        .await?
        .get(key)
        .await?
        .as_deref()
        .and_then(Draft::parse))
}

/// Keeps `draft` under `key`, or forgets the key when there is nothing worth keeping.
pub async fn save(key: &str, draft: &Draft, keep: bool) -> Result<(), String> {
    let store = store().await?;
    if keep {
        store.put(key, &draft.to_text()).await
    } else {
        store.delete(key).await
    }
}
