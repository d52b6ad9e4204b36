//! The stored record of a § document, and the § read back from it.
//!
//! A § document stores its title and body in fields of their own and the
//! rest of the § as a JSON record, so that `show`, `export` and a search
//! hit serve what was indexed, not a parse by a later version. The texts
//! that are pieces of the body as printed (the decision's text, nearly
//! every section's) are stored as their byte range in it.
//!
//! Invariants: a § read back equals the § written; a record of an older
//! index, which holds those texts, reads as before.

use super::document::{UNREADABLE, record, text};
use crate::error::{Error, Result};
use crate::protocol::{Decision, Paragraph, Section};
use crate::schema::Fields;
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

/// The stored record of a paragraph document: the § without title and body
/// (stored fields of their own) and without the texts stored as places.
/// (The decision's clauses and the texts of positions are pieces of the
/// body too, most of them squashed; stored as places they made the record
/// a fifth smaller but the compressed store no smaller: the document
/// store's compression had taken their repetition already.)
#[derive(Serialize)]
struct ParagraphRecord {
    #[serde(flatten)]
    paragraph: Paragraph,
    /// The decision text's range in the body. Records without it (indexes
    /// built before it) hold the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    decision_text_at: Option<(usize, usize)>,
    /// The sections as parsed at index time. Records written before they
    /// were stored have none (nor recipients): those are made again from
    /// the body when read, and the file is parsed again by the next sync.
    #[serde(skip_serializing_if = "Option::is_none")]
    stored_sections: Option<Vec<StoredSection>>,
}

/// The places a stored record holds beside its §, read apart from it: the
/// § is read from the record as a [`Paragraph`] (which passes over these),
/// and these with the rest passed over. (Reading the record through a
/// `flatten` made serde buffer every value of it first, a sixth of the
/// time of a one-word search.) `S` is what the sections are read as: their
/// list, or nothing for a search hit, which shows none.
#[derive(Deserialize)]
struct Places<S> {
    #[serde(default)]
    decision_text_at: Option<(usize, usize)>,
    #[serde(default = "Option::default")]
    stored_sections: Option<S>,
}

/// A section as stored: its heading, and its text as its byte range in the
/// body when it is a piece of it (nearly always), else the text.
#[derive(Serialize, Deserialize)]
struct StoredSection {
    heading: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<(usize, usize)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
}

/// The JSON record of `para` (see the module's doc).
pub(crate) fn paragraph_record(para: &Paragraph) -> Result<String> {
    let text_at = decision_text_at(para);
    let decision = Decision {
        kind: para.decision.kind,
        proposed_to: para.decision.proposed_to.clone(),
        source: para.decision.source.clone(),
        form: para.decision.form,
        clauses: para.decision.clauses.clone(),
        text: match text_at {
            Some(_) => String::new(),
            None => para.decision.text.clone(),
        },
    };
    let record = ParagraphRecord {
        paragraph: Paragraph {
            number: para.number,
            suffix: para.suffix.clone(),
            title: String::new(),
            case_number: para.case_number.clone(),
            responsible: para.responsible.clone(),
            officer: para.officer.clone(),
            line: para.line,
            page: para.page,
            decision,
            sent_to: para.sent_to.clone(),
            positions: para.positions.clone(),
            votes: para.votes.clone(),
            ..Paragraph::default()
        },
        decision_text_at: text_at,
        stored_sections: Some(stored_sections(para)),
    };
    serde_json::to_string(&record)
        .map_err(|e| Error::Internal(format!("serialising a record: {e}")))
}

/// A paragraph as it was indexed: every field as the parser made it then.
pub(crate) fn paragraph(doc: &TantivyDocument, f: &Fields) -> Result<Paragraph> {
    let places: Places<Vec<StoredSection>> = record(doc, f)?;
    let mut p = paragraph_of(record(doc, f)?, &places, doc, f)?;
    match places.stored_sections {
        Some(sections) => {
            p.sections = sections
                .into_iter()
                .map(|s| {
                    let text = match s.at {
                        Some((from, to)) => {
                            p.body.get(from..to).map(str::to_string).ok_or_else(|| {
                                Error::Internal(format!("{UNREADABLE}a section out of the body"))
                            })?
                        }
                        None => s.text,
                    };
                    Ok(Section {
                        heading: s.heading,
                        text,
                    })
                })
                .collect::<Result<_>>()?;
        }
        // Written before sections were stored: made from the body.
        None => crate::protocol::complete_from_body(&mut p),
    }
    Ok(p)
}

/// The parts of a stored paragraph a search hit shows: the record (with its
/// decision, positions and recipients), title and body, without the
/// sections.
pub(crate) fn hit_paragraph(doc: &TantivyDocument, f: &Fields) -> Result<Paragraph> {
    let places: Places<serde::de::IgnoredAny> = record(doc, f)?;
    paragraph_of(record(doc, f)?, &places, doc, f)
}

/// The record's § with its title, body and decision text filled in.
fn paragraph_of<S>(
    record: Paragraph,
    places: &Places<S>,
    doc: &TantivyDocument,
    f: &Fields,
) -> Result<Paragraph> {
    let mut p = record;
    p.title = text(doc, f.title).unwrap_or_default().to_string();
    p.body = text(doc, f.body).unwrap_or_default().to_string();
    if let Some((from, to)) = places.decision_text_at {
        p.decision.text = p
            .body
            .get(from..to)
            .ok_or_else(|| Error::Internal(format!("{UNREADABLE}decision text out of the body")))?
            .to_string();
    }
    Ok(p)
}

/// The sections of `para` to store: each text found in the body from where
/// the one before it ends (they follow each other), else kept whole.
fn stored_sections(para: &Paragraph) -> Vec<StoredSection> {
    let mut from = 0;
    para.sections
        .iter()
        .map(|s| {
            let at = piece_at(&para.body, &s.text, from)
                .or_else(|| piece_at(&para.body, &s.text, 0))
                .map(|start| (start, start + s.text.len()));
            if let Some((_, end)) = at {
                from = end;
            }
            StoredSection {
                heading: s.heading.clone(),
                text: if at.is_some() {
                    String::new()
                } else {
                    s.text.clone()
                },
                at,
            }
        })
        .collect()
}

/// The byte range of the paragraph's decision text in its body, if it is a
/// non-empty piece of it.
fn decision_text_at(para: &Paragraph) -> Option<(usize, usize)> {
    let text = para.decision.text.as_str();
    piece_at(&para.body, text, 0).map(|start| (start, start + text.len()))
}

/// Where the non-empty `piece` first stands in `body` at or after byte
/// `from`. Candidates by the first byte (memchr), each compared: a piece is
/// nearly always found at once (sections follow each other), and this is
/// cheaper than `str::find` or a `memmem::Finder`, whose set-up for a long
/// needle (a two-way searcher per piece) cost more than the search.
fn piece_at(body: &str, piece: &str, from: usize) -> Option<usize> {
    let (body, needle) = (body.as_bytes(), piece.as_bytes());
    let rest = body.get(from..)?;
    let first = *needle.first()?;
    memchr::memchr_iter(first, rest)
        .find(|&i| rest[i..].starts_with(needle))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::document::protocol_documents;
    use crate::protocol::{DecisionKind, Person, Position, PositionKind, Protocol};
    use crate::schema::IndexSchema;

    #[test]
    fn a_piece_is_found_at_or_after_where_the_one_before_ended() {
        let body = "Beslut\natt godkänna\n\nBeslut\natt godkänna\nÅter";
        assert_eq!(piece_at(body, "Beslut", 0), Some(0));
        // The second "Beslut", not the first, once the first is behind.
        assert_eq!(piece_at(body, "Beslut", 1), Some(22));
        assert_eq!(piece_at(body, "att godkänna", 23), Some(29));
        assert_eq!(piece_at(body, "Åter", 0), Some(body.len() - "Åter".len()));
        assert_eq!(piece_at(body, "saknas", 0), None);
        assert_eq!(piece_at(body, "", 0), None);
        assert_eq!(piece_at(body, "Beslut", body.len() + 5), None);
    }

    fn protocol(decision_text: &str) -> Protocol {
        let body = format!("Bakgrund\nNågot.\n\nBeslut\n{decision_text}\n");
        Protocol {
            paragraphs: vec![Paragraph {
                number: 7,
                title: "Budget".into(),
                decision: Decision {
                    kind: DecisionKind::Decision,
                    clauses: vec!["anta budgeten".into()],
                    text: decision_text.into(),
                    ..Decision::default()
                },
                body,
                line: 3,
                ..Paragraph::default()
            }],
            ..Protocol::default()
        }
    }

    /// A § with clauses, positions, sections and a decision text.
    fn with_positions() -> Protocol {
        let body = "Yrkanden\nAnna Ek (S) yrkar bifall till\nförslaget.\n\nBeslut\n\
                    1. Planen antas.\n2. Kontoret får i uppdrag att\nrevidera planen.\n\n\
                    Reservation\nLedamöterna från M reserverar sig.\n";
        let position = |kind, persons: Vec<Person>, parties: &[&str], text: &str| Position {
            kind,
            direction: None,
            persons,
            parties: parties.iter().map(|p| p.to_string()).collect(),
            refers_to: None,
            text: text.into(),
        };
        let anna = Person {
            name: "Anna Ek".into(),
            party: Some("S".into()),
            ..Person::default()
        };
        let positions = vec![
            position(
                PositionKind::Motion,
                vec![anna],
                &[],
                "Anna Ek (S) yrkar bifall till förslaget.",
            ),
            position(
                PositionKind::Reservation,
                vec![],
                &["M"],
                "Ledamöterna från M reserverar sig.",
            ),
            position(
                PositionKind::Note,
                vec![],
                &[],
                "En anteckning som inte står i texten.",
            ),
        ];
        Protocol {
            paragraphs: vec![Paragraph {
                number: 3,
                title: "Plan".into(),
                decision: Decision {
                    kind: DecisionKind::Decision,
                    clauses: vec![
                        "Planen antas.".into(),
                        "Kontoret får i uppdrag att revidera planen.".into(),
                        "En punkt som inte står i texten.".into(),
                    ],
                    text: "1. Planen antas.".into(),
                    ..Decision::default()
                },
                sections: vec![
                    Section {
                        heading: "Yrkanden".into(),
                        text: "Anna Ek (S) yrkar bifall till\nförslaget.".into(),
                    },
                    Section {
                        heading: "Beslut".into(),
                        text: "1. Planen antas.\n2. Kontoret får i uppdrag att\nrevidera planen."
                            .into(),
                    },
                ],
                body: body.into(),
                positions,
                ..Paragraph::default()
            }],
            ..Protocol::default()
        }
    }

    #[test]
    fn a_paragraph_reads_back_as_written() {
        let f = IndexSchema::load().unwrap().fields;
        let p = with_positions();
        let docs = protocol_documents(&f, &p, "a.txt").unwrap();
        let json = text(&docs[1], f.record).unwrap();
        // The decision text and the sections, pieces of the body, are not
        // in the record.
        assert!(json.contains("decision_text_at"), "{json}");
        assert!(!json.contains("bifall till\\nförslaget"), "{json}");
        let want = &p.paragraphs[0];
        let read = hit_paragraph(&docs[1], &f).unwrap();
        assert_eq!(read.decision, want.decision);
        assert_eq!(read.positions, want.positions);
        assert!(read.sections.is_empty(), "a hit has no sections");
        let read = paragraph(&docs[1], &f).unwrap();
        assert_eq!(read.sections, want.sections);
        assert_eq!(read.decision, want.decision);
        assert_eq!(read.positions, want.positions);
    }

    /// The document of `p` as indexes built before the places hold it:
    /// title and body in their fields, the rest of the § with every text
    /// in it as the record.
    fn old_document(f: &Fields, p: &Paragraph) -> TantivyDocument {
        let old = Paragraph {
            body: String::new(),
            title: String::new(),
            ..p.clone()
        };
        let mut d = TantivyDocument::default();
        d.add_text(f.title, &p.title);
        d.add_text(f.body, &p.body);
        d.add_text(f.record, serde_json::to_string(&old).unwrap());
        d
    }

    #[test]
    fn records_with_every_text_in_them_still_read() {
        // A record as indexes built before the places hold it.
        let f = IndexSchema::load().unwrap().fields;
        let p = with_positions();
        let read = hit_paragraph(&old_document(&f, &p.paragraphs[0]), &f).unwrap();
        assert_eq!(read.decision, p.paragraphs[0].decision);
        assert_eq!(read.positions, p.paragraphs[0].positions);
    }

    #[test]
    fn decision_text_in_the_body_is_stored_as_its_place() {
        let f = IndexSchema::load().unwrap().fields;
        let p = protocol("Kommunstyrelsen beslutar att anta budgeten.");
        let docs = protocol_documents(&f, &p, "a.txt").unwrap();
        let json = text(&docs[1], f.record).unwrap();
        assert!(!json.contains("Kommunstyrelsen beslutar"), "{json}");
        assert!(json.contains("decision_text_at"), "{json}");
        let read = hit_paragraph(&docs[1], &f).unwrap();
        assert_eq!(read.decision, p.paragraphs[0].decision);
        assert_eq!(read.body, p.paragraphs[0].body);
    }

    #[test]
    fn decision_text_not_in_the_body_is_stored_whole() {
        let f = IndexSchema::load().unwrap().fields;
        let mut p = protocol("Kommunstyrelsen beslutar att anta budgeten.");
        p.paragraphs[0].decision.text = "Anta budgeten (text ur två rader).".into();
        let docs = protocol_documents(&f, &p, "a.txt").unwrap();
        let json = text(&docs[1], f.record).unwrap();
        assert!(!json.contains("decision_text_at"), "{json}");
        let read = hit_paragraph(&docs[1], &f).unwrap();
        assert_eq!(read.decision, p.paragraphs[0].decision);
    }

    #[test]
    fn records_with_the_decision_text_still_read() {
        // A record as indexes built before `decision_text_at` hold it.
        let f = IndexSchema::load().unwrap().fields;
        let p = protocol("Kommunstyrelsen beslutar att anta budgeten.");
        let read = hit_paragraph(&old_document(&f, &p.paragraphs[0]), &f).unwrap();
        assert_eq!(read.decision, p.paragraphs[0].decision);
        assert_eq!(read.title, "Budget");
    }

    #[test]
    fn a_decision_range_outside_the_body_is_an_error() {
        let f = IndexSchema::load().unwrap().fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.body, "kort");
        d.add_text(
            f.record,
            r#"{"number":1,"title":"","case_number":null,"responsible":null,"officer":null,"sections":[],"decision":{"kind":"decision","proposed_to":null,"clauses":[],"text":""},"sent_to":[],"body":"","line":1,"decision_text_at":[2,40]}"#,
        );
        assert!(hit_paragraph(&d, &f).is_err());
    }
}
