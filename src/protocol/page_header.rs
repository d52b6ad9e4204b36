//! Page-header blocks: a block at the head of each page that names the
//! document, the organ and the date ("Dokumentnamn PROTOKOLL … Datum Dnr
//! Sida / 2025-05-27 25RS1 7"). They are furniture, and what they say about
//! the meeting is kept.

use super::case_number::CASE_NUMBER;
use super::clean::{HEADER_BLOCK_START, Kind, Line};
use super::text::{ISO_DATE, fold, sentence_case, squash};

/// What a page-header block said about the meeting.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PageHeader {
    /// The organ named in the header ("Regionstyrelsens vårdvalsutskott").
    pub organ: Option<String>,
    /// The date in the header's value row.
    pub date: Option<String>,
    /// The protocol's own case number in the header's value row.
    pub case_number: Option<String>,
}

/// Marks `Dokumentnamn PROTOKOLL … Datum Dnr Sida / 2025-05-27 25RS1 7` blocks
/// as furniture and reads the organ, date and case number they give.
pub(super) fn mark_header_blocks(raw: &[Line<'_>], kinds: &mut [Kind]) -> PageHeader {
    let mut header = PageHeader::default();
    let mut i = 0;
    while i < raw.len() {
        if kinds[i] != Kind::Text
            || !raw[i].text.starts_with(['D', 'd'])
            || !HEADER_BLOCK_START.is_match(raw[i].text)
        {
            i += 1;
            continue;
        }
        // Find the label row ("Datum Dnr Sida") within the next lines.
        let limit = (i + 16).min(raw.len());
        let label = (i..limit).find(|&j| is_label_row(raw[j].text));
        let end = match label {
            Some(l) => {
                // The value row is the next non-blank line after the label row.
                (l + 1..limit)
                    .find(|&j| !raw[j].is_blank())
                    .filter(|&j| raw[j].text.len() <= 60)
                    .unwrap_or(l)
            }
            None => i,
        };
        let mut organ_words = Vec::new();
        for j in i..=end {
            kinds[j] = Kind::Breaker;
            let t = raw[j].text;
            if j == i || Some(j) >= label || t.is_empty() {
                continue;
            }
            let f = fold(t);
            if f == "protokoll" || f == "sammanträdesprotokoll" || f.starts_with("protokoll ") {
                continue;
            }
            organ_words.push(t);
        }
        if let Some(l) = label
            && end > l
        {
            let values = raw[end].text;
            if header.date.is_none() {
                header.date = ISO_DATE.find(values).map(|m| m.as_str().to_string());
            }
            if header.case_number.is_none() {
                header.case_number = CASE_NUMBER.find(values).map(|m| m.as_str().to_string());
            }
        }
        if header.organ.is_none() && !organ_words.is_empty() {
            let organ = squash(&organ_words.join(" "));
            let is_upper = !organ.chars().any(char::is_lowercase);
            header.organ = Some(if is_upper {
                sentence_case(&organ)
            } else {
                organ
            });
        }
        i = end + 1;
    }
    header
}

fn is_label_row(t: &str) -> bool {
    let f = fold(t);
    let labels = ["datum", "dnr", "sida", "diarienummer", "sammanträdesdatum"];
    f.split(' ').filter(|w| labels.contains(w)).count() >= 2
}
