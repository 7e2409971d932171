//! Benchmark support (feature `bench`): reading the tldr-pages corpus and the query set, and,
//! on wasm32, the functions the in-browser benchmark page calls. Not part of the portal.

use serde::Deserialize;

use crate::search::{Doc, Index, Query};

/// One corpus page, as `../shared/corpus/*.jsonl` holds it.
#[derive(Debug, Deserialize)]
pub struct Page {
    pub id: String,
    pub lang: String,
    pub title: String,
    #[serde(default)]
    pub category: String,
    pub body_markdown: String,
    /// The description lines (`> …`), read from the body.
    #[serde(skip)]
    pub summary: String,
}

/// The pages of a JSON-lines corpus; lines that do not parse are skipped.
pub fn pages(jsonl: &str) -> Vec<Page> {
    jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<Page>(line).ok())
        .map(|mut page| {
            page.summary = page
                .body_markdown
                .lines()
                .filter_map(|l| l.strip_prefix("> "))
                .filter(|l| !l.starts_with("More information"))
                .collect::<Vec<_>>()
                .join(" ");
            page
        })
        .collect()
}

impl Page {
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            id: &self.id,
            language: &self.lang,
            title: &self.title,
            tags: &[],
            summary: &self.summary,
            body: &self.body_markdown,
            category: &self.category,
            updated: 0,
        }
    }
}

/// One judged query.
#[derive(Debug, Deserialize)]
pub struct Judged {
    pub query: String,
    pub query_typo: String,
    pub relevant: Vec<String>,
}

pub fn judged(jsonl: &str) -> Vec<Judged> {
    jsonl
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// MRR@10 and recall@5 of `index` on the query set, with the clean or the typo queries.
pub fn quality(index: &Index, pages: &[Page], set: &[Judged], typos: bool) -> (f64, f64) {
    let bodies: std::collections::HashMap<&str, &str> = pages
        .iter()
        .map(|p| (p.id.as_str(), p.body_markdown.as_str()))
        .collect();
    let (mut rr, mut recall) = (0.0, 0.0);
    for j in set {
        let text = if typos { &j.query_typo } else { &j.query };
        let found = index.search(
            &Query {
                text,
                limit: 10,
                ..Query::default()
            },
            |id| bodies.get(id).copied(),
        );
        let ids: Vec<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
        if let Some(rank) = ids.iter().position(|id| j.relevant.iter().any(|r| r == id)) {
            rr += 1.0 / (rank + 1) as f64;
        }
        let top5 = ids.iter().take(5);
        let hits = top5
            .filter(|id| j.relevant.iter().any(|r| r == *id))
            .count();
        recall += hits as f64 / j.relevant.len().min(5) as f64;
    }
    let n = set.len().max(1) as f64;
    (rr / n, recall / n)
}
