//! § segmentation: which `§ N` lines are the document's paragraph headings.
//!
//! A line starting with `§` is only a candidate. Cross-references
//! ("§ 372, punkt 17 och 18", "§ 21 i kommunfullmäktiges arbetsordning") are
//! told apart by what follows the number, by the numbering order of the whole
//! document (the best increasing chain of numbers wins), and a
//! table of contents (a run of `§76 Title` lines whose numbers recur later)
//! is read for titles instead of taken as paragraphs.

use super::case_number::{case_label, split_case};
use super::clean::Line;
use super::heading::{heading, heading_start};
use super::text::squash;
use rustc_hash::FxHashMap as HashMap;

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
    if super::sections::is_field_start(rest)
        && let Some(value) = case_label(rest)
    {
        let value = value.unwrap_or("").trim();
        let (case, title) = split_case(value, true);
        // A lone token after the label that is no case number we know
        // ("Ärendenummer SLK:16342") is a damaged case number, not a title.
        let title = title.filter(|t| case.is_some() || t.contains(' '));
        return Some((case, title, 3.0));
    }
    // A case number in parentheses, with or without its label:
    // "§ 12 (Dnr 2023/123)".
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let inner = inner.trim();
        let case = match case_label(inner) {
            Some(value) if super::sections::is_field_start(inner) => {
                split_case(value.unwrap_or("").trim(), true)
            }
            _ => split_case(inner, false),
        };
        if let (Some(case), None) = case {
            return Some((Some(case), None, 3.0));
        }
    }
    let (case, title) = split_case(rest, false);
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

fn candidate(line: &Line<'_>, idx: usize, organs: bool) -> Option<Candidate> {
    let c = heading(&line.text[heading_start(line.text, organs)?..])?;
    let number: u32 = c.n.parse().ok()?;
    let rest = c.rest.unwrap_or("");
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
}

/// Finds the paragraph headings and the table-of-contents titles.
pub(crate) fn find_headings(lines: &[Line<'_>], organs: bool) -> Headings {
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(mut c) = candidate(l, i, organs) {
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
    let chain = best_chain(&cands);
    let repeated = repeated_headings(&cands, &chain);
    Headings {
        chain,
        toc,
        repeated,
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
        if h.idx < c.heading.idx && h.number == c.heading.number && c.titled {
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

/// Removes table-of-contents runs from `cands` and returns their titles.
/// A run is two or more titled candidates with only blank lines between them,
/// whose numbers appear again later in the document.
fn take_table_of_contents(lines: &[Line<'_>], cands: &mut Vec<Candidate>) -> HashMap<u32, String> {
    let mut toc = HashMap::default();
    let mut remove = vec![false; cands.len()];
    // Where each number is last seen, to tell "appears again later" at once.
    let last: HashMap<u32, usize> = cands
        .iter()
        .enumerate()
        .map(|(k, c)| (c.heading.number, k))
        .collect();
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
            let recurring = run
                .iter()
                .filter(|c| last.get(&c.heading.number).is_some_and(|&at| at > j))
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
///
/// A gap costs half a point per missing number, at most [`MAX_GAP_COST`]. So
/// a predecessor more than [`NEAR`] numbers below costs the same whatever its
/// number: the best of those comes from a prefix maximum (a Fenwick tree over
/// the numbers), the near ones from the best score per number. That makes
/// the search O(n log n) in the candidates; a 100 MB file has 100 000 of them.
/// Ties go to the earliest candidate.
fn best_chain(cands: &[Candidate]) -> Vec<Heading> {
    if cands.is_empty() {
        return Vec::new();
    }
    let mut numbers: Vec<u32> = cands.iter().map(|c| c.heading.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut far = PrefixMax::new(numbers.len());
    let mut by_number: HashMap<u32, Best> =
        HashMap::with_capacity_and_hasher(numbers.len(), Default::default());
    let mut score = vec![0f32; cands.len()];
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    for (j, c) in cands.iter().enumerate() {
        let b = c.heading.number;
        score[j] = c.weight;
        let mut consider = |best: Best, cost: f32| {
            let s = best.score + c.weight - cost;
            if s > score[j] || (s == score[j] && prev[j].is_some_and(|p| best.idx < p)) {
                score[j] = s;
                prev[j] = Some(best.idx);
            }
        };
        // Predecessors whose gap costs the maximum: numbers <= b - NEAR - 1.
        if let Some(limit) = b.checked_sub(NEAR + 1) {
            let upto = numbers.partition_point(|&n| n <= limit);
            if let Some(best) = far.max(upto) {
                consider(best, MAX_GAP_COST);
            }
        }
        // Near predecessors: b - NEAR ..= b - 1.
        for a in b.saturating_sub(NEAR)..b {
            if let Some(&best) = by_number.get(&a) {
                consider(best, (b - a - 1) as f32 * 0.5);
            }
        }
        let me = Best {
            score: score[j],
            idx: j,
        };
        let slot = by_number.entry(b).or_insert(me);
        if me.beats(slot) {
            *slot = me;
        }
        far.update(numbers.partition_point(|&n| n < b), me);
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

/// The most a gap in the numbering costs.
const MAX_GAP_COST: f32 = 3.0;
/// Predecessors within this many numbers have a gap cost below the maximum.
const NEAR: u32 = 6;

/// A chain's score and the candidate it ends at.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: f32,
    idx: usize,
}

impl Best {
    /// Higher score first; on a tie, the earlier candidate.
    fn beats(&self, other: &Best) -> bool {
        self.score > other.score || (self.score == other.score && self.idx < other.idx)
    }
}

/// Prefix maxima over positions 0..n (a Fenwick tree).
struct PrefixMax {
    tree: Vec<Option<Best>>,
}

impl PrefixMax {
    fn new(n: usize) -> Self {
        PrefixMax {
            tree: vec![None; n + 1],
        }
    }

    /// Offers `value` at position `pos`.
    fn update(&mut self, pos: usize, value: Best) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            match &mut self.tree[i] {
                Some(b) if !value.beats(b) => {}
                slot => *slot = Some(value),
            }
            i += i & i.wrapping_neg();
        }
    }

    /// The best value at positions `0..upto`.
    fn max(&self, upto: usize) -> Option<Best> {
        let mut i = upto.min(self.tree.len() - 1);
        let mut best: Option<Best> = None;
        while i > 0 {
            if let Some(v) = self.tree[i]
                && best.is_none_or(|b| v.beats(&b))
            {
                best = Some(v);
            }
            i -= i & i.wrapping_neg();
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::protocol::clean::test_lines as lines;
    use crate::protocol::title::title;

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
        let Headings { chain: h, toc, .. } = find_headings(&l, true);
        assert_eq!(h.iter().map(|h| h.idx).collect::<Vec<_>>(), vec![4, 7]);
        assert_eq!(toc[&77], "Revidering av boken för");
        let t = title(&l, &h[1], l.len(), &toc, true).text;
        assert_eq!(t, "Revidering av boken för");
    }

    /// The plain O(n²) form of [`best_chain`], which the fast one must equal.
    fn quadratic_chain(cands: &[Candidate]) -> Vec<usize> {
        let mut score: Vec<f32> = cands.iter().map(|c| c.weight).collect();
        let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
        for j in 0..cands.len() {
            for i in 0..j {
                let (a, b) = (cands[i].heading.number, cands[j].heading.number);
                if a >= b {
                    continue;
                }
                let s = score[i] + cands[j].weight - ((b - a - 1) as f32 * 0.5).min(3.0);
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
        let mut chain = vec![best];
        while let Some(p) = prev[*chain.last().unwrap()] {
            chain.push(p);
        }
        chain.reverse();
        chain.into_iter().map(|k| cands[k].heading.idx).collect()
    }

    #[test]
    fn long_file_chain_is_found_fast_and_equals_the_quadratic_search() {
        // Regression: the chain search was quadratic, so a 100 MB file (100 000
        // heading candidates) took minutes. Pseudo-random candidates with
        // runs, repeats, stray numbers and ties.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..300 {
            let n = 1 + next(60) as usize;
            let mut number = next(5) as u32;
            let cands: Vec<Candidate> = (0..n)
                .map(|idx| {
                    number = match next(6) {
                        0 => next(40) as u32,
                        1 => number.saturating_sub(next(3) as u32),
                        2 => number + next(12) as u32,
                        _ => number + 1,
                    };
                    let weight = [1.5, 2.0, 3.0][next(3) as usize];
                    Candidate {
                        heading: Heading {
                            idx,
                            number,
                            case_number: None,
                            rest: None,
                        },
                        weight,
                        titled: false,
                    }
                })
                .collect();
            let fast: Vec<usize> = best_chain(&cands).iter().map(|h| h.idx).collect();
            assert_eq!(fast, quadratic_chain(&cands), "round {round}");
        }
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
        let text = "§ 5 Första\ntext\n§ 150\nOrdet\n§ 6 Andra\ntext\n§ 7 Tredje\n";
        let l = lines(text);
        let h = find_headings(&l, true).chain;
        assert_eq!(
            h.iter().map(|h| h.number).collect::<Vec<_>>(),
            vec![5, 6, 7]
        );
    }
}
