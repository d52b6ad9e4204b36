//! `paragraf index`, `search` and `show` driven as a user would: the real
//! binary, sample-data, a temporary index folder.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn paragraf(index: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("paragraf").unwrap();
    c.env("PARAGRAF_INDEX", index).env("NO_COLOR", "1");
    c
}

#[test]
fn first_search_uses_a_demo_index_apart_from_the_users_and_says_so() {
    // Regression: the first search built the user's default index from
    // sample-data, and a later `paragraf index ARCHIVE` added to it, so the
    // demo § stayed for good and showed twice beside the user's copies.
    let home = tempfile::tempdir().unwrap();
    let default = common::default_index_at_home(home.path());
    // A demo left by a paragraf with another parser: made anew.
    let old_demo = default.with_file_name("demo-index-0");
    std::fs::create_dir_all(&old_demo).unwrap();
    std::fs::write(old_demo.join("meta.json"), "{}").unwrap();
    common::paragraf_at_home(home.path())
        .args(["search", "Krav- och kvalitetsbok"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "no index yet at {}",
            default.display()
        )))
        .stderr(predicate::str::contains("demo index"))
        .stdout(predicate::str::contains(
            "§ 77 Översyn av Krav- och kvalitetsboken",
        ))
        .stdout(predicate::str::contains(
            "§ 78 Revidering av Krav- och kvalitetsbok",
        ));
    assert!(!default.exists(), "the search wrote the user's index");
    assert!(!old_demo.exists(), "the old demo is still there");
    // The second search uses the demo as it is, and says it is the demo.
    common::paragraf_at_home(home.path())
        .args(["search", "kravbok"])
        .assert()
        .success()
        .stderr(predicate::str::contains("demo index"))
        .stderr(predicate::str::contains("building").not());
    // The user's first index holds their archive and nothing of the demo.
    let archive = common::archive_with_orebro(home.path());
    common::paragraf_at_home(home.path())
        .args(["index", archive.to_str().unwrap()])
        .assert()
        .success();
    let out = common::paragraf_at_home(home.path())
        .args(["search", "kravbok", "--json"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("demo"));
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    let mut found: Vec<(String, u64)> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let source = h["source"].as_str().unwrap();
            assert!(source.ends_with("orebro.txt"), "{source}");
            (
                source.to_string(),
                h["paragraph"]["number"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    found.dedup();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(v["total"], 2);
}

#[test]
fn a_named_index_that_is_missing_is_an_error_not_a_demo() {
    // Regression: a mistyped --index for `search` or `case` silently
    // became a fresh index of the demo data.
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("indx");
    for args in [
        vec!["search", "kravbok"],
        vec!["case", "23RS5009"],
        vec!["show", "x", "1"],
        vec!["export", "--ndjson"],
        vec!["watch", "list"],
    ] {
        Command::cargo_bin("paragraf")
            .unwrap()
            .env_remove("PARAGRAF_INDEX")
            .args(&args)
            .arg("--index")
            .arg(&typo)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "no index at {}",
                typo.display()
            )));
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    // Through $PARAGRAF_INDEX as well.
    paragraf(&typo)
        .args(["search", "kravbok"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index at"));
    assert!(!typo.exists());
}

#[test]
fn json_output_has_the_documented_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let out = paragraf(&common::index_sample(&tmp.path().join("index")))
        .args(["search", "primärvård", "--json", "--facets", "--limit", "3"])
        .output()
        .unwrap();
    let stdout = common::stdout_of(out);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 2);
    assert_eq!(v["total_exact"], Value::Bool(true));
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 3);
    for h in hits {
        assert!(h["score"].is_number());
        for k in ["id", "organisation", "organ", "date", "source"] {
            assert!(h["meeting"].get(k).is_some(), "meeting.{k}");
        }
        for k in ["number", "title", "case_number", "decision"] {
            assert!(h["paragraph"].get(k).is_some(), "paragraph.{k}");
        }
        assert!(h["paragraph"]["decision"]["kind"].is_string());
        assert!(h["snippet"]["text"].is_string());
        assert!(h["source"].as_str().unwrap().ends_with(".txt"));
    }
    for k in ["organisation", "organ", "year"] {
        assert!(v["facets"][k].is_object(), "facets.{k}");
    }
}

#[test]
fn count_all_counts_what_the_default_count_counts_under_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    let total = |extra: &[&str]| {
        let out = paragraf(&index)
            .args(["search", "\"i enlighet med\"", "--json"])
            .args(extra)
            .output()
            .unwrap();
        let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
        assert_eq!(v["total_exact"], Value::Bool(true));
        v["total"].as_u64().unwrap()
    };
    let default = total(&[]);
    assert!(default > 0);
    assert_eq!(total(&["--count-all"]), default);
    paragraf(&index)
        .args(["search", "beslut", "--count-all"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^\d+ hits for").unwrap());
}

#[test]
fn exit_codes_hits_none_and_bad_query() {
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    paragraf(&index)
        .args(["search", "23RS5009"])
        .assert()
        .code(0);
    paragraf(&index)
        .args(["search", "zyxwvutsrq"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 hits"));
    paragraf(&index)
        .args(["search", "kravbok \"Krav och"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unclosed quote"))
        .stderr(predicate::str::contains("kravbok \"Krav och"))
        .stderr(predicate::str::contains("        ^"));
    paragraf(&index)
        .args(["search", "kravbok", "--from", "igår"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from"));
}

#[test]
fn index_command_is_incremental_and_summarises() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let run = |args: &[&str]| {
        let out = paragraf(&index).args(args).output().unwrap();
        let stdout = common::stdout_of(out);
        serde_json::from_str::<Value>(&stdout).unwrap()
    };
    let sample = common::sample_data();
    let s = sample.to_str().unwrap();
    let first = run(&["index", s, "--json"]);
    assert_eq!(first["parsed"], 8);
    let second = run(&["index", s, "--json"]);
    assert_eq!(second["parsed"], 0);
    assert_eq!(second["unchanged"], 8);
    assert_eq!(second["total_paragraphs"], first["total_paragraphs"]);
    paragraf(&index)
        .args(["index", s])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(0 parsed, 8 unchanged, 0 removed)",
        ));
}

#[test]
fn show_prints_a_whole_paragraph_with_its_meeting() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    paragraf(&index)
        .args(["index", common::sample_data().to_str().unwrap()])
        .assert()
        .success();
    paragraf(&index)
        .args([
            "show",
            "region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05",
            "79",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Region Örebro län · Regionstyrelsens arbetsutskott · 2023-12-05",
        ))
        .stdout(predicate::str::contains(
            "§ 79 Information - periodrapport november",
        ))
        .stdout(predicate::str::contains("-928 miljoner kronor"));
    paragraf(&index)
        .args(["show", "nope", "1"])
        .assert()
        .code(1);
}

#[test]
fn a_folder_that_is_not_an_index_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    paragraf(tmp.path())
        .args(["search", "kravbok"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a paragraf index"));
}

#[test]
fn second_indexer_on_a_locked_index_exits_2_and_searches_still_work() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let sample = common::sample_data();
    paragraf(&index)
        .args(["index", sample.to_str().unwrap()])
        .assert()
        .success();
    // Hold the index's write lock, as a running indexer does.
    let held = tantivy::Index::open_in_dir(&index).unwrap();
    let _writer: tantivy::IndexWriter = held.writer(15_000_000).unwrap();
    paragraf(&index)
        .args(["index", sample.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "locked by another running indexer",
        ));
    paragraf(&index)
        .args(["search", "kravbok"])
        .assert()
        .success();
}

#[test]
fn search_finds_compounds_a_word_ends_and_the_definite_form() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    common::write_protocol(
        &archive,
        "Testkommun",
        "Barn- och utbildningsnämnden",
        "2025-02-11",
        &[
            (
                1,
                "BUN 2025/1",
                "Lokaler för grundskolan",
                "Nämnden beslutar.",
            ),
            (2, "BUN 2025/2", "Ny förskola i Norr", "Nämnden beslutar."),
            (3, "BUN 2025/3", "Budget för gatan", "Nämnden beslutar."),
        ],
    );
    let index = tmp.path().join("index");
    paragraf(&index)
        .args(["index", archive.to_str().unwrap()])
        .assert()
        .success();
    let numbers = |query: &str| -> Vec<u64> {
        let out = paragraf(&index)
            .args(["search", query, "--json"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
        let mut n: Vec<u64> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["paragraph"]["number"].as_u64().unwrap())
            .collect();
        n.sort();
        n
    };
    assert_eq!(numbers("skola"), [1, 2]);
    assert_eq!(numbers("gata"), [3]);
    // Exit code 1 and no hits for a word that is only the end of another's letters.
    paragraf(&index).args(["search", "kola"]).assert().code(1);
}
