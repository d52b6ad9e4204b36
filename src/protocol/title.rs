//! A paragraph's title: the text on its heading line and the lines after
//! it, joined across wraps (and page breaks) until running text, a field
//! line or "Beslut"; and a case number that stands beside or inside the
//! title (a column right of it, a line of its own, "… (Dnr KS 2023/124)").

use super::case_number::{case_label, case_number_alone, case_number_labelled, split_case};
use super::clean::Line;
use super::heading::is_heading;
use super::layout::{Layout, Place, column_gap};
use super::section_heading::section_heading;
use super::segment::Heading;
use super::text::{eq_fold, fold, squash_joined, starts_with_fold};
use rustc_hash::FxHashMap as HashMap;

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
    super::sections::is_field_start(t)
        && (case_label(t).is_some()
            || starts_with_fold(t, "ärendeansvarig")
            || starts_with_fold(t, "handläggare"))
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

/// The index of the line after the blank lines from `i` (at most two),
/// for a title line that wants more: the next line is then judged as any
/// other, unless it is an "att" clause or running text.
fn wrapped_after_blank(lines: &[Line<'_>], i: usize, end: usize) -> Option<usize> {
    let j = (i..end.min(i + 3)).find(|&j| !lines[j].is_blank())?;
    let t = lines[j].text;
    (!t.starts_with("att ") && !body_like(t)).then_some(j)
}

/// True if line `i` ends a title: "Beslut" or a field line.
fn title_ends_at(lines: &[Line<'_>], i: usize, end: usize) -> bool {
    i < end && {
        let t = lines[i].text;
        is_field(t) || section_heading(t).is_some_and(|s| eq_fold(s, "beslut"))
    }
}

/// Lines of earlier § numbers ("Au § 84") read past under a heading before
/// its title.
const MAX_HISTORY_LINES: usize = 4;

/// A paragraph's title as [`title`] reads it.
#[derive(Debug)]
pub(crate) struct Title {
    /// The title text.
    pub text: String,
    /// The index of the first line after the title.
    pub next: usize,
    /// A case number on a line of its own between the heading and the title
    /// (`§ 13` / `KS 2023/123` / `Title`), alone or after a label.
    pub case_number: Option<String>,
}

pub(crate) fn title(
    lines: &[Line<'_>],
    h: &Heading,
    end: usize,
    toc: &HashMap<u32, String>,
    layout: &Layout,
    organs: bool,
) -> Title {
    let mut case_number = None;
    let mut parts: Vec<&str> = Vec::new();
    // Heading-shaped lines skipped before the title (see below).
    let mut refs = 0;
    if let Some(rest) = h.rest.as_deref() {
        let kept = column_case(rest, h, layout, &mut case_number);
        // An earlier § number beside the heading ("Sn § 50   Au § 84") is
        // no title.
        if is_heading(kept.trim(), true) {
            refs += 1;
        } else {
            parts.push(kept);
        }
    }
    let mut i = h.idx + 1;
    while i < end && parts.len() < 6 {
        let t = lines[i].text;
        // A line that is a case number and nothing else is no title: it
        // ends one, or before one is the paragraph's case number. Where the
        // heading gave the case number, such a line is left to the title.
        if h.case_number.is_none()
            && let Some(case) = layout.case_at(Place::OwnLine, t)
        {
            if !parts.is_empty() || case_number.is_some() {
                break;
            }
            case_number = Some(case.to_string());
            i += 1;
            continue;
        }
        if t.is_empty() {
            if !parts.is_empty() {
                // Blank lines around a page break (its furniture removed) do not
                // end a title that runs on to the next page: one whose last line
                // wants more, or whose next line is the last before "Beslut" or a
                // field. The next line is then judged as any other.
                // Nor does a blank line (a title set in a larger font) after a
                // title line that wants more ("… platser för" / "" / "elbilar i …").
                let more = parts.last().is_some_and(|p| wants_more(p));
                match after_page_break(lines, i, end)
                    .filter(|&n| more || title_ends_at(lines, n + 1, end))
                    .or_else(|| more.then(|| wrapped_after_blank(lines, i, end)).flatten())
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
        if parts.is_empty()
            && case_number.is_none()
            && super::sections::is_field_start(t)
            && let Some(value) = case_label(t)
        {
            // A labelled case number between the heading and the title
            // (`§ 13` / `Dnr KS 2023/123` / `Title`).
            if let (Some(case), _) = split_case(value.unwrap_or("").trim(), true) {
                case_number = Some(case);
                i += 1;
                continue;
            }
        }
        if parts.is_empty() && refs < MAX_HISTORY_LINES && is_heading(t, organs) {
            // The § numbers the matter had before, in other bodies or
            // meetings, listed under the heading ("Sn § 50" / "Au § 84" /
            // "Sn § 34   Dnr 2016/112" / title): not headings of this
            // document (the chain did not take them), so no end of the
            // title; a labelled case number beside one is the §'s.
            refs += 1;
            column_case(t, h, layout, &mut case_number);
            i += 1;
            continue;
        }
        if is_field(t) || (is_heading(t, organs) && !continues) {
            break;
        }
        if continues {
            if section_heading(t).is_some_and(|s| eq_fold(s, "beslut")) {
                break;
            }
        } else if let Some(s) = section_heading(t) {
            // A title may itself be a section word ("Anföranden", "Information"),
            // but never "Beslut".
            if !parts.is_empty() || eq_fold(s, "beslut") {
                break;
            }
        } else if !parts.is_empty() && body_like(t) {
            break;
        }
        parts.push(column_case(t, h, layout, &mut case_number));
        i += 1;
    }
    let mut title = squash_joined(&parts);
    if let Some(t) = toc.get(&h.number) {
        let (ft, fo) = (fold(t), fold(&title));
        if title.is_empty() || (ft.len() > fo.len() && ft.starts_with(&fo)) {
            title = t.clone();
        }
    }
    if let Some((end, case, labelled)) = trailing_case(&title)
        && (labelled || h.case_number.is_none())
    {
        case_number.get_or_insert(case);
        title.truncate(end);
    }
    Title {
        text: title,
        next: i,
        case_number,
    }
}

/// `t`, a title line, without a case number in a column of its own right
/// of it ("Budget 2025      KS 2024/12": two or more spaces or a tab
/// before it, as text extraction renders a column), which goes to
/// `case_number` unless the heading gave one.
fn column_case<'t>(
    t: &'t str,
    h: &Heading,
    layout: &Layout,
    case_number: &mut Option<String>,
) -> &'t str {
    if h.case_number.is_some() || case_number.is_some() {
        return t;
    }
    let Some(at) = column_gap(t) else {
        return t;
    };
    let title = t[..at].trim_end();
    if title.is_empty() {
        return t;
    }
    // A case number in the shape the document's case numbers have there,
    // or any after its label ("…      Dnr 31/16").
    let right = &t[at..];
    let case = layout.case_at(Place::Column, right).or_else(|| {
        super::sections::is_field_start(right)
            .then(|| case_label(right))
            .flatten()
            .flatten()
            .and_then(case_number_labelled)
    });
    match case {
        Some(case) => {
            *case_number = Some(case.to_string());
            title
        }
        None => t,
    }
}

/// A case number that ends a title: after a label ("Avgifter för
/// båtplatser, Dnr KS 2023/124", "… (Dnr 2023/125)"), or alone in
/// parentheses ("… (KS 2023/126)"). Returns where the title ends without
/// it, the case number, and whether it had a label.
fn trailing_case(title: &str) -> Option<(usize, String, bool)> {
    let t = title.trim_end();
    let (inner, open) = match t.strip_suffix(')') {
        Some(inner) => {
            let open = inner.rfind('(')?;
            (&inner[open + 1..], Some(open))
        }
        None => (t, None),
    };
    // Every case number ends in a digit: most titles end otherwise.
    if !inner.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let base = inner.as_ptr() as usize - t.as_ptr() as usize;
    // Labels start with d or ä, at a word start; the last one wins.
    let label = inner
        .char_indices()
        .rev()
        .filter(|&(i, c)| {
            matches!(c, 'd' | 'D' | 'ä' | 'Ä')
                && (i == 0 || inner[..i].ends_with([' ', '(', ',']))
                && super::sections::is_field_start(&inner[i..])
        })
        .find_map(|(i, _)| {
            let value = case_label(&inner[i..])??;
            let case = case_number_labelled(value.trim())?;
            Some((i, case))
        });
    let (cut, case, labelled) = match (label, open) {
        (Some((i, case)), _) => (open.unwrap_or(base + i), case, true),
        (None, Some(open)) => (open, case_number_alone(inner.trim())?, false),
        (None, None) => return None,
    };
    let end = t[..cut].trim_end_matches([' ', ',', ';', '-', '–']).len();
    (end > 0).then(|| (end, case.to_string(), labelled))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::clean::test_lines as lines;
    use crate::protocol::segment::{Headings, find_headings};

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
        let Headings { chain: h, toc, .. } = find_headings(&lines, true);
        let t = title(&lines, &h[0], lines.len(), &toc, &Layout::default(), true).text;
        assert_eq!(
            t,
            "Retroaktiv utbetalning av arvoden för förtroendevalda för år 2024"
        );
        // Without a page break a blank line ends a title that does not
        // want more.
        let mut same_page = lines;
        same_page[2].text = "Retroaktiv utbetalning av arvoden";
        same_page[4].no = 5;
        same_page[5].no = 6;
        same_page[6].no = 7;
        let t = title(
            &same_page,
            &h[0],
            lines.len(),
            &toc,
            &Layout::default(),
            true,
        )
        .text;
        assert_eq!(t, "Retroaktiv utbetalning av arvoden");
        // A complete title followed by body text on the next page ends at the break.
        let mut body = lines;
        body[2].text = "Bestämmande av tid för justering";
        body[5].text = "Förste vice ordföranden Håkan Eriksson (V), andre vice";
        body[6].text = "ordföranden";
        let t = title(&body, &h[0], lines.len(), &toc, &Layout::default(), true).text;
        assert_eq!(t, "Bestämmande av tid för justering");
    }

    #[test]
    fn a_title_wrapped_over_a_blank_line_is_whole() {
        // A title in a larger font is extracted with a blank line between
        // its lines; it is cut only where the line before is complete.
        let text = "§ 18 2025.052 MHN\n\nSvar på motion om att utreda fler laddplatser för\n\nelbilar i kommunens tätorter\nÄrendebeskrivning\n§ 19 2025.053 MHN\n\nMeddelanden\n\nnämnden har fått följande\n";
        let l = lines(text);
        let found = find_headings(&l, true);
        let t = |k: usize| {
            let end = found.chain.get(k + 1).map_or(l.len(), |h| h.idx);
            title(&l, &found.chain[k], end, &found.toc, &found.layout, true).text
        };
        assert_eq!(
            t(0),
            "Svar på motion om att utreda fler laddplatser för elbilar i kommunens tätorter"
        );
        assert_eq!(t(1), "Meddelanden");
    }

    #[test]
    fn title_on_following_lines_stops_at_running_text() {
        let text = "§ 3 Ärendenummer SLK-2023-00027:58\nAnmälan av länsstyrelsens beslut att utse Sophia Nilsson\n(MP) till ny ersättare i kommunfullmäktige i stället för\nAndreas Hernbo (MP)\nLänsstyrelsen har den 2 januari 2024 beslutat att utse Sophia Nilsson (MP) till ny\n";
        let l = lines(text);
        let h = find_headings(&l, true).chain;
        let Title { text: t, next, .. } = title(
            &l,
            &h[0],
            l.len(),
            &HashMap::default(),
            &Layout::default(),
            true,
        );
        assert_eq!(
            t,
            "Anmälan av länsstyrelsens beslut att utse Sophia Nilsson (MP) till ny ersättare i kommunfullmäktige i stället för Andreas Hernbo (MP)"
        );
        assert_eq!(next, 4);
        assert_eq!(h[0].case_number.as_deref(), Some("SLK-2023-00027:58"));
    }
}
