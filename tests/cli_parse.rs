//! `paragraf parse` driven as a user would: the real binary on sample-data.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn paragraf() -> Command {
    Command::cargo_bin("paragraf").unwrap()
}

const OREBRO: &str =
    "region-orebro-lan/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05.txt";

#[test]
fn json_for_one_file_is_one_object() {
    let out = paragraf()
        .arg("parse")
        .arg("--json")
        .arg(common::sample_data().join(OREBRO))
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v["meeting"]["organ"], "Regionstyrelsens arbetsutskott");
    let numbers: Vec<u64> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [76, 77, 78, 79]);
    assert_eq!(v["paragraphs"][1]["decision"]["kind"], "proposal");
}

#[test]
fn ndjson_has_one_line_per_paragraph_with_its_meeting() {
    let out = paragraf()
        .arg("parse")
        .arg("--ndjson")
        .arg(common::sample_data())
        .output()
        .unwrap();
    let text = common::stdout_of(out);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Count the § of every sample file through the library.
    let expected: usize = paragraf::index::walk(&[common::sample_data()])
        .into_iter()
        .map(|f| {
            let f = f.unwrap();
            paragraf::protocol::parse_file_with(&f.path, &f.meta)
                .unwrap()
                .paragraphs
                .len()
        })
        .sum();
    assert!(expected > 100);
    assert_eq!(lines.len(), expected);
    for l in &lines {
        assert!(l["meeting"]["id"].is_string());
        assert!(l["paragraph"]["number"].is_u64());
    }
    // Folder metadata (paragraf.toml) reached the Göteborg files.
    assert!(
        lines
            .iter()
            .any(|l| l["meeting"]["organisation"] == "Göteborgs Stad"
                && l["meeting"]["organ"] == "Kommunfullmäktige")
    );
}

#[test]
fn outline_lists_paragraphs_with_case_numbers() {
    paragraf()
        .arg("parse")
        .arg(common::sample_data().join(OREBRO))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Region Örebro län · Regionstyrelsens arbetsutskott · 2023-12-05",
        ))
        .stdout(predicate::str::contains(
            "§ 78   Revidering av Krav- och kvalitetsbok för Hälsoval Örebro län 2024  [23RS11979]",
        ));
}

#[test]
fn file_without_paragraphs_is_a_warning_naming_it_and_the_rest_is_parsed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("kallelse.txt"),
        "Kallelse till sammanträde\n",
    )
    .unwrap();
    std::fs::copy(
        common::sample_data().join(OREBRO),
        tmp.path().join("orebro.txt"),
    )
    .unwrap();
    paragraf()
        .arg("parse")
        .arg(tmp.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "kallelse.txt: no § paragraphs found",
        ))
        .stdout(predicate::str::contains("§ 77"));
}

#[test]
fn nothing_found_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("empty.txt"), "").unwrap();
    paragraf()
        .arg("parse")
        .arg(tmp.path().join("empty.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.txt"));
}

#[test]
fn missing_path_exits_2_naming_it() {
    paragraf()
        .arg("parse")
        .arg("/no/such/archive")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/archive"));
}

#[test]
fn bad_folder_config_exits_2_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("paragraf.toml"),
        "organisation = \"A\"\norgan = [\n",
    )
    .unwrap();
    std::fs::copy(
        common::sample_data().join(OREBRO),
        tmp.path().join("orebro.txt"),
    )
    .unwrap();
    paragraf()
        .arg("parse")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("paragraf.toml:"));
}

#[test]
fn binary_file_with_text_extension_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("scan.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    )
    .unwrap();
    paragraf()
        .arg("parse")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("scan.txt: not a text file"));
}

/// A protocol laid out in capitals: the running head, the signature boxes
/// at each page foot and the decision intro. (Made up on the pattern of
/// municipal minutes that print these in capitals.)
const CAPITALS: &str = "KOMMUNFULLMÄKTIGE\nSAMMANTRÄDESPROTOKOLL\nSAMMANTRÄDESDATUM: 2024-05-08\n\n\
§ 12 PROTOKOLLSJUSTERING\n\nKommunfullmäktige beslutar\n\n\
att ordföranden och Anna Ek (S) justerar dagens protokoll.\n\n\
§ 13 Dnr KS 2024/31\nBUDGET 2025\n\nÄRENDEBESKRIVNING\nBudgeten för 2025 ska fastställas.\n\n\
ORDFÖRANDENS SIGN    JUSTERANDES SIGN    UTDRAGSBESTYRKANDE\n\
\x0cKOMMUNFULLMÄKTIGE\nSAMMANTRÄDESPROTOKOLL\nSIDA 2 (3)\n\n\
BESLUT\n\
KOMMUNSTYRELSEN TILLSTYRKER EKONOMIKONTORETS FÖRSLAG OCH FÖRESLÅR ATT\n\
KOMMUNFULLMÄKTIGE BESLUTAR:\n\n\
att fastställa budgeten för 2025,\n\
att uppdra åt nämnderna att följa den.\n\n\
ORDFÖRANDENS SIGN\nJUSTERANDES SIGN\nUTDRAGSBESTYRKANDE\n\
\x0cKOMMUNFULLMÄKTIGE\nSAMMANTRÄDESPROTOKOLL\nSIDA 3 (3)\n\n\
§ 14\nVAL AV REVISORER\n\nÄRENDET\nValet bordläggs.\n\n\
KOMMUNSTYRELSENS FÖRSLAG TILL BESLUT\n\
KOMMUNFULLMÄKTIGE BESLUTAR\n\nATT BORDLÄGGA VALET.\n";

#[test]
fn ndjson_of_a_protocol_in_capitals_has_no_furniture_and_finds_the_decisions() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kf_2024-05-08.txt");
    std::fs::write(&file, CAPITALS).unwrap();
    let out = paragraf()
        .arg("parse")
        .arg("--ndjson")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = common::stdout_of(out);
    let paragraphs: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["paragraph"].clone())
        .collect();
    let titles: Vec<&str> = paragraphs
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["PROTOKOLLSJUSTERING", "BUDGET 2025", "VAL AV REVISORER"]
    );
    for p in &paragraphs {
        let body = p["body"].as_str().unwrap();
        for line in body.lines() {
            let furniture = ["KOMMUNFULLMÄKTIGE", "SAMMANTRÄDESPROTOKOLL"].contains(&line)
                || line.starts_with("SIDA ")
                || line.contains("SIGN")
                || line.contains("UTDRAGSBESTYRKANDE");
            assert!(!furniture, "{line:?} in {body:?}");
        }
    }
    let budget = &paragraphs[1]["decision"];
    assert_eq!(budget["kind"], "proposal");
    assert_eq!(budget["proposed_to"], "Kommunfullmäktige");
    assert_eq!(
        budget["clauses"],
        serde_json::json!([
            "fastställa budgeten för 2025",
            "uppdra åt nämnderna att följa den."
        ])
    );
    let election = &paragraphs[2]["decision"];
    assert_eq!(election["kind"], "decision");
    assert_eq!(election["clauses"], serde_json::json!(["BORDLÄGGA VALET."]));
}

#[test]
fn what_the_parser_could_not_find_is_named_per_file_with_a_count() {
    // Issue 15: a user sees which files of an archive parsed badly: here a
    // file without meeting date, organ or organisation, with a gap in its §
    // numbering; the sample protocol beside it has none of these.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("utdrag.txt");
    std::fs::write(
        &bad,
        "Protokoll\n\n§ 1 Val av justerare\nText.\n\n§ 2 Budget\nDnr KS 2024/1\nText.\n\n\
         § 4 Motion om cykelbanor\nDnr KS 2024/2\nText.\n",
    )
    .unwrap();
    let out = paragraf()
        .args(["parse", "--json"])
        .arg(&bad)
        .arg(common::sample_data().join(OREBRO))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "utdrag.txt:1: no meeting date, organ (the body that met) and organisation found"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("utdrag.txt:10: the § numbering has a gap: § 3 not found"),
        "{stderr}"
    );
    assert!(!stderr.contains("regionstyrelsens"), "{stderr}");
    assert!(
        stderr.contains("paragraf: 1 file with warnings"),
        "{stderr}"
    );
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v[0]["warnings"].as_array().unwrap().len(), 2);
    assert!(v[1].get("warnings").is_none());
}
