//! The knowledge base's results: each article once, in the reader's language where it has an
//! edition in it, with snippets, facets and "did you mean", read from the index on the device.

use crate::i18n::Lang;
use crate::search::{highlight, snippet, Piece, Query};
use crate::shell::kb;

/// Characters of body text around the matches.
const SNIPPET: usize = 180;

/// One row of the results.
#[derive(Clone, PartialEq)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) title: Vec<Piece>,
    pub(super) text: Vec<Piece>,
    pub(super) category: String,
    pub(super) language: String,
}

#[derive(Clone, Default, PartialEq)]
pub(super) struct Results {
    pub(super) rows: Vec<Row>,
    pub(super) total: usize,
    pub(super) facets: Vec<(String, usize)>,
    pub(super) did_you_mean: Option<String>,
    /// Whether every article found is in another language than the reader's.
    pub(super) only_other_languages: bool,
}

/// Each article once (in the reader's language where it has an edition in it and, for a
/// search, that edition matched), with its category named in the reader's language.
pub(super) fn run_search(text: &str, category: Option<&str>, lang: Lang, limit: usize) -> Results {
    kb::with(|kb| {
        let code = lang.code();
        let editions = &kb.editions;
        let shown = |id: &str| {
            let id = editions.in_language(id, code).unwrap_or(id);
            kb.index.entry(id)
        };
        let row = |e: crate::search::Entry, text: &str| {
            let body = kb.texts.get(e.id).map(String::as_str).unwrap_or_default();
            // The summary says what the article is; the body shows where the words are.
            let from_body = || snippet(body, text, e.language, SNIPPET);
            let text_pieces = match text.is_empty() {
                true => highlight(e.summary, "", e.language),
                false => Some(from_body())
                    .filter(|pieces| pieces.iter().any(|p| p.hit))
                    .unwrap_or_else(|| highlight(e.summary, text, e.language)),
            };
            Row {
                id: e.id.to_owned(),
                title: highlight(e.title, text, e.language),
                text: text_pieces,
                category: editions.category_name(e.category, code).to_owned(),
                language: e.language.to_owned(),
            }
        };
        let mut results = if crate::search::query_words(text).is_empty() {
            // No query: every article once, the user's language first, then by title.
            let mut seen = vec![false; kb.index.len()];
            let mut facets: Vec<(String, usize)> = Vec::new();
            let mut all = Vec::new();
            for e in kb.index.entries() {
                // Article numbers run from 0 to fewer than the articles indexed.
                if let Some(a) = editions.article(e.id) {
                    match seen.get_mut(a) {
                        Some(true) => continue,
                        Some(s) => *s = true,
                        None => {}
                    }
                }
                let Some(e) = shown(e.id) else { continue };
                let name = editions.category_name(e.category, code);
                match facets.iter_mut().find(|(c, _)| c == name) {
                    Some((_, n)) => *n += 1,
                    None => facets.push((name.to_owned(), 1)),
                }
                if category.is_none_or(|c| editions.same_category(e.category, c)) {
                    all.push(e);
                }
            }
            all.sort_by(|a, b| {
                (a.language != code)
                    .cmp(&(b.language != code))
                    .then_with(|| a.title.cmp(b.title))
            });
            facets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Results {
                total: all.len(),
                rows: all.into_iter().take(limit).map(|e| row(e, "")).collect(),
                facets,
                ..Results::default()
            }
        } else {
            let found = kb.index.search(
                &Query {
                    text,
                    category,
                    prefer_language: Some(code),
                    limit,
                    editions: Some(editions),
                },
                |id| kb.texts.get(id).map(String::as_str),
            );
            Results {
                // The index already picked each article's edition: the reader's language
                // where it matched, else the one written in the words typed.
                rows: found
                    .hits
                    .iter()
                    .filter_map(|hit| kb.index.entry(&hit.id))
                    .map(|e| row(e, text))
                    .collect(),
                total: found.total,
                facets: found.facets,
                did_you_mean: found.did_you_mean,
                only_other_languages: false,
            }
        };
        results.only_other_languages = !results.rows.is_empty()
            && results
                .rows
                .iter()
                .all(|r| Lang::from_tag(&r.language) != Some(lang));
        results
    })
    .unwrap_or_default()
}
