//! The top hits of a quoted phrase without checking every match.
//!
//! tantivy skips documents that cannot reach the top hits (block-max WAND)
//! for term queries only. A phrase is checked position by position in every
//! § that holds all its words, and scored, even to keep ten: "enligt
//! kommunstyrelsens förslag" is found in 139,000 § of a million generated
//! ones, and checking them all took 18 ms.
//!
//! [`PrunedPhrase`] finds the same top hits with the same scores, and checks
//! positions only where a match could enter them. For each § holding all the
//! phrase's words in a field it first computes, from term frequencies and
//! the field length alone, an upper bound of the phrase's BM25 score: a
//! phrase scores `boost · Σ idf · (1 + k1) · ptf / (ptf + norm)`, increasing
//! in the phrase frequency `ptf`, which is at most the smallest frequency of
//! its words. Only a § whose bound (summed over the fields) beats the
//! running top-k threshold has its filters and positions checked, by
//! tantivy's own phrase scorers, whose scores are the hits' scores. Where no
//! other field has a candidate, the rarest word's frequency alone bounds the
//! phrase, and the § it rules out are passed over without seeking the other
//! words. Segments share the best threshold any of them has reached.
//!
//! Matching, counting and explaining are those of the exact query.

use std::sync::atomic::{AtomicU32, Ordering};
use tantivy::postings::Postings;
use tantivy::query::{
    Bm25Weight, BooleanQuery, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term};

fn checked_filters(
    filters: &[Box<dyn Weight>],
    reader: &SegmentReader,
) -> tantivy::Result<Vec<Checked>> {
    filters
        .iter()
        .map(|w| Ok(Checked::new(w.scorer(reader, 1.0)?)))
        .collect()
}

/// Slack on the bound against float rounding.
const ROUNDING_SLACK: Score = 1.0001;

/// The phrase in one field: its terms with their positions in the phrase.
#[derive(Debug, Clone)]
pub(crate) struct PhraseField {
    /// The field.
    pub field: Field,
    /// Its boost.
    pub boost: Score,
    /// (position in the phrase, term), at least two.
    pub terms: Vec<(usize, Term)>,
}

/// The request's query, whose user part is one phrase over `fields` (summed
/// in that order) and whose other clauses are zero-scored filters.
#[derive(Debug)]
pub(crate) struct PrunedPhrase {
    exact: BooleanQuery,
    fields: Vec<PhraseField>,
    filters: Vec<Box<dyn Query>>,
}

impl PrunedPhrase {
    /// `exact` must match what `fields` and `filters` describe.
    pub(crate) fn new(
        exact: BooleanQuery,
        fields: Vec<PhraseField>,
        filters: Vec<Box<dyn Query>>,
    ) -> PrunedPhrase {
        PrunedPhrase {
            exact,
            fields,
            filters,
        }
    }
}

impl Clone for PrunedPhrase {
    fn clone(&self) -> Self {
        PrunedPhrase {
            exact: self.exact.clone(),
            fields: self.fields.clone(),
            filters: self.filters.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for PrunedPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let exact = self.exact.weight(scoring)?;
        let Some(searcher) = scoring.searcher().filter(|_| scoring.is_scoring_enabled()) else {
            return Ok(Box::new(PrunedPhraseWeight {
                exact,
                fields: Vec::new(),
                filters: Vec::new(),
                shared_threshold: AtomicU32::new(0),
            }));
        };
        let mut fields = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let terms: Vec<Term> = f.terms.iter().map(|(_, t)| t.clone()).collect();
            let bm25 = Bm25Weight::for_terms(searcher, &terms)?.boost_by(f.boost);
            let phrase = PhraseQuery::new_with_offset(f.terms.clone()).weight(scoring)?;
            fields.push(FieldWeight {
                field: f.field,
                boost: f.boost,
                terms,
                bm25,
                phrase,
            });
        }
        let filters = self
            .filters
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(PrunedPhraseWeight {
            exact,
            fields,
            filters,
            shared_threshold: AtomicU32::new(0),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.exact.query_terms(visitor);
    }
}

struct FieldWeight {
    field: Field,
    boost: Score,
    terms: Vec<Term>,
    /// The phrase's BM25 weight, boosted: the bound's.
    bm25: Bm25Weight,
    /// The exact phrase query.
    phrase: Box<dyn Weight>,
}

struct PrunedPhraseWeight {
    exact: Box<dyn Weight>,
    /// Empty when scoring is off: then nothing is pruned.
    fields: Vec<FieldWeight>,
    filters: Vec<Box<dyn Weight>>,
    /// The best top-k threshold any segment has reached so far (the bits of
    /// a non-negative f32, which order as the floats do). tantivy starts
    /// each segment's top hits from nothing; but a § that does not beat
    /// the k-th best of one segment cannot be among the k best of all, so
    /// segments searched later (or at the same time) prune with it.
    shared_threshold: AtomicU32,
}

impl PrunedPhraseWeight {
    fn shared_threshold(&self) -> Score {
        Score::from_bits(self.shared_threshold.load(Ordering::Relaxed))
    }

    fn share_threshold(&self, threshold: Score) {
        if threshold > 0.0 {
            self.shared_threshold
                .fetch_max(threshold.to_bits(), Ordering::Relaxed);
        }
    }
}

impl Weight for PrunedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.exact.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.exact.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.exact.count(reader)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if self.fields.is_empty() {
            return self.exact.for_each_pruning(threshold, reader, callback);
        }
        let mut fields = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            if let Some(s) = SegmentField::new(f, reader)? {
                fields.push(s);
            }
        }
        let mut filters = checked_filters(&self.filters, reader)?;
        let mut threshold = threshold;
        loop {
            let doc = fields.iter().map(|f| f.doc).min().unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return Ok(());
            }
            let mut bound: Score = 0.0;
            for f in fields.iter().filter(|f| f.doc == doc) {
                bound += f.bound();
            }
            let threshold_now = threshold.max(self.shared_threshold());
            if bound * ROUNDING_SLACK > threshold_now && filters.iter_mut().all(|c| c.matches(doc))
            {
                // The exact score, summed as the exact query sums it.
                let mut score: Score = 0.0;
                let mut matched = false;
                for f in fields.iter_mut().filter(|f| f.doc == doc) {
                    if f.phrase.matches(doc) {
                        score += f.phrase.scorer.score();
                        matched = true;
                    }
                }
                if matched && score > threshold_now {
                    threshold = callback(doc, score);
                    self.share_threshold(threshold);
                }
            }
            for f in fields.iter_mut().filter(|f| f.doc == doc) {
                f.advance();
            }
            // Each field passes over the documents, before any other
            // field's next candidate, where its rarest word alone shows the
            // phrase cannot beat the threshold: without seeking the others.
            let threshold_now = threshold.max(self.shared_threshold());
            for i in 0..fields.len() {
                let horizon = fields
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, g)| g.doc)
                    .min()
                    .unwrap_or(TERMINATED);
                fields[i].skip_below(threshold_now, horizon);
            }
        }
    }
}

/// A scorer asked, for increasing documents, whether it matches each: by
/// `seek_danger`, which checks a document without scanning past it.
struct Checked {
    scorer: Box<dyn Scorer>,
    /// No match before this document.
    next: DocId,
}

impl Checked {
    fn new(scorer: Box<dyn Scorer>) -> Checked {
        let next = scorer.doc();
        Checked { scorer, next }
    }

    /// Whether the scorer matches `doc`; `doc` must grow from call to call.
    fn matches(&mut self, doc: DocId) -> bool {
        if doc < self.next {
            return false;
        }
        match self.scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                self.next = doc + 1;
                true
            }
            SeekDangerResult::SeekLowerBound(next) => {
                self.next = next;
                false
            }
        }
    }
}

/// One field of the phrase in one segment: the documents holding all its
/// terms, with what the bound needs.
struct SegmentField<'a> {
    weight: &'a FieldWeight,
    /// The terms' postings, rarest first, all on `doc`.
    postings: Vec<tantivy::postings::SegmentPostings>,
    fieldnorms: tantivy::fieldnorm::FieldNormReader,
    phrase: Checked,
    doc: DocId,
}

impl<'a> SegmentField<'a> {
    /// None when a term is not in the segment.
    fn new(weight: &'a FieldWeight, reader: &SegmentReader) -> tantivy::Result<Option<Self>> {
        let inverted = reader.inverted_index(weight.field)?;
        let mut postings = Vec::with_capacity(weight.terms.len());
        for term in &weight.terms {
            match inverted.read_postings(term, IndexRecordOption::WithFreqs)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        postings.sort_by_key(|p| p.doc_freq());
        let mut field = SegmentField {
            weight,
            postings,
            fieldnorms: reader.get_fieldnorms_reader(weight.field)?,
            phrase: Checked::new(weight.phrase.scorer(reader, weight.boost)?),
            doc: 0,
        };
        field.doc = field.align();
        Ok(Some(field))
    }

    /// Moves every term to the first document at or after the rarest
    /// term's that holds them all.
    fn align(&mut self) -> DocId {
        let (first, rest) = self.postings.split_at_mut(1);
        let mut doc = first[0].doc();
        'search: while doc != TERMINATED {
            for p in rest.iter_mut() {
                let mut d = p.doc();
                if d < doc {
                    d = p.seek(doc);
                }
                if d > doc {
                    doc = first[0].seek(d);
                    continue 'search;
                }
            }
            break;
        }
        doc
    }

    fn advance(&mut self) {
        self.postings[0].advance();
        self.doc = self.align();
    }

    /// Moves on from `doc` past the documents before `horizon` where the
    /// rarest term alone bounds the phrase at most `threshold` (the phrase
    /// frequency is at most that term's frequency), reading only that
    /// term's postings; then aligns the others.
    fn skip_below(&mut self, threshold: Score, horizon: DocId) {
        let lead = &mut self.postings[0];
        let mut skipped = false;
        while lead.doc() < horizon {
            let doc = lead.doc();
            let bound = self
                .weight
                .bm25
                .score(self.fieldnorms.fieldnorm_id(doc), lead.term_freq());
            if bound * ROUNDING_SLACK > threshold {
                break;
            }
            lead.advance();
            skipped = true;
        }
        if skipped {
            self.doc = self.align();
        }
    }

    /// The most the phrase can score in `doc`: at its words' least frequency.
    fn bound(&self) -> Score {
        let tf = self
            .postings
            .iter()
            .map(|p| p.term_freq())
            .min()
            .unwrap_or(0);
        self.weight
            .bm25
            .score(self.fieldnorms.fieldnorm_id(self.doc), tf)
    }
}
