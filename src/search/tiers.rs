//! One content word of a relaxed query as a tantivy query that knows how it
//! matched: its exact forms (the word as typed and its inflections) and its
//! loose ones (compound parts, synonyms, corrected spellings). A § matching
//! it scores its BM25 plus the `matched` level, plus the `exact` level when
//! an exact form is among what matched (`rank::Levels`). Summed over the
//! words in a boolean query, the score then orders § by how many words they
//! match, then by how many exactly, then by BM25, in one pass.
//!
//! A word matched in an exact form scores that form's BM25 alone, whatever
//! loose forms the § also has: so a § with every word as typed scores the
//! same in the relaxed query as in the strict one, and the page does not
//! depend on which query the plan ran.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// A content word: a § matches it through `exact` or `loose`.
#[derive(Debug)]
pub(crate) struct WordQuery {
    pub exact: Box<dyn Query>,
    pub loose: Option<Box<dyn Query>>,
    /// Added once when the word matches at all: its weight's levels and
    /// one word's.
    pub matched: Score,
    /// Added once more when it matches through `exact`.
    pub exact_bonus: Score,
}

impl Clone for WordQuery {
    fn clone(&self) -> Self {
        WordQuery {
            exact: self.exact.box_clone(),
            loose: self.loose.as_ref().map(|q| q.box_clone()),
            matched: self.matched,
            exact_bonus: self.exact_bonus,
        }
    }
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(WordWeight {
            exact: self.exact.weight(scoring)?,
            loose: match &self.loose {
                Some(q) => Some(q.weight(scoring)?),
                None => None,
            },
            matched: self.matched,
            exact_bonus: self.exact_bonus,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.exact.query_terms(visitor);
        if let Some(q) = &self.loose {
            q.query_terms(visitor);
        }
    }
}

struct WordWeight {
    exact: Box<dyn Weight>,
    loose: Option<Box<dyn Weight>>,
    matched: Score,
    exact_bonus: Score,
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let exact = self.exact.scorer(reader, boost)?;
        let loose = match &self.loose {
            Some(w) => Some(w.scorer(reader, boost)?),
            None => None,
        };
        let mut scorer = WordScorer {
            exact,
            loose,
            doc: 0,
            matched: self.matched,
            exact_bonus: self.exact_bonus,
        };
        scorer.doc = scorer.current();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "content word (level and BM25)",
            scorer.score(),
        ))
    }
}

struct WordScorer {
    exact: Box<dyn Scorer>,
    loose: Option<Box<dyn Scorer>>,
    doc: DocId,
    matched: Score,
    exact_bonus: Score,
}

impl WordScorer {
    fn current(&self) -> DocId {
        let loose = self.loose.as_ref().map_or(TERMINATED, |s| s.doc());
        self.exact.doc().min(loose)
    }
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.exact.doc() == self.doc {
            self.exact.advance();
        }
        if let Some(l) = &mut self.loose
            && l.doc() == self.doc
        {
            l.advance();
        }
        self.doc = self.current();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if self.exact.doc() < target {
            self.exact.seek(target);
        }
        if let Some(l) = &mut self.loose
            && l.doc() < target
        {
            l.seek(target);
        }
        self.doc = self.current();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.exact
            .size_hint()
            .saturating_add(self.loose.as_ref().map_or(0, |l| l.size_hint()))
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        if self.exact.doc() == self.doc {
            return self.matched + self.exact_bonus + self.exact.score();
        }
        match &mut self.loose {
            Some(l) if l.doc() == self.doc => self.matched + l.score(),
            _ => self.matched,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, STORED, Schema, TEXT, Value};
    use tantivy::{TantivyDocument, doc};

    /// 1. A § with both words ranks above § with one, whatever their BM25.
    /// 2. Among § with both words, one with both as typed ranks first.
    /// 3. A word matched both ways counts once, at its exact form's score.
    #[test]
    fn words_then_exact_words_then_bm25() {
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT | STORED);
        let index = tantivy::Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for t in [
            "alfa alfa alfa alfa", // one word, high tf
            "alfa beta",           // both exact
            "alfa betas",          // alfa exact, beta loose
            "alfa beta betas",     // both, beta both ways
            "gamma",               // nothing
        ] {
            writer.add_document(doc!(text => t)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let levels = crate::search::rank::Levels::new(2, 0);
        let word = |exact: &str, loose: Option<&str>| -> Box<dyn Query> {
            Box::new(WordQuery {
                exact: term(exact),
                loose: loose.map(term),
                matched: levels.weight + levels.matched,
                exact_bonus: levels.exact,
            })
        };
        let q = BooleanQuery::with_minimum_required_clauses(
            vec![
                (Occur::Should, word("alfa", None)),
                (Occur::Should, word("beta", Some("betas"))),
            ],
            1,
        );
        let top = searcher
            .search(&q, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let texts: Vec<String> = top
            .iter()
            .map(|(_, a)| {
                let d: TantivyDocument = searcher.doc(*a).unwrap();
                d.get_first(text)
                    .and_then(|v| v.as_str())
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(texts[3], "alfa alfa alfa alfa");
        assert_eq!(texts[2], "alfa betas");
        let (m, e, _, _) = levels.split(top[0].0);
        assert_eq!((m, e), (2, 2));
        let (m, e, _, _) = levels.split(top[2].0);
        assert_eq!((m, e), (2, 1));
        let (m, e, _, _) = levels.split(top[3].0);
        assert_eq!((m, e), (1, 1));
    }
}
