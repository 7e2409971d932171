//! The index as bytes, so a warm start loads it instead of re-reading every article.
//!
//! Layout: a magic and version, then slots, categories, terms with their postings, and the
//! sorted surface words; integers are LEB128 varints, strings are a length and UTF-8.
//! Reading checks every length and reference against what is left and what exists, so a
//! truncated or corrupted copy is an error, never a panic or a huge allocation.

use super::hash::FastMap;
use super::index::{Index, Posting, Slot, FIELDS};

/// Bumped whenever the bytes, the tokenizer, the stop words or a stemmer change: an index
/// saved by another version is rebuilt rather than read.
const MAGIC: &[u8; 5] = b"PTX\x01\x03";

/// Why saved index bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the saved search index is from another version")]
    Version,
    #[error("the saved search index is damaged at byte {0}")]
    Damaged(usize),
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn damaged<T>(&self) -> Result<T, LoadError> {
        Err(LoadError::Damaged(self.at))
    }

    fn byte(&mut self) -> Result<u8, LoadError> {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                Ok(b)
            }
            None => self.damaged(),
        }
    }

    fn varint(&mut self) -> Result<u64, LoadError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.damaged()
    }

    /// A count of items that each take at least `min_bytes`: more than the bytes left is damage.
    fn count(&mut self, min_bytes: usize) -> Result<usize, LoadError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n.saturating_mul(min_bytes as u64) > left {
            return self.damaged();
        }
        Ok(n as usize)
    }

    fn below(&mut self, limit: usize) -> Result<u32, LoadError> {
        let v = self.varint()?;
        if v >= limit as u64 {
            return self.damaged();
        }
        Ok(v as u32)
    }

    fn str(&mut self) -> Result<&'a str, LoadError> {
        let len = self.count(1)?;
        let raw = &self.bytes[self.at..self.at + len];
        match std::str::from_utf8(raw) {
            Ok(s) => {
                self.at += len;
                Ok(s)
            }
            Err(_) => self.damaged(),
        }
    }
}

impl Index {
    /// The index as bytes; [`Index::from_bytes`] reads them back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        put_varint(&mut out, self.slots.len() as u64);
        for slot in &self.slots {
            put_str(&mut out, &slot.id);
            put_str(&mut out, &slot.language);
            put_varint(&mut out, zigzag(slot.updated));
            put_varint(&mut out, u64::from(slot.category));
            put_str(&mut out, &slot.title);
            put_str(&mut out, &slot.summary);
            for len in slot.lens {
                put_varint(&mut out, u64::from(len));
            }
        }
        put_varint(&mut out, self.categories.len() as u64);
        for c in &self.categories {
            put_str(&mut out, c);
        }
        let mut by_term: Vec<&str> = vec![""; self.postings.len()];
        for (text, &term) in &self.terms {
            by_term[term as usize] = text;
        }
        put_varint(&mut out, self.postings.len() as u64);
        for (text, list) in by_term.iter().zip(&self.postings) {
            put_str(&mut out, text);
            put_varint(&mut out, list.len() as u64);
            for p in list {
                put_varint(&mut out, u64::from(p.doc));
                out.extend_from_slice(&p.tf);
            }
        }
        put_varint(&mut out, self.words.len() as u64);
        for (word, term) in &self.words {
            put_str(&mut out, word);
            put_varint(&mut out, u64::from(*term));
        }
        out
    }

    /// Reads what [`Index::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, LoadError> {
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Err(LoadError::Version);
        };
        let mut r = Reader { bytes: rest, at: 0 };
        let mut index = Index::new();
        let slots = r.count(8)?;
        index.slots.reserve(slots);
        for _ in 0..slots {
            let id = r.str()?;
            let language = r.str()?;
            let updated = unzigzag(r.varint()?);
            let category = r.varint()? as u32;
            let title = r.str()?;
            let summary = r.str()?;
            let mut lens = [0u16; FIELDS];
            for len in &mut lens {
                *len = u16::try_from(r.varint()?).or_else(|_| r.damaged())?;
            }
            index.slots.push(Slot {
                id: id.into(),
                language: language.into(),
                category,
                updated,
                title: title.into(),
                summary: summary.into(),
                lens,
                terms: Vec::new(),
            });
        }
        let categories = r.count(1)?;
        for _ in 0..categories {
            let name = r.str()?;
            index
                .category_ids
                .insert(name.into(), index.categories.len() as u32);
            index.categories.push(name.into());
        }
        let terms = r.count(2)?;
        index.postings.reserve(terms);
        index.terms.reserve(terms);
        for term in 0..terms {
            let text = r.str()?;
            let n = r.count(5)?;
            let mut list = Vec::with_capacity(n);
            for _ in 0..n {
                let doc = r.below(slots)?;
                let mut tf = [0u8; FIELDS];
                for b in &mut tf {
                    *b = r.byte()?;
                }
                list.push(Posting { doc, tf });
            }
            index.postings.push(list);
            index.terms.insert(text.into(), term as u32);
        }
        let words = r.count(2)?;
        index.words.reserve(words);
        for _ in 0..words {
            let word = r.str()?;
            let term = r.below(terms)?;
            index.words.push((word.into(), term));
        }
        if r.at != rest.len() || !index.words.windows(2).all(|w| w[0] < w[1]) {
            return r.damaged();
        }
        let mut by_id = FastMap::default();
        by_id.reserve(slots);
        for (at, slot) in index.slots.iter().enumerate() {
            if slot.id.is_empty() {
                index.free.push(at as u32);
                continue;
            }
            if slot.category as usize >= index.categories.len() {
                return Err(LoadError::Damaged(0));
            }
            for (total, len) in index.field_total.iter_mut().zip(slot.lens) {
                *total += u64::from(len);
            }
            by_id.insert(slot.id.clone(), at as u32);
        }
        index.by_id = by_id;
        index.slot_terms_missing = true;
        Ok(index)
    }
}
