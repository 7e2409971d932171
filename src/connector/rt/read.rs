//! Reading RT's answers: its errors (in whatever form RT words them) and chains of requests
//! whose answers are collected.

use std::collections::VecDeque;
use std::rc::Rc;

pub(super) use super::wire::malformed;
use super::wire::{opt_text, FromRt, RtCollection};
use super::{text::failures, Settings, MAX_DETAIL_PAGES};
use crate::connector::json::decode;
use crate::connector::{with_query, Exchange, HttpRequest, HttpResponse, PortalError};

/// Whether RT answered with its login page instead of data: with a browser's User-Agent or a
/// cookie, failed authentication is a 302 to `/` (which a browser follows to an HTML page).
pub(super) fn is_login_page(r: &HttpResponse) -> bool {
    if matches!(r.status, 301 | 302 | 303 | 307) {
        return true;
    }
    let html = r
        .header("Content-Type")
        .is_some_and(|t| t.to_ascii_lowercase().contains("text/html"));
    let markup = r.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    r.is_success() && (html || markup)
}

/// The error a response stands for, if any, with RT's own message.
pub(super) fn check(r: &HttpResponse) -> Result<(), PortalError> {
    if is_login_page(r) {
        return Err(PortalError::NotSignedIn);
    }
    let message = decode::<serde_json::Value>(r)
        .ok()
        .and_then(|v| opt_text(&v, "message"));
    match PortalError::from_status(r, message) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

pub(super) fn read<T: FromRt>(r: HttpResponse) -> Result<T, PortalError> {
    check(&r)?;
    T::from_rt(&decode::<serde_json::Value>(&r)?, "")
}

/// A write's message list; any failure in it fails the operation with RT's words.
pub(super) fn read_messages(r: HttpResponse) -> Result<Vec<String>, PortalError> {
    let messages: Vec<String> = read(r)?;
    let failed = failures(&messages);
    if failed.is_empty() {
        Ok(messages)
    } else {
        Err(PortalError::Rejected(failed.join(" ")))
    }
}

/// Reads requests one after the other, collecting each answer.
pub(super) fn each<T: FromRt + 'static>(
    mut pending: VecDeque<HttpRequest>,
    mut done: Vec<T>,
) -> Exchange<Vec<T>> {
    match pending.pop_front() {
        None => Exchange::Done(done),
        Some(request) => Exchange::Send(
            request,
            Box::new(move |r| {
                done.push(read(r)?);
                Ok(each(pending, done))
            }),
        ),
    }
}

/// Every item of a small collection, page after page (`url` without `page`).
pub(super) fn all_items<T: FromRt + 'static>(
    settings: Rc<Settings>,
    url: String,
    page: u32,
    mut done: Vec<T>,
) -> Exchange<Vec<T>> {
    let request = settings.authorize(HttpRequest::get(with_query(
        &url,
        &[("page", &page.to_string())],
    )));
    Exchange::Send(
        request,
        Box::new(move |r| {
            let collection: RtCollection<T> = read(r)?;
            done.extend(collection.items);
            if collection.next_page && page < MAX_DETAIL_PAGES {
                Ok(all_items(settings, url, page + 1, done))
            } else {
                Ok(Exchange::Done(done))
            }
        }),
    )
}
