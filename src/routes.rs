//! The portal's pages and their URLs. The route table in the shell is built from the same
//! segment constants that [`Page::href`] writes, so no path string is written twice.

use crate::encoding::{base64, decode_base64, URL_SAFE};
use crate::i18n::Msg;

/// Path segments, shared by the route table and by link building.
pub mod segment {
    pub const CATALOG: &str = "catalog";
    pub const KNOWLEDGE: &str = "knowledge";
    pub const TICKETS: &str = "tickets";
    pub const SETTINGS: &str = "settings";
    pub const DRAFTS: &str = "drafts";
    /// The name of the route parameter that carries an item, article or ticket id.
    pub const ID: &str = "id";
}

/// A page of the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Catalog,
    CatalogItem(String),
    Knowledge,
    Article(String),
    Tickets,
    Ticket(String),
    Settings,
    Drafts,
}

impl Page {
    /// The pages listed in the main navigation, in order.
    pub const NAVIGATION: [Page; 4] = [Page::Home, Page::Catalog, Page::Knowledge, Page::Tickets];

    /// The absolute URL path of the page. Ids come from backends, so they are written with
    /// [`encode_id`]: an id with `/`, `?`, `#` or `%` in it still lands on its own page.
    pub fn href(&self) -> String {
        use segment::*;
        match self {
            Page::Home => "/".to_owned(),
            Page::Catalog => format!("/{CATALOG}"),
            Page::CatalogItem(id) => format!("/{CATALOG}/{}", encode_id(id)),
            Page::Knowledge => format!("/{KNOWLEDGE}"),
            Page::Article(id) => format!("/{KNOWLEDGE}/{}", encode_id(id)),
            Page::Tickets => format!("/{TICKETS}"),
            Page::Ticket(id) => format!("/{TICKETS}/{}", encode_id(id)),
            Page::Settings => format!("/{SETTINGS}"),
            Page::Drafts => format!("/{DRAFTS}"),
        }
    }

    /// The name of the page in navigation and in the document title.
    pub fn label(&self) -> Msg {
        match self {
            Page::Home => Msg::NavHome,
            Page::Catalog | Page::CatalogItem(_) => Msg::NavCatalog,
            Page::Knowledge | Page::Article(_) => Msg::NavKnowledge,
            Page::Tickets | Page::Ticket(_) => Msg::NavTickets,
            Page::Settings => Msg::NavSettings,
            Page::Drafts => Msg::DraftsTitle,
        }
    }
}

fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('~')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// The knowledge base searching for `query` within `category` (both optional), as a link:
/// searches can be shared, and back and forward go through them.
pub fn knowledge_search_href(query: &str, category: Option<&str>) -> String {
    search_href(Page::Knowledge, query, category)
}

/// The service catalog filtered by `query`, as a link (kept in the address as the knowledge
/// base's search is, so reload and back bring it back).
pub fn catalog_search_href(query: &str) -> String {
    search_href(Page::Catalog, query, None)
}

fn search_href(page: Page, query: &str, category: Option<&str>) -> String {
    let mut href = page.href();
    let mut separator = '?';
    for (name, value) in [("q", Some(query)), ("category", category)] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            href.push(separator);
            href.push_str(name);
            href.push('=');
            href.push_str(&encode_segment(value));
            separator = '&';
        }
    }
    href
}

/// Writes an id as one path segment that any URL decoding leaves alone: a plain id (letters,
/// digits, `-`, `.`, `_`) as it is, anything else as `~` and its UTF-8 in base64url. Routers
/// hand paths over after `decodeURI`, which cannot tell `%25` from `%`; this never needs `%`.
pub fn encode_id(id: &str) -> String {
    if is_plain(id) {
        return id.to_owned();
    }
    format!("~{}", base64(id.as_bytes(), URL_SAFE, false))
}

/// Reads a segment written by [`encode_id`]. A segment that is not valid encoding (typed by
/// hand) is taken literally, so any address yields some id and never an error.
pub fn decode_id(segment: &str) -> String {
    let Some(encoded) = segment.strip_prefix('~') else {
        return segment.to_owned();
    };
    decode_base64(encoded, URL_SAFE)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| segment.to_owned())
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so the result is one path
/// segment whatever the input.
pub fn encode_segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes a percent-encoded segment. Malformed escapes are kept as written rather than
/// rejected, and invalid UTF-8 is replaced, so any URL a user types yields some id.
pub fn decode_segment(encoded: &str) -> String {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(value as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knowledge_searches_are_links() {
        assert_eq!(knowledge_search_href("", None), "/knowledge");
        assert_eq!(
            knowledge_search_href("mot de passe", None),
            "/knowledge?q=mot%20de%20passe"
        );
        assert_eq!(
            knowledge_search_href("a&b=c+d#e", Some("Réseau")),
            "/knowledge?q=a%26b%3Dc%2Bd%23e&category=R%C3%A9seau"
        );
        assert_eq!(
            knowledge_search_href("", Some("Email")),
            "/knowledge?category=Email"
        );
        assert_eq!(catalog_search_href(""), "/catalog");
        assert_eq!(
            catalog_search_href("new monitor&"),
            "/catalog?q=new%20monitor%26"
        );
    }

    #[test]
    fn pages_have_stable_paths() {
        let cases = [
            (Page::Home, "/"),
            (Page::Catalog, "/catalog"),
            (Page::CatalogItem("laptop-14".into()), "/catalog/laptop-14"),
            (Page::Knowledge, "/knowledge"),
            (Page::Article("vpn".into()), "/knowledge/vpn"),
            (Page::Tickets, "/tickets"),
            (Page::Ticket("42".into()), "/tickets/42"),
            (Page::Settings, "/settings"),
            (Page::Drafts, "/drafts"),
        ];
        for (page, want) in cases {
            assert_eq!(page.href(), want);
        }
    }

    #[test]
    fn hostile_ids_stay_in_one_segment_and_round_trip() {
        let ids = [
            "a/b",
            "../../etc",
            "x?y#z",
            "café ☕",
            "%41",
            "%2541",
            "",
            "<script>",
            "~x",
            "a",
            "ab",
            "abc",
        ];
        for id in ids {
            let href = Page::Ticket(id.into()).href();
            let seg = href.trim_start_matches("/tickets/");
            let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
            assert!(seg.bytes().all(safe), "{id:?} -> {href}");
            assert_eq!(decode_id(seg), id);
        }
    }

    #[test]
    fn plain_ids_stay_readable_and_hand_typed_segments_are_literal() {
        assert_eq!(Page::Ticket("REQ-1042".into()).href(), "/tickets/REQ-1042");
        for typed in ["~", "~!!", "~a", "plain", "~_-_-"] {
            let _ = decode_id(typed); // never panics
        }
        assert_eq!(decode_id("~!!"), "~!!");
    }

    #[test]
    fn malformed_escapes_decode_without_failing() {
        assert_eq!(decode_segment("100%"), "100%");
        assert_eq!(decode_segment("%zz%4"), "%zz%4");
        assert_eq!(decode_segment("%FF"), "\u{fffd}");
    }
}
