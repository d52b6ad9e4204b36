//! How a search is run: the work it does is only what can change the page
//! asked for.
//!
//! Every search first counts the § that match every content word as typed
//! (or an inflection of it): the *strict* query, which tantivy answers with
//! block-max WAND. Relaxed matching (fewer words), compound parts,
//! synonyms, corrected typos and accents all rank below such § (see
//! `rank`: levels 1 and 2), so when the strict § fill the page they are the
//! page, and none of that is looked up. Only when they do not is the
//! *relaxed* query built and run: each content word with all its forms, at
//! least [`rank::min_words`] of them required; and if not even that finds
//! anything, one word fewer at a time, down to one.
//!
//! [`plan`] and [`relax_further`] decide; they are pure, so the decisions
//! are unit-tested here and the search (`super::Index::search`) only
//! carries them out.

use super::rank;
use super::request::Sort;

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    /// The strict query alone: every content word as typed.
    Strict,
    /// The relaxed query: all forms of each word, at least `min_words` of
    /// them.
    Relaxed { min_words: usize },
}

/// The plan for a query of `words` relaxable content words whose strict
/// query matches `strict` § (counted at least up to `need`, the hits the
/// page asks for: offset + limit), in order `sort`.
pub(crate) fn plan(words: usize, strict: usize, need: usize, sort: Sort) -> Plan {
    if words == 0 {
        return Plan::Strict;
    }
    let enough = match sort {
        // The page is the top of the strict § when there are enough of
        // them: everything else ranks below.
        Sort::Relevance => strict >= need,
        // By date, the strict § are the answer whenever there are any: a
        // date order cannot put the better matches first.
        Sort::Date | Sort::DateDesc => strict > 0,
    };
    if enough {
        Plan::Strict
    } else {
        Plan::Relaxed {
            min_words: rank::min_words(words),
        }
    }
}

/// After a relaxed query with at least `min_words` of `words` found
/// `found` §: the next, lower minimum to try, if the page is empty and a
/// lower one is left. Never an empty page while some § matches a word.
pub(crate) fn relax_further(min_words: usize, found: usize) -> Option<usize> {
    (found == 0 && min_words > 1).then(|| min_words - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_when_its_matches_fill_the_page() {
        assert_eq!(plan(2, 50, 10, Sort::Relevance), Plan::Strict);
        assert_eq!(plan(2, 10, 10, Sort::Relevance), Plan::Strict);
        // Page 2 of 15 strict matches: the relaxed ones come after them.
        assert_eq!(
            plan(2, 15, 20, Sort::Relevance),
            Plan::Relaxed { min_words: 2 }
        );
    }

    #[test]
    fn relaxed_when_too_few_match_every_word() {
        assert_eq!(
            plan(3, 0, 10, Sort::Relevance),
            Plan::Relaxed { min_words: 2 }
        );
        assert_eq!(
            plan(1, 3, 10, Sort::Relevance),
            Plan::Relaxed { min_words: 1 }
        );
    }

    #[test]
    fn a_query_of_phrases_and_fields_only_is_strict() {
        assert_eq!(plan(0, 0, 10, Sort::Relevance), Plan::Strict);
    }

    #[test]
    fn by_date_any_strict_match_is_the_answer() {
        assert_eq!(plan(2, 1, 10, Sort::DateDesc), Plan::Strict);
        assert_eq!(plan(2, 0, 10, Sort::Date), Plan::Relaxed { min_words: 2 });
    }

    #[test]
    fn lower_minimum_only_while_nothing_is_found() {
        assert_eq!(relax_further(2, 0), Some(1));
        assert_eq!(relax_further(1, 0), None);
        assert_eq!(relax_further(3, 4), None);
    }
}
