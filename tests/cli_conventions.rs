//! The conventions users of ripgrep and fd expect:
//! 1. shell completions for five shells and a man page, made from the
//!    clap definitions;
//! 2. `--color auto|always|never`, with `NO_COLOR` and `CLICOLOR_FORCE`
//!    honoured under `auto`;
//! 3. short flags for the common options: `-n` limit, `-j` JSON, `-i`
//!    index, `-q` quiet indexing;
//! 4. a query that begins with `-` needs no `--`.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn completions_for_every_shell_and_a_man_page_are_generated() {
    for (shell, mark) in [
        ("bash", "complete -F _paragraf"),
        ("zsh", "#compdef paragraf"),
        ("fish", "complete -c paragraf"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[paragraf]"),
    ] {
        Command::cargo_bin("paragraf")
            .unwrap()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(mark))
            // Subcommands and their options are in it.
            .stdout(predicate::str::contains("watch"))
            .stdout(predicate::str::contains("limit"));
    }
    Command::cargo_bin("paragraf")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
    Command::cargo_bin("paragraf")
        .unwrap()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH paragraf 1"))
        .stdout(predicate::str::contains("search"))
        .stdout(predicate::str::contains(
            "Search engine for Swedish meeting minutes",
        ));
}

#[test]
fn color_option_and_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    let run = |args: &[&str], env: &[(&str, &str)]| -> String {
        let mut c = Command::cargo_bin("paragraf").unwrap();
        c.env("PARAGRAF_INDEX", &index)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .args(["search", "kravbok"])
            .args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        common::stdout_of(c.output().unwrap())
    };
    let coloured = |s: &str| s.contains("\u{1b}[");
    // Into a pipe: plain by default, coloured when asked or forced.
    assert!(!coloured(&run(&[], &[])));
    assert!(coloured(&run(&["--color", "always"], &[])));
    assert!(coloured(&run(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(coloured(&run(&["--color", "always"], &[("NO_COLOR", "1")])));
    assert!(!coloured(&run(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    )));
    assert!(!coloured(&run(&["--color=auto"], &[])));
    // A global option: before the subcommand too.
    let mut c = Command::cargo_bin("paragraf").unwrap();
    let out = c
        .env("PARAGRAF_INDEX", &index)
        .args(["--color", "always", "search", "kravbok"])
        .output()
        .unwrap();
    assert!(coloured(&common::stdout_of(out)));
    Command::cargo_bin("paragraf")
        .unwrap()
        .args(["--color", "sometimes", "search", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("auto"));
}

#[test]
fn short_flags_for_the_common_options() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let index = tmp.path().join("index");
    // -q: nothing on standard error when all goes well; -i: the index.
    Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .args(["index", "-q", archive.to_str().unwrap(), "-i"])
        .arg(&index)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let out = Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .args(["search", "-n", "1", "-j", "kravbok", "-i"])
        .arg(&index)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    // -j for every --json (parse, show, case, watch, check as well).
    let out = Command::cargo_bin("paragraf")
        .unwrap()
        .args(["parse", "-j"])
        .arg(archive.join("orebro.txt"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 4);
    Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .args(["check", "-j", "-i"])
        .arg(&index)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("{"));
    // -q keeps errors.
    Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .args(["index", "-q"])
        .arg(tmp.path().join("no such archive"))
        .arg("-i")
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such archive"));
}

#[test]
fn a_query_that_begins_with_a_minus_needs_no_double_dash() {
    // Regression: `paragraf search "-utskott kravbok"` was read as options.
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    let total = |args: &[&str]| -> (i32, u64) {
        let out = common::paragraf(&index)
            .arg("search")
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        let code = out.status.code().unwrap();
        assert!(code < 2, "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
        (code, v["total"].as_u64().unwrap())
    };
    let reference = total(&["kravbok -rapport"]);
    assert_eq!(reference, (0, 1)); // one of the two § with "kravbok"
    assert_eq!(total(&["-rapport kravbok"]), reference);
    // Options still work before and after such a query.
    assert_eq!(total(&["-n", "1", "-rapport kravbok"]), reference);
    assert_eq!(total(&["-rapport kravbok", "-n", "1"]), reference);
}

#[test]
fn library_errors_name_no_flag_and_the_command_line_names_it() {
    // Regression: the library's errors named command-line flags
    // ("bad --from", "rebuild it with `paragraf index --rebuild ARCHIVE`"),
    // which mean nothing to a program that uses the library.
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::index_sample(&tmp.path().join("index"));
    let index = paragraf::Index::open(&dir).unwrap();
    let mut request = paragraf::SearchRequest::new("kravbok");
    request.from = Some("igår".into());
    let e = index.search(&request).unwrap_err().to_string();
    assert!(e.contains("bad from") && !e.contains("--"), "{e}");
    let e = paragraf::index::WalkOptions::new(&["a[b"], &[] as &[&str])
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad include") && !e.contains("--"), "{e}");
    drop(index);
    std::fs::write(dir.join("paragraf.json"), r#"{"schema_version": 999}"#).unwrap();
    let e = paragraf::Index::open(&dir).unwrap_err().to_string();
    assert!(
        e.contains("rebuild it from its archive") && !e.contains("--"),
        "{e}"
    );
    // The command line says what to type.
    common::paragraf(&dir)
        .args(["search", "kravbok"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "rebuild it with `paragraf index --rebuild ARCHIVE --index {}`",
            dir.display()
        )));
    let tmp2 = tempfile::tempdir().unwrap();
    let dir2 = common::index_sample(&tmp2.path().join("index"));
    common::paragraf(&dir2)
        .args(["search", "kravbok", "--from", "igår"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad --from: \"igår\""));
    common::paragraf(&dir2)
        .args(["index", "--include", "a[b", "sample-data"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad --include: a[b"));
}
