//! Relevance of the search engine on the development query set, on the host (quick feedback
//! while working on ranking; the benchmark of record runs in Chromium: `./portico bench`).
//!
//! cargo run --release --features bench --example search_quality -- ../shared/corpus
//!
//! Also: `SHOW=1` lists each query's top five, `SLOW=1` the keystrokes over 0.35 ms,
//! `HOT="a query"` times one query 5,000 times (for a profiler), `CORPUS_FILE=…` another corpus.

use std::time::Instant;

use portico::bench::{judged, pages, quality};
use portico::search::Index;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".into());
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_default();
    let file = std::env::var("CORPUS_FILE").unwrap_or_else(|_| "tldr-en.jsonl".into());
    let pages = pages(&std::fs::read_to_string(&file).unwrap_or_else(|_| read(&file)));
    let set = judged(&read("queries-dev.jsonl"));
    let start = Instant::now();
    let mut index = Index::new();
    index.add(pages.iter().map(|p| p.doc()));
    println!(
        "{} pages indexed in {:?}; {:?} terms/words",
        pages.len(),
        start.elapsed(),
        index.vocabulary()
    );
    let (mrr, recall) = quality(&index, &pages, &set, false);
    let (mrr_typo, recall_typo) = quality(&index, &pages, &set, true);
    println!("clean: MRR@10 {mrr:.3} recall@5 {recall:.3}");
    println!("typos: MRR@10 {mrr_typo:.3} recall@5 {recall_typo:.3}");
    if std::env::var("SHOW").is_ok() {
        for j in &set {
            let found = index.search(
                &portico::search::Query {
                    text: &j.query,
                    limit: 5,
                    ..Default::default()
                },
                |_| None,
            );
            let ids: Vec<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
            println!("{:45} want {:?} got {:?}", j.query, j.relevant, ids);
        }
    }
    if let Ok(hot) = std::env::var("HOT") {
        // One query again and again (for a profiler).
        let start = Instant::now();
        for _ in 0..5000 {
            let _ = index.search(
                &portico::search::Query {
                    text: &hot,
                    limit: 10,
                    ..Default::default()
                },
                |_| None,
            );
        }
        println!(
            "{hot:?}: {:.3} ms each",
            start.elapsed().as_secs_f64() * 1000.0 / 5000.0
        );
    }
    // Per keystroke: every prefix of every query (clean and with typos), typed one key at a time.
    let mut times: Vec<f64> = Vec::new();
    for j in &set {
        for q in [&j.query, &j.query_typo] {
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let start = Instant::now();
                let _ = index.search(
                    &portico::search::Query {
                        text: &q[..end],
                        limit: 10,
                        ..Default::default()
                    },
                    |_| None,
                );
                times.push(start.elapsed().as_secs_f64() * 1000.0);
                if std::env::var("SLOW").is_ok() && start.elapsed().as_secs_f64() > 0.00035 {
                    println!(
                        "slow {:.3} ms: {:?}",
                        start.elapsed().as_secs_f64() * 1000.0,
                        &q[..end]
                    );
                }
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "per keystroke (host): p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms over {}",
        at(0.5),
        at(0.95),
        at(1.0),
        times.len()
    );
    let bytes = index.to_bytes();
    let start = Instant::now();
    let loaded = Index::from_bytes(&bytes).map(|i| i.len());
    println!(
        "persisted {} bytes, loaded {loaded:?} in {:?}",
        bytes.len(),
        start.elapsed()
    );
}
