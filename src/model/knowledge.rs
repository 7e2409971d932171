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

impl Article {
    /// Whether every word of `query` matches the article (title, summary, body, category),
    /// forgiving case, accents, unfinished words and typos (see [`crate::textmatch`]).
    pub fn matches(&self, query: &str) -> bool {
        let text = format!(
            "{} {} {} {}",
            self.title, self.summary, self.body, self.category
        );
        crate::textmatch::matches(query, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_match_every_word_without_case_or_accents() {
        let a = Article {
            id: "1".into(),
            title: "Restablecer la contraseña".into(),
            summary: "Contraseña olvidada".into(),
            body: "Ve a la página de contraseñas.".into(),
            category: "Accounts".into(),
            tags: Vec::new(),
            language: "es".into(),
            updated: 0,
            votes: Votes::default(),
            translations: Vec::new(),
        };
        assert!(a.matches(""));
        assert!(a.matches("CONTRASENA pagina"));
        assert!(a.matches("accounts"));
        assert!(!a.matches("contraseña vpn"));
    }
}
