//! Who is signed in to a backend that needs it (Request Tracker). Credentials never touch
//! storage: a password goes once to RT's login form, whose session cookie is HttpOnly; a token
//! lives in memory until the tab closes. Only the user's login name is kept for the tab, so a
//! reload can ask RT whether the session still holds.

use std::rc::Rc;

use super::backend;
use super::platform;
use crate::connector::rt::{
    login_request, logout_request, token_user_id, whoami, RtConnector, RtIdentity,
};
use crate::connector::{Connector, PortalError};

const TAB_USER: &str = "portico.rt.user";
/// The signed-in user's display name, for the header when RT cannot be asked (offline).
const TAB_NAME: &str = "portico.rt.name";

/// A signed-in user, for the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub name: String,
    pub display_name: String,
}

/// How the user proves who they are.
pub enum Credentials {
    Password { user: String, password: String },
    Token(String),
}

fn start(identity: crate::connector::rt::RtIdentity, authorization: Option<String>) -> SignedIn {
    if let Some(config) = backend::rt_config() {
        let connector: Rc<dyn Connector> =
            Rc::new(RtConnector::new(&config, &identity.name, authorization));
        backend::set_connector(Some(connector));
    }
    SignedIn {
        display_name: if identity.real_name.trim().is_empty() {
            identity.name.clone()
        } else {
            identity.real_name
        },
        name: identity.name,
    }
}

/// Signs in; the error is what to tell the user.
pub async fn sign_in(credentials: Credentials) -> Result<SignedIn, PortalError> {
    let config = backend::rt_config().ok_or(PortalError::NotSignedIn)?;
    match credentials {
        Credentials::Password { user, password } => {
            let user = user.trim().to_owned();
            // RT answers its login form with a page either way; asking who we are tells.
            backend::send(login_request(&config.url, &user, &password)).await?;
            let identity = backend::run(whoami(&config.url, &user, None)).await?;
            platform::save_for_tab(TAB_USER, Some(&identity.name));
            platform::save_for_tab(TAB_NAME, Some(&identity.real_name));
            Ok(start(identity, None))
        }
        Credentials::Token(token) => {
            let token = token.trim().to_owned();
            let user_id = token_user_id(&token).ok_or(PortalError::NotSignedIn)?;
            let authorization = format!("token {token}");
            let identity =
                backend::run(whoami(&config.url, &user_id, Some(&authorization))).await?;
            Ok(start(identity, Some(authorization)))
        }
    }
}

/// After a reload: whether RT's session cookie still signs this tab's user in. When RT cannot
/// be reached at all (offline, or RT down), the tab's user goes on with what the device keeps
/// for them; the first request that reaches RT checks the session again, and an ended one
/// asks them to sign in.
pub async fn restore() -> Option<SignedIn> {
    let config = backend::rt_config()?;
    let user = platform::load_for_tab(TAB_USER)?;
    match backend::run(whoami(&config.url, &user, None)).await {
        Ok(identity) => {
            platform::save_for_tab(TAB_NAME, Some(&identity.real_name));
            Some(start(identity, None))
        }
        Err(PortalError::Offline | PortalError::Server { .. }) => {
            let real_name = platform::load_for_tab(TAB_NAME).unwrap_or_default();
            Some(start(
                RtIdentity {
                    name: user,
                    real_name,
                },
                None,
            ))
        }
        Err(_) => {
            platform::save_for_tab(TAB_USER, None);
            platform::save_for_tab(TAB_NAME, None);
            None
        }
    }
}

/// Ends the session at RT and forgets the user here.
pub async fn sign_out() {
    platform::save_for_tab(TAB_USER, None);
    platform::save_for_tab(TAB_NAME, None);
    backend::set_connector(None);
    if let Some(config) = backend::rt_config() {
        // Whatever RT answers, this tab no longer holds a connector for the user.
        let _ = backend::send(logout_request(&config.url)).await;
    }
}
