//! Lowercasing and Swedish Snowball stemming (rust-stemmers), with a cache.
//!
//! Word frequencies in minutes are very skewed, so most tokens are words seen
//! before: a bounded cache from lowercased word to stem saves most of the
//! stemmer's work (measured with `cargo bench --bench search -- analyzer`).
//! The cache is per thread: indexing threads do not contend, and a searching
//! thread keeps it warm from one query's snippets to the next.

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static CACHE: RefCell<HashMap<Box<str>, Box<str>>> = RefCell::new(HashMap::new());
}

/// Most words kept in the cache; it is emptied when full.
const CACHE_WORDS: usize = 50_000;
/// Longer words are stemmed without the cache.
const CACHE_MAX_BYTES: usize = 48;

/// A Swedish stemmer that lowercases first. Tokens with digits are not stemmed.
pub(crate) struct Stemmer {
    inner: rust_stemmers::Stemmer,
    lower: String,
}

impl Clone for Stemmer {
    fn clone(&self) -> Self {
        Stemmer::new()
    }
}

impl Stemmer {
    pub(crate) fn new() -> Stemmer {
        Stemmer {
            inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Swedish),
            lower: String::new(),
        }
    }

    /// Lowercases `word` into `out` (cleared first) and stems it unless it has digits.
    pub(crate) fn stem_into(&mut self, word: &str, out: &mut String) {
        lower_into(word, &mut self.lower);
        out.clear();
        if self.lower.bytes().any(|b| b.is_ascii_digit()) {
            out.push_str(&self.lower);
            return;
        }
        if self.lower.len() > CACHE_MAX_BYTES {
            out.push_str(&self.inner.stem(&self.lower));
            return;
        }
        CACHE.with_borrow_mut(|cache| {
            if let Some(stem) = cache.get(self.lower.as_str()) {
                out.push_str(stem);
                return;
            }
            out.push_str(&self.inner.stem(&self.lower));
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            cache.insert(self.lower.as_str().into(), out.as_str().into());
        });
    }
}

/// Lowercases `word` into `out` (cleared first); ASCII takes a fast path.
pub(crate) fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_stems() {
        let mut s = Stemmer::new();
        let mut out = String::new();
        for (w, want) in [
            ("Kvalitetsboken", "kvalitetsbok"),
            ("kvalitetsbok", "kvalitetsbok"),
            ("vårdcentralerna", "vårdcentral"),
            ("vårdcentral", "vårdcentral"),
            ("23RS5009", "23rs5009"),
            // A second time, from the cache.
            ("Kvalitetsboken", "kvalitetsbok"),
            ("ÖVERSYN", "översyn"),
        ] {
            s.stem_into(w, &mut out);
            assert_eq!(out, want, "{w}");
        }
        // No ASCII folding: får and far stay apart.
        s.stem_into("får", &mut out);
        let far = {
            let mut o = String::new();
            s.stem_into("far", &mut o);
            o
        };
        assert_ne!(out, far);
    }

    #[test]
    fn cache_is_bounded() {
        let mut s = Stemmer::new();
        let mut out = String::new();
        for i in 0..CACHE_WORDS + 10 {
            let w: String = format!("ord{i}")
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        (b'a' + (c as u8 - b'0')) as char
                    } else {
                        c
                    }
                })
                .collect();
            s.stem_into(&w, &mut out);
        }
        assert!(CACHE.with_borrow(|c| c.len()) <= CACHE_WORDS);
    }
}
