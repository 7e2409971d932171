//! Text analysis shared by indexing, querying and highlighting: words folded to lower case
//! without accents, stop words and light stemmers for English, French and Spanish.

use std::sync::OnceLock;

use super::hash::FastMap;
use crate::textmatch::fold_char;

/// The languages the engine analyses; any other language is indexed word for word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    French,
    Spanish,
    Other,
}

impl Language {
    /// The analyser for a BCP 47 code such as `fr` or `es-MX`.
    pub fn from_code(code: &str) -> Self {
        match code.split(['-', '_']).next().unwrap_or_default() {
            "en" => Self::English,
            "fr" => Self::French,
            "es" => Self::Spanish,
            _ => Self::Other,
        }
    }

    /// The stem under which this language indexes a folded word.
    pub fn stem(self, word: &str) -> String {
        match self {
            Self::English => stem_english(word),
            Self::French => stem_french(word),
            Self::Spanish => stem_spanish(word),
            Self::Other => word.to_owned(),
        }
    }

    /// Whether a folded word carries no meaning in this language: one hash lookup.
    pub fn is_stop_word(self, word: &str) -> bool {
        if word.len() > 7 || self == Self::Other {
            return false;
        }
        stop_words()
            .get(word)
            .is_some_and(|languages| languages & (1 << self as u8) != 0)
    }
}

/// Every stop word, with a bit per language it is a stop word in.
fn stop_words() -> &'static FastMap<&'static str, u8> {
    static TABLE: OnceLock<FastMap<&'static str, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = FastMap::default();
        for (language, list) in [
            (Language::English, ENGLISH_STOP),
            (Language::French, FRENCH_STOP),
            (Language::Spanish, SPANISH_STOP),
        ] {
            for &word in list {
                *table.entry(word).or_insert(0) |= 1 << language as u8;
            }
        }
        table
    })
}

const ENGLISH_STOP: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "no", "not", "of", "on",
    "or", "our", "out", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "to", "up", "us", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "why", "will", "with", "would", "you", "your",
];
const FRENCH_STOP: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "comment", "d", "dans", "de", "des", "du", "elle",
    "en", "est", "et", "il", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais",
    "me", "mes", "mon", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tes", "ton", "tu", "un",
    "une", "vos", "votre", "vous", "y",
];
const SPANISH_STOP: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "estos", "la", "las",
    "le", "les", "lo", "los", "mi", "mis", "no", "o", "para", "pero", "por", "que", "se", "si",
    "su", "sus", "te", "tu", "un", "una", "uno", "y", "ya", "yo",
];

/// The analysed languages, for queries whose language is not known.
pub const ANALYSED: [Language; 3] = [Language::English, Language::French, Language::Spanish];

/// Longest word the engine keeps, in bytes: longer runs are hashes, paths or base64.
pub const MAX_WORD: usize = 40;

/// Calls `each(word, start, end)` for every word of `text`, folded, with its byte range in
/// `text`. A word is a run of letters and digits; longer than [`MAX_WORD`] bytes is skipped.
pub fn words(text: &str, mut each: impl FnMut(&str, usize, usize)) {
    let mut word = String::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
            fold_char(c, &mut word);
        } else if let Some(from) = start.take() {
            if word.len() <= MAX_WORD {
                each(&word, from, at);
            }
            word.clear();
        }
    }
    if let Some(from) = start {
        if word.len() <= MAX_WORD {
            each(&word, from, text.len());
        }
    }
}

/// The folded words of `text`, in order.
pub fn word_list(text: &str) -> Vec<String> {
    let mut list = Vec::new();
    words(text, |w, _, _| list.push(w.to_owned()));
    list
}

/// Whether the folded word is a stop word in any analysed language.
pub fn is_stop_word_anywhere(word: &str) -> bool {
    ANALYSED.iter().any(|l| l.is_stop_word(word))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(is_vowel)
}

/// Porter's measure: the number of vowel-consonant sequences in `s`.
fn measure(s: &str) -> usize {
    let mut m = 0;
    let mut prev_vowel = false;
    for (i, b) in s.bytes().enumerate() {
        let vowel = is_vowel(b) || (b == b'y' && i > 0 && !prev_vowel);
        if prev_vowel && !vowel {
            m += 1;
        }
        prev_vowel = vowel;
    }
    m
}

/// English: Porter's first step (plurals, -ed, -ing, -y) and its commonest derivations, enough
/// that "configuring", "configured" and "configuration" meet, without Porter's over-stemming.
pub fn stem_english(word: &str) -> String {
    let mut w = word.to_owned();
    if w.len() <= 3 || !w.is_ascii() {
        return w;
    }
    if let Some(s) = w.strip_suffix("sses") {
        w = format!("{s}ss");
    } else if let Some(s) = w.strip_suffix("ies") {
        w = format!("{s}y");
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    let mut undo_ed = false;
    if let Some(s) = w.strip_suffix("eed") {
        if measure(s) > 0 {
            w = format!("{s}ee");
        }
    } else if let Some(s) = w.strip_suffix("ing").or_else(|| w.strip_suffix("ed")) {
        if has_vowel(s) && s.len() >= 3 {
            w = s.to_owned();
            undo_ed = true;
        }
    }
    if undo_ed {
        let b = w.as_bytes();
        let n = b.len();
        let consonant = |b: u8| !is_vowel(b);
        if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
            w.pop();
        } else if measure(&w) == 1
            && n >= 3
            && consonant(b[n - 3])
            && !consonant(b[n - 2])
            && consonant(b[n - 1])
            && !matches!(b[n - 1], b'w' | b'x' | b'y')
        {
            // "filed" and "hoping" get back the e they lost: "file", "hope".
            w.push('e');
        }
    }
    for (suffix, by) in [
        ("ization", "iz"),
        ("ation", ""),
        ("ator", ""),
        ("ement", ""),
        ("ment", ""),
        ("ness", ""),
        ("ally", "al"),
        ("ly", ""),
    ] {
        if let Some(s) = w.strip_suffix(suffix) {
            if measure(s) > 0 && s.len() >= 3 {
                w = format!("{s}{by}");
                break;
            }
        }
    }
    // A final e or y is dropped so "configure", "configur(ing)" and "compute(r)" meet.
    if (w.ends_with('e') || w.ends_with('y')) && w.len() > 4 {
        w.pop();
    }
    w
}

/// French: a light stemmer after Savoy, on folded words (no accents).
pub fn stem_french(word: &str) -> String {
    let mut w = word.to_owned();
    if w.len() <= 4 {
        return w;
    }
    if w.ends_with('s') || w.ends_with('x') {
        w.pop();
    }
    for (suffix, by) in [
        ("issement", ""),
        ("ements", ""),
        ("ement", ""),
        ("ations", ""),
        ("ation", ""),
        ("atrice", ""),
        ("ateur", ""),
        ("euse", ""),
        ("eur", ""),
        ("ique", ""),
        ("ite", ""),
        ("ive", "if"),
        ("aux", "al"),
        ("ee", ""),
        ("er", ""),
        ("ez", ""),
        ("e", ""),
    ] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                w = format!("{s}{by}");
                break;
            }
        }
    }
    w
}

/// Spanish: a light stemmer after Savoy, on folded words (no accents).
pub fn stem_spanish(word: &str) -> String {
    let mut w = word.to_owned();
    if w.len() <= 4 {
        return w;
    }
    for (suffix, by) in [
        ("amientos", ""),
        ("imientos", ""),
        ("amiento", ""),
        ("imiento", ""),
        ("aciones", ""),
        ("acion", ""),
        ("mente", ""),
        ("iones", ""),
        ("ion", ""),
        ("ces", "z"),
        ("es", ""),
        ("ar", ""),
        ("er", ""),
        ("ir", ""),
        ("s", ""),
    ] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                w = format!("{s}{by}");
                break;
            }
        }
    }
    if (w.ends_with('a') || w.ends_with('o') || w.ends_with('e')) && w.len() > 4 {
        w.pop();
    }
    w
}

/// Edit distance with transpositions (optimal string alignment) between two short words,
/// or `limit + 1` as soon as it must exceed `limit`. Words over 32 characters never match.
pub fn bounded_distance(a: &[char], b: &[char], limit: usize) -> usize {
    const N: usize = 33;
    if a.len().abs_diff(b.len()) > limit || a.len() >= N || b.len() >= N {
        return limit + 1;
    }
    let mut two_back = [0usize; N];
    let mut prev = [0usize; N];
    let mut cur = [0usize; N];
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return limit + 1;
        }
        two_back = prev;
        prev = cur;
    }
    prev[b.len()].min(limit + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_belong_to_their_language() {
        assert!(Language::French.is_stop_word("les"));
        assert!(Language::English.is_stop_word("the") && Language::English.is_stop_word("which"));
        assert!(Language::Spanish.is_stop_word("para") && !Language::Spanish.is_stop_word("parar"));
        assert!(!Language::English.is_stop_word("les"));
        assert!(!Language::Other.is_stop_word("the"));
    }

    #[test]
    fn words_are_folded_with_their_place_in_the_text() {
        let mut seen = Vec::new();
        words("Contraseña: ÉTÉ tar.gz", |w, a, b| {
            seen.push((w.to_owned(), a, b))
        });
        assert_eq!(
            seen,
            [
                ("contrasena".to_owned(), 0, 11),
                ("ete".to_owned(), 13, 18),
                ("tar".to_owned(), 19, 22),
                ("gz".to_owned(), 23, 25),
            ]
        );
        assert_eq!(word_list(&"x".repeat(100)), Vec::<String>::new());
    }

    #[test]
    fn english_forms_of_a_word_meet() {
        for group in [
            &[
                "configure",
                "configuring",
                "configured",
                "configuration",
                "configurations",
            ][..],
            &["file", "files", "filed"],
            &["compress", "compresses", "compressed", "compressing"],
            &["process", "processes", "processing"],
            &["directory", "directories"],
            &["running", "runs", "run"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem_english(w)).collect();
            assert!(
                stems.windows(2).all(|s| s[0] == s[1]),
                "{group:?} → {stems:?}"
            );
        }
        assert_eq!(stem_english("is"), "is");
    }

    #[test]
    fn french_and_spanish_forms_of_a_word_meet() {
        for group in [
            &["imprimante", "imprimantes"][..],
            &["connexion", "connexions"],
            &["configuration", "configurations"],
            &["reseau", "reseaux"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem_french(w)).collect();
            assert!(
                stems.windows(2).all(|s| s[0] == s[1]),
                "{group:?} → {stems:?}"
            );
        }
        for group in [
            &["impresora", "impresoras"][..],
            &["contrasena", "contrasenas"],
            &["configuracion", "configuraciones"],
            &["archivo", "archivos"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem_spanish(w)).collect();
            assert!(
                stems.windows(2).all(|s| s[0] == s[1]),
                "{group:?} → {stems:?}"
            );
        }
    }

    #[test]
    fn distance_counts_a_swap_as_one_edit_and_stops_early() {
        let d = |a: &str, b: &str, k| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            bounded_distance(&a, &b, k)
        };
        assert_eq!(d("unizp", "unzip", 2), 1);
        assert_eq!(d("prcess", "process", 2), 1);
        assert_eq!(d("exttract", "extract", 2), 1);
        assert_eq!(d("chsnge", "change", 2), 1);
        assert_eq!(d("kitten", "sitting", 3), 3);
        assert_eq!(d("kitten", "sitting", 1), 2);
        assert_eq!(d("a", &"b".repeat(40), 2), 3);
        assert_eq!(d("", "", 0), 0);
    }
}
