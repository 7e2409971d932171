//! Forgiving text matching for filters typed by people: case and accents ignored, words matched
//! as prefixes while they are being typed, and one or two typos forgiven in longer words.

/// Lower case without accents, so "Contraseña" is found by "contrasena".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends `c` lower-cased and without its accent (`œ` and `æ` become two letters).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for c in c.to_lowercase() {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            other => out.push(other),
        }
    }
}

fn words(text: &str) -> Vec<Vec<char>> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect()
}

/// Typos forgiven in a query word of `len` characters: none in short words, where one typo
/// makes another word.
pub(crate) fn allowed_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edit distance with transpositions (optimal string alignment), stopping early past `limit`.
fn distance(a: &[char], b: &[char], limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut best = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            best = best.min(d);
        }
        if best > limit {
            return limit + 1;
        }
    }
    rows[a.len()][b.len()]
}

/// Whether the query word matches the text word: as a prefix, or within the allowed typos of
/// the word or of its beginning (the user may not have finished typing).
fn word_matches(query: &[char], word: &[char]) -> bool {
    if word.starts_with(query) {
        return true;
    }
    let limit = allowed_typos(query.len());
    if limit == 0 {
        return false;
    }
    let shortest = query.len().saturating_sub(limit).max(1);
    (shortest..=word.len().min(query.len() + limit))
        .any(|end| distance(query, &word[..end], limit) <= limit)
}

/// Whether every word of `query` matches some word of `text`. An empty query matches.
pub fn matches(query: &str, text: &str) -> bool {
    let text_words = words(text);
    words(query)
        .iter()
        .all(|q| text_words.iter().any(|w| word_matches(q, w)))
}

/// Three-letter words that carry no meaning in English, French or Spanish.
const FILLERS: &[&str] = &[
    "the", "and", "for", "you", "not", "but", "can", "are", "was", "has", "how", "why", "who",
    "all", "any", "our", "its", "les", "des", "une", "est", "pas", "par", "sur", "que", "qui",
    "mes", "vos", "nos", "ses", "una", "los", "las", "por", "con", "del", "mis", "sus", "hay",
];

/// Whether a (folded) query word carries meaning: three letters or more, and not a filler.
fn meaningful(word: &[char]) -> bool {
    word.len() >= 4
        || (word.len() == 3 && !FILLERS.contains(&word.iter().collect::<String>().as_str()))
}

/// How many distinct words of `query` that carry meaning (so not "my", "the", "les" or "una")
/// match a word of `text`; at most the first 32 are read.
pub fn relevance(query: &str, text: &str) -> usize {
    let text_words = words(text);
    let mut seen: Vec<Vec<char>> = Vec::new();
    for q in words(query).into_iter().filter(|q| meaningful(q)) {
        if seen.len() == 32 {
            break;
        }
        if !seen.contains(&q) {
            seen.push(q);
        }
    }
    seen.iter()
        .filter(|q| text_words.iter().any(|w| word_matches(q, w)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_forgive_case_accents_prefixes_and_typos() {
        let text = "Restablecer la contraseña · New laptop (ThinkPad) — VPN access";
        for (query, want) in [
            ("", true),
            ("CONTRASENA", true),
            ("contr", true),
            ("laptpo", true),   // transposition
            ("lapto", true),    // still typing
            ("thinkpda", true), // transposition in a longer word
            ("contraseñas", true),
            ("vpn", true),
            ("vpm", false), // three letters: no typo forgiven
            ("printer", false),
            ("laptop printer", false),
            ("new laptop", true),
        ] {
            assert_eq!(matches(query, text), want, "{query:?}");
        }
    }

    #[test]
    fn relevance_counts_meaningful_words_once() {
        let text = "Connect to the VPN from home: install the client";
        assert_eq!(relevance("", text), 0);
        assert_eq!(relevance("the to my", text), 0, "fillers carry no meaning");
        assert_eq!(relevance("vpn VPN", text), 1);
        assert_eq!(relevance("cannot connect to vpn from home", text), 4);
        assert_eq!(relevance("connect connect CONNECT", text), 1);
        assert_eq!(relevance(&"word ".repeat(100_000), text), 0);
    }

    #[test]
    fn hostile_input_stays_cheap_and_safe() {
        let long = "a".repeat(10_000);
        assert!(!matches(&long, "laptop"));
        assert!(matches("😀", "smile 😀"));
        assert!(matches("مرحبا", "مرحبا بالعالم"));
        assert_eq!(distance(&['a'; 3], &['b'; 40], 2), 3);
    }
}
