//! Start-up (config, then the app) and the one route table.

use leptos::ev;
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};

use super::chrome::{Footer, Header, SkipLink};
use super::notices::{OfflineBanner, StorageNotice, StoreNotice, UpdateNotice};
use super::pages::*;
use super::updates::Updates;
use crate::config::PortalConfig;
use crate::routes::segment::{CATALOG, DRAFTS, ID, KNOWLEDGE, SETTINGS, TICKETS};
use crate::shell::session::{self, SignedIn};
use crate::shell::state::{initial_lang, AppState};
use crate::shell::{backend, config_loader, outbox, platform, store, tracking};

/// Loads `config.json`, then shows the portal or a page that names the bad setting.
#[component]
pub fn Boot() -> impl IntoView {
    let started = LocalResource::new(|| async {
        let config = config_loader::load().await?;
        let storage_problem = backend::connect(&config).await.storage_problem();
        // A reload keeps the RT session RT's cookie still holds.
        let session = session::restore().await;
        Ok::<_, crate::config::ConfigError>((config, storage_problem, session))
    });
    let loading = crate::i18n::t(initial_lang(None), crate::i18n::Msg::Loading);
    view! {
        <Suspense fallback=move || view! { <p class="boot" role="status">{loading}</p> }>
            {move || Suspend::new(async move {
                match started.await {
                    Ok((config, storage_problem, session)) => {
                        view! { <App config storage_problem session /> }.into_any()
                    }
                    Err(error) => view! { <ConfigErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The portal: providers, document-level effects, chrome and routes.
#[component]
pub fn App(
    config: PortalConfig,
    /// Why changes will not be kept on this device, if they will not.
    #[prop(default = None)]
    storage_problem: Option<String>,
    /// The user already signed in (a reload within an RT session).
    #[prop(default = None)]
    session: Option<SignedIn>,
) -> impl IntoView {
    platform::set_root_style("--brand-light", &config.brand.primary);
    platform::set_root_style("--brand-dark", &config.brand.primary_dark);
    platform::set_root_attr("data-kiosk", if config.kiosk { "true" } else { "false" });
    let app = AppState::new(config);
    app.session.set(session);
    provide_context(app);
    store::on_event(move |event| app.store.set(Some(event)));
    let signed_out = move || app.needs_sign_in() && app.session.with(Option::is_none);

    Effect::new(move |_| platform::set_root_attr("lang", app.lang.get().code()));
    Effect::new(move |_| platform::set_root_attr("data-theme", app.theme.get().code()));
    // Whenever the device is online with someone signed in, send what waits for them.
    Effect::new(move |_| {
        let (online, _) = (app.online.get(), app.session.track());
        if online {
            outbox::send_now(app);
        } else {
            leptos::task::spawn_local(outbox::refresh(app));
        }
    });
    // Each user sees their own tickets from the device at once, then kept fresh.
    Effect::new(move |_| {
        app.session.track();
        leptos::task::spawn_local(async move {
            tracking::load_cached(app).await;
            tracking::start(app);
            tracking::refresh_now(app);
        });
    });
    // And again when the backoff after a failed round has passed, while something waits.
    outbox::listen(app);
    let retry = set_interval_with_handle(
        move || {
            let waiting = app
                .queued
                .with_untracked(|q| q.iter().any(|q| q.refused.is_none()))
                || app
                    .tracking
                    .pending
                    .with_untracked(|p| p.iter().any(|c| c.refused.is_none()));
            if app.online.get_untracked() && waiting && outbox::due() {
                outbox::send_waiting(app);
            }
        },
        std::time::Duration::from_secs(2),
    )
    .ok();
    let online = window_event_listener(ev::online, move |_| app.online.set(true));
    let offline = window_event_listener(ev::offline, move |_| app.online.set(false));
    on_cleanup(move || {
        if let Some(retry) = retry {
            retry.clear();
        }
        online.remove();
        offline.remove();
    });

    view! {
        <Router>
            <SkipLink />
            <Header />
            <OfflineBanner />
            <StorageNotice problem=storage_problem />
            <StoreNotice />
            <UpdateNotice />
            <main id="main" class="site-main" tabindex="-1">
                <Updates />
                <Show when=move || !signed_out() fallback=SignIn>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=Home />
                    <Route path=StaticSegment(CATALOG) view=Catalog />
                    <Route path=(StaticSegment(CATALOG), ParamSegment(ID)) view=CatalogItem />
                    <Route path=StaticSegment(KNOWLEDGE) view=Knowledge />
                    <Route path=(StaticSegment(KNOWLEDGE), ParamSegment(ID)) view=Article />
                    <Route path=StaticSegment(TICKETS) view=Tickets />
                    <Route path=(StaticSegment(TICKETS), ParamSegment(ID)) view=Ticket />
                    <Route path=StaticSegment(SETTINGS) view=Settings />
                    <Route path=StaticSegment(DRAFTS) view=Drafts />
                </Routes>
                </Show>
            </main>
            <Footer />
            <FocusOnNavigate />
        </Router>
    }
}

/// After a client-side navigation (not the first load), focus the new page's heading.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_heading_when_ready(FOCUS_FRAMES);
        }
        path
    });
}

/// How many frames to wait for a page whose heading arrives with its data (about 2 s).
const FOCUS_FRAMES: u32 = 120;

fn focus_heading_when_ready(frames_left: u32) {
    request_animation_frame(move || {
        if !platform::focus_main_heading() && frames_left > 0 {
            focus_heading_when_ready(frames_left - 1);
        }
    });
}
