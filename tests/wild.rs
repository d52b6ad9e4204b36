//! The parser on real minutes of organisations it was not built on
//! (`tests/data/wild/`, expected parses written by reading the documents):
//! 1. every file's § list equals the expected one (number and letter);
//! 2. titles agree in at least 97 % of §, case numbers in at least 99 %;
//! 3. the meeting's organisation, organ and date are right in every file,
//!    except an organisation the document does not print (a protocol
//!    extract whose municipality is only in its logo, an image): that is
//!    counted apart, as "not in the text";
//! 4. in a PDF, every § is on the page the expected parse gives (where
//!    the heading is printed; a PDF of one page included).
//!
//! Figures are printed per organisation, for the development files and the
//! held-out ones (`heldout.txt`) apart. The documents small enough are in
//! `tests/data/wild/docs/`; the large PDFs live only in
//! `../shared/corpus/wild-dev/` (`common::shared_optional`), and without
//! it the test says which it skipped and checks the rest
//! (`PARAGRAF_REQUIRE_SHARED` makes its absence a failure).

use crate::common;

use paragraf::Protocol;
use paragraf::protocol::{FolderMeta, parse_file_with};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn wild() -> PathBuf {
    common::root().join("tests/data/wild")
}

/// One document with its expected parse.
struct Doc {
    stem: String,
    path: PathBuf,
    heldout: bool,
    expected: Value,
}

/// The held-out stems.
fn heldout() -> Vec<String> {
    std::fs::read_to_string(wild().join("heldout.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Where a document named in an expected parse is: `docs/`, then the
/// shared wild-dev folder (`wild_dev`, when there is one); `None` if
/// neither has it.
fn find(name: &str, wild_dev: Option<&Path>) -> Option<PathBuf> {
    let mut places = vec![wild().join("docs").join(name)];
    if let Some(dev) = wild_dev {
        places.push(dev.join("pdf").join(name));
        places.push(dev.join("txt").join(name));
    }
    places.into_iter().find(|p| p.is_file())
}

/// Every document with an expected parse, and the names of those not found.
fn docs(wild_dev: Option<&Path>) -> (Vec<Doc>, Vec<String>) {
    let held = heldout();
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(wild().join("expected"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let mut names = vec![expected["source"].as_str().unwrap().to_string()];
        names.extend(expected["also_source"].as_str().map(str::to_string));
        for name in names {
            match find(&name, wild_dev) {
                Some(path) => out.push(Doc {
                    stem: stem.clone(),
                    path,
                    heldout: held.contains(&stem),
                    expected: expected.clone(),
                }),
                None => missing.push(name),
            }
        }
    }
    (out, missing)
}

/// What one document scored.
#[derive(Default, Clone, Copy)]
struct Score {
    files: usize,
    exact: usize,
    paragraphs: usize,
    titles: usize,
    cases: usize,
    meeting: usize,
    meeting_fields: usize,
    /// Meeting fields whose value the document's text does not hold.
    unprinted: usize,
    /// § of a PDF with an expected page, and those on that page.
    paged: usize,
    pages: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.files += o.files;
        self.exact += o.exact;
        self.paragraphs += o.paragraphs;
        self.titles += o.titles;
        self.cases += o.cases;
        self.meeting += o.meeting;
        self.meeting_fields += o.meeting_fields;
        self.unprinted += o.unprinted;
        self.paged += o.paged;
        self.pages += o.pages;
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1} %", a as f64 * 100.0 / b as f64)
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, § lists exact {}/{}, titles {} ({}/{}), case numbers {} ({}/{}), meeting {} ({}/{}; {} not in the text), pages {} ({}/{})",
            self.files,
            self.exact,
            self.files,
            pct(self.titles, self.paragraphs),
            self.titles,
            self.paragraphs,
            pct(self.cases, self.paragraphs),
            self.cases,
            self.paragraphs,
            pct(self.meeting, self.meeting_fields),
            self.meeting,
            self.meeting_fields,
            self.unprinted,
            pct(self.pages, self.paged),
            self.pages,
            self.paged,
        )
    }
}

/// (number, letter) of a § of an expected parse.
fn key(p: &Value) -> (u64, String) {
    (
        p["number"].as_u64().unwrap(),
        p["suffix"].as_str().unwrap_or("").to_string(),
    )
}

/// Scores `ours` against `doc`'s expected parse; failures are added to `wrong`.
fn score(doc: &Doc, ours: Option<&Protocol>, wrong: &mut Vec<String>) -> Score {
    let want = doc.expected["paragraphs"].as_array().unwrap();
    let name = doc.path.file_name().unwrap().to_string_lossy();
    let mut s = Score {
        files: 1,
        paragraphs: want.len(),
        meeting_fields: 3,
        ..Score::default()
    };
    let Some(p) = ours else {
        wrong.push(format!("{name}: no § found"));
        return s;
    };
    let got: Vec<(u64, String)> = p
        .paragraphs
        .iter()
        .map(|p| (u64::from(p.number), p.suffix.clone().unwrap_or_default()))
        .collect();
    let want_keys: Vec<(u64, String)> = want.iter().map(key).collect();
    let is_pdf = paragraf::protocol::pdf::is_pdf(&std::fs::read(&doc.path).unwrap());
    if got == want_keys {
        s.exact = 1;
    } else {
        wrong.push(format!("{name}: § list {got:?}, expected {want_keys:?}"));
    }
    for w in want {
        let k = key(w);
        let Some(ours) = p
            .paragraphs
            .iter()
            .find(|p| (u64::from(p.number), p.suffix.clone().unwrap_or_default()) == k)
        else {
            continue;
        };
        let title = w["title"].as_str().unwrap_or("");
        if common::normalise(&ours.title) == common::normalise(title) {
            s.titles += 1;
        } else {
            wrong.push(format!(
                "{name} § {}: title {:?}, expected {title:?}",
                k.0, ours.title
            ));
        }
        if is_pdf && let Some(page) = w["page"].as_u64() {
            s.paged += 1;
            if ours.page.map(u64::from) == Some(page) {
                s.pages += 1;
            } else {
                wrong.push(format!(
                    "{name} § {}: page {:?}, expected {page}",
                    k.0, ours.page
                ));
            }
        }
        let case = w["case_number"].as_str();
        if ours.case_number.as_deref() == case {
            s.cases += 1;
        } else {
            wrong.push(format!(
                "{name} § {}: case number {:?}, expected {case:?}",
                k.0, ours.case_number
            ));
        }
    }
    let m = &p.meeting;
    let text = document_text(&doc.path);
    for (field, ours) in [
        ("organisation", &m.organisation),
        ("organ", &m.organ),
        ("date", &m.date),
    ] {
        let want = doc.expected["meeting"][field].as_str();
        if ours.as_deref() == want {
            s.meeting += 1;
        } else if field == "organisation" && !want.is_some_and(|w| printed(w, &text)) {
            s.unprinted += 1;
            s.meeting_fields -= 1;
            wrong.push(format!(
                "{name}: meeting {field} {want:?} is not in the text"
            ));
        } else {
            wrong.push(format!(
                "{name}: meeting {field} {ours:?}, expected {want:?}"
            ));
        }
    }
    s
}

/// The text paragraf reads from a document.
fn document_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if paragraf::protocol::pdf::is_pdf(&bytes) {
        paragraf::protocol::pdf::extract(&bytes).unwrap_or_default()
    } else {
        paragraf::protocol::decode::decode(&bytes).0.into_owned()
    }
}

/// True if the text names the organisation ("Alingsås kommun" by
/// "Alingsås", in any case or inflection).
fn printed(organisation: &str, text: &str) -> bool {
    let name = organisation
        .split_whitespace()
        .find(|w| !w.eq_ignore_ascii_case("region"))
        .unwrap_or(organisation)
        .to_lowercase();
    text.to_lowercase().contains(name.trim_end_matches('s'))
}

/// The organisation of a document, for the figures.
fn organisation(doc: &Doc) -> String {
    doc.expected["meeting"]["organisation"]
        .as_str()
        .unwrap_or("?")
        .to_string()
}

#[test]
fn wild_minutes_parse_to_their_expected_parses() {
    // The large PDFs are only in the shared reference material: without
    // it (a fresh clone) they are skipped, and said so; with it, each
    // document an expected parse names must be found.
    let wild_dev = common::shared_optional("corpus/wild-dev");
    let (docs, missing) = docs(wild_dev.as_deref());
    if let Some(dev) = &wild_dev {
        assert!(
            missing.is_empty(),
            "in neither tests/data/wild/docs nor {}: {missing:?}",
            dev.display()
        );
    } else if !missing.is_empty() {
        common::note(&format!(
            "wild: {} of the documents are skipped (only in the shared wild-dev folder): {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    assert!(!docs.is_empty(), "no wild documents found");
    let mut by: BTreeMap<(bool, String), Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut wrong = Vec::new();
    for doc in &docs {
        let parsed = parse_file_with(&doc.path, &FolderMeta::default()).ok();
        let mut w = Vec::new();
        let s = score(doc, parsed.as_ref(), &mut w);
        // What is wrong in a held-out file is counted, not shown: reading it
        // to find what to fix would make it development data.
        if doc.heldout && std::env::var_os("WILD_SHOW_HELDOUT").is_none() {
            if !w.is_empty() {
                wrong.push(format!("[held-out] {}: {} differences", doc.stem, w.len()));
            }
        } else {
            let set = if doc.heldout { "held-out" } else { "dev" };
            wrong.extend(w.into_iter().map(|line| format!("[{set}] {line}")));
        }
        *by.entry((doc.heldout, organisation(doc))).or_default() += s;
        total += s;
    }
    for ((held, org), s) in &by {
        let set = if *held { "held-out" } else { "dev" };
        eprintln!("{set:8} {org}: {s}");
    }
    eprintln!("all      {total}");
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert_eq!(
        total.exact,
        total.files,
        "§ lists differ:\n{}",
        wrong.join("\n")
    );
    assert!(
        total.titles * 100 >= total.paragraphs * 97,
        "titles below 97 %:\n{}",
        wrong.join("\n")
    );
    assert!(
        total.cases * 100 >= total.paragraphs * 99,
        "case numbers below 99 %:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        total.meeting,
        total.meeting_fields,
        "meeting fields wrong:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        total.pages,
        total.paged,
        "§ on the wrong page:\n{}",
        wrong.join("\n")
    );
}
