//! The numbering order of a document: of all the lines that may be § headings,
//! the chain with increasing numbers and the best score. Each heading adds its
//! weight; a gap in the numbering costs a little, so a consecutive run beats
//! scattered cross-references.
//!
//! A lettered § (`§ 3 a`, `§ 3 b`) comes after its number and before the
//! next: `3 < 3 a < 3 b < 4`, with no gap between them.

use rustc_hash::FxHashMap as HashMap;

/// One possible heading, as the chain search sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link {
    /// The § number.
    pub number: u32,
    /// The letter of a lettered § (`b'a'`), or 0.
    pub letter: u8,
    /// What the heading adds to a chain's score.
    pub weight: f32,
}

/// The most a gap in the numbering costs.
const MAX_GAP_COST: f32 = 3.0;
/// Predecessors within this many numbers have a gap cost below the maximum.
const NEAR: u32 = 6;

/// The indices of the links of the best chain, in order.
///
/// A gap costs half a point per missing number, at most [`MAX_GAP_COST`]. So
/// a predecessor more than [`NEAR`] numbers below costs the same whatever its
/// number: the best of those comes from a prefix maximum (a Fenwick tree over
/// the numbers), the near ones from the best score per number (and, for a
/// lettered §, per number and letter). That makes the search O(n log n) in the
/// links; a 100 MB file has 100 000 of them. Ties go to the earliest link.
pub(crate) fn best_chain(links: &[Link]) -> Vec<usize> {
    if links.is_empty() {
        return Vec::new();
    }
    let mut numbers: Vec<u32> = links.iter().map(|c| c.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut far = PrefixMax::new(numbers.len());
    let mut by_number: HashMap<u32, Best> =
        HashMap::with_capacity_and_hasher(numbers.len(), Default::default());
    // Per (number, letter), only for numbers that have a lettered link.
    let mut by_letter: HashMap<(u32, u8), Best> = HashMap::default();
    let lettered = links.iter().any(|l| l.letter != 0);
    let mut score = vec![0f32; links.len()];
    let mut prev: Vec<Option<usize>> = vec![None; links.len()];
    for (j, c) in links.iter().enumerate() {
        let b = c.number;
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
        // The same number with a smaller letter (none before "a").
        if c.letter != 0 {
            for l in std::iter::once(0).chain(b'a'..c.letter) {
                if let Some(&best) = by_letter.get(&(b, l)) {
                    consider(best, 0.0);
                }
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
        if lettered {
            let slot = by_letter.entry((b, c.letter)).or_insert(me);
            if me.beats(slot) {
                *slot = me;
            }
        }
        far.update(numbers.partition_point(|&n| n < b), me);
    }
    let mut best = 0;
    for j in 1..links.len() {
        if score[j] > score[best] {
            best = j;
        }
    }
    let mut chain = vec![best];
    let mut at = best;
    while let Some(p) = prev[at] {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}

/// A chain's score and the link it ends at.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: f32,
    idx: usize,
}

impl Best {
    /// Higher score first; on a tie, the earlier link.
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

    /// The plain O(n²) form of [`best_chain`], which the fast one must equal.
    fn quadratic_chain(links: &[Link]) -> Vec<usize> {
        let mut score: Vec<f32> = links.iter().map(|c| c.weight).collect();
        let mut prev: Vec<Option<usize>> = vec![None; links.len()];
        for j in 0..links.len() {
            for i in 0..j {
                let (a, b) = (&links[i], &links[j]);
                if (a.number, a.letter) >= (b.number, b.letter) {
                    continue;
                }
                let gap = b.number.saturating_sub(a.number + 1);
                let s = score[i] + b.weight - (gap as f32 * 0.5).min(3.0);
                if s > score[j] {
                    score[j] = s;
                    prev[j] = Some(i);
                }
            }
        }
        let mut best = 0;
        for j in 1..links.len() {
            if score[j] > score[best] {
                best = j;
            }
        }
        let mut chain = vec![best];
        while let Some(p) = prev[*chain.last().unwrap()] {
            chain.push(p);
        }
        chain.reverse();
        chain
    }

    #[test]
    fn long_file_chain_is_found_fast_and_equals_the_quadratic_search() {
        // Regression: the chain search was quadratic, so a 100 MB file (100 000
        // heading candidates) took minutes. Pseudo-random candidates with
        // runs, repeats, stray numbers, letters and ties.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..400 {
            let n = 1 + next(60) as usize;
            let mut number = next(5) as u32;
            let links: Vec<Link> = (0..n)
                .map(|_| {
                    number = match next(6) {
                        0 => next(40) as u32,
                        1 => number.saturating_sub(next(3) as u32),
                        2 => number + next(12) as u32,
                        _ => number + 1,
                    };
                    let letter = if round % 2 == 1 && next(4) == 0 {
                        b'a' + next(3) as u8
                    } else {
                        0
                    };
                    Link {
                        number,
                        letter,
                        weight: [1.5, 2.0, 3.0][next(3) as usize],
                    }
                })
                .collect();
            assert_eq!(best_chain(&links), quadratic_chain(&links), "round {round}");
        }
    }

    #[test]
    fn lettered_paragraphs_follow_their_number() {
        let link = |number, letter| Link {
            number,
            letter,
            weight: 2.0,
        };
        let links = [
            link(2, 0),
            link(3, b'a'),
            link(3, b'b'),
            link(4, 0),
            link(437, 0),
            link(5, 0),
        ];
        assert_eq!(best_chain(&links), [0, 1, 2, 3, 5]);
    }
}
