//! The backend the portal talks to: a connector (what to ask) and a transport (how to send).
//! One per page load, set up once the config is known.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::platform::now_unix_seconds;
use super::store::KvStore;
use super::worker_protocol::{WorkerRequest, WorkerResponse, FAILED_PREFIX, READY, STATUS_PATH};
use crate::config::{Backend as BackendConfig, DemoTransport, PortalConfig, RtBackend};
use crate::connector::demo::{DemoConnector, BASE as DEMO_BASE};
use crate::connector::{
    Connector, Exchange, HttpRequest, HttpResponse, Method, PortalError, MAX_ROUND_TRIPS,
};
use crate::sync::reads;
use crate::sync::schema::Area;

thread_local! {
    /// The reader's language, asked of backends that answer in the language asked.
    static LANGUAGE: Cell<&'static str> = const { Cell::new("en") };
}

/// Sets the language later requests ask the backend to answer in (its code, `fr`).
pub fn set_language(code: &'static str) {
    LANGUAGE.with(|l| l.set(code));
}

/// The language requests ask the backend to answer in: the reader's, for a backend that
/// answers in the language asked; `None` for the others.
pub fn asked_language() -> Option<&'static str> {
    connector()
        .filter(|c| c.speaks_requested_language())
        .map(|_| LANGUAGE.with(Cell::get))
}

/// The connector and the transport in use.
pub struct Backend {
    /// `None` until the user signs in, for backends that need it.
    connector: RefCell<Option<Rc<dyn Connector>>>,
    demo: Option<Result<DemoWorker, String>>,
    storage_problem: Option<String>,
    /// Request Tracker's settings, when that is the backend.
    rt: Option<RtBackend>,
}

type Pending = Rc<RefCell<HashMap<u64, js_sys::Function>>>;

/// The demo desk's Web Worker, and the requests waiting for its answer.
struct DemoWorker {
    worker: web_sys::Worker,
    pending: Pending,
    /// Resolves once the worker listens.
    ready: js_sys::Promise,
    next_id: Cell<u64>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl DemoWorker {
    fn start() -> Result<DemoWorker, String> {
        let worker = web_sys::Worker::new("demo-worker-loader.js")
            .map_err(|e| format!("the demo worker could not start: {e:?}"))?;
        let pending: Pending = Rc::default();
        let (mut ready_resolve, mut ready_reject) = (None, None);
        let ready = js_sys::Promise::new(&mut |resolve, reject| {
            ready_resolve = Some(resolve);
            ready_reject = Some(reject);
        });
        let answered = pending.clone();
        let loader_reject = ready_reject.clone();
        let on_message = Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if text == READY {
                if let Some(resolve) = &ready_resolve {
                    let _ = resolve.call0(&JsValue::NULL);
                }
                return;
            }
            if text.starts_with(FAILED_PREFIX) {
                web_sys::console::error_1(&JsValue::from_str(&text));
                if let Some(reject) = &loader_reject {
                    let _ = reject.call0(&JsValue::NULL);
                }
                return;
            }
            let Ok(response) = serde_json::from_str::<WorkerResponse>(&text) else {
                return;
            };
            if let Some(resolve) = answered.borrow_mut().remove(&response.id) {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
        // A worker that crashed answers nothing more: fail what waits instead of hanging.
        let failed = pending.clone();
        let on_error = Closure::<dyn FnMut(_)>::new(move |_: web_sys::Event| {
            // A worker that never started must not leave the portal waiting for it either.
            if let Some(reject) = &ready_reject {
                let _ = reject.call0(&JsValue::NULL);
            }
            for (_, resolve) in failed.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(DemoWorker {
            worker,
            pending,
            ready,
            next_id: Cell::new(1),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    async fn send(&self, request: &HttpRequest) -> Result<HttpResponse, PortalError> {
        let unavailable = PortalError::Server { status: 503 };
        wasm_bindgen_futures::JsFuture::from(self.ready.clone())
            .await
            .map_err(|_| unavailable.clone())?;
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let json = serde_json::to_string(&WorkerRequest::new(id, now_unix_seconds(), request))
            .map_err(|_| unavailable.clone())?;
        let mut resolver = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
        if let Some(resolve) = resolver {
            self.pending.borrow_mut().insert(id, resolve);
        }
        self.worker
            .post_message(&JsValue::from_str(&json))
            .map_err(|_| unavailable.clone())?;
        let answer = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|_| unavailable.clone())?;
        let text = answer.as_string().ok_or(unavailable.clone())?;
        let response: WorkerResponse = serde_json::from_str(&text).map_err(|_| unavailable)?;
        Ok(response.into_http())
    }
}

thread_local! {
    // wasm is single-threaded: one backend per page, reachable from every view.
    static CURRENT: RefCell<Option<Rc<Backend>>> = const { RefCell::new(None) };
}

/// Sets up the backend the config names.
pub async fn connect(config: &PortalConfig) -> Rc<Backend> {
    let backend = match &config.backend {
        BackendConfig::Demo {
            transport: DemoTransport::Http,
        } => Backend {
            connector: RefCell::new(Some(Rc::new(DemoConnector))),
            demo: None,
            storage_problem: None,
            rt: None,
        },
        BackendConfig::Demo {
            transport: DemoTransport::Worker,
        } => {
            let worker = DemoWorker::start();
            let storage_problem = match &worker {
                Ok(worker) => demo_storage_problem(worker).await,
                Err(problem) => Some(problem.clone()),
            };
            Backend {
                connector: RefCell::new(Some(Rc::new(DemoConnector))),
                demo: Some(worker),
                storage_problem,
                rt: None,
            }
        }
        BackendConfig::Rt(rt) => Backend {
            connector: RefCell::new(None),
            demo: None,
            storage_problem: None,
            rt: Some(rt.clone()),
        },
    };
    let backend = Rc::new(backend);
    CURRENT.with(|c| *c.borrow_mut() = Some(backend.clone()));
    backend
}

/// Asks the demo worker whether it can keep the desk (it opens the desk to find out).
async fn demo_storage_problem(worker: &DemoWorker) -> Option<String> {
    match worker.send(&HttpRequest::get(STATUS_PATH)).await {
        Ok(response) => serde_json::from_slice::<serde_json::Value>(&response.body)
            .ok()
            .and_then(|v| v.get("storage_problem")?.as_str().map(str::to_owned)),
        // The worker is not there at all: every page will say the desk is unavailable.
        Err(_) => None,
    }
}

/// The current backend. Views only exist once it is connected.
pub fn current() -> Option<Rc<Backend>> {
    CURRENT.with(|c| c.borrow().clone())
}

impl Backend {
    /// Why changes may not be kept on this device, if that is the case.
    pub fn storage_problem(&self) -> Option<String> {
        self.storage_problem.clone()
    }

    async fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, PortalError> {
        let speaks = self
            .connector
            .borrow()
            .as_ref()
            .map(|c| c.speaks_requested_language());
        if speaks == Some(true) && request.header("Accept-Language").is_none() {
            let lang = LANGUAGE.with(Cell::get);
            request
                .headers
                .push(("Accept-Language".into(), lang.into()));
        }
        match self
            .demo
            .as_ref()
            .filter(|_| request.url.starts_with(DEMO_BASE))
        {
            Some(Ok(worker)) => worker.send(&request).await,
            Some(Err(_)) => Err(PortalError::Server { status: 503 }),
            None => self.send_over_network(request).await,
        }
    }

    /// Sends over the network, keeping the user's successful reads so that, offline or when
    /// the backend cannot be reached, the same read is answered from the device.
    async fn send_over_network(&self, request: HttpRequest) -> Result<HttpResponse, PortalError> {
        let owner = self.connector.borrow().as_ref().map(|c| c.id());
        let (Some(owner), Some(key)) = (owner, reads::key(&request)) else {
            return send_http(request).await;
        };
        if !super::platform::is_online() {
            if let Some(kept) = kept_read(&owner, &key).await {
                return Ok(kept);
            }
        }
        let kept_request = request.clone();
        match send_http(request).await {
            Ok(response) => {
                if let Some(text) = reads::keep(&kept_request, &response, now_unix_seconds()) {
                    // Not awaited: the page need not wait for the device to store its copy.
                    wasm_bindgen_futures::spawn_local(async move {
                        let kept = match KvStore::of(&owner, Area::Responses).await {
                            Ok(store) => store.put(&key, &text).await,
                            Err(e) => Err(e),
                        };
                        if let Err(problem) = kept {
                            super::platform::warn(&format!(
                                "a page was not kept offline: {problem}"
                            ));
                        }
                    });
                }
                Ok(response)
            }
            Err(PortalError::Offline) => kept_read(&owner, &key).await.ok_or(PortalError::Offline),
            Err(other) => Err(other),
        }
    }
}

/// The answer kept for a read, if any.
async fn kept_read(owner: &str, key: &str) -> Option<HttpResponse> {
    let store = KvStore::of(owner, Area::Responses).await.ok()?;
    let text = store.get(key).await.ok()??;
    reads::restore(&text).map(|(response, _)| response)
}

/// Runs an operation of the current connector to completion.
pub async fn run<T: 'static>(exchange: Exchange<T>) -> Result<T, PortalError> {
    let backend = current().ok_or(PortalError::Offline)?;
    let mut step = exchange;
    for _ in 0..MAX_ROUND_TRIPS {
        match step {
            Exchange::Done(value) => return Ok(value),
            Exchange::Fail(error) => return Err(error),
            Exchange::Send(request, next) => step = next(backend.send(request).await?)?,
        }
    }
    Err(PortalError::Malformed {
        path: "(operation)".into(),
        detail: "too many round trips".into(),
    })
}

/// The connector of the current backend, once the user may use it.
pub fn connector() -> Option<Rc<dyn Connector>> {
    current().and_then(|b| b.connector.borrow().clone())
}

/// Request Tracker's settings, when the portal talks to RT.
pub fn rt_config() -> Option<RtBackend> {
    current().and_then(|b| b.rt.clone())
}

/// Sets (after sign-in) or clears (after sign-out) the connector.
pub fn set_connector(connector: Option<Rc<dyn Connector>>) {
    if let Some(backend) = current() {
        *backend.connector.borrow_mut() = connector;
    }
}

/// Sends one request outside any connector operation (sign-in, sign-out).
pub async fn send(request: HttpRequest) -> Result<HttpResponse, PortalError> {
    let backend = current().ok_or(PortalError::Offline)?;
    backend.send(request).await
}

/// Sends a request over the network. A failure to reach the server at all is `Offline`.
async fn send_http(request: HttpRequest) -> Result<HttpResponse, PortalError> {
    let builder = match request.method {
        Method::Get => Request::get(&request.url),
        Method::Post => Request::post(&request.url),
        Method::Put => Request::put(&request.url),
        Method::Patch => Request::patch(&request.url),
        Method::Delete => Request::delete(&request.url),
    };
    let builder = request
        .headers
        .iter()
        .fold(builder, |b, (name, value)| b.header(name, value));
    let sent = match request.body {
        Some(body) => {
            let array = js_sys::Uint8Array::from(body.as_slice());
            builder
                .body(array)
                .map_err(|_| PortalError::Offline)?
                .send()
                .await
        }
        None => builder.send().await,
    };
    let response = sent.map_err(|_| PortalError::Offline)?;
    let headers = response.headers().entries().collect();
    let body = response.binary().await.map_err(|_| PortalError::Offline)?;
    Ok(HttpResponse {
        status: response.status(),
        headers,
        body,
    })
}
