//! Every string a user reads goes through [`t`]; the three languages live in one file each, and
//! each is an exhaustive `match`, so a key missing from one language fails to compile.

mod due;
mod en;
mod es;
mod format;
mod fr;
mod msg;
#[cfg(test)]
mod placeholder_tests;

pub use due::{due_text, duration_text, elapsed_share};
pub use format::{
    format_bytes, format_date, format_decimal, format_integer, format_time, CivilDateTime,
};
pub use msg::Msg;

/// A language the portal is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
}

impl Lang {
    /// Every supported language, in the order the language switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// The BCP 47 code, as used in `<html lang>` and in stored preferences.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, so a user can find their own language in any UI language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// Reads a language tag such as `fr`, `fr-CA` or `ES_mx`; only the primary subtag counts.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the language to show: the user's remembered choice, else the first of the browser's
    /// preferred languages that Portico speaks, else the site's configured default, else English.
    pub fn negotiate<'a>(
        remembered: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
        site_default: Option<Lang>,
    ) -> Lang {
        remembered
            .and_then(Lang::from_tag)
            .or_else(|| browser.into_iter().find_map(Lang::from_tag))
            .or(site_default)
            .unwrap_or_default()
    }
}

/// The text of `msg` in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    match lang {
        Lang::En => en::text(msg),
        Lang::Fr => fr::text(msg),
        Lang::Es => es::text(msg),
    }
}

/// `one` or `many` for a count, filled with `{count}`. French uses the singular for 0 and 1.
pub fn plural(lang: Lang, count: u64, one: Msg, many: Msg) -> String {
    let singular = match lang {
        Lang::Fr => count <= 1,
        Lang::En | Lang::Es => count == 1,
    };
    let n = format_integer(lang, i64::try_from(count).unwrap_or(i64::MAX));
    t_with(lang, if singular { one } else { many }, &[("count", &n)])
}

/// What a search over services and articles found, as a screen reader hears it:
/// "3 services and 5 articles".
pub fn found_text(lang: Lang, services: u64, articles: u64) -> String {
    let services = plural(lang, services, Msg::ServicesOne, Msg::ServicesMany);
    let articles = plural(lang, articles, Msg::ArticlesOne, Msg::ArticlesMany);
    t_with(
        lang,
        Msg::HomeSearchFound,
        &[("services", &services), ("articles", &articles)],
    )
}

/// The text of `msg` in `lang` with each `{name}` placeholder replaced by its value.
pub fn t_with(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> String {
    let mut out = t(lang, msg).to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_count_names_both_kinds_in_each_language() {
        let cases = [
            (Lang::En, 3, 5, "3 services and 5 articles"),
            (Lang::En, 1, 1, "1 service and 1 article"),
            (Lang::Fr, 0, 2, "0 service et 2 articles"),
            (Lang::Es, 2, 1, "2 servicios y 1 artículo"),
        ];
        for (lang, services, articles, want) in cases {
            assert_eq!(found_text(lang, services, articles), want);
        }
    }

    #[test]
    fn tags_are_read_by_their_primary_subtag() {
        let cases = [
            ("fr", Some(Lang::Fr)),
            ("fr-CA", Some(Lang::Fr)),
            ("ES_mx", Some(Lang::Es)),
            (" en-GB ", Some(Lang::En)),
            ("de-DE", None),
            ("", None),
            ("français", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_tag(tag), want, "tag {tag:?}");
        }
    }

    #[test]
    fn negotiation_prefers_memory_then_browser_then_site() {
        assert_eq!(
            Lang::negotiate(Some("es"), ["fr-FR"], Some(Lang::En)),
            Lang::Es
        );
        assert_eq!(
            Lang::negotiate(None, ["de", "fr-FR"], Some(Lang::Es)),
            Lang::Fr
        );
        assert_eq!(
            Lang::negotiate(Some("xx"), ["de"], Some(Lang::Es)),
            Lang::Es
        );
        assert_eq!(Lang::negotiate(None, [], None), Lang::En);
    }

    #[test]
    fn every_message_is_translated_and_distinct_where_it_should_be() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, *msg).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
        // A French or Spanish string identical to English usually means it was never translated.
        let untranslated: Vec<_> = Msg::ALL
            .iter()
            .filter(|m| !Msg::SAME_AS_ENGLISH.contains(m))
            .filter(|m| {
                t(Lang::Fr, **m) == t(Lang::En, **m) || t(Lang::Es, **m) == t(Lang::En, **m)
            })
            .collect();
        assert!(untranslated.is_empty(), "untranslated: {untranslated:?}");
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(plural(Lang::En, 0, Msg::DaysOne, Msg::DaysMany), "0 days");
        assert_eq!(plural(Lang::Fr, 0, Msg::DaysOne, Msg::DaysMany), "0 jour");
        assert_eq!(plural(Lang::Es, 1, Msg::DaysOne, Msg::DaysMany), "1 día");
        assert_eq!(
            plural(Lang::En, 1234, Msg::ServicesOne, Msg::ServicesMany),
            "1,234 services"
        );
    }

    #[test]
    fn placeholders_are_filled_and_kept_in_every_language() {
        for lang in Lang::ALL {
            let s = t_with(lang, Msg::NotFoundPath, &[("path", "/nope")]);
            assert!(
                s.contains("/nope") && !s.contains("{path}"),
                "{lang:?}: {s}"
            );
        }
    }
}
