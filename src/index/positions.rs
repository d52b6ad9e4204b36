//! Positions across the index: the § whose motions, reservations, notes,
//! conflicts or abstentions match a party, a person, a kind and dates, read
//! from the stored records (what `paragraf positions` lists and counts).

use super::Index;
use super::{document, record};
use crate::error::Result;
use crate::protocol::{Meeting, Paragraph, Position, PositionKind};
use std::sync::Arc;
use tantivy::TantivyDocument;

/// Which positions to find. Every field set must match.
#[derive(Debug, Clone, Default)]
pub struct PositionFilter {
    /// A party abbreviation ("SD"), any case: a group of it or a person of it.
    pub party: Option<String>,
    /// A person's name, or part of it, any case.
    pub person: Option<String>,
    /// The kind of position.
    pub kind: Option<PositionKind>,
    /// Meetings on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Meetings on or before this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub to: Option<String>,
}

impl PositionFilter {
    /// True if `p` matches the party, person and kind.
    pub fn matches(&self, p: &Position) -> bool {
        if self.kind.is_some_and(|k| k != p.kind) {
            return false;
        }
        if let Some(party) = &self.party
            && !p
                .all_parties()
                .iter()
                .any(|q| q.eq_ignore_ascii_case(party))
        {
            return false;
        }
        if let Some(person) = &self.person {
            let want = person.to_lowercase();
            if !p
                .persons
                .iter()
                .any(|q| q.name.to_lowercase().contains(&want))
            {
                return false;
            }
        }
        true
    }

    /// True if a meeting on `date` is within the dates.
    pub fn in_dates(&self, date: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(date) = date else { return false };
        let after = self.from.as_deref().is_none_or(|f| date >= f);
        let before = self
            .to
            .as_deref()
            .is_none_or(|t| date.get(..t.len()).unwrap_or(date) <= t);
        after && before
    }
}

/// A § with positions that match, and which of them do.
#[derive(Debug, Clone)]
pub struct PositionMatch {
    /// The meeting.
    pub meeting: Arc<Meeting>,
    /// The whole §.
    pub paragraph: Paragraph,
    /// The indices in `paragraph.positions` of the positions that match.
    pub matching: Vec<usize>,
}

impl Index {
    /// Every § (in date order, then by number) with a position matching `filter`.
    pub fn positions(&self, filter: &PositionFilter) -> Result<Vec<PositionMatch>> {
        self.guarded(|| self.positions_unguarded(filter))
    }

    fn positions_unguarded(&self, filter: &PositionFilter) -> Result<Vec<PositionMatch>> {
        let searcher = self.searcher()?;
        let f = *self.fields();
        let docs = super::sorted_docs(&searcher, &*self.kind_query(document::KIND_PARAGRAPH))?;
        let mut out = Vec::new();
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let source = document::text(&doc, f.source)
                .unwrap_or_default()
                .to_string();
            let Some(meeting) = self.cached_meeting(&searcher, &source)? else {
                continue;
            };
            if !filter.in_dates(meeting.date.as_deref()) {
                continue;
            }
            let paragraph = record::hit_paragraph(&doc, &f)?;
            let matching: Vec<usize> = paragraph
                .positions
                .iter()
                .enumerate()
                .filter(|(_, p)| filter.matches(p))
                .map(|(i, _)| i)
                .collect();
            if matching.is_empty() {
                continue;
            }
            out.push(PositionMatch {
                meeting,
                paragraph,
                matching,
            });
        }
        out.sort_by(|a, b| {
            (a.meeting.date.as_deref(), &a.meeting.id, a.paragraph.number).cmp(&(
                b.meeting.date.as_deref(),
                &b.meeting.id,
                b.paragraph.number,
            ))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Person;

    fn reservation(persons: &[(&str, &str)], parties: &[&str]) -> Position {
        Position {
            kind: PositionKind::Reservation,
            direction: None,
            persons: persons
                .iter()
                .map(|(n, p)| Person {
                    name: (*n).into(),
                    party: Some((*p).into()),
                    ..Person::default()
                })
                .collect(),
            parties: parties.iter().map(|p| (*p).to_string()).collect(),
            refers_to: None,
            text: String::new(),
        }
    }

    #[test]
    fn a_party_matches_its_group_or_its_persons() {
        let f = PositionFilter {
            party: Some("sd".into()),
            kind: Some(PositionKind::Reservation),
            ..PositionFilter::default()
        };
        assert!(f.matches(&reservation(&[], &["SD"])));
        assert!(f.matches(&reservation(&[("Jörgen Fogelklou", "SD")], &[])));
        assert!(!f.matches(&reservation(&[("Axel Josefson", "M")], &["S"])));
        let motion = Position {
            kind: PositionKind::Motion,
            ..reservation(&[], &["SD"])
        };
        assert!(!f.matches(&motion));
    }

    #[test]
    fn dates_as_years_months_or_days() {
        let f = PositionFilter {
            from: Some("2024".into()),
            to: Some("2024-06".into()),
            ..PositionFilter::default()
        };
        assert!(f.in_dates(Some("2024-01-10")));
        assert!(f.in_dates(Some("2024-06-30")));
        assert!(!f.in_dates(Some("2024-07-01")));
        assert!(!f.in_dates(Some("2023-12-31")));
        assert!(!f.in_dates(None));
    }
}
