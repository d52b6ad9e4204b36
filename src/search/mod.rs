//! Stage 4: search. A request ([`SearchRequest`]) becomes a page of §
//! hits ([`SearchResults`]), by concept:
//!
//! - `request`: what is asked and answered (the `--json` output);
//! - [`query`]: the query language's grammar, `syntax` its words; errors
//!   point at a column;
//! - `understand`: what the words mean (dates, organs, parties, case
//!   numbers, question words), reported as [`Understanding`]; `names`:
//!   the organs and organisations of the index a query names;
//! - `forms` and `expand`: the forms a word is looked for in, from the
//!   index's own dictionaries (inflections, compounds, synonyms, typos,
//!   accents);
//! - `compile`: the strict and relaxed tantivy queries; `tiers`: the word
//!   query that knows how a § matched;
//! - `plan`: which query runs, so that only what can change the page is
//!   done; `prune`: the pruned top hits of a quoted phrase;
//! - `rank`: every ranking weight, and why;
//! - `collect`: top hits, counts, facets, date orders, ties;
//! - `snippet`: snippets and marked titles; `dates`: dates in queries and
//!   options;
//! - [`case`]: case threads; [`watch`]: saved searches.

mod bounds;
pub use bounds::{MAX_QUERY_CHARS, MAX_QUERY_WORDS, MAX_RESULT_WINDOW};
pub mod case;
mod collect;
mod compile;
mod dates;
mod expand;
mod facets;
mod forms;
mod names;
mod plan;
mod prune;
pub mod query;
mod rank;
mod request;
mod snippet;
mod syntax;
mod tiers;
mod understand;
pub mod watch;

pub use request::{
    Coverage, Facets, Hit, HitParagraph, JSON_SCHEMA_VERSION, SearchRequest, SearchResults,
    Snippet, Sort, TOTAL_COUNT_LIMIT, Understanding,
};

use crate::error::{Error, Result};
use crate::index::Index;
use crate::protocol::{Meeting, Paragraph};
use collect::{Page, Scored, collect, count_up_to, scored_up_to};
use compile::Compiled;
use expand::Dictionary;
use plan::Plan;
use rank::Levels;
use snippet::Highlighter;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::{DocAddress, Searcher, TantivyDocument};

impl Index {
    /// [`Index::search`], without the guard against damaged index files.
    pub(crate) fn search_unguarded(&self, req: &SearchRequest) -> Result<SearchResults> {
        bounds::check(req)?;
        let searcher = self.searcher()?;
        let c = Compiled::new(Dictionary::new(self, &searcher), req)?;
        let limit = req.limit.max(1);
        let need = req.offset + limit;
        // At least the hits asked for, so that a page is never cut short.
        let count_limit = req.count_limit.map_or(usize::MAX, |n| n.max(need));
        let page = Page {
            offset: req.offset,
            limit,
            sort: req.sort,
            recent: req.recent,
            facets: req.facets,
        };
        let strict = c.strict();
        // A strict query tantivy cannot prune (an intersection of several
        // words, or a word and filters) is scored over every match anyway:
        // its page and its count are taken in that one pass, instead of a
        // count first and the same matches scored after it.
        let unprunable = c.quoted.is_none() && (c.words.len() >= 2 || !c.filters.is_empty());
        let mut early: Option<collect::Collected> = None;
        let strict_total = if c.words.is_empty() {
            None
        } else if unprunable {
            let got = collect(&searcher, &*c.filtered(strict.box_clone()), page, true)?;
            let total = got.total.unwrap_or(0);
            early = Some(got);
            Some(total.min(count_limit))
        } else {
            Some(count_up_to(
                &searcher,
                &*c.filtered(strict.box_clone()),
                count_limit,
            )?)
        };
        let plan = plan::plan(c.words.len(), strict_total.unwrap_or(0), need, req.sort);
        let levels = c.levels();
        let mut understanding = c.understanding.clone();
        let (top, total, total_exact, facets) = match plan {
            Plan::Strict => self.strict_page(
                &searcher,
                &c,
                strict,
                (strict_total, early),
                page,
                count_limit,
            )?,
            Plan::Relaxed { mut min_words } => loop {
                let q = c.filtered(c.relaxed(min_words, need)?);
                // The relaxed query is not pruned: it is counted in the same pass.
                let got = collect(&searcher, &*q, page, true)?;
                let total = match got.total {
                    Some(t) => t,
                    None => count_up_to(&searcher, &*q, count_limit)?,
                };
                if let Some(lower) = plan::relax_further(min_words, total) {
                    min_words = lower;
                    continue;
                }
                let best = got.top.first().map(|(s, _)| levels.split(*s).0);
                if best.is_some_and(|m| m < c.words.len()) {
                    understanding.relaxed = Some(min_words);
                }
                break (got.top, total, total < count_limit, got.facets);
            },
        };
        let notes = c.forms.notes.take();
        understanding.parties = notes.parties;
        understanding.corrections = notes.corrections;
        understanding.synonyms = notes.synonyms;
        if total < need {
            understanding.did_you_mean = notes.did_you_mean;
        }
        understanding.summarise();
        let highlighter = Highlighter::new(c.forms.highlight.take());
        // A limit of 0 counts without hits (the collectors need at least 1).
        let mut top = top;
        top.truncate(req.limit);
        let relaxed = matches!(plan, Plan::Relaxed { .. });
        let hits = self.hits(
            &searcher,
            &highlighter,
            top,
            levels,
            relaxed.then_some(c.words.len()),
        )?;
        Ok(SearchResults {
            schema_version: JSON_SCHEMA_VERSION,
            total,
            total_exact,
            understood: understanding,
            hits,
            facets,
        })
    }

    /// The page of the strict query: the top hits pruned where tantivy can
    /// (block-max WAND for words; `prune` for a quoted phrase). `counted`:
    /// its matches, if counted already; `collected`: its page and count,
    /// if taken already in one pass (a query tantivy cannot prune).
    fn strict_page(
        &self,
        searcher: &Searcher,
        c: &Compiled<'_>,
        strict: Box<dyn Query>,
        (counted, collected): (Option<usize>, Option<collect::Collected>),
        page: Page,
        count_limit: usize,
    ) -> Result<(Scored, usize, bool, Option<Facets>)> {
        let q = c.filtered(strict.box_clone());
        let plain = page.sort == Sort::Relevance && !page.recent && !page.facets;
        if plain && let Some(fields) = &c.quoted {
            // A quoted phrase alone: few matches are scored in one pass
            // that stops at the count limit; many are pruned.
            let k = page.need() + collect::TIE_SLACK;
            return Ok(match scored_up_to(searcher, &*q, k, count_limit)? {
                Some((top, total)) => (
                    collect::newest_first_on_ties(searcher, top, page),
                    total,
                    true,
                    None,
                ),
                None => {
                    let filters: Vec<Box<dyn Query>> = c
                        .filters
                        .iter()
                        .map(|f| {
                            Box::new(ConstScoreQuery::new(f.box_clone(), 0.0)) as Box<dyn Query>
                        })
                        .collect();
                    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, strict)];
                    clauses.extend(filters.iter().map(|f| (Occur::Must, f.box_clone())));
                    let pruned = prune::PrunedPhrase::new(
                        BooleanQuery::new(clauses),
                        fields.clone(),
                        filters,
                    );
                    let top = searcher.search(&pruned, &TopDocs::with_limit(k).order_by_score())?;
                    (
                        collect::newest_first_on_ties(searcher, top, page),
                        count_limit,
                        false,
                        None,
                    )
                }
            });
        }
        // Alone, a flat union of terms is pruned by tantivy; with filters,
        // the intersection is smaller than what the pruning would visit.
        let run_on = if c.filters.is_empty() {
            strict
        } else {
            q.box_clone()
        };
        // The page may be collected already, with the count (see `unprunable`).
        let got = match collected {
            Some(got) => got,
            None => {
                let count_now = counted.is_none() && (page.facets || c.phrases);
                collect(searcher, &*run_on, page, count_now)?
            }
        };
        let total = match (got.total, counted) {
            (Some(t), _) if page.facets => t,
            (_, Some(t)) => t,
            (Some(t), None) => t,
            (None, None) => count_up_to(searcher, &*q, count_limit)?,
        };
        let exact = page.facets || total < count_limit;
        Ok((got.top, total, exact, got.facets))
    }

    /// Every § matching a request (each content word in some form), best
    /// first, with its score, meeting id and § number; and what marks
    /// their snippets (for [`Index::hits`]).
    pub(crate) fn matching(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
    ) -> Result<(Highlighter, Levels, Vec<Matched>)> {
        bounds::check(req)?;
        let c = Compiled::new(Dictionary::new(self, searcher), req)?;
        let q = if c.words.is_empty() {
            c.filtered(c.strict())
        } else {
            c.filtered(c.all_words()?)
        };
        let levels = c.levels();
        let highlighter = Highlighter::new(c.forms.highlight.take());
        let total = q.count(searcher)?;
        if total == 0 {
            return Ok((highlighter, levels, Vec::new()));
        }
        let top = searcher.search(&*q, &TopDocs::with_limit(total).order_by_score())?;
        let f = *self.fields();
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = crate::index::stored_text(&doc, f.meeting_id).unwrap_or_default();
            let number = doc
                .get_first(f.number)
                .and_then(|v| tantivy::schema::Value::as_u64(&v))
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or_default();
            out.push(Matched {
                score,
                addr,
                meeting_id: id.to_string(),
                number,
            });
        }
        Ok((highlighter, levels, out))
    }

    /// A stored § as search hits show it (no sections), its protocol file and meeting.
    pub(crate) fn stored_hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<(Paragraph, String, std::sync::Arc<Meeting>)> {
        let f = *self.fields();
        let doc: TantivyDocument = searcher.doc(addr)?;
        let para = crate::index::stored_hit_paragraph(&doc, &f)?;
        let source = crate::index::stored_text(&doc, f.source)
            .unwrap_or_default()
            .to_string();
        let meeting = self
            .cached_meeting(searcher, &source)?
            .ok_or_else(|| Error::Internal(format!("no meeting stored for {source}")))?;
        Ok((para, source, meeting))
    }

    /// Search hits for scored documents, marked by `highlighter`; scores
    /// taken apart by `levels`, with the coverage of `words` content words
    /// when given.
    pub(crate) fn hits(
        &self,
        searcher: &Searcher,
        highlighter: &Highlighter,
        top: Scored,
        levels: Levels,
        words: Option<usize>,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let (para, source, meeting) = self.stored_hit(searcher, addr)?;
            let (matched, _, _, bm25) = levels.split(score);
            hits.push(Hit {
                score: bm25,
                meeting: Meeting::clone(&meeting),
                title: highlighter.title(&para.title),
                snippet: highlighter.body(&para.body),
                coverage: words.map(|of| request::Coverage { matched, of }),
                paragraph: HitParagraph {
                    number: para.number,
                    title: para.title,
                    case_number: para.case_number,
                    page: para.page,
                    decision: para.decision,
                    positions: para.positions,
                    votes: para.votes,
                },
                source,
            });
        }
        Ok(hits)
    }
}

/// One § matching a request.
pub(crate) struct Matched {
    pub score: tantivy::Score,
    pub addr: DocAddress,
    pub meeting_id: String,
    pub number: u32,
}
