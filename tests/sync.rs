//! Incremental indexing through the library: unchanged files are not
//! re-parsed, edited files' § are replaced, deleted files' § disappear, and
//! indexes of another schema version or folders that are not indexes are
//! refused with a clear error.

use crate::common;

use paragraf::Error;
use paragraf::index::{Index, SyncEvent, SyncOptions};
use paragraf::search::SearchRequest;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn total(index: &Index, query: &str) -> usize {
    index.search(&SearchRequest::new(query)).unwrap().total
}

use common::OREBRO;

#[test]
fn reindex_of_unchanged_archive_parses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let first = index.sync(&archive).unwrap();
    assert_eq!(first.files, 8);
    assert_eq!(first.parsed, 8);
    assert!(first.paragraphs > 200);
    let second = index.sync(&archive).unwrap();
    assert_eq!(second.parsed, 0);
    assert_eq!(second.unchanged, 8);
    assert_eq!(second.total_paragraphs, first.total_paragraphs);
    // Opening the index again sees the same.
    drop(index);
    let again = Index::open(&tmp.path().join("index")).unwrap();
    assert_eq!(again.stats().unwrap().paragraphs, first.total_paragraphs);
}

#[test]
fn reindex_of_unchanged_archive_commits_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let commits = |index: &Index| {
        let mut n = 0;
        let report = index
            .sync_with(
                std::slice::from_ref(&archive),
                &SyncOptions::default(),
                &mut |e| n += usize::from(matches!(e, SyncEvent::Committing)),
            )
            .unwrap();
        (report, n)
    };
    let (first, n) = commits(&index);
    assert!(n >= 1);
    // Nothing changed: no commit (nor merge) is made.
    let (second, n) = commits(&index);
    assert_eq!(second.unchanged, first.files);
    assert_eq!(second.total_paragraphs, first.total_paragraphs);
    assert_eq!(n, 0);
    // A removed file is a change.
    std::fs::remove_file(
        archive.join("goteborg/kommunstyrelsen/goteborg_kommunstyrelsen_2024-01-10.txt"),
    )
    .unwrap();
    let (third, n) = commits(&index);
    assert_eq!(third.removed, 1);
    assert_eq!(n, 1);
    assert!(third.total_paragraphs < first.total_paragraphs);
}

#[test]
fn edited_file_replaces_its_paragraphs_and_deleted_file_loses_them() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let first = index.sync(&archive).unwrap();
    assert_eq!(total(&index, "periodrapport"), 1);

    // Edit: § 79 gets a new title; the old one must be gone, not duplicated.
    let path = archive.join(OREBRO);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "§ 79 Information - periodrapport november",
        "§ 79 Information - delårsrapport oktober",
    );
    assert_ne!(text, edited);
    std::fs::write(&path, edited).unwrap();
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.parsed, 1);
    assert_eq!(r.unchanged, 7);
    assert_eq!(r.total_paragraphs, first.total_paragraphs);
    assert_eq!(total(&index, "delårsrapport"), 1);
    assert_eq!(total(&index, "periodrapport"), 0);

    // Same content, new modification time: read and hashed, not re-parsed.
    let text = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, text).unwrap();
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.parsed, 0);
    assert_eq!(r.total_paragraphs, first.total_paragraphs);

    // Delete: its four § disappear.
    std::fs::remove_file(&path).unwrap();
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.removed, 1);
    assert_eq!(r.total_paragraphs, first.total_paragraphs - 4);
    assert_eq!(total(&index, "kravbok"), 0);
}

#[test]
fn skipped_files_are_reported_and_the_rest_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    std::fs::write(archive.join("kallelse.txt"), "Kallelse till sammanträde\n").unwrap();
    std::fs::write(archive.join("scan.txt"), b"\x00\x01binary").unwrap();
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.total_paragraphs, 4);
    let mut reasons: Vec<(String, String)> = r
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.clone(),
            )
        })
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        [
            (
                "kallelse.txt".to_string(),
                "no § paragraphs found".to_string()
            ),
            (
                "scan.txt".to_string(),
                "not a text file (binary content)".to_string()
            ),
        ]
    );
    // Still reported on the next run, without being parsed again.
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.parsed, 0);
    assert_eq!(r.skipped.len(), 2);
}

#[test]
fn index_of_another_schema_version_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    Index::create(&dir).unwrap();
    std::fs::write(dir.join("paragraf.json"), r#"{"schema_version": 999}"#).unwrap();
    let e = Index::open(&dir).unwrap_err();
    assert!(matches!(e, Error::SchemaVersion { found: 999, .. }), "{e}");
    // The library names no command-line flag; the binary adds it.
    assert!(e.to_string().contains("rebuild it from its archive"), "{e}");
    assert!(!e.to_string().contains("--"), "{e}");
    // --rebuild starts over.
    let rebuild = Index::rebuild(&dir).unwrap();
    assert_eq!(rebuild.index().stats().unwrap().paragraphs, 0);
    let index = rebuild.finish().unwrap();
    assert_eq!(index.stats().unwrap().paragraphs, 0);
    assert!(Index::open(&dir).is_ok());
}

/// Version 3 holds the raw terms of each §'s positions (`person`,
/// `reserved`, `moved`, `vote`) and the meeting's people as `attended`:
/// an index of version 1 or 2 has none of them, so it is refused (a search
/// of `reserved:SD` there would find nothing, silently), and a rebuild
/// makes it current.
#[test]
fn index_of_version_2_lacks_the_position_fields_and_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let dir = tmp.path().join("index");
    let index = Index::create(&dir).unwrap();
    let current = index.schema().version;
    assert_eq!(current, 3);
    assert!(
        index.schema().opens.is_empty(),
        "{:?}",
        index.schema().opens
    );
    index.sync(&archive).unwrap();
    let found = total(&index, "primärvård");
    assert!(found > 0);
    drop(index);
    let marker = dir.join("paragraf.json");
    for old in [1, 2] {
        std::fs::write(&marker, format!(r#"{{"schema_version": {old}}}"#)).unwrap();
        let e = Index::open(&dir).unwrap_err();
        assert!(
            matches!(e, Error::SchemaVersion { found, expected: 3, .. } if found == old),
            "{e}"
        );
    }
    let rebuild = Index::rebuild(&dir).unwrap();
    rebuild.index().sync(&archive).unwrap();
    let index = rebuild.finish().unwrap();
    assert_eq!(total(&index, "primärvård"), found);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&marker).unwrap()).unwrap();
    assert_eq!(v["schema_version"].as_u64(), Some(u64::from(current)));
}

#[test]
fn folder_that_is_not_an_index_is_refused_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let e = Index::open(tmp.path()).unwrap_err();
    assert!(matches!(e, Error::NotAnIndex { .. }), "{e}");
    assert!(Index::open_or_create(tmp.path()).is_err());
    assert!(Index::rebuild(tmp.path()).is_err());
    assert!(tmp.path().join("notes.txt").exists());
}

#[test]
fn small_segments_left_by_updates_are_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::data().join("corpus/real/goteborg"), &archive);
    let index = Index::create(&tmp.path().join("index")).unwrap();
    index.sync(&archive).unwrap();
    let after_bulk = index.stats().unwrap().segments;
    let mut most = after_bulk;
    // Each update adds a small segment (one protocol of one §).
    for day in 1..=6 {
        common::write_protocol(
            &archive,
            "Testby kommun",
            &format!("Nämnd {day}"),
            &format!("2030-01-0{day}"),
            &[(1, "KS 2030/1", "Ett ärende", "Text om vägbelysning.")],
        );
        index.sync(&archive).unwrap();
        most = most.max(index.stats().unwrap().segments);
    }
    // Without the merge: the bulk's segments and six more.
    assert!(
        most < after_bulk + 4,
        "{after_bulk} segments after the bulk run, up to {most} after updates"
    );
    assert_eq!(total(&index, "vägbelysning"), 6);
}

#[test]
fn compound_heads_follow_the_archive_and_survive_lost_files() {
    // The dictionaries of compound heads ("skola" finds "grundskolan") are
    // files beside tantivy's, one a segment: a sync that adds a file
    // extends them, an unchanged re-run leaves them alone, and lost or
    // damaged ones change no result (a search builds them from the
    // segment; the next sync writes them again).
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let write = |name: &str, title: &str| {
        std::fs::write(
            archive.join(name),
            format!("Organ Kommunstyrelsen\nTid 2024-03-05\n\n§ 1 {title}\n\nNämnden beslutar.\n"),
        )
        .unwrap();
    };
    write("a.txt", "Lokaler för grundskolan");
    let index = Index::create(&tmp.path().join("index")).unwrap();
    index.sync(&archive).unwrap();
    assert_eq!(total(&index, "skola"), 1);

    write("b.txt", "Lokaler för förskolorna");
    index.sync(&archive).unwrap();
    assert_eq!(total(&index, "skola"), 2);

    let heads = tmp.path().join("index").join("compound-heads");
    let files = || {
        let mut v: Vec<(std::path::PathBuf, std::time::SystemTime)> = std::fs::read_dir(&heads)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.path(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let before = files();
    let segments = index.stats().unwrap().segments;
    assert_eq!(before.len(), segments, "one dictionary a segment");
    index.sync(&archive).unwrap();
    assert_eq!(files(), before, "an unchanged re-run rewrote the heads");

    // Lost: the same results from a new handle, then the next sync writes them.
    std::fs::remove_dir_all(&heads).unwrap();
    let other = Index::open(&tmp.path().join("index")).unwrap();
    assert_eq!(total(&other, "skola"), 2);
    other.sync(&archive).unwrap();
    assert_eq!(files().len(), segments);

    // Damaged: the same results, and the next sync writes them again.
    for (path, _) in files() {
        std::fs::write(path, b"damaged").unwrap();
    }
    let other = Index::open(&tmp.path().join("index")).unwrap();
    assert_eq!(total(&other, "skola"), 2);
    other.sync(&archive).unwrap();
    for (path, _) in files() {
        assert_ne!(std::fs::read(&path).unwrap(), b"damaged", "{path:?}");
    }
}

#[test]
fn rebuild_refuses_a_folder_holding_other_files_than_the_index() {
    // Regression: `--rebuild` deleted any folder holding a file named
    // paragraf.json, whatever it held: a project folder with its src/ was
    // wiped.
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(project.join("src/main.rs"), "fn main() {}").unwrap();
    std::fs::write(project.join("paragraf.json"), r#"{"name": "my-app"}"#).unwrap();
    let e = Index::rebuild(&project).unwrap_err();
    assert!(matches!(e, Error::NotAnIndex { .. }), "{e}");
    assert!(e.to_string().contains("not deleted"), "{e}");
    // A marker that is a paragraf marker, beside files of the user's.
    std::fs::write(project.join("paragraf.json"), r#"{"schema_version": 2}"#).unwrap();
    let e = Index::rebuild(&project).unwrap_err();
    assert!(
        e.to_string().contains("src"),
        "names what is in the way: {e}"
    );
    assert!(project.join("src/main.rs").is_file());
    assert!(Index::delete(&project).is_err());
    assert!(project.join("src/main.rs").is_file());
}

#[test]
fn a_rebuild_that_is_dropped_leaves_the_old_index_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let dir = tmp.path().join("index");
    let before = Index::create(&dir).unwrap().sync(&archive).unwrap();
    let rebuild = Index::rebuild(&dir).unwrap();
    rebuild.index().sync(&archive.join("goteborg")).unwrap();
    drop(rebuild);
    let index = Index::open(&dir).unwrap();
    assert_eq!(index.stats().unwrap().paragraphs, before.total_paragraphs);
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "archive" || n == "index"),
        "left behind: {names:?}"
    );
}

#[test]
fn opening_an_index_without_meta_json_is_damage_and_writes_nothing() {
    // Regression: `open` created tantivy's files when meta.json was missing,
    // so a search wrote into the index (and found "0 hits").
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    Index::create(&dir).unwrap();
    std::fs::remove_file(dir.join("meta.json")).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = listing(&dir);
    let e = Index::open(&dir).unwrap_err();
    assert!(matches!(e, Error::Damaged { .. }), "{e}");
    assert!(e.to_string().contains("meta.json is missing"), "{e}");
    assert!(e.to_string().contains("rebuild it from its archive"), "{e}");
    assert_eq!(listing(&dir), before);
}

#[test]
fn files_no_commit_references_are_removed_when_a_run_starts() {
    // Regression: the segment files of a run that failed (on a full disk)
    // or was killed stayed, and on a full disk kept every later run failing.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data(), &archive);
    let dir = tmp.path().join("index");
    let index = Index::create(&dir).unwrap();
    index.sync(&archive).unwrap();
    // What a run that died before its commit leaves: segment files of a
    // segment meta.json does not name, and a temporary file.
    let stale = [
        "0123456789abcdef0123456789abcdef.idx",
        "0123456789abcdef0123456789abcdef.store",
        ".tmpXy12Ab",
    ];
    for name in stale {
        std::fs::write(dir.join(name), vec![0u8; 100_000]).unwrap();
    }
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.parsed, 0);
    for name in stale {
        assert!(!dir.join(name).exists(), "{name} is still there");
    }
    assert_eq!(total(&index, "periodrapport"), 1);
}

#[cfg(unix)]
#[test]
fn an_archive_root_symlink_switched_to_another_folder_drops_the_old_folders_paragraphs() {
    // Regression: roots were resolved to their real folders, and only files
    // under the real folder of this run's roots could be removed: after the
    // link was switched, the old folder's § stayed forever.
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    copy_dir(&common::sample_data().join("region-orebro-lan"), &a);
    copy_dir(&common::sample_data().join("region-vasternorrland"), &b);
    let link = tmp.path().join("current");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let first = index.sync(&link).unwrap();
    assert_eq!(total(&index, "periodrapport"), 1);
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&b, &link).unwrap();
    let second = index.sync(&link).unwrap();
    assert_eq!(second.removed, 1, "{second:?}");
    assert_eq!(total(&index, "periodrapport"), 0);
    let only_b = Index::create(&tmp.path().join("index-b"))
        .unwrap()
        .sync(&b)
        .unwrap();
    assert_eq!(second.total_paragraphs, only_b.total_paragraphs);
    assert_eq!(first.removed, 0);
    // Unchanged from then on.
    let third = index.sync(&link).unwrap();
    assert_eq!((third.parsed, third.removed), (0, 0));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_archive_is_reported_and_not_waited_on() {
    // Regression: a protocol file swapped for a FIFO blocked the run for
    // ever (reading a FIFO waits for a writer); one in a folder was passed
    // over without a word.
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let fifo = archive.join("ror.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (index_ref, archive_ref) = (&index, &archive);
    std::thread::scope(|s| {
        s.spawn(move || tx.send(index_ref.sync(archive_ref).unwrap()).unwrap());
        let report = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run waits on the FIFO");
        assert_eq!(report.total_paragraphs, 4);
        let skipped = &report.skipped;
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("ror.txt"));
        assert!(
            skipped[0].reason.contains("not a regular file"),
            "{skipped:?}"
        );
    });
}

#[test]
fn what_a_killed_rebuild_left_beside_the_index_is_removed_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&common::sample_data().join("region-orebro-lan"), &archive);
    let dir = tmp.path().join("index");
    let index = Index::create(&dir).unwrap();
    index.sync(&archive).unwrap();
    // A rebuild killed before its swap leaves its new index beside.
    let left = tmp.path().join(".index.paragraf-rebuild");
    Index::create(&left).unwrap().sync(&archive).unwrap();
    // Not a leftover of ours: kept.
    let mine = tmp.path().join(".index.paragraf-old");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    index.sync(&archive).unwrap();
    assert!(!left.exists());
    assert!(mine.join("notes.txt").is_file());
}
