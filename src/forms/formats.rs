//! Format checks for email, URL, phone, date and date-time values: deliberately permissive
//! where the real world is varied (names, phone notations), strict where a backend would reject.

/// `local@domain.tld`, no spaces, at most 254 characters.
pub fn is_valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// An absolute http or https URL with a host.
pub fn is_valid_url(s: &str) -> bool {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Digits with the usual separators (`+41 22 555 01 23`, `(555) 010-4477`): 6 to 20 digits.
pub fn is_valid_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()/".contains(c))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    match (digits(y), digits(m), digits(d)) {
        (Some(y), Some(m), Some(d)) => d >= 1 && d <= days_in_month(i64::from(y), m),
        _ => false,
    }
}

/// `YYYY-MM-DDTHH:MM`, optionally with `:SS`, as `<input type="datetime-local">` writes it.
pub fn is_valid_date_time(s: &str) -> bool {
    let Some((date, time)) = s.trim().split_once('T') else {
        return false;
    };
    let parts: Vec<&str> = time.split(':').collect();
    let in_range = |p: &&str, max| p.len() == 2 && digits(p).is_some_and(|v| v <= max);
    is_valid_date(date)
        && match parts.as_slice() {
            [h, m] => in_range(h, 23) && in_range(m, 59),
            [h, m, s] => in_range(h, 23) && in_range(m, 59) && in_range(s, 59),
            _ => false,
        }
}

/// Whether comparisons should treat the text as a date (ISO text sorts chronologically).
pub(super) fn looks_like_date(s: &str) -> bool {
    is_valid_date(s) || is_valid_date_time(s)
}
