//! The messages between the portal and the demo desk's Web Worker: HTTP-shaped requests and
//! responses as JSON text, matched by id.

use serde::{Deserialize, Serialize};

use crate::connector::{HttpRequest, HttpResponse, Method};

/// What the worker says once it listens; anything sent before would be lost.
pub const READY: &str = "ready";
/// How the worker's loader reports that the worker could not start.
pub const FAILED_PREFIX: &str = "failed:";

/// The worker answers this path itself: whether its storage works.
pub const STATUS_PATH: &str = "/demo-api/_status";

#[derive(Serialize, Deserialize)]
pub struct WorkerRequest {
    pub id: u64,
    /// The portal's clock: the shell owns time, and the desk must agree with the page.
    pub now: i64,
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct WorkerResponse {
    pub id: u64,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl WorkerRequest {
    pub fn new(id: u64, now: i64, request: &HttpRequest) -> Self {
        WorkerRequest {
            id,
            now,
            method: request.method.as_str().to_owned(),
            url: request.url.clone(),
            headers: request.headers.clone(),
            // The demo speaks JSON, which is UTF-8.
            body: request
                .body
                .as_ref()
                .map(|b| String::from_utf8_lossy(b).into_owned()),
        }
    }

    pub fn to_http(&self) -> HttpRequest {
        let method = match self.method.as_str() {
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => Method::Get,
        };
        HttpRequest {
            method,
            url: self.url.clone(),
            headers: self.headers.clone(),
            body: self.body.clone().map(String::into_bytes),
        }
    }
}

impl WorkerResponse {
    pub fn new(id: u64, response: HttpResponse) -> Self {
        WorkerResponse {
            id,
            status: response.status,
            headers: response.headers,
            body: String::from_utf8_lossy(&response.body).into_owned(),
        }
    }

    pub fn into_http(self) -> HttpResponse {
        HttpResponse {
            status: self.status,
            headers: self.headers,
            body: self.body.into_bytes(),
        }
    }
}
