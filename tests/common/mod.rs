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

/// The test data in the repository (`tests/data/`), laid out as the
/// project's shared folder is: `corpus/real/goteborg/` (59 real Göteborg
/// protocols), `corpus/real/expected/` (their reference parses) and
/// `protocols/{seeds,expected}/` (the two regional seed protocols and their
/// correct parses). See `tests/data/corpus/real/SOURCES.md`.
pub fn data() -> PathBuf {
    root().join("tests").join("data")
}

/// `sub` of the large shared reference material (`../shared`, or
/// `$PARAGRAF_SHARED`: then only there), for optional checks that need
/// more than `tests/data` holds (the wild-dev PDFs, for example). `None`,
/// with a [`note`], when it is absent, so that `cargo test` passes in a
/// fresh clone; with `PARAGRAF_REQUIRE_SHARED` set (as `.ci/run` does when
/// the folder is there) its absence fails the test instead.
pub fn shared_optional(sub: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("PARAGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"))
        .join(sub);
    if dir.exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("PARAGRAF_REQUIRE_SHARED").is_none(),
        "PARAGRAF_REQUIRE_SHARED is set but {} is missing",
        dir.display()
    );
    note(&format!(
        "{} not found: the checks that need it are skipped (set PARAGRAF_SHARED)",
        dir.display()
    ));
    None
}

/// Prints `text` as a note on standard error, past the test harness's
/// capture, so that it shows in a passing run too.
pub fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "note: {text}");
}

/// Folds runs of whitespace to single spaces and trims.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One § of a synthetic protocol: number, case number, title, text.
pub type TestParagraph<'a> = (u32, &'a str, &'a str, &'a str);

/// Writes a small protocol of `organ` in `organisation` on `date` into
/// `dir/<organisation slug>/<organ slug>/`, with a `paragraf.toml` naming
/// both; returns its path.
pub fn write_protocol(
    dir: &std::path::Path,
    organisation: &str,
    organ: &str,
    date: &str,
    paragraphs: &[TestParagraph<'_>],
) -> PathBuf {
    let slug = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect()
    };
    let folder = dir.join(slug(organisation)).join(slug(organ));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("paragraf.toml"),
        format!("organisation = \"{organisation}\"\norgan = \"{organ}\"\n"),
    )
    .unwrap();
    let mut text = format!("{organ}\n{organisation}\nSammanträdesdatum: {date}\n");
    for (number, case, title, body) in paragraphs {
        text.push_str(&format!(
            "\n§ {number} Ärendenummer {case}\n{title}\n{body}\n"
        ));
    }
    let path = folder.join(format!("{}_{date}.txt", slug(organ)));
    std::fs::write(&path, text).unwrap();
    path
}

/// The paragraf binary with `index` as its index folder and colours off.
pub fn paragraf(index: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("paragraf").unwrap();
    c.env("PARAGRAF_INDEX", index).env("NO_COLOR", "1");
    c
}

pub mod pdf;

/// Indexes the bundled sample-data into `index` (through the library, as
/// `paragraf index sample-data --index INDEX` would) and returns `index`.
pub fn index_sample(index: &std::path::Path) -> PathBuf {
    paragraf::Index::open_or_create(index)
        .unwrap()
        .sync(&sample_data())
        .unwrap();
    index.to_path_buf()
}

/// The paragraf binary with no index named and its platform data folder
/// (where the default index and the demo index live) in `home`, never the
/// user's own; colours off.
pub fn paragraf_at_home(home: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("paragraf").unwrap();
    c.env_remove("PARAGRAF_INDEX")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1");
    c
}

/// The default index folder of [`paragraf_at_home`] on Linux.
pub fn default_index_at_home(home: &std::path::Path) -> PathBuf {
    home.join("data").join("paragraf").join("index")
}

/// The Örebro sample protocol, relative to sample-data (4 §).
pub const OREBRO: &str =
    "region-orebro-lan/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05.txt";

/// Makes `dir/archive` holding the Örebro sample protocol as `orebro.txt`;
/// returns the archive folder.
pub fn archive_with_orebro(dir: &std::path::Path) -> PathBuf {
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::copy(sample_data().join(OREBRO), archive.join("orebro.txt")).unwrap();
    archive
}

/// The standard output of a command that must have succeeded; its
/// standard error is shown if it did not.
pub fn stdout_of(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Rewrites the stored JSON record of every document of `kind`
/// ("paragraph", "meeting", "file") in the index at `index` with `edit`,
/// keeping its other stored fields: an index as another build (an older
/// parser, an older record format) would have written it.
pub fn edit_stored_records(
    index: &std::path::Path,
    kind: &str,
    mut edit: impl FnMut(&mut serde_json::Value),
) {
    use tantivy::schema::Value;
    let idx = tantivy::Index::open_in_dir(index).unwrap();
    paragraf::analysis::register(idx.tokenizers());
    let schema = idx.schema();
    let kind_field = schema.get_field("kind").unwrap();
    let record_field = schema.get_field("record").unwrap();
    let searcher = idx.reader().unwrap().searcher();
    let kind_term = tantivy::Term::from_field_text(kind_field, kind);
    let query = tantivy::query::TermQuery::new(
        kind_term.clone(),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let found = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .unwrap();
    let mut docs = Vec::new();
    for address in found {
        let old: tantivy::TantivyDocument = searcher.doc(address).unwrap();
        let mut new = tantivy::TantivyDocument::default();
        new.add_text(kind_field, kind);
        for (field, value) in old.field_values() {
            if field == record_field {
                let mut json: serde_json::Value =
                    serde_json::from_str(value.as_str().unwrap()).unwrap();
                edit(&mut json);
                new.add_text(record_field, json.to_string());
            } else {
                new.add_field_value(field, value);
            }
        }
        docs.push(new);
    }
    assert!(!docs.is_empty(), "no {kind} documents");
    let mut writer: tantivy::IndexWriter = idx.writer(15_000_000).unwrap();
    writer.delete_term(kind_term);
    for d in docs {
        writer.add_document(d).unwrap();
    }
    writer.commit().unwrap();
}
