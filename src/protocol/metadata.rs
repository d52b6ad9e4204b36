//! Meeting metadata from the text before the first § (front matter), the
//! signature block after the last §, page headers, folder configuration and
//! the file name.

use super::clean::{Line, PageHeader};
use super::model::{Meeting, Person};
use super::patterns::{ISO_DATE, capitalise, eq_lowercase, fold, squash};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p:?}: {e}"))
}

static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<key>organ|sammanträdets plats och tid|plats och tid|tid och plats|plats och datum|datum och tid|tid|datum|sammanträdesdatum|mötesdatum|sammanträdestid|plats|utses att justera|justerare|justeringens plats och tid|justeringens plats och datum|justeringens tid|justeringens datum|justeringsdatum|justerat|paragrafer|protokollet omfattar|diarienummer|dnr)\b\s*:?\s*(?P<value>.*)$",
    )
});

static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:kl\.?|klockan)?\s*\b(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\b(?:\s*[-–]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})\b)?",
    )
});

/// A date in words, with its weekday if it has one: "tisdagen den 12 mars
/// 2024", "12 mars 2024".
static WORDS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)?(?:den\s+)?\b(?P<d>\d{1,2})\s+(?P<m>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(?P<y>(?:19|20)\d{2})\b",
    )
});

/// The first date in `value` as YYYY-MM-DD: an ISO date, or one in words.
fn date_in(value: &str) -> Option<String> {
    if let Some(m) = ISO_DATE.find(value) {
        return Some(m.as_str().to_string());
    }
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let c = WORDS_DATE.captures(value)?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(&c["m"]))?
        + 1;
    let day: u32 = c["d"].parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(format!("{}-{month:02}-{day:02}", &c["y"]))
}

/// `value` without its dates (ISO or in words).
fn undated(value: &str) -> String {
    let v = ISO_DATE.replace_all(value, "");
    WORDS_DATE.replace_all(&v, "").into_owned()
}

static RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"§*\s*(?P<a>\d{1,4})\s*[-–]\s*(?P<b>\d{1,4})"));

static SIGNATURE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<label>sekreterare|ordförande|justerande|justerare)\s*(?:[.…_]{3,}\s*(?P<rest>.*)|:\s*(?P<value>.+)|)$",
    )
});

static PARTY: LazyLock<Regex> = LazyLock::new(|| re(r"\((?P<party>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5})\)"));

static PARAGRAPH_REFS: LazyLock<Regex> =
    LazyLock::new(|| re(r"§§?\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*"));

static ORGAN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[A-ZÅÄÖ][A-Za-zÅÄÖåäöÉéÜü -]{0,60}(?:styrelse|styrelsen|nämnd|nämnden|fullmäktige|utskott|utskottet|beredning|beredningen|råd|rådet|kommitté|kommittén|presidium|presidiet|direktion|direktionen|delegation|delegationen)$",
    )
});

static ORGAN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)^(?P<organ>[A-ZÅÄÖ][A-Za-zÅÄÖåäöÉéÜü]+(?:s [A-Za-zÅÄÖåäöÉéÜü]+)?(?:styrelse|styrelsen|nämnd|nämnden|fullmäktige|utskott|utskottet|beredning|beredningen|rådet|kommittén|presidiet|direktionen))\s+(?:beslutar|föreslår)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

/// Organisation names. No Unicode `\b` (it forces the slow regex engine over
/// the whole text); the trailing class stops "Göteborgs Stad" from matching
/// inside "Göteborgs Stadsledningskontoret" and is trimmed off the match.
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Rr]egion [A-ZÅÄÖ][a-zåäöé]+(?: [A-ZÅÄÖ][a-zåäöé]+)?(?: läns?)?|[A-ZÅÄÖ][a-zåäöé]+ läns landsting|[A-ZÅÄÖ][a-zåäöé]+s [Ss]tads?|[A-ZÅÄÖ][a-zåäöé]+ kommuns?)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

/// Lowercase words that may stand inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &["von", "af", "de", "van", "der"];

/// Role of a group of names in the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Members,
    ServingSubstitutes,
    Substitutes,
    Others,
}

fn group_header(t: &str) -> Option<Option<Group>> {
    group_of(&fold(t.trim_end_matches(':')))
}

/// The longest group header [`group_header`] knows, in bytes.
const GROUP_HEADER_MAX: usize = 40;

/// A group header with the group's first name on its line, as a two-column
/// front page reads once its text is extracted: "Beslutande  Anna Andersson
/// (S), ordförande". Returns the group and the rest of the line.
fn group_header_with_name(t: &str) -> Option<(Option<Group>, &str)> {
    // Cheap test first: the first word of every group header.
    const FIRST_WORDS: &[&str] = &[
        "ledamöter",
        "ledamot",
        "tjänstgörande",
        "beslutande",
        "närvarande",
        "ordinarie",
        "ersättare",
        "övriga",
        "ej",
        "icke",
        "tjänstepersoner",
        "tjänstemän",
        "under",
        "föredragande",
    ];
    let first = t.split(|c: char| c.is_whitespace() || c == ':').next()?;
    if !FIRST_WORDS.iter().any(|w| eq_lowercase(first, w)) {
        return None;
    }
    // The header is the longest prefix of whole words that is one.
    let mut ends: Vec<usize> = t
        .char_indices()
        .filter(|&(i, c)| c.is_whitespace() && i <= GROUP_HEADER_MAX)
        .map(|(i, _)| i)
        .collect();
    ends.dedup_by(|b, a| *b == *a + 1);
    ends.iter().rev().find_map(|&end| {
        let rest = t[end..].trim_start();
        let g = group_of(&fold(t[..end].trim_end_matches(':')))?;
        (!rest.is_empty()).then_some((g, rest))
    })
}

fn group_of(f: &str) -> Option<Option<Group>> {
    let g = match f {
        "ledamöter"
        | "ledamot"
        | "tjänstgörande ledamöter"
        | "beslutande"
        | "beslutande ledamöter"
        | "närvarande ledamöter"
        | "ordinarie ledamöter" => Some(Group::Members),
        "tjänstgörande ersättare" => Some(Group::ServingSubstitutes),
        "ersättare"
        | "närvarande ersättare"
        | "övriga ersättare"
        | "ej tjänstgörande ersättare"
        | "icke tjänstgörande ersättare"
        | "närvarande ej tjänstgörande ersättare" => Some(Group::Substitutes),
        "övriga närvarande"
        | "övriga deltagande"
        | "övriga deltagare"
        | "tjänstepersoner"
        | "tjänstemän"
        | "under föredragningarna"
        | "närvarande tjänstepersoner"
        | "föredragande"
        | "övriga"
        | "närvarande tjänstemän" => Some(Group::Others),
        "närvarande" => None,
        _ => return None,
    };
    Some(g)
}

/// Parses "Andreas Svahn (S) (ordförande)", "Christina Nordenö (S) för Anna
/// Strandh Proos (M)", "Kristina Berglund, sekreterare", "Ordföranden Jonas
/// Attenius (S)", "Ann Christin Hamrén sekreterare". `None` if the line does
/// not read as a person.
pub(crate) fn parse_person(line: &str) -> Option<Person> {
    let line = squash(&PARAGRAPH_REFS.replace_all(line, ""));
    let mut s = line.as_str();
    let mut role: Option<String> = None;
    // A role before the name.
    for pre in [
        "Förste vice ordföranden ",
        "Andre vice ordföranden ",
        "Tredje vice ordföranden ",
        "2:e vice ordföranden ",
        "1:e vice ordföranden ",
        "Vice ordföranden ",
        "Ordföranden ",
        "Ordförande ",
    ] {
        if let Some(rest) = s.strip_prefix(pre) {
            role = Some(pre.trim().trim_end_matches('n').to_lowercase());
            s = rest;
            break;
        }
    }
    let (name, party, tail) = if let Some(m) = PARTY.captures(s) {
        let whole = m.get(0)?;
        (
            s[..whole.start()].trim(),
            Some(m["party"].to_string()),
            s[whole.end()..].trim(),
        )
    } else if let Some((n, t)) = s.split_once(',') {
        (n.trim(), None, t.trim())
    } else {
        // The name is the run of capitalised words; what follows is the role.
        let mut end = 0;
        for (i, w) in s.split(' ').enumerate() {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if !(cap || i > 0 && NAME_PARTICLES.contains(&w)) {
                break;
            }
            end += w.len() + usize::from(i > 0);
        }
        let end = end.min(s.len());
        (s[..end].trim(), None, s[end..].trim())
    };
    if !is_name(name) {
        return None;
    }
    let mut replacing = None;
    let mut tail = tail.trim_matches(|c: char| c == ',' || c.is_whitespace());
    if let Some(r) = tail
        .strip_prefix("för ")
        .or_else(|| tail.strip_prefix("ersätter "))
    {
        let r = PARTY.replace_all(r, "");
        replacing = Some(squash(&r));
        tail = "";
    } else if let Some(at) = tail.find(" för ").or_else(|| tail.find(" ersätter ")) {
        // "tjänstgörande ersättare för Ali Yilmaz (S)": a role, then whom.
        let after = &tail[at + 1..];
        let r = after.split_once(' ').map_or("", |(_, r)| r);
        let r = squash(&PARTY.replace_all(r, ""));
        if is_name(&r) {
            replacing = Some(r);
            tail = tail[..at].trim_end_matches([',', ' ']);
        }
    }
    let tail = tail.trim_matches(|c: char| c == '(' || c == ')' || c == ',' || c.is_whitespace());
    if !tail.is_empty() {
        role = Some(tail.to_string());
    }
    Some(Person {
        name: name.to_string(),
        party,
        role,
        replacing,
    })
}

fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && name.len() <= 60
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == '§')
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w))
}

/// Facts gathered from the front matter and the closing signature block:
/// the meeting's fields as far as the text gives them, and a line that looks
/// like an organ name (used if nothing better names the organ).
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    pub meeting: Meeting,
    pub organ_line: Option<String>,
}

fn names(value: &str) -> Vec<String> {
    value
        .split([',', '&'])
        .flat_map(|p| p.split(" och "))
        .map(|n| squash(&PARTY.replace_all(n, "")))
        .filter(|n| is_name(n))
        .collect()
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
        if let Some(c) = KEY_VALUE.captures(t) {
            let value = c["value"].trim();
            let key = fold(&c["key"]);
            match key.as_str() {
                "organ" if !value.is_empty() => fm.meeting.organ = Some(squash(value)),
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
                    if let Some((k, next)) = lines[i..]
                        .iter()
                        .enumerate()
                        .take(3)
                        .find(|(_, l)| !l.is_blank())
                        .map(|(k, l)| (i + k, l.text))
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
                        i = k + 1;
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
            continue;
        }
        if seen_text <= 5 && fm.organ_line.is_none() && ORGAN_LINE.is_match(t) {
            fm.organ_line = Some(squash(t));
        }
    }
}

/// Every [`ORGANISATION`] match holds one of these.
static ORGANISATION_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Leftmost-first, so the SIMD (Teddy) searcher is used.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        // (`organisation_matches` reads the pattern indices.)
        .build(["egion ", " läns landsting", "s Stad", "s stad", " kommun"])
        .expect("valid patterns")
});

/// `ORGANISATION.find_iter(text)`, run only on the lines that hold one of
/// [`ORGANISATION_WORDS`]. A match never spans a line (no newline in the
/// pattern but the one its trailing class may take), so the matches are
/// the same as over the whole text; the regex has no look-behind, so
/// starting at a line start changes nothing. Yields each match's start in
/// `text` and its text.
fn organisation_matches(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut line_end = 0;
    ORGANISATION_WORDS
        .find_iter(text)
        .filter_map(move |w| {
            if w.start() < line_end {
                return None; // that line is done
            }
            // After "s Stad", "s stad" or " kommun" a match has an optional
            // "s", then no letter: "kommunstyrelsen" cannot be one. (Only
            // "egion " can hide another word by overlapping it, and it is
            // never skipped.)
            if w.pattern().as_usize() >= 2 {
                let rest = &text[w.end()..];
                let rest = rest.strip_prefix('s').unwrap_or(rest);
                if rest.starts_with(|c: char| c.is_ascii_alphabetic() || "åäöÅÄÖé".contains(c))
                {
                    return None;
                }
            }
            let start = memchr::memrchr(b'\n', &bytes[..w.start()]).map_or(0, |p| p + 1);
            // The line with its newline, which the trailing class may take.
            line_end =
                memchr::memchr(b'\n', &bytes[w.end()..]).map_or(text.len(), |p| w.end() + p + 1);
            Some((start, line_end))
        })
        .flat_map(move |(start, end)| {
            // `$` is the end of the text only: a line that does not end the
            // text ends in its newline here, as in the whole text.
            ORGANISATION
                .find_iter(&text[start..end])
                .map(move |m| (start + m.start(), m.as_str()))
        })
}

/// The most frequent organisation named in the text ("Region Örebro län").
pub(crate) fn organisation_from_text(text: &str) -> Option<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (pos, (at, m)) in organisation_matches(text).enumerate() {
        let name = m.trim_end_matches(|c: char| !c.is_alphabetic());
        // "Business Region Göteborg AB" is a company, not the organisation.
        if text[at + name.len()..].starts_with(" AB") {
            continue;
        }
        // The genitive ("Göteborgs Stads budget", "Örebro läns") is the same name.
        let name = name
            .strip_suffix("läns")
            .map(|n| format!("{n}län"))
            .or_else(|| {
                ["Stads", "stads", "kommuns"]
                    .iter()
                    .find(|g| name.ends_with(*g))
                    .map(|_| name[..name.len() - 1].to_string())
            })
            .unwrap_or_else(|| name.to_string());
        let org = capitalise(&squash(&name));
        // "Region X" and "region X" are the same; keep the first position for ties.
        let e = counts.entry(org).or_insert((0, pos));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(k, _)| k)
}

/// The organ named as subject of "X beslutar" / "X föreslår" most often.
pub(crate) fn organ_from_decisions(text: &str) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in ORGAN_SUBJECT.captures_iter(text) {
        *counts.entry(m["organ"].to_string()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

/// A date in a file name (`…_2023-12-05.txt`).
pub(crate) fn date_from_name(name: &str) -> Option<String> {
    ISO_DATE.find(name).map(|m| m.as_str().to_string())
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
    pub paragraph_numbers: (u32, u32),
}

pub(crate) fn assemble(fm: FrontMatter, inp: &MeetingInputs<'_>) -> Meeting {
    let FrontMatter {
        meeting: mut m,
        organ_line,
    } = fm;
    m.source = inp.source.to_string();
    m.organisation = inp
        .config_organisation
        .map(str::to_string)
        .or_else(|| organisation_from_text(inp.text));
    m.organ = inp
        .config_organ
        .map(str::to_string)
        .or(m.organ)
        .or_else(|| inp.header.organ.clone())
        .or(organ_line)
        .or_else(|| organ_from_decisions(inp.text));
    m.date = m
        .date
        .or_else(|| inp.header.date.clone())
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
    fn people() {
        let p = parse_person("Andreas Svahn (S) (ordförande)").unwrap();
        assert_eq!(
            (p.name.as_str(), p.party.as_deref(), p.role.as_deref()),
            ("Andreas Svahn", Some("S"), Some("ordförande"))
        );
        let p = parse_person("Christina Nordenö (S) för Anna Strandh Proos (M)").unwrap();
        assert_eq!(p.replacing.as_deref(), Some("Anna Strandh Proos"));
        let p = parse_person("Lena Holm (S) tjänstgörande ersättare för Ali Yilmaz (S)").unwrap();
        assert_eq!(
            (p.role.as_deref(), p.replacing.as_deref()),
            (Some("tjänstgörande ersättare"), Some("Ali Yilmaz"))
        );
        let p = parse_person("Kristina Berglund, sekreterare").unwrap();
        assert_eq!(p.role.as_deref(), Some("sekreterare"));
        let p = parse_person("Ann Christin Hamrén sekreterare").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_deref()),
            ("Ann Christin Hamrén", Some("sekreterare"))
        );
        let p = parse_person("Ordföranden Jonas Attenius (S)").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_deref()),
            ("Jonas Attenius", Some("ordförande"))
        );
        let p = parse_person("Karolina Strid, chef Staben Hälso- och sjukvård §§76-78").unwrap();
        assert_eq!(p.role.as_deref(), Some("chef Staben Hälso- och sjukvård"));
        assert!(
            parse_person("Inför sammanträdet lämnas följande informationer (se bilaga A-B):")
                .is_none()
        );
        assert!(parse_person("Patientsäkerhetsberättelse 2024").is_none());
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

    #[test]
    fn organisation_counts_genitives_and_not_companies() {
        // Regression: Göteborg protocols that name "Göteborgs Stads budget"
        // often and "Business Region Göteborg AB" twice came out as
        // organisation "Region Göteborg".
        let t = "Göteborgs Stad\nGöteborgs Stads budget, Göteborgs Stads bolag\nBusiness Region Göteborg AB\nBusiness Region Göteborg AB\nGöteborgs kommun";
        assert_eq!(organisation_from_text(t).as_deref(), Some("Göteborgs Stad"));
        assert_eq!(
            organisation_from_text("Region Örebro läns krav, Region Örebro län").as_deref(),
            Some("Region Örebro län")
        );
    }

    fn organisation_matches_by_regex(text: &str) -> Vec<(usize, &str)> {
        ORGANISATION
            .find_iter(text)
            .map(|m| (m.start(), m.as_str()))
            .collect()
    }

    #[test]
    fn organisation_matches_are_those_of_the_whole_text() {
        for t in [
            "Göteborgs Stad\nGöteborgs Stads budget, Göteborgs Stadsledningskontoret",
            "Sundsvalls kommun\nSundsvalls kommunstyrelse, Sundsvalls kommuns.",
            "Region Västra Götaland läns\nRegion Örebro län",
            "Business Region Göteborg AB\nregion Skåne",
            "Jämtlands läns landsting",
            "Göteborgs Stad",
            "Sundsvalls kommunü Sundsvalls kommun",
        ] {
            let got: Vec<_> = organisation_matches(t).collect();
            assert_eq!(got, organisation_matches_by_regex(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn organisation_matches_are_those_of_the_whole_text_on_any_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Region ", "region ", "Göteborgs", "Stad", "stad", "s", " kommun",
                    "kommunstyrelsen", " läns landsting", " län", "\n", ",", " ",
                    "Örebro", " AB", "ü", "Ås", "x",
                ]),
                0..24,
            )
        ) {
            let t: String = words.concat();
            let got: Vec<_> = organisation_matches(&t).collect();
            proptest::prop_assert_eq!(got, organisation_matches_by_regex(&t));
        }
    }

    #[test]
    fn organisation_by_frequency() {
        let t = "Region Västernorrland har ... inom region Västernorrland ... Region Sörmland";
        assert_eq!(
            organisation_from_text(t).as_deref(),
            Some("Region Västernorrland")
        );
    }
}
