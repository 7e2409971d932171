//! One-edit variants of a word, for typo tolerance by lookup rather than by scan.

/// Calls `visit(kept, variant)` for every string one edit (deletion, swap of neighbours,
/// substitution, insertion) away from `word`, where the variant begins with `word[..kept]`
/// unchanged. Substitutions and insertions use a–z, 0–9 and the word's own characters. A
/// variant may come more than once; one buffer is reused, so nothing is allocated per variant.
pub(super) fn for_each_one_edit_variant(word: &[char], mut visit: impl FnMut(usize, &str)) {
    let mut alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    for &c in word {
        if !alphabet.contains(&c) {
            alphabet.push(c);
        }
    }
    let mut buffer = String::with_capacity(word.len() * 4 + 4);
    let mut emit = |kept: usize, parts: &[&[char]]| {
        buffer.clear();
        buffer.extend(parts.iter().flat_map(|p| p.iter()));
        visit(kept, &buffer);
    };
    for i in 0..word.len() {
        emit(i, &[&word[..i], &word[i + 1..]]);
        if i + 1 < word.len() {
            emit(i, &[&word[..i], &[word[i + 1], word[i]], &word[i + 2..]]);
        }
        for &c in &alphabet {
            if c != word[i] {
                emit(i, &[&word[..i], &[c], &word[i + 1..]]);
            }
        }
    }
    for i in 0..=word.len() {
        for &c in &alphabet {
            emit(i, &[&word[..i], &[c], &word[i..]]);
        }
    }
}
