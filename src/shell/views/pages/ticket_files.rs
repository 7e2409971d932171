//! The files in a ticket's conversation: a Download button for each, and a preview of images.

use leptos::prelude::*;

use crate::i18n::{t_with, Msg};
use crate::shell::state::use_app;
use crate::shell::{backend, platform};

/// Saves an attachment through the connector (RT serves files only as JSON with base64).
#[component]
pub(super) fn DownloadButton(name: String, url: String) -> impl IntoView {
    let lang = use_app().lang;
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let file_name = StoredValue::new(name.clone());
    let download = move |_| {
        let Some(connector) = crate::shell::backend::connector() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let exchange = connector.download(&url);
        leptos::task::spawn_local(async move {
            let result = crate::shell::backend::run(exchange).await;
            busy.set(false);
            let l = lang.get_untracked();
            let failed = match result {
                Ok(file) => {
                    let name = Some(file.name).filter(|n| !n.trim().is_empty());
                    crate::shell::platform::save_file(
                        &name.unwrap_or_else(|| file_name.get_value()),
                        &file.mime,
                        &file.bytes,
                    )
                    .err()
                }
                Err(e) => Some(e.user_message(l)),
            };
            problem
                .set(failed.map(|reason| t_with(l, Msg::DownloadFailed, &[("reason", &reason)])));
        });
    };
    view! {
        <button type="button" class="button button--small" on:click=download aria-disabled=move || busy.get().to_string()>
            {move || t_with(lang.get(), Msg::DownloadFile, &[("name", &name)])}
        </button>
        <span role="alert" class="field__error">{move || problem.get()}</span>
    }
}

/// Images up to this size are shown in the conversation, not only offered for download.
const PREVIEW_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// A small picture of an attached image, fetched through the connector (Request Tracker serves
/// files only as JSON) into a blob URL that is released with the view. Only raster images:
/// an SVG could carry script.
#[component]
pub(super) fn AttachmentPreview(
    name: String,
    mime: String,
    size: u64,
    url: String,
) -> impl IntoView {
    let shown = matches!(
        mime.as_str(),
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    ) && size <= PREVIEW_MAX_BYTES;
    let src = RwSignal::new(None::<String>);
    if shown {
        if let Some(connector) = backend::connector() {
            let exchange = connector.download(&url);
            leptos::task::spawn_local(async move {
                if let Ok(file) = backend::run(exchange).await {
                    // The type the ticket says, not the one the file claims.
                    if let Ok(object) = platform::object_url(&mime, &file.bytes) {
                        src.set(Some(object));
                    }
                }
            });
        }
    }
    on_cleanup(move || {
        if let Some(url) = src.get_untracked() {
            platform::release_url(&url);
        }
    });
    move || {
        src.get().map(|src| {
            view! { <img class="attachment-preview" src=src alt=name.clone() loading="lazy" /> }
        })
    }
}
