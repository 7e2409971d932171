//! A small key-value store over IndexedDB (one database per name, one object store). Every
//! write is one transaction committed before the call returns; no transaction spans a network
//! request. Errors come back as text for the UI to explain.

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

const STORE: &str = "kv";

/// An open key-value database.
pub struct KvStore {
    db: Database,
}

impl KvStore {
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

    /// The text stored under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<String>, String> {
        let tx = self
            .db
            .transaction(STORE)
            .build()
            .map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        let request = store.get(key).primitive().map_err(|e| e.to_string())?;
        request.await.map_err(|e| e.to_string())
    }

    /// Stores `value` under `key`, durably.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), String> {
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
