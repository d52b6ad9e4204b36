//! Lowercasing and Swedish Snowball stemming (rust-stemmers), with a cache.
//!
//! Word frequencies in minutes are very skewed, so most tokens are words seen
//! before: a bounded cache from the word as written to its stem saves most of
//! the stemmer's work, and for a word seen before the lowercasing too
//! (measured with `cargo bench --bench search -- analyzer`). The cache is per
//! thread: indexing threads do not contend, and a searching thread keeps it
//! warm from one query's snippets to the next. Its hash is FxHash: the keys
//! are short words, where SipHash cost more than the stemming it saved.

use rustc_hash::FxHashMap;
use std::cell::RefCell;

thread_local! {
    static CACHE: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
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
        self.with_cache(|s| s.stem_into(word, out));
    }

    /// Runs `f` with this stemmer and the thread's cache, borrowed once for
    /// all the words of a text rather than once a word.
    pub(crate) fn with_cache<R>(&mut self, f: impl FnOnce(&mut Cached<'_>) -> R) -> R {
        CACHE.with_borrow_mut(|cache| {
            f(&mut Cached {
                stemmer: self,
                cache,
            })
        })
    }
}

/// A [`Stemmer`] with the thread's cache at hand (see [`Stemmer::with_cache`]).
pub(crate) struct Cached<'a> {
    stemmer: &'a mut Stemmer,
    cache: &'a mut FxHashMap<Box<str>, Box<str>>,
}

impl Cached<'_> {
    /// Lowercases `word` into `out` (cleared first) and stems it unless it has digits.
    pub(crate) fn stem_into(&mut self, word: &str, out: &mut String) {
        self.stem_word(word, word.bytes().any(|b| b.is_ascii_digit()), out);
    }

    /// As [`Cached::stem_into`], for a word whose scan already told whether
    /// it has ASCII digits (`has_digit`), so it is not read again for them.
    pub(crate) fn stem_word(&mut self, word: &str, has_digit: bool, out: &mut String) {
        // Lowercasing neither makes nor removes ASCII digits, so the test can
        // be made on the word as written.
        if has_digit {
            lower_into(word, out);
            return;
        }
        out.clear();
        let Stemmer { inner, lower } = &mut *self.stemmer;
        if word.len() > CACHE_MAX_BYTES {
            lower_into(word, lower);
            out.push_str(&inner.stem(lower));
            return;
        }
        if let Some(stem) = self.cache.get(word) {
            out.push_str(stem);
            return;
        }
        lower_into(word, lower);
        out.push_str(&inner.stem(lower));
        if self.cache.len() >= CACHE_WORDS {
            self.cache.clear();
        }
        self.cache.insert(word.into(), out.as_str().into());
    }
}

/// The stem of the other form of a noun in -a whose stems Snowball keeps
/// apart: the definite singular in -an keeps its ending ("skolan",
/// "gatan", "skolans" → `skolan`) while every other form loses it
/// ("skola", "skolor", "skolorna" → `skol`). Given either stem, the other:
/// `skol` → `skolan`, `skolan` → `skol`. `None` for a stem with other than
/// letters, under three letters, or in -an after fewer than four (`organ`,
/// `sedan`, `gatan` are left alone: `org` and `sed` are other words).
pub fn definite_a_form(stem: &str) -> Option<String> {
    if !stem.chars().all(char::is_alphabetic) {
        return None;
    }
    let letters = stem.chars().count();
    match stem.strip_suffix("an") {
        Some(base) if letters >= 6 => Some(base.to_string()),
        Some(_) => None,
        None if letters >= 3 => Some(format!("{stem}an")),
        None => None,
    }
}

/// Lowercases `word` into `out` (cleared first). ASCII and the Latin-1
/// capitals (Å Ä Ö É: two UTF-8 bytes, 0xC3 then 0x80..=0x9E, lowercase
/// 0x20 higher) take a fast path; other characters go through
/// `char::to_lowercase`.
pub(crate) fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if c.is_ascii() => out.push(c),
            // À..=Þ except ×: the lowercase letter is 0x20 higher.
            '\u{C0}'..='\u{DE}' if c != '\u{D7}' => {
                out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c))
            }
            '\u{DF}'..='\u{FF}' => out.push(c),
            _ => out.extend(c.to_lowercase()),
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
    fn lowercasing_equals_the_standard_library_char_by_char() {
        let mut out = String::new();
        for c in (0..0x600u32)
            .chain(0x1E00..0x2200)
            .filter_map(char::from_u32)
        {
            let word = format!("A{c}Ö{c}");
            lower_into(&word, &mut out);
            // Char by char: a final Σ stays σ (`str::to_lowercase` makes it ς).
            let want: String = word.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(out, want, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn definite_a_form_bridges_the_stems_of_an_a_noun() {
        let mut s = Stemmer::new();
        let mut stem = |w: &str| {
            let mut out = String::new();
            s.stem_into(w, &mut out);
            out
        };
        // What Snowball does: two stems for one noun.
        assert_eq!(stem("skola"), "skol");
        assert_eq!(stem("skolorna"), "skol");
        assert_eq!(stem("skolan"), "skolan");
        assert_eq!(stem("skolans"), "skolan");
        // The bridge, both ways.
        assert_eq!(definite_a_form("skol").as_deref(), Some("skolan"));
        assert_eq!(definite_a_form("skolan").as_deref(), Some("skol"));
        assert_eq!(definite_a_form(&stem("gata")).as_deref(), Some("gatan"));
        assert_eq!(definite_a_form(&stem("kyrkan")).as_deref(), Some("kyrk"));
        assert_eq!(definite_a_form("gatan"), None);
        assert_eq!(definite_a_form("organ"), None);
        // Too short, or not a word.
        assert_eq!(definite_a_form("plan"), None);
        assert_eq!(definite_a_form("bil").as_deref(), Some("bilan"));
        assert_eq!(definite_a_form("an"), None);
        assert_eq!(definite_a_form("ks"), None);
        assert_eq!(definite_a_form("23rs5009"), None);
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
