//! Per-device choices: language and theme, with a preview of how dates and numbers read.

use leptos::prelude::*;

use crate::i18n::{
    format_date, format_decimal, format_integer, format_time, t, CivilDateTime, Lang, Msg,
};
use crate::prefs::Theme;
use crate::shell::state::{tr, use_app};
use crate::shell::views::page::{msg_signal, PageLayout};
use crate::shell::{platform, tracking};

#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <PageLayout title=msg_signal(Msg::SettingsTitle) intro=msg_signal(Msg::SettingsIntro)>
            <div class="settings">
                <LanguageChoice />
                <ThemeChoice />
                <Notifications />
                <FormatPreview />
                <SelfHelp />
            </div>
        </PageLayout>
    }
}

/// A labelled group of radio buttons: one choice among a few, each with its own label view.
#[component]
fn ChoiceGroup<T, L>(
    /// Names the group for the browser, and prefixes the ids of its parts.
    name: &'static str,
    /// The group's visible name.
    legend: Msg,
    /// What the choice does, read out with the group.
    help: Msg,
    /// Each choice with the value submitted for it.
    options: Vec<(T, &'static str)>,
    /// Draws a choice's label.
    label: L,
    /// The current choice.
    selected: Signal<T>,
    /// Called with the new choice.
    on_choose: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    L: Fn(T) -> AnyView + 'static,
{
    let help_id = format!("{name}-help");
    let described_by = help_id.clone();
    let options = options
        .into_iter()
        .map(|(value, code)| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        value=code
                        prop:checked=move || selected.get() == value
                        on:change=move |_| on_choose.run(value)
                    />
                    {label(value)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice-group" aria-describedby=described_by>
            <legend>{tr(legend)}</legend>
            <p class="hint" id=help_id>{tr(help)}</p>
            <div class="choice-group__options">{options}</div>
        </fieldset>
    }
}

#[component]
fn LanguageChoice() -> impl IntoView {
    let app = use_app();
    view! {
        <ChoiceGroup
            name="language"
            legend=Msg::LanguageLabel
            help=Msg::SettingsLanguageHelp
            options=Lang::ALL.into_iter().map(|l| (l, l.code())).collect()
            label=|lang: Lang| view! { <span lang=lang.code()>{lang.native_name()}</span> }.into_any()
            selected=app.lang.into()
            on_choose=Callback::new(move |lang| app.choose_lang(lang))
        />
    }
}

#[component]
fn ThemeChoice() -> impl IntoView {
    let app = use_app();
    view! {
        <ChoiceGroup
            name="theme"
            legend=Msg::ThemeLabel
            help=Msg::SettingsThemeHelp
            options=Theme::ALL.into_iter().map(|t| (t, t.code())).collect()
            label=|theme: Theme| view! { <span>{tr(theme.label())}</span> }.into_any()
            selected=app.theme.into()
            on_choose=Callback::new(move |theme| app.choose_theme(theme))
        />
    }
}

#[component]
fn FormatPreview() -> impl IntoView {
    let lang = use_app().lang;
    let now =
        CivilDateTime::from_unix(platform::now_unix_seconds(), platform::utc_offset_minutes());
    let row = move |label: Msg, value: Box<dyn Fn(Lang) -> String + Send + Sync>| {
        view! {
            <div class="format-preview__row">
                <dt>{move || t(lang.get(), label)}</dt>
                <dd>{move || value(lang.get())}</dd>
            </div>
        }
    };
    view! {
        <section class="format-preview" aria-labelledby="format-preview-title">
            <h2 id="format-preview-title">{tr(Msg::SettingsFormats)}</h2>
            <dl>
                {row(Msg::SettingsDateExample, Box::new(move |l| format_date(l, now)))}
                {row(Msg::SettingsTimeExample, Box::new(move |l| format_time(l, now)))}
                {row(
                    Msg::SettingsNumberExample,
                    Box::new(|l| format!("{} · {}", format_integer(l, 1_234_567), format_decimal(l, 1234.5, 2))),
                )}
            </dl>
        </section>
    }
}

/// Browser notifications about ticket changes: off until the user asks, and only once the
/// browser allows them. Not offered on a kiosk, where the next person is not the owner.
#[component]
fn Notifications() -> impl IntoView {
    let app = use_app();
    let kiosk = app.config.with_value(|c| c.kiosk);
    let supported = platform::notification_permission().is_some();
    let on = RwSignal::new(tracking::notifications_on(app));
    let blocked = RwSignal::new(false);
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        blocked.set(false);
        if !wanted {
            on.set(false);
            platform::save_pref(tracking::NOTIFY_PREF, "off");
            return;
        }
        leptos::task::spawn_local(async move {
            let allowed = platform::ask_notification_permission().await;
            on.set(allowed);
            blocked.set(!allowed);
            platform::save_pref(tracking::NOTIFY_PREF, if allowed { "on" } else { "off" });
        });
    };
    (!kiosk && supported).then(|| {
        view! {
            <section class="format-preview" aria-labelledby="notify-title">
                <h2 id="notify-title">{tr(Msg::NotifyTitle)}</h2>
                <label class="choice" for="notify">
                    <input id="notify" type="checkbox" aria-describedby="notify-help" prop:checked=move || on.get() on:change=toggle />
                    <span>{tr(Msg::NotifyLabel)}</span>
                </label>
                <p id="notify-help" class="field__help">{tr(Msg::NotifyHint)}</p>
                <div role="alert">
                    <Show when=move || blocked.get()>
                        <p class="notice notice--error">{tr(Msg::NotifyBlocked)}</p>
                    </Show>
                </div>
            </section>
        }
    })
}

/// How often the knowledge base saved the user a request, on this device.
#[component]
fn SelfHelp() -> impl IntoView {
    let app = use_app();
    let count = crate::shell::usage::deflections(app).count();
    view! {
        <section class="format-preview" aria-labelledby="self-help-title">
            <h2 id="self-help-title">{tr(Msg::SettingsSelfHelp)}</h2>
            <dl>
                <div class="format-preview__row">
                    <dt>{tr(Msg::SettingsDeflected)}</dt>
                    <dd class="self-help__count">{move || format_integer(app.lang.get(), count as i64)}</dd>
                </div>
            </dl>
        </section>
    }
}
