//! Signing in to Request Tracker. With a password the portal posts RT's own login form, and
//! RT's session cookie (HttpOnly, so no script can read it) authenticates what follows; with
//! an auth token the `Authorization` header does, kept in memory only. Either way the portal
//! then asks RT who the user is: the name it files tickets under.

use super::wire::{object, required, text, FromRt};
use super::{authorize, read, REST};
use crate::connector::{Exchange, HttpRequest, Method, PortalError};

/// Who signed in, as RT knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtIdentity {
    pub name: String,
    pub real_name: String,
}

/// RT's login form, posted as a browser would (`user`, `pass`). RT answers 200 either way;
/// [`whoami`] tells whether it worked.
pub fn login_request(base: &str, user: &str, password: &str) -> HttpRequest {
    let form = format!(
        "user={}&pass={}",
        crate::routes::encode_segment(user),
        crate::routes::encode_segment(password)
    );
    HttpRequest {
        method: Method::Post,
        url: format!("{}/NoAuth/Login.html", base.trim_end_matches('/')),
        headers: vec![(
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        body: Some(form.into_bytes()),
    }
}

/// Ends RT's session, so the next person at a shared device starts signed out.
pub fn logout_request(base: &str) -> HttpRequest {
    HttpRequest::get(format!("{}/NoAuth/Logout.html", base.trim_end_matches('/')))
}

/// The user id inside an RT auth token (`1-27-0123abcd…` is user 27's).
pub fn token_user_id(token: &str) -> Option<String> {
    let mut parts = token.trim().splitn(3, '-');
    let (version, user, secret) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (digits(version) && digits(user) && secret.len() >= 8 && secret.is_ascii())
        .then(|| user.to_owned())
}

/// Asks RT for the user `who` (a name, or the id a token carries) with the given credentials.
/// RT describes only one's own record in full, so a partial answer means the credentials are
/// someone else's: that is refused rather than trusted.
pub fn whoami(base: &str, who: &str, authorization: Option<&str>) -> Exchange<RtIdentity> {
    let request = authorize(
        HttpRequest::get(format!(
            "{}{REST}/user/{}",
            base.trim_end_matches('/'),
            crate::routes::encode_segment(who.trim())
        )),
        authorization,
    );
    Exchange::once(request, |r| {
        let me: RtMe = read(r)?;
        // RT includes `Disabled` only when it describes the caller's own record in full.
        if !me.own {
            return Err(PortalError::NotSignedIn);
        }
        Ok(RtIdentity {
            name: me.name,
            real_name: me.real_name,
        })
    })
}

struct RtMe {
    name: String,
    real_name: String,
    own: bool,
}

impl FromRt for RtMe {
    fn from_rt(v: &serde_json::Value, path: &str) -> Result<Self, PortalError> {
        object(v, path)?;
        Ok(RtMe {
            name: required(v, "Name", path)?,
            real_name: text(v, "RealName"),
            own: v.get("Disabled").is_some(),
        })
    }
}
