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
    // And what the parser could not find in it (no date, organ or
    // organisation), counted once for the file.
    assert_eq!(summary["files_with_warnings"], 1);
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
    // The bad byte as \xNN: the source names the file unambiguously.
    assert!(
        v["hits"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("m\\xf6te-2024.txt"),
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
    let query = format!("{}budget{}", "(".repeat(400), ")".repeat(400));
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

/// Runs paragraf with `args`: (exit code, stdout, stderr).
fn run(index: &Path, args: &[&str]) -> (i32, String, String) {
    let out = paragraf(index).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `command` as a user without the root's power over file permissions
/// (see `unreadable_file_is_an_error_naming_it_exit_2_and_the_rest_indexed`).
fn as_normal_user(command: &str) -> Command {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    let bin = assert_cmd::cargo::cargo_bin(command);
    if root {
        let mut c = Command::new("setpriv");
        c.arg("--bounding-set=-dac_override,-dac_read_search")
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    }
}

#[test]
fn unreadable_folder_config_keeps_the_paragraphs_it_governs() {
    // Regression: a paragraf.toml that could not be read (Latin-1 bytes, no
    // permission) removed every § it governed (554 -> 8 §), where a syntax
    // error kept them.
    let s = setup();
    let ks = s.archive.join("ks");
    std::fs::create_dir_all(&ks).unwrap();
    let toml = ks.join("paragraf.toml");
    std::fs::write(&toml, "organ = \"Kommunstyrelsen\"\n").unwrap();
    std::fs::copy(common::sample_data().join(OREBRO), ks.join("ks.txt")).unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], 2 * OREBRO_PARAGRAPHS);

    // Latin-1: "Kommunstyrelsen Göteborg" with ö as one byte.
    std::fs::write(&toml, b"organ = \"Kommunstyrelsen G\xf6teborg\"\n").unwrap();
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        summary["total_paragraphs"],
        2 * OREBRO_PARAGRAPHS,
        "{stderr}"
    );
    assert_eq!(summary["removed"], 0);
    assert!(
        stderr.contains("ks/paragraf.toml: cannot read")
            && stderr.contains("keep their § from the last run"),
        "{stderr}"
    );

    // No permission.
    std::fs::write(&toml, "organ = \"Kommunstyrelsen\"\n").unwrap();
    std::fs::set_permissions(&toml, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let out = as_normal_user("paragraf")
        .env("PARAGRAF_INDEX", &s.index)
        .arg("index")
        .arg(&s.archive)
        .arg("--json")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        summary["total_paragraphs"],
        2 * OREBRO_PARAGRAPHS,
        "{stderr}"
    );
    assert!(stderr.contains("Permission denied"), "{stderr}");
}

#[test]
fn file_names_that_differ_only_in_bytes_that_are_not_utf8_stay_three_files() {
    // Regression: `m\xe5te.txt`, `m\xe4te.txt` and `m\xf6te.txt` became one
    // name after lossy conversion: one § in the index, and which file it
    // came from changed from run to run.
    let s = setup();
    for (byte, word) in [(0xe5u8, "alfa"), (0xe4, "beta"), (0xf6, "gamma")] {
        let name = [b"m".as_slice(), &[byte], b"te.txt"].concat();
        std::fs::write(
            s.archive.join(OsStr::from_bytes(&name)),
            format!("Protokoll\n§ 1 Ärendet {word}\nText om {word}.\n"),
        )
        .unwrap();
    }
    let (code, summary, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + 3);
    for word in ["alfa", "beta", "gamma"] {
        assert_eq!(hits(&s, word), 1, "{word}");
    }
    let (code, summary, _) = index(&s);
    assert_eq!(code, 0);
    assert_eq!(
        (summary["parsed"].as_u64(), summary["removed"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(summary["total_paragraphs"], OREBRO_PARAGRAPHS + 3);
}

#[test]
fn export_writes_through_fifos_devices_and_links_and_replaces_only_regular_files() {
    // Regression: `export -o` renamed a temporary file over the target,
    // replacing a FIFO, a symbolic link or a device node (as root,
    // `-o /dev/null` destroyed the device).
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let dir = s.index.parent().unwrap();
    // A symbolic link: followed, the link kept.
    let real = dir.join("real.ndjson");
    std::fs::write(&real, "old\n").unwrap();
    let link = dir.join("link.ndjson");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, stderr) = run(
        &s.index,
        &["export", "--ndjson", "-o", link.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let lines = std::fs::read_to_string(&real).unwrap().lines().count() as u64;
    assert_eq!(lines, OREBRO_PARAGRAPHS);
    // A FIFO: written through to its reader, the FIFO kept.
    let fifo = dir.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, stderr) = run(
        &s.index,
        &["export", "--ndjson", "-o", fifo.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        reader.join().unwrap().lines().count() as u64,
        OREBRO_PARAGRAPHS
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A device (a null device made here; needs root).
    let null = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (code, _, stderr) = run(
            &s.index,
            &["export", "--ndjson", "-o", null.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(
            std::fs::symlink_metadata(&null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    // A regular file is replaced whole; nothing is left beside it.
    let file = dir.join("out.ndjson");
    std::fs::write(&file, "old\n").unwrap();
    let (code, _, stderr) = run(
        &s.index,
        &["export", "--ndjson", "-o", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap().lines().count() as u64,
        OREBRO_PARAGRAPHS
    );
    let tmp_left = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect::<Vec<_>>();
    assert!(tmp_left.is_empty(), "{tmp_left:?}");
}

#[test]
fn export_to_a_folder_is_an_error_and_leaves_no_temporary_file() {
    // Regression: `export -o DIR` wrote an 8 MB `DIR.ndjson.tmp` beside the
    // folder, failed to rename it and left it there.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let dir = s.index.parent().unwrap();
    let out_dir = dir.join("exports");
    std::fs::create_dir(&out_dir).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let (code, _, stderr) = run(
        &s.index,
        &["export", "--ndjson", "-o", out_dir.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("exports: is a folder"), "{stderr}");
    let after: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "{after:?}");
    // A folder that does not exist: said, nothing made.
    let missing = dir.join("no/such/folder/out.ndjson");
    let (code, _, stderr) = run(
        &s.index,
        &["export", "--ndjson", "-o", missing.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("out.ndjson"),
        "{stderr}"
    );
    assert!(!dir.join("no").exists());
}

#[test]
fn a_fifo_named_as_the_archive_is_an_error_saying_so() {
    // Regression: a FIFO named on the command line was passed over
    // without a word.
    let s = setup();
    let fifo = s.archive.parent().unwrap().join("fifo.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, stderr) = run(
        &s.index,
        &["index", fifo.to_str().unwrap(), s.archive.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("fifo.txt: cannot read: not a regular file"),
        "{stderr}"
    );
    assert!(hits(&s, "primärvård") > 0);
}

#[test]
fn a_very_long_query_word_and_a_query_of_many_words_are_refused() {
    // Regression: a 100,000-character word took 78 s (the snippet matcher
    // is quadratic in it) and a query of 21,000 words 17 s and 2.5 GB.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let long = "a".repeat(100_000);
    let (code, _, stderr) = run(&s.index, &["search", &long]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("longer than 1000 characters"), "{stderr}");
    // The message shows the query around the place, not all of it.
    assert!(stderr.len() < 1_000, "{} bytes of message", stderr.len());
    // (An argument is at most 128 KiB on Linux.)
    let many = "budget ".repeat(18_000);
    let (code, _, stderr) = run(&s.index, &["search", &many]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("longer than 1000 characters"), "{stderr}");
    let many = "ab ".repeat(150);
    let (code, _, stderr) = run(&s.index, &["search", &many]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("more than 100 words"), "{stderr}");
}

#[test]
fn limit_or_offset_near_2_pow_64_is_an_error_not_a_panic() {
    // Regression: "capacity overflow", exit 101.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let max = u64::MAX.to_string();
    let near = (u64::MAX - 5).to_string();
    for args in [
        ["search", "budget", "--limit", max.as_str()],
        ["search", "budget", "--offset", max.as_str()],
        ["search", "budget", "--offset", near.as_str()],
    ] {
        let (code, _, stderr) = run(&s.index, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("at most 10000"), "{args:?}: {stderr}");
    }
}

/// Flips bytes in the middle of every file of `kind` (an extension) in the
/// index, keeping each file's footer (its last 200 bytes) intact.
fn damage(index: &Path, kind: &str) -> Vec<String> {
    alter(index, kind, |bytes| {
        let n = bytes.len();
        if n < 400 {
            return false;
        }
        let step = ((n - 200) / 40).max(1);
        for i in (n / 8..n - 200).step_by(step) {
            bytes[i] ^= 0xff;
        }
        true
    })
}

/// Applies `change` to the bytes of every file of `kind` (an extension) in
/// the index, writing back those it changed (it returns true); their names.
fn alter(index: &Path, kind: &str, change: impl Fn(&mut Vec<u8>) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(OsStr::new(kind)) {
            continue;
        }
        let mut bytes = std::fs::read(&path).unwrap();
        if change(&mut bytes) {
            std::fs::write(&path, bytes).unwrap();
            names.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    names
}

#[test]
fn a_damaged_segment_file_is_named_with_the_fix_and_check_finds_it() {
    // Regression: a segment file with flipped bytes (footer intact)
    // panicked inside tantivy in search, export and index (exit 101).
    for kind in ["idx", "term", "pos", "store", "fast", "fieldnorm"] {
        let s = setup();
        // All of sample-data: files large enough to damage in the middle.
        for entry in walkdir::WalkDir::new(common::sample_data()) {
            let entry = entry.unwrap();
            let to = s
                .archive
                .join(entry.path().strip_prefix(common::sample_data()).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let (code, _, stderr) = index(&s);
        assert_eq!(code, 0, "{stderr}");
        let (code, out, stderr) = run(&s.index, &["check"]);
        assert_eq!(code, 0, "{out}{stderr}");
        assert!(out.contains("the index is sound"), "{out}");
        let damaged = damage(&s.index, kind);
        assert!(!damaged.is_empty(), "{kind}");
        // `check` names each damaged file.
        let (code, out, stderr) = run(&s.index, &["check"]);
        assert_eq!(code, 2, "{kind}: {out}{stderr}");
        for name in &damaged {
            assert!(
                out.contains(&format!("damaged: {name}: checksum")),
                "{kind}: {out}"
            );
        }
        // Every command that reads the index: exit 0/1 (the damage is not
        // on its way) or 2 naming a damaged file; never a panic.
        std::fs::write(
            s.archive.join("ny.txt"),
            "Protokoll\n§ 1 Budget för primärvård\nText.\n",
        )
        .unwrap();
        for args in [
            vec!["search", "primärvård"],
            vec!["search", "budget OR kvalitetsbok", "--facets"],
            vec!["search", "\"krav och kvalitetsbok\""],
            vec!["export", "--ndjson"],
            vec!["case", "23RS5009"],
            vec!["index", s.archive.to_str().unwrap()],
        ] {
            let (code, _, stderr) = run(&s.index, &args);
            assert!(
                code == 0 || code == 1 || code == 2,
                "{kind} {args:?}: exit {code}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{kind} {args:?}: {stderr}");
            if code == 2 {
                assert!(
                    stderr.contains("is damaged (")
                        && damaged.iter().any(|n| stderr.contains(n.as_str()))
                        && stderr.contains("paragraf index --rebuild ARCHIVE"),
                    "{kind} {args:?}: {stderr}"
                );
                assert!(!stderr.contains("tantivy 0.15"), "{stderr}");
            }
        }
        // The fix the message gives works.
        let (code, _, stderr) = run(
            &s.index,
            &["index", "--rebuild", s.archive.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{kind}: {stderr}");
        let (code, out, _) = run(&s.index, &["check"]);
        assert_eq!(code, 0, "{kind}: {out}");
    }
}

#[test]
fn a_damaged_column_file_is_refused_before_any_search_opens_it() {
    // Regression: a column file (.fast) with flipped bytes was opened and
    // read as it was; where its bytes claimed a huge length the index
    // library's allocation aborted the process (CI: exit by a signal in
    // `search --facets`, depending on where the bytes fell). Its checksum
    // is now verified before a segment is opened: every command that
    // reads the index names it, whatever the query touches.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    // One byte in the middle, far from the footer.
    let damaged = alter(&s.index, "fast", |bytes| {
        let i = bytes.len() / 3;
        bytes[i] ^= 0x01;
        true
    });
    assert!(!damaged.is_empty());
    // A word no § has: the search itself reads no column, yet is refused.
    for args in [
        vec!["search", "zzzxqw"],
        vec!["search", "budget", "--facets"],
        vec!["export", "--ndjson"],
        vec!["index", s.archive.to_str().unwrap()],
    ] {
        let (code, _, stderr) = run(&s.index, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("is damaged (")
                && damaged.iter().any(|n| stderr.contains(n.as_str()))
                && stderr.contains("checksum")
                && stderr.contains("paragraf index --rebuild ARCHIVE"),
            "{args:?}: {stderr}"
        );
    }
    let (code, _, stderr) = run(
        &s.index,
        &["index", "--rebuild", s.archive.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, out, stderr) = run(&s.index, &["search", "kvalitetsbok", "--facets"]);
    assert_eq!(code, 0, "{out}{stderr}");
}

#[test]
fn an_index_without_meta_json_is_damaged_and_a_search_writes_nothing() {
    // Regression: with meta.json missing, `search` answered "0 hits" and
    // wrote a new empty index into the folder.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(s.index.join("meta.json")).unwrap();
    let before: Vec<_> = std::fs::read_dir(&s.index)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let (code, _, stderr) = run(&s.index, &["search", "primärvård"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("meta.json is missing") && stderr.contains("--rebuild"),
        "{stderr}"
    );
    let after: Vec<_> = std::fs::read_dir(&s.index)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "{after:?}");
    assert!(!s.index.join("meta.json").exists());
}

#[test]
fn an_os_error_is_printed_once_and_a_failed_create_is_cannot_write() {
    // Regression: "No such file or directory (os error 2): No such file or
    // directory (os error 2)"; a folder that could not be made was
    // "cannot read".
    let s = setup();
    let (code, _, stderr) = run(&s.index, &["index", "/no/such/archive"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
    // An index folder under a file cannot be made.
    let file = s.archive.join("orebro.txt");
    let under = file.join("index");
    let out = Command::cargo_bin("paragraf")
        .unwrap()
        .args([
            "index",
            s.archive.to_str().unwrap(),
            "--index",
            under.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
    assert_eq!(stderr.matches("Not a directory").count(), 1, "{stderr}");
}

#[test]
fn a_failed_delete_is_cannot_delete_not_cannot_read() {
    // Regression: a file that could not be deleted was "cannot read" (then
    // "cannot write"). A run removes what a failed run left in the index
    // folder (here a temporary file) before it writes; a folder without
    // write permission keeps it.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let left = s.index.join(".tmp-left-by-a-killed-run");
    std::fs::write(&left, "x").unwrap();
    let mode = |m| std::os::unix::fs::PermissionsExt::from_mode(m);
    std::fs::set_permissions(&s.index, mode(0o555)).unwrap();
    let out = as_normal_user("paragraf")
        .env("PARAGRAF_INDEX", &s.index)
        .arg("index")
        .arg(&s.archive)
        .output()
        .unwrap();
    std::fs::set_permissions(&s.index, mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot delete {}: ", left.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot read"), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
    assert_eq!(stderr.matches("Permission denied").count(), 1, "{stderr}");
    assert!(left.exists());
    // With the permission back, the next run removes it.
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    assert!(!left.exists());
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_cannot_write_not_cannot_read() {
    // Regression: a write that failed was "cannot read". /dev/full takes
    // the file open and fails every write (as a full disk does).
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(&s.index, &["export", "--ndjson", "-o", "/dev/full"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot write /dev/full"), "{stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
    assert_eq!(
        stderr.matches("No space left on device").count(),
        1,
        "{stderr}"
    );
    // The watches file, beside the index: its temporary file cannot be made
    // where a folder is in the way.
    let watches = paragraf::search::watch::Watches::path_for(&s.index);
    let mut tmp = watches.clone().into_os_string();
    tmp.push(".tmp");
    std::fs::create_dir(&tmp).unwrap();
    let (code, _, stderr) = run(&s.index, &["watch", "add", "kvalitet", "kvalitetsbok"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn index_of_a_missing_archive_leaves_no_index_folder() {
    // Regression: `index NONEXISTENT` exited 2 but left an empty index
    // folder behind.
    let s = setup();
    let (code, _, stderr) = run(&s.index, &["index", "/no/such/archive"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("/no/such/archive"), "{stderr}");
    assert!(!s.index.exists());
}

#[test]
fn rebuild_of_the_index_folder_given_as_dot_from_inside_it() {
    // Regression: `--index .` inside an index emptied the folder and failed.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let out = Command::cargo_bin("paragraf")
        .unwrap()
        .current_dir(&s.index)
        .env_remove("PARAGRAF_INDEX")
        .args([
            "index",
            s.archive.to_str().unwrap(),
            "--index",
            ".",
            "--rebuild",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(hits(&s, "primärvård") > 0);
    let (code, out, _) = run(&s.index, &["check"]);
    assert_eq!(code, 0, "{out}");
}

/// True if this machine lets a test mount a small file system of its own
/// (`unshare` with user and mount namespaces, util-linux). CI must: there
/// a missing `unshare` fails the test instead of skipping it.
fn can_mount_tmpfs() -> bool {
    let ok = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI needs `unshare --user --map-root-user --mount` (util-linux, user namespaces)"
    );
    ok
}

#[test]
fn a_full_disk_is_said_in_words_and_the_failed_runs_files_are_removed() {
    // Regression: after a run failed on a full disk, its uncommitted segment
    // files stayed and kept the disk full, so every later run failed, even
    // one with nothing to do; the message was "Internal error".
    if !can_mount_tmpfs() {
        eprintln!("skipped: no unshare to mount a small file system");
        return;
    }
    let s = setup();
    let big = s.archive.parent().unwrap().join("big");
    for copy in 0..6 {
        let to = big.join(format!("c{copy}"));
        for entry in walkdir::WalkDir::new(common::sample_data()) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(common::sample_data()).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }
    let disk = s.archive.parent().unwrap().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let index = disk.join("index");
    let bin = assert_cmd::cargo::cargo_bin("paragraf");
    let p = |args: &str| format!("{} {args} --index {}", bin.display(), index.display());
    // A 300 KB file system: the Örebro index fits, six copies of
    // sample-data do not.
    let script = format!(
        "mount -t tmpfs -o size=300k tmpfs {disk} || exit 99
         {small} >/dev/null 2>&1; echo first=$?
         {big} 2>&1; echo second=$?
         echo used=$(du -sk {index} | cut -f1)
         {small} >/dev/null 2>&1; echo third=$?
         {search} >/dev/null 2>&1; echo search=$?",
        disk = disk.display(),
        index = index.display(),
        small = p(&format!("index {}", s.archive.display())),
        big = p(&format!("index {}", big.display())),
        search = p("search primärvård"),
    );
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("first=0"), "{text}");
    assert!(text.contains("the disk is full: free some space"), "{text}");
    assert!(text.contains("second=2"), "{text}");
    assert!(!text.contains("nternal error"), "{text}");
    let used: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("used="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        used < 150,
        "{used} KB left in the index after the failed run: {text}"
    );
    assert!(text.contains("third=0"), "{text}");
    assert!(text.contains("search=0"), "{text}");
}

#[test]
fn a_damaged_footer_is_named_once_without_tantivys_advice_for_old_versions() {
    // Regression: tantivy's message for a file whose footer is damaged was
    // printed three times, advising "tantivy 0.15 or above".
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let damaged = alter(&s.index, "store", |bytes| {
        let n = bytes.len();
        bytes[n - 4..].copy_from_slice(b"\0\0\0\0");
        true
    });
    for args in [vec!["search", "primärvård"], vec!["export", "--ndjson"]] {
        let (code, _, stderr) = run(&s.index, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("is damaged ("), "{stderr}");
        assert!(
            damaged.iter().any(|d| stderr.contains(d.as_str())),
            "{stderr}"
        );
        assert!(!stderr.contains("0.15"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let (code, out, _) = run(&s.index, &["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&damaged[0]), "{out}");
}

#[test]
fn a_case_number_of_thousands_of_characters_is_refused() {
    // A 90,000-character case number took seconds to look up.
    let s = setup();
    let (code, _, stderr) = index(&s);
    assert_eq!(code, 0, "{stderr}");
    let long = "KS 2024/1".repeat(10_000);
    let (code, _, stderr) = run(&s.index, &["case", &long]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("longer than 1000 characters"), "{stderr}");
    assert!(stderr.len() < 500, "{stderr}");
}
