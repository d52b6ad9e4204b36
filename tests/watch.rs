//! Saved searches (`paragraf watch`): a new § is reported once, after its
//! protocol is indexed, and never again.

use crate::common;

use common::paragraf;
use paragraf::search::watch::Watches;
use paragraf::{Index, SearchRequest};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// sample-data copied into `dir/archive`.
fn copy_sample(dir: &Path) -> std::path::PathBuf {
    let archive = dir.join("archive");
    for entry in walkdir::WalkDir::new(common::sample_data()) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(common::sample_data())
            .unwrap()
            .to_path_buf();
        let to = archive.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    archive
}

/// A new protocol with one § about the Krav- och kvalitetsbok.
fn add_protocol(archive: &Path) {
    common::write_protocol(
        archive,
        "Region Örebro län",
        "Regionstyrelsen",
        "2024-01-16",
        &[(
            12,
            "23RS5009",
            "Fastställande av Krav- och kvalitetsbok 2024",
            "Regionstyrelsen beslutar att fastställa Krav- och kvalitetsboken för Hälsoval.",
        )],
    );
}

/// New § reported by a run, over all watches.
fn news_count(watches: &mut Watches, index: &Index) -> usize {
    run(watches, index).iter().map(|n| n.hits.len()).sum()
}

/// A run: the news, then recorded as delivered.
fn run(watches: &mut Watches, index: &Index) -> Vec<paragraf::search::watch::WatchNews> {
    let news = watches.news(index).unwrap();
    watches.record(&news).unwrap();
    news
}

#[test]
fn a_watch_reports_a_new_paragraph_once() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = copy_sample(tmp.path());
    let index = Index::create(&tmp.path().join("index")).unwrap();
    index.sync(&archive).unwrap();

    let mut watches = Watches::open(&index).unwrap();
    let seen = watches
        .add(&index, "kravbok", SearchRequest::new("kvalitetsbok"))
        .unwrap();
    assert!(seen >= 2, "the Örebro § 77 and § 78 match already");
    let mut organ = SearchRequest::new("kvalitetsbok");
    organ.organ = Some("Regionstyrelsens arbetsutskott".into());
    watches.add(&index, "utskottet", organ).unwrap();
    // What matched when the watch was added is not news.
    assert_eq!(watches.list().len(), 2);
    assert_eq!(news_count(&mut watches, &index), 0);
    drop(watches);

    add_protocol(&archive);
    index.sync(&archive).unwrap();
    let mut watches = Watches::open(&index).unwrap();
    let news = run(&mut watches, &index);
    let found: Vec<(&str, u32, &str)> = news
        .iter()
        .flat_map(|n| {
            n.hits.iter().map(|h| {
                (
                    n.name.as_str(),
                    h.paragraph.number,
                    h.meeting.organ.as_deref().unwrap_or(""),
                )
            })
        })
        .collect();
    // The utskott's filter leaves the new Regionstyrelsen § out.
    assert_eq!(found, [("kravbok", 12, "Regionstyrelsen")]);
    assert!(watches.list().iter().all(|w| w.last_run.is_some()));

    // The next run, and one after indexing again, report nothing.
    assert_eq!(news_count(&mut watches, &index), 0);
    drop(watches);
    index.sync(&archive).unwrap();
    let mut watches = Watches::open(&index).unwrap();
    assert_eq!(news_count(&mut watches, &index), 0);

    assert!(watches.remove("utskottet").unwrap());
    assert!(!watches.remove("utskottet").unwrap());
    assert_eq!(watches.list().len(), 1);
    // A taken name is refused.
    assert!(
        watches
            .add(&index, "kravbok", SearchRequest::new("budget"))
            .is_err()
    );
}

/// Indexes `archive` into `index` with the CLI.
fn cli_index(index: &Path, archive: &Path) {
    paragraf(index).arg("index").arg(archive).assert().success();
}

/// sample-data copied and indexed with the CLI, with the watch `kravbok`
/// (`args` added to `watch add kravbok kvalitetsbok`); then a new protocol
/// is added to the archive (and indexed if `index_new`).
fn cli_watched(
    tmp: &Path,
    args: &[&str],
    index_new: bool,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let archive = copy_sample(tmp);
    let index = tmp.join("index");
    cli_index(&index, &archive);
    paragraf(&index)
        .args(["watch", "add", "kravbok", "kvalitetsbok"])
        .args(args)
        .assert()
        .success();
    assert!(Watches::path_for(&index).is_file());
    // What matched at `add` is not news.
    paragraf(&index).args(["watch", "run"]).assert().code(1);
    add_protocol(&archive);
    if index_new {
        cli_index(&index, &archive);
    }
    (archive, index)
}

#[test]
fn cli_watch_add_run_list_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let (archive, index) = cli_watched(tmp.path(), &["--from", "2023"], false);
    // Not indexed yet: nothing new.
    paragraf(&index).args(["watch", "run"]).assert().code(1);
    cli_index(&index, &archive);

    // A bad query is refused with the parser's caret.
    paragraf(&index)
        .args(["watch", "add", "trasig", "\"unclosed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("^"));
    paragraf(&index)
        .args(["watch", "run"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("kravbok: 1 new §"))
        .stdout(predicate::str::contains(
            "§ 12 Fastställande av Krav- och kvalitetsbok 2024",
        ));
    let out = paragraf(&index)
        .args(["watch", "run", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json[0]["name"], "kravbok");
    assert_eq!(json[0]["hits"].as_array().unwrap().len(), 0);

    paragraf(&index)
        .args(["watch", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("kravbok"))
        .stdout(predicate::str::contains("--from \"2023\""));
    // --index after the action works as well as PARAGRAF_INDEX.
    assert_cmd::Command::cargo_bin("paragraf")
        .unwrap()
        .env_remove("PARAGRAF_INDEX")
        .args(["watch", "remove", "kravbok", "--index"])
        .arg(&index)
        .assert()
        .success();
    paragraf(&index)
        .args(["watch", "remove", "kravbok"])
        .assert()
        .code(1);
    paragraf(&index).args(["watch", "list"]).assert().code(1);
}

#[test]
fn two_runs_at_once_report_a_new_paragraph_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, index) = cli_watched(tmp.path(), &[], true);

    let bin = assert_cmd::cargo::cargo_bin("paragraf");
    let runs: Vec<std::process::Child> = (0..2)
        .map(|_| {
            std::process::Command::new(&bin)
                .args(["watch", "run", "--json"])
                .env("PARAGRAF_INDEX", &index)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut reported = 0;
    for run in runs {
        let out = run.wait_with_output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        reported += json[0]["hits"].as_array().unwrap().len();
    }
    assert_eq!(reported, 1);
}

#[test]
fn watch_news_that_cannot_be_written_is_reported_again() {
    // Regression: `watch run` recorded the § as seen before writing them, so
    // news written to a full disk (here /dev/full) or a closed pipe was
    // lost for good.
    let tmp = tempfile::tempdir().unwrap();
    let (_archive, index) = cli_watched(tmp.path(), &[], true);
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (a device that is always full)");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("paragraf"))
        .env("PARAGRAF_INDEX", &index)
        .args(["watch", "run", "--json"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    // Not delivered, so not seen: the next run reports it.
    let out = paragraf(&index)
        .args(["watch", "run", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let news: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(news[0]["hits"].as_array().unwrap().len(), 1, "{news}");
    // Delivered now: nothing new after.
    paragraf(&index).args(["watch", "run"]).assert().code(1);
}

#[test]
fn one_watch_that_cannot_run_is_named_and_the_others_run() {
    // Regression: one bad saved watch failed the whole `watch run` without
    // naming it, and the other watches' news was not delivered.
    let tmp = tempfile::tempdir().unwrap();
    let (_archive, index) = cli_watched(tmp.path(), &[], true);
    paragraf(&index)
        .args(["watch", "add", "gammal", "budget"])
        .assert()
        .success();
    // A saved query that no longer parses (as after a change of the query
    // language), edited into the file.
    let path = Watches::path_for(&index);
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for w in file["watches"].as_array_mut().unwrap() {
        if w["name"] == "gammal" {
            w["request"]["query"] = "nosuchfield:budget".into();
        }
    }
    std::fs::write(&path, file.to_string()).unwrap();
    let out = paragraf(&index)
        .args(["watch", "run", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("watch \"gammal\"") && stderr.contains("nosuchfield"),
        "{stderr}"
    );
    let news: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kravbok = news
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "kravbok")
        .unwrap();
    assert_eq!(kravbok["hits"].as_array().unwrap().len(), 1, "{news}");
    // The good watch's news was recorded.
    let out = paragraf(&index)
        .args(["watch", "run", "--json"])
        .output()
        .unwrap();
    let news: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        news.as_array()
            .unwrap()
            .iter()
            .all(|n| n["hits"].as_array().unwrap().is_empty()),
        "{news}"
    );
}
