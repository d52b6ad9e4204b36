//! The forms a content word is looked for in, as tantivy queries.
//!
//! *Exact* forms: the word's stem in every searched field (title, decision
//! clauses, body, case number, with their boosts); its other forms that
//! Snowball stems apart (`analysis::lexicon`, [`definite_a_form`]); a
//! party's letters for its name and back; a case number in any spelling;
//! a year as the meeting's year; the words a prefix begins.
//!
//! *Loose* forms, looked up only when the plan needs them (`plan`): the
//! compounds the word begins or ends ("klimat" → "klimatnämnden", "skola"
//! → "Odinsskolan"), curated synonyms and the thesaurus's, and for a word
//! the index lacks or barely has: the same letters with accents, words one
//! or two edits away (also as the start of a compound), and the word split
//! into two parts the index has. Each at its weight from `rank`, and each
//! found term is remembered for the snippets.
//!
//! [`definite_a_form`]: crate::analysis::definite_a_form

use super::expand::{Dictionary, Found};
use super::rank::*;
use super::request::Understanding;
use super::understand::{Sense, WordSpec};
use crate::analysis::{self, TokenKind, lexicon, synonyms, thesaurus::Thesaurus};
use crate::error::Result;
use std::cell::RefCell;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// A term query on one field.
pub(crate) fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// `q` weighed by `boost` (left alone at 1).
pub(crate) fn boosted(q: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// Any of `qs` (one query itself; none, a query matching nothing).
pub(crate) fn should(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if qs.len() == 1 {
        return qs
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery));
    }
    if qs.is_empty() {
        return Box::new(tantivy::query::EmptyQuery);
    }
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The whole words and codes of analysed tokens as terms of `field`, each
/// with its position from the first.
pub(crate) fn phrase_terms(field: Field, tokens: &[analysis::AnalyzedToken]) -> Vec<(usize, Term)> {
    let mut whole: Vec<(usize, Term)> = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Code))
        .map(|t| (t.position, Term::from_field_text(field, &t.text)))
        .collect();
    let first = whole.first().map_or(0, |(p, _)| *p);
    for (p, _) in &mut whole {
        *p -= first;
    }
    whole
}

/// A term or phrase query for analysed tokens (whole words and codes only)
/// on one field.
pub(crate) fn text_query(
    field: Field,
    tokens: &[analysis::AnalyzedToken],
) -> Option<Box<dyn Query>> {
    let mut whole = phrase_terms(field, tokens);
    match whole.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            whole.remove(0).1,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new_with_offset(whole))),
    }
}

/// Whether a word in `freq` of `docs` § is too common to be looked for as
/// a compound's part (see [`rank::COMMON_WORD_SHARE`]).
pub(crate) fn is_common(freq: u64, docs: u64) -> bool {
    freq > COMMON_WORD_DOCS && freq * COMMON_WORD_SHARE > docs
}

/// Builds the forms of words over one searcher.
pub(crate) struct Forms<'a> {
    pub dict: Dictionary<'a>,
    /// The searched fields with their boosts.
    pub fields: Vec<(Field, Score)>,
    /// Title, clauses and body with their boosts: where other forms are
    /// looked for (a case number is one token).
    pub text_fields: Vec<(Field, Score)>,
    /// Terms to mark in snippets.
    pub highlight: RefCell<Vec<String>>,
    /// What was found, for the user.
    pub notes: RefCell<Understanding>,
}

impl<'a> Forms<'a> {
    pub fn new(dict: Dictionary<'a>) -> Forms<'a> {
        let fields = dict.index.schema().search_fields();
        let f = dict.index.fields();
        let text_fields = fields
            .iter()
            .copied()
            .filter(|(field, _)| *field == f.title || *field == f.body || *field == f.clauses)
            .collect();
        Forms {
            dict,
            fields,
            text_fields,
            highlight: RefCell::new(Vec::new()),
            notes: RefCell::new(Understanding::default()),
        }
    }

    fn mark(&self, term: &str) {
        let mut h = self.highlight.borrow_mut();
        if !h.iter().any(|t| t == term) {
            h.push(term.to_string());
        }
    }

    /// `term` in each of `fields` at `weight` times the field's boost.
    fn in_fields(
        &self,
        term: &str,
        fields: &[(Field, Score)],
        weight: Score,
    ) -> Vec<Box<dyn Query>> {
        self.mark(term);
        fields
            .iter()
            .map(|&(field, boost)| boosted(term_query(field, term), boost * weight))
            .collect()
    }

    /// Terms found by an expansion: the first [`MAX_SCORED_EXPANSIONS`]
    /// scored by BM25 at `weight`, the rest at a constant.
    fn expansion(&self, terms: &[String], weight: Score, out: &mut Vec<Box<dyn Query>>) {
        let (scored, rest) = terms.split_at(terms.len().min(MAX_SCORED_EXPANSIONS));
        for t in scored {
            out.extend(self.in_fields(t, &self.text_fields, weight));
        }
        if rest.is_empty() {
            return;
        }
        for &(field, boost) in &self.text_fields {
            let set = TermSetQuery::new(rest.iter().map(|t| Term::from_field_text(field, t)));
            out.push(Box::new(ConstScoreQuery::new(
                Box::new(set),
                PART_CONST * boost * weight / PART_WEIGHT,
            )));
        }
        for t in rest {
            self.mark(t);
        }
    }

    /// The exact forms of a content word, and its stem's § count.
    pub fn exact(&self, w: &WordSpec) -> Result<(Vec<Box<dyn Query>>, u64)> {
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        let f = self.dict.index.fields();
        match &w.sense {
            Sense::CaseNumber(_) => {
                let case_boost = self
                    .fields
                    .iter()
                    .find(|(field, _)| *field == f.case)
                    .map_or(1.0, |(_, b)| *b);
                // As typed when the index has it so (one term); else in
                // every spelling.
                let spelt_otherwise = self
                    .dict
                    .searcher
                    .doc_freq(&Term::from_field_text(f.case, &w.stem))?
                    == 0;
                if spelt_otherwise {
                    qs.push(boosted(
                        Box::new(super::case::number_query(f.case, &w.typed)),
                        case_boost,
                    ));
                } else {
                    self.mark(&w.stem);
                    qs.push(boosted(term_query(f.case, &w.stem), case_boost));
                }
                for t in analysis::analyze(&w.typed)
                    .into_iter()
                    .filter(|t| t.kind == TokenKind::Code || t.kind == TokenKind::Word)
                    .filter(|t| t.text.bytes().any(|b| b.is_ascii_digit()))
                {
                    qs.extend(self.in_fields(&t.text, &self.text_fields, CASE_MENTION_WEIGHT));
                }
                return Ok((qs, 0));
            }
            Sense::Expression(member, _) => {
                // The member as a phrase (with the function words the
                // query may have left out: "lagen om stöd och service").
                let tokens = analysis::analyze(member.text);
                for &(field, boost) in &self.text_fields {
                    if let Some(q) = text_query(field, &tokens) {
                        qs.push(boosted(q, boost));
                    }
                }
                for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
                    self.mark(&t.text);
                }
                return Ok((qs, 0));
            }
            Sense::Prefix => {
                let found = self.dict.starting_with(&w.stem, 0, MAX_EXPANSIONS)?;
                let terms: Vec<String> = found.into_iter().map(|(t, _)| t).collect();
                self.expansion(&terms, 1.0, &mut qs);
                return Ok((qs, 0));
            }
            Sense::Year(y) => {
                let from = u64::from(*y) * 10_000 + 101;
                let to = u64::from(*y) * 10_000 + 1231;
                qs.push(Box::new(ConstScoreQuery::new(
                    Box::new(RangeQuery::new(
                        Bound::Included(Term::from_field_u64(f.date, from)),
                        Bound::Included(Term::from_field_u64(f.date, to)),
                    )),
                    YEAR_DATE_SCORE,
                )));
                qs.extend(self.in_fields(&w.stem, &self.text_fields, 1.0));
                return Ok((qs, self.dict.doc_freq(&w.stem)?));
            }
            _ => {}
        }
        qs.extend(self.in_fields(&w.stem, &self.fields, 1.0));
        let df = self.dict.doc_freq(&w.stem)?;
        if !w.code {
            if let Some(other) = analysis::definite_a_form(&w.stem)
                && self.dict.contains(&other)?
            {
                qs.extend(self.in_fields(&other, &self.fields, 1.0));
            }
            for other in lexicon::other_stems(&w.typed, &w.stem) {
                if self.dict.contains(&other)? {
                    qs.extend(self.in_fields(&other, &self.text_fields, LEXICON_WEIGHT));
                }
            }
        }
        match &w.sense {
            Sense::PartyName(p) => {
                qs.extend(self.in_fields(
                    &p.letters.to_lowercase(),
                    &self.text_fields,
                    PARTY_WEIGHT,
                ));
                self.notes.borrow_mut().parties.push((
                    w.typed.clone(),
                    p.letters.to_string(),
                    p.name.to_string(),
                ));
            }
            Sense::PartyLetters(p) => {
                let tokens = analysis::analyze(p.name);
                for &(field, boost) in &self.text_fields {
                    if let Some(q) = text_query(field, &tokens) {
                        qs.push(boosted(q, boost * PARTY_WEIGHT));
                    }
                }
                for t in &tokens {
                    self.mark(&t.text);
                }
                self.notes.borrow_mut().parties.push((
                    w.typed.clone(),
                    p.letters.to_string(),
                    p.name.to_string(),
                ));
            }
            _ => {}
        }
        Ok((qs, df))
    }

    /// The loose forms of a content word whose stem is in `df` §; `need`
    /// is the number of hits the page asks for.
    pub fn loose(&self, w: &WordSpec, df: u64, need: usize) -> Result<Vec<Box<dyn Query>>> {
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        if let Sense::Expression(_, others) = &w.sense {
            // Its words anywhere in the §, and the other members.
            let words: Vec<Box<dyn Query>> = w
                .stem
                .split(' ')
                .map(|s| should(self.in_fields(s, &self.text_fields, PART_WEIGHT)))
                .collect();
            qs.push(Box::new(BooleanQuery::new(
                words.into_iter().map(|q| (Occur::Must, q)).collect(),
            )));
            let found = self.members(others, &mut qs)?;
            if !found.is_empty() {
                self.notes
                    .borrow_mut()
                    .synonyms
                    .push((w.typed.clone(), found));
            }
            return Ok(qs);
        }
        if w.code || !matches!(w.sense, Sense::Plain | Sense::PartyName(_)) {
            return Ok(qs);
        }
        let letters = w.stem.chars().all(char::is_alphabetic);
        let docs = self.dict.docs();
        // Compounds it begins and ends: "klimat" → "klimatnämnd",
        // "skola" → "grundskolan".
        if letters && !is_common(df, docs) {
            let typed = w.typed.to_lowercase();
            let mut prefixes = vec![w.stem.as_str()];
            if typed != w.stem && typed.chars().all(char::is_alphabetic) {
                prefixes.push(typed.as_str());
            }
            let mut begun: Vec<String> = Vec::new();
            for p in prefixes {
                if p.chars().count() >= 4 {
                    for (t, _) in self.dict.starting_with(p, 3, MAX_EXPANSIONS)? {
                        if !begun.contains(&t) {
                            begun.push(t);
                        }
                    }
                }
            }
            self.expansion(&begun, PART_WEIGHT, &mut qs);
            if w.stem.chars().count() >= crate::index::MIN_HEAD_CHARS {
                let other = analysis::definite_a_form(&w.stem);
                let mut stems = vec![w.stem.as_str()];
                stems.extend(other.as_deref());
                let ended = self.dict.ending_with(&stems, MAX_EXPANSIONS)?;
                let ended: Vec<String> = ended.into_iter().filter(|t| !begun.contains(t)).collect();
                self.expansion(&ended, PART_WEIGHT, &mut qs);
            }
        }
        // Curated synonyms.
        let mut syn_found = self.members(&synonyms::synonyms_of(&w.stem), &mut qs)?;
        // The thesaurus, for a word that finds little.
        if letters
            && (df as usize) < need
            && let Some(th) = Thesaurus::system()
        {
            for s in th
                .synonyms(&w.typed.to_lowercase())
                .filter(|s| !analysis::stopwords::is_function_word(s))
                .take(8)
            {
                let Some(t) = analysis::analyze(s).into_iter().next() else {
                    continue;
                };
                if t.text != w.stem && self.dict.contains(&t.text)? {
                    qs.extend(self.in_fields(&t.text, &self.text_fields, THESAURUS_WEIGHT));
                    syn_found.push(s.to_string());
                }
            }
        }
        self.note_synonyms(&w.typed, syn_found);
        // Other spellings, for a word the index lacks or barely has.
        if letters && df < RARE_WORD_DOCS && w.stem.chars().count() >= 4 {
            qs.extend(self.corrections(w, df)?);
        }
        Ok(qs)
    }

    /// Notes that `typed` was also looked for as `found` (once).
    fn note_synonyms(&self, typed: &str, found: Vec<String>) {
        let mut notes = self.notes.borrow_mut();
        if !found.is_empty() && !notes.synonyms.iter().any(|(t, _)| t == typed) {
            notes.synonyms.push((typed.to_string(), found));
        }
    }

    /// Synonym group members as queries (a word as a term where the index
    /// has it, several as a phrase) added to `qs`; the members used.
    fn members(
        &self,
        members: &[&synonyms::Member],
        qs: &mut Vec<Box<dyn Query>>,
    ) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for m in members {
            if m.stems.len() == 1 {
                let stem = &m.stems[0];
                if self.dict.contains(stem)? {
                    qs.extend(self.in_fields(stem, &self.text_fields, SYNONYM_WEIGHT));
                    found.push(m.text.to_string());
                }
                // And the compounds it begins ("mobil": "mobilfri").
                if stem.chars().count() >= 4 {
                    let begun: Vec<String> = self
                        .dict
                        .starting_with(stem, 3, MAX_SCORED_EXPANSIONS)?
                        .into_iter()
                        .map(|(t, _)| t)
                        .collect();
                    if !begun.is_empty() && found.last() != Some(&m.text.to_string()) {
                        found.push(m.text.to_string());
                    }
                    self.expansion(&begun, SYNONYM_WEIGHT * PART_WEIGHT, qs);
                }
            } else {
                let tokens = analysis::analyze(m.text);
                for &(field, boost) in &self.text_fields {
                    if let Some(q) = text_query(field, &tokens) {
                        qs.push(boosted(q, boost * SYNONYM_WEIGHT));
                    }
                }
                for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
                    self.mark(&t.text);
                }
                found.push(m.text.to_string());
            }
        }
        Ok(found)
    }

    /// Accents, typos (also as a compound's start) and compound parts.
    fn corrections(&self, w: &WordSpec, df: u64) -> Result<Vec<Box<dyn Query>>> {
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        let mut best: Option<(String, u64, &str)> = None;
        let mut consider = |t: &str, n: u64, how: &'static str| {
            if best.as_ref().is_none_or(|b| n > b.1) {
                best = Some((t.to_string(), n, how));
            }
        };
        let refolded = self.dict.refolded(&w.stem, MAX_CORRECTIONS)?;
        for (t, n) in &refolded {
            qs.extend(self.in_fields(t, &self.text_fields, ACCENT_WEIGHT));
            consider(t, *n, "accents");
        }
        let chars = w.stem.chars().count();
        if chars >= 5 {
            // One edit first; two (for long words) only when one finds
            // nothing: each distance is a walk of the dictionary.
            let mut typos: Vec<Found> = Vec::new();
            for distance in [1, 2] {
                if distance == 2 && (chars < 9 || !typos.is_empty()) {
                    break;
                }
                typos = self
                    .dict
                    .near(&w.stem, distance, false, MAX_CORRECTIONS)?
                    .into_iter()
                    .filter(|(t, n)| *n > df && !refolded.iter().any(|(r, _)| r == t))
                    .collect();
            }
            for (t, n) in &typos {
                qs.extend(self.in_fields(t, &self.text_fields, TYPO_WEIGHT));
                consider(t, *n, "spelling");
            }
            // A compound that begins one edit from it, when nothing else
            // was found ("Rosendalskolan" in "Rosendalsskolans").
            if typos.is_empty() && refolded.is_empty() && chars >= 7 {
                let begun: Vec<String> = self
                    .dict
                    .near(&w.stem, 1, true, MAX_CORRECTIONS * 2)?
                    .into_iter()
                    .filter(|(t, n)| *n > df && t.chars().count() >= chars + 2)
                    .map(|(t, _)| t)
                    .collect();
                self.expansion(&begun, TYPO_WEIGHT * PART_WEIGHT, &mut qs);
            }
        }
        if df == 0
            && let Some((first, second, n)) = self.split(&w.stem)?
        {
            let part = |stem: &str| -> Result<Box<dyn Query>> {
                let mut alts = self.in_fields(stem, &self.text_fields, DECOMPOUND_WEIGHT);
                let other = analysis::definite_a_form(stem);
                if let Some(other) = &other {
                    alts.extend(self.in_fields(other, &self.text_fields, DECOMPOUND_WEIGHT));
                }
                // "skol" also as the end of "Bergsskolan".
                let mut stems = vec![stem];
                stems.extend(other.as_deref());
                let ended = self.dict.ending_with(&stems, MAX_SCORED_EXPANSIONS)?;
                self.expansion(&ended, DECOMPOUND_WEIGHT * PART_WEIGHT, &mut alts);
                Ok(should(alts))
            };
            qs.push(Box::new(BooleanQuery::new(vec![
                (Occur::Must, part(&first)?),
                (Occur::Must, part(&second)?),
            ])));
            // The rarer part alone, lower: "kärnkraftverk" is about
            // "kärnkraft", "skolnedläggning" about "nedläggning".
            let rarer = if self.part_freq(&first)? <= self.dict.doc_freq(&second)? {
                &first
            } else {
                &second
            };
            qs.push(boosted(part(rarer)?, PART_WEIGHT));
            if best.is_none() {
                best = Some((format!("{first} + {second}"), n, "compound parts"));
            }
        }
        if let Some((found, n, how)) = best {
            let mut notes = self.notes.borrow_mut();
            let note = (w.typed.clone(), found.clone(), how.to_string());
            if !notes.corrections.contains(&note) {
                notes.corrections.push(note);
            }
            if how != "compound parts" && n >= 10 * df.max(1) && notes.did_you_mean.is_none() {
                notes.did_you_mean = Some(found);
            }
        }
        Ok(qs)
    }

    /// In how many § a first part of a compound is, as a word, in its
    /// definite form ("skol" as "skolan"), or at least as the end of
    /// another compound ("Bergsskolan": then 1).
    fn part_freq(&self, first: &str) -> Result<u64> {
        let other = analysis::definite_a_form(first);
        let mut n = self.dict.doc_freq(first)?;
        if let Some(o) = &other {
            n = n.max(self.dict.doc_freq(o)?);
        }
        if n == 0 && first.chars().count() >= crate::index::MIN_HEAD_CHARS {
            let mut stems = vec![first];
            stems.extend(other.as_deref());
            n = u64::from(!self.dict.ending_with(&stems, 1)?.is_empty());
        }
        Ok(n)
    }

    /// A word the index lacks as two words it has, joined (with a linking
    /// s or e dropped): "skolnedläggning" → `skol` + `nedläggning`. The
    /// split whose rarer part is most frequent.
    fn split(&self, stem: &str) -> Result<Option<(String, String, u64)>> {
        let chars: Vec<(usize, char)> = stem.char_indices().collect();
        if chars.len() < 7 {
            return Ok(None);
        }
        let mut best: Option<(String, String, u64)> = None;
        for &(at, _) in &chars[3..=chars.len() - 3] {
            let (first, rest) = stem.split_at(at);
            let Some(second) = analysis::analyze(rest).into_iter().next().map(|t| t.text) else {
                continue;
            };
            let mut firsts = vec![first.to_string()];
            for link in ['s', 'e'] {
                if let Some(f) = first.strip_suffix(link)
                    && f.chars().count() >= 3
                {
                    firsts.push(f.to_string());
                }
            }
            let n2 = self.dict.doc_freq(&second)?;
            if n2 == 0 {
                continue;
            }
            for f in firsts {
                let n1 = self.part_freq(&f)?;
                let n = n1.min(n2);
                if n > 0 && best.as_ref().is_none_or(|b| n > b.2) {
                    best = Some((f, second.clone(), n));
                }
            }
        }
        Ok(best)
    }
}
