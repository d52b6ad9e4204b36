//! Tables of contents: a list of `§ N Title` lines before the paragraphs
//! (an "Ärendelista", "Innehållsförteckning"), or a list of the § a
//! paragraph refers to. Its lines look like headings; they are read for
//! titles and never taken as paragraphs.
//!
//! Two general marks tell them:
//! - a line that ends in a page reference after dot leaders or a column gap
//!   (`Budgetuppföljning april ........ 3`, `Informationsärenden  5 - 6`) is
//!   an entry wherever it stands;
//! - a run of titled candidates close together (wrapped titles between them
//!   allowed) whose numbers mostly recur later in the document.

use super::clean::Line;
use super::text::squash;
use rustc_hash::FxHashMap as HashMap;

/// What the table-of-contents search needs to know of a heading candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// Index into the cleaned lines.
    pub idx: usize,
    /// The § number.
    pub number: u32,
    /// The title on the heading line, if any.
    pub title: Option<&'a str>,
}

/// Most non-blank lines between two entries of one run (a title wrapped
/// over them).
const WRAPPED_LINES: usize = 3;

/// The end of `t` without a page reference: dot leaders and a page number
/// (`… ........ 3`, `… …… 12`, `… . . . 3`), or a page number or range in a
/// column of its own (`…  5 - 6`, `…  12`). `None` if `t` has none.
pub(crate) fn without_page_reference(t: &str) -> Option<&str> {
    let t = t.trim_end();
    let b = t.as_bytes();
    // The page number or range at the end.
    let mut i = b.len();
    let digits_end = i;
    while i > 0 && (b[i - 1].is_ascii_digit() || matches!(b[i - 1], b' ' | b'-')) {
        i -= 1;
    }
    // Back over a leading separator the scan took ("… 5 - 6" ok, "2026-2027" not).
    let number = &t[i..digits_end];
    if !number.bytes().any(|c| c.is_ascii_digit())
        || !number.trim().starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let head = &t[..i];
    // Dot leaders: three or more dots or ellipses, maybe spaced.
    let leaders = head.trim_end_matches([' ', '.', '…', '·', '_']).len();
    let dots = head[leaders..]
        .chars()
        .filter(|&c| c == '.' || c == '…' || c == '·' || c == '_')
        .count();
    if dots >= 3 || head[leaders..].contains('…') && dots >= 2 {
        let title = head[..leaders].trim_end();
        return (!title.is_empty()).then_some(title);
    }
    // A column gap before a short page number or range ("5", "5 - 6", "12-13").
    let n = number.trim();
    let short = n.len() <= 9
        && n.split(['-', ' '])
            .filter(|p| !p.is_empty())
            .all(|p| p.len() <= 3);
    let gap = head.ends_with("  ")
        || number.starts_with("  ")
        || (head.ends_with(' ') && number.starts_with(' '));
    if short && gap {
        let title = head.trim_end();
        return (!title.is_empty()).then_some(title);
    }
    None
}

/// The title of a table-of-contents entry: its text without a page
/// reference, and without the columns after the title that hold a case
/// number or a page number ("Lokaler  VN 2024/12  7").
fn entry_title(t: &str) -> String {
    let t = without_page_reference(t).unwrap_or(t);
    let mut end = t.len();
    let mut rest = t;
    while let Some(at) = super::layout::column_gap(rest) {
        let cell = rest[at..].trim();
        let numbers = cell
            .split(['-', ' ', '–'])
            .all(|p| p.is_empty() || p.bytes().all(|b| b.is_ascii_digit()));
        let case = super::case_number::read(cell).is_some_and(|c| c.rest.trim().is_empty());
        if !(numbers || case) {
            break;
        }
        end = rest[..at].trim_end().len();
        rest = &rest[..end];
    }
    squash(&t[..end])
}

/// Which entries are a table of contents: `true` for each. Their titles
/// go into `titles` by number (the first table's title wins).
pub(crate) fn find(
    lines: &[Line<'_>],
    entries: &[Entry<'_>],
    titles: &mut HashMap<u32, String>,
) -> Vec<bool> {
    let mut toc = vec![false; entries.len()];
    // Where each number is last seen, to tell "appears again later" at once.
    let last: HashMap<u32, usize> = entries
        .iter()
        .enumerate()
        .map(|(k, c)| (c.number, k))
        .collect();
    // Entries with a page reference are a table's wherever they stand.
    for (k, e) in entries.iter().enumerate() {
        if let Some(t) = e.title.and_then(without_page_reference) {
            toc[k] = true;
            titles.entry(e.number).or_insert_with(|| entry_title(t));
        }
    }
    let mut i = 0;
    while i < entries.len() {
        let mut j = i;
        while j + 1 < entries.len()
            && entries[j].title.is_some()
            && entries[j + 1].title.is_some()
            && entries[j + 1].number > entries[j].number
            && close(lines, entries[j].idx, entries[j + 1].idx)
        {
            j += 1;
        }
        if j > i {
            let run = &entries[i..=j];
            let recurring = run
                .iter()
                .filter(|c| last.get(&c.number).is_some_and(|&at| at > j))
                .count();
            // Entries with text between them (wrapped titles, or the short
            // bodies of real §) need more of their numbers to recur.
            let packed = run
                .windows(2)
                .all(|w| lines[w[0].idx + 1..w[1].idx].iter().all(Line::is_blank));
            let enough = if packed {
                recurring * 2 >= run.len()
            } else {
                recurring * 3 >= run.len() * 2
            };
            if enough {
                for (k, c) in run.iter().enumerate() {
                    if let Some(t) = c.title {
                        titles.entry(c.number).or_insert_with(|| entry_title(t));
                    }
                    toc[i + k] = true;
                }
            }
        }
        i = j + 1;
    }
    toc
}

/// True if at most [`WRAPPED_LINES`] short lines stand between lines `a`
/// and `b`: two entries of one list.
fn close(lines: &[Line<'_>], a: usize, b: usize) -> bool {
    let between = &lines[a + 1..b];
    between.iter().filter(|l| !l.is_blank()).count() <= WRAPPED_LINES
        && between
            .iter()
            .all(|l| l.text.len() <= 100 && !l.text.ends_with(['.', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::test_lines as lines;

    #[test]
    fn page_references_end_a_table_of_contents_line() {
        for (line, title) in [
            (
                "Budgetuppföljning april ........ 3",
                "Budgetuppföljning april",
            ),
            ("Budgetuppföljning april…………… 12", "Budgetuppföljning april"),
            (
                "Budgetuppföljning april . . . . 3",
                "Budgetuppföljning april",
            ),
            ("Informationsärenden  5 - 6", "Informationsärenden"),
            ("Informationsärenden    12", "Informationsärenden"),
        ] {
            assert_eq!(without_page_reference(line), Some(title), "{line}");
        }
        for line in [
            "Genomlysning 2026-2027",
            "Budget 2025 med plan för 2026-2027",
            "Delegerade beslut 2026",
            "Tidsreglering av 30 parkeringsplatser i Nolhaga",
            "Val av ersättare 1",
            "Kapitel 3.2",
        ] {
            assert_eq!(without_page_reference(line), None, "{line}");
        }
    }

    #[test]
    fn an_entrys_title_leaves_its_case_number_and_page_columns() {
        assert_eq!(
            entry_title("Lokaler för förtidsröstning  VN 2024/12  7"),
            "Lokaler för förtidsröstning"
        );
        assert_eq!(
            entry_title("Informationsärenden  5 - 6"),
            "Informationsärenden"
        );
        assert_eq!(entry_title("Budget 2025  med plan"), "Budget 2025 med plan");
    }

    fn entries<'a>(l: &[Line<'a>]) -> Vec<Entry<'a>> {
        l.iter()
            .enumerate()
            .filter_map(|(idx, l)| {
                // As `segment` takes them: "§ 114" alone before a small letter is none.
                let rest = l.text.strip_prefix("§ ")?;
                let (n, title) = rest.split_once(' ')?;
                Some(Entry {
                    idx,
                    number: n.parse().ok()?,
                    title: (!title.is_empty()).then_some(title),
                })
            })
            .collect()
    }

    #[test]
    fn a_list_with_wrapped_titles_whose_numbers_recur_is_a_table() {
        let l = lines(
            "§ 113 Revidering av avgifter\nInitiativärende om utredning av\n§ 114\nparkering vid Nolhaga\n§ 115 Strategiska vägval\n\n§ 113 2026.266 KS\nRevidering av avgifter\n§ 114 2026.288 KS\nInitiativärende\n§ 115 2026.265 KS\nStrategiska vägval\n",
        );
        let e = entries(&l);
        let mut titles = HashMap::default();
        let toc = find(&l, &e, &mut titles);
        assert_eq!(toc, [true, true, false, false, false]);
        assert_eq!(titles[&113], "Revidering av avgifter");
    }

    #[test]
    fn paragraphs_with_short_bodies_are_no_table() {
        let l =
            lines("§ 1 Öppnande\nMötet öppnas\n§ 2 Val av justerare\nAnna Ek\n§ 3 Avslutning\n");
        let e = entries(&l);
        let toc = find(&l, &e, &mut HashMap::default());
        assert_eq!(toc, [false, false, false]);
    }
}
