//! What the index's own dictionaries say about a query word: whether it is
//! there and in how many §, which compounds begin or end with it, which
//! words are one or two letters from it or differ only in accents, and
//! which organs and organisations the index has. Every expansion a search
//! makes is looked up here, over the title and body terms of the searcher's
//! segments (the compound-head dictionaries of `index::heads` for the
//! compounds a word ends).

use crate::analysis::fold::{FoldAutomaton, FoldState};
use crate::error::Result;
use crate::index::{Heads, Index};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};
use tantivy_fst::Automaton;

/// Lookups over one searcher's dictionaries.
pub(crate) struct Dictionary<'a> {
    pub index: &'a Index,
    pub searcher: &'a Searcher,
    /// Title and body: the fields a word's count is taken in.
    pub text_fields: [Field; 2],
    /// The body, then the title: the fields whose dictionaries an
    /// automaton walks, the title only when the body has nothing (a
    /// title's words are nearly always in some body too, and one
    /// dictionary walked costs about half of two; but a short § may have a
    /// word in its title only: "vildsvinspopulationen").
    pub scan_fields: [Field; 2],
    heads: OnceCell<Vec<Arc<Heads>>>,
    freq: std::cell::RefCell<HashMap<String, u64>>,
}

/// A term found for a query word, with the § that have it (summed over
/// segments, and for a range of the dictionary over title and body).
pub(crate) type Found = (String, u64);

impl<'a> Dictionary<'a> {
    pub fn new(index: &'a Index, searcher: &'a Searcher) -> Dictionary<'a> {
        let f = index.fields();
        Dictionary {
            index,
            searcher,
            text_fields: [f.title, f.body],
            scan_fields: [f.body, f.title],
            heads: OnceCell::new(),
            freq: Default::default(),
        }
    }

    /// The number of § in the index (all documents: meetings and files are
    /// few beside them).
    pub fn docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// In how many § `term` is, in the title or the body (an upper bound:
    /// the two fields' counts added).
    pub fn doc_freq(&self, term: &str) -> Result<u64> {
        if let Some(&n) = self.freq.borrow().get(term) {
            return Ok(n);
        }
        let mut n = 0;
        for field in self.text_fields {
            n += self
                .searcher
                .doc_freq(&Term::from_field_text(field, term))?;
        }
        self.freq.borrow_mut().insert(term.to_string(), n);
        Ok(n)
    }

    /// Whether `term` is a word of some § (title or body). A word the
    /// compound-head dictionaries can hold is looked up there, in memory.
    pub fn contains(&self, term: &str) -> Result<bool> {
        if let Some(found) = crate::index::heads_contain(self.heads()?, term) {
            return Ok(found);
        }
        Ok(self.doc_freq(term)? > 0)
    }

    /// The compound-head dictionaries of the searcher's segments, read at
    /// the first call.
    fn heads(&self) -> Result<&[Arc<Heads>]> {
        if let Some(h) = self.heads.get() {
            return Ok(h);
        }
        let h = self.index.segment_heads(self.searcher)?;
        Ok(self.heads.get_or_init(|| h))
    }

    /// Terms that start with `prefix` and go on for at least `more`
    /// characters, most frequent first, at most `limit`.
    pub fn starting_with(&self, prefix: &str, more: usize, limit: usize) -> Result<Vec<Found>> {
        let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
        // A range of the dictionary is cheap: both fields.
        for field in self.text_fields {
            self.each_with_prefix(field, prefix, |key, doc_freq| {
                let extra =
                    std::str::from_utf8(&key[prefix.len()..]).map_or(0, |s| s.chars().count());
                if extra >= more {
                    *found.entry(key.to_vec()).or_default() += u64::from(doc_freq);
                }
            })?;
        }
        Ok(most_frequent(found, limit))
    }

    /// Terms of `field` (a raw field) that start with `prefix`, most
    /// frequent first, at most `limit`.
    pub fn field_starting_with(
        &self,
        field: Field,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<Found>> {
        let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
        self.each_with_prefix(field, prefix, |key, doc_freq| {
            *found.entry(key.to_vec()).or_default() += u64::from(doc_freq);
        })?;
        Ok(most_frequent(found, limit))
    }

    /// Terms that end with one of `stems` after a first part of at least
    /// three letters, most frequent first, at most `limit`.
    pub fn ending_with(&self, stems: &[&str], limit: usize) -> Result<Vec<String>> {
        Ok(crate::index::compounds_ending(self.heads()?, stems, limit))
    }

    /// Terms within `distance` edits of `word` (transpositions cost one),
    /// or, with `prefix`, that begin with something within it; most
    /// frequent first, at most `limit`; `word` itself left out.
    pub fn near(&self, word: &str, distance: u8, prefix: bool, limit: usize) -> Result<Vec<Found>> {
        let builder = levenshtein_builder(distance);
        let dfa = if prefix {
            builder.build_prefix_dfa(word)
        } else {
            builder.build_dfa(word)
        };
        let mut found = self.search(&DfaAutomaton(&dfa))?;
        found.remove(word.as_bytes());
        Ok(most_frequent(found, limit))
    }

    /// Terms that are `word` with other accents (å, ä, ö for a, o),
    /// most frequent first, at most `limit`; `word` itself left out.
    pub fn refolded(&self, word: &str, limit: usize) -> Result<Vec<Found>> {
        let mut found = self.search(&FoldDictionary(FoldAutomaton::new(word)))?;
        found.remove(word.as_bytes());
        Ok(most_frequent(found, limit))
    }

    fn search<A: Automaton>(&self, automaton: &A) -> Result<HashMap<Vec<u8>, u64>>
    where
        A::State: Clone,
    {
        let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
        for field in self.scan_fields {
            if !found.is_empty() {
                break;
            }
            for seg in self.searcher.segment_readers() {
                let inverted = seg.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(automaton)
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    *found.entry(stream.key().to_vec()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        Ok(found)
    }

    /// The names under a facet root (`organ`, `organisation`) in the index.
    pub fn facet_names(&self, root: &str) -> Result<Vec<String>> {
        let f = self.index.fields();
        let prefix = format!("{root}\u{0}");
        let mut names: Vec<String> = Vec::new();
        self.each_with_prefix(f.facets, &prefix, |key, _| {
            if let Ok(s) = std::str::from_utf8(&key[prefix.len()..])
                && !s.contains('\u{0}')
                && !names.iter().any(|n| n == s)
            {
                names.push(s.to_string());
            }
        })?;
        Ok(names)
    }

    /// Calls `each` with every term of `field` that begins with `prefix`,
    /// and its document frequency, segment by segment (a range of the
    /// dictionary: cheap).
    fn each_with_prefix(
        &self,
        field: tantivy::schema::Field,
        prefix: &str,
        mut each: impl FnMut(&[u8], u32),
    ) -> Result<()> {
        let mut upper = prefix.as_bytes().to_vec();
        upper.push(0xFF);
        for seg in self.searcher.segment_readers() {
            let inverted = seg.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .lt(&upper)
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                each(stream.key(), stream.value().doc_freq);
            }
        }
        Ok(())
    }
}

fn most_frequent(found: HashMap<Vec<u8>, u64>, limit: usize) -> Vec<Found> {
    let mut terms: Vec<Found> = found
        .into_iter()
        .filter_map(|(k, n)| String::from_utf8(k).ok().map(|s| (s, n)))
        .collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(limit);
    terms
}

/// The Levenshtein automaton builders, made once (a distance-2 builder
/// takes milliseconds to make), transpositions costing one edit.
fn levenshtein_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        0 | 1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

struct DfaAutomaton<'a>(&'a DFA);

impl Automaton for DfaAutomaton<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

struct FoldDictionary(FoldAutomaton);

impl Automaton for FoldDictionary {
    type State = FoldState;

    fn start(&self) -> FoldState {
        self.0.start()
    }

    fn is_match(&self, state: &FoldState) -> bool {
        self.0.is_match(state)
    }

    fn can_match(&self, state: &FoldState) -> bool {
        self.0.can_match(state)
    }

    fn accept(&self, state: &FoldState, byte: u8) -> FoldState {
        self.0.accept(state, byte)
    }
}
