//! The data model: one definition of each type, shared by the parser, the
//! JSON/NDJSON output and library users.

use serde::{Deserialize, Serialize};

/// A person named in a protocol: a member, a substitute or another attendee.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Person {
    /// Full name as written ("Andreas Svahn").
    pub name: String,
    /// Party abbreviation without parentheses ("S", "SJVP"), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Role at the meeting ("ordförande", "tjänstgörande ersättare", "sekreterare"), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For a serving substitute: the member they replace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacing: Option<String>,
}

/// One meeting: the metadata of a protocol, shared by all its paragraphs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meeting {
    /// Identifier: `organisation_organ_date` slugged, or the file stem. An
    /// index makes it unique per source file and keeps it stable (see
    /// `index::ids`): the path in the archive instead of the stem, and a
    /// `~` suffix for a second file of one meeting.
    pub id: String,
    /// Path of the source file, as given to the parser.
    pub source: String,
    /// Organisation ("Region Örebro län", "Göteborgs Stad").
    pub organisation: Option<String>,
    /// The body that met ("Regionstyrelsens arbetsutskott").
    pub organ: Option<String>,
    /// Meeting date, ISO 8601 (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Start time (`HH:MM`).
    pub start_time: Option<String>,
    /// End time (`HH:MM`).
    pub end_time: Option<String>,
    /// Where the meeting was held.
    pub place: Option<String>,
    /// The protocol's own case number (diarienummer), if it has one.
    pub case_number: Option<String>,
    /// First and last § number of the protocol.
    pub paragraph_range: Option<(u32, u32)>,
    /// Who chaired the meeting.
    pub chair: Option<String>,
    /// Who kept the minutes.
    pub secretary: Option<String>,
    /// Who adjusted (justerade) the minutes besides the chair.
    pub adjusters: Vec<String>,
    /// Date of adjustment (`YYYY-MM-DD`).
    pub adjusted_on: Option<String>,
    /// Members taking part in decisions, serving substitutes included.
    pub members: Vec<Person>,
    /// Substitutes present but not serving.
    pub substitutes_present: Vec<Person>,
    /// Officials and other attendees.
    pub others_present: Vec<Person>,
}

/// A titled part of a paragraph ("Sammanfattning", "Beslut", "Skickas till").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Section {
    /// The heading as written, without a trailing colon; empty for the text before the first heading.
    pub heading: String,
    /// The section's text, lines joined with `\n`.
    pub text: String,
}

/// What kind of outcome a paragraph records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionKind {
    /// The body decided ("... beslutar att ...").
    Decision,
    /// The body proposed a decision to another body ("... föreslår regionstyrelsen besluta").
    Proposal,
    /// An information item with no decision.
    Information,
    /// Anything else, including paragraphs with no recognisable outcome.
    #[default]
    Other,
}

/// The outcome of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Decision {
    /// Decision, proposal, information or other.
    pub kind: DecisionKind,
    /// For a proposal: the first body it is addressed to ("Regionstyrelsen").
    pub proposed_to: Option<String>,
    /// Where the decision comes from, as printed before its clauses
    /// ("Enligt kommunstyrelsens förslag", "Kommunstyrelsen föreslår att
    /// kommunfullmäktige beslutar"), without a final colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How the clauses are printed: "att" clauses, numbered points, or
    /// statements.
    #[serde(default)]
    pub form: ClauseForm,
    /// The clauses as printed: the "att ..." clauses (without the leading
    /// "att"), the numbered points (without their numbers), or the
    /// statements after the source.
    pub clauses: Vec<String>,
    /// The whole decision text.
    pub text: String,
}

/// How a decision's clauses are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseForm {
    /// "att ..." clauses.
    Att,
    /// Numbered points "1. ...", "2. ...".
    Numbered,
    /// Sentences or paragraphs ("Yrkandet från SD avslås."), or no clauses.
    #[default]
    Statement,
}

/// What a position taken in a § is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PositionKind {
    /// A motion at the meeting (yrkande, förslag på sammanträdet).
    Motion,
    /// A reservation against the decision.
    Reservation,
    /// A note in the minutes (protokollsanteckning).
    Note,
    /// A conflict of interest (jäv): not taking part in the item.
    Conflict,
    /// Not taking part in the decision ("deltar inte i beslutet").
    Abstain,
}

/// What a motion asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MotionDirection {
    /// Bifall: approve (a proposal, a motion).
    Approve,
    /// Avslag: reject.
    Reject,
    /// Återremiss: send the item back.
    Refer,
    /// Bordläggning: table the item.
    Table,
    /// Ändring: approve with an amendment.
    Amend,
    /// Tillägg: an addition to the decision.
    Add,
}

/// A position a person or a party group takes in a §.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Motion, reservation, note, conflict or abstain.
    pub kind: PositionKind,
    /// For a motion: what it asks for, where the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<MotionDirection>,
    /// The persons named, with their parties where the § or the meeting's
    /// member list gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<Person>,
    /// Whole party groups ("Ledamöterna från M, L och KD"), as abbreviations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// What the position refers to ("kommunstyrelsens förslag", "yrkande
    /// från SD den 1 februari 2024"), where the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
    /// The sentence it came from.
    pub text: String,
}

impl Position {
    /// Every party of the position: its groups and its persons' parties, once each.
    pub fn all_parties(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let persons = self.persons.iter().filter_map(|p| p.party.as_deref());
        for p in self.parties.iter().map(String::as_str).chain(persons) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

/// A member's vote in a roll call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// Ja.
    Yes,
    /// Nej.
    No,
    /// Avstår.
    Abstain,
}

/// One member's vote, where the § prints a voting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// The member, with party where given.
    pub person: Person,
    /// How they voted.
    pub choice: Choice,
}

/// A vote (omröstning, votering) in a §.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Vote {
    /// The alternatives as put ("Ja för bifall till kommunstyrelsens
    /// förslag. Nej för bifall till yrkandet från Jörgen Fogelklou."), if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposition: Option<String>,
    /// Ja votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<u32>,
    /// Nej votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<u32>,
    /// Members who abstained (avstår).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstained: Option<u32>,
    /// Members absent (frånvarande).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent: Option<u32>,
    /// Each member's vote, where the § names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Ballot>,
}

impl Vote {
    /// The margin between yes and no, if both are known.
    pub fn margin(&self) -> Option<u32> {
        Some(self.yes?.abs_diff(self.no?))
    }
}

/// One § paragraph: an item of business, the unit of a search hit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Paragraph {
    /// The § number.
    pub number: u32,
    /// The letter of a lettered § ("§ 3 a" is number 3, suffix "a"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// The title, with wrapped lines joined.
    pub title: String,
    /// The paragraph's case number (diarienummer / ärendenummer), if any.
    pub case_number: Option<String>,
    /// Ärendeansvarig, if named.
    pub responsible: Option<String>,
    /// Handläggare, if named.
    pub officer: Option<String>,
    /// The titled parts of the paragraph, in order.
    pub sections: Vec<Section>,
    /// The outcome.
    pub decision: Decision,
    /// Motions, reservations, notes, conflicts and abstentions, in the order printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// The votes taken, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<Vote>,
    /// Recipients from "Skickas till" / "Protokollsutdrag skickas till".
    pub sent_to: Vec<String>,
    /// The cleaned full text of the paragraph after its title.
    pub body: String,
    /// 1-based line of the heading in the source file.
    pub line: usize,
    /// 1-based page the § starts on: in a PDF its page, in a text file
    /// with form feeds the form feeds before it plus one; none in a text
    /// file without form feeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Paragraph {
    /// The fields read directly from the protocol (number, suffix, title, case number,
    /// responsible, officer, body, line, page), with sections, recipients and
    /// decision left empty: they derive from the body and title, see
    /// [`crate::protocol::complete_from_body`].
    pub fn underived(&self) -> Paragraph {
        Paragraph {
            number: self.number,
            suffix: self.suffix.clone(),
            title: self.title.clone(),
            case_number: self.case_number.clone(),
            responsible: self.responsible.clone(),
            officer: self.officer.clone(),
            body: self.body.clone(),
            line: self.line,
            page: self.page,
            ..Paragraph::default()
        }
    }
}

/// A parsed protocol: one meeting and its paragraphs in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Protocol {
    /// The meeting.
    pub meeting: Meeting,
    /// Its paragraphs, in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Things in the file a reader should know about (a repeated § heading),
    /// none of which lost text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ParseWarning>,
}

/// Something odd in a protocol file that the parser worked around.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParseWarning {
    /// 1-based line in the source file.
    pub line: usize,
    /// What is odd and what the parser did.
    pub message: String,
}
