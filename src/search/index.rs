//! The inverted index and its ranking.
//!
//! Each article's words are folded, stop words dropped and the rest stemmed in the article's
//! own language; a stem is a *term* with a posting list (article, times in each field). Beside
//! the terms, the index keeps every surface word it has seen, sorted, each with the term it
//! stems to: prefixes ("unz" → "unzip") and typos ("pasword" → "password") are looked up there.
//!
//! A query word expands to weighted terms — its own stems in every analysed language (1.0),
//! words it begins (less, the more is missing), words one or two edits away when it is not a
//! word the index knows (less still) — and articles are scored by BM25F over the title, tags,
//! summary and body, favouring articles that match more of the query words. The best are then
//! re-ranked by how close together the query words appear in them (phrase and proximity).

use std::cell::RefCell;
use std::rc::Rc;

use super::edits::for_each_one_edit_variant;
use super::hash::FastMap;
use super::proximity::proximity;
use super::text::{bounded_distance, is_stop_word_anywhere, words, Language, ANALYSED};

/// An article as the index reads it.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    pub id: &'a str,
    /// BCP 47 code; it decides stop words and stemming.
    pub language: &'a str,
    pub title: &'a str,
    pub tags: &'a [String],
    pub summary: &'a str,
    /// Plain text or markdown: markup characters separate words like any punctuation.
    pub body: &'a str,
    pub category: &'a str,
    /// When the article last changed: [`Index::updated`] tells a sync what to re-index.
    pub updated: i64,
}

impl<'a> From<&'a crate::model::Article> for Doc<'a> {
    fn from(a: &'a crate::model::Article) -> Self {
        Doc {
            id: &a.id,
            language: &a.language,
            title: &a.title,
            tags: &a.tags,
            summary: &a.summary,
            body: &a.body,
            category: &a.category,
            updated: a.updated,
        }
    }
}

/// What the index keeps of an article to list it without the article at hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub category: &'a str,
    pub language: &'a str,
    pub updated: i64,
}

/// Title, tags, summary, body.
pub(super) const FIELDS: usize = 4;
const WEIGHTS: [f32; FIELDS] = [3.0, 2.0, 3.0, 1.0];
const LENGTH_NORMALISATION: [f32; FIELDS] = [0.5, 0.5, 0.5, 0.3];
/// Higher than the textbook 1.2: a field-weighted count is about three times a plain one, so
/// saturation must come later for the field weights to tell.
const K1: f32 = 4.0;
/// How many of the best articles are re-ranked by proximity.
const RERANK: usize = 16;
/// Words a prefix expands to, at most (the most frequent are kept).
const LAST_WORD_COMPLETIONS: usize = 48;
const OTHER_WORD_COMPLETIONS: usize = 12;
const QUERY_WORDS: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Posting {
    pub doc: u32,
    /// Occurrences in each field, saturated at 255.
    pub tf: [u8; FIELDS],
}

#[derive(Debug, Default)]
pub(super) struct Slot {
    /// Empty when the slot is free.
    pub id: Box<str>,
    /// The article's BCP 47 code, as given.
    pub language: Box<str>,
    pub category: u32,
    pub updated: i64,
    pub title: Box<str>,
    pub summary: Box<str>,
    pub lens: [u16; FIELDS],
    /// The terms this article is listed under, to take it out again.
    pub terms: Vec<u32>,
}

/// A search index over articles; see the module documentation.
#[derive(Default)]
pub struct Index {
    pub(super) slots: Vec<Slot>,
    pub(super) free: Vec<u32>,
    pub(super) by_id: FastMap<Box<str>, u32>,
    pub(super) categories: Vec<Box<str>>,
    pub(super) category_ids: FastMap<Box<str>, u32>,
    pub(super) terms: FastMap<Box<str>, u32>,
    pub(super) postings: Vec<Vec<Posting>>,
    /// Every (surface word, term) pair seen, sorted.
    pub(super) words: Vec<(Box<str>, u32)>,
    pub(super) field_total: [u64; FIELDS],
    /// Whether the slots' `terms` are left empty (by loading; see `list_slot_terms`).
    pub(super) slot_terms_missing: bool,
    scratch: RefCell<Scratch>,
}

/// What one call to [`Index::add`] learns as it goes.
#[derive(Default)]
struct Batch {
    /// Each surface word met, with its term in each language (by `Language as usize`).
    words: FastMap<String, [Option<u32>; 4]>,
    /// The current article's terms and their counts per field.
    tfs: Vec<(u32, [u8; FIELDS])>,
}

#[derive(Default)]
struct Scratch {
    /// Per slot: field weight over length normalisation; empty when stale.
    norms: Vec<[f32; FIELDS]>,
    /// Per posting (in the postings' order): its BM25F term-frequency part, `t / (K1 + t)`
    /// with `t` its field-weighted, length-normalised count. Computed once per change, so a
    /// search multiplies instead of normalising every posting it reads.
    impacts: Vec<Vec<f32>>,
    best: Vec<f32>,
    total: Vec<f32>,
    cover: Vec<u8>,
    /// Per slot: its language, as `Language as u8`, and its category.
    languages: Vec<u8>,
    categories: Vec<u32>,
    touched: Vec<u32>,
    word_touched: Vec<u32>,
    expansions: FastMap<(String, bool), Rc<Expansion>>,
    /// The scores of the query's words but its last, as of the previous search: typing the
    /// last word changes only that word, so the others are not scored again.
    base_words: Vec<QueryWord>,
    base: Vec<(u32, f32, u8)>,
}

/// What one query word matches: terms, their weights, and the languages (a bit per
/// [`Language`]) of the articles each may match in.
#[derive(Debug, Default)]
struct Expansion {
    terms: Vec<(u32, f32, u8)>,
}

/// Every language: surface words, prefixes and typos match articles in any language.
const ANY_LANGUAGE: u8 = 0b1111;

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct Query<'a> {
    pub text: &'a str,
    /// Only articles in this category.
    pub category: Option<&'a str>,
    /// Articles in this language (BCP 47) rank a little higher.
    pub prefer_language: Option<&'a str>,
    pub limit: usize,
    /// When given, an article's editions in several languages count and are listed once (the
    /// best ranked), and a category's names in several languages are one category, named
    /// in `prefer_language` in the facets.
    pub editions: Option<&'a super::Editions>,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// The best `limit`, best first.
    pub hits: Vec<Hit>,
    /// How many articles match (in the chosen category, if any); editions of one article
    /// count once when the query gives them.
    pub total: usize,
    /// Matching articles per category, ignoring the category filter; most first.
    pub facets: Vec<(String, usize)>,
    /// A query the index knows, when this one finds nothing.
    pub did_you_mean: Option<String>,
}

/// A query word, folded; the last one is a prefix while the user is still typing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    pub text: String,
    pub prefix: bool,
}

/// The words a query looks for: folded, without stop words (unless nothing else is left),
/// at most twelve, the last marked as a prefix unless the query ends with a space or a
/// punctuation mark.
pub fn query_words(text: &str) -> Vec<QueryWord> {
    let typing = text.chars().last().is_some_and(char::is_alphanumeric);
    let mut all: Vec<QueryWord> = Vec::new();
    words(text, |w, _, _| {
        if !all.iter().any(|q| q.text == w) {
            all.push(QueryWord {
                text: w.to_owned(),
                prefix: false,
            });
        }
    });
    if typing {
        if let Some(last) = all.last_mut() {
            last.prefix = true;
        }
    }
    let meaningful: Vec<QueryWord> = all
        .iter()
        .filter(|q| !is_stop_word_anywhere(&q.text) || (q.prefix && q.text.len() >= 2))
        .cloned()
        .collect();
    let mut chosen = if meaningful.is_empty() {
        all
    } else {
        meaningful
    };
    // A single letter being typed after other words narrows nothing yet: it waits for a
    // second letter rather than pulling in every common word that starts with it.
    if chosen.len() > 1
        && chosen
            .last()
            .is_some_and(|q| q.prefix && q.text.chars().count() == 1)
    {
        chosen.pop();
    }
    chosen.truncate(QUERY_WORDS);
    chosen
}

fn idf(df: usize, n: usize) -> f32 {
    let (df, n) = (df as f32, n as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl Index {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many articles the index holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Whether an article is in the index.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// When the indexed copy of an article last changed.
    pub fn updated(&self, id: &str) -> Option<i64> {
        self.by_id
            .get(id)
            .map(|&slot| self.slots[slot as usize].updated)
    }

    /// What the index keeps of an article.
    pub fn entry(&self, id: &str) -> Option<Entry<'_>> {
        self.by_id.get(id).map(|&slot| self.entry_at(slot))
    }

    fn entry_at(&self, slot: u32) -> Entry<'_> {
        let s = &self.slots[slot as usize];
        Entry {
            id: &s.id,
            title: &s.title,
            summary: &s.summary,
            category: self.categories.get(s.category as usize).map_or("", |c| c),
            language: &s.language,
            updated: s.updated,
        }
    }

    /// Every article in the index, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.id.is_empty())
            .map(|(at, _)| self.entry_at(at as u32))
    }

    /// Distinct terms and surface words, for reports.
    pub fn vocabulary(&self) -> (usize, usize) {
        (self.terms.len(), self.words.len())
    }

    /// Adds articles, replacing any already indexed under the same id.
    pub fn add<'a>(&mut self, docs: impl IntoIterator<Item = Doc<'a>>) {
        let mut batch = Batch::default();
        for doc in docs {
            self.remove(doc.id);
            self.add_one(&doc, &mut batch);
        }
        self.merge_words(batch.words);
        self.changed();
    }

    /// Takes an article out; its words stay in the dictionary but lead nowhere.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(slot) = self.by_id.remove(id) else {
            return false;
        };
        self.list_slot_terms();
        let old = std::mem::take(&mut self.slots[slot as usize]);
        for term in old.terms {
            if let Some(list) = self.postings.get_mut(term as usize) {
                list.retain(|p| p.doc != slot);
            }
        }
        for (total, len) in self.field_total.iter_mut().zip(old.lens) {
            *total = total.saturating_sub(u64::from(len));
        }
        self.free.push(slot);
        self.changed();
        true
    }

    /// Fills in each slot's term list (a loaded index leaves them empty: only taking an
    /// article out needs them, so loading does not pay for them).
    fn list_slot_terms(&mut self) {
        if !self.slot_terms_missing {
            return;
        }
        for slot in &mut self.slots {
            slot.terms.clear();
        }
        for (term, list) in self.postings.iter().enumerate() {
            for p in list {
                if let Some(slot) = self.slots.get_mut(p.doc as usize) {
                    slot.terms.push(term as u32);
                }
            }
        }
        self.slot_terms_missing = false;
    }

    fn changed(&mut self) {
        let scratch = self.scratch.get_mut();
        scratch.norms.clear();
        scratch.expansions.clear();
        scratch.base_words.clear();
        scratch.base.clear();
    }

    fn intern_category(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.category_ids.get(name) {
            return id;
        }
        let id = self.categories.len() as u32;
        self.categories.push(name.into());
        self.category_ids.insert(name.into(), id);
        id
    }

    fn add_one(&mut self, doc: &Doc, batch: &mut Batch) {
        let language = Language::from_code(doc.language);
        let which = language as usize;
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(Slot::default());
                (self.slots.len() - 1) as u32
            }
        };
        let mut lens = [0u16; FIELDS];
        let tags = doc.tags.join(" \n ");
        let tfs = &mut batch.tfs;
        tfs.clear();
        for (field, text) in [doc.title, &tags, doc.summary, doc.body]
            .into_iter()
            .enumerate()
        {
            words(text, |w, _, _| {
                if language.is_stop_word(w) {
                    return;
                }
                lens[field] = lens[field].saturating_add(1);
                // A word met before in this batch, in this language, costs one lookup.
                let known = batch.words.get(w).and_then(|t| t[which]);
                let term = match known {
                    Some(term) => term,
                    None => {
                        let stem = language.stem(w);
                        let term = match self.terms.get(stem.as_str()) {
                            Some(&term) => term,
                            None => {
                                let term = self.postings.len() as u32;
                                self.postings.push(Vec::new());
                                self.terms.insert(stem.into(), term);
                                term
                            }
                        };
                        match batch.words.get_mut(w) {
                            Some(t) => t[which] = Some(term),
                            None => {
                                let mut t = [None; 4];
                                t[which] = Some(term);
                                batch.words.insert(w.to_owned(), t);
                            }
                        }
                        term
                    }
                };
                match tfs.iter_mut().find(|(t, _)| *t == term) {
                    Some((_, tf)) => tf[field] = tf[field].saturating_add(1),
                    None => {
                        let mut tf = [0u8; FIELDS];
                        tf[field] = 1;
                        tfs.push((term, tf));
                    }
                }
            });
        }
        tfs.sort_unstable_by_key(|(t, _)| *t);
        let mut terms = Vec::with_capacity(tfs.len());
        for &(term, tf) in tfs.iter() {
            self.postings[term as usize].push(Posting { doc: slot, tf });
            terms.push(term);
        }
        for (total, len) in self.field_total.iter_mut().zip(lens) {
            *total += u64::from(len);
        }
        let category = self.intern_category(doc.category);
        self.slots[slot as usize] = Slot {
            id: doc.id.into(),
            language: doc.language.into(),
            category,
            updated: doc.updated,
            title: doc.title.into(),
            summary: doc.summary.into(),
            lens,
            terms,
        };
        self.by_id.insert(doc.id.into(), slot);
    }

    fn merge_words(&mut self, seen: FastMap<String, [Option<u32>; 4]>) {
        let fresh: Vec<(Box<str>, u32)> = seen
            .into_iter()
            .flat_map(|(w, terms)| {
                let mut terms: Vec<u32> = terms.into_iter().flatten().collect();
                terms.sort_unstable();
                terms.dedup();
                terms.into_iter().map(move |t| (w.clone(), t))
            })
            .filter(|(w, t)| self.word_position(w, *t).is_err())
            .map(|(w, t)| (w.into_boxed_str(), t))
            .collect();
        if fresh.len() > self.words.len() / 16 {
            self.words.extend(fresh);
            self.words.sort_unstable();
        } else {
            for (w, t) in fresh {
                if let Err(at) = self.word_position(&w, t) {
                    self.words.insert(at, (w, t));
                }
            }
        }
    }

    fn word_position(&self, word: &str, term: u32) -> Result<usize, usize> {
        self.words
            .binary_search_by(|(w, t)| (&**w, *t).cmp(&(word, term)))
    }

    /// The sorted (word, term) entries that begin with `prefix`.
    fn completions(&self, prefix: &str) -> &[(Box<str>, u32)] {
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        let len = self.words[start..].partition_point(|(w, _)| w.starts_with(prefix));
        &self.words[start..start + len]
    }

    fn df(&self, term: u32) -> usize {
        self.postings.get(term as usize).map_or(0, Vec::len)
    }

    fn expand(&self, word: &QueryWord, last: bool) -> Expansion {
        let mut terms: Vec<(u32, f32, u8)> = Vec::new();
        let mut add = |term: u32, weight: f32, languages: u8| match terms
            .iter_mut()
            .find(|(t, _, _)| *t == term)
        {
            Some((_, w, l)) => {
                *w = w.max(weight);
                *l |= languages;
            }
            None => terms.push((term, weight, languages)),
        };
        let w = word.text.as_str();
        // The word as typed, in any language; its stem in a language only in that language's
        // articles (French "printer" stems to "print": English articles about printing
        // are not its answer).
        if let Some(&term) = self.terms.get(w) {
            add(term, 1.0, ANY_LANGUAGE);
        }
        for language in ANALYSED {
            if let Some(&term) = self.terms.get(language.stem(w).as_str()) {
                add(term, 1.0, 1 << language as u8);
            }
        }
        let exact = self.completions(w).first().is_some_and(|(x, _)| &**x == w);
        let mut known = exact;
        if word.prefix || w.len() >= 3 {
            let mut found: Vec<&(Box<str>, u32)> = self
                .completions(w)
                .iter()
                .filter(|(x, _)| x.len() > w.len())
                .collect();
            known |= word.prefix && !found.is_empty();
            // One or two letters say little: only their commonest completions are worth it.
            let cap = match (last, w.len()) {
                (false, _) => OTHER_WORD_COMPLETIONS,
                (true, 1) => 8,
                (true, 2) => 12,
                (true, _) => LAST_WORD_COMPLETIONS,
            };
            if found.len() > cap {
                found.select_nth_unstable_by_key(cap, |(_, t)| std::cmp::Reverse(self.df(*t)));
                found.truncate(cap);
            }
            let typed = w.len() as f32;
            let base = if word.prefix { 0.35 } else { 0.2 };
            for (x, term) in found {
                add(*term, base + 0.5 * typed / x.len() as f32, ANY_LANGUAGE);
            }
        }
        if !known {
            let chars: Vec<char> = w.chars().collect();
            let limit = crate::textmatch::allowed_typos(chars.len());
            if limit > 0 {
                // One edit: every variant of the word looked up in the sorted dictionary
                // (a few hundred binary searches, whatever the index's size); a word still
                // being typed matches the words its variants begin.
                let mut found: Vec<(&str, u32, f32)> = Vec::new();
                self.one_edit_away(&chars, |x, term, variant_len| {
                    if x.len() == variant_len {
                        found.push((x, term, 0.5));
                        true
                    } else if word.prefix {
                        found.push((x, term, 0.2 + 0.3 * variant_len as f32 / x.len() as f32));
                        true
                    } else {
                        false
                    }
                });
                if found.len() > LAST_WORD_COMPLETIONS {
                    found.select_nth_unstable_by_key(LAST_WORD_COMPLETIONS, |(_, t, _)| {
                        std::cmp::Reverse(self.df(*t))
                    });
                    found.truncate(LAST_WORD_COMPLETIONS);
                }
                if found.is_empty() && limit > 1 {
                    // Two edits, for long words only, when one found nothing: a scan.
                    for (x, term, distance) in self.near(&chars, limit) {
                        found.push((x, term, if distance == 1 { 0.5 } else { 0.3 }));
                    }
                }
                for (_, term, weight) in found {
                    add(term, weight, ANY_LANGUAGE);
                }
            }
        }
        Expansion { terms }
    }

    /// Calls `found(word, term, variant_len)` for each dictionary entry that begins with a
    /// string one edit away from `word` (equal to it when the lengths match), for as long as
    /// `found` returns true for that variant's entries. Each variant is looked up only among
    /// the words sharing the part it kept unchanged: most lookups search a handful of words.
    fn one_edit_away<'s>(
        &'s self,
        word: &[char],
        mut found: impl FnMut(&'s str, u32, usize) -> bool,
    ) {
        // The range of words beginning with word[..k], for each k.
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(word.len() + 1);
        let mut prefix = String::new();
        let (mut lo, mut hi) = (0, self.words.len());
        ranges.push((lo, hi));
        for &c in word {
            prefix.push(c);
            let within = &self.words[lo..hi];
            let start = lo + within.partition_point(|(w, _)| &**w < prefix.as_str());
            let len =
                self.words[start..hi].partition_point(|(w, _)| w.starts_with(prefix.as_str()));
            (lo, hi) = (start, start + len);
            ranges.push((lo, hi));
        }
        for_each_one_edit_variant(word, |kept, variant| {
            let (lo, hi) = ranges[kept];
            let within = &self.words[lo..hi];
            let start = within.partition_point(|(w, _)| &**w < variant);
            for (x, term) in &within[start..] {
                if !x.starts_with(variant) || !found(x, *term, variant.len()) {
                    break;
                }
            }
        });
    }

    /// Dictionary words within `limit` edits of `word`, with their term and distance.
    fn near(&self, word: &[char], limit: usize) -> Vec<(&str, u32, usize)> {
        let mut out = Vec::new();
        let mut buffer: Vec<char> = Vec::with_capacity(48);
        let mut last: Option<(&str, usize)> = None;
        let wanted = word.len();
        for (x, term) in &self.words {
            let len = if x.is_ascii() {
                x.len()
            } else {
                x.chars().count()
            };
            if len.abs_diff(wanted) > limit {
                continue;
            }
            let distance = match last {
                Some((prev, d)) if prev == &**x => d,
                _ => {
                    buffer.clear();
                    buffer.extend(x.chars());
                    let d = bounded_distance(word, &buffer, limit);
                    last = Some((x, d));
                    d
                }
            };
            if distance <= limit {
                out.push((&**x, *term, distance));
            }
        }
        out
    }

    /// Searches; `body` gives an article's body (by id) for the proximity re-ranking, when
    /// the caller has it.
    pub fn search<'b>(&self, query: &Query, body: impl Fn(&str) -> Option<&'b str>) -> Found {
        let qwords = query_words(query.text);
        if qwords.is_empty() || self.is_empty() {
            return Found::default();
        }
        let mut guard = self.scratch.borrow_mut();
        let scratch = &mut *guard;
        self.prepare(scratch);
        let n = self.len();
        let last = qwords.len() - 1;
        let mut expansions = Vec::with_capacity(qwords.len());
        for (i, qw) in qwords.iter().enumerate() {
            let key = (qw.text.clone(), qw.prefix);
            let exp = match scratch.expansions.get(&key) {
                Some(e) => Rc::clone(e),
                None => {
                    let e = Rc::new(self.expand(qw, i == last));
                    if scratch.expansions.len() > 512 {
                        scratch.expansions.clear();
                    }
                    scratch.expansions.insert(key, Rc::clone(&e));
                    e
                }
            };
            expansions.push(exp);
        }
        if scratch.base_words.as_slice() == &qwords[..last] {
            for &(doc, total, cover) in &scratch.base {
                scratch.touched.push(doc);
                scratch.total[doc as usize] = total;
                scratch.cover[doc as usize] = cover;
            }
        } else {
            for exp in &expansions[..last] {
                self.score_word(exp, scratch, n);
            }
            scratch.base_words = qwords[..last].to_vec();
            scratch.base = scratch
                .touched
                .iter()
                .map(|&doc| {
                    (
                        doc,
                        scratch.total[doc as usize],
                        scratch.cover[doc as usize],
                    )
                })
                .collect();
        }
        self.score_word(&expansions[last], scratch, n);
        let words_asked = qwords.len() as f32;
        // Per category id, whether the filter lets it through.
        let allowed: Option<Vec<bool>> = query.category.map(|wanted| {
            self.categories
                .iter()
                .map(|c| match query.editions {
                    Some(e) => e.same_category(c, wanted),
                    None => &**c == wanted,
                })
                .collect()
        });
        let preferred = query.prefer_language.map(Language::from_code);
        let mut facets: Vec<usize> = vec![0; self.categories.len()];
        let mut scored: Vec<(f32, u32)> = Vec::new();
        let preferred = preferred.map(|p| p as u8);
        // An article with editions is counted once, in the facets and in the total.
        let article_of = |doc: u32| {
            query
                .editions
                .and_then(|e| e.article(&self.slots[doc as usize].id))
        };
        let mut counted: FastMap<usize, ()> = FastMap::default();
        let mut total = 0;
        for &doc in &scratch.touched {
            let d = doc as usize;
            let slot_category = scratch.categories[d];
            let first = article_of(doc).is_none_or(|a| counted.insert(a, ()).is_none());
            if first {
                if let Some(count) = facets.get_mut(slot_category as usize) {
                    *count += 1;
                }
            }
            let passes = allowed
                .as_ref()
                .is_none_or(|a| a.get(slot_category as usize).copied().unwrap_or(false));
            if !passes {
                continue;
            }
            let coverage = f32::from(scratch.cover[d]) / words_asked;
            let mut score = scratch.total[d] * coverage.sqrt();
            if preferred == Some(scratch.languages[d]) {
                score *= 1.1;
            }
            scored.push((score, doc));
        }
        for &doc in &scratch.touched {
            scratch.total[doc as usize] = 0.0;
            scratch.cover[doc as usize] = 0;
        }
        scratch.touched.clear();
        drop(guard);
        let mut articles: FastMap<usize, ()> = FastMap::default();
        for &(_, doc) in &scored {
            if article_of(doc).is_none_or(|a| articles.insert(a, ()).is_none()) {
                total += 1;
            }
        }
        let by_score = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        // Editions fold into one row after ranking: keep enough for a full page after that.
        let folds = if query.editions.is_some() { 4 } else { 1 };
        let keep = RERANK.max(query.limit.saturating_mul(folds));
        if scored.len() > keep {
            scored.select_nth_unstable_by(keep, by_score);
            scored.truncate(keep);
        }
        if qwords.len() > 1 {
            for (score, doc) in &mut scored {
                let slot = &self.slots[*doc as usize];
                *score *= proximity(&qwords, slot, body(&slot.id));
            }
        }
        scored.sort_unstable_by(by_score);
        // Each article once, at its best rank, as its edition in the reader's language when
        // that one matched too, else as the edition that matched best.
        let in_preferred = |doc: u32| {
            let language = Language::from_code(&self.slots[doc as usize].language) as u8;
            preferred == Some(language)
        };
        let mut chosen: FastMap<usize, u32> = FastMap::default();
        for &(_, doc) in &scored {
            if let Some(a) = article_of(doc) {
                let edition = chosen.entry(a).or_insert(doc);
                if in_preferred(doc) && !in_preferred(*edition) {
                    *edition = doc;
                }
            }
        }
        let mut listed: FastMap<usize, ()> = FastMap::default();
        scored.retain(|&(_, doc)| article_of(doc).is_none_or(|a| listed.insert(a, ()).is_none()));
        for (_, doc) in &mut scored {
            if let Some(&edition) = article_of(*doc).and_then(|a| chosen.get(&a)) {
                *doc = edition;
            }
        }
        scored.truncate(query.limit);
        let mut facets: Vec<(String, usize)> = facets
            .into_iter()
            .enumerate()
            .filter(|(_, count)| *count > 0)
            .fold(Vec::new(), |mut facets, (c, count)| {
                let name = &*self.categories[c];
                let name = match (query.editions, query.prefer_language) {
                    (Some(e), Some(language)) => e.category_name(name, language),
                    _ => name,
                };
                // Names of one category in several languages become one facet.
                match facets
                    .iter_mut()
                    .find(|(n, _): &&mut (String, usize)| n == name)
                {
                    Some((_, n)) => *n += count,
                    None => facets.push((name.to_owned(), count)),
                }
                facets
            });
        facets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let did_you_mean = (total == 0).then(|| self.did_you_mean(&qwords)).flatten();
        Found {
            hits: scored
                .into_iter()
                .map(|(score, doc)| Hit {
                    id: self.slots[doc as usize].id.to_string(),
                    score,
                })
                .collect(),
            total,
            facets,
            did_you_mean,
        }
    }

    /// Adds one query word's best score to each article it matches.
    fn score_word(&self, exp: &Expansion, scratch: &mut Scratch, n: usize) {
        for &(term, weight, languages) in &exp.terms {
            let list = &self.postings[term as usize];
            let impacts = &scratch.impacts[term as usize];
            let factor = weight * idf(list.len(), n) * (K1 + 1.0);
            for (p, impact) in list.iter().zip(impacts) {
                if languages != ANY_LANGUAGE
                    && languages & (1 << scratch.languages[p.doc as usize]) == 0
                {
                    continue;
                }
                let s = factor * impact;
                let best = &mut scratch.best[p.doc as usize];
                if *best == 0.0 {
                    scratch.word_touched.push(p.doc);
                }
                *best = best.max(s);
            }
        }
        for &doc in &scratch.word_touched {
            let d = doc as usize;
            if scratch.cover[d] == 0 {
                scratch.touched.push(doc);
            }
            scratch.total[d] += scratch.best[d];
            scratch.cover[d] += 1;
            scratch.best[d] = 0.0;
        }
        scratch.word_touched.clear();
    }

    fn prepare(&self, scratch: &mut Scratch) {
        let n = self.slots.len();
        if scratch.norms.len() == n && n > 0 {
            return;
        }
        let alive = self.len().max(1) as f32;
        let average: Vec<f32> = self
            .field_total
            .iter()
            .map(|&t| (t as f32 / alive).max(1.0))
            .collect();
        scratch.norms = self
            .slots
            .iter()
            .map(|slot| {
                let mut norm = [0.0; FIELDS];
                for f in 0..FIELDS {
                    let b = LENGTH_NORMALISATION[f];
                    norm[f] = WEIGHTS[f] / (1.0 - b + b * f32::from(slot.lens[f]) / average[f]);
                }
                norm
            })
            .collect();
        scratch.impacts = self
            .postings
            .iter()
            .map(|list| {
                list.iter()
                    .map(|p| {
                        let norm = &scratch.norms[p.doc as usize];
                        let t: f32 = (0..FIELDS).map(|f| f32::from(p.tf[f]) * norm[f]).sum();
                        t / (K1 + t)
                    })
                    .collect()
            })
            .collect();
        scratch.categories = self.slots.iter().map(|slot| slot.category).collect();
        scratch.languages = self
            .slots
            .iter()
            .map(|slot| Language::from_code(&slot.language) as u8)
            .collect();
        scratch.best.resize(n, 0.0);
        scratch.total.resize(n, 0.0);
        scratch.cover.resize(n, 0);
    }

    /// The query with each unknown word replaced by the closest known one (fewest edits, then
    /// most articles), or `None` when nothing would change.
    fn did_you_mean(&self, qwords: &[QueryWord]) -> Option<String> {
        let mut changed = false;
        let mut out = Vec::new();
        for qw in qwords {
            let chars: Vec<char> = qw.text.chars().collect();
            let known = self
                .completions(&qw.text)
                .first()
                .is_some_and(|(x, _)| **x == *qw.text);
            let best = if known || chars.len() < 3 {
                None
            } else {
                let mut near: Vec<(&str, u32, usize)> = Vec::new();
                self.one_edit_away(&chars, |x, term, len| {
                    if x.len() == len {
                        near.push((x, term, 1));
                    }
                    false
                });
                // Two edits cost a scan of the dictionary: only for a finished word.
                if near.is_empty() && !qw.prefix {
                    near = self.near(&chars, 2);
                }
                near.into_iter()
                    .filter(|(_, term, _)| self.df(*term) > 0)
                    .min_by_key(|(x, term, d)| (*d, std::cmp::Reverse(self.df(*term)), *x))
            };
            match best {
                Some((x, _, _)) => {
                    changed = true;
                    out.push(x.to_owned());
                }
                None => out.push(qw.text.clone()),
            }
        }
        changed.then(|| out.join(" "))
    }
}
