//! § segmentation: which `§ N` lines are the document's paragraph headings.
//!
//! It reads the document twice, as `layout` describes:
//! 1. Every line that reads as a heading (`heading`) is a candidate, with
//!    what follows its number classified (nothing, a case number, a case
//!    number and a title, a title, a labelled case number). Cross-references
//!    ("§ 372, punkt 17 och 18", "§ 21 i kommunfullmäktiges arbetsordning")
//!    are told apart by what follows the number; tables of contents (`toc`)
//!    are read for titles and set aside; the best increasing chain of numbers
//!    (`chain`) is the first reading of the headings.
//! 2. What the headings of that reading have in common is learnt (their
//!    form, where the case number stands and its shape); candidates in a form
//!    the document's headings do not have weigh less, and the chain is
//!    searched again. A cross-reference in the headings' own shape
//!    ("§ 67 2026.142 KS Revidering …" in a list of messages) then loses to the
//!    numbering of the real headings.

use super::case_number::{Shape, Strength, case_label, read, split_case};
use super::chain::{Link, best_chain};
use super::clean::Line;
use super::heading::{heading, heading_start};
use super::layout::Layout;
use super::toc;
use rustc_hash::FxHashMap as HashMap;

/// What follows the number on a heading line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Rest {
    /// Nothing: the title is on the next line.
    Empty,
    /// A case number alone: `§ 26 2026.072 TEN`.
    Case,
    /// A case number and a title: `§ 67 2026.142 KS Revidering …`.
    CaseTitle,
    /// A title: `§ 76 Protokollsjustering`.
    Title,
    /// A labelled case number: `§ 197 Ärendenummer SLK-2025-00035`.
    Label,
}

/// The form of a heading line: whether an organ's abbreviation comes first,
/// and what follows the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Form {
    /// `KS § 12` rather than `§ 12`.
    pub prefixed: bool,
    /// What follows the number.
    pub rest: Rest,
}

/// An accepted § heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    /// Index into the cleaned lines.
    pub idx: usize,
    /// The § number.
    pub number: u32,
    /// The letter of a lettered § (`§ 3 a`), or 0.
    pub letter: u8,
    /// The case number given on the heading line, if any.
    pub case_number: Option<String>,
    /// The shape of that case number.
    pub case_shape: Option<Shape>,
    /// Title text on the heading line itself, if any.
    pub rest: Option<String>,
    /// The heading line's form.
    pub form: Form,
}

#[derive(Debug, Clone)]
struct Candidate {
    heading: Heading,
    weight: f32,
}

impl Candidate {
    /// True if the heading line carries a title (`§76 Protokollsjustering`).
    fn titled(&self) -> bool {
        self.heading.rest.is_some()
    }

    fn link(&self) -> Link {
        Link {
            number: self.heading.number,
            letter: self.heading.letter,
            weight: self.weight,
        }
    }
}

/// What [`classify_rest`] makes of a heading remainder.
struct Classified {
    case: Option<String>,
    shape: Option<Shape>,
    title: Option<String>,
    letter: u8,
    rest: Rest,
    weight: f32,
}

/// A title that is no title: a string of codes and numbers without a word
/// ("DNR:XY/2007", "KS-2024-0012-3"), which a title never is.
fn identifier_like(t: &str) -> bool {
    t.len() <= 32
        && t.bytes().any(|c| c.is_ascii_alphabetic())
        && t.bytes().any(|c| c.is_ascii_digit())
        && t.bytes().any(|c| matches!(c, b'/' | b':' | b'.' | b'-'))
        && !t
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 3 && w.chars().any(char::is_lowercase))
}

/// Classifies a heading remainder. `None` if it shows the line is a
/// cross-reference or list item.
fn classify_rest(rest: &str) -> Option<Classified> {
    let mut rest = rest.trim();
    let mut letter = 0;
    // A lettered §: "§ 3 a", "§ 3 b   DNR: KF/2006.366".
    if let [l @ b'a'..=b'h', tail @ ..] = rest.as_bytes()
        && tail.first().is_none_or(u8::is_ascii_whitespace)
    {
        letter = *l;
        rest = rest[1..].trim_start();
    }
    let c = |case: Option<String>, shape, title: Option<String>, rest, weight| Classified {
        case,
        shape,
        title,
        letter,
        rest,
        weight,
    };
    if rest.is_empty() {
        return Some(c(None, None, None, Rest::Empty, 1.5));
    }
    if super::sections::is_field_start(rest)
        && let Some(value) = case_label(rest)
    {
        let value = value.unwrap_or("").trim();
        let shape = read(value).map(|c| c.shape);
        let (case, title) = split_case(value, true);
        // A lone token after the label that is no case number we know
        // ("Ärendenummer SLK:16342") is a damaged case number, not a title.
        let title = title.filter(|t| case.is_some() || t.contains(' '));
        return Some(c(case, shape, title, Rest::Label, 3.0));
    }
    // A case number in parentheses, with or without its label:
    // "§ 12 (Dnr 2023/123)".
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let inner = inner.trim();
        let case = match case_label(inner) {
            Some(value) if super::sections::is_field_start(inner) => {
                split_case(value.unwrap_or("").trim(), true)
            }
            _ => split_case(inner, true),
        };
        if let (Some(case), None) = case {
            let shape = read(&case).map(|c| c.shape);
            return Some(c(Some(case), shape, None, Rest::Case, 3.0));
        }
    }
    // A case number of any strength: on a heading line nothing else reads so.
    if let Some(k) = read(rest) {
        let title = super::text::squash(k.rest);
        let (kind, title) = if title.is_empty() {
            (Rest::Case, None)
        } else {
            (Rest::CaseTitle, Some(title))
        };
        let weight = if k.strength == Strength::Strong {
            3.0
        } else {
            2.5
        };
        return Some(c(
            Some(k.text.to_string()),
            Some(k.shape),
            title,
            kind,
            weight,
        ));
    }
    // A heading line that holds only a code and a number is a case number,
    // never a title ("KS § 88   KS-2024-0012-3").
    if identifier_like(rest) {
        return Some(c(Some(rest.to_string()), None, None, Rest::Case, 2.0));
    }
    let first = rest.chars().next()?;
    if first.is_uppercase() || matches!(first, '"' | '”' | '«' | '(') {
        Some(c(None, None, Some(rest.to_string()), Rest::Title, 2.0))
    } else {
        None
    }
}

fn candidate(line: &Line<'_>, idx: usize, organs: bool) -> Option<Candidate> {
    let at = heading_start(line.text, organs)?;
    let c = heading(&line.text[at..])?;
    let number: u32 = c.n.parse().ok()?;
    let k = classify_rest(c.rest.unwrap_or(""))?;
    Some(Candidate {
        heading: Heading {
            idx,
            number,
            letter: k.letter,
            case_number: k.case,
            case_shape: k.shape,
            rest: k.title,
            form: Form {
                prefixed: at > 0,
                rest: k.rest,
            },
        },
        weight: k.weight,
    })
}

/// The paragraph headings found in a protocol.
#[derive(Debug, Default)]
pub(crate) struct Headings {
    /// The accepted headings, in order.
    pub chain: Vec<Heading>,
    /// Titles from a table of contents, by § number.
    pub toc: HashMap<u32, String>,
    /// Lines that look like a heading of the § they are in, repeated
    /// ("§ 12 Budget" twice): (line index, index of the accepted heading).
    pub repeated: Vec<(usize, usize)>,
    /// What the headings have in common.
    pub layout: Layout,
}

/// A candidate in a form the document's headings do not have weighs this
/// much of its weight in the second reading.
const UNUSUAL_FORM: f32 = 0.4;

/// Finds the paragraph headings and the table-of-contents titles.
pub(crate) fn find_headings(lines: &[Line<'_>], organs: bool) -> Headings {
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(mut c) = candidate(l, i, organs) {
            // A bare "§ 150" must be followed by something that can start a
            // title, or by the next heading (a § withheld, or without title).
            if c.heading.rest.is_none() && c.heading.case_number.is_none() {
                match next_text(lines, i + 1) {
                    Some(n) if n.starts_with(|c: char| c.is_uppercase() || c == '§') => {}
                    _ => continue,
                }
                c.weight = c.weight.min(1.5);
            }
            cands.push(c);
        }
    }
    let mut toc = HashMap::default();
    let entries: Vec<toc::Entry<'_>> = cands
        .iter()
        .map(|c| toc::Entry {
            idx: c.heading.idx,
            number: c.heading.number,
            title: c.heading.rest.as_deref(),
        })
        .collect();
    let in_toc = toc::find(lines, &entries, &mut toc);
    let mut k = 0;
    cands.retain(|_| {
        k += 1;
        !in_toc[k - 1]
    });
    let mut links: Vec<Link> = cands.iter().map(Candidate::link).collect();
    let first: Vec<Heading> = best_chain(&links)
        .into_iter()
        .map(|k| cands[k].heading.clone())
        .collect();
    let layout = Layout::learn(lines, &first);
    let mut chain = first;
    if layout.has_usual_forms() {
        let mut changed = false;
        for (link, c) in links.iter_mut().zip(&cands) {
            if !layout.is_usual(c.heading.form) {
                link.weight *= UNUSUAL_FORM;
                changed = true;
            }
        }
        if changed {
            chain = best_chain(&links)
                .into_iter()
                .map(|k| cands[k].heading.clone())
                .collect();
        }
    }
    let repeated = repeated_headings(&cands, &chain);
    Headings {
        chain,
        toc,
        repeated,
        layout,
    }
}

/// Titled candidates left out of the chain that carry the number of the §
/// they fall in: a numbering slip in the protocol, kept as text of that §.
fn repeated_headings(cands: &[Candidate], chain: &[Heading]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0; // the chain heading before the candidate
    for c in cands {
        while k + 1 < chain.len() && chain[k + 1].idx <= c.heading.idx {
            k += 1;
        }
        let Some(h) = chain.get(k) else { break };
        if h.idx < c.heading.idx
            && (h.number, h.letter) == (c.heading.number, c.heading.letter)
            && c.titled()
        {
            out.push((c.heading.idx, h.idx));
        }
    }
    out
}

fn next_text<'a>(lines: &[Line<'a>], from: usize) -> Option<&'a str> {
    lines[from.min(lines.len())..]
        .iter()
        .find(|l| !l.is_blank())
        .map(|l| l.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::clean::test_lines as lines;
    use crate::protocol::title::title;

    fn numbers(text: &str) -> Vec<(u32, u8)> {
        find_headings(&lines(text), true)
            .chain
            .iter()
            .map(|h| (h.number, h.letter))
            .collect()
    }

    #[test]
    fn cross_references_are_not_headings() {
        let text = "§ 1 Ärendenummer SLK-2024-00001\nVal av justerare\nBeslut\nSe beslut den 2 maj,\n§ 372, punkt 17 och 18\n§ 21 i kommunfullmäktiges arbetsordning.\n§ 2 Ärendenummer SLK-2024-00002\nAnmälan av jäv\n";
        let l = lines(text);
        let h = find_headings(&l, true).chain;
        let nums: Vec<u32> = h.iter().map(|h| h.number).collect();
        assert_eq!(nums, vec![1, 2]);
        assert_eq!(h[0].case_number.as_deref(), Some("SLK-2024-00001"));
    }

    #[test]
    fn table_of_contents_is_read_for_titles() {
        let text = "Innehållsförteckning\n§76 Protokollsjustering\n§77 Revidering av boken för\n\n§ 76 Protokollsjustering\n\nBeslut\n§ 77 Revidering av boken\nför\nDiarienummer: 1\n";
        let l = lines(text);
        let found = find_headings(&l, true);
        let h = &found.chain;
        assert_eq!(h.iter().map(|h| h.idx).collect::<Vec<_>>(), vec![4, 7]);
        assert_eq!(found.toc[&77], "Revidering av boken för");
        let t = title(&l, &h[1], l.len(), &found.toc, &found.layout, true).text;
        assert_eq!(t, "Revidering av boken för");
    }

    #[test]
    fn repeated_heading_is_reported_and_kept_in_its_paragraph() {
        let text = "§ 1 Öppnande\ntext\n§ 2 Val\nMer.\n§ 2 Val igen\nDubbel.\n§ 3 Avslut\n";
        let l = lines(text);
        let found = find_headings(&l, true);
        let nums: Vec<u32> = found.chain.iter().map(|h| h.number).collect();
        assert_eq!(nums, vec![1, 2, 3]);
        assert_eq!(found.repeated, vec![(4, 2)]);
    }

    #[test]
    fn numbering_order_beats_a_stray_number() {
        assert_eq!(
            numbers("§ 5 Första\ntext\n§ 150\nOrdet\n§ 6 Andra\ntext\n§ 7 Tredje\n"),
            [(5, 0), (6, 0), (7, 0)]
        );
    }

    #[test]
    fn a_heading_line_of_a_case_number_alone_is_a_heading_with_its_case_number() {
        // Weak forms too: on a heading line nothing else reads so.
        let text = "§ 26 2026.072 TEN\nEkonomiuppföljning\nText.\n§ 27 2023/123\nCykelplan\nText.\n§ 28 KS KF/2024:12\nBudget\nText.\n";
        let h = find_headings(&lines(text), true).chain;
        let got: Vec<(u32, Option<&str>, Option<&str>)> = h
            .iter()
            .map(|h| (h.number, h.case_number.as_deref(), h.rest.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (26, Some("2026.072 TEN"), None),
                (27, Some("2023/123"), None),
                (28, Some("KS KF/2024:12"), None),
            ]
        );
    }

    #[test]
    fn cross_references_in_the_headings_own_shape_lose_to_the_numbering() {
        // A list of messages in the last § quotes other bodies' § in the
        // shape of the document's headings, with a title on the line.
        let mut text = String::new();
        for n in 25..=31 {
            text.push_str(&format!(
                "§ {n} 2026.0{n} TEN\n\nRubrik nummer {n}\nText.\n\n"
            ));
        }
        text.push_str("Meddelanden\n§ 67 2026.142 KS Revidering av riktlinjer\n§ 63 2025.354 KS Rutin för larm\n");
        let got: Vec<u32> = numbers(&text).iter().map(|n| n.0).collect();
        assert_eq!(got, (25..=31).collect::<Vec<_>>());
    }

    #[test]
    fn lettered_paragraphs_are_paragraphs() {
        let text = "KS § 2   DNR:KU/2006.1\nVal\nText.\nKS § 3 a   DNR:KF/2006.203\nBudget\nText.\nKS § 3 b   DNR: KF/2006.366\nVal av utskott\nText.\nKS § 4   DNR:KF/2006.366\nVal av nämnd\nKU § 317 06-12-05\nText.\n";
        assert_eq!(numbers(text), [(2, 0), (3, b'a'), (3, b'b'), (4, 0)]);
    }

    #[test]
    fn a_paragraph_withheld_without_text_is_a_paragraph() {
        let text = "§ 11 Val\nText.\n§ 12\n§ 13 Budget\nText.\n";
        let got: Vec<u32> = numbers(text).iter().map(|n| n.0).collect();
        assert_eq!(got, [11, 12, 13]);
        let text = "§ 11 Val\nText.\n§ 12 (Sekretess)\nsekretess enligt OSL\n§ 13 Budget\nText.\n";
        let got: Vec<u32> = numbers(text).iter().map(|n| n.0).collect();
        assert_eq!(got, [11, 12, 13]);
    }
}
