//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled sample data.
pub fn sample_data() -> PathBuf {
    root().join("sample-data")
}

/// The shared reference material (`../shared`, or `$PARAGRAF_SHARED`). Tests
/// that need it fail with a clear message when it is missing: they must not
/// pass by checking nothing.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("PARAGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"));
    assert!(
        dir.join("protocols").is_dir(),
        "reference material not found at {} (set PARAGRAF_SHARED)",
        dir.display()
    );
    dir
}

/// Folds runs of whitespace to single spaces and trims.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
pub mod pdf;
