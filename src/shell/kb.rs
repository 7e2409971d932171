//! The knowledge base on this device: the search index over the user's articles, kept in
//! IndexedDB so a warm start searches at once (and offline), and brought up to date from the
//! backend by re-indexing only the articles that changed.
//!
//! One index per connector (the connector id names the backend and the user), so one user
//! never searches another's articles. The index holds no credentials, only article text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::store::KvStore;
use super::views::data::all_pages;
use super::{backend, platform};
use crate::connector::PortalError;
use crate::model::Article;
use crate::search::{Doc, Index};
use crate::sync::schema::Area;

/// The index and, once fetched this session, the articles' texts.
#[derive(Default)]
pub struct Kb {
    pub index: Index,
    /// Plain text of each article's body, by id, for snippets and proximity.
    pub texts: HashMap<String, String>,
    /// Each article's translations, by id, so related articles skip them.
    pub translations: HashMap<String, Vec<String>>,
    /// Whether the backend's list was read this session.
    pub synced: bool,
}

thread_local! {
    static OPEN: RefCell<Option<(String, Rc<RefCell<Kb>>)>> = const { RefCell::new(None) };
}

fn key(connector_id: &str) -> String {
    format!("index:{}:{connector_id}", connector_id.len())
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
        Ok(store) => match store.get_bytes(&key(&id)).await {
            Ok(Some(bytes)) => match Index::from_bytes(&bytes) {
                Ok(index) => kb.index = index,
                Err(e) => platform::warn(&format!("Search index rebuilt: {e}")),
            },
            Ok(None) => {}
            Err(e) => platform::warn(&format!("Saved search index unreadable: {e}")),
        },
        Err(e) => platform::warn(&e),
    }
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

/// Reads every article from the backend and re-indexes those that are new or changed, drops
/// those that are gone, and saves the index when anything changed. Returns how many changed.
pub async fn sync(kb: &Rc<RefCell<Kb>>) -> Result<usize, PortalError> {
    let id = backend::connector().map(|c| c.id()).unwrap_or_default();
    let articles = all_pages(|c, r| c.list_articles(r)).await?;
    let changed = {
        let mut kb = kb.borrow_mut();
        let stale: Vec<&Article> = articles
            .iter()
            .filter(|a| kb.index.updated(&a.id) != Some(a.updated))
            .collect();
        let listed: std::collections::HashSet<&str> =
            articles.iter().map(|a| a.id.as_str()).collect();
        let gone: Vec<String> = kb
            .index
            .entries()
            .filter(|e| !listed.contains(e.id))
            .map(|e| e.id.to_owned())
            .collect();
        let count = stale.len() + gone.len();
        // The index reads plain text, so markup (HTML tags, link targets) is not searched.
        let texts: Vec<(String, String)> = articles
            .iter()
            .map(|a| (a.id.clone(), a.plain_text()))
            .collect();
        let bodies: HashMap<&str, &str> = texts
            .iter()
            .map(|(i, t)| (i.as_str(), t.as_str()))
            .collect();
        kb.index.add(stale.iter().map(|a| Doc {
            body: bodies.get(a.id.as_str()).copied().unwrap_or_default(),
            ..Doc::from(*a)
        }));
        for id in &gone {
            kb.index.remove(id);
        }
        kb.translations = articles
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    a.translations.iter().map(|t| t.id.clone()).collect(),
                )
            })
            .collect();
        kb.texts = texts.into_iter().collect();
        kb.synced = true;
        count
    };
    if changed > 0 {
        save(kb, &id).await;
    }
    Ok(changed)
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
    }
    save(&kb, &id).await;
}

async fn save(kb: &Rc<RefCell<Kb>>, connector_id: &str) {
    let bytes = kb.borrow().index.to_bytes();
    let stored = match KvStore::of(connector_id, Area::Search).await {
        Ok(store) => store.put_bytes(&key(connector_id), &bytes).await,
        Err(e) => Err(e),
    };
    if let Err(e) = stored {
        // Search still works from memory; the next start rebuilds.
        platform::warn(&format!("Search index not saved: {e}"));
    }
}
