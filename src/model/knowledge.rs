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

/// How an article's body is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    #[default]
    Markdown,
    /// HTML from a backend that stores it; shown only through the sanitizer.
    Html,
}

/// An article, in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Markdown or HTML (see `format`); untrusted either way.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub format: BodyFormat,
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
    /// The body's text without markup, for search and snippets.
    pub fn plain_text(&self) -> String {
        match self.format {
            BodyFormat::Markdown => crate::markdown::plain_text(&self.body),
            BodyFormat::Html => crate::markdown::html_text(&self.body),
        }
    }

    /// The body as safe HTML, with its headings for a table of contents.
    pub fn render(&self, labels: &crate::markdown::Labels) -> crate::markdown::Rendered {
        match self.format {
            BodyFormat::Markdown => crate::markdown::render_markdown(&self.body, labels),
            BodyFormat::Html => crate::markdown::render_html(&self.body),
        }
    }

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

/// Up to `limit` articles that might answer what a user is writing (`text`: a request's
/// summary and details), best first: ranked by how many of its meaningful words match the
/// article's title, summary, category and tags, then the user's `language` first. An article
/// needs two matching words when the text has three or more, so one common word is not enough.
pub fn suggestions<'a>(
    articles: &'a [Article],
    text: &str,
    language: &str,
    limit: usize,
) -> Vec<&'a Article> {
    let meaningful = crate::textmatch::relevance(text, text);
    let needed = if meaningful >= 3 { 2 } else { 1 };
    let mut scored: Vec<(usize, &Article)> = articles
        .iter()
        .map(|a| {
            let about = format!(
                "{} {} {} {}",
                a.title,
                a.summary,
                a.category,
                a.tags.join(" ")
            );
            (crate::textmatch::relevance(text, &about), a)
        })
        .filter(|(score, _)| *score >= needed)
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then_with(|| (a.language != language).cmp(&(b.language != language)))
            .then_with(|| a.title.cmp(&b.title))
    });
    scored.into_iter().take(limit).map(|(_, a)| a).collect()
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
            format: BodyFormat::Markdown,
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

    fn article(id: &str, language: &str, title: &str, summary: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            summary: summary.into(),
            body: String::new(),
            format: BodyFormat::Markdown,
            category: String::new(),
            tags: Vec::new(),
            language: language.into(),
            updated: 0,
            votes: Votes::default(),
            translations: Vec::new(),
        }
    }

    #[test]
    fn suggestions_rank_by_matching_words_and_prefer_the_users_language() {
        let all = [
            article(
                "vpn-en",
                "en",
                "Connect to the VPN from home",
                "Install the client",
            ),
            article("vpn-fr", "fr", "Se connecter au VPN", "connect from home"),
            article(
                "printer",
                "en",
                "Add a printer",
                "Find the printer near you",
            ),
            article(
                "password",
                "en",
                "Reset your password",
                "When you forgot it",
            ),
        ];
        let ids = |text: &str, lang: &str| -> Vec<String> {
            suggestions(&all, text, lang, 3)
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(ids("", "en"), Vec::<String>::new());
        assert_eq!(ids("the VPN", "en"), ["vpn-en", "vpn-fr"]);
        assert_eq!(ids("Cannot connect from home", "en"), ["vpn-en", "vpn-fr"]);
        assert_eq!(ids("Cannot connect from home", "fr"), ["vpn-fr", "vpn-en"]);
        assert_eq!(ids("printer", "en"), ["printer"]);
        // One common word among several is not enough.
        assert_eq!(
            ids("my new printer should connect tomorrow", "en"),
            Vec::<String>::new()
        );
        assert_eq!(ids("pasword", "en"), ["password"], "a typo is forgiven");
        assert_eq!(suggestions(&all, "connect home printer", "en", 1).len(), 1);
    }
}
