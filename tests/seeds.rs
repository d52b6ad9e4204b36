//! The parse of each seed protocol matches every field its
//! `tests/data/protocols/expected/*.json` gives.

use crate::common;

use paragraf::protocol::{FolderMeta, parse_file_with};
use serde_json::{Value, json};

fn check_seed(name: &str) {
    let data = common::data();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("protocols/expected").join(format!("{name}.json")))
            .unwrap(),
    )
    .unwrap();
    let path = data.join("protocols/seeds").join(format!("{name}.txt"));
    let protocol = parse_file_with(&path, &FolderMeta::default()).unwrap();
    let ours = serde_json::to_value(&protocol).unwrap();
    let mut failures: Vec<String> = Vec::new();

    for (key, want) in expected["meeting"].as_object().unwrap() {
        let got = &ours["meeting"][key];
        if got != want {
            failures.push(format!("meeting.{key}: want {want}, got {got}"));
        }
    }

    let want_paras = expected["paragraphs"].as_array().unwrap();
    let got_paras = ours["paragraphs"].as_array().unwrap();
    let numbers = |ps: &[Value]| ps.iter().map(|p| p["number"].clone()).collect::<Vec<_>>();
    if numbers(want_paras) != numbers(got_paras) {
        failures.push(format!(
            "paragraph numbers: want {:?}, got {:?}",
            numbers(want_paras),
            numbers(got_paras)
        ));
    }
    for want in want_paras {
        let n = &want["number"];
        let Some(got) = got_paras.iter().find(|p| &p["number"] == n) else {
            continue;
        };
        for (key, w) in want.as_object().unwrap() {
            let g = &got[key];
            let ok = match key.as_str() {
                "number" | "title" | "case_number" | "responsible" | "officer" | "sent_to" => {
                    g == w
                }
                "sections" => {
                    let heads: Vec<Value> = g
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s["heading"].clone())
                        .filter(|h| h != "")
                        .collect();
                    &json!(heads) == w
                }
                "decision" => {
                    let mut ok = true;
                    for (dk, dw) in w.as_object().unwrap() {
                        let dg = &g[dk.as_str()];
                        let this = match dk.as_str() {
                            "kind" | "proposed_to" => dg == dw,
                            "clauses" => {
                                g["clauses"].as_array().unwrap().len() as u64
                                    == dw.as_u64().unwrap()
                            }
                            "first_clause_starts" => g["clauses"][0]
                                .as_str()
                                .is_some_and(|c| c.starts_with(dw.as_str().unwrap())),
                            other => panic!("unknown expected decision key {other}"),
                        };
                        if !this {
                            failures.push(format!("§ {n} decision.{dk}: want {dw}, got {}", g));
                        }
                        ok &= this;
                    }
                    ok
                }
                "body_contains" => got["body"].as_str().unwrap().contains(w.as_str().unwrap()),
                "body_not_contains" => w
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|s| !got["body"].as_str().unwrap().contains(s.as_str().unwrap())),
                other => panic!("unknown expected paragraph key {other}"),
            };
            if !ok && key != "decision" {
                failures.push(format!("§ {n} {key}: want {w}, got {g}"));
            }
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn orebro_seed_matches_expected() {
    check_seed("region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05");
}

#[test]
fn vasternorrland_seed_matches_expected() {
    check_seed("region-vasternorrland_vardvalsutskottet_2025-05-27");
}
