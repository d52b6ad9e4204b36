//! § segmentation: which `§ N` lines are paragraph headings, and each
//! paragraph's title.
//!
//! A line starting with `§` is only a candidate. Cross-references
//! ("§ 372, punkt 17 och 18", "§ 21 i kommunfullmäktiges arbetsordning") are
//! told apart by what follows the number, by the numbering order of the whole
//! document (the best increasing chain of numbers wins), and a
//! table of contents (a run of `§76 Title` lines whose numbers recur later)
//! is read for titles instead of taken as paragraphs.

use super::clean::Line;
use super::patterns::{CASE_LABEL, CASE_NUMBER_ALONE, HEADING, fold, section_heading, squash};
use std::collections::HashMap;

/// An accepted § heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    /// Index into the cleaned lines.
    pub idx: usize,
    /// The § number.
    pub number: u32,
    /// The case number given on the heading line, if any.
    pub case_number: Option<String>,
    /// Title text on the heading line itself, if any.
    pub rest: Option<String>,
}

#[derive(Debug, Clone)]
struct Candidate {
    heading: Heading,
    weight: f32,
    /// True if the heading line carries a title (`§76 Protokollsjustering`).
    titled: bool,
}

/// Splits a heading remainder into (case number, title remainder). `None` if
/// the remainder shows the line is a cross-reference or list item.
fn classify_rest(rest: &str) -> Option<(Option<String>, Option<String>, f32)> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Some((None, None, 1.5));
    }
    if let Some(c) = CASE_LABEL.captures(rest) {
        let value = c.name("value").map_or("", |m| m.as_str()).trim();
        let (case, title) = split_case(value);
        // A lone token after the label that is no case number we know
        // ("Ärendenummer SLK:16342") is a damaged case number, not a title.
        let title = title.filter(|t| case.is_some() || t.contains(' '));
        return Some((case, title, 3.0));
    }
    let (case, title) = split_case(rest);
    if case.is_some() {
        return Some((case, title, 3.0));
    }
    let first = rest.chars().next()?;
    if first.is_uppercase() || first == '"' || first == '”' || first == '«' {
        Some((None, Some(rest.to_string()), 2.0))
    } else {
        None
    }
}

/// Reads a leading case number off `s`: (case, what follows it).
fn split_case(s: &str) -> (Option<String>, Option<String>) {
    if s.is_empty() {
        return (None, None);
    }
    // Try the longest prefix of up to three whitespace-separated tokens ("KS 2023/12").
    let tokens: Vec<&str> = s.split_whitespace().collect();
    for n in (1..=tokens.len().min(2)).rev() {
        let prefix = tokens[..n].join(" ");
        if let Some(c) = CASE_NUMBER_ALONE.captures(&prefix) {
            let rest = squash(&tokens[n..].join(" "));
            return (
                Some(c["case"].to_string()),
                (!rest.is_empty()).then_some(rest),
            );
        }
    }
    (None, Some(s.to_string()))
}

fn candidate(line: &Line<'_>, idx: usize) -> Option<Candidate> {
    if !line.text.starts_with('§') {
        return None;
    }
    let c = HEADING.captures(line.text)?;
    let number: u32 = c["n"].parse().ok()?;
    let rest = c.name("rest").map_or("", |m| m.as_str());
    let (case_number, rest, weight) = classify_rest(rest)?;
    let titled = rest.is_some();
    Some(Candidate {
        heading: Heading {
            idx,
            number,
            case_number,
            rest,
        },
        weight,
        titled,
    })
}

/// Finds the paragraph headings and the table-of-contents titles.
pub(crate) fn find_headings(lines: &[Line<'_>]) -> (Vec<Heading>, HashMap<u32, String>) {
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(mut c) = candidate(l, i) {
            // A bare "§ 150" must be followed by something that can start a title.
            if c.heading.rest.is_none() && c.heading.case_number.is_none() {
                match next_text(lines, i + 1) {
                    Some(n) if n.chars().next().is_some_and(char::is_uppercase) => {}
                    _ => continue,
                }
                if c.weight < 2.0 {
                    c.weight = 1.5;
                }
            }
            cands.push(c);
        }
    }
    let toc = take_table_of_contents(lines, &mut cands);
    (best_chain(&cands), toc)
}

fn next_text<'a>(lines: &[Line<'a>], from: usize) -> Option<&'a str> {
    lines[from.min(lines.len())..]
        .iter()
        .find(|l| !l.is_blank())
        .map(|l| l.text)
}

/// Removes table-of-contents runs from `cands` and returns their titles.
/// A run is two or more titled candidates with only blank lines between them,
/// whose numbers appear again later in the document.
fn take_table_of_contents(lines: &[Line<'_>], cands: &mut Vec<Candidate>) -> HashMap<u32, String> {
    let mut toc = HashMap::new();
    let mut remove = vec![false; cands.len()];
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        while j + 1 < cands.len()
            && cands[j].titled
            && cands[j + 1].titled
            && cands[j + 1].heading.number > cands[j].heading.number
            && lines[cands[j].heading.idx + 1..cands[j + 1].heading.idx]
                .iter()
                .all(Line::is_blank)
        {
            j += 1;
        }
        if j > i {
            let run = &cands[i..=j];
            let later: Vec<u32> = cands[j + 1..].iter().map(|c| c.heading.number).collect();
            let recurring = run
                .iter()
                .filter(|c| later.contains(&c.heading.number))
                .count();
            if recurring * 2 >= run.len() {
                for (k, c) in run.iter().enumerate() {
                    if let Some(t) = &c.heading.rest {
                        toc.insert(c.heading.number, squash(t));
                    }
                    remove[i + k] = true;
                }
            }
        }
        i = j + 1;
    }
    let mut k = 0;
    cands.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
    toc
}

/// The chain of candidates with strictly increasing numbers and the best score:
/// each heading adds its weight; a gap in the numbering costs a little, so a
/// consecutive run beats scattered cross-references.
fn best_chain(cands: &[Candidate]) -> Vec<Heading> {
    if cands.is_empty() {
        return Vec::new();
    }
    let mut score = vec![0f32; cands.len()];
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    for j in 0..cands.len() {
        score[j] = cands[j].weight;
        for i in 0..j {
            let (a, b) = (cands[i].heading.number, cands[j].heading.number);
            if a >= b {
                continue;
            }
            let gap = (b - a - 1) as f32;
            let s = score[i] + cands[j].weight - (gap * 0.5).min(3.0);
            if s > score[j] {
                score[j] = s;
                prev[j] = Some(i);
            }
        }
    }
    let mut best = 0;
    for j in 1..cands.len() {
        if score[j] > score[best] {
            best = j;
        }
    }
    let mut chain = vec![cands[best].heading.clone()];
    let mut at = best;
    while let Some(p) = prev[at] {
        chain.push(cands[p].heading.clone());
        at = p;
    }
    chain.reverse();
    chain
}

/// A line that cannot be part of a title: it reads as running text.
fn body_like(t: &str) -> bool {
    let n = t.chars().count();
    if n > 70 {
        return true;
    }
    let f = t.trim_end();
    if f.ends_with(':') || f.starts_with('•') {
        return true;
    }
    // "- Den mål- och …" is a bullet; "- nu fråga om …" continues a title.
    if let Some(rest) = f.strip_prefix("- ") {
        return rest.chars().next().is_some_and(char::is_uppercase);
    }
    if f.ends_with('.') {
        let abbreviations = ["m.m.", "m.fl.", "bl.a.", "etc.", "o.d.", "t.o.m."];
        return !abbreviations.iter().any(|a| f.ends_with(a));
    }
    false
}

/// True if a title line ends where the title cannot: on a comma, a dash or a
/// word that needs a continuation ("… budget och", "… SFI/GRUND och dess").
fn wants_more(t: &str) -> bool {
    const CONNECTIVES: &[&str] = &[
        "och",
        "samt",
        "eller",
        "av",
        "för",
        "till",
        "i",
        "om",
        "med",
        "på",
        "från",
        "angående",
        "gällande",
        "avseende",
        "dess",
        "att",
        "inom",
        "vid",
        "under",
        "mot",
        "efter",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "som",
        "hos",
        "över",
        "respektive",
        "mellan",
        "utan",
        "enligt",
    ];
    let t = t.trim_end();
    t.ends_with([',', '-', '–'])
        || t.rsplit(' ')
            .next()
            .is_some_and(|w| CONNECTIVES.contains(&w))
}

fn is_field(t: &str) -> bool {
    CASE_LABEL.is_match(t) || {
        let f = fold(t);
        f.starts_with("ärendeansvarig") || f.starts_with("handläggare")
    }
}

/// The title of the paragraph whose heading is `h`, and the index of the first
/// line after the title. `end` is the index of the next heading.
/// If the blank lines from `i` on surround a page break (removed lines show
/// as a jump in line numbers, a form feed as a repeated number), the index of
/// the first text line after them.
fn after_page_break(lines: &[Line<'_>], i: usize, end: usize) -> Option<usize> {
    let mut j = i;
    while j < end && lines[j].is_blank() {
        j += 1;
    }
    let run = lines.get(i.checked_sub(1)?..=j)?;
    (j < end && run.windows(2).any(|w| w[1].no != w[0].no + 1)).then_some(j)
}

/// True if line `i` ends a title: "Beslut" or a field line.
fn title_ends_at(lines: &[Line<'_>], i: usize, end: usize) -> bool {
    i < end && {
        let t = lines[i].text;
        is_field(t) || section_heading(t).is_some_and(|s| fold(s) == "beslut")
    }
}

pub(crate) fn title(
    lines: &[Line<'_>],
    h: &Heading,
    end: usize,
    toc: &HashMap<u32, String>,
) -> (String, usize) {
    let mut parts: Vec<&str> = h.rest.as_deref().into_iter().collect();
    let mut i = h.idx + 1;
    while i < end && parts.len() < 6 {
        let t = lines[i].text;
        if t.is_empty() {
            if !parts.is_empty() {
                // Blank lines around a page break (its furniture removed) do not
                // end a title that runs on to the next page: one whose last line
                // wants more, or whose next line is the last before "Beslut" or a
                // field. The next line is then judged as any other.
                let more = parts.last().is_some_and(|p| wants_more(p));
                match after_page_break(lines, i, end)
                    .filter(|&n| more || title_ends_at(lines, n + 1, end))
                {
                    Some(next) => {
                        i = next;
                        continue;
                    }
                    None => break,
                }
            }
            i += 1;
            continue;
        }
        let continues = parts.last().is_some_and(|p| wants_more(p));
        if is_field(t) || (HEADING.is_match(t) && !continues) {
            break;
        }
        if continues {
            if section_heading(t).is_some_and(|s| fold(s) == "beslut") {
                break;
            }
        } else if let Some(s) = section_heading(t) {
            // A title may itself be a section word ("Anföranden", "Information"),
            // but never "Beslut".
            if !parts.is_empty() || fold(s) == "beslut" {
                break;
            }
        } else if !parts.is_empty() && body_like(t) {
            break;
        }
        parts.push(t);
        i += 1;
    }
    let mut title = squash(&parts.join(" "));
    if let Some(t) = toc.get(&h.number) {
        let (ft, fo) = (fold(t), fold(&title));
        if title.is_empty() || (ft.len() > fo.len() && ft.starts_with(&fo)) {
            title = t.clone();
        }
    }
    (title, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::clean::test_lines as lines;

    #[test]
    fn cross_references_are_not_headings() {
        let text = "§ 1 Ärendenummer SLK-2024-00001\nVal av justerare\nBeslut\nSe beslut den 2 maj,\n§ 372, punkt 17 och 18\n§ 21 i kommunfullmäktiges arbetsordning.\n§ 2 Ärendenummer SLK-2024-00002\nAnmälan av jäv\n";
        let l = lines(text);
        let (h, _) = find_headings(&l);
        let nums: Vec<u32> = h.iter().map(|h| h.number).collect();
        assert_eq!(nums, vec![1, 2]);
        assert_eq!(h[0].case_number.as_deref(), Some("SLK-2024-00001"));
    }

    #[test]
    fn a_title_runs_on_across_a_page_break() {
        // Line numbers jump where the page furniture was removed.
        let l = |text, no| Line { text, no };
        let lines = [
            l("§ 10 Ärendenummer SLK-2023-00050", 1),
            l("", 2),
            l("Retroaktiv utbetalning av arvoden för", 3),
            l("", 4),
            l("", 8),
            l("förtroendevalda för år 2024", 9),
            l("Beslut", 10),
        ];
        let (h, toc) = find_headings(&lines);
        let (t, _) = title(&lines, &h[0], lines.len(), &toc);
        assert_eq!(
            t,
            "Retroaktiv utbetalning av arvoden för förtroendevalda för år 2024"
        );
        // Without a page break the blank line ends the title.
        let mut same_page = lines;
        same_page[4].no = 5;
        same_page[5].no = 6;
        same_page[6].no = 7;
        let (t, _) = title(&same_page, &h[0], lines.len(), &toc);
        assert_eq!(t, "Retroaktiv utbetalning av arvoden för");
        // A complete title followed by body text on the next page ends at the break.
        let mut body = lines;
        body[2].text = "Bestämmande av tid för justering";
        body[5].text = "Förste vice ordföranden Håkan Eriksson (V), andre vice";
        body[6].text = "ordföranden";
        let (t, _) = title(&body, &h[0], lines.len(), &toc);
        assert_eq!(t, "Bestämmande av tid för justering");
    }

    #[test]
    fn table_of_contents_is_read_for_titles() {
        let text = "Innehållsförteckning\n§76 Protokollsjustering\n§77 Revidering av boken för\n\n§ 76 Protokollsjustering\n\nBeslut\n§ 77 Revidering av boken\nför\nDiarienummer: 1\n";
        let l = lines(text);
        let (h, toc) = find_headings(&l);
        assert_eq!(h.iter().map(|h| h.idx).collect::<Vec<_>>(), vec![4, 7]);
        assert_eq!(toc[&77], "Revidering av boken för");
        let (t, _) = title(&l, &h[1], l.len(), &toc);
        assert_eq!(t, "Revidering av boken för");
    }

    #[test]
    fn numbering_order_beats_a_stray_number() {
        let text = "§ 5 Första\ntext\n§ 150\nOrdet\n§ 6 Andra\ntext\n§ 7 Tredje\n";
        let l = lines(text);
        let (h, _) = find_headings(&l);
        assert_eq!(
            h.iter().map(|h| h.number).collect::<Vec<_>>(),
            vec![5, 6, 7]
        );
    }

    #[test]
    fn title_on_following_lines_stops_at_running_text() {
        let text = "§ 3 Ärendenummer SLK-2023-00027:58\nAnmälan av länsstyrelsens beslut att utse Sophia Nilsson\n(MP) till ny ersättare i kommunfullmäktige i stället för\nAndreas Hernbo (MP)\nLänsstyrelsen har den 2 januari 2024 beslutat att utse Sophia Nilsson (MP) till ny\n";
        let l = lines(text);
        let (h, _) = find_headings(&l);
        let (t, next) = title(&l, &h[0], l.len(), &HashMap::new());
        assert_eq!(
            t,
            "Anmälan av länsstyrelsens beslut att utse Sophia Nilsson (MP) till ny ersättare i kommunfullmäktige i stället för Andreas Hernbo (MP)"
        );
        assert_eq!(next, 4);
        assert_eq!(h[0].case_number.as_deref(), Some("SLK-2023-00027:58"));
    }
}
