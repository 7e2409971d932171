//! An operation as data: send this request, then decide from the response what comes next.
//! Operations that need several round trips (search before retrying a submission, fetch a
//! ticket then its history) are chains of steps, still without any I/O.

use super::{HttpRequest, HttpResponse, PortalError};

type Continue<T> = Box<dyn FnOnce(HttpResponse) -> Result<Exchange<T>, PortalError>>;

/// One step of an operation.
pub enum Exchange<T> {
    /// Send the request and hand the response to the continuation.
    Send(HttpRequest, Continue<T>),
    /// The operation finished.
    Done(T),
    /// The operation failed without (further) I/O.
    Fail(PortalError),
}

impl<T: 'static> Exchange<T> {
    /// One request whose response is the answer.
    pub fn once(
        request: HttpRequest,
        parse: impl FnOnce(HttpResponse) -> Result<T, PortalError> + 'static,
    ) -> Self {
        Exchange::Send(
            request,
            Box::new(move |response| parse(response).map(Exchange::Done)),
        )
    }

    /// Continues with another exchange once this one finishes.
    pub fn then<U: 'static>(
        self,
        next: impl FnOnce(T) -> Result<Exchange<U>, PortalError> + 'static,
    ) -> Exchange<U> {
        match self {
            Exchange::Done(value) => next(value).unwrap_or_else(Exchange::Fail),
            Exchange::Fail(e) => Exchange::Fail(e),
            Exchange::Send(request, cont) => Exchange::Send(
                request,
                Box::new(move |response| Ok(cont(response)?.then(next))),
            ),
        }
    }

    /// Transforms the final value.
    pub fn map<U: 'static>(self, f: impl FnOnce(T) -> U + 'static) -> Exchange<U> {
        self.then(move |v| Ok(Exchange::Done(f(v))))
    }

    /// Runs the operation with a blocking transport (host tests, tools). The browser shell has
    /// its own async driver with the same loop.
    pub fn run_blocking(
        self,
        mut send: impl FnMut(HttpRequest) -> Result<HttpResponse, PortalError>,
    ) -> Result<T, PortalError> {
        let mut step = self;
        // A connector that loops forever is a bug; cap the round trips of one operation.
        for _ in 0..MAX_ROUND_TRIPS {
            match step {
                Exchange::Done(value) => return Ok(value),
                Exchange::Fail(e) => return Err(e),
                Exchange::Send(request, cont) => step = cont(send(request)?)?,
            }
        }
        Err(PortalError::Malformed {
            path: "(operation)".into(),
            detail: "too many round trips".into(),
        })
    }
}

/// The most requests one operation may make (paging is done by the caller, not inside one).
pub const MAX_ROUND_TRIPS: usize = 32;
