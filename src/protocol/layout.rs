//! Layout induction: what a document's § headings have in common, learnt
//! from a first reading of them (`segment`) and used in the second.
//!
//! Minutes come out of many systems and Word templates. Instead of a rule
//! per template, the parser looks at what recurs around the headings it
//! found first:
//! - the **form** of the heading lines: an organ's abbreviation before the
//!   §, and what follows the number (nothing, a case number, a case number
//!   and a title, a title, a labelled case number). A candidate in a form
//!   none of the headings has is a cross-reference more likely than a
//!   heading, and weighs less in the second reading;
//! - **where the case number stands** (on the heading line, on a line of
//!   its own, in a column right of the title) and its **shape** (see
//!   `case_number::Shape`). A number the grammar alone finds weak
//!   (`2023/123`, `Bun/2023:118`) is the case number where it stands in the
//!   shape and place that recur at the document's headings; elsewhere only a
//!   strong one is (so a building permit's `(2026-0142)` in a title is left
//!   to the title where the case numbers stand on the heading line).

use super::case_number::{Shape, Strength, read};
use super::clean::Line;
use super::segment::{Form, Heading, Rest};

/// Where a case number stands relative to its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Place {
    /// After the number on the heading line.
    HeadingLine,
    /// On a line of its own near the heading (before or after the title).
    OwnLine,
    /// In a column right of the title.
    Column,
}

/// What a document's headings have in common.
#[derive(Debug, Default, Clone)]
pub(crate) struct Layout {
    /// How many headings it was learnt from.
    headings: usize,
    /// Each heading form (whether prefixed, whether titled on the line),
    /// and how many headings have it.
    forms: Vec<((bool, bool), usize)>,
    /// Each place and shape of a case number, and at how many headings.
    cases: Vec<(Place, Shape, usize)>,
}

/// Lines after a heading looked at for a case number of its own.
const NEAR_LINES: usize = 6;

fn count<K: PartialEq>(v: &mut Vec<(K, usize)>, k: K) {
    match v.iter_mut().find(|(x, _)| *x == k) {
        Some((_, n)) => *n += 1,
        None => v.push((k, 1)),
    }
}

impl Layout {
    /// Learns the layout from `chain`, the headings of a first reading.
    pub(crate) fn learn(lines: &[Line<'_>], chain: &[Heading]) -> Layout {
        let mut l = Layout {
            headings: chain.len(),
            ..Layout::default()
        };
        let mut cases: Vec<((Place, Shape), usize)> = Vec::new();
        for (k, h) in chain.iter().enumerate() {
            count(&mut l.forms, coarse(h.form));
            let mut seen: Vec<(Place, Shape)> = Vec::new();
            if let Some(shape) = h.case_shape {
                seen.push((Place::HeadingLine, shape));
            }
            let end = chain.get(k + 1).map_or(lines.len(), |n| n.idx);
            for line in lines[h.idx + 1..end]
                .iter()
                .filter(|l| !l.is_blank())
                .take(NEAR_LINES)
            {
                let t = line.text;
                if let Some(c) = read(t).filter(|c| c.rest.trim().is_empty()) {
                    seen.push((Place::OwnLine, c.shape));
                } else if let Some(at) = column_gap(t)
                    && let Some(c) = read(&t[at..]).filter(|c| c.rest.trim().is_empty())
                {
                    seen.push((Place::Column, c.shape));
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                count(&mut cases, s);
            }
        }
        l.cases = cases.into_iter().map(|((p, s), n)| (p, s, n)).collect();
        l
    }

    /// True if there are enough headings to tell a usual form from an
    /// unusual one.
    pub(crate) fn has_usual_forms(&self) -> bool {
        self.headings >= 4
    }

    /// True if `form` is one the document's headings have (an organ's
    /// abbreviation or none, a title on the line or below it): at two of
    /// them, or at a quarter.
    pub(crate) fn is_usual(&self, form: Form) -> bool {
        let form = coarse(form);
        self.forms
            .iter()
            .find(|(f, _)| *f == form)
            .is_some_and(|&(_, n)| n >= 2 || n * 4 >= self.headings)
    }

    /// True if case numbers of `shape` stand at `place` at the document's
    /// headings: at two of them, or at half.
    fn is_learnt(&self, place: Place, shape: Shape) -> bool {
        self.cases
            .iter()
            .find(|&&(p, s, _)| p == place && s == shape)
            .is_some_and(|&(_, _, n)| n >= 2 || n * 2 >= self.headings)
    }

    /// `t` (trimmed) if it is, whole, a case number at `place`: a strong one,
    /// or a weak one in a shape the document's case numbers have there.
    pub(crate) fn case_at<'t>(&self, place: Place, t: &'t str) -> Option<&'t str> {
        let t = t.trim();
        if t.len() > 40 {
            return None;
        }
        let c = read(t).filter(|c| c.rest.trim().is_empty())?;
        (c.strength == Strength::Strong || self.is_learnt(place, c.shape)).then_some(c.text)
    }
}

/// What of a heading's form the layout compares: whether an organ's
/// abbreviation comes first, and whether the title is on the line.
fn coarse(f: Form) -> (bool, bool) {
    (f.prefixed, matches!(f.rest, Rest::Title | Rest::CaseTitle))
}

/// Where the right column of `t` starts: after its last gap of two or more
/// spaces or a tab, as text extraction renders a column.
pub(crate) fn column_gap(t: &str) -> Option<usize> {
    let at = t.rfind("  ").or_else(|| t.rfind('\t'))?;
    let right = t[at..].trim_start();
    (!right.is_empty() && at > 0).then(|| t.len() - right.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::test_lines as lines;
    use crate::protocol::segment::find_headings;

    #[test]
    fn a_weak_case_number_is_one_where_the_documents_case_numbers_stand() {
        // Case numbers without a code, on a line of their own after the
        // title, at every heading.
        let text =
            "§ 1\nBudget\n2023/12\nText.\n§ 2\nTaxor\n2023/13\nText.\n§ 3\nVal\n2023/14\nText.\n";
        let l = lines(text);
        let found = find_headings(&l, false);
        let layout = &found.layout;
        assert_eq!(layout.case_at(Place::OwnLine, "2023/99"), Some("2023/99"));
        // Not in another place or shape.
        assert_eq!(layout.case_at(Place::Column, "2023/99"), None);
        assert_eq!(layout.case_at(Place::OwnLine, "2023-0099"), None);
        // A strong one anywhere.
        assert_eq!(
            layout.case_at(Place::Column, "KS 2023/99"),
            Some("KS 2023/99")
        );
    }

    #[test]
    fn heading_forms_are_counted() {
        let text = "§ 1 2026.001 TEN\nA\n§ 2 2026.002 TEN\nB\n§ 3\nC\n§ 4 2026.004 TEN\nD\n§ 5 2026.005 TEN\nE\n";
        let found = find_headings(&lines(text), false);
        let f = |rest| Form {
            prefixed: false,
            rest,
        };
        let layout = &found.layout;
        assert!(layout.has_usual_forms());
        assert!(layout.is_usual(f(Rest::Case)));
        assert!(layout.is_usual(f(Rest::Empty)));
        assert!(!layout.is_usual(f(Rest::CaseTitle)));
        assert!(!layout.is_usual(f(Rest::Title)));
    }

    #[test]
    fn column_gaps() {
        assert_eq!(column_gap("Budget 2025      KS 2024/12"), Some(17));
        assert_eq!(column_gap("Avgifter\t\tRS 2023-0127"), Some(10));
        assert_eq!(column_gap("Budget 2025"), None);
        assert_eq!(column_gap("Budget 2025   "), None);
    }
}
