//! Property tests: bad input never panics. The parser, the Swedish analyzer and
//! the query parser get arbitrary text built from the characters protocols
//! and queries are made of (§, digits, Swedish letters, quotes, parentheses,
//! colons, hyphens, form feeds, CR/LF). A short run here; a fuzzing campaign
//! is separate work.

use paragraf::analysis::{TokenKind, analyze};
use paragraf::protocol::{FolderMeta, parse_bytes, parse_text};
use paragraf::search::query;
use proptest::prelude::*;
use std::path::Path;

/// Text from protocol-like pieces and single characters.
fn protocol_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("§ ".to_string()),
        Just("§§ 3-4 ".to_string()),
        Just("Ärendenummer SLK-2024-00001:-1\n".to_string()),
        Just("Beslut\n".to_string()),
        Just("att ".to_string()),
        Just("1. ".to_string()),
        Just("Krav- och ".to_string()),
        Just("Justeras\n".to_string()),
        Just("Protokoll nr 3\n".to_string()),
        Just("3 (9)\n".to_string()),
        Just("\x0c".to_string()),
        Just("\r\n".to_string()),
        Just("Dokumentnamn\nDatum Dnr Sida\n".to_string()),
        "[0-9]{1,4}",
        "[a-zåäöA-ZÅÄÖé§:(). ,\"-]{0,12}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    // 400 cases in CI; more with PROPTEST_CASES=N.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn parser_never_panics(text in protocol_text()) {
        if let Ok(p) = parse_text(&text, Path::new("p.txt"), &FolderMeta::default()) {
            assert_chain(&p);
        }
    }

    #[test]
    fn parser_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_bytes(&bytes, Path::new("b.txt"), &FolderMeta::default());
    }

    #[test]
    fn analyzer_keeps_positions_and_never_panics(text in protocol_text()) {
        let tokens = analyze(&text);
        for t in &tokens {
            prop_assert!(!t.text.is_empty());
        }
        // Whole words and codes come in position order.
        let positions: Vec<usize> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Expansion)
            .map(|t| t.position)
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn query_parser_never_panics(q in "[a-zåäö§:()\" -]{0,30}|OR|\\PC{0,20}") {
        let fields = ["title", "organ", "case", "person", "party", "organisation", "clause", "body"];
        match query::parse(&q, &fields) {
            Ok(_) => {}
            Err(paragraf::Error::Query { column, .. }) => prop_assert!(column <= q.chars().count()),
            Err(e) => prop_assert!(false, "unexpected error kind: {e}"),
        }
    }
}

/// The § of a parse are a strictly increasing chain of (number, letter)
/// in document order, as the fuzz target `protocol` checks.
fn assert_chain(p: &paragraf::protocol::Protocol) {
    for w in p.paragraphs.windows(2) {
        assert!(
            (w[0].number, w[0].suffix.as_deref()) < (w[1].number, w[1].suffix.as_deref()),
            "§ {}{:?} then § {}{:?}",
            w[0].number,
            w[0].suffix,
            w[1].number,
            w[1].suffix
        );
        assert!(w[0].line <= w[1].line);
    }
}

/// Regression: the fuzz target `protocol` stopped on this input (a mangled
/// Göteborg protocol) at its check that numbers strictly increase: "§ 1 g"
/// after "§ 1" is the lettered § 1 g (as "§ 12 a" after "§ 12"), which the
/// check did not know. The chain is increasing by (number, letter).
#[test]
fn a_lettered_paragraph_after_its_number_keeps_the_chain_increasing() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/fuzz/protocol-lettered-paragraph-after-its-number.txt"),
    )
    .unwrap();
    let p = parse_bytes(&bytes, Path::new("fuzz.txt"), &FolderMeta::default()).unwrap();
    assert_chain(&p);
    let ones: Vec<Option<&str>> = p
        .paragraphs
        .iter()
        .filter(|q| q.number == 1)
        .map(|q| q.suffix.as_deref())
        .collect();
    assert_eq!(ones, [None, Some("g")]);
}
