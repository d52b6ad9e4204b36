//! `protocol::PARSER_VERSION` changes whenever what the parser makes of a
//! file changes: an index parses again, on its next sync, every file an
//! older version parsed, so it never serves a mix of old and new parses.
//!
//! The test pins the version to a fingerprint of the parse of every
//! protocol in the repository (sample-data, tests/layouts, tests/data).
//! When it fails, the parse changed: if that is meant, raise
//! `PARSER_VERSION` in `src/protocol/mod.rs` and put the new pair below.

use crate::common;

use paragraf::protocol::{PARSER_VERSION, parse_file_with};
use std::path::PathBuf;

/// (PARSER_VERSION, fingerprint of the parse of the test corpus).
const PINNED: (u32, u64) = (11, 0xc35e_2468_8015_d973);

/// The xxh3 hash of the JSON of every parse (or error), in path order,
/// without the files' absolute paths.
fn fingerprint() -> (u64, usize) {
    let root = common::root();
    let folders: Vec<PathBuf> = [
        "sample-data",
        "tests/layouts",
        "tests/data/protocols/seeds",
        "tests/data/corpus/real/goteborg",
        "tests/data/wild/docs",
        "tests/data/positions/docs",
    ]
    .iter()
    .map(|f| root.join(f))
    .collect();
    let mut files: Vec<(String, paragraf::index::ArchiveFile)> = paragraf::index::walk(&folders)
        .into_iter()
        .map(|f| {
            let f = f.unwrap();
            let rel = f
                .path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, f)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut all = String::new();
    for (rel, f) in &files {
        all.push_str(rel);
        all.push('\n');
        match parse_file_with(&f.path, &f.meta) {
            Ok(mut p) => {
                p.meeting.source = String::new();
                all.push_str(&serde_json::to_string(&p).unwrap());
            }
            Err(e) => all.push_str(&e.to_string().replace(&*root.to_string_lossy(), "")),
        }
        all.push('\n');
    }
    (xxhash_rust::xxh3::xxh3_64(all.as_bytes()), files.len())
}

#[test]
fn the_parser_version_changes_with_the_parse() {
    let (now, files) = fingerprint();
    assert!(files > 70, "{files} files");
    assert!(
        (PARSER_VERSION, now) == PINNED,
        "what the parser makes of the {files} test protocols changed (fingerprint {now:#x}, \
         pinned {:#x} for version {}): if that is meant, raise PARSER_VERSION in \
         src/protocol/mod.rs (now {PARSER_VERSION}) and set PINNED in tests/parser_version.rs \
         to ({}, {now:#x}), so that indexes parse their files again",
        PINNED.1,
        PINNED.0,
        PARSER_VERSION.max(PINNED.0 + 1),
    );
}
