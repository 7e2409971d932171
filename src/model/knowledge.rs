//! Knowledge-base articles.

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// How many people found an article helpful.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub helpful: u32,
    pub not_helpful: u32,
}

/// The same article in another language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub id: String,
    /// BCP 47 code.
    pub language: String,
}

/// An article, in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Markdown (or sanitized HTML converted by the connector); untrusted.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// BCP 47 code, such as `en` or `fr`.
    pub language: String,
    pub updated: Timestamp,
    #[serde(default)]
    pub votes: Votes,
    /// The same article in other languages.
    #[serde(default)]
    pub translations: Vec<Translation>,
}
