//! Highlighted snippets: the part of a text that holds the most query words, with the
//! matching words marked, as plain text pieces (the view makes `<mark>` of them; no markup is
//! ever built from the text).

use super::index::{query_words, QueryWord};
use super::text::{bounded_distance, words, Language};

/// A piece of a snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Whether this piece is a word the query matched.
    pub hit: bool,
}

fn matches(word: &str, q: &QueryWord, language: Language) -> bool {
    if word == q.text || ((q.prefix || q.text.len() >= 3) && word.starts_with(&q.text)) {
        return true;
    }
    if language.stem(word) == language.stem(&q.text) {
        return true;
    }
    let limit = crate::textmatch::allowed_typos(q.text.chars().count());
    if limit == 0 {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (q.text.chars().collect(), word.chars().collect());
    bounded_distance(&a, &b, limit) <= limit
}

/// The whole of `text`, with the words `query` matches marked.
pub fn highlight(text: &str, query: &str, language: &str) -> Vec<Piece> {
    snippet(text, query, language, usize::MAX)
}

/// At most about `max_chars` characters of `text` around the place with the most distinct
/// query words (its beginning when none), cut at word boundaries with "…" where cut, and the
/// matching words marked.
pub fn snippet(text: &str, query: &str, language: &str, max_chars: usize) -> Vec<Piece> {
    let language = Language::from_code(language);
    let qwords = query_words(query);
    let mut spans: Vec<(usize, usize, Option<usize>)> = Vec::new();
    words(text, |w, start, end| {
        let which = qwords.iter().position(|q| matches(w, q, language));
        spans.push((start, end, which));
    });
    let hits: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].2.is_some()).collect();
    let char_len = |a: usize, b: usize| text[a..b].chars().count();
    // The window starts at a word; choose the start whose window covers most query words.
    let mut first = 0;
    if char_len(0, text.len()) > max_chars {
        let mut best = (0, usize::MAX);
        for &h in &hits {
            let start = spans[h].0;
            let mut seen = vec![false; qwords.len()];
            for &(s, e, which) in &spans[h..] {
                if char_len(start, e) > max_chars {
                    break;
                }
                if let Some(q) = which {
                    let _ = s;
                    seen[q] = true;
                }
            }
            let count = seen.iter().filter(|&&b| b).count();
            if count > best.0 {
                best = (count, h);
            }
        }
        if best.1 != usize::MAX {
            // Some words of context before the first match.
            first = best.1.saturating_sub(3);
            while first < best.1 && char_len(spans[first].0, spans[best.1].1) > max_chars / 3 {
                first += 1;
            }
        }
    }
    let start = if first == 0 { 0 } else { spans[first].0 };
    let mut end = text.len();
    if char_len(start, text.len()) > max_chars {
        end = spans[first..]
            .iter()
            .take_while(|(_, e, _)| char_len(start, *e) <= max_chars)
            .last()
            .map_or(start, |(_, e, _)| *e);
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |s: &str, hit: bool| {
        if s.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.hit == hit && !hit => last.text.push_str(s),
            _ => pieces.push(Piece {
                text: s.to_owned(),
                hit,
            }),
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut at = start;
    for &(s, e, which) in spans.iter().filter(|(s, e, _)| *s >= start && *e <= end) {
        if which.is_some() {
            push(&text[at..s], false);
            push(&text[s..e], true);
            at = e;
        }
    }
    push(&text[at..end], false);
    if end < text.len() {
        push("…", false);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn whole_texts_mark_prefixes_stems_typos_and_accents() {
        assert_eq!(
            marked(&highlight(
                "Compressed files: unzip them",
                "compress fil",
                "en"
            )),
            "[Compressed] [files]: unzip them"
        );
        assert_eq!(
            marked(&highlight(
                "Réinitialiser le mot de passe",
                "reinitialiser pase",
                "fr"
            )),
            "[Réinitialiser] le mot de [passe]"
        );
        assert_eq!(marked(&highlight("Nothing here", "", "en")), "Nothing here");
        assert_eq!(
            marked(&highlight("<b>bold</b>", "bold", "en")),
            "<b>[bold]</b>",
            "the text is kept as text"
        );
    }

    #[test]
    fn long_texts_are_cut_around_the_matches() {
        let text = format!(
            "{} the printer jams on page two {}",
            "intro ".repeat(50),
            "outro ".repeat(50)
        );
        let pieces = snippet(&text, "printer jams", "en", 60);
        let got = marked(&pieces);
        assert!(got.starts_with('…') && got.ends_with('…'), "{got}");
        assert!(got.contains("the [printer] [jams] on page two"), "{got}");
        let shown: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
        assert!(shown <= 62, "{got}");
        let start = marked(&snippet(&text, "absent", "en", 30));
        assert!(
            start.starts_with("intro") && start.ends_with('…'),
            "{start}"
        );
    }
}
