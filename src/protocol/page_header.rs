//! Page-header blocks: a block at the head of each page that names the
//! document, the organ and the date ("Dokumentnamn PROTOKOLL … Datum Dnr
//! Sida / 2025-05-27 25RS1 7"). They are furniture, and what they say about
//! the meeting is kept.

use super::case_number::find_in;
use super::clean::{HEADER_BLOCK_START, Kind, Line};
use super::dates::date_in;
use super::organ::organ_in;
use super::text::{ISO_DATE, fold, sentence_case, squash};
use rustc_hash::FxHashMap as HashMap;

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

/// What the running header says: the organ and the date that the blocks of
/// recurring furniture lines (`furniture`, see `recurring`) give most
/// often. A block's lines are read joined, so an organ's name broken over
/// two lines ("Barn- och" / "ungdomsnämnden") is read whole. A date or an
/// organ counts only if it recurs in two blocks or more.
pub(super) fn running(raw: &[Line<'_>], furniture: &[bool]) -> PageHeader {
    let mut organs: Vec<(String, usize)> = Vec::new();
    let mut dates: Vec<(String, usize)> = Vec::new();
    let vote = |v: &mut Vec<(String, usize)>, x: String| match v.iter_mut().find(|(y, _)| *y == x) {
        Some((_, n)) => *n += 1,
        None => v.push((x, 1)),
    };
    // Furniture recurs: the same lines, the same blocks on every page. What
    // a line or a block says is read once.
    let mut line_dates: HashMap<&str, Option<String>> = HashMap::default();
    let mut block_organs: HashMap<String, Option<String>> = HashMap::default();
    let mut block: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if !furniture[i] {
            i += 1;
            continue;
        }
        // A block: furniture lines with only blank lines between them.
        block.clear();
        let mut j = i;
        while j < raw.len() && (furniture[j] || raw[j].is_blank()) && block.len() < 8 {
            if furniture[j] {
                block.push(raw[j].text);
            }
            j += 1;
        }
        let date = block
            .iter()
            .filter(|t| t.len() <= 60)
            .find_map(|t| line_dates.entry(t).or_insert_with(|| date_in(t)).clone());
        if let Some(d) = date {
            vote(&mut dates, d);
        }
        let joined = block.join(" ");
        let organ = match block_organs.get(&joined) {
            Some(o) => o.clone(),
            None => {
                let o = organ_in(&joined);
                block_organs.insert(joined, o.clone());
                o
            }
        };
        if let Some(o) = organ {
            vote(&mut organs, o);
        }
        i = j.max(i + 1);
    }
    let best = |v: Vec<(String, usize)>| {
        v.into_iter()
            .filter(|&(_, n)| n >= 2)
            .max_by_key(|&(_, n)| n)
            .map(|(x, _)| x)
    };
    PageHeader {
        organ: best(organs),
        date: best(dates),
        case_number: None,
    }
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
                header.case_number = find_in(values).map(str::to_string);
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
