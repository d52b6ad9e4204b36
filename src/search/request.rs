//! What a search is asked and what it answers: [`SearchRequest`] in,
//! [`SearchResults`] out, both plain serde structs (the `--json` output is
//! [`SearchResults`] as it is).

use crate::protocol::{Decision, Meeting, Position, Vote};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A search counts matching § up to this many, unless asked for the exact
/// total: counting a word found in most of a million § takes longer than
/// finding its top hits (Elasticsearch's `track_total_hits` default, for
/// the same reason).
pub const TOTAL_COUNT_LIMIT: usize = 10_000;

/// Version of the JSON that paragraf prints (`search`, `case`, `show`,
/// `watch`, `index`, `parse`): raised when a field changes meaning or goes
/// away, not when one is added.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best first; equal scores newest first.
    #[default]
    Relevance,
    /// Oldest meeting first.
    Date,
    /// Newest meeting first.
    DateDesc,
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            "-date" => Ok(Sort::DateDesc),
            _ => Err(format!(
                "{s:?}: expected relevance, date (oldest first) or -date (newest first)"
            )),
        }
    }
}

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
    /// The order of the hits.
    #[serde(default)]
    pub sort: Sort,
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
            sort: Sort::Relevance,
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
    /// Motions, reservations, notes, conflicts and abstentions, as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// The votes taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<Vote>,
}

/// A piece of text with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Snippet {
    /// The text. It starts and ends at a word boundary; "…" stands where
    /// it was cut out of a longer text.
    pub text: String,
    /// UTF-8 byte ranges of `text` that matched, in order (for slicing a
    /// Rust `str`).
    #[serde(rename = "byte_highlights")]
    pub highlights: Vec<(usize, usize)>,
    /// The same ranges in characters (Unicode scalar values), as most
    /// languages index strings.
    #[serde(rename = "char_highlights", default)]
    pub char_highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// A snippet of `text` with the byte ranges `highlights`; the
    /// character ranges are computed from them.
    pub fn new(text: String, highlights: Vec<(usize, usize)>) -> Snippet {
        let mut char_highlights = Vec::with_capacity(highlights.len());
        let mut chars = 0;
        let mut at = 0;
        for &(a, b) in &highlights {
            chars += text[at..a].chars().count();
            let start = chars;
            chars += text[a..b].chars().count();
            char_highlights.push((start, chars));
            at = b;
        }
        Snippet {
            text,
            highlights,
            char_highlights,
        }
    }
}

/// How a query was understood, for the user.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Understanding {
    /// One line saying it all (empty when there is nothing to say beyond
    /// the words).
    pub summary: String,
    /// Content words, as typed: a § matches them (or most of them).
    pub words: Vec<String>,
    /// Words so common in the archive that they rank but are not required.
    pub optional: Vec<String>,
    /// Question and function words not searched for.
    pub dropped: Vec<String>,
    /// Meeting dates preferred ("mars 2024"): first and last day.
    pub dates: Option<(String, String)>,
    /// A year alone, found in the meeting date or the text.
    pub years: Vec<u32>,
    /// Organs preferred, as the index names them.
    pub organs: Vec<String>,
    /// Organisations preferred, as the index names them.
    pub organisations: Vec<String>,
    /// Parties named: (as typed, letters, name).
    pub parties: Vec<(String, String, String)>,
    /// Case numbers: (as typed, normalised).
    pub case_numbers: Vec<(String, String)>,
    /// Words the index does not have, and what was looked for instead:
    /// (as typed, found, "spelling" | "accents" | "compound parts").
    pub corrections: Vec<(String, String, String)>,
    /// Words also looked for as synonyms: (as typed, synonyms).
    pub synonyms: Vec<(String, Vec<String>)>,
    /// When no § matches every content word: the fewest matched.
    pub relaxed: Option<usize>,
    /// A spelling that finds much more, when the query finds little.
    pub did_you_mean: Option<String>,
}

impl Understanding {
    /// Builds [`Understanding::summary`] from the other fields.
    pub fn summarise(&mut self) {
        let mut parts: Vec<String> = Vec::new();
        if let Some((from, to)) = &self.dates {
            parts.push(if from == to {
                format!("meetings on {from}")
            } else if from.starts_with("0000") {
                format!("meetings until {to}")
            } else if to.starts_with("9999") {
                format!("meetings from {from}")
            } else {
                format!("meetings {from} – {to}")
            });
        }
        for y in &self.years {
            parts.push(format!("{y} (meeting or text)"));
        }
        if !self.organs.is_empty() {
            parts.push(format!("organ {}", self.organs.join(" or ")));
        }
        if !self.organisations.is_empty() {
            parts.push(self.organisations.join(" or "));
        }
        for (typed, letters, name) in &self.parties {
            parts.push(format!("{typed}: party {name} ({letters})"));
        }
        for (typed, norm) in &self.case_numbers {
            parts.push(format!("case number {typed} (= {norm})"));
        }
        for (typed, found, how) in &self.corrections {
            parts.push(format!("{typed} → {found} ({how})"));
        }
        for (typed, syn) in &self.synonyms {
            parts.push(format!("{typed} also as {}", syn.join(", ")));
        }
        if !self.dropped.is_empty() {
            parts.push(format!("not searched: {}", self.dropped.join(" ")));
        }
        if !self.optional.is_empty() {
            parts.push(format!("not required: {}", self.optional.join(" ")));
        }
        if let Some(min) = self.relaxed {
            parts.push(format!(
                "no § has all of {}; showing § with at least {min}",
                self.words.join(" ")
            ));
        }
        if let Some(d) = &self.did_you_mean {
            parts.push(format!("did you mean: {d}"));
        }
        self.summary = parts.join(" · ");
    }
}

/// How well a hit matched the query's content words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    /// Content words the § matches (in any form).
    pub matched: usize,
    /// Content words of the query.
    pub of: usize,
}

/// One search hit: a § with its meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Relevance score (BM25 with the weights of `search::rank`), without
    /// the tier that [`Hit::coverage`] shows.
    pub score: f32,
    /// The meeting.
    pub meeting: Meeting,
    /// The paragraph.
    pub paragraph: HitParagraph,
    /// The title with its matched words marked.
    #[serde(default)]
    pub title: Snippet,
    /// Body snippet.
    pub snippet: Snippet,
    /// Content words matched, when not every § on the page matches all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
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
    /// [`JSON_SCHEMA_VERSION`].
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// The matching §: all of them when `total_exact`, else at least this
    /// many (see [`SearchRequest::count_limit`]). When no § matches every
    /// content word, those matching most of them (see
    /// [`Understanding::relaxed`]).
    pub total: usize,
    /// Whether `total` counts every match.
    pub total_exact: bool,
    /// How the query was understood: words, dates, organs, parties, case
    /// numbers, what was dropped or corrected.
    #[serde(default)]
    pub understood: Understanding,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts, if asked for (in JSON always, empty when not asked).
    #[serde(serialize_with = "facets_or_empty", default)]
    pub facets: Option<Facets>,
}

fn schema_version() -> u32 {
    JSON_SCHEMA_VERSION
}

fn facets_or_empty<S: serde::Serializer>(f: &Option<Facets>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => f.serialize(s),
        None => Facets::default().serialize(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_ranges_follow_the_byte_ranges() {
        let text = "Översyn av äldreomsorgen i Åre".to_string();
        let a = text.find("äldreomsorgen").unwrap();
        let b = a + "äldreomsorgen".len();
        let c = text.find("Åre").unwrap();
        let s = Snippet::new(text.clone(), vec![(a, b), (c, text.len())]);
        assert_eq!(s.char_highlights, vec![(11, 24), (27, 30)]);
        let chars: Vec<char> = text.chars().collect();
        let word: String = chars[11..24].iter().collect();
        assert_eq!(word, "äldreomsorgen");
    }

    #[test]
    fn sort_names() {
        assert_eq!("-date".parse::<Sort>().unwrap(), Sort::DateDesc);
        assert_eq!("date".parse::<Sort>().unwrap(), Sort::Date);
        assert!("newest".parse::<Sort>().is_err());
    }

    #[test]
    fn json_always_has_the_schema_version_and_facets() {
        let r = SearchResults {
            schema_version: JSON_SCHEMA_VERSION,
            total: 0,
            total_exact: true,
            understood: Understanding::default(),
            hits: Vec::new(),
            facets: None,
        };
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        assert_eq!(v["schema_version"], JSON_SCHEMA_VERSION);
        assert!(v["facets"]["organ"].as_object().unwrap().is_empty());
    }
}
