//! One article in several languages, and one category under several names.
//!
//! Backends keep each translation of an article as an article of its own, linked to the others
//! ("translations"), and name its category in its language: "Network", "Réseau", "Red". A
//! reader wants each article once, in their language where it exists, and each category once,
//! under its name in their language. This module finds both from the links articles declare:
//! articles linked by translations (directly or through another) are *editions* of one
//! article, and categories that editions of one article are filed under are one category.
//! Pure: no I/O.

use super::hash::FastMap;

/// What [`Editions::new`] needs of an article.
#[derive(Clone, Copy, Debug)]
pub struct Edition<'a> {
    pub id: &'a str,
    /// BCP 47 code.
    pub language: &'a str,
    pub category: &'a str,
    /// The ids of the same article in other languages.
    pub translations: &'a [String],
}

/// The articles' editions and the categories' names, as declared by the articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Editions {
    /// Article id -> the number of its article (shared by all its editions).
    article: FastMap<String, usize>,
    /// Per article: its editions, (id, primary language).
    editions: Vec<Vec<(String, String)>>,
    /// Category name -> the number of its category (shared by all its names).
    category: FastMap<String, usize>,
    /// Per category: its names, (primary language, name, articles filed under it).
    names: Vec<Vec<(String, String, usize)>>,
}

/// `fr` of `fr-CA`, lower case.
fn primary(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Union-find over `n` items.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }

    /// Each item's set, numbered 0, 1, … in the order the sets' first items come, and how
    /// many sets there are.
    fn numbered(mut self) -> (Vec<usize>, usize) {
        let mut number: FastMap<usize, usize> = FastMap::default();
        let sets = (0..self.0.len())
            .map(|x| {
                let next = number.len();
                *number.entry(self.find(x)).or_insert(next)
            })
            .collect();
        (sets, number.len())
    }
}

/// Numbers each distinct key, in the order first met.
fn number<'a>(ids: &mut FastMap<&'a str, usize>, key: &'a str) -> usize {
    let next = ids.len();
    *ids.entry(key).or_insert(next)
}

impl Editions {
    /// Groups the articles' editions and the categories' names. A translation that names an
    /// article not given is ignored.
    pub fn new<'a>(articles: impl IntoIterator<Item = Edition<'a>>) -> Self {
        let articles: Vec<Edition<'a>> = articles.into_iter().collect();
        let mut ids: FastMap<&str, usize> = FastMap::default();
        for a in &articles {
            number(&mut ids, a.id);
        }
        let mut categories: FastMap<&str, usize> = FastMap::default();
        for a in &articles {
            number(&mut categories, a.category);
        }
        let mut same_article = Sets((0..ids.len()).collect());
        let mut same_category = Sets((0..categories.len()).collect());
        let by_id: FastMap<&str, &Edition> = articles.iter().map(|a| (a.id, a)).collect();
        for a in &articles {
            for other in a.translations.iter().filter_map(|t| by_id.get(t.as_str())) {
                same_article.join(ids[a.id], ids[other.id]);
                same_category.join(categories[a.category], categories[other.category]);
            }
        }
        let (article_of, articles_n) = same_article.numbered();
        let (category_of, categories_n) = same_category.numbered();
        let mut out = Editions {
            editions: vec![Vec::new(); articles_n],
            names: vec![Vec::new(); categories_n],
            ..Editions::default()
        };
        for a in &articles {
            let n = article_of[ids[a.id]];
            if out.article.insert(a.id.to_owned(), n).is_none() {
                out.editions[n].push((a.id.to_owned(), primary(a.language)));
            }
            let c = category_of[categories[a.category]];
            out.category.insert(a.category.to_owned(), c);
            let language = primary(a.language);
            let names = &mut out.names[c];
            match names
                .iter_mut()
                .find(|(l, name, _)| *l == language && name == a.category)
            {
                Some((_, _, count)) => *count += 1,
                None => names.push((language, a.category.to_owned(), 1)),
            }
        }
        out
    }

    /// The number of the article `id` is an edition of; `None` for an unknown id.
    pub fn article(&self, id: &str) -> Option<usize> {
        self.article.get(id).copied()
    }

    /// The edition of `id`'s article in `language`, if there is one (`id` itself when it is
    /// in that language).
    pub fn in_language(&self, id: &str, language: &str) -> Option<&str> {
        let want = primary(language);
        let editions = &self.editions[self.article(id)?];
        editions
            .iter()
            .find(|(e, l)| e == id && *l == want)
            .or_else(|| editions.iter().find(|(_, l)| *l == want))
            .map(|(e, _)| e.as_str())
    }

    /// The number of the category `name` is a name of; `None` for a name no article uses.
    pub fn category(&self, name: &str) -> Option<usize> {
        self.category.get(name).copied()
    }

    /// The name of `name`'s category in `language`: the one most articles in that language
    /// are filed under; else the name most used in any language; else `name` itself.
    pub fn category_name<'a>(&'a self, name: &'a str, language: &str) -> &'a str {
        let Some(names) = self.category(name).map(|c| &self.names[c]) else {
            return name;
        };
        let want = primary(language);
        let best = |in_language: bool| {
            names
                .iter()
                .filter(|(l, _, _)| !in_language || *l == want)
                .max_by(|a, b| a.2.cmp(&b.2).then_with(|| b.1.cmp(&a.1)))
                .map(|(_, n, _)| n.as_str())
        };
        best(true).or_else(|| best(false)).unwrap_or(name)
    }

    /// Whether two category names name the same category.
    pub fn same_category(&self, a: &str, b: &str) -> bool {
        a == b
            || self
                .category(a)
                .is_some_and(|c| self.category(b) == Some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editions() -> Editions {
        let t = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let vpn = t(&["vpn-fr", "vpn-es"]);
        let vpn_fr = t(&["vpn", "vpn-es"]);
        let vpn_es = t(&["vpn"]); // one-sided: still one article
        let wifi = t(&["wifi-fr"]);
        let wifi_fr = t(&[]);
        let lonely = t(&["gone"]);
        let none: Vec<String> = Vec::new();
        Editions::new([
            Edition {
                id: "vpn",
                language: "en",
                category: "Network",
                translations: &vpn,
            },
            Edition {
                id: "vpn-fr",
                language: "fr-FR",
                category: "Réseau",
                translations: &vpn_fr,
            },
            Edition {
                id: "vpn-es",
                language: "es",
                category: "Red",
                translations: &vpn_es,
            },
            Edition {
                id: "wifi",
                language: "en",
                category: "Network",
                translations: &wifi,
            },
            Edition {
                id: "wifi-fr",
                language: "fr",
                category: "Réseau",
                translations: &wifi_fr,
            },
            Edition {
                id: "proxy",
                language: "en",
                category: "Network",
                translations: &none,
            },
            Edition {
                id: "printer",
                language: "en",
                category: "Printing",
                translations: &lonely,
            },
        ])
    }

    #[test]
    fn translations_are_editions_of_one_article() {
        let e = editions();
        assert_eq!(e.article("vpn"), e.article("vpn-fr"));
        assert_eq!(e.article("vpn"), e.article("vpn-es"));
        assert_eq!(
            e.article("wifi"),
            e.article("wifi-fr"),
            "declared on one side only"
        );
        assert_ne!(e.article("vpn"), e.article("wifi"));
        assert_eq!(e.article("gone"), None);
        assert_eq!(e.in_language("vpn", "fr"), Some("vpn-fr"));
        assert_eq!(e.in_language("vpn-es", "en-GB"), Some("vpn"));
        assert_eq!(e.in_language("vpn-fr", "fr"), Some("vpn-fr"));
        assert_eq!(e.in_language("proxy", "fr"), None);
        assert_eq!(e.in_language("printer", "en"), Some("printer"));
    }

    #[test]
    fn a_category_is_named_in_the_readers_language() {
        let e = editions();
        assert!(e.same_category("Network", "Réseau"));
        assert!(e.same_category("Red", "Network"));
        assert!(!e.same_category("Network", "Printing"));
        assert_eq!(e.category_name("Network", "fr"), "Réseau");
        assert_eq!(e.category_name("Réseau", "es"), "Red");
        assert_eq!(e.category_name("Red", "en"), "Network");
        // No French name: the name most used.
        assert_eq!(e.category_name("Printing", "fr"), "Printing");
        assert_eq!(e.category_name("Unknown", "fr"), "Unknown");
    }
}
