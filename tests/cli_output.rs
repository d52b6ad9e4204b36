//! What the command line prints, as a user reads it and pastes it:
//! 1. the `paragraf show` line under each hit runs as printed, and the
//!    source file is on a line of its own;
//! 2. `--limit 0` counts without showing hits; an `--offset` past the last
//!    hit says there are none there;
//! 3. counts agree in number with their nouns ("1 file", "1 meeting");
//! 4. `watch run` says when nothing is new;
//! 5. on a terminal, lines wrap to its width keeping their indentation, and
//!    the progress bar's rate is a whole number of files a second; pipes
//!    get whole lines;
//! 6. on a terminal, `search` colours unless `NO_COLOR` is set.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn paragraf(index: &Path) -> Command {
    common::paragraf(index)
}

/// `word` quoted for `sh`.
fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[test]
fn show_line_under_a_hit_runs_as_printed_and_the_path_is_on_its_own() {
    // Regression: the line was `paragraf show ID N   PATH`, and pasted it
    // failed: the path became a third argument.
    let tmp = tempfile::tempdir().unwrap();
    // A folder name a shell splits, given with --index (not the variable).
    let index = common::index_sample(&tmp.path().join("mitt index"));
    let out = Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .env("NO_COLOR", "1")
        .args(["search", "kravbok", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let stdout = common::stdout_of(out);
    let lines: Vec<&str> = stdout.lines().collect();
    let shows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with("paragraf show "))
        .collect();
    assert_eq!(shows.len(), 2, "{stdout}");
    let bin = assert_cmd::cargo::cargo_bin("paragraf");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for &i in &shows {
        // The line as a shell runs it.
        let run = std::process::Command::new("sh")
            .arg("-c")
            .arg(lines[i].trim())
            .env("PATH", &path)
            .env_remove("PARAGRAF_INDEX")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}: {}",
            lines[i],
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).contains("Krav- och kvalitetsbok"));
        // The next line is the source file, alone.
        let source = lines[i + 1].trim();
        assert!(Path::new(source).is_file(), "{source:?}");
        assert!(source.ends_with("2023-12-05.txt"), "{source}");
    }
    // A word a shell would split or expand is quoted.
    assert!(
        lines[shows[0]].contains(&sh_quote(index.to_str().unwrap())),
        "{}",
        lines[shows[0]]
    );
}

#[test]
fn limit_0_counts_without_hits_and_an_offset_past_the_end_says_so() {
    // Regression: `--limit 0` showed one hit; `--offset 5000` said
    // "(showing 5001–5000)".
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    paragraf(&index)
        .args(["search", "kravbok", "--limit", "0"])
        .assert()
        .success()
        .stdout("2 hits for \"kravbok\"\n");
    let out = paragraf(&index)
        .args(["search", "kravbok", "-n", "0", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    paragraf(&index)
        .args(["search", "kravbok", "--offset", "5000"])
        .assert()
        .success()
        .stdout("2 hits for \"kravbok\" (none from 5001 on)\n");
    paragraf(&index)
        .args(["search", "kravbok", "--offset", "1"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "2 hits for \"kravbok\" (showing 2–2)\n",
        ));
}

#[test]
fn counts_of_one_are_singular() {
    // Regression: "1 protocol files found", "1 files", "1 meetings".
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let index = tmp.path().join("index");
    paragraf(&index)
        .args(["index", archive.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "paragraf: 1 protocol file found\n",
        ))
        .stderr(predicate::str::contains(": 1 file (1 parsed"))
        .stderr(predicate::str::contains(", 1 meeting and 4 § new"));
    paragraf(&index)
        .args(["case", "23RS5009"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Case 23RS5009: 1 § in 1 meeting, 0 references\n",
        ));
}

#[test]
fn watch_run_says_when_nothing_is_new() {
    // Regression: `watch run` printed nothing at all when nothing was new.
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    paragraf(&index)
        .args(["watch", "run"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no watches yet"));
    for (n, (name, query)) in [("kvalitet", "kravbok"), ("budget", "budget")]
        .into_iter()
        .enumerate()
    {
        paragraf(&index)
            .args(["watch", "add", name, query])
            .assert()
            .success();
        // One watch is singular.
        let watches = ["1 watch", "2 watches"][n];
        paragraf(&index)
            .args(["watch", "run"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("paragraf: no new § for {watches}\n"));
    }
}

/// Runs paragraf with its standard output and error on a terminal
/// `cols` columns wide (through util-linux `script`), colours off
/// (`NO_COLOR`); what the terminal showed, without carriage returns.
#[cfg(target_os = "linux")]
fn on_terminal(cols: u16, index: &Path, args: &[&str]) -> String {
    on_terminal_with(cols, index, args, &[("NO_COLOR", Some("1"))])
}

/// [`on_terminal`] with the environment variables `env` set (`Some`) or
/// removed (`None`).
#[cfg(target_os = "linux")]
fn on_terminal_with(
    cols: u16,
    index: &Path,
    args: &[&str],
    env: &[(&str, Option<&str>)],
) -> String {
    let bin = assert_cmd::cargo::cargo_bin("paragraf");
    let mut command = format!(
        "stty cols {cols} rows 50; {}",
        sh_quote(bin.to_str().unwrap())
    );
    for a in args {
        command.push(' ');
        command.push_str(&sh_quote(a));
    }
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("PARAGRAF_INDEX", index);
    for (name, value) in env {
        match value {
            Some(v) => script.env(name, v),
            None => script.env_remove(name),
        };
    }
    let out = script
        .output()
        .expect("util-linux `script` runs a command on a terminal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap().replace('\r', "")
}

#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_search_colours_unless_no_color_is_set() {
    // `--color auto` (the default) on a terminal: colours, and none with
    // NO_COLOR (https://no-color.org). Into a pipe both are plain
    // (`cli_conventions.rs: color_option_and_environment`); only a terminal
    // tells NO_COLOR apart.
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    let plain_env = [
        ("TERM", Some("xterm-256color")),
        ("CLICOLOR_FORCE", None),
        ("CLICOLOR", None),
    ];
    let run = |no_color: Option<&str>, args: &[&str]| {
        let mut env = plain_env.to_vec();
        env.push(("NO_COLOR", no_color));
        on_terminal_with(100, &index, args, &env)
    };
    let coloured = |s: &str| s.contains("\u{1b}[");
    let shown = run(None, &["search", "kravbok"]);
    assert!(
        shown.contains("kravbok") || shown.contains("Kravbok"),
        "{shown}"
    );
    assert!(coloured(&shown), "{shown}");
    let shown = run(None, &["--color", "auto", "search", "kravbok"]);
    assert!(coloured(&shown), "{shown}");
    let shown = run(Some("1"), &["search", "kravbok"]);
    assert!(shown.contains("hits for"), "{shown}");
    assert!(!coloured(&shown), "{shown:?}");
    let shown = run(Some("1"), &["--color", "auto", "search", "kravbok"]);
    assert!(!coloured(&shown), "{shown:?}");
    // `always` still colours.
    let shown = run(Some("1"), &["--color", "always", "search", "kravbok"]);
    assert!(coloured(&shown), "{shown}");
}

#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_hits_wrap_to_its_width_keeping_their_indent() {
    // Regression: snippets and titles ran past the terminal's edge and
    // wrapped back to its first column.
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    let shown = on_terminal(60, &index, &["search", "kravbok"]);
    let mut wrapped = 0;
    let mut in_hit = false;
    for line in shown.lines() {
        if line.trim_start().starts_with("paragraf show ") || line.trim_start().starts_with('/') {
            continue; // whole lines to paste, never wrapped
        }
        assert!(line.chars().count() <= 60, "{line:?}\n{shown}");
        if line.starts_with(" 1. ") || line.starts_with(" 2. ") {
            in_hit = true;
        } else if in_hit && !line.is_empty() {
            assert!(line.starts_with("    "), "{line:?}\n{shown}");
            wrapped += 1;
        }
    }
    // Each hit has a meeting line, a decision line and a snippet: more
    // lines than that are wrapped ones.
    assert!(wrapped > 6, "{shown}");
    // `case` too.
    let steps = on_terminal(50, &index, &["case", "23RS11979"]);
    let mut long = 0;
    for line in steps.lines() {
        if line.trim_start().starts_with("paragraf show ") {
            continue;
        }
        assert!(line.chars().count() <= 50, "{line:?}\n{steps}");
        long += usize::from(line.starts_with("    ") && !line.trim().is_empty());
    }
    assert!(long > 3, "{steps}");
    // Into a pipe, the snippet stays on one line.
    let piped = common::stdout_of(
        paragraf(&index)
            .args(["search", "kravbok"])
            .output()
            .unwrap(),
    );
    assert!(piped.lines().any(|l| l.chars().count() > 120), "{piped}");
}

#[cfg(target_os = "linux")]
#[test]
fn the_progress_bar_shows_a_whole_number_of_files_a_second() {
    // Regression: the rate read "589.9742/s".
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::data().join("corpus/real/goteborg");
    let shown = on_terminal(
        100,
        &tmp.path().join("index"),
        &["index", archive.to_str().unwrap()],
    );
    let rates = regex::Regex::new(r"\(([0-9.]+) files/s").unwrap();
    let found: Vec<&str> = rates
        .captures_iter(&shown)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(!found.is_empty(), "no rate shown:\n{shown}");
    for rate in found {
        let decimals = rate.split('.').nth(1).map_or(0, str::len);
        assert!(decimals <= 1, "{rate} files/s");
    }
    assert!(!regex::Regex::new(r"\d\.\d{2,}/s").unwrap().is_match(&shown));
}
