//! The store in a real IndexedDB (headless Chromium): each user's data moves out of the
//! shared legacy databases into their own and no one else's does, an upgrade keeps the data,
//! a tab of this version steps aside for a newer one, and an upgrade blocked by an older tab
//! says so instead of hanging. Each test uses its own user names, so order does not matter.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::store::{self, KvStore, StoreEvent};
use crate::sync::schema::{database_name, Area, LEGACY_STORE, VERSION};

wasm_bindgen_test_configure!(run_in_browser);

/// What the store said, in order.
fn record_events() -> Rc<RefCell<Vec<StoreEvent>>> {
    let heard: Rc<RefCell<Vec<StoreEvent>>> = Rc::default();
    let into = heard.clone();
    store::on_event(move |e| into.borrow_mut().push(e));
    heard
}

/// A legacy shared database holding `entries`, as an older Portico left it.
async fn legacy(name: &str, entries: &[(&str, &str)]) {
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|event, db| {
            if event.old_version() < 1.0 {
                db.create_object_store(LEGACY_STORE).build()?;
            }
            Ok(())
        })
        .await
        .expect("legacy database");
    let tx = db
        .transaction(LEGACY_STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    let kv = tx.object_store(LEGACY_STORE).expect("store");
    for (k, v) in entries {
        kv.put(JsValue::from_str(v))
            .with_key(*k)
            .primitive()
            .expect("put");
    }
    tx.commit().await.expect("commit");
    db.close();
}

/// The keys of one store of a database, opened without asking for a version.
async fn keys_of(db_name: &str, store: &str) -> Vec<String> {
    let db = Database::open(db_name).await.expect("open");
    let keys = match db.transaction(store).build() {
        Ok(tx) => {
            let s = tx.object_store(store).expect("store");
            s.get_all_keys::<String>()
                .primitive()
                .expect("keys")
                .await
                .expect("keys")
                .filter_map(Result::ok)
                .collect()
        }
        Err(_) => Vec::new(),
    };
    db.close();
    keys
}

fn outbox_key(user: &str, rest: &str) -> String {
    crate::outbox::prefix(user) + rest
}

#[wasm_bindgen_test]
async fn each_user_takes_only_their_own_data_out_of_the_shared_databases() {
    let (alice, bob) = ("demo:legacy-alice", "demo:legacy-bob");
    let a = outbox_key(alice, "portico-1");
    let b = outbox_key(bob, "portico-2");
    legacy(
        "portico-outbox",
        &[(&a, "alice's request"), (&b, "bob's request")],
    )
    .await;

    let alices = KvStore::of(alice, Area::Outbox).await.expect("alice");
    assert_eq!(
        alices.get(&a).await.expect("read").as_deref(),
        Some("alice's request")
    );
    assert_eq!(
        alices.get(&b).await.expect("read"),
        None,
        "Bob's data stays out"
    );
    assert_eq!(
        keys_of("portico-outbox", LEGACY_STORE).await,
        vec![b.clone()]
    );

    let bobs = KvStore::of(bob, Area::Outbox).await.expect("bob");
    assert_eq!(
        bobs.get(&b).await.expect("read").as_deref(),
        Some("bob's request")
    );
    assert_eq!(bobs.get(&a).await.expect("read"), None);
    assert!(keys_of("portico-outbox", LEGACY_STORE).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_newer_copy_in_the_users_database_is_not_overwritten_by_legacy_data() {
    let carol = "demo:legacy-carol";
    let key = crate::forms::draft::draft_key(carol, "laptop");
    // Carol's database exists already, and says her legacy data has not moved in yet.
    let drafts = KvStore::of(carol, Area::Drafts).await.expect("carol");
    drafts.put(&key, "newer").await.expect("put");
    KvStore::of(carol, Area::Sync)
        .await
        .expect("sync")
        .delete(crate::sync::schema::LEGACY_MOVED)
        .await
        .expect("forget mark");
    legacy("portico-drafts", &[(&key, "older")]).await;
    // A fresh page: forget the open connection.
    store::open_user_database_at(carol, VERSION, &[])
        .await
        .expect("reopen");
    store::forget_open();
    let drafts = KvStore::of(carol, Area::Drafts).await.expect("carol");
    assert_eq!(
        drafts.get(&key).await.expect("read").as_deref(),
        Some("newer")
    );
    assert!(keys_of("portico-drafts", LEGACY_STORE).await.is_empty());
}

#[wasm_bindgen_test]
async fn an_upgrade_keeps_the_data_and_this_tab_steps_aside_for_it() {
    let heard = record_events();
    let dave = "demo:upgrade-dave";
    let key = outbox_key(dave, "portico-9");
    let outbox = KvStore::of(dave, Area::Outbox).await.expect("dave");
    outbox
        .put(&key, "kept through the upgrade")
        .await
        .expect("put");

    // A newer version opens the database (as a newer tab would) with a store more.
    store::open_user_database_at(dave, VERSION + 1, &["added-later"])
        .await
        .expect("upgrade is not blocked by this tab");
    assert!(heard.borrow().contains(&StoreEvent::Replaced));
    assert_eq!(
        keys_of(&database_name(dave), Area::Outbox.name()).await,
        vec![key]
    );
    assert_eq!(
        keys_of(&database_name(dave), "added-later").await,
        Vec::<String>::new()
    );
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_an_older_tab_says_so_and_goes_on_once_it_closes() {
    let heard = record_events();
    let erin = "demo:blocked-erin";
    store::open_user_database_at(erin, VERSION, &[])
        .await
        .expect("create");
    // An older tab: a connection that ignores `versionchange`.
    let older = Database::open(database_name(erin))
        .await
        .expect("older tab");
    let opened = Rc::new(RefCell::new(None));
    let result = opened.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let r = store::open_user_database_at(erin, VERSION + 1, &[]).await;
        *result.borrow_mut() = Some(r);
    });
    for _ in 0..50 {
        if heard.borrow().contains(&StoreEvent::Blocked) {
            break;
        }
        sleep(20).await;
    }
    assert!(
        heard.borrow().contains(&StoreEvent::Blocked),
        "{:?}",
        heard.borrow()
    );
    assert!(
        opened.borrow().is_none(),
        "the upgrade waits for the older tab"
    );
    older.close();
    for _ in 0..50 {
        if opened.borrow().is_some() {
            break;
        }
        sleep(20).await;
    }
    assert!(matches!(*opened.borrow(), Some(Ok(()))));
    assert!(heard.borrow().contains(&StoreEvent::Unblocked));
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
