//! The few browser facts the shell needs, each failing soft: storage may be disabled (private
//! mode, kiosk policies), and none of that may stop the portal from starting.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A remembered preference, if storage works and holds one.
pub fn load_pref(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Remembers a preference; if storage is unavailable the choice simply lasts for this visit.
pub fn save_pref(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        // Failure (quota, disabled storage) only means the choice is not remembered.
        let _ = storage.set_item(key, value);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// A value kept for this tab only (never a credential).
pub fn load_for_tab(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok()?
}

/// Keeps a value for this tab only; `None` forgets it.
pub fn save_for_tab(key: &str, value: Option<&str>) {
    if let Some(storage) = session_storage() {
        let _ = match value {
            Some(v) => storage.set_item(key, v),
            None => storage.remove_item(key),
        };
    }
}

/// A `blob:` URL for these bytes, to show or save them; release it with [`release_url`].
pub fn object_url(mime: &str, bytes: &[u8]) -> Result<String, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))
}

/// Frees what [`object_url`] holds.
pub fn release_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// A file's bytes, or `None` if the browser cannot read it (removed, no permission).
pub async fn read_file(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Hands a file to the browser to save, under `name`.
pub fn save_file(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let url = object_url(mime, bytes)?;
    let anchor = document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("no document")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    release_url(&url);
    Ok(())
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut langs: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if langs.is_empty() {
        langs.extend(navigator.language());
    }
    langs
}

/// Whether the browser believes it has a network.
pub fn is_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// Seconds since the Unix epoch.
pub fn now_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Milliseconds since the Unix epoch, for timing what is on screen.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Minutes the user's clock is ahead of UTC right now.
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Sets an attribute on `<html>` (lang, data-theme, data-kiosk).
pub fn set_root_attr(name: &str, value: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

/// Sets a CSS custom property on `<html>` (brand colours from the config).
pub fn set_root_style(property: &str, value: &str) {
    let root = document().and_then(|d| d.document_element());
    if let Some(root) = root.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = root.style().set_property(property, value);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

/// Moves keyboard and screen-reader focus to the page's main heading, so a route change is
/// announced and the next Tab starts from the new content.
/// Returns whether there was a heading to focus.
pub fn focus_main_heading() -> bool {
    let heading = document().and_then(|d| d.query_selector("main h1").ok().flatten());
    match heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(h) => h.focus().is_ok(),
        None => false,
    }
}

/// The bottom edge of the part of the window the user can see (above an on-screen keyboard,
/// where the browser says so), in viewport pixels, and how far above the window's bottom it is.
pub fn visible_height() -> (f64, f64) {
    let Some(w) = web_sys::window() else {
        return (0.0, 0.0);
    };
    let full = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let seen = w
        .visual_viewport()
        .map_or(full, |v| v.offset_top() + v.height())
        .min(full);
    (seen, full - seen)
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Whether a new version of the portal is installed and waiting (public/sw-register.js).
pub fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"porticoWaiting".into()).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}

/// Lets the waiting version take over, then reloads (or just reloads, if none waits).
pub fn apply_update() {
    let update = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"porticoUpdate".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match update {
        Some(update) => {
            if update.call0(&wasm_bindgen::JsValue::NULL).is_err() {
                reload();
            }
        }
        None => reload(),
    }
}

/// Removes the static "Loading" placeholder that index.html shows before the wasm runs.
pub fn remove_boot_placeholder() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
}

/// A warning on the browser console, for problems the user need not see but an admin may.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(&format!(
        "Portico: {message}"
    )));
}

/// Copies text to the clipboard; false when the browser refuses (no permission, no HTTPS).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Scrolls to the element with this id and moves focus to it, so keyboard and screen reader
/// users land where the link pointed.
pub fn jump_to(id: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    element.scroll_into_view();
    if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Waits `ms` milliseconds (a browser timer, so Playwright's clock can move it on).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether the page is in a background tab or a minimized window.
pub fn is_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Whether the page has the user's attention (visible and its window focused).
pub fn has_focus() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.has_focus().ok())
        .unwrap_or(true)
}

/// A number in [0, 1) for jitter and keys.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Whether the browser lets this site show notifications; `None` where there are none.
pub fn notification_permission() -> Option<web_sys::NotificationPermission> {
    js_sys::Reflect::has(&js_sys::global(), &"Notification".into())
        .unwrap_or(false)
        .then(web_sys::Notification::permission)
}

/// Asks the user to allow notifications; whether they did.
pub async fn ask_notification_permission() -> bool {
    if notification_permission().is_none() {
        return false;
    }
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return false;
    };
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    answer.ok().and_then(|v| v.as_string()).as_deref() == Some("granted")
}

/// Shows a system notification; clicking it brings the portal to the front.
pub fn notify(title: &str, body: &str, tag: &str) {
    if notification_permission() != Some(web_sys::NotificationPermission::Granted) {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    if let Ok(n) = web_sys::Notification::new_with_options(title, &options) {
        let onclick = wasm_bindgen::closure::Closure::once_into_js(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.focus();
            }
        });
        n.set_onclick(Some(wasm_bindgen::JsCast::unchecked_ref(&onclick)));
    }
}
