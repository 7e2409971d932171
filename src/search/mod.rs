//! Knowledge-base search that runs in the browser on the cached articles: BM25F ranking over
//! title, tags, summary and body, prefixes while typing, typo tolerance, light stemming and
//! stop words in English, French and Spanish, category facets, "did you mean", highlighted
//! snippets, incremental updates and a compact persisted form. No I/O: the shell feeds it
//! articles and stores its bytes.

mod editions;
mod edits;
mod hash;
mod index;
mod persist;
mod proximity;
mod services;
mod snippet;
pub mod text;

pub use editions::{Edition, Editions};
pub use index::{query_words, Doc, Entry, Found, Hit, Index, Query, QueryWord};
pub use persist::LoadError;
pub use services::{ServiceHit, ServiceIndex};
pub use snippet::{highlight, snippet, Piece};

#[cfg(test)]
mod tests;
