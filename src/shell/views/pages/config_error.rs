//! Shown instead of the portal when `config.json` is missing or wrong. There is no app state
//! here (there is no config), so it negotiates its own language.

use leptos::prelude::*;

use crate::config::ConfigError;
use crate::i18n::{t, Msg};
use crate::prefs::{keys, Theme};
use crate::shell::platform;
use crate::shell::state::initial_lang;

#[component]
pub fn ConfigErrorPage(
    /// What is wrong, and with which setting.
    error: ConfigError,
) -> impl IntoView {
    let lang = initial_lang(None);
    let theme = platform::load_pref(keys::THEME)
        .map(|c| Theme::from_code(&c))
        .unwrap_or_default();
    platform::set_root_attr("lang", lang.code());
    platform::set_root_attr("data-theme", theme.code());
    platform::set_title(t(lang, Msg::ConfigErrorTitle));
    let tx = move |msg| t(lang, msg);
    view! {
        <main id="main" class="site-main config-error" tabindex="-1">
            <div class="page" role="alert">
                <h1 class="page__title">{tx(Msg::ConfigErrorTitle)}</h1>
                <p class="page__intro">{tx(Msg::ConfigErrorIntro)}</p>
                <dl class="config-error__details">
                    <div>
                        <dt>{tx(Msg::ConfigErrorKey)}</dt>
                        <dd><code data-testid="config-error-key">{error.key}</code></dd>
                    </div>
                    <div>
                        <dt>{tx(Msg::ConfigErrorProblem)}</dt>
                        <dd><code>{error.problem}</code></dd>
                    </div>
                </dl>
                <p class="hint">{tx(Msg::ConfigErrorAdmin)}</p>
                <button type="button" class="button button--primary" on:click=|_| platform::reload()>
                    {tx(Msg::Retry)}
                </button>
            </div>
        </main>
    }
}
