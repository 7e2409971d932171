//! The app-wide state: one small `Copy` struct provided at the root.

use leptos::prelude::*;

use super::platform;
use super::session::SignedIn;
use crate::config::PortalConfig;
use crate::i18n::{t, Lang, Msg};
use crate::prefs::{keys, Theme};

/// Signals every view may read; changed only through the methods below.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<Theme>,
    pub online: RwSignal<bool>,
    pub config: StoredValue<PortalConfig>,
    /// Who is signed in, for backends that need it; always `None` for the demo.
    pub session: RwSignal<Option<SignedIn>>,
    /// The signed-in user's requests waiting to be sent, oldest first.
    pub queued: RwSignal<Vec<crate::outbox::Queued>>,
    /// The user's tickets as last read, kept fresh in the background.
    pub tracking: super::tracking::Tracking,
    /// What the device's store last had to say (an upgrade waiting, space freed).
    pub store: RwSignal<Option<super::store::StoreEvent>>,
}

impl AppState {
    /// State for a portal configured by `config`, with the user's remembered choices.
    pub fn new(config: PortalConfig) -> Self {
        let lang = initial_lang(config.default_language);
        super::backend::set_language(lang.code());
        let theme = platform::load_pref(keys::THEME)
            .map(|c| Theme::from_code(&c))
            .unwrap_or_default();
        AppState {
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            online: RwSignal::new(platform::is_online()),
            config: StoredValue::new(config),
            session: RwSignal::new(None),
            queued: RwSignal::new(Vec::new()),
            tracking: super::tracking::Tracking::new(),
            store: RwSignal::new(None),
        }
    }

    /// Whether the backend needs the user to sign in before anything else.
    pub fn needs_sign_in(&self) -> bool {
        self.config
            .with_value(|c| matches!(c.backend, crate::config::Backend::Rt(_)))
    }

    /// Switches language and remembers it (except on a kiosk, where the next person starts afresh).
    pub fn choose_lang(&self, lang: Lang) {
        // Before the signal, so the reads it sets off already ask in the new language.
        super::backend::set_language(lang.code());
        self.lang.set(lang);
        // The kept tickets carry the desk's names for their states in the old language.
        if super::backend::asked_language().is_some() {
            super::tracking::refresh_now(*self);
        }
        if !self.config.with_value(|c| c.kiosk) {
            platform::save_pref(keys::LANGUAGE, lang.code());
        }
    }

    /// Switches theme and remembers it (except on a kiosk).
    pub fn choose_theme(&self, theme: Theme) {
        self.theme.set(theme);
        if !self.config.with_value(|c| c.kiosk) {
            platform::save_pref(keys::THEME, theme.code());
        }
    }
}

/// The language to start in, before or without a config.
pub fn initial_lang(site_default: Option<Lang>) -> Lang {
    let remembered = platform::load_pref(keys::LANGUAGE);
    let browser = platform::browser_languages();
    Lang::negotiate(
        remembered.as_deref(),
        browser.iter().map(String::as_str),
        site_default,
    )
}

/// The app state; every view below `App` has it.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A reactive translation: re-renders when the language changes.
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_app().lang;
    move || t(lang.get(), msg)
}
