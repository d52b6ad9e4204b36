//! What `show` and `export` serve, and when files are parsed again:
//! 1. `show` and `export` serve the § as it was parsed at index time (its
//!    sections and recipients), not a parse of its text by this build;
//! 2. records written before the sections were stored still read, their
//!    sections made from the body;
//! 3. the index records the parser version of each file, and the next
//!    `paragraf index` parses again the files another version parsed, and
//!    says so.

use crate::common;

use serde_json::{Value, json};
use std::path::Path;

const OREBRO_ID: &str = "region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05";

fn indexed_orebro(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let archive = common::archive_with_orebro(dir);
    let index = dir.join("index");
    common::paragraf(&index)
        .args(["index", archive.to_str().unwrap()])
        .assert()
        .success();
    (archive, index)
}

fn show_json(index: &Path, number: &str) -> Value {
    let out = common::paragraf(index)
        .args(["show", OREBRO_ID, number, "--json"])
        .output()
        .unwrap();
    serde_json::from_str(&common::stdout_of(out)).unwrap()
}

#[test]
fn show_and_export_serve_what_was_stored_at_index_time() {
    // Regression: `show` and `export` parsed the stored body again, so
    // after a parser change they showed sections and recipients that the
    // index (its hits, its decisions) had never had.
    let tmp = tempfile::tempdir().unwrap();
    let (_, index) = indexed_orebro(tmp.path());
    let before = show_json(&index, "79");
    assert!(
        !before["paragraph"]["sections"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // What an earlier parser might have made of § 79.
    common::edit_stored_records(&index, "paragraph", |r| {
        if r["number"] == 79 {
            r["stored_sections"] =
                json!([{"heading": "Som indexerat", "text": "Så som det delades."}]);
            r["sent_to"] = json!(["Mottagare vid indexeringen"]);
        }
    });
    let shown = show_json(&index, "79");
    assert_eq!(
        shown["paragraph"]["sections"],
        json!([{"heading": "Som indexerat", "text": "Så som det delades."}])
    );
    assert_eq!(
        shown["paragraph"]["sent_to"],
        json!(["Mottagare vid indexeringen"])
    );
    assert_eq!(shown["paragraph"]["body"], before["paragraph"]["body"]);
    let out = common::paragraf(&index)
        .args(["export", "--ndjson"])
        .output()
        .unwrap();
    let exported: Vec<Value> = common::stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let p79 = exported.iter().find(|l| l["number"] == 79).unwrap();
    assert_eq!(
        p79["record"]["paragraph"]["sent_to"],
        json!(["Mottagare vid indexeringen"])
    );
}

#[test]
fn records_without_stored_sections_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, index) = indexed_orebro(tmp.path());
    let before = show_json(&index, "78");
    common::edit_stored_records(&index, "paragraph", |r| {
        r.as_object_mut().unwrap().remove("stored_sections");
    });
    assert_eq!(show_json(&index, "78"), before);
}

#[test]
fn a_new_parser_version_parses_every_file_again_on_the_next_index() {
    // Regression: an unchanged file was never parsed again, so an index
    // kept the parse of whichever version first indexed each file.
    let tmp = tempfile::tempdir().unwrap();
    let (archive, index) = indexed_orebro(tmp.path());
    let run = || -> Value {
        let out = common::paragraf(&index)
            .args(["index", archive.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        serde_json::from_str(&common::stdout_of(out)).unwrap()
    };
    let again = run();
    assert_eq!(
        (again["parsed"].clone(), again["unchanged"].clone()),
        (json!(0), json!(1))
    );
    // The file as an older parser (and an older build, without a version) left it.
    common::edit_stored_records(&index, "file", |r| {
        r.as_object_mut().unwrap().remove("parser");
    });
    let out = common::paragraf(&index)
        .args(["index", archive.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("(1 parsed, 1 of them for a new parser version, 0 unchanged"),
        "{stderr}"
    );
    let after = run();
    assert_eq!(
        (after["parsed"].clone(), after["reparsed"].clone()),
        (json!(0), json!(0))
    );
    assert_eq!(after["total_paragraphs"], again["total_paragraphs"]);
    assert_eq!(show_json(&index, "78")["paragraph"]["number"], 78);
}
