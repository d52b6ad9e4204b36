//! The NDJSON export: every § with its meeting, one JSON document a line,
//! for loading into another engine (see `IndexSchema::opensearch_mapping`).
//!
//! Each line holds the index fields of the § named as in `index-schema/`
//! (`kind`, `source`, `meeting_id`, `number`, `date`, `title`, `clauses`,
//! `body`, `case`, `organ`, `organisation`, `person`, `party`, `facets`)
//! and `record`: `{"meeting": {...}, "paragraph": {...}}` with the whole
//! meeting and the § without its title and body (which are fields already)
//! and without its sections (which the body holds).

use super::Index;
use super::document::{self, ParagraphDocument, date_number, meeting_parties, meeting_people};
use super::record;
use crate::error::{Error, Result};
use crate::protocol::{Decision, Meeting, Position, Vote};
use serde::Serialize;
use std::io::Write;
use tantivy::TantivyDocument;

#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    fields: ParagraphDocument<'a>,
    record: Record<'a>,
}

#[derive(Serialize)]
struct Record<'a> {
    meeting: &'a Meeting,
    paragraph: RecordParagraph<'a>,
}

/// The § in the record: what the fields do not already hold.
#[derive(Serialize)]
struct RecordParagraph<'a> {
    number: u32,
    case_number: Option<&'a str>,
    responsible: Option<&'a str>,
    officer: Option<&'a str>,
    decision: &'a Decision,
    sent_to: &'a [String],
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    positions: &'a [Position],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    votes: &'a [Vote],
}

impl Index {
    /// Writes every § of the last committed state to `out` as NDJSON, one
    /// line each (see the module documentation for the fields); returns the
    /// number of lines.
    pub fn export_ndjson(&self, out: &mut dyn Write) -> Result<u64> {
        self.guarded(|| self.export_unguarded(out))
    }

    fn export_unguarded(&self, out: &mut dyn Write) -> Result<u64> {
        let searcher = self.searcher()?;
        let f = *self.fields();
        let docs = super::sorted_docs(&searcher, &*self.kind_query(document::KIND_PARAGRAPH))?;
        let mut line = Vec::with_capacity(16 * 1024);
        let mut written = 0u64;
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let para = record::paragraph(&doc, &f)?;
            let source = document::text(&doc, f.source).unwrap_or_default();
            let meeting = self
                .cached_meeting(&searcher, source)?
                .ok_or_else(|| Error::Internal(format!("no meeting stored for {source}")))?;
            let people = meeting_people(&meeting);
            let parties = meeting_parties(&meeting);
            let date = meeting.date.as_deref().and_then(date_number);
            let fields = ParagraphDocument::new(&meeting, &para, source, date, &people, &parties);
            let record = Record {
                meeting: &meeting,
                paragraph: RecordParagraph {
                    number: para.number,
                    case_number: para.case_number.as_deref(),
                    responsible: para.responsible.as_deref(),
                    officer: para.officer.as_deref(),
                    decision: &para.decision,
                    sent_to: &para.sent_to,
                    line: para.line,
                    page: para.page,
                    positions: &para.positions,
                    votes: &para.votes,
                },
            };
            line.clear();
            serde_json::to_writer(&mut line, &Line { fields, record })
                .map_err(|e| Error::Internal(format!("serialising an export line: {e}")))?;
            line.push(b'\n');
            out.write_all(&line).map_err(|source| Error::Write {
                what: "the export".into(),
                source,
            })?;
            written += 1;
        }
        out.flush().map_err(|source| Error::Write {
            what: "the export".into(),
            source,
        })?;
        Ok(written)
    }
}
