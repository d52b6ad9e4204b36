//! Stage 4: search. Query parsing (`query`), building the ranked tantivy
//! query, snippets and facets.
//!
//! Ranking is BM25 over title, decision clauses, body and case number with
//! the boosts of `index-schema/` (title > clauses > body). A run of words
//! also scores as a phrase, so phrase matches rank above scattered words.
//! Compound parts are found by expanding each query word over the index's
//! term dictionary ("primärvård" also matches "primärvårdsuppdrag"), at a
//! lower weight than the exact word; and over a second dictionary of the
//! index's words read backwards (`index::heads`), "skola" also matches
//! "grundskolan" and "förskolor". `--recent` multiplies by a recency factor.

mod bounds;
pub use bounds::{MAX_QUERY_CHARS, MAX_QUERY_WORDS, MAX_RESULT_WINDOW};
pub mod case;
mod facets;
mod prune;
pub mod query;
pub mod watch;

use crate::analysis::{self, TokenKind};
use crate::error::{Error, Result};
use crate::index::Index;
use crate::protocol::{Decision, Meeting, Paragraph};
use query::Node;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

/// Weight of a compound-part match relative to the exact word.
const PART_WEIGHT: f32 = 0.3;
/// Most terms one query word expands to, per field.
const MAX_EXPANSIONS: usize = 16;
/// Most compounds one query word is found as the head of.
const MAX_HEAD_EXPANSIONS: usize = 4;
/// A word in more than one § in this many, and in more than
/// [`COMMON_WORD_DOCS`], is not looked for as a compound's head.
const COMMON_WORD_SHARE: u64 = 50;
/// See [`COMMON_WORD_SHARE`].
const COMMON_WORD_DOCS: u64 = 1_000;
/// Query words shorter than this (in characters) are not expanded.
const MIN_EXPANDED_CHARS: usize = 5;
/// Extra weight of a run of words found as a phrase.
const PHRASE_WEIGHT: f32 = 2.0;
/// A search counts matching § up to this many, unless asked for the exact
/// total: counting a word found in most of a million § takes longer than
/// finding its top hits (Elasticsearch's `track_total_hits` default, for
/// the same reason).
pub const TOTAL_COUNT_LIMIT: usize = 10_000;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// A search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Earliest meeting date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Latest meeting date, likewise.
    pub to: Option<String>,
    /// Only this organ (its words, as a phrase).
    pub organ: Option<String>,
    /// Only this organisation (its words, as a phrase).
    pub organisation: Option<String>,
    /// Only this case number.
    pub case: Option<String>,
    /// Rank recent meetings higher.
    pub recent: bool,
    /// Count hits by organisation, organ and year.
    pub facets: bool,
    /// Count matches up to this many (then [`SearchResults::total_exact`]
    /// is false), or every match when None. Default
    /// [`TOTAL_COUNT_LIMIT`]. Facets always count every match.
    #[serde(default = "default_count_limit")]
    pub count_limit: Option<usize>,
}

fn default_count_limit() -> Option<usize> {
    Some(TOTAL_COUNT_LIMIT)
}

impl SearchRequest {
    /// A request for `query` with the defaults: 10 hits, no filters.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            from: None,
            to: None,
            organ: None,
            organisation: None,
            case: None,
            recent: false,
            facets: false,
            count_limit: default_count_limit(),
        }
    }
}

/// The paragraph part of a hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitParagraph {
    /// § number.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Case number.
    pub case_number: Option<String>,
    /// The page of the source file the § starts on, if it has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Decision.
    pub decision: Decision,
}

/// A piece of the body with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Snippet {
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that matched, in order.
    pub highlights: Vec<(usize, usize)>,
}

/// One search hit: a § with its meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Relevance score.
    pub score: f32,
    /// The meeting.
    pub meeting: Meeting,
    /// The paragraph.
    pub paragraph: HitParagraph,
    /// Body snippet.
    pub snippet: Snippet,
    /// The protocol file.
    pub source: String,
}

/// Hit counts by organisation, organ and year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    /// By organisation.
    pub organisation: BTreeMap<String, u64>,
    /// By organ.
    pub organ: BTreeMap<String, u64>,
    /// By year.
    pub year: BTreeMap<String, u64>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The matching §: all of them when `total_exact`, else at least this
    /// many (see [`SearchRequest::count_limit`]).
    pub total: usize,
    /// Whether `total` counts every match.
    pub total_exact: bool,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts, if asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

impl Index {
    /// [`Index::search`], without the guard against damaged index files.
    pub(crate) fn search_unguarded(&self, req: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.searcher()?;
        let RequestQuery {
            query: q,
            phrases,
            user,
            quoted,
            filters,
        } = self.request_query(&searcher, req)?;
        let limit = req.limit.max(1);
        // At least the hits asked for, so that a page is never cut short.
        let count_limit = req
            .count_limit
            .map_or(usize::MAX, |n| n.max(req.offset + limit));
        let ((top, total, facet_counts), total_exact) = if req.recent {
            let today = today_number();
            let collector = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .tweak_score(move |seg: &tantivy::SegmentReader| {
                    let dates = seg
                        .fast_fields()
                        .u64("date")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: Score| {
                        let d = dates.as_ref().map_or(0, |c| c.get_val(doc));
                        score * recency(d, today)
                    }
                });
            (
                self.collect(&searcher, &q, collector, req.facets, true)?,
                true,
            )
        } else {
            let collector = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by_score();
            if req.facets || (phrases && quoted.is_none()) {
                // Facets need every match; a run of words with its phrase
                // bonus cannot be pruned: one pass for both.
                (
                    self.collect(&searcher, &q, collector, req.facets, true)?,
                    true,
                )
            } else {
                // The top hits pruned (block-max WAND for terms, see
                // `prune` for a quoted phrase); the total by a count that
                // scores nothing and may stop at the limit.
                match quoted {
                    Some(fields) => {
                        // Few matches: score them all in one pass that
                        // stops at the count limit; many: prune.
                        let k = req.offset + limit;
                        match scored_up_to(&searcher, &q, k, count_limit)? {
                            Some((mut top, total)) => {
                                top.drain(..req.offset.min(top.len()));
                                ((top, total, None), true)
                            }
                            None => {
                                let pruned = prune::PrunedPhrase::new(q.clone(), fields, filters);
                                let top = searcher.search(&pruned, &collector)?;
                                ((top, count_limit, None), false)
                            }
                        }
                    }
                    None => {
                        // Alone, a flat union of terms is pruned by
                        // tantivy; with filters, the intersection is
                        // smaller than what the pruning would visit.
                        let top = if filters.is_empty() {
                            searcher.search(&user, &collector)?
                        } else {
                            searcher.search(&q, &collector)?
                        };
                        let total = count_up_to(&searcher, &q, count_limit)?;
                        ((top, total, None), total < count_limit)
                    }
                }
            }
        };

        // A limit of 0 counts without hits (the collectors need at least 1).
        let mut top = top;
        top.truncate(req.limit);
        let hits = self.hits(&searcher, &q, top)?;
        Ok(SearchResults {
            total,
            total_exact,
            hits,
            facets: facet_counts,
        })
    }

    /// The query of a request: the user's query and the filters.
    pub(crate) fn request_query(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
    ) -> Result<RequestQuery> {
        bounds::check(req)?;
        let node = query::parse(&req.query, &self.schema().query_names())?;
        let builder = Builder {
            index: self,
            searcher,
            phrases: std::cell::Cell::new(false),
            quoted: std::cell::RefCell::new(None),
            heads: std::cell::OnceCell::new(),
        };
        let user = builder.node(&node)?;
        // No `kind:paragraph` clause: meeting and file documents have none of
        // the text fields a query needs (title, body, clauses, case, organ,
        // organisation, person, party), and a query must have a positive
        // term, so only paragraphs can match. Intersecting with every
        // paragraph would cost a long posting list per query.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user.box_clone())];
        // Filters select and do not rank: they score nothing.
        let filters: Vec<Box<dyn Query>> = builder
            .filters(req)?
            .into_iter()
            .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)
            .collect();
        clauses.extend(filters.iter().map(|q| (Occur::Must, q.box_clone())));
        // The phrase's fields, when the whole query is that one phrase.
        let quoted = match &node {
            Node::Phrase(_) => builder.quoted.take(),
            _ => None,
        };
        Ok(RequestQuery {
            query: BooleanQuery::new(clauses),
            phrases: builder.phrases.get(),
            user,
            quoted,
            filters,
        })
    }

    /// Every § matching a request, best first, with its score, meeting id and
    /// § number; and the query (for [`Index::hits`]).
    pub(crate) fn matching(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
    ) -> Result<(BooleanQuery, Vec<Matched>)> {
        let q = self.request_query(searcher, req)?.query;
        let total = q.count(searcher)?;
        if total == 0 {
            return Ok((q, Vec::new()));
        }
        let top = searcher.search(&q, &TopDocs::with_limit(total).order_by_score())?;
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
        Ok((q, out))
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

    /// Search hits for scored documents, with snippets for query `q`.
    pub(crate) fn hits(
        &self,
        searcher: &Searcher,
        q: &dyn Query,
        top: Vec<(Score, DocAddress)>,
    ) -> Result<Vec<Hit>> {
        let f = *self.fields();
        let mut snippets = SnippetGenerator::create(searcher, q, f.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut body_terms: Vec<String> = Vec::new();
        q.query_terms(&mut |term, _| {
            if term.field() == f.body
                && let Some(t) = term.value().as_str()
            {
                body_terms.push(t.to_string());
            }
        });
        let body_terms = term_finder(body_terms);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let (para, source, meeting) = self.stored_hit(searcher, addr)?;
            let meeting = Meeting::clone(&meeting);
            let snippet = snippet(&snippets, body_terms.as_ref(), &para.body);
            hits.push(Hit {
                score,
                meeting,
                paragraph: HitParagraph {
                    number: para.number,
                    title: para.title,
                    case_number: para.case_number,
                    page: para.page,
                    decision: para.decision,
                },
                snippet,
                source,
            });
        }
        Ok(hits)
    }

    fn collect<C>(
        &self,
        searcher: &Searcher,
        q: &dyn Query,
        top: C,
        facets: bool,
        one_pass: bool,
    ) -> Result<Collected>
    where
        C: tantivy::collector::Collector<Fruit = Vec<(Score, DocAddress)>>,
    {
        if facets {
            let mut fc = FacetCollector::for_field("facets");
            for root in ["/organisation", "/organ", "/year"] {
                fc.add_facet(root);
            }
            let (top, total, counts) = searcher.search(q, &(top, Count, fc))?;
            let mut out = Facets::default();
            for (root, map) in [
                ("/organisation", &mut out.organisation),
                ("/organ", &mut out.organ),
                ("/year", &mut out.year),
            ] {
                for (facet, n) in counts.get(root) {
                    let name = facet
                        .to_path()
                        .last()
                        .map(|s| s.to_string())
                        .unwrap_or_default();
                    map.insert(name, n);
                }
            }
            Ok((top, total, Some(out)))
        } else if one_pass {
            let (top, total) = searcher.search(q, &(top, Count))?;
            Ok((top, total, None))
        } else {
            // The top hits alone, so that block-max WAND can skip documents
            // that cannot reach them; the total by a count that scores nothing.
            // One pass with both would score every matching document.
            let top = searcher.search(q, &top)?;
            let total = q.count(searcher)?;
            Ok((top, total, None))
        }
    }
}

/// One § matching a request.
pub(crate) struct Matched {
    pub score: Score,
    pub addr: DocAddress,
    pub meeting_id: String,
    pub number: u32,
}

/// The tantivy query of a search request.
pub(crate) struct RequestQuery {
    /// The user's query and the filters.
    pub query: BooleanQuery,
    /// Whether the query holds a phrase (see `Builder::phrases`).
    pub phrases: bool,
    /// The user's query alone.
    user: Box<dyn Query>,
    /// When the user's query is one quoted phrase: that phrase by field, as
    /// the query sums it.
    quoted: Option<Vec<prune::PhraseField>>,
    /// The filters, as in `query`.
    filters: Vec<Box<dyn Query>>,
}

/// Counts the documents `q` matches, stopping at `limit`.
fn count_up_to(searcher: &Searcher, q: &dyn Query, limit: usize) -> Result<usize> {
    let weight = q.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        searcher,
    ))?;
    let mut total = 0usize;
    for reader in searcher.segment_readers() {
        if total >= limit {
            break;
        }
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != tantivy::TERMINATED && total < limit {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                total += 1;
            }
            doc = scorer.advance();
        }
    }
    Ok(total)
}

/// Scored documents, best first.
type Scored = Vec<(Score, DocAddress)>;

/// The best `k` matches of `q`, best first, ties by document, and the
/// number of matches; None when there are `limit` or more.
fn scored_up_to(
    searcher: &Searcher,
    q: &dyn Query,
    k: usize,
    limit: usize,
) -> Result<Option<(Scored, usize)>> {
    let weight = q.weight(tantivy::query::EnableScoring::enabled_from_searcher(
        searcher,
    ))?;
    let mut matches: Vec<(Score, DocAddress)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != tantivy::TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if matches.len() + 1 >= limit {
                    return Ok(None);
                }
                matches.push((scorer.score(), DocAddress::new(ord as u32, doc)));
            }
            doc = scorer.advance();
        }
    }
    let total = matches.len();
    matches.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    matches.truncate(k);
    Ok(Some((matches, total)))
}

/// Top hits, total count and facet counts.
type Collected = (Vec<(Score, DocAddress)>, usize, Option<Facets>);

/// Bytes of body analysed for a snippet around the first match.
const SNIPPET_WINDOW: usize = 600;

/// One automaton that finds the first place any of `terms` (lowercase
/// stems) occurs in a body as written: ASCII letters match in either case,
/// and each term is also looked for with its other letters in upper case
/// ("FÖRSKOL"), so no body is lowercased whole.
fn term_finder(terms: Vec<String>) -> Option<aho_corasick::AhoCorasick> {
    let mut patterns = Vec::with_capacity(terms.len() * 2);
    for t in terms {
        if !t.is_ascii() {
            let mut upper = String::with_capacity(t.len() + 4);
            for c in t.chars() {
                if c.is_ascii() {
                    upper.push(c);
                } else {
                    upper.extend(c.to_uppercase());
                }
            }
            patterns.push(upper);
        }
        patterns.push(t);
    }
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .ok()
}

/// Where in `body` to look for a snippet: a window around the first place a
/// query term occurs (terms are stems, so they are prefixes of the words;
/// `terms` finds them in either case, see [`term_finder`]). Analysing a window
/// instead of a long body keeps snippets cheap.
fn snippet_window<'a>(terms: Option<&aho_corasick::AhoCorasick>, body: &'a str) -> &'a str {
    if body.len() <= SNIPPET_WINDOW {
        return body;
    }
    let Some(at) = terms.and_then(|t| t.find(body)).map(|m| m.start()) else {
        return body;
    };
    let floor = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(SNIPPET_WINDOW / 4));
    let end = floor((start + SNIPPET_WINDOW).min(body.len()));
    &body[start..end]
}

fn snippet(
    generator: &SnippetGenerator,
    terms: Option<&aho_corasick::AhoCorasick>,
    body: &str,
) -> Snippet {
    let s = generator.snippet(snippet_window(terms, body));
    if !s.highlighted().is_empty() {
        return Snippet {
            text: s.fragment().to_string(),
            highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
        };
    }
    // No match in the body (the title matched): its beginning.
    let end = body
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(body.len(), |(i, _)| i);
    Snippet {
        text: body[..end].to_string(),
        highlights: Vec::new(),
    }
}

/// Today as YYYYMMDD.
fn today_number() -> u64 {
    let d = time::OffsetDateTime::now_utc().date();
    d.year() as u64 * 10_000 + u64::from(u8::from(d.month())) * 100 + u64::from(d.day())
}

fn julian(yyyymmdd: u64) -> Option<i32> {
    let (y, m, d) = (
        (yyyymmdd / 10_000) as i32,
        (yyyymmdd / 100 % 100) as u8,
        (yyyymmdd % 100) as u8,
    );
    let month = time::Month::try_from(m).ok()?;
    time::Date::from_calendar_date(y, month, d)
        .ok()
        .map(|d| d.to_julian_day())
}

/// Score factor for a meeting date: 2 for today, falling to 1 over the years.
fn recency(date: u64, today: u64) -> Score {
    match (julian(date), julian(today)) {
        (Some(d), Some(t)) => {
            let years = ((t - d).max(0) as f32) / 365.25;
            1.0 + 1.0 / (1.0 + years)
        }
        _ => 1.0,
    }
}

/// Parses a date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` picks the
/// last day of a year or month.
fn date_bound(option: &str, value: &str, end: bool) -> Result<u64> {
    let bad = |message: &str| Error::Option {
        option: option.to_string(),
        message: format!("{value:?}: {message}"),
    };
    let parts: Vec<&str> = value.trim().split('-').collect();
    let num = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| bad("expected YYYY, YYYY-MM or YYYY-MM-DD"))
    };
    let (y, m, d) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y)?, if end { 12 } else { 1 }, None),
        [y, m] if y.len() == 4 => (num(y)?, num(m)?, None),
        [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, Some(num(d)?)),
        _ => return Err(bad("expected YYYY, YYYY-MM or YYYY-MM-DD")),
    };
    let month = time::Month::try_from(u8::try_from(m).map_err(|_| bad("no such month"))?)
        .map_err(|_| bad("no such month"))?;
    let day = match d {
        Some(d) => d,
        None if end => u32::from(month.length(y as i32)),
        None => 1,
    };
    time::Date::from_calendar_date(
        y as i32,
        month,
        u8::try_from(day).map_err(|_| bad("no such day"))?,
    )
    .map_err(|_| bad("no such date"))?;
    Ok(u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(day))
}

struct Builder<'a> {
    index: &'a Index,
    searcher: &'a Searcher,
    /// Set when the query holds a phrase: phrases cannot be pruned, so the
    /// top hits and the count are then taken in one pass.
    phrases: std::cell::Cell<bool>,
    /// The last quoted phrase of several words, by field (see `phrase`).
    quoted: std::cell::RefCell<Option<Vec<prune::PhraseField>>>,
    /// The compound-head dictionaries of the searcher's segments, read at
    /// the first word that needs them.
    heads: std::cell::OnceCell<Vec<std::sync::Arc<crate::index::Heads>>>,
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn should(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if qs.len() == 1 {
        return qs
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery));
    }
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Whether a word in `freq` of `docs` documents is too common to be looked
/// for as a compound's head: it has exact hits enough, which rank above its
/// compounds, and its compounds ("beslut": "styrelsebeslut", …) would cost
/// most there (at 100k §, `beslut` took 1.1 ms alone and 1.7 ms with them).
fn is_common(freq: u64, docs: u64) -> bool {
    freq > COMMON_WORD_DOCS && freq * COMMON_WORD_SHARE > docs
}

/// Whether analysed tokens make a phrase (more than one whole word or code).
fn is_phrase(tokens: &[analysis::AnalyzedToken]) -> bool {
    tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Code))
        .count()
        > 1
}

/// The whole words and codes of analysed tokens as terms of `field`, each
/// with its position from the first.
fn phrase_terms(field: Field, tokens: &[analysis::AnalyzedToken]) -> Vec<(usize, Term)> {
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

/// A term or phrase query for analysed tokens (whole words and codes only) on one field.
fn text_query(field: Field, tokens: &[analysis::AnalyzedToken]) -> Option<Box<dyn Query>> {
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

impl Builder<'_> {
    fn node(&self, node: &Node) -> Result<Box<dyn Query>> {
        Ok(match node {
            Node::Words(text) => self.words(text)?,
            Node::Phrase(text) => self.phrase(text)?,
            Node::Field { name, value } => {
                let (field, boost) = self.index.schema().query_field(name).ok_or_else(|| {
                    Error::Internal(format!(
                        "query field {name} passed the parser but is unknown"
                    ))
                })?;
                let tokens = analysis::analyze(value);
                let q = text_query(field, &tokens)
                    .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery));
                boosted(q, boost)
            }
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

    /// A run of words: each word required (in any searched field, exactly or
    /// as a compound part), elided compounds as optional extras, and the run
    /// as a phrase for extra weight.
    fn words(&self, text: &str) -> Result<Box<dyn Query>> {
        let tokens = analysis::analyze(text);
        let fields = self.index.schema().search_fields();
        // Compound parts and the phrase bonus are looked for in the title and
        // body only: the clauses are part of the body, and case numbers are
        // single tokens. Fewer scorers keep queries fast.
        let f = self.index.fields();
        let text_fields: Vec<(Field, f32)> = fields
            .iter()
            .copied()
            .filter(|(field, _)| *field == f.title || *field == f.body)
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in &tokens {
            match t.kind {
                TokenKind::Word | TokenKind::Code => {
                    // One flat union of boosted term queries (the word in each
                    // field, and its compounds): tantivy prunes such a union
                    // with block-max WAND when it collects the top hits.
                    let mut alternatives = Vec::with_capacity(fields.len());
                    for &(field, boost) in &fields {
                        alternatives.push(boosted(term_query(field, &t.text), boost));
                    }
                    if t.kind == TokenKind::Word {
                        // "skola" also finds "skolan", and "skolan" "skolor".
                        // The other form as a word and its prefix compounds
                        // only where the index has that word: a term query
                        // for a missing term still costs a lookup in each
                        // field of each segment, and `cykelban` (of
                        // "cykelbana") must not expand as `cykelb`. Its heads
                        // always: "skola" finds "grundskolan" without "skolan".
                        let other = analysis::definite_a_form(&t.text);
                        let mut stems = vec![t.text.as_str()];
                        if let Some(other) = &other
                            && self.in_index(other, &text_fields)?
                        {
                            for &(field, boost) in &fields {
                                alternatives.push(boosted(term_query(field, other), boost));
                            }
                            stems.push(other);
                        }
                        for stem in &stems {
                            alternatives.extend(self.expansions(stem, &text_fields)?);
                        }
                        // Heads of four letters or more: the word's own stem
                        // decides, so "kola" (`kol`) does not look for
                        // `…kolan` and find "grundskolan".
                        if t.text.chars().count() >= crate::index::MIN_HEAD_CHARS {
                            let mut heads = vec![t.text.as_str()];
                            heads.extend(other.as_deref());
                            alternatives.extend(self.head_expansions(&heads, &text_fields)?);
                        }
                    }
                    clauses.push((Occur::Must, should(alternatives)));
                }
                TokenKind::Expansion => {
                    for &(field, boost) in &fields {
                        clauses.push((
                            Occur::Should,
                            boosted(term_query(field, &t.text), boost * PART_WEIGHT),
                        ));
                    }
                }
                TokenKind::Part => {}
            }
        }
        if is_phrase(&tokens) {
            self.phrases.set(true);
            for &(field, boost) in &text_fields {
                if let Some(q) = text_query(field, &tokens) {
                    clauses.push((Occur::Should, boosted(q, boost * PHRASE_WEIGHT)));
                }
            }
        }
        if clauses.is_empty() {
            return Ok(Box::new(tantivy::query::EmptyQuery));
        }
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            // One word: its flat union of term queries itself, which
            // tantivy prunes; nested in a boolean query it would not.
            return Ok(clauses.remove(0).1);
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// A quoted phrase in the title or body (the clauses are part of the
    /// body; a case number is one token). A phrase of several words is also
    /// kept by field in `quoted`, for `prune::PrunedPhrase`.
    fn phrase(&self, text: &str) -> Result<Box<dyn Query>> {
        let tokens = analysis::analyze(text);
        let f = self.index.fields();
        let mut qs = Vec::new();
        if is_phrase(&tokens) {
            self.phrases.set(true);
            let mut quoted = Vec::new();
            for (field, boost) in self.index.schema().search_fields() {
                if field != f.title && field != f.body {
                    continue;
                }
                let terms = phrase_terms(field, &tokens);
                qs.push(boosted(
                    Box::new(PhraseQuery::new_with_offset(terms.clone())),
                    boost,
                ));
                quoted.push(prune::PhraseField {
                    field,
                    boost,
                    terms,
                });
            }
            *self.quoted.borrow_mut() = Some(quoted);
        } else {
            for (field, boost) in self.index.schema().search_fields() {
                if let Some(q) = text_query(field, &tokens) {
                    qs.push(boosted(q, boost));
                }
            }
        }
        Ok(if qs.is_empty() {
            Box::new(tantivy::query::EmptyQuery)
        } else {
            should(qs)
        })
    }

    /// Indexed terms that start with `stem` and go on for at least three
    /// more letters: compounds with the word as their first part, as term
    /// queries at the part weight.
    fn expansions(&self, stem: &str, fields: &[(Field, f32)]) -> Result<Vec<Box<dyn Query>>> {
        if stem.chars().count() < MIN_EXPANDED_CHARS || !stem.chars().all(char::is_alphabetic) {
            return Ok(Vec::new());
        }
        let mut upper = stem.as_bytes().to_vec();
        upper.push(0xFF);
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        for &(field, boost) in fields {
            let mut found: HashMap<Vec<u8>, u32> = HashMap::new();
            for seg in self.searcher.segment_readers() {
                let inverted = seg.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .range()
                    .ge(stem.as_bytes())
                    .lt(&upper)
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    let key = stream.key();
                    if key.len() >= stem.len() + 3 {
                        *found.entry(key.to_vec()).or_default() += stream.value().doc_freq;
                    }
                }
            }
            let mut terms: Vec<(Vec<u8>, u32)> = found.into_iter().collect();
            terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(MAX_EXPANSIONS);
            for (key, _) in terms {
                let Ok(text) = String::from_utf8(key) else {
                    continue;
                };
                qs.push(boosted(term_query(field, &text), boost * PART_WEIGHT));
            }
        }
        Ok(qs)
    }

    /// Whether `term` is a word of some § in one of `fields` (the title and
    /// body). A word the compound-head dictionaries can hold is looked up
    /// there, in memory, rather than in each field of each segment.
    fn in_index(&self, term: &str, fields: &[(Field, f32)]) -> Result<bool> {
        if let Some(found) = crate::index::heads_contain(self.heads()?, term) {
            return Ok(found);
        }
        for &(field, _) in fields {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(field, term))?
                > 0
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Indexed words that end with one of `stems` (a query word's, then its
    /// [`analysis::definite_a_form`]) after a first part of at least three
    /// letters: compounds with the word as their head ("skol" → "grundskol",
    /// "förskol"), from the compound-head dictionary, as term queries at the
    /// part weight. `stems` is not empty.
    fn head_expansions(
        &self,
        stems: &[&str],
        fields: &[(Field, f32)],
    ) -> Result<Vec<Box<dyn Query>>> {
        let words = crate::index::compounds_ending(self.heads()?, stems, MAX_HEAD_EXPANSIONS);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let f = self.index.fields();
        let freq = self
            .searcher
            .doc_freq(&Term::from_field_text(f.body, stems[0]))?;
        if is_common(freq, self.searcher.num_docs()) {
            return Ok(Vec::new());
        }
        let mut qs: Vec<Box<dyn Query>> = Vec::with_capacity(words.len() * fields.len());
        for word in words {
            for &(field, boost) in fields {
                qs.push(boosted(term_query(field, &word), boost * PART_WEIGHT));
            }
        }
        Ok(qs)
    }

    /// The compound-head dictionaries of the searcher's segments, read at
    /// the first call.
    fn heads(&self) -> Result<&[std::sync::Arc<crate::index::Heads>]> {
        if let Some(h) = self.heads.get() {
            return Ok(h);
        }
        let h = self.index.segment_heads(self.searcher)?;
        Ok(self.heads.get_or_init(|| h))
    }

    fn filters(&self, req: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
        let f = self.index.fields();
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if req.from.is_some() || req.to.is_some() {
            let lo = match &req.from {
                Some(v) => {
                    Bound::Included(Term::from_field_u64(f.date, date_bound("from", v, false)?))
                }
                None => Bound::Unbounded,
            };
            let hi = match &req.to {
                Some(v) => {
                    Bound::Included(Term::from_field_u64(f.date, date_bound("to", v, true)?))
                }
                None => Bound::Unbounded,
            };
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        for (value, field, option) in [
            (&req.organ, f.organ, "organ"),
            (&req.organisation, f.organisation, "organisation"),
            (&req.case, f.case, "case"),
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
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_window_finds_a_term_in_capitals_far_into_the_body() {
        let finder = term_finder(vec!["förskol".into(), "budget".into()]);
        let filler = "Nämnden har tidigare behandlat ärendet. ".repeat(40);
        for word in ["FÖRSKOLAN", "Förskolan", "förskolorna", "BUDGETEN"] {
            let body = format!("{filler}Om {word} i staden. {filler}");
            let window = snippet_window(finder.as_ref(), &body);
            assert!(window.len() <= SNIPPET_WINDOW, "{word}");
            assert!(window.contains(word), "{word}: {window}");
        }
        // No match: the whole body, for the generator to pick from.
        let body = format!("{filler}{filler}");
        assert_eq!(snippet_window(finder.as_ref(), &body).len(), body.len());
    }

    #[test]
    fn only_words_in_many_documents_are_common() {
        // "beslut" at 100k §: in most of them.
        assert!(is_common(60_000, 100_000));
        // "skola" at 1M §: under one in fifty.
        assert!(!is_common(8_000, 1_000_000));
        // In a small archive nothing is common, however large its share.
        assert!(!is_common(900, 1_000));
        assert!(is_common(1_001, 1_200));
    }

    #[test]
    fn date_bounds() {
        assert_eq!(date_bound("from", "2024", false).unwrap(), 20240101);
        assert_eq!(date_bound("to", "2024", true).unwrap(), 20241231);
        assert_eq!(date_bound("to", "2024-02", true).unwrap(), 20240229);
        assert_eq!(date_bound("from", "2023-12-05", false).unwrap(), 20231205);
        assert!(date_bound("from", "2023-13-01", false).is_err());
        assert!(
            date_bound("from", "igår", false)
                .unwrap_err()
                .to_string()
                .contains("bad from: \"igår\"")
        );
    }

    #[test]
    fn recent_meetings_weigh_more() {
        assert!(recency(20260101, 20261124) > recency(20200101, 20261124));
        assert!((recency(0, 20261124) - 1.0).abs() < f32::EPSILON);
    }
}
