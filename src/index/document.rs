//! From a parsed protocol to tantivy documents, and back from stored fields.

use crate::analysis::{parties, person_name};
use crate::error::{Error, Result};
use crate::protocol::{Choice, Meeting, Paragraph, PositionKind, Protocol, Vote};
use crate::schema::Fields;
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;
use tantivy::schema::{Facet, Value};

/// Values of the `kind` field.
pub(crate) const KIND_PARAGRAPH: &str = "paragraph";
pub(crate) const KIND_MEETING: &str = "meeting";
pub(crate) const KIND_FILE: &str = "file";
/// An archive root as given, with the folder it led to (see `sync`).
pub(crate) const KIND_ROOT: &str = "root";
/// What the `file_path` of a root document begins with (a file's is a path).
pub(crate) const ROOT_PREFIX: &str = "root:";

/// Where an archive root led at the last sync: the key of its canonical
/// path (symbolic links resolved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RootState {
    /// The key of the canonical path.
    pub canonical: String,
}

/// What the index remembers of a protocol file, to know next time whether it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u128,
    /// xxh3 hash of the content.
    pub hash: u64,
    /// § indexed from it.
    pub paragraphs: u64,
    /// Why it was skipped, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// The [`crate::protocol::PARSER_VERSION`] that parsed it (0: one
    /// before versions were recorded). A file parsed by another version is
    /// parsed again by the next sync.
    #[serde(default)]
    pub parser: u32,
}

/// The date as YYYYMMDD, if it is an ISO date.
pub(crate) fn date_number(date: &str) -> Option<u64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn facet(parts: &[&str]) -> Facet {
    Facet::from_path(parts.iter().copied())
}

/// The people of a meeting: members, chair, secretary, adjusters; each once.
pub(crate) fn meeting_people(m: &Meeting) -> Vec<&str> {
    let mut people: Vec<&str> = Vec::new();
    people.extend(m.members.iter().map(|p| p.name.as_str()));
    people.extend(m.chair.as_deref());
    people.extend(m.secretary.as_deref());
    people.extend(m.adjusters.iter().map(String::as_str));
    people.sort_unstable();
    people.dedup();
    people
}

/// The parties of the members present; each once.
pub(crate) fn meeting_parties(m: &Meeting) -> Vec<&str> {
    let mut parties: Vec<&str> = m
        .members
        .iter()
        .filter_map(|p| p.party.as_deref())
        .collect();
    parties.sort_unstable();
    parties.dedup();
    parties
}

/// The values of one paragraph document by index field: the one place that
/// decides what the index holds of a §, for tantivy documents and for the
/// NDJSON export (whose lines carry these fields, named as in
/// `index-schema/`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ParagraphDocument<'a> {
    /// Always "paragraph".
    pub kind: &'static str,
    /// The protocol file.
    pub source: &'a str,
    /// The meeting's id.
    pub meeting_id: &'a str,
    /// The § number.
    pub number: u32,
    /// The meeting date as YYYYMMDD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<u64>,
    /// Title.
    pub title: &'a str,
    /// Decision clauses.
    pub clauses: &'a [String],
    /// Body.
    pub body: &'a str,
    /// The case number, and "§ N" so that "§ 77" finds the paragraph.
    pub case: Vec<String>,
    /// Organ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ: Option<&'a str>,
    /// Organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<&'a str>,
    /// People of the meeting.
    pub attended: &'a [&'a str],
    /// Parties present.
    pub party: &'a [&'a str],
    /// Names named in the § (see [`NamedIn`]), as keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<String>,
    /// Reservations: names (keys) and parties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reserved: Vec<String>,
    /// Motions: names (keys) and parties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<String>,
    /// [`VOTE_ANY`] for a § with a vote, and [`VOTE_CLOSE`] for a close one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vote: Vec<&'static str>,
    /// `/organ/…`, `/organisation/…`, `/year/…`.
    pub facets: Vec<Facet>,
}

impl<'a> ParagraphDocument<'a> {
    /// The values of `para` of meeting `m`; `people` and `parties` from
    /// [`meeting_people`] and [`meeting_parties`].
    pub(crate) fn new(
        m: &'a Meeting,
        para: &'a Paragraph,
        source: &'a str,
        date: Option<u64>,
        people: &'a [&'a str],
        parties: &'a [&'a str],
    ) -> Self {
        let mut case = Vec::with_capacity(2);
        case.extend(para.case_number.clone());
        case.push(format!("§ {}", para.number));
        let mut facets = Vec::with_capacity(3);
        if let Some(o) = &m.organ {
            facets.push(facet(&["organ", o.as_str()]));
        }
        if let Some(o) = &m.organisation {
            facets.push(facet(&["organisation", o.as_str()]));
        }
        if let Some(year) = m.date.as_deref().and_then(|d| d.get(..4)) {
            facets.push(facet(&["year", year]));
        }
        let named = NamedIn::new(para);
        ParagraphDocument {
            kind: KIND_PARAGRAPH,
            source,
            meeting_id: &m.id,
            number: para.number,
            date,
            title: &para.title,
            clauses: &para.decision.clauses,
            body: &para.body,
            case,
            organ: m.organ.as_deref(),
            organisation: m.organisation.as_deref(),
            attended: people,
            party: parties,
            person: named.person,
            reserved: named.reserved,
            moved: named.moved,
            vote: named.vote,
            facets,
        }
    }

    /// The tantivy document, without the stored record.
    fn to_tantivy(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, self.kind);
        d.add_text(f.source, self.source);
        d.add_text(f.meeting_id, self.meeting_id);
        d.add_u64(f.number, u64::from(self.number));
        if let Some(n) = self.date {
            d.add_u64(f.date, n);
        }
        d.add_text(f.title, self.title);
        if !self.clauses.is_empty() {
            d.add_text(f.clauses, self.clauses.join("\n"));
        }
        d.add_text(f.body, self.body);
        for c in &self.case {
            d.add_text(f.case, c);
        }
        if let Some(o) = self.organ {
            d.add_text(f.organ, o);
        }
        if let Some(o) = self.organisation {
            d.add_text(f.organisation, o);
        }
        for facet in &self.facets {
            d.add_facet(f.facets, facet.clone());
        }
        for person in self.attended {
            d.add_text(f.attended, *person);
        }
        for party in self.party {
            d.add_text(f.party, *party);
        }
        for (field, terms) in [
            (f.person, &self.person),
            (f.reserved, &self.reserved),
            (f.moved, &self.moved),
        ] {
            for t in terms {
                d.add_text(field, t);
            }
        }
        for t in &self.vote {
            d.add_text(f.vote, *t);
        }
        d
    }
}

/// The `vote` term of a § with a vote.
pub(crate) const VOTE_ANY: &str = "any";
/// The `vote` term of a § with a close vote (see [`CLOSE_MARGIN`]).
pub(crate) const VOTE_CLOSE: &str = "close";
/// A vote is close when ja and nej are at most this far apart (30–28,
/// 7–6, 43–38). Changing it changes what the index holds: raise the schema
/// version.
pub(crate) const CLOSE_MARGIN: u32 = 5;

/// The raw terms of a § for the position fields: who is named in it
/// (every position's persons, the roll calls, the responsible and the
/// officer), who reserved and who moved (names and parties), and its
/// votes. A handful of terms, and nothing at all to do for a § without
/// positions, votes or named officials.
pub(crate) struct NamedIn {
    pub person: Vec<String>,
    pub reserved: Vec<String>,
    pub moved: Vec<String>,
    pub vote: Vec<&'static str>,
}

impl NamedIn {
    pub(crate) fn new(para: &Paragraph) -> NamedIn {
        let mut n = NamedIn {
            person: Vec::new(),
            reserved: Vec::new(),
            moved: Vec::new(),
            vote: Vec::new(),
        };
        for name in [&para.responsible, &para.officer].into_iter().flatten() {
            person_name::push_name_terms(name, &mut n.person);
        }
        for pos in &para.positions {
            let by = match pos.kind {
                PositionKind::Reservation => Some(&mut n.reserved),
                PositionKind::Motion => Some(&mut n.moved),
                _ => None,
            };
            let start = n.person.len();
            for p in &pos.persons {
                person_name::push_name_terms(&p.name, &mut n.person);
            }
            if let Some(by) = by {
                by.extend_from_slice(&n.person[start..]);
                for party in pos.all_parties() {
                    by.push(parties::party_term(party));
                }
            }
        }
        for v in &para.votes {
            for b in &v.ballots {
                person_name::push_name_terms(&b.person.name, &mut n.person);
            }
            if n.vote.is_empty() {
                n.vote.push(VOTE_ANY);
            }
            if n.vote.len() == 1 && vote_margin(v).is_some_and(|m| m <= CLOSE_MARGIN) {
                n.vote.push(VOTE_CLOSE);
            }
        }
        for terms in [&mut n.person, &mut n.reserved, &mut n.moved] {
            if terms.len() > 1 {
                terms.sort_unstable();
                terms.dedup();
            }
        }
        n
    }
}

/// The margin of a vote: from its counts, else from its roll call.
fn vote_margin(v: &Vote) -> Option<u32> {
    v.margin().or_else(|| {
        if v.ballots.is_empty() {
            return None;
        }
        let count = |c: Choice| v.ballots.iter().filter(|b| b.choice == c).count() as u32;
        Some(count(Choice::Yes).abs_diff(count(Choice::No)))
    })
}

/// The documents of one protocol: its meeting and each paragraph.
pub(crate) fn protocol_documents(
    f: &Fields,
    p: &Protocol,
    source: &str,
) -> Result<Vec<TantivyDocument>> {
    let m = &p.meeting;
    let date = m.date.as_deref().and_then(date_number);
    let mut docs = Vec::with_capacity(p.paragraphs.len() + 1);

    let mut meeting = TantivyDocument::default();
    meeting.add_text(f.kind, KIND_MEETING);
    meeting.add_text(f.source, source);
    meeting.add_text(f.meeting_id, &m.id);
    if let Some(d) = date {
        meeting.add_u64(f.date, d);
    }
    meeting.add_text(f.record, serde_json::to_string(m).map_err(internal)?);
    docs.push(meeting);

    let people = meeting_people(m);
    let parties = meeting_parties(m);

    for para in &p.paragraphs {
        let values = ParagraphDocument::new(m, para, source, date, &people, &parties);
        let mut d = values.to_tantivy(f);
        d.add_text(f.record, super::record::paragraph_record(para)?);
        docs.push(d);
    }
    Ok(docs)
}

/// The file-state document of a protocol file.
pub(crate) fn file_document(f: &Fields, path: &str, state: &FileState) -> Result<TantivyDocument> {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, KIND_FILE);
    d.add_text(f.file_path, path);
    d.add_text(f.record, serde_json::to_string(state).map_err(internal)?);
    Ok(d)
}

/// The document recording that the archive root `given` (the key of its
/// absolute path as given) led to `state.canonical`.
pub(crate) fn root_document(f: &Fields, given: &str, state: &RootState) -> Result<TantivyDocument> {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, KIND_ROOT);
    d.add_text(f.file_path, format!("{ROOT_PREFIX}{given}"));
    d.add_text(f.record, serde_json::to_string(state).map_err(internal)?);
    Ok(d)
}

fn internal(e: serde_json::Error) -> Error {
    Error::Internal(format!("serialising a record: {e}"))
}

/// A stored text field's first value.
pub(crate) fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    doc.get_first(field).and_then(|v| v.as_str())
}

/// What the error for a stored record that does not read begins with
/// (damaged files give it: `check::damage` then looks for them).
pub(crate) const UNREADABLE: &str = "stored record unreadable: ";

/// A stored JSON record.
pub(crate) fn record<T: for<'de> Deserialize<'de>>(doc: &TantivyDocument, f: &Fields) -> Result<T> {
    let json =
        text(doc, f.record).ok_or_else(|| Error::Internal("document without record".into()))?;
    serde_json::from_str(json).map_err(|e| Error::Internal(format!("{UNREADABLE}{e}")))
}

/// A meeting rebuilt from its stored document.
pub(crate) fn meeting(doc: &TantivyDocument, f: &Fields) -> Result<Meeting> {
    record(doc, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, party: Option<&str>) -> crate::protocol::Person {
        crate::protocol::Person {
            name: name.into(),
            party: party.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn position_terms_of_a_paragraph() {
        use crate::protocol::{Ballot, Position};
        let position = |kind, persons: Vec<crate::protocol::Person>, parties: &[&str]| Position {
            kind,
            direction: None,
            persons,
            parties: parties.iter().map(|p| p.to_string()).collect(),
            refers_to: None,
            text: String::new(),
        };
        let para = Paragraph {
            responsible: Some("Eva Ek".into()),
            positions: vec![
                position(
                    PositionKind::Motion,
                    vec![person("Jörgen Fogelklou", Some("SD"))],
                    &[],
                ),
                position(PositionKind::Reservation, vec![], &["SD", "Vgv"]),
                position(
                    PositionKind::Note,
                    vec![person("Jörgen Fogelklou", Some("SD"))],
                    &[],
                ),
            ],
            votes: vec![
                Vote {
                    yes: Some(72),
                    no: Some(9),
                    ..Vote::default()
                },
                // A roll call without counts: 1 ja, 0 nej.
                Vote {
                    ballots: vec![Ballot {
                        person: person("Åsa Berg", None),
                        choice: Choice::Yes,
                    }],
                    ..Vote::default()
                },
            ],
            ..Paragraph::default()
        };
        let n = NamedIn::new(&para);
        assert_eq!(
            n.person,
            [
                "asa berg",
                "berg",
                "ek",
                "eva ek",
                "fogelklou",
                "jorgen fogelklou"
            ]
        );
        assert_eq!(n.moved, ["SD", "fogelklou", "jorgen fogelklou"]);
        assert_eq!(n.reserved, ["SD", "VGV"]);
        assert_eq!(n.vote, [VOTE_ANY, VOTE_CLOSE]);
        // Nothing to do for a § without any of them.
        let none = NamedIn::new(&Paragraph::default());
        assert!(none.person.is_empty() && none.vote.is_empty());
        let wide = Paragraph {
            votes: vec![Vote {
                yes: Some(50),
                no: Some(10),
                ..Vote::default()
            }],
            ..Paragraph::default()
        };
        assert_eq!(NamedIn::new(&wide).vote, [VOTE_ANY]);
    }

    #[test]
    fn dates_as_numbers() {
        assert_eq!(date_number("2023-12-05"), Some(20231205));
        assert_eq!(date_number("5 dec"), None);
    }
}
