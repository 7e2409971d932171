//! Untrusted markdown shown as rich text: rendered by the core's safe renderer (allow-listed
//! HTML, safe URLs only), with working copy buttons on code and in-page footnote links.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t, Lang, Msg};
use crate::markdown::{render_markdown, Labels};
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
            inner_html=move || html.get()
        ></div>
        // Always there, so the live region exists before its text changes.
        <p class="visually-hidden" role="status">{move || copied.get().map(|m| t(lang.get(), m))}</p>
    }
}
