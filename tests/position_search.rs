//! Positions as query fields: `person:`, `attended:`, `reserved:`,
//! `moved:` and `vote:`, through the library and the binary.
//!
//! Properties checked:
//! 1. `reserved:` finds the § with a reservation by that party (a group or
//!    a member of it) or person, and no other; a party by letters in any
//!    case or by name;
//! 2. `moved:` likewise for motions, a person by full name, by surname and
//!    without accents;
//! 3. `vote:close` finds a vote of 30–28 and not one of 50–10, `vote:any`
//!    both, neither a § without a vote; a value it does not know is a
//!    query error at its column;
//! 4. `person:` finds the § that name a person (a motion, a reservation, the
//!    text), also one who did not attend, and not the § of a meeting the
//!    person only attended; `attended:` keeps that old meaning;
//! 5. the fields combine with words, other fields and the date options
//!    (`budget reserved:V --from 2024`), and the Swedish aliases mean the same;
//! 6. on the real minutes of `tests/data/positions/docs`, `reserved:P` and
//!    `moved:P` find exactly the § that `Index::positions` (a scan of the
//!    stored records) finds for each party P;
//! 7. search `--json` hits and the NDJSON export carry the positions.
//!
//! The fixture `tests/data/position-search/` is a small council meeting
//! written for these tests: § 1 "Budget 2025" (motions by Anna Andersson
//! (S), Bertil Berg (M) and Cecilia Carlsson (SD), a vote 30–28, SD and V
//! reserve), § 2 "Budgetuppföljning" (motions by Doris Dahl (V) and Jörn
//! Åkesson (KD), who is no member of the meeting; a vote 50–10; Åkesson
//! reserves), § 3 (a decision naming Gustav Grön, no position). Members:
//! Andersson, Berg, Carlsson, Dahl and Erik Ek (C).

use crate::common;
use paragraf::Index;
use paragraf::index::PositionFilter;
use paragraf::protocol::PositionKind;
use paragraf::search::SearchRequest;
use predicates::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

fn fixture_index(tmp: &Path) -> Index {
    let index = Index::create(&tmp.join("index")).unwrap();
    index.sync(&common::data().join("position-search")).unwrap();
    index
}

/// The § numbers `query` finds (every hit), with the request's dates.
fn found_with(index: &Index, query: &str, from: Option<&str>, to: Option<&str>) -> Vec<u32> {
    let mut req = SearchRequest::new(query);
    req.limit = 1000;
    req.from = from.map(str::to_string);
    req.to = to.map(str::to_string);
    let r = index.search(&req).unwrap();
    let mut n: Vec<u32> = r.hits.iter().map(|h| h.paragraph.number).collect();
    n.sort_unstable();
    n
}

fn found(index: &Index, query: &str) -> Vec<u32> {
    found_with(index, query, None, None)
}

#[test]
fn reserved_finds_the_reservations_of_a_party_or_person_and_no_other() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    assert_eq!(found(&index, "reserved:SD"), [1]);
    assert_eq!(found(&index, "reserved:sd"), [1]);
    assert_eq!(found(&index, "reserved:Sverigedemokraterna"), [1]);
    assert_eq!(found(&index, "reserved:V"), [1]);
    assert_eq!(found(&index, "reserved:KD"), [2]);
    assert_eq!(found(&index, "reserved:\"Jörn Åkesson\""), [2]);
    assert_eq!(found(&index, "reserved:Åkesson"), [2]);
    // M moved but did not reserve; S reserved nowhere.
    assert!(found(&index, "reserved:M").is_empty());
    assert!(found(&index, "reserved:Moderaterna").is_empty());
    assert!(found(&index, "reserved:S").is_empty());
}

#[test]
fn moved_finds_the_motions_of_a_party_or_person() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    assert_eq!(found(&index, "moved:M"), [1]);
    assert_eq!(found(&index, "moved:moderaterna"), [1]);
    assert_eq!(found(&index, "moved:\"Bertil Berg\""), [1]);
    assert_eq!(found(&index, "moved:KD"), [2]);
    assert_eq!(found(&index, "moved:\"Jörn Åkesson\""), [2]);
    // By surname, and typed without accents.
    assert_eq!(found(&index, "moved:Åkesson"), [2]);
    assert_eq!(found(&index, "moved:\"Jorn Akesson\""), [2]);
    assert_eq!(found(&index, "moved:akesson"), [2]);
    // A prefix of the field's names.
    assert_eq!(found(&index, "moved:Åke*"), [2]);
    // V moved in § 2 and reserved (as a group) in § 1.
    assert_eq!(found(&index, "moved:V"), [2]);
    // Erik Ek moved nothing.
    assert!(found(&index, "moved:\"Erik Ek\"").is_empty());
}

#[test]
fn vote_close_is_a_margin_of_at_most_five() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    // § 1: 30–28; § 2: 50–10; § 3: no vote.
    assert_eq!(found(&index, "vote:close"), [1]);
    assert_eq!(found(&index, "vote:CLOSE"), [1]);
    assert_eq!(found(&index, "omröstning:knapp"), [1]);
    assert_eq!(found(&index, "vote:any"), [1, 2]);
    assert_eq!(found(&index, "vote:any -vote:close"), [2]);
    match index.search(&SearchRequest::new("budget vote:maybe")) {
        Err(paragraf::Error::Query {
            column, message, ..
        }) => {
            assert_eq!(column, 7);
            assert!(message.contains("close"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn person_is_named_in_the_paragraph_attended_is_at_the_meeting() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    // Jörn Åkesson is no member of the meeting: named in § 2 only.
    assert_eq!(found(&index, "person:\"Jörn Åkesson\""), [2]);
    assert_eq!(found(&index, "namn:Åkesson"), [2]);
    assert!(found(&index, "attended:\"Jörn Åkesson\"").is_empty());
    // Anna Andersson chaired all three §, and is named in § 1 only.
    assert_eq!(found(&index, "person:\"Anna Andersson\""), [1]);
    assert_eq!(found(&index, "attended:\"Anna Andersson\""), [1, 2, 3]);
    // Erik Ek attended and is named nowhere.
    assert!(found(&index, "person:\"Erik Ek\"").is_empty());
    assert_eq!(found(&index, "attended:\"Erik Ek\""), [1, 2, 3]);
    assert_eq!(found(&index, "ledamot:\"Erik Ek\""), [1, 2, 3]);
    // Named in the text of the decision, with no position.
    assert_eq!(found(&index, "person:\"Gustav Grön\""), [3]);
}

#[test]
fn position_fields_combine_with_words_fields_and_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    // "budget" is in § 1 and (as a compound) § 2: V reserved in § 1 only.
    assert_eq!(
        found_with(&index, "budget reserved:V", Some("2024"), None),
        [1]
    );
    assert!(found_with(&index, "budget reserved:V", None, Some("2023")).is_empty());
    assert_eq!(found(&index, "reserverade:SD moved:M"), [1]);
    assert_eq!(found(&index, "reserved:SD OR reserved:KD"), [1, 2]);
    assert_eq!(found(&index, "vote:any -reserved:SD"), [2]);
    assert_eq!(found(&index, "yrkade:\"Doris Dahl\" vote:any"), [2]);

    // The same from the command line, as the README shows it.
    let out = common::paragraf(&tmp.path().join("index"))
        .args(["search", "budget reserved:V", "--from", "2024", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    let p = &hits[0]["paragraph"];
    assert_eq!(p["number"], 1);
    // The hit carries its positions and votes.
    assert!(
        p["positions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["kind"] == "reservation" && q["parties"][1] == "V"),
        "{p}"
    );
    assert_eq!(p["votes"][0]["yes"], 30);
    assert_eq!(p["votes"][0]["no"], 28);
    common::paragraf(&tmp.path().join("index"))
        .args(["search", "budget reserved:V", "--to", "2023"])
        .assert()
        .code(1);
    common::paragraf(&tmp.path().join("index"))
        .args(["search", "vote:maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'vote:' takes 'close'"));
}

/// What `Index::positions` (a scan of the stored records) finds for a
/// party and kind, and what the indexed field finds, agree on real minutes.
#[test]
fn reserved_and_moved_agree_with_the_stored_positions_on_real_minutes() {
    let tmp = tempfile::tempdir().unwrap();
    let index = Index::create(&tmp.path().join("index")).unwrap();
    index.sync(&common::data().join("positions/docs")).unwrap();
    let mut checked = 0;
    for party in ["S", "M", "SD", "C", "V", "KD", "L", "MP", "D"] {
        for (kind, field) in [
            (PositionKind::Reservation, "reserved"),
            (PositionKind::Motion, "moved"),
        ] {
            let scanned: BTreeSet<(String, u32)> = index
                .positions(&PositionFilter {
                    party: Some(party.into()),
                    kind: Some(kind),
                    ..PositionFilter::default()
                })
                .unwrap()
                .into_iter()
                .map(|m| (m.meeting.id.clone(), m.paragraph.number))
                .collect();
            let mut req = SearchRequest::new(format!("{field}:{party}"));
            req.limit = 1000;
            let searched: BTreeSet<(String, u32)> = index
                .search(&req)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| (h.meeting.id, h.paragraph.number))
                .collect();
            assert_eq!(searched, scanned, "{field}:{party}");
            checked += scanned.len();
        }
    }
    // Read from expected.txt: SD reserved in KF 2024-02-01 § 18, 19, 20, 23, 27.
    let mut req = SearchRequest::new("reserved:SD");
    req.limit = 1000;
    req.from = Some("2024-02-01".into());
    req.to = Some("2024-02-01".into());
    let numbers: BTreeSet<u32> = index
        .search(&req)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.paragraph.number)
        .collect();
    assert_eq!(numbers, [18, 19, 20, 23, 27].into_iter().collect());
    assert!(checked > 50, "{checked}");
    // KF 2024-02-01: § 25 (40–41) and § 18 (43–38) were close, § 19 (72–9) not.
    req.query = "vote:close".into();
    let close: BTreeSet<u32> = index
        .search(&req)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.paragraph.number)
        .collect();
    assert!(close.contains(&25) && close.contains(&18), "{close:?}");
    assert!(!close.contains(&19), "{close:?}");
}

#[test]
fn export_lines_carry_the_position_terms() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture_index(tmp.path());
    let mut buf = Vec::new();
    index.export_ndjson(&mut buf).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = lines.iter().find(|l| l["number"] == 1).unwrap();
    let terms = |field: &str| -> Vec<String> {
        first[field]
            .as_array()
            .unwrap_or_else(|| panic!("no {field}: {first}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert!(terms("reserved").contains(&"SD".to_string()));
    assert!(terms("moved").contains(&"bertil berg".to_string()));
    assert!(terms("moved").contains(&"berg".to_string()));
    assert_eq!(terms("vote"), ["any", "close"]);
    assert!(terms("attended").contains(&"Erik Ek".to_string()));
    let third = lines.iter().find(|l| l["number"] == 3).unwrap();
    assert!(third.get("vote").is_none(), "{third}");
}
