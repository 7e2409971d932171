//! What surrounds every page: skip link, header with navigation, footer with sync status.
//! The notices shown over or under it are in `notices.rs` and `updates.rs`.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{Icon, IconName};
use crate::i18n::{t, Lang, Msg};
use crate::routes::Page;
use crate::shell::state::{tr, use_app};

/// The first focusable element: jumps past the header to the page content.
///
/// `href="#main"` alone resolves against the page's `<base href="/">`, so the browser (or the
/// router) would go to `/#main`, the home page. The click (Enter included) is handled on the
/// link itself, before the router's window listener sees it: it stays on the page and moves
/// focus to `<main tabindex="-1">`, which also scrolls it into view.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let main = document()
            .get_element_by_id("main")
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            ev.prevent_default();
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            {tr(Msg::SkipToContent)}
        </a>
    }
}

fn nav_icon(page: &Page) -> IconName {
    match page {
        Page::Home => IconName::Home,
        Page::Catalog | Page::CatalogItem(_) | Page::Drafts => IconName::Catalog,
        Page::Knowledge | Page::Article(_) => IconName::Book,
        Page::Tickets | Page::Ticket(_) => IconName::Ticket,
        Page::Settings => IconName::Settings,
    }
}

/// The portal's name and logo, status, language, settings, and the main navigation.
#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let (name, logo) = app
        .config
        .with_value(|c| (c.portal_name.clone(), c.logo.clone()));
    let links = Page::NAVIGATION
        .iter()
        .map(|page| {
            let label = tr(page.label());
            let exact = *page == Page::Home;
            let badge = (*page == Page::Tickets).then(AttentionBadge);
            view! {
                <li>
                    <A href=page.href() exact attr:class="site-nav__link">
                        <Icon name=nav_icon(page) />
                        <span>{label}</span>
                        {badge}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <A href=Page::Home.href() attr:class="brand">
                    {logo.map(|src| view! { <img class="brand__logo" src=src alt="" width="40" height="40" /> })}
                    <span class="brand__text">
                        <span class="brand__name">{name}</span>
                        <span class="brand__tagline">{tr(Msg::AppTagline)}</span>
                    </span>
                </A>
                <div class="site-header__tools">
                    <OnlineStatus />
                    <Account />
                    <LanguageSwitcher />
                    <A href=Page::Settings.href() attr:class="tool-link">
                        <Icon name=IconName::Settings />
                        <span>{tr(Msg::NavSettings)}</span>
                    </A>
                </div>
            </div>
            <nav class="site-nav" aria-label=tr(Msg::NavMain)>
                <ul class="site-nav__list">{links}</ul>
            </nav>
        </header>
    }
}

/// How many tickets need the user (waiting on them, or with news), beside "My tickets"; part
/// of the link's name, so screen readers hear "My tickets, 2 need your attention".
#[allow(non_snake_case)]
fn AttentionBadge() -> impl IntoView {
    let app = use_app();
    let count = Memo::new(move |_| app.tracking.attention());
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! {
                <span class="nav-badge">
                    <span aria-hidden="true">{n}</span>
                    <span class="visually-hidden">
                        {move || crate::i18n::plural(app.lang.get(), n as u64, Msg::AttentionOne, Msg::AttentionMany)}
                    </span>
                </span>
            }
        })
    }
}

/// Online or offline, said in words and with an icon, never by colour alone.
#[component]
fn OnlineStatus() -> impl IntoView {
    let online = use_app().online;
    let lang = use_app().lang;
    view! {
        <p class="net-status" class:net-status--offline=move || !online.get()>
            {move || {
                let (icon, msg) = if online.get() {
                    (IconName::Online, Msg::StatusOnline)
                } else {
                    (IconName::Offline, Msg::StatusOffline)
                };
                view! {
                    <Icon name=icon />
                    <span>{t(lang.get(), msg)}</span>
                }
            }}
        </p>
    }
}

/// Who is signed in, and the way out (a shared device must make signing out easy).
#[component]
fn Account() -> impl IntoView {
    let app = use_app();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            crate::shell::session::sign_out().await;
            app.session.set(None);
        });
    };
    move || {
        app.session.get().map(|who| {
            let name = who.display_name.clone();
            view! {
                <div class="account">
                    <span class="account__name">
                        {move || crate::i18n::t_with(app.lang.get(), Msg::SignedInAs, &[("name", &name)])}
                    </span>
                    <button type="button" class="tool-link account__sign-out" on:click=sign_out>
                        {tr(Msg::SignOut)}
                    </button>
                </div>
            }
        })
    }
}

/// A native select, so it works with every keyboard, screen reader and touch screen.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let app = use_app();
    let options = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <option value=lang.code() lang=lang.code() selected=move || app.lang.get() == lang>
                    {lang.native_name()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch">
            <label class="lang-switch__label" for="language-select">
                <Icon name=IconName::Globe />
                <span class="visually-hidden">{tr(Msg::LanguageLabel)}</span>
            </label>
            <select
                id="language-select"
                class="lang-switch__select"
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        app.choose_lang(lang);
                    }
                }
                prop:value=move || app.lang.get().code()
            >
                {options}
            </select>
        </div>
    }
}

/// Who runs the portal, and the promise that matters offline.
#[component]
pub fn Footer() -> impl IntoView {
    let name = use_app().config.with_value(|c| c.portal_name.clone());
    view! {
        <footer class="site-footer">
            <SyncStatus />
            <p class="site-footer__promise">{tr(Msg::FooterOffline)}</p>
            <p class="site-footer__meta">
                <span>{name}</span>
                " · "
                <span>{tr(Msg::FooterPoweredBy)}</span>
                " · "
                <A href=Page::Settings.href()>{tr(Msg::NavSettings)}</A>
            </p>
        </footer>
    }
}

/// Where sync stands, on every page: when the user's data was last read from the backend,
/// what waits to be sent, a progress bar while a sync runs, and a way to sync now.
#[component]
fn SyncStatus() -> impl IntoView {
    use crate::connector::PortalError;
    use crate::shell::views::data::date_time_text;
    let app = use_app();
    let (lang, tracking) = (app.lang, app.tracking);
    let signed_in = move || !app.needs_sign_in() || app.session.with(Option::is_some);
    let pending = move || {
        let requests = app
            .queued
            .with(|q| q.iter().filter(|q| q.refused.is_none()).count());
        let changes = tracking
            .pending
            .with(|p| p.iter().filter(|c| c.refused.is_none()).count());
        (requests + changes) as u64
    };
    let last = move || match tracking.read_at.get() {
        Some(at) => crate::i18n::t_with(
            lang.get(),
            Msg::SyncLast,
            &[("time", &date_time_text(lang.get(), at))],
        ),
        None => t(lang.get(), Msg::SyncNever).to_owned(),
    };
    let waiting = move || match pending() {
        0 => t(lang.get(), Msg::SyncUpToDate).to_owned(),
        n => crate::i18n::plural(lang.get(), n, Msg::SyncPendingOne, Msg::SyncPendingMany),
    };
    let failed = move || {
        tracking
            .error
            .with(|e| e.as_ref().is_some_and(|e| *e != PortalError::Offline))
    };
    let sync_now = move |_| {
        crate::shell::outbox::send_now(app);
        crate::shell::tracking::refresh_now(app);
    };
    view! {
        <Show when=signed_in>
            <section class="sync-status" aria-labelledby="sync-status-title">
                <h2 id="sync-status-title" class="visually-hidden">{tr(Msg::SyncLabel)}</h2>
                <p class="sync-status__line">
                    <span class="sync-status__last">{last}</span>
                    " · "
                    <span class="sync-status__pending">{waiting}</span>
                </p>
                <Show when=move || tracking.syncing.with(Option::is_some)>
                    <p class="sync-status__progress" role="status">
                        <progress aria-label=move || t(lang.get(), Msg::SyncProgress)></progress>
                        <span>{tr(Msg::SyncRunning)}</span>
                    </p>
                </Show>
                <Show when=failed>
                    <p class="sync-status__failed">{tr(Msg::SyncFailed)}</p>
                </Show>
                <button
                    type="button"
                    class="button button--small"
                    on:click=sync_now
                    disabled=move || !app.online.get() || tracking.syncing.with(Option::is_some)
                >
                    {tr(Msg::SyncNow)}
                </button>
            </section>
        </Show>
    }
}
