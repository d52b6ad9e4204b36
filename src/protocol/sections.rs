//! Inside one paragraph: the field lines (Diarienummer, Ärendeansvarig,
//! Handläggare), the titled sections, the recipients and the cleaned body.

use super::case_number::{case_label, case_number_alone, find_in, split_case};
use super::clean::Line;
use super::model::Section;
use super::section_heading::{SENT_TO_HEADINGS, section_heading_entry};
use super::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// `Ärendeansvarig: Name`.
pub(crate) static RESPONSIBLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^ärendeansvarig\s*:?\s+(?P<v>.+)$"));

/// `Handläggare: Name`.
pub(crate) static OFFICER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^handläggare\s*:?\s+(?P<v>.+)$"));

/// A closing formula that ends a paragraph and belongs to no section.
pub(crate) static CLOSING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^paragrafen\s+är\s+justerad\.?$"));

/// What the lines of one paragraph (after its title) yield.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// Case number from a `Diarienummer:` line.
    pub case_number: Option<String>,
    /// Ärendeansvarig.
    pub responsible: Option<String>,
    /// Handläggare.
    pub officer: Option<String>,
    /// Titled sections in order; text before the first heading has an empty heading.
    pub sections: Vec<Section>,
    /// Recipients.
    pub sent_to: Vec<String>,
    /// The cleaned text: closing formulas and repeated heading lines dropped,
    /// runs of blank lines folded to one.
    pub body: String,
}

/// Splits the body `lines` of a paragraph. `heading_text` is the heading line;
/// an identical line later in the paragraph is a running header and is dropped.
pub(crate) fn split(lines: &[Line<'_>], heading_text: &str) -> Parts {
    let mut parts = Parts::default();
    // The section being read: its heading, whether that lists recipients,
    // and its lines and separators, joined once when it ends.
    let mut heading = String::new();
    let mut lists_recipients = false;
    let mut pieces: Vec<&str> = Vec::new();
    // Whether each section in `parts.sections` lists recipients.
    let mut recipients: Vec<bool> = Vec::new();
    // At most every line and a blank line before each: one allocation.
    let mut body = String::with_capacity(lines.iter().map(|l| l.text.len() + 2).sum());
    let mut pending_blank = false;
    let mut section_blank = false;
    for l in lines {
        let t = l.text;
        if t.is_empty() {
            pending_blank = !body.is_empty();
            section_blank = !pieces.is_empty();
            continue;
        }
        if t == heading_text || (t.starts_with(['P', 'p']) && CLOSING.is_match(t)) {
            continue;
        }
        if pending_blank {
            body.push('\n');
            pending_blank = false;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(t);
        // Field lines start with är (Ärendenummer, Ärendeansvarig), di/dn
        // (Diarienummer, Dnr) or ha (Handläggare), any case; test that
        // before any regex.
        let field_start = is_field_start(t);
        if field_start && let Some(value) = case_label(t) {
            if parts.case_number.is_none() {
                let v = value.unwrap_or("").trim();
                parts.case_number = split_case(v, true)
                    .0
                    .or_else(|| find_in(v).map(str::to_string));
            }
            continue;
        }
        // A line that is a case number and nothing else, before any text
        // of the paragraph, is its case number without a label.
        if parts.case_number.is_none()
            && pieces.is_empty()
            && parts.sections.is_empty()
            && heading.is_empty()
            && let Some(case) = case_number_alone(t)
        {
            parts.case_number = Some(case.to_string());
            continue;
        }
        if field_start && let Some(c) = RESPONSIBLE.captures(t) {
            parts.responsible.get_or_insert_with(|| squash(&c["v"]));
            continue;
        }
        if field_start && let Some(c) = OFFICER.captures(t) {
            parts.officer.get_or_insert_with(|| squash(&c["v"]));
            continue;
        }
        if let Some((h, entry)) = section_heading_entry(t) {
            let previous = std::mem::replace(&mut heading, h.to_string());
            finish(
                &mut parts.sections,
                &mut recipients,
                previous,
                &pieces,
                lists_recipients,
            );
            pieces.clear();
            // `entry` is `fold(h)` for the recipient headings (see `section_heading_entry`).
            lists_recipients = entry.is_some_and(|e| SENT_TO_HEADINGS.contains(&e));
            section_blank = false;
            continue;
        }
        if !pieces.is_empty() {
            pieces.push(if section_blank { "\n\n" } else { "\n" });
        }
        section_blank = false;
        pieces.push(t);
    }
    finish(
        &mut parts.sections,
        &mut recipients,
        heading,
        &pieces,
        lists_recipients,
    );
    for (s, _) in parts.sections.iter().zip(&recipients).filter(|(_, r)| **r) {
        parts.sent_to.extend(
            s.text
                .lines()
                .map(|l| l.trim().trim_end_matches([',', '.', ';']).trim())
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
    }
    parts.body = body;
    parts
}

/// True if `t` starts as a field line can: "ären" (Ärendenummer, Ärende nr,
/// Ärendeansvarig), "diar" (Diarienummer, Diarienr), "dnr" or "hand"
/// (Handläggare), in any case: the field patterns are case-insensitive, and
/// no other characters fold or lowercase to these letters.
pub(crate) fn is_field_start(t: &str) -> bool {
    let mut low = [' '; 4];
    for (slot, c) in low.iter_mut().zip(t.chars()) {
        *slot = if c == 'Ä' {
            'ä'
        } else {
            c.to_ascii_lowercase()
        };
    }
    matches!(
        low,
        ['ä', 'r', 'e', 'n'] | ['d', 'i', 'a', 'r'] | ['d', 'n', 'r', _] | ['h', 'a', 'n', 'd']
    )
}

/// Adds a finished section, its text trimmed, unless it is empty;
/// `recipients` keeps step with `sections`.
fn finish(
    sections: &mut Vec<Section>,
    recipients: &mut Vec<bool>,
    heading: String,
    pieces: &[&str],
    lists_recipients: bool,
) {
    let mut s = Section {
        heading,
        text: pieces.concat(),
    };
    let trimmed = s.text.trim();
    if trimmed.len() != s.text.len() {
        s.text = trimmed.to_string();
    }
    if !s.heading.is_empty() || !s.text.is_empty() {
        sections.push(s);
        recipients.push(lists_recipients);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::clean::test_lines as lines;

    #[test]
    fn fields_sections_and_recipients() {
        let text = "Diarienummer: 23RS5009\nÄrendeansvarig: Sofia Pettersson\nHandläggare: Ingrid Hammarstrand\n\nSammanfattning\nText ett.\n\nText två.\nBeslut:\natt göra\nSkickas till\nRegionstyrelsen\n\nParagrafen är justerad\n";
        let l = lines(text);
        let p = split(&l, "§ 1 X");
        assert_eq!(p.case_number.as_deref(), Some("23RS5009"));
        assert_eq!(p.responsible.as_deref(), Some("Sofia Pettersson"));
        assert_eq!(p.officer.as_deref(), Some("Ingrid Hammarstrand"));
        let heads: Vec<&str> = p.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(heads, ["Sammanfattning", "Beslut", "Skickas till"]);
        assert_eq!(p.sections[0].text, "Text ett.\n\nText två.");
        assert_eq!(p.sent_to, ["Regionstyrelsen"]);
        assert!(!p.body.contains("Paragrafen är justerad"));
    }

    #[test]
    fn an_organs_proposal_heading_is_a_section_in_any_case() {
        for (described, proposal) in [
            ("Ärendebeskrivning", "Kommunstyrelsens förslag till beslut"),
            ("ÄRENDEBESKRIVNING", "KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT"),
            (
                "Ärendet",
                "BARN- OCH UTBILDNINGSNÄMNDENS FÖRSLAG TILL BESLUT:",
            ),
            (
                "Ärendet",
                "Kommunstyrelsens arbetsutskotts förslag till beslut",
            ),
        ] {
            let text = format!(
                "{described}\nBudgeten för 2025.\n\n{proposal}\nKommunfullmäktige beslutar\n\natt fastställa budgeten.\n"
            );
            let p = split(&lines(&text), "§ 1 Budget");
            let heads: Vec<&str> = p.sections.iter().map(|s| s.heading.as_str()).collect();
            assert_eq!(heads, [described, proposal.trim_end_matches(':')]);
            assert_eq!(
                p.sections[1].text,
                "Kommunfullmäktige beslutar\n\natt fastställa budgeten."
            );
        }
        // The same words inside running text are no heading.
        for line in [
            "Bifall till kommunstyrelsens förslag till beslut",
            "kommunstyrelsens förslag till beslut",
            "Stadsledningskontorets förslag till beslut avslås.",
        ] {
            let text = format!("Yrkanden\nAnna Ek (S) yrkar\n{line}\n");
            let p = split(&lines(&text), "§ 1 Budget");
            assert_eq!(p.sections.len(), 1, "{line}");
        }
    }
}
