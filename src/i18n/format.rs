//! Dates and numbers written the way each language writes them. Pure: the caller passes the
//! instant and the user's UTC offset, so tests pin both.

use super::Lang;

/// A wall-clock date and time in the user's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CivilDateTime {
    pub year: i64,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl CivilDateTime {
    /// The wall-clock time at `unix_seconds` for a user whose clock is `offset_minutes` ahead
    /// of UTC (east positive; JavaScript's `getTimezoneOffset()` is the negation of this).
    pub fn from_unix(unix_seconds: i64, offset_minutes: i32) -> Self {
        let local = unix_seconds + i64::from(offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        CivilDateTime {
            year,
            month,
            day,
            // Both are bounded by the rem_euclid above, so the casts cannot truncate.
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
        }
    }
}

/// Howard Hinnant's days-to-civil algorithm: proleptic Gregorian, valid for any i64 day count
/// that fits a year in i64.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A long date: "November 22, 2026", "22 novembre 2026", "22 de noviembre de 2026".
pub fn format_date(lang: Lang, d: CivilDateTime) -> String {
    let month_index = usize::from(d.month.clamp(1, 12) - 1);
    match lang {
        Lang::En => format!("{} {}, {}", MONTHS_EN[month_index], d.day, d.year),
        Lang::Fr if d.day == 1 => format!("1er {} {}", MONTHS_FR[month_index], d.year),
        Lang::Fr => format!("{} {} {}", d.day, MONTHS_FR[month_index], d.year),
        Lang::Es => format!("{} de {} de {}", d.day, MONTHS_ES[month_index], d.year),
    }
}

/// A time of day: "2:05 PM" in English, "14:05" in French and Spanish.
pub fn format_time(lang: Lang, d: CivilDateTime) -> String {
    match lang {
        Lang::En => {
            let suffix = if d.hour < 12 { "AM" } else { "PM" };
            let hour12 = match d.hour % 12 {
                0 => 12,
                h => h,
            };
            format!("{hour12}:{:02}\u{a0}{suffix}", d.minute)
        }
        Lang::Fr | Lang::Es => format!("{:02}:{:02}", d.hour, d.minute),
    }
}

/// The group separator, the decimal mark, and the smallest integer part that gets grouped
/// (CLDR's minimum grouping digits: Spanish writes 1234 but 12.345).
fn separators(lang: Lang) -> (&'static str, char, usize) {
    match lang {
        Lang::En => (",", '.', 4),
        Lang::Fr => ("\u{202f}", ',', 4),
        Lang::Es => (".", ',', 5),
    }
}

/// An integer with the language's digit grouping: 1,234,567 · 1 234 567 · 1.234.567.
pub fn format_integer(lang: Lang, n: i64) -> String {
    let (group, _, min_grouped) = separators(lang);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * group.len() + 1);
    if n < 0 {
        out.push('-');
    }
    if digits.len() < min_grouped {
        out.push_str(&digits);
        return out;
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(ch);
    }
    out
}

/// A file size in the language's units: 512 B · 12.3 KB · 4.5 MB (French: o, Ko, Mo), with a
/// no-break space before the unit. Binary multiples, as file managers show them.
pub fn format_bytes(lang: Lang, bytes: u64) -> String {
    let units = match lang {
        Lang::Fr => ["o", "Ko", "Mo", "Go"],
        Lang::En | Lang::Es => ["B", "KB", "MB", "GB"],
    };
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < units.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let digits = if unit == 0 || value >= 100.0 || value.fract() == 0.0 {
        0
    } else {
        1
    };
    format!(
        "{}\u{a0}{}",
        format_decimal(lang, value, digits),
        units[unit]
    )
}

/// A decimal rounded to `fraction_digits` places: 1,234.50 · 1 234,50 · 1234,50.
/// Non-finite values, which no real figure should be, are written as an en dash.
pub fn format_decimal(lang: Lang, value: f64, fraction_digits: u8) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let scale = 10f64.powi(i32::from(fraction_digits));
    let scaled = (value.abs() * scale).round();
    if scaled >= i64::MAX as f64 {
        return "–".to_owned();
    }
    let scaled = scaled as i64;
    let unit = scale as i64;
    let whole = format_integer(lang, scaled / unit);
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    if fraction_digits == 0 {
        return format!("{sign}{whole}");
    }
    let (_, mark, _) = separators(lang);
    let frac = scaled % unit;
    format!(
        "{sign}{whole}{mark}{frac:0width$}",
        width = usize::from(fraction_digits)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_naturally_in_each_language() {
        let cases = [
            (0, "0\u{a0}B", "0\u{a0}o"),
            (1023, "1,023\u{a0}B", "1\u{202f}023\u{a0}o"),
            (1024, "1\u{a0}KB", "1\u{a0}Ko"),
            (1536, "1.5\u{a0}KB", "1,5\u{a0}Ko"),
            (5 * 1024 * 1024, "5\u{a0}MB", "5\u{a0}Mo"),
            (150 * 1024 * 1024, "150\u{a0}MB", "150\u{a0}Mo"),
            (
                u64::MAX,
                "17,179,869,184\u{a0}GB",
                "17\u{202f}179\u{202f}869\u{202f}184\u{a0}Go",
            ),
        ];
        for (bytes, en, fr) in cases {
            assert_eq!(format_bytes(Lang::En, bytes), en);
            assert_eq!(format_bytes(Lang::Fr, bytes), fr);
        }
    }

    // 2026-11-22T14:05:00Z
    const SUNDAY_AFTERNOON: i64 = 1_795_356_300;

    #[test]
    fn civil_dates_match_known_instants() {
        let cases = [
            (0, 0, (1970, 1, 1, 0, 0)),
            (SUNDAY_AFTERNOON, 0, (2026, 11, 22, 14, 5)),
            (SUNDAY_AFTERNOON, 60, (2026, 11, 22, 15, 5)),
            (SUNDAY_AFTERNOON, -15 * 60, (2026, 11, 21, 23, 5)),
            (951_782_400, 0, (2000, 2, 29, 0, 0)),
            (-1, 0, (1969, 12, 31, 23, 59)),
            (4_107_542_400, 0, (2100, 3, 1, 0, 0)),
        ];
        for (ts, offset, (y, mo, d, h, mi)) in cases {
            let c = CivilDateTime::from_unix(ts, offset);
            assert_eq!(
                (c.year, c.month, c.day, c.hour, c.minute),
                (y, mo, d, h, mi),
                "{ts}"
            );
        }
    }

    #[test]
    fn dates_and_times_read_naturally_in_each_language() {
        let c = CivilDateTime::from_unix(SUNDAY_AFTERNOON, 0);
        assert_eq!(format_date(Lang::En, c), "November 22, 2026");
        assert_eq!(format_date(Lang::Fr, c), "22 novembre 2026");
        assert_eq!(format_date(Lang::Es, c), "22 de noviembre de 2026");
        assert_eq!(format_time(Lang::En, c), "2:05\u{a0}PM");
        assert_eq!(format_time(Lang::Fr, c), "14:05");
        let first = CivilDateTime::from_unix(1_793_491_200, 0); // 2026-11-01
        assert_eq!(format_date(Lang::Fr, first), "1er novembre 2026");
        let midnight = CivilDateTime::from_unix(1_795_305_600, 0);
        assert_eq!(format_time(Lang::En, midnight), "12:00\u{a0}AM");
        assert_eq!(format_time(Lang::Es, midnight), "00:00");
    }

    #[test]
    fn integers_are_grouped_per_locale() {
        let cases = [
            (Lang::En, 0, "0"),
            (Lang::En, 999, "999"),
            (Lang::En, 1234, "1,234"),
            (Lang::En, -1_234_567, "-1,234,567"),
            (Lang::Fr, 1234, "1\u{202f}234"),
            (Lang::Es, 1234, "1234"),
            (Lang::Es, 12_345, "12.345"),
            (Lang::Es, 1_234_567, "1.234.567"),
            (Lang::En, i64::MIN, "-9,223,372,036,854,775,808"),
        ];
        for (lang, n, want) in cases {
            assert_eq!(format_integer(lang, n), want, "{lang:?} {n}");
        }
    }

    #[test]
    fn decimals_round_and_use_the_local_mark() {
        let cases = [
            (Lang::En, 1234.5, 2, "1,234.50"),
            (Lang::Fr, 1234.5, 2, "1\u{202f}234,50"),
            (Lang::Es, 1234.5, 2, "1234,50"),
            (Lang::En, 0.005, 2, "0.01"),
            (Lang::En, -0.001, 2, "0.00"),
            (Lang::En, -2.5, 1, "-2.5"),
            (Lang::En, 2.4, 0, "2"),
            (Lang::En, f64::NAN, 2, "–"),
            (Lang::En, f64::INFINITY, 2, "–"),
            (Lang::En, 1e300, 2, "–"),
        ];
        for (lang, v, digits, want) in cases {
            assert_eq!(format_decimal(lang, v, digits), want, "{lang:?} {v}");
        }
    }
}
