//! Case threads: every § of one case number across bodies and meetings, in
//! the order of the decision chain, and the § that refer to them.
//!
//! Case numbers are matched exactly after normalisation
//! ([`normalise_case_number`]): letters case-insensitive, any separators
//! (space, `-`, `/`, `.`, `:`), leading zeros of number runs ignored. So
//! "KS 2024/0123" and "ks-2024-123" are the same number, "SLK-2023-00025" and
//! "SLK-2023-00025:26" (a sub-case) are not.
//!
//! References are § of other case numbers that mention the case number in
//! their title or text, or that cite one of the thread's § by date and
//! number ("kommunfullmäktiges uppdrag 2024-06-19 § 261") in the context of
//! that § 's organ and organisation.

use super::HitParagraph;
use crate::analysis::{self, TokenKind};
use crate::error::{Error, Result};
use crate::index::{Index, sorted_docs};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

/// Widest zero-padded form of a case number's digit runs looked up.
const MAX_PADDED: usize = 8;
/// Characters before a cited date searched for the organ it belongs to.
const CONTEXT_CHARS: usize = 80;
/// Characters of text shown around a reference.
const EXCERPT_CHARS: usize = 100;

/// One § of a case thread (or one referring §), with its meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseStep {
    /// The meeting's id (as in search hits and `paragraf show`).
    pub meeting_id: String,
    /// Organisation of the meeting.
    pub organisation: Option<String>,
    /// The body that met.
    pub organ: Option<String>,
    /// Meeting date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The protocol file.
    pub source: String,
    /// The § with its decision (kind, clauses).
    pub paragraph: HitParagraph,
}

/// What a referring § points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cited {
    /// The case number itself, in its title or text.
    CaseNumber,
    /// One § of the thread, by date and number.
    Paragraph {
        /// The cited §'s meeting id.
        meeting_id: String,
        /// The cited § number.
        number: u32,
    },
}

/// A § that refers to the case without carrying its case number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseReference {
    /// The referring §.
    pub step: CaseStep,
    /// What it cites.
    pub cites: Cited,
    /// The text around the citation, on one line.
    pub excerpt: String,
}

/// A case's path through the decision chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseThread {
    /// The case number as asked for.
    pub case_number: String,
    /// Every § with that case number: by date, then the organ's place in
    /// the decision chain (utskott and beredning, then nämnd, styrelse,
    /// fullmäktige), then § number.
    pub steps: Vec<CaseStep>,
    /// § that refer to the case or to one of its steps, in the same order.
    pub references: Vec<CaseReference>,
}

/// A case number in a form where variants of one number are equal:
/// uppercase runs of letters and of digits (digits without leading zeros),
/// joined by `-`. "KS 2024/0123" and "ks-2024-123" both give "KS-2024-123".
pub fn normalise_case_number(case_number: &str) -> String {
    runs(case_number).join("-")
}

/// The runs of letters and of digits of a case number, normalised.
fn runs(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<bool> = None; // digit run?
    for c in s.chars() {
        if !c.is_alphanumeric() {
            last = None;
            continue;
        }
        let digit = c.is_ascii_digit();
        if last != Some(digit) {
            out.push(String::new());
        }
        last = Some(digit);
        if let Some(run) = out.last_mut() {
            run.extend(c.to_uppercase());
        }
    }
    for run in &mut out {
        if run.starts_with('0') && run.bytes().all(|b| b.is_ascii_digit()) {
            let trimmed = run.trim_start_matches('0');
            *run = if trimmed.is_empty() {
                "0".into()
            } else {
                trimmed.into()
            };
        }
    }
    out
}

/// The place of an organ in the decision chain, from its name: preparing
/// bodies (utskott, beredning) 0, nämnder and others 1, styrelse 2,
/// fullmäktige 3.
pub fn organ_rank(organ: &str) -> u8 {
    match organ_kind(organ) {
        Some("utskott" | "beredning") => 0,
        Some("styrelse") => 2,
        Some("fullmäktig") => 3,
        _ => 1,
    }
}

/// The kind of organ a name or text names: a sub-body first, since
/// "Regionstyrelsens arbetsutskott" is an utskott.
fn organ_kind(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    ["utskott", "beredning", "fullmäktig", "styrelse", "nämnd"]
        .into_iter()
        .find(|k| lower.contains(k))
}

/// Matches a case number in running text, in any of its written variants.
fn mention_pattern(runs: &[String]) -> Option<Regex> {
    if runs.is_empty() {
        return None;
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|r| {
            if r.bytes().all(|b| b.is_ascii_digit()) {
                format!("0*{r}")
            } else {
                regex::escape(r)
            }
        })
        .collect();
    // Not inside a longer code: no letter or digit before, none after, and
    // no separator followed by more of a code ("…-00025:26" is a sub-case).
    let pattern = format!(
        r"(?i)(?:^|[^\p{{L}}\p{{N}}])({})(?:$|[^\p{{L}}\p{{N}}\-/:.]|[\-/:.](?:$|[^\p{{L}}\p{{N}}]))",
        parts.join(r"[\s\-/:.]*")
    );
    Regex::new(&pattern).ok()
}

/// The query for § whose `fields` may hold a case number: its whole
/// analysed forms ("slk-2024-00062", "23rs5009"), or in one field every
/// run of it, numbers in some zero-padded form ("slk", "2024" and "00062"
/// as the parts of "SLK 2024/62"). Candidates only: the caller checks each.
fn lookup_query(fields: &[Field], case_number: &str, runs: &[String]) -> BooleanQuery {
    // Codes ("slk-2024-00062", "2024/0123"); single words only as the whole
    // number ("23rs5009"), since "23" of "23 RS 5009" is in countless texts.
    let mut whole: Vec<String> = analysis::analyze(case_number)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Code && t.text.bytes().any(|b| b.is_ascii_digit()))
        .map(|t| t.text)
        .collect();
    if runs.len() > 1 {
        let written: String = case_number
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        whole.push(written);
        whole.push(runs.concat().to_lowercase());
    }
    whole.sort();
    whole.dedup();
    // Each run in the forms it may be indexed in: a number zero-padded, a
    // run of letters as the analyzer has it ("slk").
    let padded: Vec<Vec<String>> = runs
        .iter()
        .map(|run| {
            if run.bytes().all(|b| b.is_ascii_digit()) {
                (run.len()..=MAX_PADDED.max(run.len()))
                    .map(|width| format!("{run:0>width$}"))
                    .collect()
            } else {
                analysis::analyze(run).into_iter().map(|t| t.text).collect()
            }
        })
        .filter(|forms: &Vec<String>| !forms.is_empty())
        .collect();
    let term = |field: Field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &field in fields {
        for t in &whole {
            clauses.push((Occur::Should, term(field, t)));
        }
        if padded.len() > 1 {
            let all: Vec<(Occur, Box<dyn Query>)> = padded
                .iter()
                .map(|forms| {
                    let any: Vec<(Occur, Box<dyn Query>)> = forms
                        .iter()
                        .map(|f| (Occur::Should, term(field, f)))
                        .collect();
                    (
                        Occur::Must,
                        Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
                    )
                })
                .collect();
            clauses.push((Occur::Should, Box::new(BooleanQuery::new(all))));
        }
    }
    BooleanQuery::new(clauses)
}

/// The query for § whose case number (in `field`) is `typed` in any of
/// its spellings: separators, leading zeros, and a two- or four-digit year
/// ("KS 24/88" is also "KS-2024-00088", and back). Candidates only, as for
/// [`lookup_query`]; in a field that holds one case number a §, they are
/// the §.
pub(crate) fn number_query(field: Field, typed: &str) -> BooleanQuery {
    let runs = runs(typed);
    let mut variants = vec![runs.clone()];
    for (i, run) in runs.iter().enumerate() {
        // The first number that looks like a year, in its other length.
        if !run.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let other = match run.len() {
            2 => Some(format!("20{run}")),
            4 if run.starts_with("20") || run.starts_with("19") => Some(run[2..].to_string()),
            _ => None,
        };
        if let Some(other) = other {
            let mut v = runs.clone();
            v[i] = other;
            variants.push(v);
        }
        break;
    }
    let clauses = variants
        .into_iter()
        .map(|v| {
            let text = v.join("-");
            (
                Occur::Should,
                Box::new(lookup_query(&[field], &text, &v)) as Box<dyn Query>,
            )
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// The text around `range` of `text`, on one line.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .nth(EXCERPT_CHARS)
        .map_or(0, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(text.len(), |(i, _)| range.end + i);
    let mut s = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if start > 0 {
        s.insert(0, '…');
    }
    if end < text.len() {
        s.push('…');
    }
    s
}

/// Sort key of a step: date (undated last), organ rank, § number.
fn order(s: &CaseStep) -> (bool, String, u8, String, u32) {
    (
        s.date.is_none(),
        s.date.clone().unwrap_or_default(),
        s.organ.as_deref().map_or(1, organ_rank),
        s.meeting_id.clone(),
        s.paragraph.number,
    )
}

/// Whether the text before a cited "DATE § N" names `step`'s organ: by its
/// words, by the same kind of organ, or (naming no organ) by citing from a
/// meeting of that organ.
fn names_organ(before: &str, step: &CaseStep, citing: &CaseStep) -> bool {
    let Some(organ) = step.organ.as_deref() else {
        return false;
    };
    let lower = before.to_lowercase();
    let stems: Vec<String> = organ
        .to_lowercase()
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .map(|w| {
            let n = w.chars().count();
            w.chars().take((n - 2).max(4)).collect()
        })
        .collect();
    if !stems.is_empty() && stems.iter().all(|s| lower.contains(s.as_str())) {
        return true;
    }
    match organ_kind(&lower) {
        Some(kind) => organ_kind(organ) == Some(kind),
        None => citing.organ.as_deref() == Some(organ),
    }
}

impl Index {
    /// [`Index::case`], without the guard against damaged index files.
    pub(crate) fn case_unguarded(&self, case_number: &str) -> Result<CaseThread> {
        let wanted = runs(case_number);
        if !wanted.iter().any(|r| r.bytes().any(|b| b.is_ascii_digit())) {
            return Err(Error::Option {
                option: "CASE_NUMBER".into(),
                message: format!(
                    "{case_number:?} has no digits; a case number looks like SLK-2024-00062 or 23RS5009"
                ),
            });
        }
        let searcher = self.searcher()?;
        let f = *self.fields();

        let mut steps = Vec::new();
        let mut in_thread: HashSet<DocAddress> = HashSet::new();
        for addr in sorted_docs(&searcher, &lookup_query(&[f.case], case_number, &wanted))? {
            let (step, _) = self.case_step(&searcher, addr)?;
            let same = step
                .paragraph
                .case_number
                .as_deref()
                .is_some_and(|c| runs(c) == wanted);
            if same {
                in_thread.insert(addr);
                steps.push(step);
            }
        }
        steps.sort_by_key(order);

        let mut references = Vec::new();
        let mut seen = in_thread;
        // § that mention the case number.
        if let Some(pattern) = mention_pattern(&wanted) {
            let q = lookup_query(&[f.title, f.body], case_number, &wanted);
            for addr in sorted_docs(&searcher, &q)? {
                if seen.contains(&addr) {
                    continue;
                }
                let (step, text) = self.case_step(&searcher, addr)?;
                if let Some(m) = pattern.captures(&text).and_then(|c| c.get(1)) {
                    seen.insert(addr);
                    references.push(CaseReference {
                        excerpt: excerpt(&text, m.range()),
                        step,
                        cites: Cited::CaseNumber,
                    });
                }
            }
        }
        // § that cite a step by date and number.
        for cited in &steps {
            let Some(date) = cited.date.as_deref() else {
                continue;
            };
            let n = cited.paragraph.number;
            let q = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.body, date),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                ),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.body, &format!("§{n}")),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]);
            let pattern = Regex::new(&format!(
                r"{}\s*,?\s*(?:§\s*){n}(?:[^0-9]|$)",
                regex::escape(date)
            ))
            .map_err(|e| Error::Internal(e.to_string()))?;
            for addr in sorted_docs(&searcher, &q)? {
                if seen.contains(&addr) {
                    continue;
                }
                let (step, text) = self.case_step(&searcher, addr)?;
                let same_organisation = match (&step.organisation, &cited.organisation) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                if !same_organisation {
                    continue;
                }
                let found = pattern.find_iter(&text).find(|m| {
                    let before = &text[..m.start()];
                    let from = before
                        .char_indices()
                        .rev()
                        .nth(CONTEXT_CHARS)
                        .map_or(0, |(i, _)| i);
                    names_organ(&before[from..], cited, &step)
                });
                if let Some(m) = found {
                    seen.insert(addr);
                    references.push(CaseReference {
                        excerpt: excerpt(&text, m.range()),
                        step,
                        cites: Cited::Paragraph {
                            meeting_id: cited.meeting_id.clone(),
                            number: n,
                        },
                    });
                }
            }
        }
        references.sort_by_key(|r| order(&r.step));
        Ok(CaseThread {
            case_number: case_number.to_string(),
            steps,
            references,
        })
    }

    /// A § as a case step, with its title and body as one text.
    fn case_step(&self, searcher: &Searcher, addr: DocAddress) -> Result<(CaseStep, String)> {
        let (para, source, meeting) = self.stored_hit(searcher, addr)?;
        let text = format!("{}\n{}", para.title, para.body);
        Ok((
            CaseStep {
                meeting_id: meeting.id.clone(),
                organisation: meeting.organisation.clone(),
                organ: meeting.organ.clone(),
                date: meeting.date.clone(),
                source,
                paragraph: HitParagraph {
                    number: para.number,
                    title: para.title,
                    case_number: para.case_number,
                    page: para.page,
                    decision: para.decision,
                    positions: para.positions,
                    votes: para.votes,
                },
            },
            text,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_number_are_equal() {
        let n = normalise_case_number;
        assert_eq!(n("KS 2024/0123"), n("ks-2024-123"));
        assert_eq!(n("SLK-2024-00062"), n("slk 2024 62"));
        assert_eq!(n("23RS5009"), n("23 rs 5009"));
        assert_ne!(n("SLK-2023-00025"), n("SLK-2023-00025:26"));
        assert_ne!(n("0901/22"), n("0901/23"));
        assert_eq!(n("0901/22"), "901-22");
    }

    #[test]
    fn organs_rank_in_the_decision_chain() {
        let r = organ_rank;
        assert!(r("Regionstyrelsens arbetsutskott") < r("Regionstyrelsen"));
        assert!(r("Kommunstyrelsen") < r("Kommunfullmäktige"));
        assert!(r("Byggnadsnämnden") < r("Kommunstyrelsen"));
        assert!(r("Kommunstyrelsens beredning") < r("Byggnadsnämnden"));
    }

    #[test]
    fn mentions_in_text_match_variants_only_of_the_same_number() {
        let p = mention_pattern(&runs("SLK-2023-00025")).unwrap();
        assert!(p.is_match("se ärende SLK-2023-00025."));
        assert!(p.is_match("(slk 2023 25)"));
        assert!(!p.is_match("SLK-2023-00025:26"));
        assert!(!p.is_match("SLK-2023-000251"));
        assert!(!p.is_match("XSLK-2023-00025"));
    }
}
