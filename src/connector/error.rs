//! The one error type every connector and transport returns, with a message for the user.

use crate::i18n::{t, t_with, Lang, Msg};

use super::HttpResponse;

/// What went wrong talking to the backend.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PortalError {
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The backend refused because the data changed or already exists.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The backend refused the request's content; its message, if any, for the user.
    #[error("rejected: {0}")]
    Rejected(String),
    #[error("rate limited (retry after {retry_after:?} s)")]
    RateLimited { retry_after: Option<u64> },
    #[error("server error {status}")]
    Server { status: u16 },
    #[error("offline")]
    Offline,
    /// A response that does not have the shape the connector expects; `path` is the JSON path
    /// that failed (`tickets[3].state`), so the problem can be found in the backend's data.
    #[error("malformed response at {path}: {detail}")]
    Malformed { path: String, detail: String },
}

impl PortalError {
    /// Whether trying the same request again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            PortalError::RateLimited { .. } | PortalError::Server { .. } | PortalError::Offline
        )
    }

    /// A sentence for the person using the portal, in their language.
    pub fn user_message(&self, lang: Lang) -> String {
        match self {
            PortalError::NotSignedIn => t(lang, Msg::ErrNotSignedIn).to_owned(),
            PortalError::Forbidden => t(lang, Msg::ErrForbidden).to_owned(),
            PortalError::NotFound => t(lang, Msg::ErrNotFound).to_owned(),
            PortalError::Conflict(_) => t(lang, Msg::ErrConflict).to_owned(),
            PortalError::Rejected(reason) if reason.trim().is_empty() => {
                t(lang, Msg::ErrRejected).to_owned()
            }
            PortalError::Rejected(reason) => {
                t_with(lang, Msg::ErrRejectedBecause, &[("reason", reason.trim())])
            }
            PortalError::RateLimited {
                retry_after: Some(s),
            } => t_with(lang, Msg::ErrRateLimitedFor, &[("seconds", &s.to_string())]),
            PortalError::RateLimited { retry_after: None } => {
                t(lang, Msg::ErrRateLimited).to_owned()
            }
            PortalError::Server { status } => {
                t_with(lang, Msg::ErrServer, &[("status", &status.to_string())])
            }
            PortalError::Offline => t(lang, Msg::ErrOffline).to_owned(),
            PortalError::Malformed { path, .. } => {
                t_with(lang, Msg::ErrMalformed, &[("path", path)])
            }
        }
    }

    /// The error an unsuccessful response stands for, or `None` for a 2xx. `message` is what
    /// the connector could read from the body (backends word refusals in their own format).
    pub fn from_status(response: &HttpResponse, message: Option<String>) -> Option<PortalError> {
        let message = message.unwrap_or_default();
        Some(match response.status {
            200..=299 => return None,
            401 => PortalError::NotSignedIn,
            403 => PortalError::Forbidden,
            404 | 410 => PortalError::NotFound,
            409 | 412 => PortalError::Conflict(message),
            429 => PortalError::RateLimited {
                retry_after: retry_after(response),
            },
            503 if response.header("Retry-After").is_some() => PortalError::RateLimited {
                retry_after: retry_after(response),
            },
            400..=499 => PortalError::Rejected(message),
            status => PortalError::Server { status },
        })
    }
}

/// Retry-After in seconds. The HTTP-date form needs a clock, so it counts as "unknown".
fn retry_after(response: &HttpResponse) -> Option<u64> {
    response.header("Retry-After")?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_errors() {
        let r = |status| HttpResponse::new(status, "");
        let cases = [
            (200, None),
            (204, None),
            (401, Some(PortalError::NotSignedIn)),
            (403, Some(PortalError::Forbidden)),
            (404, Some(PortalError::NotFound)),
            (409, Some(PortalError::Conflict(String::new()))),
            (422, Some(PortalError::Rejected(String::new()))),
            (429, Some(PortalError::RateLimited { retry_after: None })),
            (500, Some(PortalError::Server { status: 500 })),
            (503, Some(PortalError::Server { status: 503 })),
        ];
        for (status, want) in cases {
            assert_eq!(PortalError::from_status(&r(status), None), want, "{status}");
        }
        let limited = r(429).with_header("retry-after", "30");
        assert_eq!(
            PortalError::from_status(&limited, None),
            Some(PortalError::RateLimited {
                retry_after: Some(30)
            })
        );
        let unavailable = r(503).with_header("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT");
        assert_eq!(
            PortalError::from_status(&unavailable, None),
            Some(PortalError::RateLimited { retry_after: None })
        );
    }

    #[test]
    fn only_transient_errors_are_retryable() {
        assert!(PortalError::Offline.is_retryable());
        assert!(PortalError::Server { status: 502 }.is_retryable());
        assert!(PortalError::RateLimited { retry_after: None }.is_retryable());
        assert!(!PortalError::Rejected("bad".into()).is_retryable());
        assert!(!PortalError::Malformed {
            path: ".".into(),
            detail: String::new()
        }
        .is_retryable());
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        let errors = [
            PortalError::NotSignedIn,
            PortalError::Forbidden,
            PortalError::NotFound,
            PortalError::Conflict("x".into()),
            PortalError::Rejected(String::new()),
            PortalError::Rejected("Subject is required".into()),
            PortalError::RateLimited {
                retry_after: Some(30),
            },
            PortalError::RateLimited { retry_after: None },
            PortalError::Server { status: 502 },
            PortalError::Offline,
            PortalError::Malformed {
                path: "tickets[3].state".into(),
                detail: "x".into(),
            },
        ];
        for lang in Lang::ALL {
            for e in &errors {
                let m = e.user_message(lang);
                assert!(!m.contains('{'), "{lang:?} {e:?}: {m}");
            }
        }
        let m = PortalError::Malformed {
            path: "tickets[3].state".into(),
            detail: String::new(),
        }
        .user_message(Lang::En);
        assert!(m.contains("tickets[3].state"), "{m}");
        assert!(PortalError::Rejected("Subject is required".into())
            .user_message(Lang::Fr)
            .contains("Subject is required"));
    }
}
