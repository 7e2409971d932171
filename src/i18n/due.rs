//! How far a deadline is, in words: "Due in 3 hours", "Overdue by 2 days", in the user's
//! language. Pure: the caller passes the current time, so tests pin it.

use super::{plural, t, t_with, Lang, Msg};

/// A span of seconds in the largest unit that reads naturally: minutes below an hour, hours
/// below two days, days beyond; rounded to the nearest whole unit, never below one.
pub fn duration_text(lang: Lang, seconds: u64) -> String {
    let round = |unit: u64| (seconds + unit / 2) / unit;
    if seconds < 3_600 {
        plural(lang, round(60).max(1), Msg::MinutesOne, Msg::MinutesMany)
    } else if seconds < 48 * 3_600 {
        plural(lang, round(3_600), Msg::HoursOne, Msg::HoursMany)
    } else {
        plural(lang, round(86_400), Msg::DaysOne, Msg::DaysMany)
    }
}

/// "Due in …" before `due`, "Overdue by …" after it, "Due now" within a minute of it.
pub fn due_text(lang: Lang, due: i64, now: i64) -> String {
    let left = due.saturating_sub(now);
    if left.unsigned_abs() < 60 {
        return t(lang, Msg::DueNow).to_owned();
    }
    let duration = duration_text(lang, left.unsigned_abs());
    let msg = if left > 0 {
        Msg::DueIn
    } else {
        Msg::DueOverdue
    };
    t_with(lang, msg, &[("duration", &duration)])
}

/// How much of the time from `opened` to `due` has gone by at `now`: 0 at opening, 1 at the
/// deadline, more once overdue (for a progress bar, which caps it). A deadline not after the
/// opening is reached at once.
pub fn elapsed_share(opened: i64, due: i64, now: i64) -> f64 {
    let span = due.saturating_sub(opened);
    if span <= 0 {
        return if now >= due { 1.0 } else { 0.0 };
    }
    (now.saturating_sub(opened) as f64 / span as f64).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_322_289;
    const MINUTE: i64 = 60;
    const HOUR: i64 = 3_600;
    const DAY: i64 = 86_400;

    #[test]
    fn deadlines_read_naturally_in_three_languages() {
        for (due, en, fr, es) in [
            (
                NOW + 3 * HOUR,
                "Due in 3 hours",
                "Échéance dans 3 heures",
                "Vence en 3 horas",
            ),
            (
                NOW - 2 * DAY,
                "Overdue by 2 days",
                "En retard de 2 jours",
                "Vencido hace 2 días",
            ),
            (
                NOW + 90 * MINUTE,
                "Due in 2 hours",
                "Échéance dans 2 heures",
                "Vence en 2 horas",
            ),
            (
                NOW + 89 * MINUTE,
                "Due in 1 hour",
                "Échéance dans 1 heure",
                "Vence en 1 hora",
            ),
            (
                NOW + 5 * MINUTE,
                "Due in 5 minutes",
                "Échéance dans 5 minutes",
                "Vence en 5 minutos",
            ),
            (
                NOW - MINUTE,
                "Overdue by 1 minute",
                "En retard de 1 minute",
                "Vencido hace 1 minuto",
            ),
            (NOW + 30, "Due now", "Échéance maintenant", "Vence ahora"),
            (NOW - 59, "Due now", "Échéance maintenant", "Vence ahora"),
            (
                NOW + 47 * HOUR,
                "Due in 47 hours",
                "Échéance dans 47 heures",
                "Vence en 47 horas",
            ),
            (
                NOW + 48 * HOUR,
                "Due in 2 days",
                "Échéance dans 2 jours",
                "Vence en 2 días",
            ),
            (
                NOW - 400 * DAY,
                "Overdue by 400 days",
                "En retard de 400 jours",
                "Vencido hace 400 días",
            ),
            (
                NOW + 1_500 * DAY,
                "Due in 1,500 days",
                "Échéance dans 1\u{202f}500 jours",
                "Vence en 1500 días",
            ),
        ] {
            assert_eq!(due_text(Lang::En, due, NOW), en);
            assert_eq!(due_text(Lang::Fr, due, NOW), fr);
            assert_eq!(due_text(Lang::Es, due, NOW), es);
        }
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        assert!(due_text(Lang::En, i64::MAX, i64::MIN).starts_with("Due in "));
        assert!(due_text(Lang::En, i64::MIN, i64::MAX).starts_with("Overdue by "));
    }

    #[test]
    fn the_share_of_time_gone_by_fills_a_progress_bar() {
        assert_eq!(elapsed_share(NOW, NOW + 4 * HOUR, NOW), 0.0);
        assert_eq!(elapsed_share(NOW, NOW + 4 * HOUR, NOW + HOUR), 0.25);
        assert_eq!(elapsed_share(NOW, NOW + 4 * HOUR, NOW + 8 * HOUR), 2.0);
        assert_eq!(elapsed_share(NOW, NOW + 4 * HOUR, NOW - HOUR), 0.0);
        assert_eq!(elapsed_share(NOW, NOW, NOW), 1.0);
        assert_eq!(elapsed_share(NOW, NOW - DAY, NOW - 2 * DAY), 0.0);
    }
}
