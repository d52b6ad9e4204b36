//! Searches that skip work (pruned top hits, counts that stop at a limit)
//! give what the full search gives, on the 59 real Göteborg protocols.
//!
//! Properties checked here:
//! 1. A quoted phrase's top hits, found by pruning (when the matches reach
//!    the count limit), are those of the full search that scores every
//!    match: the same scores in order and the same § for each score (but
//!    for the § tied at the last score, where the cut is arbitrary).
//! 2. The same holds with filters, on later pages (offset), and for a
//!    phrase that is also in titles.
//! 3. A count limit stops the total at the limit and says it is not exact;
//!    no limit counts every match; a total under the limit is exact.
//! 4. A page is never cut short by the count limit.
//! 5. Filters select and do not rank: a filtered § scores as unfiltered.
//! 6. A query tantivy cannot prune (several words; a word with filters),
//!    whose page and count are taken in one pass, gives the hits and the
//!    total of the full search, and its total stops at the count limit.

use crate::common;

use paragraf::index::Index;
use paragraf::search::{SearchRequest, SearchResults};
use std::sync::OnceLock;

fn goteborg_index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index = Index::create(&dir.path().join("index")).unwrap();
            index
                .sync(&common::data().join("corpus/real/goteborg"))
                .unwrap();
            (dir, index)
        })
        .1
}

fn search(req: &SearchRequest) -> SearchResults {
    goteborg_index()
        .search(req)
        .unwrap_or_else(|e| panic!("{}: {e}", req.query))
}

/// (source, §, score) of the hits.
fn hits(r: &SearchResults) -> Vec<(String, u32, f32)> {
    r.hits
        .iter()
        .map(|h| (h.source.clone(), h.paragraph.number, h.score))
        .collect()
}

/// The full search: facets make it score and count every match in one pass.
fn full(req: &SearchRequest) -> SearchResults {
    let mut r = search(&SearchRequest {
        facets: true,
        ..req.clone()
    });
    r.facets = None;
    r
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-5 * b.abs()
}

/// The same top hits: the same scores in order, and the same § for every
/// score. Only among the § tied at the last score may the two differ: which
/// of equal § make the cut is tantivy's arbitrary choice (it depends on the
/// segments an index run made).
fn assert_same_hits(req: &SearchRequest) {
    let pruned = search(req);
    let full = full(req);
    assert!(
        !pruned.total_exact,
        "{:?}: too few matches ({}) to take the pruned path",
        req.query, full.total
    );
    let (p, f) = (hits(&pruned), hits(&full));
    let context = format!("{:?}: {p:?}\n!=\n{f:?}", req.query);
    assert_eq!(p.len(), f.len(), "{context}");
    for (a, b) in p.iter().zip(&f) {
        assert!(close(a.2, b.2), "{context}");
    }
    let last = f.last().map_or(0.0, |h| h.2);
    let ids = |hits: &[(String, u32, f32)], score: f32| {
        let mut v: Vec<(String, u32)> = hits
            .iter()
            .filter(|h| close(h.2, score))
            .map(|h| (h.0.clone(), h.1))
            .collect();
        v.sort();
        v
    };
    for h in f.iter().filter(|h| !close(h.2, last)) {
        assert_eq!(ids(&p, h.2), ids(&f, h.2), "{context}");
    }
}

/// A request whose count stops as soon as it can: the pruned path.
fn pruned(query: &str) -> SearchRequest {
    SearchRequest {
        count_limit: Some(0),
        ..SearchRequest::new(query)
    }
}

#[test]
fn pruned_phrase_top_hits_are_the_full_searchs() {
    for phrase in [
        "\"enligt kommunstyrelsens förslag\"",
        "\"kommunstyrelsen beslutar\"",
        "\"Göteborgs Stad\"",
        "\"stadsledningskontorets tjänsteutlåtande\"",
        "\"i enlighet med\"",
        "\"kommunfullmäktige beslutar\"",
    ] {
        assert_same_hits(&pruned(phrase));
        assert_same_hits(&SearchRequest {
            limit: 25,
            ..pruned(phrase)
        });
    }
}

#[test]
fn pruned_phrase_with_filters_and_pages_is_the_full_searchs() {
    let phrase = "\"enligt kommunstyrelsens förslag\"";
    assert_same_hits(&SearchRequest {
        from: Some("2024".into()),
        ..pruned(phrase)
    });
    assert_same_hits(&SearchRequest {
        organ: Some("kommunfullmäktige".into()),
        ..pruned(phrase)
    });
    for offset in [10, 30] {
        assert_same_hits(&SearchRequest {
            offset,
            ..pruned(phrase)
        });
    }
}

#[test]
fn count_stops_at_the_limit_and_says_so() {
    let all = search(&SearchRequest {
        count_limit: None,
        ..SearchRequest::new("beslut")
    });
    assert!(all.total_exact);
    assert!(all.total > 100, "{}", all.total);
    assert_eq!(all.total, full(&SearchRequest::new("beslut")).total);

    let capped = search(&SearchRequest {
        count_limit: Some(50),
        ..SearchRequest::new("beslut")
    });
    assert_eq!((capped.total, capped.total_exact), (50, false));
    assert_eq!(hits(&capped), hits(&all));

    let phrase = "\"enligt kommunstyrelsens förslag\"";
    let all = search(&SearchRequest {
        count_limit: None,
        ..SearchRequest::new(phrase)
    });
    let capped = search(&SearchRequest {
        count_limit: Some(20),
        ..SearchRequest::new(phrase)
    });
    assert!(all.total_exact && all.total > 20, "{}", all.total);
    assert_eq!((capped.total, capped.total_exact), (20, false));

    // Under the limit: exact.
    let few = search(&SearchRequest {
        count_limit: Some(all.total + 1),
        ..SearchRequest::new(phrase)
    });
    assert_eq!((few.total, few.total_exact), (all.total, true));
}

#[test]
fn several_words_and_a_filtered_word_page_and_count_in_one_pass() {
    let filtered = SearchRequest {
        organ: Some("kommunfullmäktige".into()),
        ..SearchRequest::new("budget")
    };
    for req in [SearchRequest::new("detaljplan bostäder"), filtered] {
        let all = search(&SearchRequest {
            count_limit: None,
            ..req.clone()
        });
        let everything = full(&req);
        assert!(
            all.total_exact && all.total > 12,
            "{}: {}",
            req.query,
            all.total
        );
        assert_eq!(all.total, everything.total, "{}", req.query);
        assert_eq!(hits(&all), hits(&everything), "{}", req.query);
        let capped = search(&SearchRequest {
            count_limit: Some(12),
            ..req.clone()
        });
        assert_eq!(
            (capped.total, capped.total_exact),
            (12, false),
            "{}",
            req.query
        );
        assert_eq!(hits(&capped), hits(&all), "{}", req.query);
    }
}

#[test]
fn count_limit_never_cuts_a_page_short() {
    let r = search(&SearchRequest {
        count_limit: Some(5),
        offset: 20,
        limit: 10,
        ..SearchRequest::new("beslut")
    });
    assert_eq!(r.hits.len(), 10);
    assert!(r.total >= 30, "{}", r.total);
}

#[test]
fn filters_do_not_change_scores() {
    let unfiltered = search(&SearchRequest {
        limit: 10_000,
        ..SearchRequest::new("budget")
    });
    let filtered = search(&SearchRequest {
        from: Some("2024".into()),
        organ: Some("kommunfullmäktige".into()),
        ..SearchRequest::new("budget")
    });
    assert!(!filtered.hits.is_empty());
    for h in &filtered.hits {
        let same = unfiltered
            .hits
            .iter()
            .find(|u| u.source == h.source && u.paragraph.number == h.paragraph.number)
            .expect("a filtered hit is an unfiltered hit");
        // Up to the precision of one f32: a relaxed ranking adds its
        // levels (src/search/rank.rs, some thousands) to BM25 in one score,
        // so the BM25 taken back out has about three decimals.
        assert!(
            (h.score - same.score).abs() <= 2e-3_f32.max(1e-5 * same.score.abs()),
            "{} § {}: {} != {}",
            h.source,
            h.paragraph.number,
            h.score,
            same.score
        );
    }
}
