//! Stage 1: from a protocol file to a [`Protocol`]: one meeting and its §
//! paragraphs.
//!
//! The stages, each in its own file, in the order the data flows:
//! - [`decode`]: bytes to text (UTF-8, BOM, UTF-16, Windows-1252);
//! - [`pdf`]: a PDF's text layer, pages separated by form feeds;
//! - `markup`: Markdown from a converter read as plain text;
//! - `clean`: lines, and page furniture removed (`page_header`: header
//!   blocks and what they say; `recurring`: running headers and footers);
//! - `heading`: whether a line reads as a § heading;
//! - `segment`: which of those lines are the document's headings, read
//!   twice: `toc` sets tables of contents aside, `chain` finds the best
//!   numbering, `layout` learns what the headings have in common and the
//!   second reading uses it;
//! - `title`: each paragraph's title;
//! - `case_number`: what counts as a case number (diarienummer);
//! - `sections`, `section_heading`: fields, sections, recipients and body
//!   of each paragraph;
//! - `decision`: decision kind, source and clauses;
//! - `positions`: motions, reservations, notes, conflicts, abstentions and
//!   votes, with the meeting's members for parties;
//! - `metadata`: the meeting (`people`, `organ`, `organisation`, `dates`);
//! - `source_page`: the page each paragraph starts on;
//! - `diagnose`: what the parser could not find (warnings for the user);
//! - [`folder`]: `paragraf.toml` folder metadata;
//! - `text`: text helpers shared by all of them.

mod case_number;
mod chain;
mod clean;
mod dates;
mod decision;
pub mod decode;
mod diagnose;
pub mod folder;
mod heading;
mod layout;
mod markup;
mod metadata;
pub mod model;
mod organ;
mod organisation;
mod page_header;
pub mod pdf;
mod people;
mod positions;
mod recurring;
mod section_heading;
mod sections;
mod segment;
mod source_page;
mod text;
mod title;
mod toc;

pub use folder::FolderMeta;
pub(crate) use metadata::slug;

/// The version of what the parser makes of a protocol. An index records,
/// for each file, the version that parsed it, and the next sync parses
/// again every file parsed by another version, so a changed parser never
/// leaves an index half old.
///
/// Raise it with every change to what the parser makes of a file (a field,
/// a title, a § found or lost): `tests/parser_version.rs` pins it to a
/// fingerprint of the parse of the test corpus and fails, saying so, when
/// the parse changes and the version does not.
pub const PARSER_VERSION: u32 = 11;
pub use model::{
    Ballot, Choice, ClauseForm, Decision, DecisionKind, Meeting, MotionDirection, Paragraph,
    ParseWarning, Person, Position, PositionKind, Protocol, Section, Vote,
};

use crate::error::{Error, Result};
use std::path::Path;

/// Parses protocol text. `source` names the file in the result and in errors;
/// `meta` is the folder metadata that overrides inference.
pub fn parse_text(text: &str, source: &Path, meta: &FolderMeta) -> Result<Protocol> {
    parse_text_of(text, source, meta, false)
}

/// [`parse_text`]; `pdf` if `text` is a PDF's text (its § have pages even
/// when it has one page, and so no form feed).
fn parse_text_of(text: &str, source: &Path, meta: &FolderMeta, pdf: bool) -> Result<Protocol> {
    // Markdown from a converter is read as the plain text it marks up.
    let plain;
    let text = if markup::is_markup(text) {
        plain = markup::to_plain(text);
        plain.as_str()
    } else {
        text
    };
    let cleaned = clean::clean(text);
    let lines = &cleaned.lines;
    // Whether headings may follow an organ's abbreviation ("KS § 12"):
    // only then is every line tested for one.
    let organs = cleaned.organs;
    let segment::Headings {
        chain: headings,
        toc,
        repeated,
        layout,
    } = segment::find_headings(lines, organs);
    let Some(first) = headings.first() else {
        return Err(Error::NoParagraphs {
            path: source.to_path_buf(),
        });
    };
    let first_no = lines[first.idx].no;
    let front: Vec<clean::Line<'_>> = cleaned
        .raw
        .iter()
        .take_while(|l| l.no < first_no)
        .copied()
        .collect();
    let mut fm = metadata::front_matter(&front);

    let mut paragraphs = Vec::with_capacity(headings.len());
    let mut pages = source_page::Pages::new(text, pdf);
    for (k, h) in headings.iter().enumerate() {
        let mut end = headings.get(k + 1).map_or(lines.len(), |n| n.idx);
        let title::Title {
            text: title,
            next: body_start,
            case_number: title_case,
        } = title::title(lines, h, end, &toc, &layout, organs);
        let body_start = body_start.min(end);
        if k + 1 == headings.len()
            && let Some(at) = metadata::end_matter(&lines[body_start..end], &mut fm)
        {
            end = body_start + at;
        }
        let parts = sections::split(&lines[body_start..end], lines[h.idx].text);
        let decision = decision::decision(&title, &parts.sections);
        paragraphs.push(Paragraph {
            number: h.number,
            suffix: (h.letter != 0).then(|| char::from(h.letter).to_string()),
            title,
            case_number: h.case_number.clone().or(title_case).or(parts.case_number),
            responsible: parts.responsible,
            officer: parts.officer,
            sections: parts.sections,
            decision,
            sent_to: parts.sent_to,
            body: parts.body,
            line: lines[h.idx].no,
            page: pages.page_of(lines[h.idx].text),
            ..Paragraph::default()
        });
    }

    let source_str = source.to_string_lossy();
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let numbers = (
        paragraphs.first().map_or(0, |p| p.number),
        paragraphs.last().map_or(0, |p| p.number),
    );
    let meeting = metadata::assemble(
        fm,
        &metadata::MeetingInputs {
            source: &source_str,
            file_stem: &stem,
            text,
            config_organisation: meta.organisation.as_deref(),
            config_organ: meta.organ.as_deref(),
            header: &cleaned.header,
            running: &cleaned.running,
            paragraph_numbers: numbers,
        },
    );
    let members: Vec<Person> = meeting
        .members
        .iter()
        .chain(&meeting.substitutes_present)
        .cloned()
        .collect();
    for p in &mut paragraphs {
        (p.positions, p.votes) = positions::read(p, &members);
    }
    let mut warnings: Vec<ParseWarning> = repeated
        .iter()
        .map(|&(at, first)| ParseWarning {
            line: lines[at].no,
            message: format!(
                "§ {} heading repeated (first at line {}); its text is kept in that §",
                headings_number(&headings, first),
                lines[first].no
            ),
        })
        .collect();
    // What the parser could not find, after what it worked around.
    warnings.extend(diagnose::missing(&meeting, &paragraphs));
    Ok(Protocol {
        meeting,
        paragraphs,
        warnings,
    })
}

fn headings_number(headings: &[segment::Heading], idx: usize) -> u32 {
    headings
        .iter()
        .find(|h| h.idx == idx)
        .map_or(0, |h| h.number)
}

/// Fills a paragraph's sections, recipients and decision from its body and
/// title, as the parser made them. The index stores only the body and the
/// small fields, and rebuilds the rest with this.
pub fn complete_from_body(p: &mut Paragraph) {
    let lines: Vec<clean::Line<'_>> = p
        .body
        .split('\n')
        .enumerate()
        .map(|(i, t)| clean::Line { text: t, no: i + 1 })
        .collect();
    let parts = sections::split(&lines, "\u{0}");
    p.decision = decision::decision(&p.title, &parts.sections);
    p.sections = parts.sections;
    p.sent_to = parts.sent_to;
    (p.positions, p.votes) = positions::read(p, &[]);
}

/// Parses protocol bytes: a PDF (recognised by its `%PDF-` magic bytes,
/// whatever the file's extension; see [`pdf`]) or text in any supported
/// encoding (see [`decode::decode`]).
pub fn parse_bytes(bytes: &[u8], source: &Path, meta: &FolderMeta) -> Result<Protocol> {
    if pdf::is_pdf(bytes) {
        let text = pdf::extract(bytes).map_err(|e| Error::Pdf {
            path: source.to_path_buf(),
            reason: e.to_string(),
        })?;
        return parse_text_of(&text, source, meta, true);
    }
    if decode::looks_binary(bytes) {
        let named_pdf = source
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        return Err(if named_pdf {
            Error::Pdf {
                path: source.to_path_buf(),
                reason: "broken: no %PDF- header (not a PDF file)".into(),
            }
        } else {
            Error::Binary {
                path: source.to_path_buf(),
            }
        });
    }
    let (text, _) = decode::decode(bytes);
    parse_text(&text, source, meta)
}

/// Reads and parses one protocol file, applying the `paragraf.toml` of its own folder.
pub fn parse_file(path: &Path) -> Result<Protocol> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let meta = FolderMeta::for_file(path, dir)?;
    parse_file_with(path, &meta)
}

/// Reads and parses one protocol file with the given folder metadata.
pub fn parse_file_with(path: &Path, meta: &FolderMeta) -> Result<Protocol> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_bytes(&bytes, path, meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Protocol> {
        parse_text(text, Path::new("t.txt"), &FolderMeta::default())
    }

    /// Each § of `text` as (number, title, case number).
    fn heads(text: &str) -> Vec<(u32, String, Option<String>)> {
        parse(text)
            .unwrap()
            .paragraphs
            .into_iter()
            .map(|p| (p.number, p.title, p.case_number))
            .collect()
    }

    /// What [`heads`] should give.
    fn want(rows: &[(u32, &str, Option<&str>)]) -> Vec<(u32, String, Option<String>)> {
        rows.iter()
            .map(|&(n, t, c)| (n, t.to_string(), c.map(str::to_string)))
            .collect()
    }

    /// A protocol with § 12 and § 13, whose case number lines are
    /// `case12` (after the title) and `case13` (between heading and title).
    fn two_cases(case12: &str, case13: &str) -> Vec<(String, Option<String>)> {
        let text = format!(
            "Kommunstyrelsen\nSammanträdesdatum 2023-05-04\n\n§ 12\nAvgifter för parkering\n{case12}\n\nBeslut\nKommunstyrelsen beslutar\natt godkänna förslaget.\n\n§ 13\n{case13}\nAnmälan av delegationsbeslut\n\nBeslut\natt lägga till handlingarna.\n"
        );
        parse(&text)
            .unwrap()
            .paragraphs
            .into_iter()
            .map(|p| (p.title, p.case_number))
            .collect()
    }

    /// What [`two_cases`] should give when both § have `case`.
    fn both_with(case: &str) -> Vec<(String, Option<String>)> {
        ["Avgifter för parkering", "Anmälan av delegationsbeslut"]
            .iter()
            .map(|t| (t.to_string(), Some(case.to_string())))
            .collect()
    }

    #[test]
    fn case_numbers_after_a_label_in_forms_without_a_capital_prefix() {
        for (label, case) in [
            ("Dnr", "2023/123"),
            ("Dnr:", "2023-00123"),
            ("Dnr", "2023.1234"),
            ("Dnr", "RS 2022-0123"),
            ("Diarienummer", "HSN 2021-0342"),
            ("Dnr", "Ks 1234/2023"),
            ("Dnr", "KS-2023/00123"),
            ("Ärendenummer", "BN 2019-000123"),
            ("Dnr", "123/2023"),
        ] {
            let got = two_cases(&format!("{label} {case}"), &format!("{label} {case}"));
            assert_eq!(got, both_with(case), "{label} {case}");
        }
    }

    #[test]
    fn case_number_alone_on_a_line_is_no_part_of_the_title() {
        // Regression: "KS 2023/123" on its own line ran into the title.
        for case in [
            "KS 2023/123",
            "RS 2022-0123",
            "KS 1234/2023",
            "SLK-2024-00062",
        ] {
            let got = two_cases(case, case);
            assert_eq!(got, both_with(case), "{case}");
        }
    }

    #[test]
    fn headings_after_an_organs_abbreviation_are_paragraphs() {
        // Regression: "KS § 12" headings were not read, so such a protocol
        // had no paragraphs at all.
        let got = heads(
            "Kommunstyrelsen\nSammanträdesdatum 2023-05-04\n\nKS § 12 Dnr 2023/123\nAvgifter för parkering\n\nBeslut\natt godkänna.\n\nKS § 13\nAvgifter för båtplatser\nDnr KS 2023/124\n\nBeslut\natt godkänna enligt\nKS § 12.\n\nKs § 14 Avgifter för tomter\n\nBeslut\natt godkänna.\n",
        );
        assert_eq!(
            got,
            want(&[
                (12, "Avgifter för parkering", Some("2023/123")),
                (13, "Avgifter för båtplatser", Some("KS 2023/124")),
                (14, "Avgifter för tomter", None),
            ])
        );
    }

    #[test]
    fn a_labelled_case_number_at_the_end_of_a_title_is_the_case_number() {
        let p = parse(
            "Kommunstyrelsen\n\n§ 13 Avgifter för båtplatser Dnr KS 2023/124\n\nBeslut\natt godkänna.\n\n§ 14 Avgifter för tomter (Dnr KS 2023/125)\n\nBeslut\natt godkänna.\n\n§ 15 Avgifter för hundar, dnr Ks 125/2023\nBeslut\natt godkänna.\n\n§ 16 Remiss av betänkandet (SOU 2023:55)\nBeslut\natt godkänna.\n",
        )
        .unwrap();
        let got: Vec<(&str, Option<&str>)> = p
            .paragraphs
            .iter()
            .map(|p| (p.title.as_str(), p.case_number.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Avgifter för båtplatser", Some("KS 2023/124")),
                ("Avgifter för tomter", Some("KS 2023/125")),
                ("Avgifter för hundar", Some("Ks 125/2023")),
                ("Remiss av betänkandet (SOU 2023:55)", None),
            ]
        );
    }

    #[test]
    fn headings_with_a_period_or_a_case_number_in_parentheses_are_paragraphs() {
        // Regression: "§ 12 (Dnr 2023/123)" and "§ 14. Title" were not read
        // as headings, so their text fell into the paragraph before.
        let got = heads(
            "Kommunstyrelsen\n\n§ 12 (Dnr 2023/123)\nAvgifter för parkering\n\nBeslut\natt godkänna.\n\n§ 13 (KS 2023/124)\nAvgifter för båtplatser\n\nBeslut\natt godkänna.\n\n§ 14. Avgifter för tomter\n\nBeslut\natt godkänna.\n",
        );
        assert_eq!(
            got,
            want(&[
                (12, "Avgifter för parkering", Some("2023/123")),
                (13, "Avgifter för båtplatser", Some("KS 2023/124")),
                (14, "Avgifter för tomter", None),
            ])
        );
    }

    #[test]
    fn a_case_number_in_a_column_right_of_the_title_is_the_case_number() {
        assert_eq!(
            heads(
                "Kommunstyrelsen\n\n§ 16 Avgifter för katter      KS 2023/126\n\nBeslut\natt godkänna.\n\n§ 17\nAvgifter för hästar\t\tRS 2023-0127\n\nBeslut\natt godkänna.\n\n§ 18 Budget  för  2024\nBeslut\natt godkänna.\n",
            ),
            want(&[
                (16, "Avgifter för katter", Some("KS 2023/126")),
                (17, "Avgifter för hästar", Some("RS 2023-0127")),
                (18, "Budget för 2024", None),
            ])
        );
    }

    #[test]
    fn a_date_after_a_label_is_no_case_number() {
        let got = two_cases("Dnr 2023-05-04", "Dnr KS 2023-05-04");
        assert_eq!(got[0].1, None);
        assert_eq!(got[1].1, None);
    }

    #[test]
    fn crlf_and_form_feeds() {
        let p = parse(
            "Kommunstyrelsen\r\n\r\n§ 1 Val av justerare\r\n\r\nBeslut\r\n\x0cText.\r\n§ 2 Jäv\r\n",
        )
        .unwrap();
        let nums: Vec<u32> = p.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(nums, [1, 2]);
        assert_eq!(p.paragraphs[0].title, "Val av justerare");
        assert!(!p.paragraphs[0].body.contains('\r'));
        assert_eq!(p.meeting.organ.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn headings_split_by_a_form_feed_in_one_line_share_its_number() {
        // Found by fuzzing: a page break inside a line ("…justering \x0c§77 …")
        // starts a new page, so both § are found; lines are counted by \n,
        // so both headings are on line 3.
        let p = parse("Protokoll\n\n§ 76 Protokollsjustering \x0c§ 77 Översyn av boken\nText.\n")
            .unwrap();
        let got: Vec<(u32, usize)> = p.paragraphs.iter().map(|p| (p.number, p.line)).collect();
        assert_eq!(got, vec![(76, 3), (77, 3)]);
    }

    #[test]
    fn bom_is_ignored() {
        let p = parse_bytes(
            "\u{feff}§ 1 Val\n".as_bytes(),
            Path::new("a.txt"),
            &FolderMeta::default(),
        )
        .unwrap();
        assert_eq!(p.paragraphs[0].title, "Val");
    }

    #[test]
    fn latin1_file() {
        let bytes = b"Organ Kommunstyrelsen\n\n\xA7 5 F\xF6rs\xE4ljning av mark\n\nBeslut\n";
        let p = parse_bytes(bytes, Path::new("a.txt"), &FolderMeta::default()).unwrap();
        assert_eq!(p.paragraphs[0].number, 5);
        assert_eq!(p.paragraphs[0].title, "Försäljning av mark");
    }

    #[test]
    fn complete_from_body_rebuilds_what_the_parser_made() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data/region-orebro-lan/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05.txt");
        let parsed = parse_file(&path).unwrap();
        for p in &parsed.paragraphs {
            let mut rebuilt = p.underived();
            complete_from_body(&mut rebuilt);
            assert_eq!(&rebuilt, p, "§ {}", p.number);
        }
    }

    #[test]
    fn empty_file_is_no_paragraphs_error() {
        let e = parse("").unwrap_err();
        assert!(matches!(e, Error::NoParagraphs { .. }));
        assert!(e.to_string().contains("t.txt"));
    }

    #[test]
    fn text_without_paragraphs_is_an_error() {
        let e = parse("Kallelse till sammanträde\nTid: 2024-01-01\n").unwrap_err();
        assert!(matches!(e, Error::NoParagraphs { .. }));
    }

    #[test]
    fn binary_is_an_error() {
        let e =
            parse_bytes(b"\x00\x01\x02", Path::new("b.txt"), &FolderMeta::default()).unwrap_err();
        assert!(matches!(e, Error::Binary { .. }));
    }

    #[test]
    fn folder_meta_overrides_inference() {
        let meta = FolderMeta {
            organisation: Some("Sundsvalls kommun".into()),
            organ: Some("Barn- och utbildningsnämnden".into()),
        };
        let p = parse_text(
            "Göteborgs Stad\nKommunstyrelsen\nTid: 2024-03-01\n§ 1 Val\n",
            Path::new("x.txt"),
            &meta,
        )
        .unwrap();
        assert_eq!(p.meeting.organisation.as_deref(), Some("Sundsvalls kommun"));
        assert_eq!(
            p.meeting.organ.as_deref(),
            Some("Barn- och utbildningsnämnden")
        );
        assert_eq!(
            p.meeting.id,
            "sundsvalls-kommun_barn-och-utbildningsnamnden_2024-03-01"
        );
    }
}
