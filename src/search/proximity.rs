//! Re-ranking by proximity: articles whose text holds the query words close together.

use super::index::{QueryWord, Slot};
use super::text::{words, Language};

/// A factor above 1 for an article whose text has the query words close together: 1.3 when
/// they are all next to each other in its title, less in the summary and the body and the
/// further apart they are.
pub(super) fn proximity(qwords: &[QueryWord], slot: &Slot, body: Option<&str>) -> f32 {
    let language = Language::from_code(&slot.language);
    let stems: Vec<String> = qwords.iter().map(|q| language.stem(&q.text)).collect();
    let mut best = 1.0f32;
    for (text, weight) in [
        (&*slot.title, 0.3),
        (&*slot.summary, 0.2),
        (body.unwrap_or_default(), 0.15),
    ] {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut position = 0;
        words(text, |w, _, _| {
            if language.is_stop_word(w) {
                return;
            }
            let mut stem: Option<String> = None;
            let hit = qwords.iter().enumerate().position(|(i, q)| {
                w == q.text
                    || (q.prefix && w.starts_with(&q.text))
                    // Words that share a stem share their first letter: most need no stemming.
                    || (w.as_bytes().first() == q.text.as_bytes().first()
                        && *stem.get_or_insert_with(|| language.stem(w)) == stems[i])
            });
            if let Some(i) = hit {
                hits.push((position, i));
            }
            position += 1;
        });
        if let Some((distinct, span)) = tightest(&hits, qwords.len()) {
            if distinct >= 2 {
                let closeness = distinct as f32 / span as f32;
                let share = (distinct - 1) as f32 / (qwords.len() - 1) as f32;
                best = best.max(1.0 + weight * closeness * share);
            }
        }
    }
    best
}

/// The most distinct query words any window of the hits holds, and the shortest such window.
fn tightest(hits: &[(usize, usize)], words: usize) -> Option<(usize, usize)> {
    let mut counts = vec![0usize; words];
    let (mut distinct, mut start) = (0, 0);
    let mut best: Option<(usize, usize)> = None;
    for end in 0..hits.len() {
        if counts[hits[end].1] == 0 {
            distinct += 1;
        }
        counts[hits[end].1] += 1;
        while counts[hits[start].1] > 1 {
            counts[hits[start].1] -= 1;
            start += 1;
        }
        let span = hits[end].0 - hits[start].0 + 1;
        if best.is_none_or(|(d, s)| distinct > d || (distinct == d && span < s)) {
            best = Some((distinct, span));
        }
    }
    best
}
