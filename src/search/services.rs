//! Service search: the catalog's items ranked for what people type, the way articles are.
//!
//! People type sentences ("my computer is broken", "mon ordinateur est lent"), not keywords, so
//! an item matches when *any* meaningful query word matches it, and items that match more of
//! the query's words rank first. Words are folded (case, accents), stop words of English,
//! French and Spanish are dropped, words meet through their stems in each of those languages
//! ("monitors" finds "monitor", "imprimantes" finds "imprimante"), a word matches the words it
//! begins, and a word the catalog does not know matches words one or two typos away ("monitr").
//!
//! The items' words are analysed once, into a vocabulary shared by all items; a query is then
//! matched against the vocabulary (a few thousand words, not every word of every item), so a
//! keystroke costs the same on a catalog of 5,000 items as on one of 50. Pure: no I/O.

use std::cmp::Reverse;

use super::hash::FastMap;
use super::index::query_words;
use super::text::{bounded_distance, is_stop_word_anywhere, words, ANALYSED};
use crate::model::CatalogItem;
use crate::textmatch::allowed_typos;

/// How much a match in each part of an item counts. The long description is not searched: a
/// word mentioned in passing there ("laptop" in the monitor's) would list the wrong services.
const NAME: u8 = 8;
const TAGS: u8 = 6;
const SUMMARY: u8 = 4;
const CATEGORY: u8 = 3;

/// How well a query word matches a vocabulary word, in quarters: the same word or stem, the
/// beginning of the word, or a word a typo or two away.
const EXACT: u8 = 4;
const PREFIX: u8 = 3;
const TYPO: u8 = 3;

/// One word of the catalog's vocabulary: its folded characters and its stem in each analysed
/// language.
#[derive(Clone, Debug, PartialEq)]
struct Word {
    chars: Vec<char>,
    stems: [String; 3],
    /// How many items use it: a word most services share ("new", "request") says less.
    items: u32,
}

/// The catalog's items, analysed for searching. Build it once per list of items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceIndex {
    vocabulary: Vec<Word>,
    /// Per item, in the order given: (vocabulary word, weight of the part it appears in),
    /// each word once with its heaviest part.
    items: Vec<Vec<(u32, u8)>>,
}

/// One item found: its position in the list the index was built from, and how it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceHit {
    pub position: usize,
    /// How many of the query's words it matches.
    pub matched: usize,
    score: u32,
}

impl ServiceIndex {
    /// Analyses `items`, each with the name of its category (searched too).
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a CatalogItem, &'a str)>) -> Self {
        let mut index = ServiceIndex::default();
        let mut ids: FastMap<String, u32> = FastMap::default();
        for (item, category) in items {
            let mut mine: Vec<(u32, u8)> = Vec::new();
            let parts = [
                (item.name.as_str(), NAME),
                (category, CATEGORY),
                (item.short_description.as_str(), SUMMARY),
            ];
            let tags = item.tags.iter().map(|t| (t.as_str(), TAGS));
            for (text, weight) in parts.into_iter().chain(tags) {
                words(text, |w, _, _| {
                    let id = *ids.entry(w.to_owned()).or_insert_with(|| {
                        index.vocabulary.push(Word {
                            chars: w.chars().collect(),
                            stems: ANALYSED.map(|l| l.stem(w)),
                            items: 0,
                        });
                        (index.vocabulary.len() - 1) as u32
                    });
                    match mine.iter_mut().find(|(i, _)| *i == id) {
                        Some(entry) => entry.1 = entry.1.max(weight),
                        None => {
                            mine.push((id, weight));
                            index.vocabulary[id as usize].items += 1;
                        }
                    }
                });
            }
            index.items.push(mine);
        }
        index
    }

    /// The items matching `query`, best first: more of the query's words matched, then a
    /// better match (in the name rather than the summary, the word itself rather than a
    /// typo, a word few items share), then the order the items were given in. An empty query finds nothing.
    pub fn search(&self, query: &str) -> Vec<ServiceHit> {
        // A stop word being typed may be the start of a word ("the" of "theme"); elsewhere it
        // says nothing of what is wanted.
        let query: Vec<_> = query_words(query)
            .into_iter()
            .filter(|q| q.prefix || !is_stop_word_anywhere(&q.text))
            .collect();
        // For each query word, how well it matches each vocabulary word (0: not at all).
        let matches: Vec<Vec<u8>> = query
            .iter()
            .map(|q| self.expand(&q.text, q.prefix))
            .collect();
        // Rarer words weigh more (inverse document frequency, in sixteenths).
        let n = self.items.len() as f32;
        let rarity: Vec<u32> = self
            .vocabulary
            .iter()
            .map(|v| ((1.0 + n / v.items.max(1) as f32).ln() * 16.0) as u32)
            .collect();
        let mut hits: Vec<ServiceHit> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(position, words)| {
                let mut matched = 0;
                let mut score = 0u32;
                for quality in &matches {
                    let best = words
                        .iter()
                        .map(|&(id, weight)| {
                            let id = id as usize;
                            u32::from(quality[id]) * u32::from(weight) * rarity[id]
                        })
                        .max()
                        .unwrap_or(0);
                    if best > 0 {
                        matched += 1;
                        score += best;
                    }
                }
                (matched > 0).then_some(ServiceHit {
                    position,
                    matched,
                    score,
                })
            })
            .collect();
        // Unstable is enough: positions are distinct, so no two keys are equal.
        hits.sort_unstable_by_key(|h| (Reverse(h.matched), Reverse(h.score), h.position));
        hits
    }

    /// How well `word` matches each vocabulary word. Typos are forgiven only for a word the
    /// catalog does not know, so "new" does not also find "net".
    fn expand(&self, word: &str, typing: bool) -> Vec<u8> {
        let chars: Vec<char> = word.chars().collect();
        let stems = ANALYSED.map(|l| l.stem(word));
        let mut known = false;
        let mut quality: Vec<u8> = self
            .vocabulary
            .iter()
            .map(|v| {
                if v.chars == chars || v.stems.iter().zip(&stems).any(|(a, b)| a == b) {
                    known = true;
                    EXACT
                } else if v.chars.starts_with(&chars) && (typing || chars.len() >= 3) {
                    known = true;
                    PREFIX
                } else {
                    0
                }
            })
            .collect();
        let limit = allowed_typos(chars.len());
        if !known && limit > 0 {
            for (q, v) in quality.iter_mut().zip(&self.vocabulary) {
                // The whole word, or its beginning while the rest is still being typed.
                let near = bounded_distance(&chars, &v.chars, limit) <= limit
                    || (typing
                        && v.chars.len() > chars.len()
                        && bounded_distance(&chars, &v.chars[..chars.len()], limit) <= limit);
                if near {
                    *q = TYPO;
                }
            }
        }
        quality
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, name: &str, summary: &str, tags: &[&str]) -> CatalogItem {
        CatalogItem {
            id: id.into(),
            category_id: "c".into(),
            name: name.into(),
            short_description: summary.into(),
            description: String::new(),
            icon: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            delivery_hours: None,
            cost_hint: None,
            approval_required: false,
            popularity: None,
            form: None,
            kind: Default::default(),
        }
    }

    fn catalog() -> Vec<(CatalogItem, &'static str)> {
        vec![
            (
                item(
                    "laptop",
                    "New laptop",
                    "A standard or performance laptop, set up and ready.",
                    &["computer", "notebook"],
                ),
                "Hardware",
            ),
            (
                item(
                    "starter",
                    "New starter",
                    "Everything a new colleague needs on day one.",
                    &["onboarding"],
                ),
                "HR",
            ),
            (
                item(
                    "monitor",
                    "Monitor",
                    "An extra or larger screen for your desk.",
                    &["display", "screen"],
                ),
                "Hardware",
            ),
            (
                item(
                    "broken",
                    "Broken or damaged device",
                    "Report a device that no longer works.",
                    &["repair", "cracked"],
                ),
                "Hardware",
            ),
            (
                item(
                    "software_problem",
                    "Report a software problem",
                    "An application crashes, hangs or is slow.",
                    &["bug", "error"],
                ),
                "Software",
            ),
            (
                item(
                    "ordinateur",
                    "Nouvel ordinateur portable",
                    "Un portable standard ou performant, prêt à l’emploi.",
                    &["ordinateur", "pc"],
                ),
                "Matériel",
            ),
            (
                item(
                    "imprimante",
                    "Problème d’imprimante",
                    "L’imprimante est lente ou n’imprime plus.",
                    &["impression"],
                ),
                "Bureaux",
            ),
        ]
    }

    fn ids(query: &str) -> Vec<String> {
        let items = catalog();
        let index = ServiceIndex::new(items.iter().map(|(i, c)| (i, *c)));
        index
            .search(query)
            .into_iter()
            .map(|h| items[h.position].0.id.clone())
            .collect()
    }

    #[test]
    fn sentences_find_services_by_any_of_their_words() {
        // Each of these found nothing when every word had to match.
        assert_eq!(ids("computer slow")[..2], ["laptop", "software_problem"]);
        let found = ids("my computer is broken");
        assert!(found.contains(&"laptop".to_owned()), "{found:?}");
        assert!(found.contains(&"broken".to_owned()), "{found:?}");
        assert_eq!(ids("new monitr")[0], "monitor");
        assert!(ids("new monitr").contains(&"laptop".to_owned()));
    }

    #[test]
    fn more_matched_words_rank_higher() {
        // "broken device": the item with both words first, then those with one.
        let found = ids("broken device that works");
        assert_eq!(found[0], "broken");
        let found = ids("report software problem");
        assert_eq!(found[0], "software_problem");
        assert!(
            found.contains(&"broken".to_owned()),
            "'report' alone still finds it"
        );
    }

    #[test]
    fn stop_words_alone_find_nothing_useful_and_stems_meet() {
        assert!(ids("my is the").is_empty());
        assert_eq!(ids("monitors"), ["monitor"]);
        assert_eq!(ids("mon ordinateur est lent")[0], "ordinateur");
        assert!(ids("mon ordinateur est lent").contains(&"imprimante".to_owned()));
        assert_eq!(ids("imprimantes"), ["imprimante"]);
        assert_eq!(ids("IMPRIMANTE"), ["imprimante"]);
    }

    #[test]
    fn typing_and_typos_are_forgiven_but_not_for_known_words() {
        assert_eq!(ids("lapt"), ["laptop"]);
        assert_eq!(ids("laptpo"), ["laptop"]);
        assert_eq!(ids("sofware"), ["software_problem"]);
        assert!(ids("printer").is_empty());
        assert!(ids("").is_empty());
        // "device" is known: "devise" would be its typo, but "device" itself finds only itself.
        assert_eq!(ids("device"), ["broken"]);
    }

    #[test]
    fn hostile_queries_stay_cheap() {
        let items = catalog();
        let index = ServiceIndex::new(items.iter().map(|(i, c)| (i, *c)));
        assert!(index.search(&"a".repeat(100_000)).is_empty());
        assert!(index.search(&"word ".repeat(10_000)).is_empty());
        assert!(index.search("😀 مرحبا").is_empty());
    }
}
