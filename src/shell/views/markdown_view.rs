//! Untrusted markdown shown as rich text: rendered by the core's safe renderer (allow-listed
//! HTML, safe URLs only), with working copy buttons on code, in-page footnote links, and
//! images that fail to load replaced by their description as a link.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t, Lang, Msg};
use crate::markdown::{render_markdown, safe_url, Labels};
use crate::shell::platform;
use crate::shell::state::use_app;

/// The renderer's words in `lang`.
pub fn labels(lang: Lang) -> Labels<'static> {
    Labels {
        copy: t(lang, Msg::CodeCopy),
        table: t(lang, Msg::TableRegion),
        done: t(lang, Msg::TaskDone),
        not_done: t(lang, Msg::TaskNotDone),
        back_to_text: t(lang, Msg::FootnoteBack),
    }
}

/// How long a copy button reads "Copied" after a copy.
const COPIED_MS: i32 = 2000;

/// Handles clicks in rendered markdown: a code block's copy button copies its code (says so
/// through `copied`, and reads "Copied" for a moment), an in-page link moves focus within the
/// page instead of routing.
pub fn prose_click(ev: leptos::ev::MouseEvent, copied: RwSignal<Option<Msg>>, lang: Lang) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if let Ok(Some(button)) = target.closest("button.copy-code") {
        let code = button
            .parent_element()
            .and_then(|block| block.query_selector("code").ok().flatten())
            .and_then(|code| code.text_content())
            .unwrap_or_default();
        // Cleared first, so a second copy is announced again.
        copied.set(None);
        leptos::task::spawn_local(async move {
            let done = platform::copy_text(&code).await;
            copied.set(Some(if done {
                Msg::CodeCopied
            } else {
                Msg::CodeCopyFailed
            }));
            if done && button.get_attribute("data-copied").is_none() {
                let label = button.text_content();
                let _ = button.set_attribute("data-copied", "");
                button.set_text_content(Some(t(lang, Msg::CodeCopiedShort)));
                platform::sleep(COPIED_MS).await;
                button.set_text_content(label.as_deref());
                let _ = button.remove_attribute("data-copied");
            }
        });
    } else if let Ok(Some(link)) = target.closest("a[href^='#']") {
        if let Some(id) = link
            .get_attribute("href")
            .and_then(|h| h.strip_prefix('#').map(str::to_owned))
        {
            ev.prevent_default();
            platform::jump_to(&id);
        }
    }
}

/// An image in rendered markdown that failed to load (a dead link, no network) gives way to
/// its description as a link to its address (or, without a description, a sentence saying it
/// could not be shown), instead of a broken-image icon. Built from a text node, never HTML;
/// the address is the one the safe renderer let through, checked again. `error` does not
/// bubble: the container listens in the capture phase (`on:error:capture`).
pub fn image_failed(ev: &web_sys::Event, lang: Lang) {
    let Some(img) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok())
    else {
        return;
    };
    let alt = img.alt();
    let text = match alt.trim() {
        "" => t(lang, Msg::ImageNotShown),
        alt => alt,
    };
    // Inside a link already, the text alone (links do not nest).
    let href = img
        .get_attribute("src")
        .and_then(|src| safe_url(&src))
        .filter(|_| matches!(img.closest("a"), Ok(None)));
    let Ok(stand_in) = document().create_element(if href.is_some() { "a" } else { "span" }) else {
        return;
    };
    if let Some(href) = href {
        let _ = stand_in.set_attribute("href", &href);
        // A file, not a page of the portal: the router leaves it to the browser.
        let _ = stand_in.set_attribute("rel", "external");
    }
    stand_in.set_class_name("prose__missing-image");
    stand_in.set_text_content(Some(text));
    let _ = img.replace_with_with_node_1(&stand_in);
}

/// Markdown from someone else (a comment, a preview of one), rendered safely.
#[component]
pub fn Markdown(
    /// The markdown; untrusted.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let lang = use_app().lang;
    let html = Memo::new(move |_| {
        let l = lang.get();
        text.with(|t| render_markdown(t, &labels(l)).html)
    });
    let copied = RwSignal::new(None::<Msg>);
    view! {
        <div
            class="prose prose--compact"
            on:click=move |ev| prose_click(ev, copied, lang.get_untracked())
            on:error:capture=move |ev| image_failed(&ev, lang.get_untracked())
            inner_html=move || html.get()
        ></div>
        // Always there, so the live region exists before its text changes.
        <p class="visually-hidden" role="status">{move || copied.get().map(|m| t(lang.get(), m))}</p>
    }
}
