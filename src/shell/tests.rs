//! Components mounted in a real DOM in headless Chromium (`wasm-bindgen-test`).
//! Each test mounts into its own element and clears stored preferences first, so tests do not
//! depend on one another's order.

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::views::App;
use crate::config::{self, PortalConfig};
use crate::i18n::Lang;
use crate::prefs::keys;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

fn shipped_config() -> PortalConfig {
    config::parse(include_str!("../../public/config.json")).expect("shipped config is valid")
}

struct Mounted {
    root: web_sys::HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Mounted {
    async fn app(config: PortalConfig) -> Self {
        storage().clear().expect("clear storage");
        let root: web_sys::HtmlElement = doc()
            .create_element("div")
            .expect("div")
            .dyn_into()
            .expect("html element");
        doc()
            .body()
            .expect("body")
            .append_child(&root)
            .expect("append");
        let handle =
            leptos::mount::mount_to(root.clone(), move || view! { <App config /> }.into_any());
        tick().await;
        Mounted {
            root,
            _handle: handle,
        }
    }

    fn text(&self, selector: &str) -> String {
        self.root
            .query_selector(selector)
            .expect("valid selector")
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    /// Picks a language in the header's menu, as a person would.
    async fn choose_language(&self, code: &str) {
        let select: web_sys::HtmlSelectElement = self
            .root
            .query_selector("#language-select")
            .ok()
            .flatten()
            .expect("language menu")
            .dyn_into()
            .expect("a select");
        select.set_value(code);
        select
            .dispatch_event(&web_sys::Event::new("change").expect("event"))
            .expect("dispatch");
        tick().await;
    }

    fn count(&self, selector: &str) -> u32 {
        self.root
            .query_selector_all(selector)
            .expect("valid selector")
            .length()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn english_browser() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        == Some(Lang::En)
}

#[wasm_bindgen_test]
async fn the_shell_has_brand_navigation_skip_link_and_footer() {
    let app = Mounted::app(shipped_config()).await;
    assert_eq!(app.text(".brand__name"), "Portico");
    let hrefs: Vec<String> = (0..app.count(".site-nav__link"))
        .filter_map(|i| app.root.query_selector_all(".site-nav__link").ok()?.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok()?.get_attribute("href"))
        .collect();
    assert_eq!(hrefs, ["/", "/catalog", "/knowledge", "/tickets"]);
    assert_eq!(app.count("a.skip-link[href='#main']"), 1);
    assert_eq!(app.count("main#main h1"), 1);
    assert!(app.text(".site-footer").contains("Portico"));
}

#[wasm_bindgen_test]
async fn choosing_french_translates_the_page_and_is_remembered() {
    let app = Mounted::app(shipped_config()).await;
    app.choose_language("fr").await;
    assert_eq!(
        app.text(".site-nav__link[href='/catalog']").trim(),
        "Catalogue de services"
    );
    assert_eq!(
        doc()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .as_deref(),
        Some("fr")
    );
    assert_eq!(
        storage().get_item(keys::LANGUAGE).ok().flatten().as_deref(),
        Some("fr")
    );
}

#[wasm_bindgen_test]
async fn a_kiosk_does_not_remember_the_last_persons_language() {
    let mut config = shipped_config();
    config.kiosk = true;
    let app = Mounted::app(config).await;
    app.choose_language("es").await;
    assert_eq!(
        app.text(".site-nav__link[href='/tickets']").trim(),
        "Mis solicitudes"
    );
    assert_eq!(storage().get_item(keys::LANGUAGE).ok().flatten(), None);
    assert_eq!(
        doc()
            .document_element()
            .and_then(|e| e.get_attribute("data-kiosk"))
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn going_offline_shows_the_status_and_the_banner() {
    let app = Mounted::app(shipped_config()).await;
    let window = web_sys::window().expect("window");
    window
        .dispatch_event(&web_sys::Event::new("offline").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(app.count(".net-status--offline"), 1);
    assert_eq!(app.count(".offline-banner"), 1);
    if english_browser() {
        assert_eq!(app.text(".net-status").trim(), "Offline");
    }
    window
        .dispatch_event(&web_sys::Event::new("online").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(app.count(".net-status--offline"), 0);
    assert_eq!(app.count(".offline-banner"), 0);
}

#[wasm_bindgen_test]
async fn brand_colours_from_the_config_become_css_tokens() {
    let mut config = shipped_config();
    config.brand.primary = "#0b5d1e".to_owned();
    let _app = Mounted::app(config).await;
    let root: web_sys::HtmlElement = doc()
        .document_element()
        .expect("root")
        .dyn_into()
        .expect("html");
    assert_eq!(
        root.style()
            .get_property_value("--brand-light")
            .ok()
            .as_deref(),
        Some("#0b5d1e")
    );
}

#[wasm_bindgen_test]
fn the_crash_notice_explains_and_offers_a_reload_in_the_pages_language() {
    let container = doc().create_element("div").expect("div");
    doc()
        .body()
        .expect("body")
        .append_child(&container)
        .expect("append");
    super::crash::render(&doc(), &container, Lang::Es).expect("rendered");
    let text = container.text_content().unwrap_or_default();
    assert!(text.contains("Algo ha fallado"), "{text}");
    let link = container
        .query_selector("a.button")
        .ok()
        .flatten()
        .expect("reload link");
    let here = web_sys::window().and_then(|w| w.location().href().ok());
    assert_eq!(link.get_attribute("href"), here);
    assert_eq!(link.text_content().as_deref(), Some("Recargar"));
    container.remove();
}
