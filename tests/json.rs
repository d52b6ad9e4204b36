//! The JSON outputs of the CLI: every one carries `schema_version` (an
//! object in front of its fields, an array or NDJSON in each element); the
//! search output always has `facets`, and its highlights in characters and
//! bytes.

use crate::common;
use serde_json::Value;

fn json(out: std::process::Output) -> Value {
    serde_json::from_str(&common::stdout_of(out)).expect("JSON")
}

#[test]
fn every_json_output_has_a_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(dir.path());
    let index = dir.path().join("index");
    let p = || common::paragraf(&index);
    let v = json(
        p().arg("index")
            .arg(&archive)
            .arg("--json")
            .output()
            .unwrap(),
    );
    assert_eq!(v["schema_version"], 1, "index: {v}");

    let v = json(
        p().args(["search", "kvalitetsbok", "--json"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["schema_version"], 1);
    // Facets always, empty when not asked for.
    assert!(v["facets"]["organ"].as_object().unwrap().is_empty(), "{v}");
    let hit = &v["hits"][0];
    let text = hit["snippet"]["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let (c0, c1) = (
        hit["snippet"]["char_highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["char_highlights"][0][1].as_u64().unwrap() as usize,
    );
    let (b0, b1) = (
        hit["snippet"]["byte_highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["byte_highlights"][0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[c0..c1].iter().collect::<String>(), text[b0..b1]);
    assert!(hit["title"]["text"].is_string());

    let id = hit["meeting"]["id"].as_str().unwrap().to_string();
    let number = hit["paragraph"]["number"].to_string();
    let v = json(p().args(["show", &id, &number, "--json"]).output().unwrap());
    assert_eq!(v["schema_version"], 1, "show: {v}");
    assert!(v["paragraph"]["title"].is_string());

    let v = json(p().args(["case", "23RS5009", "--json"]).output().unwrap());
    assert_eq!(v["schema_version"], 1, "case: {v}");

    let v = json(
        p().arg("parse")
            .arg("--json")
            .arg(archive.join("orebro.txt"))
            .output()
            .unwrap(),
    );
    assert_eq!(v["schema_version"], 1, "parse: {v}");
    let out = common::stdout_of(
        p().arg("parse")
            .arg("--ndjson")
            .arg(&archive)
            .output()
            .unwrap(),
    );
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["schema_version"], 1, "parse --ndjson: {line}");
    }

    common::stdout_of(
        p().args(["watch", "add", "kvalitet", "kvalitetsbok"])
            .output()
            .unwrap(),
    );
    let v = json(p().args(["watch", "list", "--json"]).output().unwrap());
    assert_eq!(v[0]["schema_version"], 1, "watch list: {v}");
    let out = p().args(["watch", "run", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["schema_version"], 1, "watch run: {v}");

    // Regression: `check --json` and `positions --json` had none.
    let v = json(p().args(["check", "--json"]).output().unwrap());
    assert_eq!(v["schema_version"], 1, "check: {v}");
    assert!(v["problems"].is_array(), "check: {v}");
    let out = p().args(["positions", "--json"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1, "positions: {v}");
    assert!(
        v["paragraphs"].is_array() && v["summary"].is_array(),
        "positions: {v}"
    );
}
