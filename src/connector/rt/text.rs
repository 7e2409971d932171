//! Small readings of RT's text: its timestamps, its status names, its result messages, and
//! the HTML some of its bodies are written in.

use crate::model::{Status, Timestamp};

/// `2026-11-22T04:38:09Z` (REST2) or `2026-11-22 04:38:09` (TicketSQL) as Unix seconds. RT
/// writes unset dates as the epoch, which is `None` here.
pub fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim().trim_end_matches('Z');
    let (date, time) = text.split_once(['T', ' '])?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (hour, minute, second) = (t.next()??, t.next()??, t.next().flatten().unwrap_or(0));
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute)
        && (0..=60).contains(&second);
    if !valid || d.next().is_some() || t.next().is_some() {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    (seconds > 0).then_some(seconds)
}

/// Unix seconds as TicketSQL writes a date (`2026-11-22 04:38:09`, UTC).
pub fn sql_time(t: Timestamp) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// RT's default lifecycle in Portico's terms. Custom lifecycles fall back on "in progress",
/// with RT's own name shown beside.
pub fn normalize_status(raw: &str) -> Status {
    match raw.to_ascii_lowercase().as_str() {
        "new" => Status::New,
        "stalled" => Status::OnHold,
        "resolved" => Status::Resolved,
        "rejected" | "deleted" => Status::Cancelled,
        _ => Status::InProgress,
    }
}

/// RT answers writes with 2xx and a list of messages, failures included ("Permission Denied",
/// "Status 'x' isn't a valid status"). The failures among them; quoted values (a subject that
/// says "not working") are left out of the judgement.
pub fn failures(messages: &[String]) -> Vec<String> {
    const FAILURE_WORDS: [&str; 11] = [
        "denied",
        "can't",
        "cannot",
        "couldn't",
        "could not",
        "invalid",
        "isn't",
        "not a valid",
        "no permission",
        "failed",
        "required",
    ];
    messages
        .iter()
        .filter(|m| {
            let unquoted = without_quotes(&m.to_lowercase());
            FAILURE_WORDS.iter().any(|w| unquoted.contains(w))
        })
        .cloned()
        .collect()
}

fn without_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut previous = ' ';
    for c in text.chars() {
        // An apostrophe inside a word ("can't") is not a quote.
        if c == '\'' && (quoted || !previous.is_alphanumeric()) {
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// HTML bodies (agents write them in RT's rich-text editor) as plain text with paragraph
/// breaks. Nothing of the markup survives, so the result is safe wherever text is.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&decode_entities(&rest[..open]));
        }
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[1..close].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match skipping {
            Some(until) if tag.starts_with('/') && name == until => skipping = None,
            Some(_) => {}
            None if matches!(name.as_str(), "script" | "style" | "head" | "title") => {
                skipping = Some(match name.as_str() {
                    "script" => "script",
                    "style" => "style",
                    "head" => "head",
                    _ => "title",
                });
            }
            None if matches!(name.as_str(), "br" | "li" | "tr") && !tag.starts_with('/') => {
                out.push('\n');
            }
            None if matches!(
                name.as_str(),
                "p" | "div"
                    | "ul"
                    | "ol"
                    | "table"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "blockquote"
                    | "pre"
            ) =>
            {
                out.push_str("\n\n");
            }
            None => {}
        }
        rest = &after[close + 1..];
    }
    if skipping.is_none() {
        out.push_str(&decode_entities(rest));
    }
    tidy_lines(&out)
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[1..e];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" | "#39" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let code = entity.strip_prefix('#')?;
                    let n = match code.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => code.parse().ok()?,
                    };
                    char::from_u32(n).filter(|c| !c.is_control() || *c == '\n')?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trims every line and keeps at most one blank line between paragraphs.
fn tidy_lines(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// A language named by an RT custom field value: a code (`fr`, `fr-CA`) or a name in English
/// or in the language itself.
pub fn language_code(value: &str) -> Option<&'static str> {
    let v = value.trim().to_lowercase();
    let code = v.split(['-', '_']).next().unwrap_or("");
    match (code, v.as_str()) {
        ("en", _) | (_, "english") => Some("en"),
        ("fr", _) | (_, "french" | "français" | "francais") => Some("fr"),
        ("es", _) | (_, "spanish" | "español" | "espanol") => Some("es"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rt_times_read_both_ways_and_unset_is_none() {
        assert_eq!(parse_time("2026-11-22T04:38:09Z"), Some(1_795_322_289));
        assert_eq!(parse_time("2026-11-22 04:38:09"), Some(1_795_322_289));
        assert_eq!(sql_time(1_795_322_289), "2026-11-22 04:38:09");
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), None);
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-22",
            "2026-11-22T25:00:00Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(parse_time("2024-02-29T12:00:00Z"), Some(1_709_208_000));
    }

    #[test]
    fn failure_messages_are_told_from_results() {
        let messages: Vec<String> = [
            "Correspondence added",
            "Ticket 2: Status changed from 'open' to 'resolved'",
            "Subject changed from 'x' to 'Printer can't print, not working'",
            "Permission Denied",
            "You can't change status from 'open' to 'open'.",
            "Status 'bogus' isn't a valid status for tickets in this queue.",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(failures(&messages), messages[3..].to_vec());
    }

    #[test]
    fn html_bodies_become_plain_paragraphs() {
        let html = "<p>Hello&nbsp;<b>Alice</b>,</p><p>Replacement &amp; setup<br>on Monday.</p>\
                    <script>alert(1)</script><style>p{}</style><ul><li>one</li><li>two</li></ul>\
                    &lt;img src=x onerror=alert(1)&gt; &#233;t&#xe9; &bogus; a & b";
        assert_eq!(
            html_to_text(html),
            "Hello\u{a0}Alice,\n\nReplacement & setup\non Monday.\n\none\ntwo\n\n\
             <img src=x onerror=alert(1)> été &bogus; a & b"
        );
        assert_eq!(html_to_text("<p unclosed"), "");
        assert_eq!(html_to_text("&#0; &#99999999;"), "&#0; &#99999999;");
    }

    #[test]
    fn languages_are_recognised_by_code_or_name() {
        for (v, want) in [
            ("fr", Some("fr")),
            ("fr-CA", Some("fr")),
            ("Español", Some("es")),
            ("English", Some("en")),
            ("de", None),
            ("", None),
        ] {
            assert_eq!(language_code(v), want, "{v}");
        }
    }

    #[test]
    fn statuses_of_the_default_lifecycle() {
        assert_eq!(normalize_status("new"), Status::New);
        assert_eq!(normalize_status("open"), Status::InProgress);
        assert_eq!(normalize_status("stalled"), Status::OnHold);
        assert_eq!(normalize_status("resolved"), Status::Resolved);
        assert_eq!(normalize_status("rejected"), Status::Cancelled);
        assert_eq!(normalize_status("waiting for parts"), Status::InProgress);
    }
}
