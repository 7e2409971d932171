//! Fetches and validates `config.json`.

use gloo_net::http::Request;

use crate::config::{self, ConfigError, PortalConfig};

/// Loads the portal's configuration; every failure says which setting or what step failed.
pub async fn load() -> Result<PortalConfig, ConfigError> {
    // Relative to <base href>, so a portal served under a sub-path finds its own config.
    let response = Request::get("config.json")
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| ConfigError::file(format!("could not be loaded: {e}")))?;
    if !response.ok() {
        return Err(ConfigError::file(format!(
            "could not be loaded: the server answered HTTP {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError::file(format!("could not be read: {e}")))?;
    config::parse(&text)
}
