//! The corpus the benchmarks run on: the shared corpus (59 Göteborg protocols
//! and the two seeds) in `../shared` or `$PARAGRAF_SHARED`, else the copy of
//! it in `tests/data`.

use std::path::{Path, PathBuf};

/// Folders of protocol text files to benchmark on.
pub fn corpus_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("PARAGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let shared = if shared.join("corpus/real/goteborg").is_dir() {
        shared
    } else {
        eprintln!(
            "note: {} not found, benchmarking its copy in tests/data",
            shared.display()
        );
        root.join("tests/data")
    };
    vec![
        shared.join("corpus/real/goteborg"),
        shared.join("protocols/seeds"),
    ]
}

/// Every `.txt` file under the corpus folders, with its text.
pub fn corpus_files() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for d in corpus_dirs() {
        for e in walkdir::WalkDir::new(d).sort_by_file_name() {
            let e = e.expect("walking the benchmark corpus");
            if e.path().extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(e.path()).expect("reading the benchmark corpus");
                files.push((e.into_path(), text));
            }
        }
    }
    files
}
