//! The repository keeps its own maps true:
//! 1. every file in `tests/` is a module of the one integration-test
//!    binary (`tests/tests.rs`): with `autotests = false`, cargo would
//!    silently never build one that is not;
//! 2. every file `ARCHITECTURE.md` names exists, and every file under
//!    `src/` is named there (a newcomer finds each concept by its row).

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_test_file_is_a_module_of_the_test_binary() {
    let tests = common::root().join("tests");
    let main = std::fs::read_to_string(tests.join("tests.rs")).unwrap();
    let declared: BTreeSet<String> = regex::Regex::new(r"(?m)^\s*(?:pub\s+)?mod\s+(\w+)\s*;")
        .unwrap()
        .captures_iter(&main)
        .map(|c| c[1].to_string())
        .collect();
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            // A folder is a module when it has a mod.rs.
            if path.join("mod.rs").is_file() {
                files.insert(name);
            }
        } else if let Some(stem) = name.strip_suffix(".rs")
            && stem != "tests"
        {
            files.insert(stem.to_string());
        }
    }
    let undeclared: Vec<_> = files.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "tests/ files that tests/tests.rs does not declare (`mod NAME;`), so they never run: {undeclared:?}"
    );
    let missing: Vec<_> = declared.difference(&files).collect();
    assert!(missing.is_empty(), "modules without a file: {missing:?}");
    // The one binary is what cargo builds: no test file is found by itself.
    let manifest = std::fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("autotests = false"), "Cargo.toml");
    assert!(manifest.contains("path = \"tests/tests.rs\""), "Cargo.toml");
}

/// The paths `ARCHITECTURE.md` names in backquotes, relative to the
/// repository's root: a path beginning with a top-level folder as it is,
/// any other file name of a source kind under `src/`. Patterns
/// (`tests/cli_*.rs`) are left out.
fn named_in_architecture() -> BTreeSet<String> {
    let text = std::fs::read_to_string(common::root().join("ARCHITECTURE.md")).unwrap();
    let top = [
        "src/",
        "tests/",
        "benches/",
        "examples/",
        "index-schema/",
        "sample-data/",
        ".ci/",
    ];
    let source = regex::Regex::new(r"^[\w./-]+\.(rs|html|js|css)$").unwrap();
    let mut named = BTreeSet::new();
    for span in regex::Regex::new(r"`([^`\s]+)`")
        .unwrap()
        .captures_iter(&text)
    {
        let path = &span[1];
        if path.contains(['*', '<', ':']) {
            continue;
        }
        if top.iter().any(|t| path.starts_with(t)) {
            named.insert(path.trim_end_matches('/').to_string());
        } else if source.is_match(path) {
            named.insert(format!("src/{path}"));
        }
    }
    named
}

#[test]
fn architecture_names_every_source_file_and_only_files_that_exist() {
    let root = common::root();
    let named = named_in_architecture();
    let gone: Vec<_> = named.iter().filter(|p| !root.join(p).exists()).collect();
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {gone:?}"
    );
    let mut unnamed = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let path = relative(entry.path(), &root);
            if !named.contains(&path) {
                unnamed.push(path);
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "files under src/ that ARCHITECTURE.md does not name (add a row with its concept): {unnamed:?}"
    );
}

/// `path` relative to `root`, with `/` between its parts.
fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
