//! The device's store over IndexedDB: one database per (backend, user) with one object store
//! per kind of data ([`crate::sync::schema`]), each used as a key-value store. Every write is
//! one transaction committed before the call returns; no transaction spans a network request.
//!
//! - **Upgrades.** Databases open at the schema's version, creating what earlier versions
//!   lacked. If another tab holds an older version open, the open is `blocked`: the page says
//!   so ([`StoreEvent::Blocked`]) instead of hanging, and tabs of this version close their
//!   connection on `versionchange` and ask to be reloaded ([`StoreEvent::Replaced`]).
//! - **Room.** A write refused for quota empties the caches (never the outbox or drafts), in
//!   [`TRIM_ORDER`], and is tried once more.
//! - **Legacy.** The first time a user's database opens, their keys move in from the databases
//!   all users once shared, and no one else's.
//!
//! Errors come back as text for the UI to explain.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use wasm_bindgen::{JsCast, JsValue};

use crate::sync::schema::{
    self, database_name, legacy_owner, Area, LEGACY, LEGACY_MOVED, LEGACY_STORE, TRIM_ORDER,
};

/// What the store tells the page about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreEvent {
    /// Another tab holds an older version of the database open; opening waits for it.
    Blocked,
    /// The wait is over.
    Unblocked,
    /// Another tab opened a newer version: this tab's connection is closed; it must reload.
    Replaced,
    /// The device ran out of room and the caches were emptied to keep what the user wrote.
    Trimmed,
}

type Listener = Rc<dyn Fn(StoreEvent)>;

thread_local! {
    static OPEN: RefCell<Vec<(String, Database)>> = const { RefCell::new(Vec::new()) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Sets what hears the store's events (the app, to show them).
pub fn on_event(listener: impl Fn(StoreEvent) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(listener)));
}

fn tell(event: StoreEvent) {
    if let Some(listener) = LISTENER.with(|l| l.borrow().clone()) {
        listener(event);
    }
}

/// The store benchmark (`./portico bench store`) sets `window.porticoStoreLog` to an array;
/// each write transaction then adds `[store, records, bytes, milliseconds]` to it.
fn bench_log() -> Option<js_sys::Array> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("porticoStoreLog"))
        .ok()?
        .dyn_into()
        .ok()
}

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| {
            let now: js_sys::Function = js_sys::Reflect::get(&p, &JsValue::from_str("now"))
                .ok()?
                .dyn_into()
                .ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// A failure, with whether it was the device being out of room.
struct Failure {
    text: String,
    quota: bool,
}

impl From<indexed_db_futures::error::Error> for Failure {
    fn from(e: indexed_db_futures::error::Error) -> Failure {
        let name = match &e {
            indexed_db_futures::error::Error::DomException(d) => {
                js_sys::Reflect::get(d.as_ref(), &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string())
            }
            _ => None,
        };
        let text = e.to_string();
        Failure {
            quota: name.as_deref() == Some("QuotaExceededError")
                || text.to_ascii_lowercase().contains("quota"),
            text,
        }
    }
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// One object store of an open database.
#[derive(Clone)]
pub struct KvStore {
    db: Database,
    store: &'static str,
    /// Whether this is a user database, whose caches may be trimmed for room.
    trimmable: bool,
}

/// Opens `name` at `version`; `create(old)` names the stores an upgrade from `old` adds.
async fn open_at(
    name: &str,
    version: u32,
    create: impl Fn(u32) -> Vec<&'static str> + 'static,
) -> Result<Database, String> {
    let blocked = Rc::new(std::cell::Cell::new(false));
    let was_blocked = blocked.clone();
    let db = Database::open(name)
        .with_version(version)
        .with_on_blocked(move |_| {
            was_blocked.set(true);
            tell(StoreEvent::Blocked);
            Ok(())
        })
        .with_on_upgrade_needed(move |event, db| {
            // Versions are small whole numbers; anything else is treated as new.
            let old = event.old_version() as u32;
            for store in create(old) {
                db.create_object_store(store).build()?;
            }
            Ok(())
        })
        .await
        .map_err(|e| format!("IndexedDB could not be opened: {e}"))?;
    if blocked.get() {
        tell(StoreEvent::Unblocked);
    }
    Ok(db)
}

/// Closes this tab's connection when another tab upgrades the database, and says so.
fn close_on_version_change(name: String, db: &Database) {
    let Ok(mut changes) = db.version_changes() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if changes.recv().await.is_some() {
            changes.db().clone().close();
            OPEN.with(|o| o.borrow_mut().retain(|(n, _)| *n != name));
            tell(StoreEvent::Replaced);
        }
    });
}

/// The user database of `connector_id`, opened once per page.
async fn user_database(connector_id: &str) -> Result<Database, String> {
    let name = database_name(connector_id);
    if let Some(db) = OPEN.with(|o| {
        o.borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, db)| db.clone())
    }) {
        return Ok(db);
    }
    let db = open_at(&name, schema::VERSION, |old| {
        schema::stores_to_create(old, schema::VERSION)
            .into_iter()
            .map(Area::name)
            .collect()
    })
    .await?;
    // This user's data from before databases were per user moves in before anyone reads.
    // Two calls racing here both move the same keys, which is harmless.
    let sync = KvStore {
        db: db.clone(),
        store: Area::Sync.name(),
        trimmable: true,
    };
    if sync.get(LEGACY_MOVED).await?.is_none() {
        move_legacy(&db, connector_id).await?;
        sync.put(LEGACY_MOVED, "1").await?;
    }
    // Another call may have opened it while this one waited: keep one connection.
    let existing = OPEN.with(|o| {
        let mut o = o.borrow_mut();
        let found = o.iter().find(|(n, _)| *n == name).map(|(_, d)| d.clone());
        if found.is_none() {
            o.push((name.clone(), db.clone()));
        }
        found
    });
    if let Some(existing) = existing {
        db.close();
        return Ok(existing);
    }
    close_on_version_change(name, &db);
    Ok(db)
}

/// Opens a database with the one store `kv`, as the shared databases and the demo desk's are.
async fn open_single(name: &str) -> Result<Database, String> {
    open_at(name, 1, |old| {
        if old < 1 {
            vec![LEGACY_STORE]
        } else {
            Vec::new()
        }
    })
    .await
}

/// Moves this user's keys from the databases all users once shared into their own, keeping
/// any newer copy already there, then deletes each shared database once it is empty.
async fn move_legacy(db: &Database, connector_id: &str) -> Result<(), String> {
    for (legacy_name, area) in LEGACY {
        let legacy = open_single(legacy_name).await?;
        if !legacy.object_store_names().any(|n| n == LEGACY_STORE) {
            // Not one of ours (or an empty one something else created): nothing to move.
            legacy.close();
            continue;
        }
        let old = KvStore {
            db: legacy.clone(),
            store: LEGACY_STORE,
            trimmable: false,
        };
        let new = KvStore {
            db: db.clone(),
            store: area.name(),
            trimmable: false,
        };
        let all = old.raw_entries(None).await?;
        let total = all.len();
        let present = new.keys().await?;
        let mine: Vec<(String, JsValue)> = all
            .into_iter()
            .filter(|(k, _)| legacy_owner(k) == Some(connector_id))
            .collect();
        let fresh: Vec<(String, JsValue)> = mine
            .iter()
            .filter(|(k, _)| !present.contains(k))
            .cloned()
            .collect();
        new.put_all(fresh).await?;
        let moved: Vec<String> = mine.into_iter().map(|(k, _)| k).collect();
        let left = total - moved.len();
        old.delete_all(&moved).await?;
        legacy.close();
        if left == 0 {
            // Not awaited: a tab of an older version may hold it open until it closes.
            let _ = Database::delete_by_name(legacy_name);
        }
    }
    Ok(())
}

impl KvStore {
    /// The store of `area` in the database of the user of `connector_id`.
    pub async fn of(connector_id: &str, area: Area) -> Result<KvStore, String> {
        Ok(KvStore {
            db: user_database(connector_id).await?,
            store: area.name(),
            trimmable: true,
        })
    }

    /// Opens (creating if needed) the single-store database `name` (the demo desk's).
    pub async fn open(name: &str) -> Result<KvStore, String> {
        let db = open_single(name).await?;
        Ok(KvStore {
            db,
            store: LEGACY_STORE,
            trimmable: false,
        })
    }

    /// A read-only transaction on the store.
    fn reader(&self) -> Result<Transaction<'_>, String> {
        self.db
            .transaction(self.store)
            .build()
            .map_err(|e| format!("{} ({}): {e}", self.db.name(), self.store))
    }

    /// The text stored under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<String>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(self.store).map_err(text)?;
        let request = store.get(key).primitive().map_err(text)?;
        request.await.map_err(text)
    }

    /// The bytes stored under `key` (as a `Uint8Array`); anything else there is `None`.
    pub async fn get_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(self.store).map_err(text)?;
        let request = store.get::<JsValue, _, _>(key).primitive().map_err(text)?;
        let value: Option<JsValue> = request.await.map_err(text)?;
        Ok(value
            .filter(|v| v.is_instance_of::<js_sys::Uint8Array>())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec()))
    }

    /// Every key of the store.
    async fn keys(&self) -> Result<Vec<String>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(self.store).map_err(text)?;
        let keys = store.get_all_keys::<String>().primitive().map_err(text)?;
        Ok(keys.await.map_err(text)?.filter_map(Result::ok).collect())
    }

    /// Every key starting with `prefix` (all keys: `None`), with its value as stored, in key
    /// order. Both lists come from one transaction, so they match.
    async fn raw_entries(&self, prefix: Option<&str>) -> Result<Vec<(String, JsValue)>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(self.store).map_err(text)?;
        // Every key with this prefix sorts between the prefix and the prefix followed by the
        // highest code unit.
        let range = |p: &str| KeyRange::Bound(p.to_owned(), false, format!("{p}\u{ffff}"), false);
        let (keys, values) = match prefix {
            Some(p) => (
                store
                    .get_all_keys::<String>()
                    .with_query::<String, _>(range(p))
                    .primitive(),
                store
                    .get_all::<JsValue>()
                    .with_query::<String, _>(range(p))
                    .primitive(),
            ),
            None => (
                store.get_all_keys::<String>().primitive(),
                store.get_all::<JsValue>().primitive(),
            ),
        };
        let keys = keys.map_err(text)?.await.map_err(text)?;
        let values = values.map_err(text)?.await.map_err(text)?;
        Ok(keys
            .zip(values)
            .filter_map(|(k, v)| Some((k.ok()?, v.ok()?)))
            .collect())
    }

    /// Every key starting with `prefix`, with its text, in key order.
    pub async fn entries(&self, prefix: &str) -> Result<Vec<(String, String)>, String> {
        Ok(self
            .raw_entries(Some(prefix))
            .await?
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_string()?)))
            .collect())
    }

    /// Stores `value` under `key`, durably.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.put_all(vec![(key.to_owned(), JsValue::from_str(value))])
            .await
    }

    /// Stores many values in one transaction: all of them, durably, or none.
    pub async fn put_all(&self, entries: Vec<(String, JsValue)>) -> Result<(), String> {
        if entries.is_empty() {
            return Ok(());
        }
        let log = bench_log();
        let started = log.as_ref().map(|_| now_ms());
        let result = self
            .write(|store| {
                for (key, value) in &entries {
                    store
                        .put(value.clone())
                        .with_key(key.as_str())
                        .primitive()
                        .map(drop)?;
                }
                Ok(())
            })
            .await;
        if let (Some(log), Some(started)) = (log, started) {
            let bytes: f64 = entries
                .iter()
                .map(|(k, v)| {
                    let value = v.as_string().map(|s| s.len()).unwrap_or_else(|| {
                        v.dyn_ref::<js_sys::Uint8Array>()
                            .map_or(0, |a| a.length() as usize)
                    });
                    (k.len() + value) as f64
                })
                .sum();
            let row = js_sys::Array::of4(
                &JsValue::from_str(self.store),
                &JsValue::from_f64(entries.len() as f64),
                &JsValue::from_f64(bytes),
                &JsValue::from_f64(now_ms() - started),
            );
            log.push(&row);
        }
        result
    }

    /// Removes what is stored under `key`, durably.
    pub async fn delete(&self, key: &str) -> Result<(), String> {
        self.delete_all(&[key.to_owned()]).await
    }

    /// Removes many keys in one transaction.
    pub async fn delete_all(&self, keys: &[String]) -> Result<(), String> {
        if keys.is_empty() {
            return Ok(());
        }
        self.write(|store| {
            for key in keys {
                store.delete(key.as_str()).primitive().map(drop)?;
            }
            Ok(())
        })
        .await
    }

    /// Empties the store (which needs no room, so never trims).
    pub async fn clear(&self) -> Result<(), String> {
        self.write_once(&|store: &ObjectStore<'_>| store.clear().map(drop))
            .await
            .map_err(|f| f.text)
    }

    /// One read-write transaction: `request` queues its writes, then the commit is awaited. A
    /// write refused for room empties the caches and is tried once more.
    async fn write(
        &self,
        request: impl Fn(&ObjectStore<'_>) -> Result<(), indexed_db_futures::error::Error>,
    ) -> Result<(), String> {
        match self.write_once(&request).await {
            Err(failure) if failure.quota && self.trimmable => {
                self.trim().await;
                self.write_once(&request).await.map_err(|f| f.text)
            }
            result => result.map_err(|f| f.text),
        }
    }

    async fn write_once(
        &self,
        request: &impl Fn(&ObjectStore<'_>) -> Result<(), indexed_db_futures::error::Error>,
    ) -> Result<(), Failure> {
        let tx = self
            .db
            .transaction(self.store)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(self.store)?;
        request(&store)?;
        Ok(tx.commit().await?)
    }

    /// Empties every cache of this database (what the backend can give again), to make room.
    async fn trim(&self) {
        for area in TRIM_ORDER {
            let cache = KvStore {
                db: self.db.clone(),
                store: area.name(),
                trimmable: false,
            };
            if let Err(problem) = cache.clear().await {
                super::platform::warn(&format!(
                    "the {} cache was not emptied: {problem}",
                    area.name()
                ));
            }
        }
        tell(StoreEvent::Trimmed);
    }
}

/// For the browser tests: closes every connection, as leaving the page would.
#[cfg(test)]
pub fn forget_open() {
    for (_, db) in OPEN.with(|o| std::mem::take(&mut *o.borrow_mut())) {
        db.close();
    }
}

/// For the browser tests: the same store opened at `version`, with `extra` stores added by it.
#[cfg(test)]
pub async fn open_user_database_at(
    connector_id: &str,
    version: u32,
    extra: &'static [&'static str],
) -> Result<(), String> {
    let db = open_at(&database_name(connector_id), version, move |old| {
        let mut stores: Vec<&'static str> = schema::stores_to_create(old, schema::VERSION)
            .into_iter()
            .map(Area::name)
            .collect();
        if old <= schema::VERSION {
            stores.extend_from_slice(extra);
        }
        stores
    })
    .await?;
    db.close();
    Ok(())
}
