//! The embedded demo desk in the browser: loaded from IndexedDB, or seeded from
//! `public/demo/` on the first visit, and saved after every change so what a user does survives
//! a reload. If IndexedDB is unavailable the desk still works, in memory, and says so.

use std::cell::RefCell;

use gloo_net::http::Request;

use super::store::KvStore;
use crate::connector::{HttpRequest, HttpResponse};
use crate::demo::DemoService;

const DATABASE: &str = "portico-demo";
const KEY: &str = "desk";

/// The desk and where it is kept.
pub struct DemoDesk {
    service: RefCell<Result<DemoService, String>>,
    store: Option<KvStore>,
    /// Why changes will not be kept, if they will not.
    pub storage_problem: Option<String>,
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}

/// Builds a fresh desk from the seed files the portal ships, as of `now`.
async fn seed(now: i64) -> Result<DemoService, String> {
    let seed = fetch_text("demo/seed.json").await?;
    let slugs: Vec<String> = crate::demo::article_slugs(&seed);
    let mut articles = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let text = fetch_text(&format!(
            "demo/articles/{}.md",
            crate::routes::encode_segment(&slug)
        ))
        .await?;
        articles.push((slug, text));
    }
    DemoService::from_seed(&seed, &articles, now).map_err(|e| e.to_string())
}

impl DemoDesk {
    /// Opens the stored desk, or seeds a new one as of `now`.
    pub async fn open(now: i64) -> DemoDesk {
        let (store, mut storage_problem) = match KvStore::open(DATABASE).await {
            Ok(store) => (Some(store), None),
            Err(e) => (None, Some(e)),
        };
        let stored = match &store {
            Some(s) => s.get(KEY).await.unwrap_or_else(|e| {
                storage_problem = Some(e);
                None
            }),
            None => None,
        };
        // A stored desk from an incompatible older version is replaced by a fresh one.
        let restored = stored.and_then(|json| serde_json::from_str::<DemoService>(&json).ok());
        let service = match restored {
            Some(service) => Ok(service),
            None => seed(now).await,
        };
        let desk = DemoDesk {
            service: RefCell::new(service),
            store,
            storage_problem,
        };
        desk.save().await;
        desk
    }

    /// Saves the desk if the last request changed it.
    async fn save_if_changed(&self) {
        let changed = self
            .service
            .borrow_mut()
            .as_mut()
            .map(DemoService::take_changed)
            .unwrap_or(false);
        if changed {
            self.save().await;
        }
    }

    /// Answers a request at the portal's time `now`, then saves the desk if it changed.
    pub async fn handle(&self, request: &HttpRequest, now: i64) -> HttpResponse {
        let response = match &mut *self.service.borrow_mut() {
            Ok(service) => service.handle(request, now),
            Err(problem) => HttpResponse::json(
                503,
                &serde_json::json!({ "error": format!("the demo could not start: {problem}") }),
            ),
        };
        self.save_if_changed().await;
        response
    }

    async fn save(&self) {
        let Some(store) = &self.store else { return };
        // Serialize first, so no borrow is held across the await.
        let json = match &*self.service.borrow() {
            Ok(service) => serde_json::to_string(service).ok(),
            Err(_) => None,
        };
        if let Some(json) = json {
            if let Err(e) = store.put(KEY, &json).await {
                web_sys::console::warn_1(&format!("Portico demo: changes not saved: {e}").into());
            }
        }
    }
}
