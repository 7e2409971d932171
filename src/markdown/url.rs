//! Which link and image targets may reach the page.

/// The URL as a browser would read it, if it is safe to put in `href` or `src`: http, https,
/// mailto, tel or relative. ASCII whitespace and control characters are removed first, as
/// browsers ignore them ("java\tscript:" is "javascript:"); entities must already be decoded.
pub fn safe_url(raw: &str) -> Option<String> {
    let url: String = raw
        .chars()
        .filter(|c| !c.is_ascii_control() && *c != ' ')
        .collect();
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    if let Some(end) = scheme_end {
        if url[end..].starts_with(':') {
            let scheme = url[..end].to_ascii_lowercase();
            return matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel").then_some(url);
        }
    }
    // No scheme: relative (or protocol-relative, which is http or https).
    Some(url)
}

/// Whether a safe URL leaves the portal: absolute http(s) or protocol-relative.
pub fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_phone_and_relative_targets_pass() {
        for ok in [
            "https://example.org/a?b#c",
            "HTTP://example.org",
            "mailto:help@example.org",
            "tel:+33123456789",
            "/knowledge/vpn",
            "#section-2",
            "page.html",
            "?q=1",
            "//cdn.example.org/x.png",
        ] {
            assert!(safe_url(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "file:///etc/passwd",
            "blob:https://x/1",
            "jav&#x09;ascript:alert(1)".replace("&#x09;", "\t").as_str(),
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
        assert_eq!(safe_url("ja va").as_deref(), Some("java"));
        assert!(is_external("https://x") && is_external("//x") && !is_external("/x"));
    }
}
