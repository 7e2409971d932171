//! An allow-list HTML sanitizer that re-writes rather than filters: it reads tags and text,
//! and writes back only allowed elements with allowed attributes, every value and every piece
//! of text escaped anew. Whatever the input hides (odd quoting, entities, broken nesting), the
//! output is markup this module wrote itself, so a misreading can drop or garble content but
//! cannot let a script, an event handler or a dangerous URL through.

use super::url::{is_external, safe_url};

/// Elements whose content goes too: scripts, styles, embedded documents, foreign content.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "applet",
    "audio",
    "canvas",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
];

/// Elements kept (with the attributes [`allowed_attribute`] lets through).
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

const VOID: &[&str] = &["br", "col", "hr", "img"];

/// Escapes text for an element's content or a quoted attribute value.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// Decodes character references as a browser would in text and attribute values: numeric
/// ones (with or without `;`) and the named ones that matter for URLs and prose. Unknown names
/// stay as they are — and are escaped again on the way out.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = entity(rest);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(s: &str) -> (Option<char>, usize) {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = digits
            .find(|c: char| {
                !(if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                })
            })
            .unwrap_or(digits.len());
        if len == 0 {
            return (None, 0);
        }
        let value = u32::from_str_radix(
            &digits[..len].chars().take(8).collect::<String>(),
            if hex { 16 } else { 10 },
        )
        .unwrap_or(0xfffd);
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        let mut used = 1 + 1 + usize::from(hex) + len;
        if s[used..].starts_with(';') {
            used += 1;
        }
        return (Some(c), used);
    }
    let len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..len];
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "colon" => ':',
        "Tab" => '\t',
        "NewLine" => '\n',
        "lpar" => '(',
        "rpar" => ')',
        "sol" => '/',
        "bsol" => '\\',
        "comma" => ',',
        "period" => '.',
        "excl" => '!',
        "equals" => '=',
        "num" => '#',
        "percnt" => '%',
        "copy" => '©',
        "reg" => '®',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "laquo" => '«',
        "raquo" => '»',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        _ => return (None, 0),
    };
    let mut used = 1 + len;
    if s[used..].starts_with(';') {
        used += 1;
    }
    (Some(c), used)
}

fn allowed_attribute(tag: &str, name: &str) -> bool {
    match name {
        "title" | "lang" | "dir" => true,
        "href" => tag == "a",
        "src" | "alt" | "width" | "height" => tag == "img",
        "colspan" | "rowspan" | "scope" => tag == "td" || tag == "th",
        "start" | "reversed" => tag == "ol",
        "datetime" => tag == "time",
        "open" => tag == "details",
        _ => false,
    }
}

/// How headings move: an article's `h1` is the page's second level, below the page title.
pub fn shifted_heading(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "h1" => "h2",
        "h2" => "h3",
        "h3" => "h4",
        "h4" => "h5",
        "h5" | "h6" => "h6",
        _ => return None,
    })
}

/// One start tag as read.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Reads a start tag's name and attributes from just after `<`; returns it and the bytes
/// read (up to and including `>`, or the whole rest when it never closes).
fn read_tag(s: &str) -> (Tag, usize) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
        i += 1;
    }
    let name = s[..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'>' | b'/' | b'=')
        {
            i += 1;
        }
        // A lone '=' (no name) is skipped as one character, so the loop always advances.
        let attr = s[start..i.max(start + usize::from(i == start))].to_ascii_lowercase();
        i = i.max(start + 1);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let from = i + 1;
                let end = s[from..].find(quote as char).map_or(s.len(), |e| from + e);
                value = s[from..end].to_owned();
                i = (end + 1).min(s.len());
            } else {
                let from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = s[from..i].to_owned();
            }
        }
        attributes.push((attr, decode_entities(&value)));
    }
    (Tag { name, attributes }, i)
}

fn write_start(out: &mut String, tag: &Tag) -> Option<&'static str> {
    let name = *ALLOWED.iter().find(|&&a| a == tag.name)?;
    let written = shifted_heading(name).unwrap_or(name);
    out.push('<');
    out.push_str(written);
    let mut seen: Vec<&str> = Vec::new();
    let mut external = false;
    for (attr, value) in &tag.attributes {
        if !allowed_attribute(name, attr) || seen.contains(&attr.as_str()) {
            continue;
        }
        let value = match attr.as_str() {
            "href" | "src" => match safe_url(value) {
                Some(url) => {
                    external |= is_external(&url);
                    url
                }
                None => continue,
            },
            "width" | "height" | "colspan" | "rowspan" | "start" => {
                if value.is_empty() || value.len() > 5 || !value.bytes().all(|b| b.is_ascii_digit())
                {
                    continue;
                }
                value.clone()
            }
            "dir" if !matches!(value.as_str(), "ltr" | "rtl" | "auto") => continue,
            _ => value.clone(),
        };
        seen.push(attr);
        out.push(' ');
        out.push_str(attr);
        out.push_str("=\"");
        escape_into(out, &value);
        out.push('"');
    }
    if name == "a" && external {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    if name == "img" {
        out.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    out.push('>');
    Some(written)
}

/// Sanitizes an HTML fragment. With `close_open`, elements still open at the end are closed
/// (a whole document or block); without, a lone start or end tag is written as it is allowed
/// (markdown's inline HTML arrives tag by tag).
pub fn sanitize_html(html: &str, close_open: bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<&'static str> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        escape_into(&mut out, &decode_entities(&rest[..at]));
        rest = &rest[at..];
        let after = &rest[1..];
        if let Some(comment) = after.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |e| e + 3);
            rest = &comment[end..];
        } else if after.starts_with(['!', '?']) {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            rest = &after[end..];
        } else if let Some(closing) = after.strip_prefix('/') {
            let end = closing.find('>').map_or(closing.len(), |e| e + 1);
            let name = closing[..end]
                .trim_end_matches('>')
                .trim()
                .to_ascii_lowercase();
            if let Some(allowed) = ALLOWED.iter().find(|&&a| a == name) {
                let written = shifted_heading(allowed).unwrap_or(allowed);
                if let Some(depth) = open.iter().rposition(|&o| o == written) {
                    for o in open.drain(depth..).rev() {
                        out.push_str("</");
                        out.push_str(o);
                        out.push('>');
                    }
                } else if !close_open && !VOID.contains(allowed) {
                    out.push_str("</");
                    out.push_str(written);
                    out.push('>');
                }
            }
            rest = &closing[end..];
        } else if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (tag, used) = read_tag(after);
            rest = &after[used..];
            if DROPPED_WITH_CONTENT.contains(&tag.name.as_str()) {
                rest = skip_past_end_tag(rest, &tag.name);
            } else if let Some(written) = write_start(&mut out, &tag) {
                if !VOID.contains(&written) {
                    open.push(written);
                }
            }
        } else {
            out.push_str("&lt;");
            rest = after;
        }
    }
    escape_into(&mut out, &decode_entities(rest));
    if close_open {
        for o in open.into_iter().rev() {
            out.push_str("</");
            out.push_str(o);
            out.push('>');
        }
    }
    out
}

/// The text after the end tag `</name>` (case-insensitive), or nothing when there is none.
fn skip_past_end_tag<'a>(s: &'a str, name: &str) -> &'a str {
    let needle = format!("</{name}");
    let lower = s.to_ascii_lowercase();
    match lower.find(&needle) {
        Some(at) => {
            let after = &s[at + needle.len()..];
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            &after[end..]
        }
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_markup_is_rewritten_and_the_rest_dropped() {
        for (input, want) in [
            ("<p>Hi <b>there</b></p>", "<p>Hi <b>there</b></p>"),
            ("<P CLASS=x ID=y>Hi", "<p>Hi</p>"),
            ("<h1>Title</h1>", "<h2>Title</h2>"),
            ("<script>alert(1)</script>ok", "ok"),
            ("<SCRIPT SRC=//x></SCRIPT >ok", "ok"),
            (
                "<img src=x onerror=alert(1)>",
                "<img src=\"x\" loading=\"lazy\" decoding=\"async\">",
            ),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            (
                "<a href=\"jav&#x61;script&colon;alert(1)\">x</a>",
                "<a>x</a>",
            ),
            (
                "<a href=\"&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)\">x</a>",
                "<a>x</a>",
            ),
            (
                "<a href=\"https://example.org\" onclick=\"x()\">x</a>",
                "<a href=\"https://example.org\" rel=\"noopener noreferrer\">x</a>",
            ),
            ("<svg><g onload=alert(1)></g></svg>after", "after"),
            (
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>y",
                "y",
            ),
            (
                "<style>body{}</style><div style=\"x\">t</div>",
                "<div>t</div>",
            ),
            ("<!-- <script>alert(1)</script> -->t", "t"),
            ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
            (
                "<td colspan=\"2\" rowspan=\"x\">c",
                "<td colspan=\"2\">c</td>",
            ),
            ("<b><i>x</b>", "<b><i>x</i></b>"),
            ("</p>stray", "stray"),
            ("<iframe src=x>", ""),
            (
                "<a title='\"><script>'>x",
                "<a title=\"&quot;&gt;&lt;script&gt;\">x</a>",
            ),
            (
                "<img src=\"data:image/png;base64,AAA\">",
                "<img loading=\"lazy\" decoding=\"async\">",
            ),
            ("&lt;script&gt;", "&lt;script&gt;"),
            (
                "<p dir=rtl lang=ar>مرحبا</p>",
                "<p dir=\"rtl\" lang=\"ar\">مرحبا</p>",
            ),
        ] {
            assert_eq!(sanitize_html(input, true), want, "{input}");
        }
    }

    #[test]
    fn fragments_keep_lone_tags_of_allowed_elements() {
        assert_eq!(sanitize_html("<kbd>", false), "<kbd>");
        assert_eq!(sanitize_html("</kbd>", false), "</kbd>");
        assert_eq!(sanitize_html("<br/>", false), "<br>");
        assert_eq!(sanitize_html("</script>", false), "");
    }

    #[test]
    fn entities_decode_like_a_browser() {
        assert_eq!(
            decode_entities("&#106;&#x61;&#X76;a&colon;&amp;&unknown;&"),
            "java:&&unknown;&"
        );
        assert_eq!(decode_entities("&#0;&#99999999999;"), "\u{fffd}\u{fffd}");
        assert_eq!(decode_entities("&#"), "&#");
    }
}
