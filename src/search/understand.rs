//! Query understanding: what the words of a query mean before they are
//! looked up. People type questions and context around a topic:
//! "hur mycket kostar nya simhallen", "kommunstyrelsen mars 2024
//! detaljplaner", "Vänsterpartiets yrkande", "KS 2024/88". In each run of
//! bare words this finds
//! - case numbers in any spelling ("KS 2024/88", "dnr 2024/88",
//!   "KS-24-88"), normalised as `search::case` does;
//! - dates: a month, a day, a season or a span of years is the meeting
//!   date (a preference, `search::dates`); a year alone is the meeting's
//!   year or the text's;
//! - organs and organisations of the index, by a word of their name, its
//!   other forms or an abbreviation ("vårdvalsutskottet", "KS",
//!   "fullmäktige", "Örebro"): preferences;
//! - parties by name or letters ("Vänsterpartiets", "SD");
//! - question and function words ("hur", "vem", "om"): dropped;
//!
//! and leaves the rest as content words. What it understood is reported in
//! `Understanding` (the `understood` of `--json`, a line in the terminal).

use super::dates::{DateSense, DateSpan, find_dates};
use super::names::{Known, find_names};
use crate::analysis::parties::{Party, party_lettered, party_named};
use crate::analysis::{self, AnalyzedToken, TokenKind, stopwords};

/// What a content word is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sense {
    /// A word.
    Plain,
    /// A party's name ("vänsterpartiets"): its letters too.
    PartyName(&'static Party),
    /// A party's letters ("SD"): its name too.
    PartyLetters(&'static Party),
    /// A case number, normalised.
    CaseNumber(String),
    /// A year alone: the meeting's year or the text's.
    Year(u32),
    /// A prefix (`bud*`): the words it begins.
    Prefix,
    /// Several words that are a member of a synonym group ("artificiell
    /// intelligens"): the member, and the others of its group.
    Expression(
        &'static crate::analysis::synonyms::Member,
        Vec<&'static crate::analysis::synonyms::Member>,
    ),
}

/// One content word.
#[derive(Debug, Clone)]
pub(crate) struct WordSpec {
    /// As typed.
    pub typed: String,
    /// The analyzer's term (lowercase stem; a prefix lowercased).
    pub stem: String,
    /// A joined code (a case number, a hyphenated word).
    pub code: bool,
    pub sense: Sense,
}

/// A run of words understood.
#[derive(Debug, Default)]
pub(crate) struct Run {
    /// Content words.
    pub words: Vec<WordSpec>,
    /// Runs of adjacent kept words, for the phrase bonus.
    pub phrases: Vec<Vec<AnalyzedToken>>,
    /// Elided compounds completed ("kravbok"): ranked, not required.
    pub extras: Vec<String>,
    /// Meeting dates preferred.
    pub dates: Option<DateSpan>,
    /// Organs preferred (index names).
    pub organs: Vec<String>,
    /// Organisations preferred (index names).
    pub organisations: Vec<String>,
    /// Function words dropped, as typed.
    pub dropped: Vec<String>,
}

/// A word as typed with its byte range in the run.
pub(crate) struct Typed<'a> {
    pub text: &'a str,
    pub lower: String,
    pub from: usize,
    pub to: usize,
    /// Taken by a case number, a date, an organ or dropped.
    pub used: bool,
}

fn typed_words(text: &str) -> Vec<Typed<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let raw: &str = &text[s..i];
                let trimmed =
                    raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '§' && c != '*');
                if trimmed.is_empty() {
                    continue;
                }
                let from = s + raw.find(trimmed).unwrap_or(0);
                out.push(Typed {
                    text: trimmed,
                    lower: trimmed.to_lowercase(),
                    from,
                    to: from + trimmed.len(),
                    used: false,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// What a typed word can be in a case number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A whole case number: "KS-2024-00088", "slk-2023-1131", "23RS5009",
    /// "2024/88", "0901/22".
    Whole,
    /// An organ's letters: "KS", "SLK" (or "ks", "slk": up to four).
    Letters,
    /// A number of `n` digits.
    Digits(usize),
    /// "dnr", "diarienummer", "ärende".
    Label,
}

fn piece(w: &str) -> Option<Piece> {
    let n = w.chars().count();
    let letters = |s: &str| {
        let k = s.chars().count();
        !s.is_empty()
            && s.chars().all(char::is_alphabetic)
            && (k <= 4 || (k <= 6 && s.chars().all(char::is_uppercase)))
    };
    // Digit runs joined by - / . : with four digits or more, not a date
    // or a span of years.
    let numbered = |s: &str| {
        s.chars().filter(char::is_ascii_digit).count() >= 4
            && s.chars().all(|c| c.is_ascii_digit() || "-/.:".contains(c))
            && s.starts_with(|c: char| c.is_ascii_digit())
            && s.ends_with(|c: char| c.is_ascii_digit())
            && s.contains(['-', '/', '.', ':'])
            && find_dates(&[s]).is_empty()
            && !is_year_pair(s)
    };
    let lower = w.to_lowercase();
    if matches!(
        lower.trim_end_matches(['.', ':']),
        "dnr" | "diarienummer" | "ärendenummer" | "ärende" | "ärendenr"
    ) {
        return Some(Piece::Label);
    }
    if w.chars().all(|c| c.is_ascii_digit()) {
        return Some(Piece::Digits(n));
    }
    if letters(w) {
        return Some(Piece::Letters);
    }
    let head: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &w[head.len()..];
    let joined = !head.is_empty()
        && letters(&head)
        && rest.starts_with(['-', '/', '.'])
        && numbered(&rest[1..]);
    (joined || is_joined_code(w) || numbered(w)).then_some(Piece::Whole)
}

/// "2024/25", "2024-25": a year and the next, written short (a budget or
/// school year), no case number.
fn is_year_pair(s: &str) -> bool {
    let Some((a, b)) = s.split_once(['/', '-']) else {
        return false;
    };
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(y), Ok(next)) if a.len() == 4 && b.len() == 2 => (y + 1) % 100 == next,
        _ => false,
    }
}

/// "23RS5009": digits, letters, digits.
fn is_joined_code(w: &str) -> bool {
    let mut kinds = w.chars().map(|c| c.is_ascii_digit());
    let mut runs = 1;
    let Some(mut last) = kinds.next() else {
        return false;
    };
    for k in kinds {
        if k != last {
            runs += 1;
            last = k;
        }
    }
    runs >= 3 && w.chars().all(char::is_alphanumeric)
}

/// A case number's shape in typed words starting at `i`: how many words
/// it takes. "KS 2024/88", "KS-2024-00088", "dnr 2024/88", "2024/88",
/// "23RS5009", "0901/22", "SLK 2024 125", "25 RS 68".
fn case_number_at(words: &[Typed<'_>], i: usize) -> Option<usize> {
    use Piece::*;
    let pieces: Vec<Option<Piece>> = words[i..].iter().take(4).map(|w| piece(w.text)).collect();
    let year = |p: Option<Piece>| matches!(p, Some(Digits(2 | 4)));
    let number = |p: Option<Piece>| matches!(p, Some(Digits(1..=6)));
    let at = |k: usize| pieces.get(k).copied().flatten();
    let upper = |k: usize| words[i + k].text.chars().all(char::is_uppercase);
    let (start, label) = if at(0) == Some(Label) { (1, 1) } else { (0, 0) };
    let tail = match (at(start), at(start + 1), at(start + 2)) {
        (Some(Whole), _, _) => 1,
        // "SLK 2024 125": letters, a year, a number.
        (Some(Letters), y, n) if year(y) && number(n) && (label > 0 || upper(start)) => 3,
        // "KS 2024/88"
        (Some(Letters), Some(Whole), _) if label > 0 || upper(start) => 2,
        // "25 RS 68"
        (Some(Digits(2)), Some(Letters), n) if number(n) && upper(start + 1) => 3,
        _ => return None,
    };
    Some(label + tail)
}

/// Understands one run of bare words.
pub(crate) fn understand_run(text: &str, known: &Known) -> Run {
    let mut run = Run::default();
    let mut words = typed_words(text);
    let mut specs: Vec<(usize, WordSpec)> = Vec::new();

    // Case numbers.
    let mut i = 0;
    while i < words.len() {
        if let Some(n) = case_number_at(&words, i) {
            let (from, to) = (words[i].from, words[i + n - 1].to);
            let typed = &text[from..to];
            // A label is not part of the number.
            let number = if piece(words[i].text) == Some(Piece::Label) {
                &text[words[i + 1].from..to]
            } else {
                typed
            };
            let norm = super::case::normalise_case_number(number);
            specs.push((
                from,
                WordSpec {
                    typed: number.to_string(),
                    stem: number.to_lowercase(),
                    code: true,
                    sense: Sense::CaseNumber(norm),
                },
            ));
            for w in &mut words[i..i + n] {
                w.used = true;
            }
            i += n;
        } else {
            i += 1;
        }
    }

    // Dates.
    let lower: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
    let mut years = Vec::new();
    for d in find_dates(&lower) {
        if words[d.words.clone()].iter().any(|w| w.used) {
            continue;
        }
        match d.sense {
            DateSense::Meeting(span) if run.dates.is_none() => {
                run.dates = Some(span);
                for w in &mut words[d.words] {
                    w.used = true;
                }
            }
            DateSense::Meeting(_) => {}
            DateSense::Year(y) => years.push((d.words.start, y)),
        }
    }
    for (at, y) in years {
        let w = &mut words[at];
        w.used = true;
        specs.push((
            w.from,
            WordSpec {
                typed: w.text.to_string(),
                stem: w.lower.clone(),
                code: false,
                sense: Sense::Year(y),
            },
        ));
    }

    // Organs and organisations.
    find_names(&mut words, &known.organs, true, &mut run.organs);
    find_names(
        &mut words,
        &known.organisations,
        false,
        &mut run.organisations,
    );

    // Parties, prefixes and function words, word by word.
    let mut party_of: Vec<(usize, Sense)> = Vec::new();
    for k in 0..words.len() {
        if words[k].used {
            continue;
        }
        let next: Vec<&str> = words[k + 1..]
            .iter()
            .take(2)
            .map(|w| w.lower.as_str())
            .collect();
        if let Some(p) = party_lettered(words[k].text) {
            party_of.push((words[k].from, Sense::PartyLetters(p)));
        } else if let Some((p, more)) = party_named(&words[k].lower, &next) {
            party_of.push((words[k].from, Sense::PartyName(p)));
            // The rest of the name is part of the party.
            for w in &mut words[k + 1..=k + more] {
                w.used = true;
            }
        } else if let Some(prefix) = words[k].text.strip_suffix('*') {
            words[k].used = true;
            specs.push((
                words[k].from,
                WordSpec {
                    typed: words[k].text.to_string(),
                    stem: prefix.to_lowercase(),
                    code: false,
                    sense: Sense::Prefix,
                },
            ));
        }
    }
    let function: Vec<bool> = words
        .iter()
        .map(|w| !w.used && stopwords::is_function_word(&w.lower))
        .collect();
    let content_left = words.iter().zip(&function).any(|(w, &f)| !w.used && !f);
    let some_found = !specs.is_empty()
        || run.dates.is_some()
        || !run.organs.is_empty()
        || !run.organisations.is_empty();
    // A query of function words only ("vem är hon") keeps them.
    let drop_function_words = content_left || some_found;

    // The analyzer's tokens of the words left.
    let tokens = analysis::analyze(text);
    let word_at = |offset: usize| words.iter().position(|w| w.from <= offset && offset < w.to);
    let mut phrase: Vec<AnalyzedToken> = Vec::new();
    let mut last_position: Option<usize> = None;
    let mut code_positions: Vec<(usize, String)> = Vec::new();
    let flush = |phrase: &mut Vec<AnalyzedToken>, run: &mut Run| {
        // Function words at the ends of a phrase add nothing.
        while phrase
            .last()
            .is_some_and(|t| stopwords::is_function_word(&t.text))
        {
            phrase.pop();
        }
        let first = phrase
            .iter()
            .position(|t| !stopwords::is_function_word(&t.text));
        if let Some(first) = first {
            phrase.drain(..first);
            if phrase.len() > 1 {
                run.phrases.push(std::mem::take(phrase));
            }
        }
        phrase.clear();
    };
    for t in tokens {
        match t.kind {
            TokenKind::Part => continue,
            TokenKind::Expansion => {
                if word_at(t.from).is_some_and(|k| !words[k].used) {
                    run.extras.push(t.text);
                }
                continue;
            }
            TokenKind::Word | TokenKind::Code => {}
        }
        let Some(k) = word_at(t.from) else { continue };
        if t.kind == TokenKind::Code {
            code_positions.push((t.position, t.text.clone()));
        }
        // "§ 79": the number after the § code is part of it.
        if t.kind == TokenKind::Word
            && code_positions
                .iter()
                .any(|(p, c)| *p == t.position && c.strip_prefix('§') == Some(t.text.as_str()))
        {
            continue;
        }
        if words[k].used {
            flush(&mut phrase, &mut run);
            last_position = None;
            continue;
        }
        if function[k] && drop_function_words {
            if !run.dropped.iter().any(|d| d == words[k].text) {
                run.dropped.push(words[k].text.to_string());
            }
            // A function word inside a phrase ("Krav- och kvalitetsbok") keeps it.
            if last_position.is_some() {
                last_position = Some(t.position);
                phrase.push(t);
            }
            continue;
        }
        let sense = party_of
            .iter()
            .find(|(from, _)| *from == words[k].from)
            .map_or(Sense::Plain, |(_, s)| s.clone());
        if last_position.is_some_and(|p| t.position > p + 1 + phrase_gap(&phrase)) {
            flush(&mut phrase, &mut run);
        }
        last_position = Some(t.position);
        specs.push((
            t.from,
            WordSpec {
                typed: text[t.from..t.to].to_string(),
                stem: t.text.clone(),
                code: t.kind == TokenKind::Code,
                sense,
            },
        ));
        phrase.push(t);
    }
    flush(&mut phrase, &mut run);
    specs.sort_by_key(|(from, _)| *from);
    run.words = specs.into_iter().map(|(_, s)| s).collect();
    run
}

/// Positions a code's parts take after it in a phrase (none counted here:
/// parts are skipped, so a code advances the position by its parts).
fn phrase_gap(phrase: &[AnalyzedToken]) -> usize {
    phrase
        .last()
        .filter(|t| t.kind == TokenKind::Code)
        .map_or(0, |t| t.text.matches(['-', '/', ':', '.']).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::names::tests::known;

    fn typed(run: &Run) -> Vec<&str> {
        run.words.iter().map(|w| w.typed.as_str()).collect()
    }

    #[test]
    fn questions_lose_their_question_words() {
        let r = understand_run("hur mycket kostar nya simhallen", &known());
        assert_eq!(typed(&r), ["kostar", "nya", "simhallen"]);
        assert_eq!(r.dropped, ["hur", "mycket"]);
        let r = understand_run("vem beslutade om vindkraften?", &known());
        assert_eq!(typed(&r), ["beslutade", "vindkraften"]);
        // Nothing but function words: kept.
        let r = understand_run("vad är det", &known());
        assert_eq!(typed(&r), ["vad", "är", "det"]);
    }

    #[test]
    fn a_year_alone_is_a_word_of_its_own_sense() {
        let r = understand_run("budget 2025", &known());
        assert_eq!(typed(&r), ["budget", "2025"]);
        assert_eq!(r.words[1].sense, Sense::Year(2025));
        assert!(r.dates.is_none());
    }

    #[test]
    fn case_numbers_in_their_spellings() {
        for (q, norm) in [
            ("KS 2024/88", "KS-2024-88"),
            ("dnr 2024/88", "2024-88"),
            ("KS-2024-00088 beslut", "KS-2024-88"),
            ("Dnr KS 2024/88", "KS-2024-88"),
            ("23RS5009", "23-RS-5009"),
            ("ärende 0901/22", "901-22"),
            ("slk-2023-1131", "SLK-2023-1131"),
            ("SLK 2024 125", "SLK-2024-125"),
            ("25 RS 68", "25-RS-68"),
            ("diarienummer 25RS0612", "25-RS-612"),
        ] {
            let r = understand_run(q, &known());
            let cases: Vec<&Sense> = r
                .words
                .iter()
                .map(|w| &w.sense)
                .filter(|s| matches!(s, Sense::CaseNumber(_)))
                .collect();
            assert_eq!(cases, [&Sense::CaseNumber(norm.into())], "{q}");
        }
        // A date, a span of years and a plain number are none.
        for q in [
            "2024-03-05",
            "2020-2022",
            "budget 2024",
            "budget 2024/25",
            "ks 2024 12",
        ] {
            let r = understand_run(q, &known());
            assert!(
                !r.words
                    .iter()
                    .any(|w| matches!(w.sense, Sense::CaseNumber(_))),
                "{q}"
            );
        }
    }

    #[test]
    fn parties_by_name_and_letters() {
        let r = understand_run("Vänsterpartiets yrkande", &known());
        assert_eq!(typed(&r), ["Vänsterpartiets", "yrkande"]);
        assert!(matches!(r.words[0].sense, Sense::PartyName(p) if p.letters == "V"));
        let r = understand_run("SD reservation", &known());
        assert!(matches!(r.words[0].sense, Sense::PartyLetters(p) if p.letters == "SD"));
        let r = understand_run("Feministiskt initiativ budget", &known());
        assert_eq!(typed(&r), ["Feministiskt", "budget"]);
        assert!(r.dropped.is_empty(), "{:?}", r.dropped);
    }

    #[test]
    fn phrases_keep_function_words_inside_only() {
        let r = understand_run("Krav- och kvalitetsbok", &known());
        assert_eq!(typed(&r), ["Krav", "kvalitetsbok"]);
        assert_eq!(r.phrases.len(), 1);
        assert_eq!(r.phrases[0].len(), 3);
        assert!(r.extras.contains(&"kravbok".to_string()));
        let r = understand_run("§79 periodrapport", &known());
        assert_eq!(typed(&r), ["§79", "periodrapport"]);
    }
}
