//! From a parsed, understood query to tantivy queries: the strict query
//! (every content word as typed) and the relaxed one (all forms, a minimum
//! of words), with the user's required and excluded items, the phrase
//! bonus, the meeting preferences and the request's filters. `plan`
//! decides which runs.

use super::expand::Dictionary;
use super::forms::{Forms, boosted, phrase_terms, should, term_query, text_query};
use super::names::{Known, Named, known_for};
use super::query::Node;
use super::rank::{self, Levels, PART_WEIGHT, PHRASE_WEIGHT};
use super::request::SearchRequest;
use super::request::Understanding;
use super::tiers::WordQuery;
use super::understand::{Run, Sense, WordSpec, understand_run};
use super::{dates, prune};
use crate::analysis::{self, TokenKind, lexicon, organs, parties, person_name, synonyms};
use crate::error::{Error, Result};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery};
use tantivy::schema::{Facet, Field};

/// One relaxable content word with its exact forms.
pub(crate) struct Word {
    pub spec: WordSpec,
    pub exact: Vec<Box<dyn Query>>,
    /// The § its stem is in.
    pub df: u64,
}

/// A query ready to run.
pub(crate) struct Compiled<'a> {
    pub forms: Forms<'a>,
    /// Content words a § should match (all, or a minimum).
    pub words: Vec<Word>,
    /// Required as they are: `+word`, phrases, fields, `OR` groups.
    pub required: Vec<Box<dyn Query>>,
    pub excluded: Vec<Box<dyn Query>>,
    /// Ranked, not required: very common words, completed elided
    /// compounds, the phrase bonus.
    pub optional: Vec<Box<dyn Query>>,
    /// Whether `optional` holds a phrase (which cannot be pruned).
    pub phrases: bool,
    /// Meeting preferences: the § of an organ, of a span of dates.
    pub preferences: Vec<Box<dyn Query>>,
    /// The request's filters, scoring nothing.
    pub filters: Vec<Box<dyn Query>>,
    /// When the whole query is one quoted phrase: it by field.
    pub quoted: Option<Vec<prune::PhraseField>>,
    pub understanding: Understanding,
}

impl<'a> Compiled<'a> {
    /// Parses and understands `req`'s query over `dict`'s searcher.
    pub fn new(dict: Dictionary<'a>, req: &SearchRequest) -> Result<Compiled<'a>> {
        let node = super::query::parse(&req.query, &dict.index.schema().query_names())?;
        let forms = Forms::new(dict);
        let mut c = Compiled {
            forms,
            words: Vec::new(),
            required: Vec::new(),
            excluded: Vec::new(),
            optional: Vec::new(),
            phrases: false,
            preferences: Vec::new(),
            filters: Vec::new(),
            quoted: None,
            understanding: Understanding::default(),
        };
        let top: Vec<Node> = match node {
            Node::And(items) => items,
            other => vec![other],
        };
        let mut known: Option<std::sync::Arc<Known>> = None;
        let mut dates: Option<dates::DateSpan> = None;
        let mut organs: Vec<String> = Vec::new();
        let mut organisations: Vec<String> = Vec::new();
        let mut specs: Vec<WordSpec> = Vec::new();
        for item in &top {
            match item {
                Node::Words(text) => {
                    if known.is_none() && needs_names(text) {
                        known = Some(c.known()?);
                    }
                    let none = Known::default();
                    let run = understand_run(text, known.as_deref().unwrap_or(&none));
                    c.take_run(&run)?;
                    specs.extend(run.words);
                    if dates.is_none() {
                        dates = run.dates;
                    }
                    for o in run.organs {
                        if !organs.contains(&o) {
                            organs.push(o);
                        }
                    }
                    for o in run.organisations {
                        if !organisations.contains(&o) {
                            organisations.push(o);
                        }
                    }
                    c.understanding.dropped.extend(run.dropped);
                }
                Node::Prefix(p) => specs.push(WordSpec {
                    typed: format!("{p}*"),
                    stem: p.to_lowercase(),
                    code: false,
                    sense: Sense::Prefix,
                }),
                Node::Not(inner) => {
                    let q = c.node(inner)?;
                    c.excluded.push(q);
                }
                Node::Phrase(_) if top.len() == 1 => {
                    let q = c.node(item)?;
                    c.required.push(q);
                }
                other => {
                    let q = c.node(other)?;
                    c.required.push(q);
                }
            }
        }
        if top.len() == 1
            && let Node::Phrase(text) = &top[0]
        {
            c.quoted = c.quoted_fields(text);
        }
        c.add_words(specs)?;
        c.add_preferences(dates, &organs, &organisations);
        if c.words.is_empty() && c.required.is_empty() && !c.preferences.is_empty() {
            // Only a body and a date ("vårdvalsutskottet maj 2025"): their
            // §, all of them.
            c.required.push(c.forms.dict.index.kind_query("paragraph"));
            c.required.append(&mut c.preferences);
        }
        c.filters = c.filters(req)?;
        // What was understood, with what the forms found.
        let u = &mut c.understanding;
        u.words = c.words.iter().map(|w| w.spec.typed.clone()).collect();
        for w in &c.words {
            match &w.spec.sense {
                Sense::Year(y) => u.years.push(*y),
                Sense::CaseNumber(n) => u.case_numbers.push((w.spec.typed.clone(), n.clone())),
                _ => {}
            }
        }
        u.organs = organs;
        u.organisations = organisations;
        Ok(c)
    }

    /// The organs and organisations of the index.
    fn known(&self) -> Result<std::sync::Arc<Known>> {
        let dict = &self.forms.dict;
        // The segments (and their deletions) of the searcher: what the
        // names are read from.
        let mut segments = dict.index.dir().display().to_string();
        for (id, deletes) in dict.searcher.generation().segments() {
            segments.push_str(&format!(" {}:{deletes:?}", id.uuid_string()));
        }
        known_for(segments, || {
            Ok(Known {
                organs: dict
                    .facet_names("organ")?
                    .iter()
                    .map(|n| Named::new(n))
                    .collect(),
                organisations: dict
                    .facet_names("organisation")?
                    .iter()
                    .map(|n| Named::new(n))
                    .collect(),
            })
        })
    }

    /// The phrase bonus and completed elided compounds of a run.
    fn take_run(&mut self, run: &Run) -> Result<()> {
        for t in &run.extras {
            for &(field, boost) in &self.forms.fields {
                self.optional
                    .push(boosted(term_query(field, t), boost * PART_WEIGHT));
            }
        }
        let f = self.forms.dict.index.fields();
        for phrase in &run.phrases {
            self.phrases = true;
            for &(field, boost) in &self.forms.fields {
                if (field == f.title || field == f.body)
                    && let Some(q) = text_query(field, phrase)
                {
                    self.optional.push(boosted(q, boost * PHRASE_WEIGHT));
                }
            }
        }
        Ok(())
    }

    /// The content words, each with its exact forms; very common ones
    /// become optional.
    fn add_words(&mut self, specs: Vec<WordSpec>) -> Result<()> {
        let specs = expressions(specs);
        let docs = self.forms.dict.docs();
        let mut words = Vec::with_capacity(specs.len());
        for spec in specs {
            let (exact, df) = self.forms.exact(&spec)?;
            words.push(Word { spec, exact, df });
        }
        let weak = |w: &Word| {
            w.spec.sense == Sense::Plain
                && docs >= rank::WEAK_WORD_MIN_DOCS
                && w.df as f64 > rank::WEAK_WORD_SHARE * docs as f64
        };
        if words.iter().any(|w| !weak(w)) || !self.required.is_empty() {
            for w in words {
                if weak(&w) {
                    self.understanding.optional.push(w.spec.typed.clone());
                    self.optional.push(should(w.exact));
                } else {
                    self.words.push(w);
                }
            }
        } else {
            self.words = words;
        }
        Ok(())
    }

    fn add_preferences(
        &mut self,
        dates: Option<dates::DateSpan>,
        organs: &[String],
        organisations: &[String],
    ) {
        let f = *self.forms.dict.index.fields();
        if let Some(span) = dates {
            self.understanding.dates = Some(describe(&span));
            self.preferences.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.date, span.from)),
                Bound::Included(Term::from_field_u64(f.date, span.to)),
            )));
        }
        for (root, names) in [("organ", organs), ("organisation", organisations)] {
            if names.is_empty() {
                continue;
            }
            let qs = names
                .iter()
                .map(|n| {
                    let facet = Facet::from_path([root, n.as_str()]);
                    Box::new(tantivy::query::TermQuery::new(
                        Term::from_facet(f.facets, &facet),
                        tantivy::schema::IndexRecordOption::Basic,
                    )) as Box<dyn Query>
                })
                .collect();
            self.preferences.push(should(qs));
        }
    }

    /// The levels of this query's relaxed ranking.
    pub fn levels(&self) -> Levels {
        Levels::new(self.words.len(), self.preferences.len())
    }

    /// The preferences as constant-scored optional clauses.
    fn preference_clauses(&self) -> Vec<(Occur, Box<dyn Query>)> {
        let unit = self.levels().preference;
        self.preferences
            .iter()
            .map(|q| {
                (
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(q.box_clone(), unit)) as Box<dyn Query>,
                )
            })
            .collect()
    }

    fn common_clauses(&self) -> Vec<(Occur, Box<dyn Query>)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.extend(self.required.iter().map(|q| (Occur::Must, q.box_clone())));
        clauses.extend(
            self.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        clauses.extend(self.optional.iter().map(|q| (Occur::Should, q.box_clone())));
        clauses.extend(self.preference_clauses());
        clauses
    }

    /// Every content word as typed, and the rest. A lone word is its flat
    /// union of term queries, which tantivy prunes with block-max WAND.
    pub fn strict(&self) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .words
            .iter()
            .map(|w| {
                (
                    Occur::Must,
                    should(w.exact.iter().map(|q| q.box_clone()).collect()),
                )
            })
            .collect();
        clauses.extend(self.common_clauses());
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            return clauses.remove(0).1;
        }
        if clauses.is_empty() {
            return Box::new(tantivy::query::EmptyQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Each content word with all its forms, at least `min_words` of them,
    /// ranked by `levels`; `need` is the number of hits the page asks for.
    pub fn relaxed(&self, min_words: usize, need: usize) -> Result<Box<dyn Query>> {
        let levels = self.levels();
        let docs = self.forms.dict.docs();
        let max_idf = self
            .words
            .iter()
            .map(|w| rank::word_idf(w.df, docs))
            .fold(0.1, f64::max);
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(self.words.len());
        for w in &self.words {
            let weight = rank::word_weight(w.df, max_idf, docs);
            let loose = self.forms.loose(&w.spec, w.df, need)?;
            words.push((
                Occur::Should,
                Box::new(WordQuery {
                    exact: should(w.exact.iter().map(|q| q.box_clone()).collect()),
                    loose: (!loose.is_empty()).then(|| should(loose)),
                    matched: levels.weight * weight + levels.matched,
                    exact_bonus: levels.exact,
                }),
            ));
        }
        let mut clauses = self.common_clauses();
        if !words.is_empty() {
            let inner: Box<dyn Query> = if words.len() == 1 {
                words.remove(0).1
            } else {
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    words,
                    min_words.max(1),
                ))
            };
            clauses.push((Occur::Must, inner));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Every § the query is about, for saved searches: each content word
    /// in any of its forms (no minimum below all), nothing ranked.
    pub fn all_words(&self) -> Result<Box<dyn Query>> {
        self.relaxed(self.words.len(), 0)
    }

    /// `q` with the request's filters.
    pub fn filtered(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        if self.filters.is_empty() {
            return q;
        }
        let mut clauses = vec![(Occur::Must, q)];
        clauses.extend(self.filters.iter().map(|f| {
            (
                Occur::Must,
                Box::new(ConstScoreQuery::new(f.box_clone(), 0.0)) as Box<dyn Query>,
            )
        }));
        Box::new(BooleanQuery::new(clauses))
    }

    /// A quoted phrase of several words, by field (title and body).
    fn quoted_fields(&self, text: &str) -> Option<Vec<prune::PhraseField>> {
        let tokens = analysis::analyze(text);
        if !is_phrase(&tokens) {
            return None;
        }
        let f = self.forms.dict.index.fields();
        Some(
            self.forms
                .fields
                .iter()
                .filter(|(field, _)| *field == f.title || *field == f.body)
                .map(|&(field, boost)| prune::PhraseField {
                    field,
                    boost,
                    terms: phrase_terms(field, &tokens),
                })
                .collect(),
        )
    }

    /// A node inside the query's structure (an `OR` group, `+x`, `-x`, a
    /// field, a phrase): required as it says, its words all required in
    /// any exact or compound form.
    fn node(&mut self, node: &Node) -> Result<Box<dyn Query>> {
        Ok(match node {
            Node::Words(text) => self.words_all(text)?,
            Node::Prefix(p) => {
                let spec = WordSpec {
                    typed: format!("{p}*"),
                    stem: p.to_lowercase(),
                    code: false,
                    sense: Sense::Prefix,
                };
                should(self.forms.exact(&spec)?.0)
            }
            Node::Phrase(text) => self.phrase(text),
            Node::Field { name, value } => self.field(name, value)?,
            Node::Must(inner) => self.node(inner)?,
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(tantivy::query::AllQuery) as Box<dyn Query>,
                ),
                (Occur::MustNot, self.node(inner)?),
            ])),
            Node::And(items) => {
                let mut clauses = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Node::Not(inner) => clauses.push((Occur::MustNot, self.node(inner)?)),
                        other => clauses.push((Occur::Must, self.node(other)?)),
                    }
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(items) => {
                let mut qs = Vec::with_capacity(items.len());
                for item in items {
                    qs.push(self.node(item)?);
                }
                should(qs)
            }
        })
    }

    /// A run of words with every word required, in its exact forms or the
    /// compounds it begins or ends; the run as a phrase for extra weight.
    fn words_all(&mut self, text: &str) -> Result<Box<dyn Query>> {
        let run = understand_run(text, &Known::default());
        self.take_run(&run)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for spec in &run.words {
            let (mut alts, df) = self.forms.exact(spec)?;
            alts.extend(self.forms.loose(spec, df, 0)?);
            clauses.push((Occur::Must, should(alts)));
        }
        if clauses.len() == 1 {
            return Ok(clauses.remove(0).1);
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// A quoted phrase in the title or body (the clauses are part of the
    /// body; a case number is one token).
    fn phrase(&mut self, text: &str) -> Box<dyn Query> {
        let tokens = analysis::analyze(text);
        let f = self.forms.dict.index.fields();
        for t in tokens.iter().filter(|t| t.kind != TokenKind::Part) {
            self.forms.highlight.borrow_mut().push(t.text.clone());
        }
        let mut qs = Vec::new();
        if is_phrase(&tokens) {
            self.phrases = true;
            for &(field, boost) in &self.forms.fields {
                if field == f.title || field == f.body {
                    qs.push(boosted(
                        Box::new(PhraseQuery::new_with_offset(phrase_terms(field, &tokens))),
                        boost,
                    ));
                }
            }
        } else {
            for &(field, boost) in &self.forms.fields {
                if let Some(q) = text_query(field, &tokens) {
                    qs.push(boosted(q, boost));
                }
            }
        }
        should(qs)
    }

    /// `field:value`: the value in that field; an organ by a word of its
    /// name or an abbreviation, a party by letters or name, a case number
    /// in any spelling, a prefix.
    fn field(&mut self, name: &str, value: &str) -> Result<Box<dyn Query>> {
        let (field, boost) = self
            .forms
            .dict
            .index
            .schema()
            .query_field(name)
            .ok_or_else(|| {
                Error::Internal(format!(
                    "query field {name} passed the parser but is unknown"
                ))
            })?;
        let f = *self.forms.dict.index.fields();
        if field == f.vote {
            return Ok(Box::new(ConstScoreQuery::new(
                raw_term_query(field, value),
                boost,
            )));
        }
        if field == f.person || field == f.reserved || field == f.moved {
            return self.named(field, boost, value);
        }
        if let Some(prefix) = value.strip_suffix('*') {
            let prefix = prefix.to_lowercase();
            let found = self
                .forms
                .dict
                .starting_with(&prefix, 0, rank::MAX_EXPANSIONS)?;
            let qs = found
                .iter()
                .map(|(t, _)| term_query(field, t))
                .collect::<Vec<_>>();
            return Ok(boosted(should(qs), boost));
        }
        if field == f.case {
            return Ok(boosted(
                Box::new(super::case::number_query(field, value)),
                boost,
            ));
        }
        let mut values: Vec<String> = vec![value.to_string()];
        if field == f.organ {
            values.extend(organs::abbreviation(value).iter().map(|s| s.to_string()));
        }
        if field == f.party
            && let Some((p, _)) = parties::party_named(&value.to_lowercase(), &[])
        {
            values.push(p.letters.to_string());
        }
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        for v in &values {
            let tokens = analysis::analyze(v);
            if let Some(q) = text_query(field, &tokens) {
                qs.push(q);
            }
            // A word of an organ's name in another form ("vårdvalsutskottet").
            if field == f.organ && tokens.len() == 1 {
                for other in lexicon::other_stems(v, &tokens[0].text) {
                    qs.push(term_query(field, &other));
                }
            }
            for t in &tokens {
                self.forms.highlight.borrow_mut().push(t.text.clone());
            }
        }
        Ok(boosted(should(qs), boost))
    }

    /// `person:`, `reserved:` or `moved:`: a name (whole, or a surname) or,
    /// for the last two, a party by letters or name, each one term of the
    /// field; `person:` also finds the name as a phrase in the title or
    /// body. A `*` at the end: the field's terms it begins.
    fn named(&mut self, field: Field, boost: f32, value: &str) -> Result<Box<dyn Query>> {
        let f = *self.forms.dict.index.fields();
        let mut terms: Vec<String> = Vec::new();
        let prefix = value.strip_suffix('*');
        if let Some(prefix) = prefix {
            let key = person_name::name_key(prefix);
            if !key.is_empty() {
                terms.extend(
                    self.forms
                        .dict
                        .field_starting_with(field, &key, rank::MAX_EXPANSIONS)?
                        .into_iter()
                        .map(|(t, _)| t),
                );
            }
        } else {
            let key = person_name::name_key(value);
            if !key.is_empty() {
                terms.push(key);
            }
            if field != f.person {
                terms.extend(party_terms(value));
            }
        }
        let mut qs: Vec<Box<dyn Query>> = terms
            .iter()
            .map(|t| {
                Box::new(ConstScoreQuery::new(raw_term_query(field, t), boost)) as Box<dyn Query>
            })
            .collect();
        let tokens = analysis::analyze(prefix.unwrap_or(value));
        if field == f.person && prefix.is_none() {
            let schema = self.forms.dict.index.schema();
            for text_field in [f.title, f.body] {
                if let Some(q) = text_query(text_field, &tokens) {
                    qs.push(boosted(q, schema.boost(text_field)));
                }
            }
        }
        for t in tokens.iter().filter(|t| t.kind != TokenKind::Part) {
            self.forms.highlight.borrow_mut().push(t.text.clone());
        }
        Ok(should(qs))
    }

    fn filters(&self, req: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
        let f = self.forms.dict.index.fields();
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if req.from.is_some() || req.to.is_some() {
            let lo = match &req.from {
                Some(v) => Bound::Included(Term::from_field_u64(
                    f.date,
                    dates::date_bound("from", v, false)?,
                )),
                None => Bound::Unbounded,
            };
            let hi = match &req.to {
                Some(v) => Bound::Included(Term::from_field_u64(
                    f.date,
                    dates::date_bound("to", v, true)?,
                )),
                None => Bound::Unbounded,
            };
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        for (value, field, option) in [
            (&req.organ, f.organ, "organ"),
            (&req.organisation, f.organisation, "organisation"),
        ] {
            if let Some(v) = value {
                let tokens = analysis::analyze(v);
                let q = text_query(field, &tokens).ok_or_else(|| Error::Option {
                    option: option.to_string(),
                    message: format!("{v:?} has no words to match"),
                })?;
                out.push(q);
            }
        }
        if let Some(v) = &req.case {
            if !v.chars().any(char::is_alphanumeric) {
                return Err(Error::Option {
                    option: "case".into(),
                    message: format!("{v:?} has no words to match"),
                });
            }
            out.push(Box::new(super::case::number_query(f.case, v)));
        }
        Ok(out)
    }
}

/// A term query on a raw (string) field.
fn raw_term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(tantivy::query::TermQuery::new(
        Term::from_field_text(field, text),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// The party terms a `reserved:` or `moved:` value may mean: its letters
/// as typed (`SD`, `sd`, a local party's), or the party it names
/// ("Sverigedemokraterna", "feministiskt initiativ").
fn party_terms(value: &str) -> Vec<String> {
    let words: Vec<String> = value.split_whitespace().map(str::to_lowercase).collect();
    let mut out = Vec::new();
    if words.len() == 1 {
        out.push(parties::party_term(value.trim()));
    }
    if let Some((first, rest)) = words.split_first() {
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        if let Some((p, took)) = parties::party_named(first, &rest)
            && took == rest.len()
            && !out.iter().any(|t| t == p.letters)
        {
            out.push(p.letters.to_string());
        }
    }
    out
}

/// Runs of plain words that are a synonym group's member of several words
/// ("artificiell intelligens") made one content word.
fn expressions(specs: Vec<WordSpec>) -> Vec<WordSpec> {
    let mut out: Vec<WordSpec> = Vec::with_capacity(specs.len());
    let mut i = 0;
    while i < specs.len() {
        let plain: Vec<&str> = specs[i..]
            .iter()
            .take_while(|w| w.sense == Sense::Plain)
            .map(|w| w.stem.as_str())
            .collect();
        if let Some((n, member, others)) = synonyms::expression_at(&plain) {
            let typed: Vec<&str> = specs[i..i + n].iter().map(|w| w.typed.as_str()).collect();
            out.push(WordSpec {
                typed: typed.join(" "),
                stem: plain[..n].join(" "),
                code: false,
                sense: Sense::Expression(member, others),
            });
            i += n;
        } else {
            out.push(specs[i].clone());
            i += 1;
        }
    }
    out
}

/// Whether analysed tokens make a phrase (more than one whole word or code).
pub(crate) fn is_phrase(tokens: &[analysis::AnalyzedToken]) -> bool {
    tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Code))
        .count()
        > 1
}

/// Whether a run of words may name an organ or organisation: a word in
/// capitals or capitalised, or one with an organ kind ("socialnämnden").
fn needs_names(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || organs::names_organ_kind(&w.to_lowercase(), true)
    })
}

fn describe(span: &dates::DateSpan) -> (String, String) {
    let show = |d: u64| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100);
    (show(span.from), show(span.to))
}
