//! Sign-in for backends that need it: RT user name and password, or an RT auth token.

use leptos::prelude::*;

use crate::connector::PortalError;
use crate::i18n::{t, Msg};
use crate::shell::session::{self, Credentials};
use crate::shell::state::{tr, use_app};
use crate::shell::views::page::{msg_signal, PageLayout};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Password,
    Token,
}

/// The sign-in form. What the user typed stays in the fields after a failure.
#[component]
pub fn SignIn() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let method = RwSignal::new(Method::Password);
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials = match method.get_untracked() {
            Method::Password => {
                let (u, p) = (user.get_untracked(), password.get_untracked());
                if u.trim().is_empty() || p.is_empty() {
                    problem.set(Some(t(lang.get_untracked(), Msg::SignInMissing).to_owned()));
                    return;
                }
                Credentials::Password {
                    user: u,
                    password: p,
                }
            }
            Method::Token => Credentials::Token(token.get_untracked()),
        };
        busy.set(true);
        problem.set(None);
        let chosen = method.get_untracked();
        leptos::task::spawn_local(async move {
            let result = session::sign_in(credentials).await;
            busy.set(false);
            let l = lang.get_untracked();
            match result {
                Ok(signed_in) => {
                    // The password is not needed any more: drop it from memory.
                    password.set(String::new());
                    token.set(String::new());
                    app.session.set(Some(signed_in));
                }
                Err(PortalError::NotSignedIn | PortalError::Forbidden) => {
                    let msg = match chosen {
                        Method::Password => Msg::SignInFailed,
                        Method::Token => Msg::SignInTokenFailed,
                    };
                    problem.set(Some(t(l, msg).to_owned()));
                }
                Err(other) => problem.set(Some(other.user_message(l))),
            }
        });
    };

    let choice = move |value: Method, label: Msg, id: &'static str| {
        view! {
            <label class="choice" for=id>
                <input
                    type="radio"
                    id=id
                    name="sign-in-method"
                    prop:checked=move || method.get() == value
                    on:change=move |_| {
                        method.set(value);
                        problem.set(None);
                    }
                />
                <span>{tr(label)}</span>
            </label>
        }
    };

    view! {
        <PageLayout title=msg_signal(Msg::SignInTitle) intro=msg_signal(Msg::SignInIntro)>
            <form class="form sign-in" on:submit=submit novalidate>
                <fieldset class="form__group">
                    <legend>{tr(Msg::SignInMethod)}</legend>
                    {choice(Method::Password, Msg::SignInWithPassword, "sign-in-password-method")}
                    {choice(Method::Token, Msg::SignInWithToken, "sign-in-token-method")}
                </fieldset>
                <Show
                    when=move || method.get() == Method::Password
                    fallback=move || {
                        view! {
                            <div class="field">
                                <label for="sign-in-token">{tr(Msg::SignInTokenField)}</label>
                                <input
                                    id="sign-in-token"
                                    type="password"
                                    autocomplete="off"
                                    spellcheck="false"
                                    aria-describedby="sign-in-token-hint"
                                    prop:value=move || token.get()
                                    on:input=move |ev| token.set(event_target_value(&ev))
                                />
                                <p id="sign-in-token-hint" class="field__help">{tr(Msg::SignInTokenHint)}</p>
                            </div>
                        }
                    }
                >
                    <div class="field">
                        <label for="sign-in-user">{tr(Msg::SignInUser)}</label>
                        <input
                            id="sign-in-user"
                            type="text"
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            prop:value=move || user.get()
                            on:input=move |ev| user.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="sign-in-pass">{tr(Msg::SignInPassword)}</label>
                        <input
                            id="sign-in-pass"
                            type="password"
                            autocomplete="current-password"
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <div role="alert" class="form__alert">
                    {move || problem.get().map(|p| view! { <p class="notice notice--error">{p}</p> })}
                </div>
                <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                    {move || t(lang.get(), if busy.get() { Msg::SignInBusy } else { Msg::SignInSubmit })}
                </button>
            </form>
        </PageLayout>
    }
}
