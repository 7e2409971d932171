//! The backend the portal talks to: a connector (what to ask) and a transport (how to send).
//! One per page load, set up once the config is known.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;

use super::demo_desk::DemoDesk;
use crate::config::{Backend as BackendConfig, PortalConfig};
use crate::connector::demo::{DemoConnector, BASE as DEMO_BASE};
use crate::connector::{
    Connector, Exchange, HttpRequest, HttpResponse, Method, PortalError, MAX_ROUND_TRIPS,
};

/// The connector and the transport in use.
pub struct Backend {
    pub connector: Rc<dyn Connector>,
    demo: Option<DemoDesk>,
}

thread_local! {
    // wasm is single-threaded: one backend per page, reachable from every view.
    static CURRENT: RefCell<Option<Rc<Backend>>> = const { RefCell::new(None) };
}

/// Sets up the backend the config names.
pub async fn connect(config: &PortalConfig) -> Rc<Backend> {
    let backend = match config.backend {
        BackendConfig::Demo {} => Backend {
            connector: Rc::new(DemoConnector),
            demo: Some(DemoDesk::open().await),
        },
    };
    let backend = Rc::new(backend);
    CURRENT.with(|c| *c.borrow_mut() = Some(backend.clone()));
    backend
}

/// The current backend. Views only exist once it is connected.
pub fn current() -> Option<Rc<Backend>> {
    CURRENT.with(|c| c.borrow().clone())
}

impl Backend {
    /// Why changes may not be kept on this device, if that is the case.
    pub fn storage_problem(&self) -> Option<String> {
        self.demo.as_ref().and_then(|d| d.storage_problem.clone())
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, PortalError> {
        if let Some(desk) = self
            .demo
            .as_ref()
            .filter(|_| request.url.starts_with(DEMO_BASE))
        {
            return Ok(desk.handle(&request).await);
        }
        send_http(request).await
    }
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

/// The connector of the current backend.
pub fn connector() -> Option<Rc<dyn Connector>> {
    current().map(|b| b.connector.clone())
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
