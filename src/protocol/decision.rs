//! The decision of a paragraph: its kind, whom a proposal goes to, and its
//! clauses ("att ..." lines, or numbered points "1. ... 2. ...").

use super::model::{ClauseForm, Decision, DecisionKind, Section};
use super::section_heading::{OrganHeading, is_proposal_heading, organ_heading};
use super::text::{Needle, Occurrences, capitalise, eq_fold, fold, squash, starts_with_fold};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::LazyLock;

// Each word from its second letter on, so the lowercase needle finds it
// capitalised too, and in capitals for an intro in capitals.
static W_ESLUT: Needle = Needle::new("eslut");
static W_ORESLA: Needle = Needle::new("öreslå");
static W_ESLUT_CAPS: Needle = Needle::new("ESLUT");
static W_ORESLA_CAPS: Needle = Needle::new("ÖRESLÅ");

/// The final `(?:\W|$)` is a `\b` after the last word (whose last letter
/// is a word character): the same matches and `to`, but a Unicode `\b`
/// would keep the regex off its fast DFA on non-ASCII text.
static PROPOSED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)föreslår\s+(?:att\s+)?(?P<to>[A-Za-zÅÄÖåäöÉéÜü-]+(?:\s+[A-Za-zÅÄÖåäöÉéÜü-]+)?)\s+(?:att\s+)?(?:besluta|beslutar|fatta|anta|godkänna)(?:\W|$)")
        .expect("valid regex")
});

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d{1,2})[.)]\s+(?P<text>\S.*)$").expect("valid regex"));

/// Headings of the section that holds the decision, in order of preference.
const DECISION_HEADINGS: &[&str] = &["beslut", "förslag till beslut", "beslutsförslag"];

/// Lines that may be a decision intro: those holding "eslut" or "öreslå",
/// in lower case or capitals, found in one pass per needle over the text.
/// `lines` are slices of `text`, in order.
fn may_be_intro(text: &str, lines: &[&str]) -> Vec<bool> {
    let mut words = [
        Occurrences::new(text, &W_ESLUT),
        Occurrences::new(text, &W_ORESLA),
        Occurrences::new(text, &W_ESLUT_CAPS),
        Occurrences::new(text, &W_ORESLA_CAPS),
    ];
    let base = text.as_ptr() as usize;
    lines
        .iter()
        .map(|l| {
            let start = l.as_ptr() as usize - base;
            // Every cursor moves on, so no short cut.
            words
                .iter_mut()
                .fold(false, |a, w| w.within(start, start + l.len()) | a)
        })
        .collect()
}

/// The organ an organ's proposal heading sends it to ("Kommunstyrelsens
/// förslag till kommunfullmäktige" → "Kommunfullmäktige"); none for a
/// proposal "till beslut" or one that names no organ.
fn proposed_to_in_heading(h: &str) -> Option<String> {
    if !is_proposal_heading(h) {
        return None;
    }
    let f = fold(h);
    let at = f.rfind(" förslag till ")?;
    let to = f[at + " förslag till ".len()..].trim();
    (!to.is_empty() && to != "beslut").then(|| capitalise(to))
}

/// True if `t`, a line that [`may_be_intro`], introduces the decision.
fn is_intro(t: &str) -> bool {
    let f = fold(t);
    // ("beslutar" contains "besluta".)
    !f.starts_with("att ") && f.len() < 200 && (f.contains("besluta") || f.contains("föreslår"))
}

/// Reads the decision from a paragraph's sections. `title` helps tell an
/// information item.
pub(crate) fn decision(title: &str, sections: &[Section]) -> Decision {
    // In order of preference: "Beslut", an organ's decision
    // ("Kommunstyrelsens beslut"), a proposal ("Förslag till beslut",
    // "Beslutsförslag"), an organ's proposal ("Kommunstyrelsens förslag
    // till beslut"), the text before the first heading. A proposal that a
    // decision follows is not the decision.
    let headed = |d: &str| sections.iter().find(|s| eq_fold(&s.heading, d));
    let region = headed(DECISION_HEADINGS[0])
        .or_else(|| {
            sections
                .iter()
                .find(|s| organ_heading(&s.heading) == Some(OrganHeading::Decision))
        })
        .or_else(|| DECISION_HEADINGS[1..].iter().find_map(|d| headed(d)))
        .or_else(|| sections.iter().find(|s| is_proposal_heading(&s.heading)))
        .or_else(|| sections.iter().find(|s| s.heading.is_empty()));
    let Some(region) = region else {
        return Decision {
            kind: information_or_other(title, ""),
            ..Decision::default()
        };
    };
    let text = region.text.as_str();
    let lines = trimmed_lines(text);
    let may = may_be_intro(text, &lines);
    let intro_at = lines.iter().zip(&may).position(|(l, &m)| m && is_intro(l));
    // The source: an intro in the first lines ("Enligt kommunstyrelsens
    // förslag:"), or the intro line and its wraps up to a colon.
    let source_lines =
        source_at_start(&lines).or_else(|| intro_at.map(|at| (at, intro_end(&lines, at))));
    let intro_text = source_lines.map(|(from, to)| squash(&lines[from..to].join(" ")));
    let is_heading_decision = !region.heading.is_empty();
    let (form, clauses) = {
        let numbered = numbered_points(&lines);
        if !numbered.is_empty() {
            (ClauseForm::Numbered, numbered)
        } else {
            let att = att_clauses(&lines, &may);
            if !att.is_empty() {
                (ClauseForm::Att, att)
            } else if let Some((_, to)) = source_lines {
                (ClauseForm::Statement, statements(&lines[to..]))
            } else if is_heading_decision {
                (ClauseForm::Statement, statements(&lines))
            } else {
                (ClauseForm::Statement, Vec::new())
            }
        }
    };
    let source = intro_text
        .as_deref()
        .map(|i| i.trim_end_matches([':', ' ']).to_string());
    let (kind, proposed_to) = match &intro_text {
        Some(i) if fold(i).contains("föreslår") => (
            DecisionKind::Proposal,
            PROPOSED_TO
                .captures(i)
                .map(|c| capitalise(&c["to"].to_lowercase())),
        ),
        Some(_) => (DecisionKind::Decision, None),
        None if form != ClauseForm::Statement => (DecisionKind::Decision, None),
        // "Beslut / Informationen antecknas.": an information item (its
        // decision is a line or two).
        None if is_heading_decision => match text.len() < INFORMATION_DECISION_MAX {
            true if information_or_other(title, text) == DecisionKind::Information => {
                (DecisionKind::Information, None)
            }
            _ => (DecisionKind::Decision, None),
        },
        None => (information_or_other(title, text), None),
    };
    // Under an organ's proposal to another ("Kommunstyrelsens förslag till
    // kommunfullmäktige" / "Kommunfullmäktige beslutar att …") the text is
    // what the other is to decide: a proposal to it, whatever its verb.
    let (kind, proposed_to) = match (kind, proposed_to_in_heading(&region.heading)) {
        (DecisionKind::Decision, Some(to)) => (DecisionKind::Proposal, Some(to)),
        (DecisionKind::Proposal, Some(to)) => (DecisionKind::Proposal, proposed_to.or(Some(to))),
        (k, _) => (k, proposed_to),
    };
    Decision {
        kind,
        proposed_to,
        source,
        form,
        clauses,
        text: text.to_string(),
    }
}

/// Words a source printed before the decision begins with or holds
/// ("Enligt kommunstyrelsens förslag:", "På förslag av Axel Josefson (M):").
fn reads_as_source(folded: &str) -> bool {
    folded.starts_with("enligt ")
        || folded.starts_with("på förslag")
        || folded.contains("besluta")
        || folded.contains("föreslår")
        || folded.contains("tillstyrker")
}

/// The lines `(from, to)` of a source at the start of a decision: the
/// first lines up to one ending with a colon (at most three), when they
/// read as a source.
fn source_at_start(lines: &[&str]) -> Option<(usize, usize)> {
    let from = lines.iter().position(|l| !l.is_empty())?;
    let mut to = from;
    while to < lines.len() && to < from + 3 {
        let l = lines[to];
        if l.is_empty() || (starts_with_att(l) && !l.ends_with(':')) || numbered(l).is_some() {
            return None;
        }
        to += 1;
        if l.ends_with(':') {
            let f = fold(&lines[from..to].join(" "));
            return (f.len() < 300 && reads_as_source(&f)).then_some((from, to));
        }
    }
    None
}

/// The end of an intro that starts at `at`: its wrapped lines up to one
/// ending with a colon, at most three lines, never into a clause.
fn intro_end(lines: &[&str], at: usize) -> usize {
    let mut to = at + 1;
    if lines[at].ends_with(':') {
        return to;
    }
    while to < lines.len() && to < at + 3 {
        let l = lines[to];
        // "… och föreslår / att kommunfullmäktige beslutar:" wraps its intro.
        if l.is_empty() || (starts_with_att(l) && !l.ends_with(':')) || numbered(l).is_some() {
            break;
        }
        to += 1;
        if l.ends_with(':') {
            break;
        }
    }
    to
}

/// A line that continues a statement as an item under it: a bullet or a
/// lettered item ("a)", "b.").
fn is_item(l: &str) -> bool {
    if l.starts_with(['•', '-', '–', '*', '▪', '◦']) {
        return true;
    }
    let mut c = l.chars();
    matches!((c.next(), c.next()), (Some(a), Some(')' | '.')) if a.is_ascii_lowercase())
}

/// A decision printed as statements: a statement runs until a line that
/// ends a sentence, a blank line, or the end of its items (bullets or
/// lettered items); one without a letter (a stray page number) is dropped.
fn statements(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_items = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.chars().any(char::is_alphabetic) {
            out.push(squash(cur));
        }
        cur.clear();
    };
    for l in lines {
        if l.is_empty() {
            // A blank line ends a statement, unless items follow it
            // ("… utreda:" / "" / "• …").
            if !(in_items || cur.ends_with(':')) {
                flush(&mut cur, &mut out);
            }
            continue;
        }
        if !l.chars().any(char::is_alphabetic) {
            // A stray page number or rule between lines of the decision.
            continue;
        }
        let item = is_item(l);
        if in_items && !item && !l.starts_with(char::is_lowercase) {
            flush(&mut cur, &mut out);
        }
        in_items |= item;
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l);
        if l.ends_with(['.', '!', '?']) && !item {
            flush(&mut cur, &mut out);
            in_items = false;
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The longest decision text under a decision heading that may make its §
/// an information item, in bytes.
const INFORMATION_DECISION_MAX: usize = 400;

/// Words [`information_or_other`] looks for in a text, any ASCII case: a
/// folded text can hold them only where the text does.
static INFORMATION_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(["informerar", "informationen"])
        .expect("valid patterns")
});

/// `text.lines().map(str::trim)`, split with one memchr pass.
fn trimmed_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(text[start..nl].trim());
        start = nl + 1;
    }
    // `lines` gives no empty last line after a final newline.
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out
}

fn information_or_other(title: &str, text: &str) -> DecisionKind {
    // The body is folded only if it can hold the words.
    let in_text = || {
        INFORMATION_WORDS.is_match(text) && {
            let b = fold(text);
            b.contains("informerar") || b.contains("informationen antecknas")
        }
    };
    if starts_with_fold(title, "information")
        || starts_with_fold(title, "informationsärende")
        || in_text()
    {
        DecisionKind::Information
    } else {
        DecisionKind::Other
    }
}

/// `NUMBERED.captures(l)`: (n, text). Read by hand where the number is
/// ASCII: one or two digits, `.` or `)`, whitespace, then text from its
/// first non-whitespace character (`l` holds no newline); other numerals
/// go to the regex.
fn numbered(l: &str) -> Option<(&str, &str)> {
    let b = l.as_bytes();
    // `\d` is a Unicode digit; every one is `is_numeric`.
    if !b.first()?.is_ascii_digit() {
        return if l.starts_with(|c: char| c.is_numeric()) {
            NUMBERED.captures(l).map(|c| {
                let get = |g| c.name(g).map_or("", |m| m.as_str());
                (get("n"), get("text"))
            })
        } else {
            None
        };
    }
    let two = l[1..].starts_with(|c: char| !c.is_ascii() && c.is_numeric());
    if two {
        // A second, non-ASCII digit: the regex decides.
        return NUMBERED.captures(l).map(|c| {
            let get = |g| c.name(g).map_or("", |m| m.as_str());
            (get("n"), get("text"))
        });
    }
    let digits = if b.get(1).is_some_and(u8::is_ascii_digit) {
        2
    } else {
        1
    };
    if !matches!(b.get(digits), Some(b'.' | b')')) {
        return None;
    }
    let after = &l[digits + 1..];
    let text = after.trim_start();
    (text.len() < after.len() && !text.is_empty()).then(|| (&l[..digits], text))
}

/// Numbered points 1., 2., 3. … in order; a point runs until the next one.
fn numbered_points(lines: &[&str]) -> Vec<String> {
    let mut points: Vec<String> = Vec::new();
    let mut expect = 1u32;
    for l in lines {
        if let Some((n, text)) = numbered(l)
            && n.parse::<u32>().ok() == Some(expect)
        {
            points.push(text.to_string());
            expect += 1;
            continue;
        }
        if let Some(last) = points.last_mut()
            && !l.is_empty()
        {
            last.push(' ');
            last.push_str(l);
        }
    }
    if points.len() < 2 {
        return Vec::new();
    }
    points.iter().map(|p| tidy_clause(p)).collect()
}

/// Line-initial "att" clauses. A line starting with "att" opens a new clause
/// only after a blank line, a decision intro, or a line ending a clause
/// ("," ";" "." "samt" "och"); otherwise it continues the clause it follows
/// ("…, fastställa bilaga 2, Ersättning / att gälla från och med …").
fn att_clauses(lines: &[&str], may_be_intro: &[bool]) -> Vec<String> {
    let mut clauses: Vec<String> = Vec::new();
    let mut open = false; // a clause is being collected
    let mut after_blank = true;
    let mut prev_ends_clause = true;
    for (k, l) in lines.iter().enumerate() {
        if l.is_empty() {
            after_blank = true;
            continue;
        }
        let intro = may_be_intro[k] && is_intro(l);
        let starts_att = starts_with_att(l);
        if starts_att && !open && l.ends_with(':') && may_be_intro[k] {
            // The wrapped end of an intro ("… och föreslår / att
            // kommunfullmäktige beslutar:"), not a clause.
            prev_ends_clause = true;
            after_blank = false;
            continue;
        }
        if starts_att && (after_blank || prev_ends_clause || !open) {
            let body = l[3..].trim_start_matches([',', ' ', '\t']);
            clauses.push(body.to_string());
            open = true;
        } else if open && !after_blank {
            if let Some(c) = clauses.last_mut() {
                c.push(' ');
                c.push_str(l);
            }
        } else if open && intro {
            // A second intro ("Vårdvalsutskottet föreslår att regionstyrelsen beslutar").
            open = false;
        } else if open {
            // Running text after the clauses ends them.
            break;
        }
        let f = l.trim_end();
        prev_ends_clause = intro
            || f.ends_with([',', ';', '.', ':'])
            || f.ends_with(" samt")
            || f.ends_with(" och");
        after_blank = false;
    }
    clauses.iter().map(|c| tidy_clause(c)).collect()
}

fn starts_with_att(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() > 3 && (b[..3].eq_ignore_ascii_case(b"att")) && matches!(b[3], b' ' | b'\t' | b',')
}

/// Folds whitespace and drops the conjunction or comma that joins clauses.
fn tidy_clause(c: &str) -> String {
    let mut s = squash(c);
    let mut t = s.as_str();
    loop {
        let before = t.len();
        for suffix in [" samt", " och", ",", ";"] {
            if let Some(stripped) = t.strip_suffix(suffix) {
                t = stripped.trim_end();
            }
        }
        if t.len() == before {
            break;
        }
    }
    // `t` is a prefix of `s`.
    let keep = t.len();
    s.truncate(keep);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(heading: &str, text: &str) -> Section {
        Section {
            heading: heading.into(),
            text: text.into(),
        }
    }

    #[test]
    fn att_inside_a_clause_does_not_open_a_new_one() {
        let text = "Vårdvalsutskottet föreslår att regionstyrelsen beslutar föreslå att regionfullmäktige\nbeslutar\n\natt fastställa Uppdrag Primärvård 2026 att gälla från och med den 1 januari 2026.\n\nVårdvalsutskottet föreslår att regionstyrelsen beslutar\n\natt, under förutsättning av regionfullmäktiges beslut, fastställa bilaga 2, Ersättning\natt gälla från och med den 1 januari 2026.\n\natt fastställa bilaga 1 Uppföljning.";
        let d = decision("Uppdrag", &[sec("Beslut", text)]);
        assert_eq!(d.kind, DecisionKind::Proposal);
        assert_eq!(d.proposed_to.as_deref(), Some("Regionstyrelsen"));
        assert_eq!(d.clauses.len(), 3, "{:?}", d.clauses);
        assert!(d.clauses[1].starts_with("under förutsättning"));
        assert!(d.clauses[1].ends_with("att gälla från och med den 1 januari 2026."));
    }

    #[test]
    fn under_an_organs_proposal_to_another_the_decision_is_a_proposal_to_it() {
        // Regression: "Kommunstyrelsens förslag till kommunfullmäktige" /
        // "Kommunfullmäktige beslutar att …" read as the board's decision.
        let d = decision(
            "Svar på motion",
            &[sec(
                "Kommunstyrelsens förslag till kommunfullmäktige",
                "Kommunfullmäktige beslutar att anse motionen besvarad.",
            )],
        );
        assert_eq!(d.kind, DecisionKind::Proposal);
        assert_eq!(d.proposed_to.as_deref(), Some("Kommunfullmäktige"));
        // "… förslag till beslut" names no organ: the verb decides.
        let d = decision(
            "Taxa",
            &[sec(
                "Kommunstyrelsens förslag till beslut",
                "Kommunstyrelsen beslutar att anta taxan.",
            )],
        );
        assert_eq!((d.kind, d.proposed_to), (DecisionKind::Decision, None));
    }

    fn numbered_by_regex(l: &str) -> Option<(&str, &str)> {
        NUMBERED.captures(l).map(|c| {
            (
                c.name("n").unwrap().as_str(),
                c.name("text").unwrap().as_str(),
            )
        })
    }

    #[test]
    fn numbered_reading_agrees_with_the_regex() {
        for l in [
            "1. Fullmäktige",
            "12) Text",
            "123. Text",
            "1.Text",
            "1. ",
            "1.",
            "1 . x",
            "1.\u{a0}x",
            "\u{663}. x",
            "1\u{663}. x",
            "12\u{663}. x",
            "x 1. y",
            "",
        ] {
            assert_eq!(numbered(l), numbered_by_regex(l), "{l:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn numbered_reading_agrees_with_the_regex_on_any_line(
            l in "[0-9\u{663}]{0,3}[.) ]{0,2}[ \u{a0}\taÖ.0-9]{0,6}"
        ) {
            proptest::prop_assert_eq!(numbered(&l), numbered_by_regex(&l));
        }
    }

    #[test]
    fn numbered_points_are_clauses() {
        let text = "Enligt stadsledningskontorets förslag:\n1. Fullmäktige godkänner\navsägelserna.\n2. Förslagen bifalles.";
        let d = decision("Val", &[sec("Beslut", text)]);
        assert_eq!(d.kind, DecisionKind::Decision);
        assert_eq!(
            d.clauses,
            ["Fullmäktige godkänner avsägelserna.", "Förslagen bifalles."]
        );
    }

    #[test]
    fn running_text_after_clauses_ends_them() {
        let text = "Regionstyrelsens arbetsutskott beslutar\n\natt ordföranden justerar med Patrik\nNyström (SD) som ersättare.\n\nProtokollet ska vara justerat senast den 19 december 2023.";
        let d = decision("Protokollsjustering", &[sec("Beslut", text)]);
        assert_eq!(d.kind, DecisionKind::Decision);
        assert_eq!(
            d.clauses,
            ["ordföranden justerar med Patrik Nyström (SD) som ersättare."]
        );
    }

    #[test]
    fn capital_decision_intro_is_found() {
        // The intro in capitals, wrapped as the Göteborg minutes wrap it.
        let text = "KOMMUNSTYRELSEN TILLSTYRKER STADSLEDNINGSKONTORETS FÖRSLAG OCH FÖRESLÅR ATT\nKOMMUNFULLMÄKTIGE BESLUTAR:\n\natt fastställa budgeten för 2025,\natt uppdra åt nämnderna att följa den.";
        let d = decision("Budget 2025", &[sec("BESLUT", text)]);
        assert_eq!(d.kind, DecisionKind::Proposal);
        assert_eq!(d.proposed_to.as_deref(), Some("Kommunfullmäktige"));
        assert_eq!(
            d.clauses,
            [
                "fastställa budgeten för 2025",
                "uppdra åt nämnderna att följa den."
            ]
        );
        // An intro that says "FÖRESLÅR" but no form of "beslut".
        let text = "Ärendet gäller budgeten.\n\nKOMMUNSTYRELSEN FÖRESLÅR KOMMUNFULLMÄKTIGE ATT\nFASTSTÄLLA BUDGETEN FÖR 2025.";
        let d = decision("Budget 2025", &[sec("", text)]);
        assert_eq!(d.kind, DecisionKind::Proposal);
    }

    #[test]
    fn decision_under_an_organs_proposal_heading_is_found() {
        let sections = [
            sec("ÄRENDEBESKRIVNING", "Budgeten för 2025 ska fastställas."),
            sec(
                "KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT",
                "KOMMUNFULLMÄKTIGE BESLUTAR\n\nATT FASTSTÄLLA BUDGETEN.",
            ),
        ];
        let d = decision("Budget 2025", &sections);
        assert_eq!(d.kind, DecisionKind::Decision);
        assert_eq!(d.clauses, ["FASTSTÄLLA BUDGETEN."]);
        // Where the minutes also have a Beslut section, that holds the decision.
        let mut with_decision = sections.to_vec();
        with_decision.push(sec(
            "Beslut",
            "Kommunfullmäktige beslutar\n\natt återremittera ärendet.",
        ));
        let d = decision("Budget 2025", &with_decision);
        assert_eq!(d.clauses, ["återremittera ärendet."]);
    }

    #[test]
    fn a_decision_reads_the_same_in_capitals() {
        let texts = [
            "Kommunstyrelsen tillstyrker stadsledningskontorets förslag och föreslår att\nkommunfullmäktige beslutar:\n\nAtt fastställa budgeten.",
            "Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta\n\natt godkänna avtalet,\n\natt uppdra åt regiondirektören att teckna det.",
            "Ärendet gäller budgeten.\n\nKommunstyrelsen föreslår kommunfullmäktige att\nfastställa budgeten för 2025.",
            "Vårdvalsutskottet föreslår att regionstyrelsen beslutar föreslå att regionfullmäktige\nbeslutar\n\natt fastställa Uppdrag Primärvård 2026.",
            "Kommunfullmäktige beslutar\n1. Fullmäktige godkänner avsägelserna.\n2. Förslagen bifalles.",
            "Ingrid Domberg informerar om resultatet.",
        ];
        for text in texts {
            for heading in ["", "Beslut", "Förslag till beslut"] {
                let lower = decision("Ärende", &[sec(heading, text)]);
                let caps = decision(
                    "ÄRENDE",
                    &[sec(&heading.to_uppercase(), &text.to_uppercase())],
                );
                assert_eq!(caps.kind, lower.kind, "{heading:?} {text:?}");
                assert_eq!(caps.proposed_to, lower.proposed_to, "{text:?}");
                let lowered: Vec<String> = caps.clauses.iter().map(|c| c.to_lowercase()).collect();
                let want: Vec<String> = lower.clauses.iter().map(|c| c.to_lowercase()).collect();
                assert_eq!(lowered, want, "{heading:?} {text:?}");
            }
        }
    }

    #[test]
    fn information_item() {
        let d = decision(
            "Information - periodrapport november",
            &[sec("", "Ingrid Domberg informerar om resultatet.")],
        );
        assert_eq!(d.kind, DecisionKind::Information);
        assert!(d.clauses.is_empty());
    }
}
