//! The last line of defence: a panic aborts the wasm module, so the hook replaces the frozen
//! page with a plain explanation and a reload link, built with the DOM API alone because the
//! reactive runtime can no longer be trusted.

use wasm_bindgen::JsCast;

use crate::i18n::{t, Lang, Msg};

/// Installs the panic hook: log to the console, then show the crash page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_page();
    }));
}

/// Replaces the whole page with the crash notice, in the language the page was showing.
pub fn show_crash_page() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| Lang::from_tag(&code))
        .unwrap_or_default();
    if let Some(body) = doc.body() {
        body.set_inner_html("");
        render(&doc, &body, lang);
    }
}

/// Writes the crash notice into `container`. Returns `None` if the DOM refused an operation,
/// which after a panic we can only accept.
pub fn render(doc: &web_sys::Document, container: &web_sys::Element, lang: Lang) -> Option<()> {
    let main = doc.create_element("main").ok()?;
    main.set_class_name("crash");
    main.set_attribute("role", "alert").ok()?;
    let h1 = doc.create_element("h1").ok()?;
    h1.set_text_content(Some(t(lang, Msg::CrashTitle)));
    let p = doc.create_element("p").ok()?;
    p.set_text_content(Some(t(lang, Msg::CrashBody)));
    // A link to this very address reloads without running any code: after a panic no Rust
    // closure may run, and a CSP without 'unsafe-eval' forbids building a JS function.
    let reload = doc.create_element("a").ok()?;
    let here = web_sys::window()?.location().href().ok()?;
    reload.set_attribute("href", &here).ok()?;
    reload.set_class_name("button button--primary");
    reload.set_text_content(Some(t(lang, Msg::Reload)));
    main.append_with_node_3(&h1, &p, &reload).ok()?;
    container.append_child(&main).ok()?;
    reload.dyn_ref::<web_sys::HtmlElement>()?.focus().ok()
}
