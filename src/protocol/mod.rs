//! Stage 1: from a protocol file to a [`Protocol`]: one meeting and its §
//! paragraphs.
//!
//! The stages, each in its own file:
//! - [`decode`]: bytes to text (UTF-8, BOM, UTF-16, Windows-1252);
//! - [`pdf`]: a PDF's text layer, pages separated by form feeds;
//! - `clean`: lines, and page furniture removed;
//! - `segment`: which `§ N` lines are headings, and the titles;
//! - `sections`: fields, sections, recipients and body of each paragraph;
//! - `decision`: decision kind and clauses;
//! - `metadata`: the meeting;
//! - [`folder`]: `paragraf.toml` folder metadata.

mod clean;
mod decision;
pub mod decode;
pub mod folder;
mod metadata;
pub mod model;
mod patterns;
pub mod pdf;
mod sections;
mod segment;

pub use folder::FolderMeta;
pub use model::{
    Decision, DecisionKind, Meeting, Paragraph, ParseWarning, Person, Protocol, Section,
};

use crate::error::{Error, Result};
use std::path::Path;

/// Parses protocol text. `source` names the file in the result and in errors;
/// `meta` is the folder metadata that overrides inference.
pub fn parse_text(text: &str, source: &Path, meta: &FolderMeta) -> Result<Protocol> {
    let cleaned = clean::clean(text);
    let lines = &cleaned.lines;
    let segment::Headings {
        chain: headings,
        toc,
        repeated,
    } = segment::find_headings(lines);
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
    for (k, h) in headings.iter().enumerate() {
        let mut end = headings.get(k + 1).map_or(lines.len(), |n| n.idx);
        let (title, body_start) = segment::title(lines, h, end, &toc);
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
            title,
            case_number: h.case_number.clone().or(parts.case_number),
            responsible: parts.responsible,
            officer: parts.officer,
            sections: parts.sections,
            decision,
            sent_to: parts.sent_to,
            body: parts.body,
            line: lines[h.idx].no,
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
            paragraph_numbers: numbers,
        },
    );
    let warnings = repeated
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
        return parse_text(&text, source, meta);
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
