//! Bad input, each case a test: a clear message naming the file (and line)
//! or the query, the rest of the archive indexed, and the documented exit
//! code (0 done, 1 nothing found, 2 error).
#![cfg(unix)]

use crate::common;

use assert_cmd::Command;
use common::OREBRO;
use predicates::prelude::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// § in the Örebro sample protocol.
const OREBRO_PARAGRAPHS: u64 = 4;

fn paragraf(index: &Path) -> Command {
    let mut c = Command::cargo_bin("paragraf").unwrap();
    c.env("PARAGRAF_INDEX", index).env("NO_COLOR", "1");
    c
}

/// A temporary archive holding the Örebro sample protocol, and an index path.
struct Setup {
    _tmp: tempfile::TempDir,
    archive: PathBuf,
    index: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let index = tmp.path().join("index");
    Setup {
        _tmp: tmp,
        archive,
        index,
    }
}

/// Runs `paragraf index ARCHIVE --json`: (exit code, summary, stderr).
fn index(s: &Setup) -> (i32, Value, String) {
    let out = paragraf(&s.index)
        .arg("index")
        .arg(&s.archive)
        .arg("--json")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let summary = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON summary ({e}); stderr: {stderr}"));
    (out.status.code().unwrap(), summary, stderr)
}

fn hits(s: &Setup, query: &str) -> u64 {
    let out = paragraf(&s.index)
        .args(["search", query, "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["total"].as_u64().unwrap()
}

#[test]
fn binary_file_with_text_extension_is_a_warning_and_the_rest_indexed() {
    let s = setup();
    std::fs::write(
        s.archive.join("scan.txt"),
        b"%PDF\x00\x01\x02\xff\xfe binary",
    )
    .unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS);
    assert!(
        stderr.contains("warning: ") && stderr.contains("scan.txt: not a text file"),
        "{stderr}"
    );
}

#[test]
fn windows_1252_text_is_decoded_and_searchable() {
    let s = setup();
    // "§ 1 Mötets öppnande" and "Ärendet gäller vägföreningen" in Windows-1252.
    let text = b"Protokoll\n\xa7 1 M\xf6tets \xf6ppnande\nOrdf\xf6randen \xf6ppnar m\xf6tet.\n\xa7 2 \xc4rendet om v\xe4gf\xf6reningen\nBeslut i \xe4rendet.\n";
    std::fs::write(s.archive.join("latin.txt"), text).unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + 2);
    assert_eq!(hits(&s, "vägföreningen"), 1);
    assert_eq!(hits(&s, "title:mötets"), 1);
}

#[test]
fn empty_file_and_file_without_paragraphs_are_warnings_naming_them() {
    let s = setup();
    std::fs::write(s.archive.join("empty.txt"), "").unwrap();
    std::fs::write(
        s.archive.join("kallelse.txt"),
        "Kallelse till sammanträde\nTid: 13.00\n",
    )
    .unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS);
    for name in ["empty.txt", "kallelse.txt"] {
        assert!(
            stderr.contains(&format!("{name}: no § paragraphs found")),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn duplicate_paragraph_number_is_a_warning_with_file_and_line_and_no_text_is_lost() {
    let s = setup();
    std::fs::write(
        s.archive.join("dubbel.txt"),
        "Protokoll\n§ 1 Öppnande\nText.\n§ 2 Val av ordförande\nValet förrättades.\n§ 2 Val av vice ordförande\nVicevalet förrättades.\n§ 3 Avslutning\nSlut.\n",
    )
    .unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + 3);
    assert!(
        stderr.contains("dubbel.txt:6: § 2 heading repeated (first at line 4)"),
        "{stderr}"
    );
    assert_eq!(summary["warnings"][0]["line"], 6);
    // The repeated heading's text is searchable, within § 2.
    assert_eq!(hits(&s, "vicevalet"), 1);
    paragraf(&s.index)
        .args(["parse"])
        .arg(s.archive.join("dubbel.txt"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "dubbel.txt:6: § 2 heading repeated",
        ));
}

#[test]
fn hundred_megabyte_file_is_indexed_whole() {
    let s = setup();
    // One long protocol: 8 300 § of about 12 KB each, built from real text
    // (§ numbers have at most four digits).
    let body = std::fs::read_to_string(common::sample_data().join(OREBRO)).unwrap();
    let body: String = body
        .lines()
        .filter(|l| !l.trim_start().starts_with('§'))
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.repeat(12_000 / body.len() + 1);
    let end = (0..=12_000)
        .rev()
        .find(|&i| body.is_char_boundary(i))
        .unwrap();
    let chunk = &body[..end];
    let mut text = String::with_capacity(105_000_000);
    text.push_str("Protokoll\nKommunfullmäktige\n");
    let mut n = 0;
    while text.len() < 100_000_000 {
        n += 1;
        text.push_str(&format!(
            "§ {n} Ärende nummer {n}\nDiarienummer KS 2024/{n}\n{chunk}\n"
        ));
    }
    std::fs::write(s.archive.join("stor.txt"), &text).unwrap();
    drop(text);
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + n);
    assert_eq!(hits(&s, &format!("\"Ärende nummer {n}\"")), 1);
}

#[test]
fn unreadable_file_is_an_error_naming_it_exit_2_and_the_rest_indexed() {
    let s = setup();
    let secret = s.archive.join("hemlig.txt");
    std::fs::copy(common::sample_data().join(OREBRO), &secret).unwrap();
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // As root, file permissions do not apply; drop the capabilities that
    // override them, so the test checks what a normal user gets.
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    let bin = assert_cmd::cargo::cargo_bin("paragraf");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.arg("--bounding-set=-dac_override,-dac_read_search")
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let out = cmd
        .env("PARAGRAF_INDEX", &s.index)
        .arg("index")
        .arg(&s.archive)
        .arg("--json")
        .output()
        .expect("running paragraf (as root this test needs setpriv from util-linux)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: ") && stderr.contains("hemlig.txt: cannot read: Permission denied"),
        "{stderr}"
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS);
    assert_eq!(summary["skipped"][0]["error"], true);
}

#[test]
fn symlink_loop_is_an_error_naming_it_exit_2_and_the_rest_indexed() {
    let s = setup();
    std::os::unix::fs::symlink("..", s.archive.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", s.archive.join("self.txt")).unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS);
    assert!(stderr.contains("loop: cannot read:"), "{stderr}");
    assert!(stderr.contains("self.txt: cannot read:"), "{stderr}");
}

#[test]
fn non_utf8_file_name_is_indexed_and_shown_readably() {
    let s = setup();
    let name = OsStr::from_bytes(b"m\xf6te-2024.txt");
    std::fs::write(
        s.archive.join(name),
        "Protokoll\n§ 1 Budgetuppföljning\nEkonomichefen redovisar prognosen.\n",
    )
    .unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + 1);
    let out = paragraf(&s.index)
        .args(["search", "budgetuppföljning", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert!(
        v["hits"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("m\u{fffd}te-2024.txt"),
        "{v}"
    );
    // Unchanged on the next run: the name is recognised again.
    let (code, summary, _) = index(&s);
    assert_eq!(code, 0);
    assert_eq!(summary["parsed"], 0);
    assert_eq!(summary["removed"], 0);
}

#[test]
fn bad_folder_config_is_an_error_with_file_and_line_and_the_rest_indexed() {
    let s = setup();
    let bad = s.archive.join("ks");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(
        bad.join("paragraf.toml"),
        "organisation = \"Göteborgs Stad\"\norgan = \n",
    )
    .unwrap();
    std::fs::copy(common::sample_data().join(OREBRO), bad.join("ks.txt")).unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS);
    assert!(stderr.contains("paragraf.toml: line 2:"), "{stderr}");
}

#[test]
fn bad_queries_name_the_problem_and_its_column() {
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    for (query, message, caret) in [
        ("budget \"Krav och", "unclosed quote", "       ^"),
        ("(budget OR plan", "(", "^"),
        ("budget)", ")", "      ^"),
        ("nosuchfield:budget", "nosuchfield", "^"),
    ] {
        let out = paragraf(&s.index).args(["search", query]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{query}: {stderr}");
        assert!(stderr.contains("bad query"), "{query}: {stderr}");
        assert!(stderr.contains(message), "{query}: {stderr}");
        assert!(stderr.contains(query), "{query}: {stderr}");
        assert!(
            stderr.lines().any(|l| l.trim_end() == format!("  {caret}")),
            "{query}: caret {caret:?} in {stderr}"
        );
    }
}

#[test]
fn deeply_nested_query_is_an_error_not_a_crash() {
    // Found by fuzzing: thousands of "(" overflowed the stack and aborted.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let query = format!("{}budget{}", "(".repeat(20_000), ")".repeat(20_000));
    paragraf(&s.index)
        .args(["search", &query])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "parentheses nested more than 64 deep",
        ));
}

#[test]
fn index_of_an_older_schema_version_is_refused_with_the_fix() {
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let marker = s.index.join("paragraf.json");
    let text = std::fs::read_to_string(&marker).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    // Older than any version this build opens (index-schema/ `opens`).
    let old = 0;
    let mut v = v;
    v["schema_version"] = old.into();
    std::fs::write(&marker, v.to_string()).unwrap();
    paragraf(&s.index)
        .args(["search", "budget"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "index built with schema version {old}"
        )))
        .stderr(predicate::str::contains("--rebuild"));
    paragraf(&s.index)
        .arg("index")
        .arg(&s.archive)
        .arg("--rebuild")
        .assert()
        .code(0);
    assert!(hits(&s, "primärvård") > 0);
}
