//! What the parser could not find in a file, said to the user: a meeting
//! without its date, organ or organisation, gaps in the § numbering, and §
//! without a title or a case number where most of the file's § have one.
//! One warning a kind per file (naming the § concerned), so that a user sees
//! at a glance which files of an archive parsed badly, and which to fix or
//! describe in `paragraf.toml`.

use super::model::{Meeting, Paragraph, ParseWarning};

/// The share of a file's § that must have a case number (a title) before
/// the § without one are named: below it, § without one are the document's
/// way (procedural items, information), not something the parser missed.
const MOST: (usize, usize) = (3, 4);

/// The warnings for a parsed file: `meeting` as assembled (folder metadata
/// applied), its `paragraphs` in order (never empty).
pub(crate) fn missing(meeting: &Meeting, paragraphs: &[Paragraph]) -> Vec<ParseWarning> {
    let mut out = Vec::new();
    let first = paragraphs.first().map_or(1, |p| p.line);
    let absent: Vec<&str> = [
        ("meeting date", meeting.date.is_none()),
        ("organ (the body that met)", meeting.organ.is_none()),
        ("organisation", meeting.organisation.is_none()),
    ]
    .into_iter()
    .filter(|&(_, absent)| absent)
    .map(|(what, _)| what)
    .collect();
    if !absent.is_empty() {
        out.push(ParseWarning {
            line: 1,
            message: format!(
                "no {} found in the text or the file name; organ and organisation can be set in paragraf.toml",
                join(&absent)
            ),
        });
    }
    if let Some(w) = gaps(paragraphs) {
        out.push(w);
    }
    let total = paragraphs.len();
    // (what, has it, may lack it: a formality has no case number anywhere)
    let checks: [(&str, Test, Test); 2] = [
        ("title", |p| !p.title.trim().is_empty(), |_| false),
        (
            "case number",
            |p| p.case_number.is_some(),
            |p| is_procedural(&p.title),
        ),
    ];
    for (what, has, may_lack) in checks {
        let with = paragraphs.iter().filter(|p| has(p)).count();
        let without: Vec<&Paragraph> = paragraphs
            .iter()
            .filter(|p| !has(p) && !may_lack(p))
            .collect();
        // The share is of the § that should have one.
        let should = with + without.len();
        if without.is_empty() || with < 2 || with * MOST.1 < should * MOST.0 {
            continue;
        }
        let names = without.iter().map(|p| name(p)).collect::<Vec<_>>();
        let verb = if without.len() == 1 { "has" } else { "have" };
        out.push(ParseWarning {
            line: without.first().map_or(first, |p| p.line),
            message: format!(
                "{} {verb} no {what}, while {with} of the file's {total} § have one",
                names.join(", ")
            ),
        });
    }
    out
}

/// A test of a paragraph.
type Test = fn(&Paragraph) -> bool;

/// Words of the titles of a meeting's formalities ("Sammanträdets
/// öppnande", "Val av justerare", "Fastställande av dagordning",
/// "Övriga frågor"), which have no case number in any template: a § of
/// these without one is no sign of a case number missed.
const PROCEDURAL: &[&str] = &[
    "öppnande",
    "justerare",
    "justering",
    "dagordning",
    "föredragningslista",
    "ärendelista",
    "upprop",
    "avslutande",
    "övriga frågor",
    "närvarorätt",
];

fn is_procedural(title: &str) -> bool {
    let t = title.to_lowercase();
    PROCEDURAL.iter().any(|w| t.contains(w))
}

/// The gaps in the numbering (a § number skipped between two §), as one
/// warning at the first § after a gap.
fn gaps(paragraphs: &[Paragraph]) -> Option<ParseWarning> {
    let mut skipped = Vec::new();
    let mut at = None;
    for w in paragraphs.windows(2) {
        let (a, b) = (w[0].number, w[1].number);
        if b > a.saturating_add(1) {
            at.get_or_insert(w[1].line);
            skipped.push(if b == a + 2 {
                format!("§ {}", a + 1)
            } else {
                format!("§ {}-{}", a + 1, b - 1)
            });
        }
    }
    let line = at?;
    Some(ParseWarning {
        line,
        message: format!(
            "the § numbering has {}: {} not found",
            if skipped.len() == 1 { "a gap" } else { "gaps" },
            skipped.join(", ")
        ),
    })
}

fn name(p: &Paragraph) -> String {
    match &p.suffix {
        Some(s) => format!("§ {} {s}", p.number),
        None => format!("§ {}", p.number),
    }
}

/// "a", "a and b", "a, b and c".
fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(number: u32, title: &str, case: Option<&str>, line: usize) -> Paragraph {
        Paragraph {
            number,
            title: title.into(),
            case_number: case.map(str::to_string),
            line,
            ..Paragraph::default()
        }
    }

    fn full_meeting() -> Meeting {
        Meeting {
            organisation: Some("Alingsås kommun".into()),
            organ: Some("Tekniska nämnden".into()),
            date: Some("2026-05-18".into()),
            ..Meeting::default()
        }
    }

    #[test]
    fn a_complete_parse_has_no_warnings() {
        let ps = [
            para(1, "Val av justerare", None, 5),
            para(2, "Budget", Some("KS 2024/1"), 9),
            para(3, "Motion", Some("KS 2024/2"), 14),
        ];
        assert!(missing(&full_meeting(), &ps).is_empty());
    }

    #[test]
    fn missing_meeting_fields_are_named_in_one_line() {
        let m = Meeting {
            organisation: Some("Högsby kommun".into()),
            ..Meeting::default()
        };
        let w = missing(&m, &[para(1, "Val", None, 3)]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 1);
        assert!(
            w[0].message
                .starts_with("no meeting date and organ (the body that met) found"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn gaps_in_the_numbering_are_one_warning_at_the_first_gap() {
        let ps = [
            para(715, "A", None, 10),
            para(717, "B", None, 20),
            para(718, "C", None, 30),
            para(723, "D", None, 40),
        ];
        let w = missing(&full_meeting(), &ps);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 20);
        assert_eq!(
            w[0].message,
            "the § numbering has gaps: § 716, § 719-722 not found"
        );
    }

    #[test]
    fn a_paragraph_without_the_case_number_most_others_have_is_named() {
        let mut ps: Vec<Paragraph> = (1..=4)
            .map(|n| para(n, "Ärende", Some("2026.001 TEN"), n as usize * 10))
            .collect();
        ps[2].case_number = None;
        let w = missing(&full_meeting(), &ps);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 30);
        assert_eq!(
            w[0].message,
            "§ 3 has no case number, while 3 of the file's 4 § have one"
        );
    }

    #[test]
    fn formalities_without_a_case_number_are_not_named() {
        // Regression: "Sammanträdets öppnande" was named as a § whose case
        // number the parser missed; no template gives formalities one.
        let mut ps: Vec<Paragraph> = (1..=8)
            .map(|n| para(n, "Ärende", Some("2026.001 TEN"), n as usize * 10))
            .collect();
        ps[0].title = "Sammanträdets öppnande, formalia.".into();
        ps[0].case_number = None;
        ps[1].title = "Val av justerare".into();
        ps[1].case_number = None;
        assert!(missing(&full_meeting(), &ps).is_empty());
        // Another § without one still is named.
        ps[3].case_number = None;
        let w = missing(&full_meeting(), &ps);
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.starts_with("§ 4 has no case number"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn case_numbers_in_few_paragraphs_are_the_documents_way() {
        // Half the § without a case number: that is how the document is.
        let ps = [
            para(1, "Justering", None, 1),
            para(2, "Information", None, 2),
            para(3, "Budget", Some("KS 2024/1"), 3),
            para(4, "Motion", Some("KS 2024/2"), 4),
        ];
        assert!(missing(&full_meeting(), &ps).is_empty());
    }

    #[test]
    fn a_paragraph_without_a_title_is_named() {
        let ps = [
            para(1, "Val", None, 1),
            para(2, "", None, 2),
            para(3, "Budget", None, 3),
            para(4, "Motion", None, 4),
        ];
        let w = missing(&full_meeting(), &ps);
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].message,
            "§ 2 has no title, while 3 of the file's 4 § have one"
        );
    }
}
