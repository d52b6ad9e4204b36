//! Running a query for a page of hits: top hits (pruned where tantivy
//! can), counts that stop at a limit, facets, the date orders, `--recent`,
//! and ties in score broken by date, newest first.

use super::dates::{today_number, years_between};
use super::rank::{self, BM25_ROOM};
use super::request::{Facets, Sort};
use crate::error::Result;
use std::sync::Arc;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::columnar::ColumnValues;
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

/// Scored documents, best first.
pub(crate) type Scored = Vec<(Score, DocAddress)>;

/// Extra hits collected past the page so that ties at its end can be
/// broken by date.
pub(crate) const TIE_SLACK: usize = 5;

/// Counts the documents `q` matches, stopping at `limit`.
pub(crate) fn count_up_to(searcher: &Searcher, q: &dyn Query, limit: usize) -> Result<usize> {
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

/// The best `k` matches of `q`, best first, ties by document, and the
/// number of matches; None when there are `limit` or more.
pub(crate) fn scored_up_to(
    searcher: &Searcher,
    q: &dyn Query,
    k: usize,
    limit: usize,
) -> Result<Option<(Scored, usize)>> {
    let weight = q.weight(tantivy::query::EnableScoring::enabled_from_searcher(
        searcher,
    ))?;
    let mut matches: Scored = Vec::new();
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

/// How to collect a page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub offset: usize,
    pub limit: usize,
    pub sort: Sort,
    pub recent: bool,
    pub facets: bool,
}

impl Page {
    pub fn need(&self) -> usize {
        self.offset + self.limit
    }
}

/// A page of hits, the number of matches (None when not counted) and the
/// facets (when asked for).
pub(crate) struct Collected {
    pub top: Scored,
    pub total: Option<usize>,
    pub facets: Option<Facets>,
}

fn dates_of(reader: &SegmentReader) -> Option<Arc<dyn ColumnValues<u64>>> {
    reader
        .fast_fields()
        .u64("date")
        .ok()
        .map(|c| c.first_or_default_col(0))
}

/// The page of `q`'s hits. With `count`, every match is counted in the
/// same pass (facets always are); without it, the top hits alone are
/// collected, so that block-max WAND can skip § that cannot reach them.
pub(crate) fn collect(
    searcher: &Searcher,
    q: &dyn Query,
    page: Page,
    count: bool,
) -> Result<Collected> {
    let need = page.need();
    let count = count || page.facets;
    let facets = page.facets;
    let (top, total, facet_counts) = match (page.sort, page.recent) {
        (Sort::Date | Sort::DateDesc, _) => {
            let newest = page.sort == Sort::DateDesc;
            let collector = TopDocs::with_limit(page.limit)
                .and_offset(page.offset)
                .tweak_score(move |seg: &SegmentReader| {
                    let dates = dates_of(seg);
                    move |doc: DocId, score: Score| {
                        let d = dates.as_ref().map_or(0, |c| c.get_val(doc));
                        (if newest { d } else { u64::MAX - d }, score)
                    }
                });
            let (top, total, f) = run(searcher, q, collector, count, facets)?;
            let top = top.into_iter().map(|((_, s), a)| (s, a)).collect();
            (top, total, f)
        }
        (Sort::Relevance, true) => {
            let today = today_number();
            let collector =
                TopDocs::with_limit(need + TIE_SLACK).tweak_score(move |seg: &SegmentReader| {
                    let dates = dates_of(seg);
                    move |doc: DocId, score: Score| {
                        let d = dates.as_ref().map_or(0, |c| c.get_val(doc));
                        let factor = years_between(d, today).map_or(1.0, rank::recency);
                        // The levels stay; BM25 is weighed by age.
                        let level = (score / BM25_ROOM).floor() * BM25_ROOM;
                        level + (score - level) * factor
                    }
                });
            run(searcher, q, collector, count, facets)?
        }
        (Sort::Relevance, false) => {
            let collector = TopDocs::with_limit(need + TIE_SLACK).order_by_score();
            run(searcher, q, collector, count, facets)?
        }
    };
    let top = if page.sort == Sort::Relevance {
        newest_first_on_ties(searcher, top, page)
    } else {
        top
    };
    Ok(Collected {
        top,
        total,
        facets: facet_counts,
    })
}

/// What [`run`] collects: top hits by key, the count, the facets.
type Ran<K> = (Vec<(K, DocAddress)>, Option<usize>, Option<Facets>);

fn run<C, K>(
    searcher: &Searcher,
    q: &dyn Query,
    collector: C,
    count: bool,
    facets: bool,
) -> Result<Ran<K>>
where
    C: tantivy::collector::Collector<Fruit = Vec<(K, DocAddress)>>,
{
    Ok(if facets {
        let mut fc = FacetCollector::for_field("facets");
        for root in ["/organisation", "/organ", "/year"] {
            fc.add_facet(root);
        }
        let (top, total, counts) = searcher.search(q, &(collector, Count, fc))?;
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
        (top, Some(total), Some(out))
    } else if count {
        let (top, total) = searcher.search(q, &(collector, Count))?;
        (top, Some(total), None)
    } else {
        (searcher.search(q, &collector)?, None, None)
    })
}

/// `top` (best first, the page and a few more) in the page's order: equal
/// scores newest first, then by § number (so that the order does not
/// depend on where § landed in the index), then cut to the page.
pub(crate) fn newest_first_on_ties(searcher: &Searcher, mut top: Scored, page: Page) -> Scored {
    // A segment's columns are opened once, and only for § that share their
    // score with another (opening them for every hit cost a fifth of a
    // one-word search).
    type Columns = (
        Option<Arc<dyn ColumnValues<u64>>>,
        Option<Arc<dyn ColumnValues<u64>>>,
    );
    let mut columns: Vec<Option<Columns>> = vec![None; searcher.segment_readers().len()];
    let key = |a: &DocAddress| {
        let (dates, numbers) = columns[a.segment_ord as usize].get_or_insert_with(|| {
            let seg = searcher.segment_reader(a.segment_ord);
            let numbers = seg
                .fast_fields()
                .u64("number")
                .ok()
                .map(|c| c.first_or_default_col(0));
            (dates_of(seg), numbers)
        });
        let date = dates.as_ref().map_or(0, |c| c.get_val(a.doc_id));
        let number = numbers.as_ref().map_or(0, |c| c.get_val(a.doc_id));
        (date, number)
    };
    order_ties(&mut top, key, page.offset + page.limit);
    top.into_iter().skip(page.offset).take(page.limit).collect()
}

/// Sorts `top` by score, best first, and each run of equal scores that
/// begins before `upto` by `key` (date, § number): newest first, then the
/// lower number, then the lower address. The keys are asked for the § of
/// such runs only.
fn order_ties(top: &mut Scored, mut key: impl FnMut(&DocAddress) -> (u64, u64), upto: usize) {
    top.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut start = 0;
    while start < top.len().min(upto) {
        let score = top[start].0;
        let len = top[start..]
            .iter()
            .take_while(|h| h.0.total_cmp(&score).is_eq())
            .count();
        let run = &mut top[start..start + len];
        if len > 1 {
            let mut keyed: Vec<((u64, u64), (Score, DocAddress))> =
                run.iter().map(|&h| (key(&h.1), h)).collect();
            keyed.sort_by(|x, y| {
                y.0.0
                    .cmp(&x.0.0)
                    .then(x.0.1.cmp(&y.0.1))
                    .then(x.1.1.cmp(&y.1.1))
            });
            for (slot, (_, h)) in run.iter_mut().zip(keyed) {
                *slot = h;
            }
        }
        start += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Ordering the runs of equal scores alone is the full sort by
        /// (score, date, number, address) that asks every § for its keys,
        /// within the first `upto` hits.
        #[test]
        fn ties_ordered_alone_are_the_full_sort(
            hits in proptest::collection::vec((0u8..4, 0u64..3, 0u64..3, 0u32..2, 0u32..50), 0..30),
            upto in 0usize..35,
        ) {
            let keys: std::collections::HashMap<DocAddress, (u64, u64)> = hits
                .iter()
                .map(|&(_, d, n, seg, doc)| (DocAddress::new(seg, doc), (d, n)))
                .collect();
            let mut top: Scored = keys
                .keys()
                .zip(&hits)
                .map(|(a, h)| (f32::from(h.0) / 2.0, *a))
                .collect();
            let mut want = top.clone();
            want.sort_by(|x, y| {
                y.0.total_cmp(&x.0)
                    .then(keys[&y.1].0.cmp(&keys[&x.1].0))
                    .then(keys[&x.1].1.cmp(&keys[&y.1].1))
                    .then(x.1.cmp(&y.1))
            });
            let mut asked = 0;
            order_ties(&mut top, |a| { asked += 1; keys[a] }, upto);
            let n = upto.min(top.len());
            prop_assert_eq!(&top[..n], &want[..n]);
            // Keys only for § that tie with another.
            let tied = want.iter().filter(|h| want.iter().filter(|o| o.0 == h.0).count() > 1).count();
            prop_assert!(asked <= tied);
        }
    }
}
