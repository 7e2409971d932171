//! The runtime configuration read from `config.json` at start, so one build serves many sites.
//! Parsing is strict: an unknown key is an error (it is almost always a typo), and every error
//! names the key path that failed, for the error page an administrator will read.

use serde::Deserialize;

use crate::i18n::Lang;

/// A validated portal configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct PortalConfig {
    pub portal_name: String,
    /// A relative path or an https URL.
    pub logo: Option<String>,
    pub brand: Brand,
    pub default_language: Option<Lang>,
    /// A shared walk-up device: larger targets, nothing remembered between people.
    pub kiosk: bool,
    pub backend: Backend,
}

/// Brand colours as `#rrggbb`, each checked for WCAG AA contrast where the theme uses it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Links and buttons on the light theme (white text on it, and it on white).
    #[serde(default = "Brand::default_primary")]
    pub primary: String,
    /// Links and buttons on the dark theme (dark text on it, and it on the dark surface).
    #[serde(default = "Brand::default_primary_dark")]
    pub primary_dark: String,
}

impl Brand {
    fn default_primary() -> String {
        "#1f4fd1".to_owned()
    }
    fn default_primary_dark() -> String {
        "#8fb0ff".to_owned()
    }
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            primary: Brand::default_primary(),
            primary_dark: Brand::default_primary_dark(),
        }
    }
}

/// Which ITSM system the portal talks to, with its settings.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Backend {
    /// The service desk embedded in the browser, for demos and evaluation.
    Demo {
        /// How the portal reaches it: in a Web Worker (the default), or over HTTP at
        /// `/demo-api/` (`./portico demo-server`), where tests can fail the network.
        #[serde(default)]
        transport: DemoTransport,
    },
    /// Request Tracker 5 through its REST2 API.
    Rt(RtBackend),
}

/// How the portal reaches the demo desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemoTransport {
    #[default]
    Worker,
    Http,
}

/// Where Request Tracker answers and how its queues and articles map into the portal.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RtBackend {
    /// RT's address as a path on the portal's own site (`/rt`): RT sends no CORS headers, so
    /// the browser reaches it through a reverse proxy on the same origin.
    pub url: String,
    /// Catalog categories, each naming the queues it holds.
    #[serde(default)]
    pub categories: Vec<RtCategory>,
    /// The category of queues no entry of `categories` names.
    #[serde(default = "RtBackend::default_other_category")]
    pub other_category: String,
    /// The ticket custom field holding each submission's idempotency key.
    #[serde(default = "RtBackend::default_idempotency_field")]
    pub idempotency_field: String,
    /// The article custom field naming an article's language (`en`, `fr`, `es`).
    #[serde(default = "RtBackend::default_language_field")]
    pub language_field: String,
    /// Queues where people report something broken: their tickets are incidents, the other
    /// queues' requests (RT has no ticket type of its own).
    #[serde(default)]
    pub incident_queues: Vec<String>,
}

impl RtBackend {
    fn default_other_category() -> String {
        "Requests".to_owned()
    }
    fn default_idempotency_field() -> String {
        "PortalRef".to_owned()
    }
    fn default_language_field() -> String {
        "Language".to_owned()
    }
}

/// A catalog category made of RT queues.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RtCategory {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Queue names, as RT spells them.
    pub queues: Vec<String>,
}

/// What is wrong with a configuration, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {problem}")]
pub struct ConfigError {
    /// The dotted path of the setting, such as `brand.primary`; `config.json` for the file itself.
    pub key: String,
    /// What is wrong, for an administrator.
    pub problem: String,
}

impl ConfigError {
    /// An error about the file as a whole (unreachable, not JSON).
    pub fn file(problem: impl Into<String>) -> Self {
        ConfigError {
            key: "config.json".to_owned(),
            problem: problem.into(),
        }
    }

    fn at(key: &str, problem: impl Into<String>) -> Self {
        ConfigError {
            key: key.to_owned(),
            problem: problem.into(),
        }
    }
}

/// The page background the dark theme draws on (`--surface` in style/tokens.css).
pub const DARK_SURFACE: &str = "#14171c";
/// WCAG 2.2 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    portal_name: String,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    brand: Brand,
    #[serde(default)]
    default_language: Option<String>,
    #[serde(default)]
    kiosk: bool,
    backend: Backend,
}

/// Parses and validates `config.json`.
pub fn parse(text: &str) -> Result<PortalConfig, ConfigError> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map_err(|e| ConfigError::file(format!("is not valid JSON: {e}")))?;
    if !text.trim_start().starts_with('{') {
        return Err(ConfigError::file(
            "must be a JSON object: { \"portal_name\": …, \"backend\": … }",
        ));
    }
    let raw: RawConfig = serde_json::from_str(text).map_err(|e| {
        let path = crate::connector::json::error_path(text.as_bytes(), &e);
        // serde_json appends the position; the key already says where.
        let problem = e.to_string();
        let problem = problem
            .split(" at line ")
            .next()
            .unwrap_or(&problem)
            .to_owned();
        ConfigError::at(&key_of(&path, &problem), problem)
    })?;
    validate(raw)
}

const TOP_LEVEL_KEYS: [&str; 6] = [
    "portal_name",
    "logo",
    "brand",
    "default_language",
    "kiosk",
    "backend",
];

/// Serde names a missing or unknown field in its message, with the path of the object that
/// holds it; the administrator wants the field itself.
fn key_of(path: &str, message: &str) -> String {
    let named = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    match (path, named) {
        (_, Some(field)) if path == field || path.ends_with(&format!(".{field}")) => {
            path.to_owned()
        }
        // Serde reads the tagged backend object as a whole and loses the position: a field that
        // is not a top-level one belongs to it.
        (".", Some(field)) if !TOP_LEVEL_KEYS.contains(&field) => format!("backend.{field}"),
        (".", Some(field)) => field.to_owned(),
        (_, Some(field)) => format!("{path}.{field}"),
        (".", None) => "config.json".to_owned(),
        (_, None) => path.to_owned(),
    }
}

fn validate(raw: RawConfig) -> Result<PortalConfig, ConfigError> {
    let portal_name = raw.portal_name.trim().to_owned();
    if portal_name.is_empty() || portal_name.chars().count() > 60 {
        return Err(ConfigError::at("portal_name", "must be 1 to 60 characters"));
    }
    if let Some(logo) = &raw.logo {
        if !is_safe_asset_url(logo) {
            return Err(ConfigError::at(
                "logo",
                "must be a relative path or an https:// URL",
            ));
        }
    }
    check_colour("brand.primary", &raw.brand.primary, "#ffffff")?;
    check_colour("brand.primary_dark", &raw.brand.primary_dark, DARK_SURFACE)?;
    let default_language = match raw.default_language.as_deref() {
        None => None,
        Some(code) => Some(
            Lang::ALL
                .into_iter()
                .find(|l| l.code() == code)
                .ok_or_else(|| {
                    ConfigError::at("default_language", "must be \"en\", \"fr\" or \"es\"")
                })?,
        ),
    };
    if let Backend::Rt(rt) = &raw.backend {
        validate_rt(rt)?;
    }
    Ok(PortalConfig {
        portal_name,
        logo: raw.logo,
        brand: raw.brand,
        default_language,
        kiosk: raw.kiosk,
        backend: raw.backend,
    })
}

fn validate_rt(rt: &RtBackend) -> Result<(), ConfigError> {
    let url = rt.url.trim();
    if !url.starts_with('/') || url.starts_with("//") || url.contains(['?', '#', ' ']) {
        return Err(ConfigError::at(
            "backend.url",
            "must be a path on this site such as /rt: Request Tracker sends no CORS headers, \
             so the browser reaches it through a reverse proxy on the portal's origin",
        ));
    }
    // The field name goes into TicketSQL (CF.{name} = '…'): keep it to plain names.
    for (key, name) in [
        ("backend.idempotency_field", &rt.idempotency_field),
        ("backend.language_field", &rt.language_field),
    ] {
        if name.trim().is_empty() || name.contains(['{', '}', '\'', '"', '\\']) {
            return Err(ConfigError::at(
                key,
                "must be a custom field name without braces or quotes",
            ));
        }
    }
    for (i, category) in rt.categories.iter().enumerate() {
        if category.name.trim().is_empty() {
            return Err(ConfigError::at(
                &format!("backend.categories[{i}].name"),
                "must not be empty",
            ));
        }
    }
    if rt.other_category.trim().is_empty() {
        return Err(ConfigError::at(
            "backend.other_category",
            "must not be empty",
        ));
    }
    Ok(())
}

fn is_safe_asset_url(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with("//") || url.chars().any(char::is_control) {
        return false;
    }
    if url.to_ascii_lowercase().starts_with("https://") {
        return true;
    }
    // Relative: no scheme before the first path, query or fragment delimiter.
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

fn check_colour(key: &str, value: &str, surface: &str) -> Result<(), ConfigError> {
    let colour = parse_hex(value).ok_or_else(|| {
        ConfigError::at(key, format!("must be a colour like #1f4fd1, not {value:?}"))
    })?;
    let surface = parse_hex(surface).unwrap_or([255, 255, 255]);
    let ratio = contrast_ratio(colour, surface);
    if ratio < MIN_CONTRAST {
        return Err(ConfigError::at(
            key,
            format!("{value} has a contrast of {ratio:.2}:1 with its background; WCAG AA needs {MIN_CONTRAST}:1"),
        ));
    }
    Ok(())
}

fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The WCAG 2 contrast ratio between two sRGB colours.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    fn luminance(rgb: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests;
