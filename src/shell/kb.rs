//! The knowledge base on this device: the search index over the user's articles, with their
//! texts (for snippets) and translations, kept in IndexedDB so a warm start searches at once
//! (and offline), and brought up to date by pulling only the articles changed since the last
//! sync ([`crate::sync::pull`]), with a full listing every few hours to drop deleted ones.
//!
//! One index per connector (the connector id names the backend and the user), so one user
//! never searches another's articles. The index holds no credentials, only article text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::store::KvStore;
use super::{backend, platform};
use crate::connector::PortalError;
use crate::model::Article;
use crate::search::{Doc, Edition, Editions, Index};
use crate::sync::pull::{Cursor, Pull};
use crate::sync::schema::Area;

/// The index, the articles' texts and translations, and where the last sync ended.
#[derive(Default)]
pub struct Kb {
    pub index: Index,
    /// Plain text of each article's body, by id, for snippets and proximity.
    pub texts: HashMap<String, String>,
    /// Each article's translations, by id, so related articles skip them.
    pub translations: HashMap<String, Vec<String>>,
    /// Which articles are editions of one another, and which categories are one, from the
    /// translations; rebuilt whenever articles come or go.
    pub editions: Editions,
    /// Whether the backend's list was read this session.
    pub synced: bool,
    /// Where the next sync starts.
    cursor: Cursor,
}

/// What is kept beside the index, in the same transaction.
#[derive(Default, Serialize, Deserialize)]
struct Beside {
    texts: HashMap<String, String>,
    translations: HashMap<String, Vec<String>>,
    cursor: Cursor,
}

thread_local! {
    static OPEN: RefCell<Option<(String, Rc<RefCell<Kb>>)>> = const { RefCell::new(None) };
}

fn key(connector_id: &str) -> String {
    format!("index:{}:{connector_id}", connector_id.len())
}

fn beside_key(connector_id: &str) -> String {
    format!("texts:{}:{connector_id}", connector_id.len())
}

impl Kb {
    /// Groups the articles' editions again, after articles came or went.
    fn regroup(&mut self) {
        let none = Vec::new();
        self.editions = Editions::new(self.index.entries().map(|e| Edition {
            id: e.id,
            language: e.language,
            category: e.category,
            translations: self.translations.get(e.id).unwrap_or(&none),
        }));
    }
}

/// This user's knowledge base: from memory, else from IndexedDB, else empty. A saved index
/// that cannot be read is logged and rebuilt, never fatal.
pub async fn open() -> Option<Rc<RefCell<Kb>>> {
    let id = backend::connector()?.id();
    let open = OPEN.with(|o| {
        o.borrow()
            .as_ref()
            .filter(|(owner, _)| *owner == id)
            .map(|(_, kb)| kb.clone())
    });
    if let Some(kb) = open {
        return Some(kb);
    }
    let mut kb = Kb::default();
    match KvStore::of(&id, Area::Search).await {
        Ok(store) => {
            match store.get_bytes(&key(&id)).await {
                Ok(Some(bytes)) => match Index::from_bytes(&bytes) {
                    Ok(index) => kb.index = index,
                    Err(e) => platform::warn(&format!("Search index rebuilt: {e}")),
                },
                Ok(None) => {}
                Err(e) => platform::warn(&format!("Saved search index unreadable: {e}")),
            }
            // Texts and the cursor go with the index: without them (an index saved by an
            // earlier version, or damaged), the next sync reads everything again.
            let beside = store
                .get(&beside_key(&id))
                .await
                .ok()
                .flatten()
                .and_then(|text| serde_json::from_str::<Beside>(&text).ok());
            if let Some(beside) = beside.filter(|_| !kb.index.is_empty()) {
                kb.texts = beside.texts;
                kb.translations = beside.translations;
                kb.cursor = beside.cursor;
            }
        }
        Err(e) => platform::warn(&e),
    }
    kb.regroup();
    // Another call may have finished first while this one awaited: keep that one.
    let kb = OPEN.with(|o| {
        let mut o = o.borrow_mut();
        match o.as_ref().filter(|(owner, _)| *owner == id) {
            Some((_, existing)) => existing.clone(),
            None => {
                let kb = Rc::new(RefCell::new(kb));
                *o = Some((id.clone(), kb.clone()));
                kb
            }
        }
    });
    Some(kb)
}

/// Runs `f` on this user's knowledge base, if it is open.
pub fn with<R>(f: impl FnOnce(&Kb) -> R) -> Option<R> {
    let id = backend::connector()?.id();
    OPEN.with(|o| {
        o.borrow()
            .as_ref()
            .filter(|(owner, _)| *owner == id)
            .map(|(_, kb)| f(&kb.borrow()))
    })
}

/// Pulls the articles changed since the last sync (all of them on a first run and at each
/// sweep, which also finds deleted ones), re-indexes those that are new or changed, drops
/// those that are gone, and saves the index, texts and cursor together. Returns how many
/// articles changed.
pub async fn sync(kb: &Rc<RefCell<Kb>>) -> Result<usize, PortalError> {
    let connector = backend::connector().ok_or(PortalError::NotSignedIn)?;
    let id = connector.id();
    let now = platform::now_unix_seconds();
    let mut pull = Pull::start(kb.borrow().cursor.clone(), now);
    while let Some(request) = pull.request().cloned() {
        pull.page(backend::run(connector.list_articles(&request)).await?)?;
    }
    let changed = {
        let mut kb = kb.borrow_mut();
        let held: Vec<String> = kb.index.entries().map(|e| e.id.to_owned()).collect();
        let outcome = pull.finish(held.iter().map(String::as_str), |a: &Article| &a.id, now)?;
        let stale: Vec<&Article> = outcome
            .upserts
            .iter()
            .filter(|a| kb.index.updated(&a.id) != Some(a.updated) || !kb.texts.contains_key(&a.id))
            .collect();
        let count = stale.len() + outcome.deletions.len();
        // The index reads plain text, so markup (HTML tags, link targets) is not searched.
        let texts: Vec<(String, String)> = stale
            .iter()
            .map(|a| (a.id.clone(), a.plain_text()))
            .collect();
        kb.index
            .add(stale.iter().zip(&texts).map(|(a, (_, body))| Doc {
                body,
                ..Doc::from(*a)
            }));
        kb.texts.extend(texts);
        for a in &outcome.upserts {
            let translations = a.translations.iter().map(|t| t.id.clone()).collect();
            kb.translations.insert(a.id.clone(), translations);
        }
        for gone in &outcome.deletions {
            kb.index.remove(gone);
            kb.texts.remove(gone);
            kb.translations.remove(gone);
        }
        if count > 0 {
            kb.regroup();
        }
        let moved = kb.cursor != outcome.cursor;
        kb.cursor = outcome.cursor;
        kb.synced = true;
        (count, moved)
    };
    match changed {
        (0, false) => {}
        (0, true) => save_cursor(kb, &id).await,
        _ => save(kb, &id).await,
    }
    Ok(changed.0)
}

/// Re-indexes one article the user opened, when it is newer than the indexed copy.
pub async fn note_article(article: &Article) {
    let Some(kb) = open().await else { return };
    let id = backend::connector().map(|c| c.id()).unwrap_or_default();
    let text = article.plain_text();
    {
        let mut kb = kb.borrow_mut();
        if kb.index.updated(&article.id) == Some(article.updated) {
            return;
        }
        kb.index.add([Doc {
            body: &text,
            ..Doc::from(article)
        }]);
        kb.texts.insert(article.id.clone(), text.clone());
        kb.regroup();
    }
    save(&kb, &id).await;
}

/// What is kept beside the index, as stored.
fn beside_text(kb: &Rc<RefCell<Kb>>) -> Option<String> {
    let kb = kb.borrow();
    serde_json::to_string(&Beside {
        texts: kb.texts.clone(),
        translations: kb.translations.clone(),
        cursor: kb.cursor.clone(),
    })
    .ok()
}

/// Saves the index with its texts and cursor, in one transaction.
async fn save(kb: &Rc<RefCell<Kb>>, connector_id: &str) {
    let bytes = kb.borrow().index.to_bytes();
    let Some(beside) = beside_text(kb) else {
        return;
    };
    let entries = vec![
        (
            key(connector_id),
            js_sys::Uint8Array::from(bytes.as_slice()).into(),
        ),
        (beside_key(connector_id), JsValue::from_str(&beside)),
    ];
    let stored = match KvStore::of(connector_id, Area::Search).await {
        Ok(store) => store.put_all(entries).await,
        Err(e) => Err(e),
    };
    if let Err(e) = stored {
        // Search still works from memory; the next start reads everything again.
        platform::warn(&format!("Search index not saved: {e}"));
    }
}

/// Nothing changed but the cursor: saves the texts and cursor only, not the index.
async fn save_cursor(kb: &Rc<RefCell<Kb>>, connector_id: &str) {
    let Some(beside) = beside_text(kb) else {
        return;
    };
    let stored = match KvStore::of(connector_id, Area::Search).await {
        Ok(store) => store.put(&beside_key(connector_id), &beside).await,
        Err(e) => Err(e),
    };
    if let Err(e) = stored {
        platform::warn(&format!("Search cursor not saved: {e}"));
    }
}
