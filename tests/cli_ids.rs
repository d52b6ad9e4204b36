//! Meeting ids, as `show`, search results and saved searches use them:
//! 1. two files never share an id, also when the parser finds no
//!    organisation in either and they have one name in two folders, and
//!    when two files hold the same meeting;
//! 2. `show` of each id shows that file's §, and a watch reports a new §
//!    of the second file although the first has a § of that number;
//! 3. a file keeps its id when it is indexed again: unchanged, edited,
//!    when other files come and go;
//! 4. of files with one meeting indexed in one run, the first in the
//!    walk's order gets the bare id, whichever is parsed first, so a
//!    rebuild gives every file the id a first index gave it.

use crate::common;

use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A protocol in which the parser finds a date but no organisation or organ.
fn anonymous_protocol(dir: &Path, title_2: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("protokoll.txt"),
        format!(
            "Protokoll\nSammanträdesdatum 2024-03-12\n\n§ 1 Val av justerare\n\
             Nämnden utser Anna att justera.\n\n§ 2 {title_2}\n\
             Nämnden beslutar att anta planen för gatubelysning.\n"
        ),
    )
    .unwrap();
}

/// The meeting id of each source file, from the export.
fn ids_by_source(index: &Path) -> BTreeMap<String, String> {
    let out = common::paragraf(index)
        .args(["export", "--ndjson"])
        .output()
        .unwrap();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for line in common::stdout_of(out).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let source = v["source"].as_str().unwrap().to_string();
        let id = v["meeting_id"].as_str().unwrap().to_string();
        let old = ids.insert(source.clone(), id.clone());
        assert!(
            old.is_none() || old.as_deref() == Some(id.as_str()),
            "{source}: two ids"
        );
    }
    let mut distinct: Vec<&String> = ids.values().collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        ids.len(),
        "an id shared by two files: {ids:#?}"
    );
    ids
}

fn index(index: &Path, archive: &Path, extra: &[&str]) {
    common::paragraf(index)
        .arg("index")
        .arg(archive)
        .args(extra)
        .assert()
        .success();
}

#[test]
fn two_files_of_one_name_without_an_organisation_get_two_ids() {
    // Regression: both were "protokoll" (the file stem): `show` showed one
    // of them, and a watch took the second's new § for the first's.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    anonymous_protocol(&archive.join("norr"), "Gatubelysning i Norr");
    let idx = tmp.path().join("index");
    index(&idx, &archive, &[]);
    common::paragraf(&idx)
        .args(["watch", "add", "belysning", "gatubelysning"])
        .assert()
        .success();
    // A second archive folder with a protocol of the same name and numbers.
    anonymous_protocol(&archive.join("syd"), "Gatubelysning i Syd");
    index(&idx, &archive, &[]);
    let ids = ids_by_source(&idx);
    assert_eq!(ids.len(), 2, "{ids:#?}");
    for (source, id) in &ids {
        let place = if source.contains("norr") {
            "Norr"
        } else {
            "Syd"
        };
        assert!(id.contains(&place.to_lowercase()), "{source}: {id}");
        common::paragraf(&idx)
            .args(["show", id, "2"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "§ 2 Gatubelysning i {place}"
            )));
    }
    // The watch reports the new § 2 of the second file.
    common::paragraf(&idx)
        .args(["watch", "run"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("§ 2 Gatubelysning i Syd"))
        .stdout(predicate::str::contains("Norr").not());
}

#[test]
fn ids_are_unique_per_file_and_stable_across_reindexing() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    anonymous_protocol(&archive.join("norr"), "Gatubelysning i Norr");
    anonymous_protocol(&archive.join("syd"), "Gatubelysning i Syd");
    // One meeting in two files (a copy kept under another name).
    let orebro = common::sample_data().join(common::OREBRO);
    std::fs::copy(&orebro, archive.join("orebro.txt")).unwrap();
    std::fs::create_dir_all(archive.join("kopior")).unwrap();
    std::fs::copy(&orebro, archive.join("kopior/orebro-kopia.txt")).unwrap();
    let idx = tmp.path().join("index");
    index(&idx, &archive, &[]);
    let first = ids_by_source(&idx);
    assert_eq!(first.len(), 4, "{first:#?}");
    let base = "region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05";
    let copies: Vec<&String> = first.values().filter(|id| id.starts_with(base)).collect();
    assert_eq!(copies.len(), 2, "{first:#?}");
    assert!(copies.contains(&&base.to_string()), "{first:#?}");

    // Unchanged: the same ids.
    index(&idx, &archive, &[]);
    assert_eq!(ids_by_source(&idx), first);

    // Edited files keep theirs, the holder of the bare id too.
    for f in [
        "norr/protokoll.txt",
        "orebro.txt",
        "kopior/orebro-kopia.txt",
    ] {
        let path = archive.join(f);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\nTillägg efter justering.\n");
        std::fs::write(&path, text).unwrap();
    }
    index(&idx, &archive, &[]);
    assert_eq!(ids_by_source(&idx), first);

    // Files that come and go leave the others' ids alone.
    anonymous_protocol(&archive.join("mitt"), "Gatubelysning i Mitt");
    std::fs::copy(&orebro, archive.join("kopior/orebro-tredje.txt")).unwrap();
    index(&idx, &archive, &[]);
    let more = ids_by_source(&idx);
    assert_eq!(more.len(), 6);
    for (source, id) in &first {
        assert_eq!(more.get(source), Some(id), "{source}");
    }
    std::fs::remove_file(archive.join("orebro.txt")).unwrap();
    index(&idx, &archive, &[]);
    let fewer = ids_by_source(&idx);
    for (source, id) in &fewer {
        assert_eq!(more.get(source), Some(id), "{source}");
    }

    // A rebuild gives files of distinct bases the same ids, and all files
    // the ids a first index of the archive gives them.
    index(&idx, &archive, &["--rebuild"]);
    let rebuilt = ids_by_source(&idx);
    for (source, id) in &rebuilt {
        if !id.starts_with(base) {
            assert_eq!(fewer.get(source), Some(id), "{source}");
        }
    }
    let fresh = tmp.path().join("fresh");
    index(&fresh, &archive, &[]);
    assert_eq!(ids_by_source(&fresh), rebuilt);
}

#[test]
fn the_first_of_two_files_of_one_meeting_gets_the_bare_id_whichever_is_parsed_first() {
    // Regression: the file whose parse finished first took the bare id, so
    // a rebuild could swap the ids of two files of one meeting (and a
    // watch keyed by one then reported the other's §). Here the first file
    // of each pair is long and the second short, so the second is parsed
    // first whenever two workers take the pair.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let head = |day: u32| {
        format!(
            "Region Testlän\nRegionstyrelsen\nProtokoll\nSammanträdesdatum 2024-03-{day:02}\n\n"
        )
    };
    for day in 1..=12 {
        let mut long = head(day);
        for n in 1..=300 {
            long.push_str(&format!(
                "§ {n} Ärende {n} om vägar\nRegionstyrelsen beslutar att anta förslaget om väg {n}.\n\n"
            ));
        }
        std::fs::write(archive.join(format!("m{day:02}-a.txt")), long).unwrap();
        let short = head(day) + "§ 1 Val av justerare\nRegionstyrelsen utser Anna att justera.\n";
        std::fs::write(archive.join(format!("m{day:02}-b.txt")), short).unwrap();
    }
    let idx = tmp.path().join("index");
    index(&idx, &archive, &[]);
    let ids = ids_by_source(&idx);
    assert_eq!(ids.len(), 24);
    for (source, id) in &ids {
        let day = &source[source.len() - 8..source.len() - 6];
        let base = format!("region-testlan_regionstyrelsen_2024-03-{day}");
        if source.ends_with("-a.txt") {
            assert_eq!(id, &base, "{source}");
        } else {
            assert_eq!(id, &format!("{base}~m{day}-b-txt"), "{source}");
        }
    }
    index(&idx, &archive, &["--rebuild"]);
    assert_eq!(ids_by_source(&idx), ids);
}
