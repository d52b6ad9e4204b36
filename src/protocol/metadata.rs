//! Meeting metadata from the text before the first § (front matter), the
//! signature block after the last §, page headers, folder configuration and
//! the file name.

use super::clean::Line;
use super::dates::{date_in, undated};
use super::model::Meeting;
use super::organ::{full_name, is_organ_line, organ_from_decisions, organ_in};
use super::organisation::organisation_from_text;
use super::page_header::PageHeader;
use super::people::{Group, group_header, group_header_with_name, is_name, names, parse_person};
use super::text::{ISO_DATE, fold, re, squash};
use regex::Regex;
use std::sync::LazyLock;

static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<key>organ|beslutande organ|beslutsinstans|nämnd|sammanträdets plats och tid|plats och tid|tid och plats|plats och datum|datum och tid|tid|datum|sammanträdesdatum|mötesdatum|sammanträdestid|plats|utses att justera|justerare|justeringens plats och tid|justeringens plats och datum|justeringens tid|justeringens datum|justeringsdatum|justerat|paragrafer|protokollet omfattar|diarienummer|dnr)\b\s*:?\s*(?P<value>.*)$",
    )
});

/// A term of office after an organ's name ("2019-2022").
static MANDATE_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}$"));

static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:kl\.?|klockan)?\s*\b(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\b(?:\s*[-–]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})\b)?",
    )
});

static RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"§*\s*(?P<a>\d{1,4})\s*[-–]\s*(?P<b>\d{1,4})"));

static SIGNATURE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<label>sekreterare|ordförande|justerande|justerare)\s*(?:[.…_]{3,}\s*(?P<rest>.*)|:\s*(?P<value>.+)|)$",
    )
});

/// Facts gathered from the front matter and the closing signature block:
/// the meeting's fields as far as the text gives them, and a line that looks
/// like an organ name (used if nothing better names the organ).
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    pub meeting: Meeting,
    pub organ_line: Option<String>,
    /// A date alone on a line near the top (under "Protokoll" on a cover
    /// laid out in boxes), used if no label gives the meeting date.
    pub date_alone: Option<String>,
    /// Organ names the first lines give, for a label's short form ("val").
    pub organ_names: Vec<String>,
}

/// Adds the person `line` names to the list of group `g`; false if the
/// line names no one.
fn add_person(fm: &mut FrontMatter, g: Group, line: &str) -> bool {
    let Some(mut p) = parse_person(line) else {
        return false;
    };
    let list = match g {
        Group::Members => &mut fm.meeting.members,
        Group::ServingSubstitutes => {
            p.role
                .get_or_insert_with(|| "tjänstgörande ersättare".to_string());
            &mut fm.meeting.members
        }
        Group::Substitutes => &mut fm.meeting.substitutes_present,
        Group::Others => &mut fm.meeting.others_present,
    };
    // A name listed twice (a list repeated on a later page) is one person.
    if !list.iter().any(|q| q.name == p.name) {
        list.push(p);
    }
    true
}

/// Reads the front matter (lines before the first §).
pub(crate) fn front_matter(lines: &[Line<'_>]) -> FrontMatter {
    let mut fm = FrontMatter::default();
    read_block(lines, &mut fm, true);
    fm
}

/// At most this many lines of end matter are read for names: enough for the
/// signatures and the attendance list of an 80-member assembly.
const END_MATTER_LINES: usize = 600;

/// Reads a signature block after the last § ("Vid protokollet … Justeras …")
/// into `fm`; returns the index in `lines` where it starts, if any.
pub(crate) fn end_matter(lines: &[Line<'_>], fm: &mut FrontMatter) -> Option<usize> {
    let start = lines.iter().position(|l| {
        // Signature labels are short lines starting V, J, U, S or O.
        let t = l.text;
        if t.len() > 60 || !t.starts_with(['V', 'v', 'J', 'j', 'U', 'u', 'S', 's', 'O', 'o']) {
            return false;
        }
        t.eq_ignore_ascii_case("vid protokollet")
            || t.eq_ignore_ascii_case("justeras")
            || t.eq_ignore_ascii_case("justeras:")
            || t.eq_ignore_ascii_case("underskrifter")
            || SIGNATURE_LABEL
                .captures(l.text)
                .is_some_and(|c| c.name("value").is_none())
    })?;
    // Signatures and attendance lists, not what a very long tail holds after them.
    let block = &lines[start..];
    read_block(&block[..block.len().min(END_MATTER_LINES)], fm, false);
    Some(start)
}

fn next_name<'a>(lines: &[Line<'a>], from: usize) -> Option<(usize, &'a str)> {
    lines[from..]
        .iter()
        .enumerate()
        .take(8)
        .find(|(_, l)| !l.is_blank())
        .filter(|(_, l)| is_name(l.text))
        .map(|(k, l)| (from + k, l.text))
}

fn read_block(lines: &[Line<'_>], fm: &mut FrontMatter, front: bool) {
    let mut group: Option<Group> = None;
    let mut seen_text = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let mut t = lines[i].text;
        i += 1;
        if t.is_empty() {
            group = None;
            continue;
        }
        seen_text += 1;
        // "Underskrifter  Sekreterare ......": the label of a signature
        // block before the first signature's label, on one line.
        if let Some(rest) = t
            .get(..13)
            .filter(|h| h.eq_ignore_ascii_case("underskrifter"))
            .map(|_| t[13..].trim_start())
            .filter(|r| !r.is_empty() && r.len() < t.len() - 13)
        {
            t = rest;
        }
        let f = fold(t);
        if let Some(g) = group_header(t) {
            group = g;
            continue;
        }
        // "Beslutande  Anna Andersson (S), ordförande": a header and the
        // first name; the header's group goes on over the following lines.
        if let Some((g, rest)) = group_header_with_name(t)
            && parse_person(rest).is_some()
        {
            group = g;
            if let Some(g) = g {
                add_person(fm, g, rest);
            }
            continue;
        }
        if f == "vid protokollet" {
            if let Some((k, n)) = next_name(lines, i) {
                fm.meeting.secretary.get_or_insert_with(|| n.to_string());
                i = k + 1;
            }
            continue;
        }
        if f == "justeras" || f == "justeras:" {
            let mut signers = Vec::new();
            while let Some((k, n)) = next_name(lines, i) {
                signers.push(n.to_string());
                i = k + 1;
            }
            let mut it = signers.into_iter();
            if let Some(chair) = it.next() {
                fm.meeting.chair.get_or_insert(chair);
            }
            if fm.meeting.adjusters.is_empty() {
                fm.meeting.adjusters = it.collect();
            }
            continue;
        }
        if let Some(c) = SIGNATURE_LABEL.captures(t) {
            let value = c
                .name("value")
                .or_else(|| c.name("rest"))
                .map(|m| m.as_str().trim())
                .filter(|v| is_name(v))
                .map(str::to_string)
                .or_else(|| {
                    next_name(lines, i).map(|(k, n)| {
                        i = k + 1;
                        n.to_string()
                    })
                });
            if let Some(v) = value {
                match fold(&c["label"]).as_str() {
                    "sekreterare" => {
                        fm.meeting.secretary.get_or_insert(v);
                    }
                    "ordförande" => {
                        fm.meeting.chair.get_or_insert(v);
                    }
                    _ => {
                        if !fm.meeting.adjusters.contains(&v) {
                            fm.meeting.adjusters.push(v);
                        }
                    }
                }
            }
            continue;
        }
        if let Some(g) = group {
            if add_person(fm, g, t) {
                continue;
            }
            group = None;
        }
        if !front {
            continue;
        }
        // A row of labels over a row of values, as a cover laid out as a
        // table reads: "Sammanträdesdatum  Justeringsdatum" / "2024-05-08  2024-05-10".
        if let Some(pairs) = label_row(t, next_text(lines, i)) {
            for (label, value) in pairs {
                key_value(fm, &fold(label), value, lines, &mut i);
            }
            i = next_index(lines, i).map_or(i, |k| k + 1);
            continue;
        }
        if let Some(c) = KEY_VALUE.captures(t) {
            let key = fold(&c["key"]);
            let value = c["value"].trim();
            // "Datum för anslags uppsättande 2007-01-11": a posting date.
            if value.starts_with("för ") && (key == "datum" || key == "tid") {
                continue;
            }
            // A label with its value on the next line ("Datum" / "2024-05-08",
            // "Plats och tid" / "Skolhuset, måndagen den 14 oktober 2024 kl. 15").
            let next = (value.is_empty() || value == ":")
                .then(|| next_text(lines, i))
                .flatten()
                .filter(|n| {
                    date_alone(n).is_some()
                        || (KEY_VALUE.captures(n).is_none()
                            && group_header(n).is_none()
                            && group_header_with_name(n).is_none()
                            && SIGNATURE_LABEL.captures(n).is_none()
                            && !n.starts_with('§'))
                });
            let value = match next {
                Some(n) => {
                    i = next_index(lines, i).map_or(i, |k| k + 1);
                    n
                }
                None => value,
            };
            // Two labels on one line, in two columns ("Plats och tid
            // Stadshuset  Paragrafer  §§14-19"): each its own value.
            let (value, second) = match second_key(value) {
                Some(at) => (value[..at].trim_end(), Some(&value[at..])),
                None => (value, None),
            };
            // A time on the next line of its own ("kl. 14:00-16:15").
            let timed;
            let value = match next_text(lines, i).filter(|n| is_time_alone(n)) {
                Some(n) if key.contains("tid") && !TIMES.is_match(value) => {
                    i = next_index(lines, i).map_or(i, |k| k + 1);
                    timed = format!("{value} {n}");
                    timed.as_str()
                }
                _ => value,
            };
            key_value(fm, &key, value, lines, &mut i);
            if let Some(c) = second.and_then(|s| KEY_VALUE.captures(s)) {
                key_value(fm, &fold(&c["key"]), c["value"].trim(), lines, &mut i);
            }
            continue;
        }
        if front
            && seen_text <= 40
            && let Some(o) = organ_in(t)
            && !fm.organ_names.contains(&o)
        {
            fm.organ_names.push(o);
        }
        if seen_text <= 12
            && fm.date_alone.is_none()
            && let Some(d) = date_alone(t)
            && !previous_is_posting_label(lines, i - 1)
        {
            fm.date_alone = Some(d);
            continue;
        }
        if seen_text <= 6 && fm.organ_line.is_none() {
            if is_organ_line(t) {
                fm.organ_line = Some(squash(t));
            } else if let Some(cell) = organ_cell(t) {
                // The top of the first page laid out in columns
                // ("Socialnämnden        Sammanträdesprotokoll").
                fm.organ_line = Some(squash(cell));
            } else if t.ends_with(['-', ',']) || t.rsplit(' ').next().is_some_and(|w| w == "och") {
                // An organ's name broken over two lines ("Barn- och" / "ungdomsnämnden").
                if let Some(n) = next_text(lines, i) {
                    let joined = format!("{t} {n}");
                    if is_organ_line(&joined) {
                        fm.organ_line = Some(squash(&joined));
                    }
                }
            }
        }
    }
}

/// The cell of a line laid out in columns (cells apart by two or more
/// spaces or a tab, as text extraction renders them) that is an organ's
/// name and nothing else, if one is.
fn organ_cell(t: &str) -> Option<&str> {
    if !t.contains("  ") && !t.contains('\t') {
        return None;
    }
    t.split("  ")
        .flat_map(|c| c.split('\t'))
        .map(str::trim)
        .find(|c| !c.is_empty() && is_organ_line(c))
}

/// Where a second label starts in `value`: after a column gap, a label
/// of the front matter with a value.
fn second_key(value: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(gap) = value[from..].find("  ") {
        let at = from + gap;
        let rest = value[at..].trim_start();
        let start = value.len() - rest.len();
        if KEY_VALUE
            .captures(rest)
            .is_some_and(|c| !c["value"].trim().is_empty())
        {
            return Some(start);
        }
        from = start.max(at + 2);
    }
    None
}

/// True if `t` is a time or a span of times and nothing else ("kl. 14:00-16:15").
fn is_time_alone(t: &str) -> bool {
    t.len() <= 30
        && TIMES
            .find(t)
            .is_some_and(|m| t[..m.start()].trim().is_empty() && t[m.end()..].trim().is_empty())
}

/// The text of the next non-blank line from `from`, within three lines.
fn next_text<'a>(lines: &[Line<'a>], from: usize) -> Option<&'a str> {
    next_index(lines, from).map(|k| lines[k].text)
}

fn next_index(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len().min(from + 3)).find(|&k| !lines[k].is_blank())
}

/// The date `t` gives if it is a date and nothing else (a weekday and
/// "den" allowed): "2026-05-18", "Måndag 18 maj 2026".
fn date_alone(t: &str) -> Option<String> {
    if t.len() > 40 {
        return None;
    }
    let d = date_in(t)?;
    let rest = undated(t);
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ':');
    rest.is_empty().then_some(d)
}

/// True if the line before index `i` (the last non-blank one) labels a
/// posting or adjustment date ("Datum för anslags uppsättande",
/// "Anslaget uppsatt", "Justeringsdatum").
fn previous_is_posting_label(lines: &[Line<'_>], i: usize) -> bool {
    let Some(prev) = lines[..i.min(lines.len())]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
    else {
        return false;
    };
    let f = fold(prev.text);
    [
        "anslag", "juster", "nedtag", "uppsätt", "uppsatt", "utdrag", "expedier", "skickat",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// Labels of a cover laid out as a table, in the order they stand.
static LABELS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:sammanträdesdatum|mötesdatum|justeringsdatum|justeringens datum|datum för anslags? (?:uppsättande|nedtagande)|anslag(?:et)? (?:uppsatt|nedtas|nedtaget)|datum|organ|nämnd|plats och tid|plats|tid|paragrafer|diarienummer|dnr|sida)\b",
    )
});

/// A row of two or more labels and nothing else, and the next line's values
/// in the same order: the dates for the date labels, the cells (split at
/// gaps of two spaces) for the others where the counts agree.
fn label_row<'a>(t: &'a str, next: Option<&'a str>) -> Option<Vec<(&'a str, &'a str)>> {
    if t.len() > 160 || date_in(t).is_some() {
        return None;
    }
    let labels: Vec<&str> = LABELS.find_iter(t).map(|m| m.as_str()).collect();
    let leftover = LABELS.replace_all(t, "");
    if labels.len() < 2 || leftover.chars().any(char::is_alphanumeric) {
        return None;
    }
    let values = next?;
    let cells: Vec<&str> = values
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() == labels.len() {
        return Some(labels.into_iter().zip(cells).collect());
    }
    // The dates of the value row, in order, for the labels of dates.
    let dated: Vec<&str> = labels
        .iter()
        .copied()
        .filter(|l| {
            let f = fold(l);
            f.contains("datum") || f.contains("anslag")
        })
        .collect();
    let dates: Vec<&str> = ISO_DATE.find_iter(values).map(|m| m.as_str()).collect();
    (!dates.is_empty() && dates.len() == dated.len())
        .then(|| dated.into_iter().zip(dates).collect())
}

/// Reads one `key: value` of the front matter into `fm`; `i` is the index of
/// the line after it, moved on past lines the value takes.
fn key_value(fm: &mut FrontMatter, key: &str, value: &str, lines: &[Line<'_>], i: &mut usize) {
    match key {
        "organ" | "beslutande organ" | "beslutsinstans" | "nämnd" if !value.is_empty() => {
            // "Beslutsinstans: Arbetsutskottet 2019-2022": the term of office
            // is no part of the name.
            let name = MANDATE_PERIOD.replace(value.trim(), "");
            // A label in two words ("Nämnd / styrelse      Kommunstyrelsen"):
            // the organ is the cell that is a name.
            let name = if is_organ_line(&squash(&name)) {
                squash(&name)
            } else {
                organ_cell(&name).map_or_else(|| squash(&name), squash)
            };
            if !name.is_empty() {
                fm.meeting.organ = Some(name);
            }
        }
        "tid" | "datum" | "sammanträdesdatum" | "mötesdatum" | "sammanträdestid" => {
            if fm.meeting.date.is_none() {
                fm.meeting.date = date_in(value);
            }
            if let Some(tm) = TIMES.captures(&undated(value)) {
                fm.meeting.start_time = Some(format!("{:0>2}:{}", &tm["h1"], &tm["m1"]));
                fm.meeting.end_time = tm
                    .name("h2")
                    .map(|h| format!("{:0>2}:{}", h.as_str(), &tm["m2"]));
            }
        }
        "plats och tid"
        | "sammanträdets plats och tid"
        | "tid och plats"
        | "plats och datum"
        | "datum och tid" => {
            // "Kommunhuset, Sessionssalen, kl. 13.00-15.30": the
            // place is what is left without the date and the times.
            if fm.meeting.date.is_none() {
                fm.meeting.date = date_in(value);
            }
            let undated = undated(value);
            if let Some(tm) = TIMES.captures(&undated) {
                fm.meeting.start_time = Some(format!("{:0>2}:{}", &tm["h1"], &tm["m1"]));
                fm.meeting.end_time = tm
                    .name("h2")
                    .map(|h| format!("{:0>2}:{}", h.as_str(), &tm["m2"]));
            }
            let place = squash(&TIMES.replace_all(&undated, ""));
            let place = place.trim_matches([',', ' ', '-', '–']);
            if !place.is_empty() && !key.starts_with("datum") {
                fm.meeting.place = Some(place.to_string());
            }
        }
        "plats" if !value.is_empty() => {
            let mut place = squash(value);
            // A place may wrap onto a following short line ("Regionens hus" / "Härnösand").
            if let Some((k, next)) = lines[*i..]
                .iter()
                .enumerate()
                .take(3)
                .find(|(_, l)| !l.is_blank())
                .map(|(k, l)| (*i + k, l.text))
                && next.len() <= 40
                && !next.contains(':')
                && KEY_VALUE.captures(next).is_none()
                && group_header(next).is_none()
                && SIGNATURE_LABEL.captures(next).is_none()
                && !next.starts_with('§')
                && !next.chars().any(|c| c.is_ascii_digit())
                && next.chars().next().is_some_and(char::is_uppercase)
            {
                place = format!("{place}, {}", squash(next));
                *i = k + 1;
            }
            fm.meeting.place = Some(place);
        }
        "utses att justera" | "justerare" => {
            for n in names(value) {
                if !fm.meeting.adjusters.contains(&n) {
                    fm.meeting.adjusters.push(n);
                }
            }
        }
        "justeringens tid"
        | "justeringens datum"
        | "justeringens plats och tid"
        | "justeringens plats och datum"
        | "justeringsdatum"
        | "justerat" => {
            if let Some(d) = date_in(value) {
                fm.meeting.adjusted_on = Some(d);
            }
        }
        "paragrafer" | "protokollet omfattar" => {
            if let Some(r) = RANGE.captures(value) {
                let a = r["a"].parse().unwrap_or(0);
                let b = r["b"].parse().unwrap_or(0);
                if a > 0 && b >= a {
                    fm.meeting.paragraph_range = Some((a, b));
                }
            }
        }
        "diarienummer" | "dnr" => {
            fm.meeting.case_number.get_or_insert_with(|| squash(value));
        }
        _ => {}
    }
}

/// A date in a file name (`…_2023-12-05.txt`, `ks_2023-12-05_protokoll`):
/// four digits of a year, a month and a day, not inside a longer number.
pub(crate) fn date_from_name(name: &str) -> Option<String> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let d = &name.get(i..i + 10)?;
        let shape = d.bytes().enumerate().all(|(k, c)| {
            if k == 4 || k == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        (shape && alone && (d.starts_with("19") || d.starts_with("20"))).then(|| d.to_string())
    })
}

/// Lowercase ASCII slug: å/ä→a, ö→o, é→e, other non-alphanumerics → `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Assembles the meeting from every source of facts, in order of trust:
/// folder configuration, front matter, page header, text inference, file name.
pub(crate) struct MeetingInputs<'a> {
    pub source: &'a str,
    pub file_stem: &'a str,
    pub text: &'a str,
    pub config_organisation: Option<&'a str>,
    pub config_organ: Option<&'a str>,
    pub header: &'a PageHeader,
    pub running: &'a PageHeader,
    pub paragraph_numbers: (u32, u32),
}

pub(crate) fn assemble(fm: FrontMatter, inp: &MeetingInputs<'_>) -> Meeting {
    let FrontMatter {
        meeting: mut m,
        organ_line,
        date_alone,
        organ_names,
    } = fm;
    m.source = inp.source.to_string();
    m.organisation = inp
        .config_organisation
        .map(str::to_string)
        .or_else(|| organisation_from_text(inp.text));
    // Names of the organ the document gives, in order of trust; a label's
    // or the folder's short form ("val") is the name it stands for.
    let named: Vec<String> = [&inp.header.organ, &inp.running.organ, &organ_line]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let named_refs: Vec<&str> = named
        .iter()
        .chain(&organ_names)
        .map(String::as_str)
        .collect();
    m.organ = inp
        .config_organ
        .map(str::to_string)
        .or(m.organ)
        .map(|o| full_name(&o, &named_refs))
        .or_else(|| named.first().cloned())
        .or_else(|| organ_from_decisions(inp.text));
    m.date = m
        .date
        .or_else(|| inp.header.date.clone())
        .or_else(|| inp.running.date.clone())
        .or(date_alone)
        .or_else(|| date_from_name(inp.file_stem));
    if m.chair.is_none() {
        m.chair = m
            .members
            .iter()
            .find(|p| p.role.as_deref() == Some("ordförande"))
            .map(|p| p.name.clone());
    }
    if m.secretary.is_none() {
        m.secretary = m
            .others_present
            .iter()
            .find(|p| p.role.as_deref().is_some_and(|r| r.contains("sekreterare")))
            .map(|p| p.name.clone());
    }
    m.case_number = m.case_number.or_else(|| inp.header.case_number.clone());
    m.paragraph_range = m.paragraph_range.or(Some(inp.paragraph_numbers));
    m.id = match (&m.organisation, &m.organ, &m.date) {
        (Some(a), Some(b), Some(d)) => format!("{}_{}_{}", slug(a), slug(b), d),
        _ => slug(inp.file_stem),
    };
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deciding_body_labelled_in_the_posting_block_is_the_organ() {
        for (line, organ) in [
            ("Beslutande organ   Kommunstyrelsen", "Kommunstyrelsen"),
            ("Nämnd Kommunstyrelsen", "Kommunstyrelsen"),
            ("Organ / nämnd      Byggnadsnämnden", "Byggnadsnämnden"),
            ("Beslutsinstans: Socialnämnden 2019-2022", "Socialnämnden"),
            (
                "Beslutsinstans: Arbetsutskottet 2019–2022   Sammanträdesdatum: 2020-08-18",
                "Arbetsutskottet",
            ),
        ] {
            let lines = crate::protocol::clean::test_lines(line);
            assert_eq!(
                front_matter(&lines).meeting.organ.as_deref(),
                Some(organ),
                "{line}"
            );
        }
    }

    #[test]
    fn an_organ_in_a_column_at_the_top_of_the_first_page_is_the_organ() {
        for (top, organ) in [
            (
                "Socialnämnden                     Sammanträdesprotokoll",
                "Socialnämnden",
            ),
            (
                "SAMMANTRÄDESPROTOKOLL\tBarn- och utbildningsnämnden",
                "Barn- och utbildningsnämnden",
            ),
            (
                "Social- och äldrenämnden      2012-02-27",
                "Social- och äldrenämnden",
            ),
        ] {
            let text = format!("{top}\n\nPlats och tid  Kommunhuset, kl. 13.00-15.30\n");
            let lines = crate::protocol::clean::test_lines(&text);
            assert_eq!(
                front_matter(&lines).organ_line.as_deref(),
                Some(organ),
                "{top}"
            );
        }
        // A line of words is no column ("Protokoll fört vid nämnden" is no name).
        assert_eq!(organ_cell("Protokoll fört vid socialnämnden"), None);
        assert_eq!(
            organ_cell("Socialnämnden"),
            None,
            "a whole line is is_organ_line's"
        );
    }

    #[test]
    fn a_two_column_front_page_is_read() {
        // The common layout of a municipality's front page once its text is
        // extracted: each label with its value, the first name of a list on
        // the label's line.
        let text = "Kommunstyrelsen\nSammanträdesdatum 2024-03-12\n\nPlats och tid  Kommunhuset, Sessionssalen, kl. 13.00-15.30\n\nBeslutande  Anna Andersson (S), ordförande\n            Bertil Berg (M)\n            Cecilia Carlsson (C)\n\nÖvriga närvarande  Eva Ek, kommundirektör\n\nUtses att justera  Bertil Berg\nJusteringens plats och tid  Kommunhuset 2024-03-15\n\nParagrafer  §§ 45-47\n";
        let lines = crate::protocol::clean::test_lines(text);
        let m = front_matter(&lines).meeting;
        assert_eq!(m.date.as_deref(), Some("2024-03-12"));
        assert_eq!(m.place.as_deref(), Some("Kommunhuset, Sessionssalen"));
        assert_eq!(
            (m.start_time.as_deref(), m.end_time.as_deref()),
            (Some("13:00"), Some("15:30"))
        );
        let members: Vec<(&str, Option<&str>)> = m
            .members
            .iter()
            .map(|p| (p.name.as_str(), p.party.as_deref()))
            .collect();
        assert_eq!(
            members,
            [
                ("Anna Andersson", Some("S")),
                ("Bertil Berg", Some("M")),
                ("Cecilia Carlsson", Some("C")),
            ]
        );
        assert_eq!(m.members[0].role.as_deref(), Some("ordförande"));
        assert_eq!(m.others_present.len(), 1);
        assert_eq!(m.adjusters, ["Bertil Berg"]);
        assert_eq!(m.adjusted_on.as_deref(), Some("2024-03-15"));
        assert_eq!(m.paragraph_range, Some((45, 47)));
    }

    #[test]
    fn dates_in_words() {
        let text = "Kommunfullmäktige\n\nTid och plats  Tisdagen den 12 mars 2024 kl. 18.00-21.15, Stadshuset\nJusteringens tid  den 3 april 2024\n";
        let lines = crate::protocol::clean::test_lines(text);
        let m = front_matter(&lines).meeting;
        assert_eq!(m.date.as_deref(), Some("2024-03-12"));
        assert_eq!(m.place.as_deref(), Some("Stadshuset"));
        assert_eq!(
            (m.start_time.as_deref(), m.end_time.as_deref()),
            (Some("18:00"), Some("21:15"))
        );
        assert_eq!(m.adjusted_on.as_deref(), Some("2024-04-03"));
        assert_eq!(date_in("32 mars 2024"), None);
        assert_eq!(date_in("den 1 Januari 2025"), Some("2025-01-01".into()));
    }

    #[test]
    fn attendance_repeated_in_a_long_tail_lists_each_person_once() {
        // Regression: a 100 MB file whose tail repeated an attendance list
        // gave its meeting 48 900 members, and every § doc all of them.
        let mut text = String::from("Justeras\n\n");
        for _ in 0..500 {
            text.push_str("Ledamöter\nAnna Andersson (S)\nBo Berg (M)\n\n");
        }
        let lines = crate::protocol::clean::test_lines(&text);
        let mut fm = FrontMatter::default();
        assert_eq!(end_matter(&lines, &mut fm), Some(0));
        let names: Vec<&str> = fm.meeting.members.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Anna Andersson", "Bo Berg"]);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Region Örebro län"), "region-orebro-lan");
        assert_eq!(
            slug("Regionstyrelsens arbetsutskott"),
            "regionstyrelsens-arbetsutskott"
        );
    }
}
