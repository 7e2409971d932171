//! Pieces every data-backed page uses: loading through the connector, the loading and error
//! states, status badges, dates, and markdown read as text.

use leptos::prelude::*;

use super::icons::{Icon, IconName};
use super::page::{msg_signal, PageLayout};
use crate::connector::{Connector, Exchange, Page, PageRequest, PortalError};
use crate::i18n::{format_date, format_time, t, CivilDateTime, Lang, Msg};
use crate::model::{Status, Timestamp};
use crate::shell::backend;
use crate::shell::platform;
use crate::shell::state::{tr, use_app};

/// Runs one connector operation as a resource that views can await. It runs again when the
/// reader switches language, for backends that answer in the language asked.
pub fn load<T, F>(operation: F) -> LocalResource<Result<T, PortalError>>
where
    T: Clone + 'static,
    F: Fn(&dyn Connector) -> Exchange<T> + 'static,
{
    let lang = use_app().lang;
    LocalResource::new(move || {
        lang.track();
        let exchange = backend::connector().map(|c| operation(&*c));
        async move {
            match exchange {
                Some(exchange) => backend::run(exchange).await,
                None => Err(PortalError::NotSignedIn),
            }
        }
    })
}

/// Every item of a paged listing, reading page after page.
pub async fn all_pages<T: 'static>(
    list: impl Fn(&dyn Connector, &PageRequest) -> Exchange<Page<T>>,
) -> Result<Vec<T>, PortalError> {
    let connector = backend::connector().ok_or(PortalError::NotSignedIn)?;
    let mut request = PageRequest::default();
    let mut items = Vec::new();
    loop {
        let page = backend::run(list(&*connector, &request)).await?;
        items.extend(page.items);
        match page.next {
            Some(next) => request = next,
            None => return Ok(items),
        }
    }
}

/// What a detail page shows for its loaded entity: the page itself, the "not found" page with
/// the way back, or the error with a retry.
pub fn entity_view<T>(
    loaded: Result<T, PortalError>,
    found: impl FnOnce(T) -> AnyView,
    missing: impl FnOnce() -> AnyView,
    area: Msg,
    retry: Callback<()>,
) -> AnyView {
    match loaded {
        Ok(entity) => found(entity),
        Err(PortalError::NotFound) => missing(),
        Err(error) => view! {
            <PageLayout title=msg_signal(area)>
                <ErrorNotice error on_retry=retry />
            </PageLayout>
        }
        .into_any(),
    }
}

/// While data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{tr(Msg::Loading)}</p> }
}

/// A failure, explained in the user's language, with a way to try again.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: PortalError,
    /// Runs the failed load again.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    // A session that ended (RT's cookie expired): the way back is signing in again.
    let signed_out = error == PortalError::NotSignedIn && app.needs_sign_in();
    view! {
        <div class="notice notice--error" role="alert">
            <p>{move || error.user_message(lang.get())}</p>
            {signed_out
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button--primary"
                            on:click=move |_| {
                                crate::shell::backend::set_connector(None);
                                app.session.set(None);
                            }
                        >
                            {tr(Msg::SignInTitle)}
                        </button>
                    }
                })}
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {tr(Msg::Retry)}
                        </button>
                    }
                })}
        </div>
    }
}

/// The message for a normalized status.
pub fn status_label(status: Status) -> Msg {
    match status {
        Status::New => Msg::StatusNew,
        Status::InProgress => Msg::StatusInProgress,
        Status::WaitingOnYou => Msg::StatusWaitingOnYou,
        Status::OnHold => Msg::StatusOnHold,
        Status::Resolved => Msg::StatusResolved,
        Status::Closed => Msg::StatusClosed,
        Status::Cancelled => Msg::StatusCancelled,
    }
}

fn status_icon(status: Status) -> IconName {
    match status {
        Status::New => IconName::Dot,
        Status::InProgress => IconName::Arrow,
        Status::WaitingOnYou => IconName::Question,
        Status::OnHold => IconName::Pause,
        Status::Resolved => IconName::Check,
        Status::Closed => IconName::Check,
        Status::Cancelled => IconName::Cross,
    }
}

/// The CSS modifier of a status.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::New => "status--new",
        Status::InProgress => "status--in-progress",
        Status::WaitingOnYou => "status--waiting",
        Status::OnHold => "status--on-hold",
        Status::Resolved => "status--resolved",
        Status::Closed => "status--closed",
        Status::Cancelled => "status--cancelled",
    }
}

/// A status said in words and with an icon (never by colour alone), with the backend's own
/// name for it beside when that differs.
#[component]
pub fn StatusBadge(
    /// The normalized status.
    status: Status,
    /// The backend's label for it.
    #[prop(into)]
    raw: String,
) -> impl IntoView {
    let lang = use_app().lang;
    let raw_text = raw.clone();
    let raw_differs = move || !raw.eq_ignore_ascii_case(t(lang.get(), status_label(status)));
    view! {
        <span class=format!("status {}", status_class(status))>
            <Icon name=status_icon(status) />
            <span>{tr(status_label(status))}</span>
            <Show when=raw_differs>
                <span class="status__raw">{format!("({raw_text})")}</span>
            </Show>
        </span>
    }
}

/// A date and time in the user's language and time zone.
pub fn date_time_text(lang: Lang, at: Timestamp) -> String {
    let civil = CivilDateTime::from_unix(at, platform::utc_offset_minutes());
    format!("{} {}", format_date(lang, civil), format_time(lang, civil))
}

/// A date in the user's language and time zone.
pub fn date_text(lang: Lang, at: Timestamp) -> String {
    format_date(
        lang,
        CivilDateTime::from_unix(at, platform::utc_offset_minutes()),
    )
}
