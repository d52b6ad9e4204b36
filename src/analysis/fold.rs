//! Letters without their accents: "Trollangsskolan" typed on a keyboard
//! without å, ä and ö is "Trollängsskolan". The index keeps the letters as
//! written (å, ä and ö are letters of their own in Swedish: "får" and
//! "far" are different words); a query word that the index does not have
//! is looked for with its vowels folded ([`FoldAutomaton`] over the term
//! dictionary), at a small cost in rank.

/// The letter `c` without its accent, for the letters folded: å ä à á â
/// → a, ö ó ò ô ø → o, é è ê ë → e, ü ú ù → u, í ì → i, æ → a.
pub fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'æ' => 'a',
        'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' => 'u',
        'í' | 'ì' => 'i',
        _ => c,
    }
}

/// `word` (lowercase) with its letters folded.
pub fn fold(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

/// Whether `word` has a letter that [`fold`] changes.
pub fn has_accents(word: &str) -> bool {
    word.chars().any(|c| fold_char(c) != c)
}

/// An automaton over UTF-8 bytes that accepts the words whose folded form
/// equals a given folded word: run over a term dictionary it finds
/// "trollängsskolan" for `trollangsskolan`. States: the number of
/// characters matched, and a pending first byte of a two-byte character.
#[derive(Debug, Clone)]
pub struct FoldAutomaton {
    /// The folded word, as characters.
    target: Vec<char>,
}

/// The state of a [`FoldAutomaton`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldState {
    /// `matched` characters read, at a character boundary.
    At(usize),
    /// `matched` characters read, then the first byte of a two-byte one.
    Lead(usize, u8),
    /// No word that starts so can match.
    Dead,
}

impl FoldAutomaton {
    /// The automaton for `word` (lowercase; it is folded here).
    pub fn new(word: &str) -> FoldAutomaton {
        FoldAutomaton {
            target: fold(word).chars().collect(),
        }
    }

    /// The state before any byte.
    pub fn start(&self) -> FoldState {
        FoldState::At(0)
    }

    /// Whether `state` is a whole match.
    pub fn is_match(&self, state: &FoldState) -> bool {
        *state == FoldState::At(self.target.len())
    }

    /// Whether some continuation from `state` can match.
    pub fn can_match(&self, state: &FoldState) -> bool {
        *state != FoldState::Dead
    }

    /// The state after `byte`.
    pub fn accept(&self, state: &FoldState, byte: u8) -> FoldState {
        let char_matches =
            |i: usize, c: char| self.target.get(i).is_some_and(|&t| fold_char(c) == t);
        match *state {
            FoldState::Dead => FoldState::Dead,
            FoldState::At(i) if byte < 0x80 => {
                if char_matches(i, char::from(byte)) {
                    FoldState::At(i + 1)
                } else {
                    FoldState::Dead
                }
            }
            FoldState::At(i) if (0xC2..=0xDF).contains(&byte) => FoldState::Lead(i, byte),
            // Three- and four-byte characters are not folded: none of the
            // letters that are lies there.
            FoldState::At(_) => FoldState::Dead,
            FoldState::Lead(i, lead) => {
                let code = (u32::from(lead & 0x1F) << 6) | u32::from(byte & 0x3F);
                match char::from_u32(code) {
                    Some(c) if (0x80..0xC0).contains(&byte) && char_matches(i, c) => {
                        FoldState::At(i + 1)
                    }
                    _ => FoldState::Dead,
                }
            }
        }
    }

    /// Whether the automaton accepts `word` (for tests).
    pub fn matches(&self, word: &str) -> bool {
        let mut s = self.start();
        for b in word.bytes() {
            s = self.accept(&s, b);
        }
        self.is_match(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("västlänken"), "vastlanken");
        assert_eq!(fold("överförmyndarnämnden"), "overformyndarnamnden");
        assert!(has_accents("äldreomsorg"));
        assert!(!has_accents("aldreomsorg"));
    }

    #[test]
    fn the_automaton_accepts_the_words_that_fold_alike() {
        let a = FoldAutomaton::new("trollangsskol");
        assert!(a.matches("trollängsskol"));
        assert!(a.matches("trollangsskol"));
        assert!(!a.matches("trollängsskolan"));
        assert!(!a.matches("trollängsskoi"));
        let a = FoldAutomaton::new("aldreomsorg");
        assert!(a.matches("äldreomsorg"));
        assert!(a.matches("åldreomsorg"));
        assert!(!a.matches("äldreomsor"));
        // A word typed with its accents folds too.
        assert!(FoldAutomaton::new("västlänk").matches("vastlänk"));
        // Other characters must be equal.
        assert!(!FoldAutomaton::new("ab").matches("a€"));
    }
}
