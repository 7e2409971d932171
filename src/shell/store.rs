//! A small key-value store over IndexedDB (one database per name, one object store). Every
//! write is one transaction committed before the call returns; no transaction spans a network
//! request. Errors come back as text for the UI to explain.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsCast;

const STORE: &str = "kv";

/// An open key-value database.
pub struct KvStore {
    db: Database,
}

thread_local! {
    static OPEN: RefCell<Vec<(&'static str, Rc<KvStore>)>> = const { RefCell::new(Vec::new()) };
}

impl KvStore {
    /// The database `name`, opened once per page and shared.
    pub async fn shared(name: &'static str) -> Result<Rc<KvStore>, String> {
        let open = OPEN.with(|o| {
            o.borrow()
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s.clone())
        });
        if let Some(store) = open {
            return Ok(store);
        }
        let store = Rc::new(KvStore::open(name).await?);
        OPEN.with(|o| o.borrow_mut().push((name, store.clone())));
        Ok(store)
    }

    /// Opens (creating if needed) the database `name`.
    pub async fn open(name: &str) -> Result<KvStore, String> {
        let db = Database::open(name)
            .with_version(1u8)
            .with_on_upgrade_needed(|event, db| {
                if event.old_version() < 1.0 {
                    db.create_object_store(STORE).build()?;
                }
                Ok(())
            })
            .await
            .map_err(|e| format!("IndexedDB could not be opened: {e}"))?;
        Ok(KvStore { db })
    }

    /// A read-only transaction on the store.
    fn reader(&self) -> Result<Transaction<'_>, String> {
        self.db
            .transaction(STORE)
            .build()
            .map_err(|e| e.to_string())
    }

    /// The text stored under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<String>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        let request = store.get(key).primitive().map_err(|e| e.to_string())?;
        request.await.map_err(|e| e.to_string())
    }

    /// The bytes stored under `key` (by [`KvStore::put_bytes`]); anything else there is `None`.
    pub async fn get_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        let request = store
            .get::<wasm_bindgen::JsValue, _, _>(key)
            .primitive()
            .map_err(|e| e.to_string())?;
        let value: Option<wasm_bindgen::JsValue> = request.await.map_err(|e| e.to_string())?;
        Ok(value
            .filter(|v| v.is_instance_of::<js_sys::Uint8Array>())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec()))
    }

    /// Stores bytes under `key`, durably (as a `Uint8Array`, not as text).
    pub async fn put_bytes(&self, key: &str, bytes: &[u8]) -> Result<(), String> {
        self.put_value(key, js_sys::Uint8Array::from(bytes).into())
            .await
    }

    async fn put_value(&self, key: &str, value: wasm_bindgen::JsValue) -> Result<(), String> {
        self.write(|store| {
            store
                .put(value)
                .with_key(key)
                .primitive()
                .map(drop)
                .map_err(|e| e.to_string())
        })
        .await
    }

    /// Every key starting with `prefix`, with its text, in key order. Only that key range is
    /// read, and both lists come from one transaction, so they match.
    pub async fn entries(&self, prefix: &str) -> Result<Vec<(String, String)>, String> {
        let tx = self.reader()?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        // Every key with this prefix sorts between the prefix and the prefix followed by the
        // highest code unit.
        let range =
            || KeyRange::Bound(prefix.to_owned(), false, format!("{prefix}\u{ffff}"), false);
        let keys = store
            .get_all_keys::<String>()
            .with_query::<String, _>(range())
            .primitive();
        let values = store
            .get_all::<String>()
            .with_query::<String, _>(range())
            .primitive();
        let keys = keys
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        let values = values
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(keys
            .zip(values)
            .filter_map(|(k, v)| Some((k.ok()?, v.ok()?)))
            .collect())
    }

    /// Stores `value` under `key`, durably.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.put_value(key, wasm_bindgen::JsValue::from_str(value))
            .await
    }

    /// Removes what is stored under `key`, durably.
    pub async fn delete(&self, key: &str) -> Result<(), String> {
        self.write(|store| {
            store
                .delete(key)
                .primitive()
                .map(drop)
                .map_err(|e| e.to_string())
        })
        .await
    }

    /// One read-write transaction: `request` queues its writes, then the commit is awaited.
    async fn write(
        &self,
        request: impl FnOnce(&ObjectStore<'_>) -> Result<(), String>,
    ) -> Result<(), String> {
        let tx = self
            .db
            .transaction(STORE)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        request(&store)?;
        tx.commit().await.map_err(|e| e.to_string())
    }
}
