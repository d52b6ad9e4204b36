//! The organisation a protocol belongs to ("Region Örebro län", "Göteborgs
//! Stad", "Alingsås kommun"), read from the names the text gives most often.

use super::text::{capitalise, re, squash};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Organisation names. No Unicode `\b` (it forces the slow regex engine over
/// the whole text); the trailing class stops "Göteborgs Stad" from matching
/// inside "Göteborgs Stadsledningskontoret" and is trimmed off the match.
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Rr]egion [A-ZÅÄÖ][a-zåäöé]+(?: [A-ZÅÄÖ][a-zåäöé]+)?(?: läns?)?|[A-ZÅÄÖ][a-zåäöé]+ läns landsting|[A-ZÅÄÖ][a-zåäöé]+s [Ss]tads?|[A-ZÅÄÖ][a-zåäöé]+ kommuns?)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

/// Organisation names in capitals, as letterheads print them ("HÖGSBY
/// KOMMUN", "REGION ÖREBRO LÄN", "GÖTEBORGS STAD").
static ORGANISATION_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:REGION [A-ZÅÄÖ]{2,}(?: [A-ZÅÄÖ]{2,})?(?: LÄNS?)?|[A-ZÅÄÖ]{2,} LÄNS LANDSTING|[A-ZÅÄÖ]{2,}S STADS?|[A-ZÅÄÖ]{2,} KOMMUNS?)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

/// A name in capitals as the name is written: "HÖGSBY KOMMUN" is "Högsby
/// kommun", "REGION ÖREBRO LÄN" "Region Örebro län", "GÖTEBORGS STAD"
/// "Göteborgs Stad".
fn from_capitals(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            match lower.as_str() {
                "kommun" | "kommuns" | "län" | "läns" | "landsting" => lower,
                _ => capitalise(&lower),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    // Names in capitals, where the text has any ("KOMMUN", "REGION", " STAD").
    let caps = ["KOMMUN", "REGION ", "S STAD", " LANDSTING"]
        .iter()
        .any(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some());
    let capitals = caps
        .then(|| ORGANISATION_CAPS.find_iter(text))
        .into_iter()
        .flatten()
        .map(|m| (m.start(), m.as_str(), true));
    let mixed = organisation_matches(text).map(|(at, m)| (at, m, false));
    for (pos, (at, m, upper)) in mixed.chain(capitals).enumerate() {
        let name = m.trim_end_matches(|c: char| !c.is_alphabetic());
        // "Business Region Göteborg AB" is a company, not the organisation.
        if text[at + name.len()..].starts_with(" AB") {
            continue;
        }
        let written;
        let name = if upper {
            written = from_capitals(name);
            written.as_str()
        } else {
            name
        };
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
        .or_else(|| by_its_hall(text))
}

/// The municipality's hall where the meeting sat ("Plats  Stora
/// sessionssalen, Kommunhuset i Lomma", "Kommunkontoret i Högsby"): where
/// the text names no organisation (the letterhead is a logo), the
/// municipality is the one whose hall it is ("Lomma kommun"). A town hall
/// ("Stadshuset") says nothing of the name, so it is not read.
static HALL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Kk]ommunhuset|[Kk]ommunkontoret) i (?P<town>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?)(?:[^A-Za-zÅÄÖåäöÉéÜü]|$)",
    )
});

fn by_its_hall(text: &str) -> Option<String> {
    memchr::memmem::find(text.as_bytes(), b"ommun")?;
    let c = HALL.captures(text)?;
    let town = &c["town"];
    // The name in the genitive, as Swedish writes a municipality's name
    // ("Lunds kommun", "Höörs kommun"), except after a vowel or an s
    // ("Lomma kommun", "Alingsås kommun").
    let genitive = !town.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 'å', 'ä', 'ö', 's', 'x', 'z']);
    Some(format!("{town}{} kommun", if genitive { "s" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_is_named_by_its_hall_where_the_text_names_none() {
        let t = "Plats  Stora sessionssalen, Kommunhuset i Sjövik\nTid 19.00";
        assert_eq!(organisation_from_text(t).as_deref(), Some("Sjöviks kommun"));
        for (hall, name) in [
            ("Kommunhuset i Björkvika", "Björkvika kommun"),
            ("Kommunkontoret i Ekås", "Ekås kommun"),
            ("kommunhuset i Höör, kl. 18", "Höörs kommun"),
        ] {
            assert_eq!(
                organisation_from_text(hall).as_deref(),
                Some(name),
                "{hall}"
            );
        }
        // A name the text prints wins over the hall.
        let t = "Kommunhuset i Sjövik\nSjöviks kommun\n";
        assert_eq!(organisation_from_text(t).as_deref(), Some("Sjöviks kommun"));
        // A town hall names no municipality; nor does a hall in lower case words.
        assert_eq!(organisation_from_text("Stadshuset i Sjövik"), None);
        assert_eq!(
            organisation_from_text("kommunhuset i samband med mötet"),
            None
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
    fn organisation_in_capitals_is_the_name() {
        assert_eq!(
            organisation_from_text("HÖGSBY KOMMUN   Protokoll\nKommunstyrelsen\nHÖGSBY KOMMUN")
                .as_deref(),
            Some("Högsby kommun")
        );
        assert_eq!(
            organisation_from_text("REGION ÖREBRO LÄN\nRegion Örebro läns krav").as_deref(),
            Some("Region Örebro län")
        );
        assert_eq!(
            organisation_from_text("GÖTEBORGS STADS BUDGET").as_deref(),
            Some("Göteborgs Stad")
        );
        assert_eq!(organisation_from_text("KOMMUNSTYRELSEN"), None);
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
