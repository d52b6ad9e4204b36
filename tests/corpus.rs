//! The parser on the 59 real Göteborg protocols in `tests/data/corpus/real`:
//! 1. the list of § numbers equals the reference exactly, for every file;
//! 2. case numbers equal the reference;
//! 3. titles agree in at least 97 % of § (see `title_agreement`);
//! 4. no page furniture is left in any § body;
//! 5. a "Beslut" line of a § is read as its decision heading, even where
//!    one stands at the foot of many pages.

use crate::common;

use paragraf::Protocol;
use paragraf::protocol::{FolderMeta, parse_file_with};
use serde_json::Value;
use std::path::PathBuf;

struct Case {
    name: String,
    ours: Protocol,
    expected: Value,
}

fn corpus() -> Vec<Case> {
    let dir = common::data().join("corpus/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("goteborg"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 59, "tests/data holds 59 protocols");
    files
        .into_iter()
        .map(|f| {
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join("expected").join(format!("{name}.json")))
                    .unwrap(),
            )
            .unwrap();
            let ours =
                parse_file_with(&f, &FolderMeta::default()).unwrap_or_else(|e| panic!("{e}"));
            Case {
                name,
                ours,
                expected,
            }
        })
        .collect()
}

#[test]
fn paragraph_numbers_equal_reference_exactly() {
    let mut failures = Vec::new();
    for c in corpus() {
        let want: Vec<u64> = c.expected["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["number"].as_u64().unwrap())
            .collect();
        let got: Vec<u64> = c.ours.paragraphs.iter().map(|p| p.number as u64).collect();
        if want != got {
            let missing: Vec<_> = want.iter().filter(|n| !got.contains(n)).collect();
            let extra: Vec<_> = got.iter().filter(|n| !want.contains(n)).collect();
            failures.push(format!("{}: missing {missing:?}, extra {extra:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn meeting_organisation_organ_and_date_equal_reference() {
    // Regression: two KF protocols came out as "Region Göteborg", from a
    // company named in the text ("Business Region Göteborg AB"), because the
    // city's own name was mostly in the genitive ("Göteborgs Stads budget").
    let mut wrong = Vec::new();
    for c in corpus() {
        let m = &c.ours.meeting;
        for (key, ours) in [
            ("organisation", &m.organisation),
            ("organ", &m.organ),
            ("date", &m.date),
        ] {
            let want = c.expected["meeting"][key].as_str();
            if ours.as_deref() != want {
                wrong.push(format!("{}: {key} {ours:?}, reference {want:?}", c.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn case_numbers_equal_reference() {
    let mut failures = Vec::new();
    for c in corpus() {
        for w in c.expected["paragraphs"].as_array().unwrap() {
            let n = w["number"].as_u64().unwrap() as u32;
            let Some(p) = c.ours.paragraphs.iter().find(|p| p.number == n) else {
                continue;
            };
            let want = w["case_number"].as_str();
            if p.case_number.as_deref() != want {
                failures.push(format!(
                    "{} § {n}: want {want:?}, got {:?}",
                    c.name, p.case_number
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How our title relates to the reference title.
#[derive(Debug, PartialEq)]
enum Agreement {
    /// Equal after whitespace normalisation.
    Equal,
    /// The reference runs on into the body: it starts with our title and the
    /// rest begins with a capitalised word (a known flaw of the reference).
    ReferenceRunsOn,
    /// Anything else.
    Miss,
}

fn agreement(ours: &str, reference: &str) -> Agreement {
    let (o, r) = (common::normalise(ours), common::normalise(reference));
    if o == r {
        return Agreement::Equal;
    }
    if !o.is_empty()
        && let Some(rest) = r.strip_prefix(&o)
        && rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        return Agreement::ReferenceRunsOn;
    }
    Agreement::Miss
}

/// Why a title disagrees, for the listing (it does not change the count).
fn miss_reason(ours: &str, reference: &str) -> &'static str {
    let (o, r) = (common::normalise(ours), common::normalise(reference));
    if r.is_empty() {
        "reference empty"
    } else if o.starts_with(&r) {
        "reference cut short; ours is the whole title"
    } else if r.starts_with(&o) {
        "ours cut short"
    } else {
        "differs"
    }
}

#[test]
fn title_agreement() {
    let (mut total, mut equal, mut runs_on) = (0, 0, 0);
    let mut misses = Vec::new();
    let mut run_ons = Vec::new();
    for c in corpus() {
        for w in c.expected["paragraphs"].as_array().unwrap() {
            total += 1;
            let n = w["number"].as_u64().unwrap() as u32;
            let reference = w["title"].as_str().unwrap_or("");
            let ours = c
                .ours
                .paragraphs
                .iter()
                .find(|p| p.number == n)
                .map_or("", |p| p.title.as_str());
            match agreement(ours, reference) {
                Agreement::Equal => equal += 1,
                Agreement::ReferenceRunsOn => {
                    runs_on += 1;
                    run_ons.push(format!(
                        "{} § {n}: ours {ours:?} | reference {reference:?}",
                        c.name
                    ));
                }
                Agreement::Miss => misses.push(format!(
                    "[{}] {} § {n}:\n    ours      {ours:?}\n    reference {reference:?}",
                    miss_reason(ours, reference),
                    c.name
                )),
            }
        }
    }
    let agree = equal + runs_on;
    eprintln!(
        "titles: {agree}/{total} agree ({equal} equal, {runs_on} where the reference runs on into the body), {} misses",
        misses.len()
    );
    for r in &run_ons {
        eprintln!("run-on: {r}");
    }
    for m in &misses {
        eprintln!("miss: {m}");
    }
    assert!(
        agree * 100 >= total * 97,
        "only {agree}/{total} titles agree; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn no_page_furniture_in_bodies() {
    let patterns = [
        regex::Regex::new(r"(?m)^\d{1,4} \(\d{1,4}\)$").unwrap(),
        regex::Regex::new(r"(?m)^Protokoll \(?nr \d+\)?$").unwrap(),
        regex::Regex::new(r"(?m)^Sammanträdesdatum: \d{4}-\d{2}-\d{2}$").unwrap(),
        regex::Regex::new(r"(?m)^Göteborgs Stad Stadsledningskontoret protokoll$").unwrap(),
        regex::Regex::new(r"(?m)^Göteborgs Stad (Kommunfullmäktige|Kommunstyrelsen), protokoll$")
            .unwrap(),
        regex::Regex::new("\x0c").unwrap(),
    ];
    let mut failures = Vec::new();
    for c in corpus() {
        for p in &c.ours.paragraphs {
            for re in &patterns {
                if let Some(m) = re.find(&p.body).or_else(|| re.find(&p.title)) {
                    failures.push(format!("{} § {}: {:?}", c.name, p.number, m.as_str()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} furniture lines left:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn beslut_lines_are_decision_headings_not_furniture() {
    // Regression: in protocols that start each § on a new page, "Beslut"
    // recurs near the page breaks and was removed as a running footer
    // (190 of them in four Kommunfullmäktige protocols), so those § had no
    // decision heading.
    let dir = common::data().join("corpus/real/goteborg");
    let mut failures = Vec::new();
    let mut checked = 0;
    for c in corpus() {
        let text = std::fs::read_to_string(dir.join(format!("{}.txt", c.name))).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let ps = &c.ours.paragraphs;
        for (k, p) in ps.iter().enumerate() {
            // The § runs from its heading line to the next §'s.
            let end = ps.get(k + 1).map_or(lines.len(), |n| n.line - 1);
            let has_line = lines[p.line..end.max(p.line)]
                .iter()
                .any(|l| l.trim() == "Beslut");
            if has_line {
                checked += 1;
                if !p.sections.iter().any(|s| s.heading == "Beslut") {
                    failures.push(format!("{} § {}", c.name, p.number));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    assert!(
        failures.is_empty(),
        "{} § lost their Beslut heading:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn sections_and_decisions_rebuild_from_the_body() {
    // The index stores the body and rebuilds the rest; it must come out the same.
    let mut n = 0;
    for c in corpus() {
        for p in &c.ours.paragraphs {
            let mut rebuilt = p.underived();
            paragraf::protocol::complete_from_body(&mut rebuilt);
            assert_eq!(&rebuilt, p, "{} § {}", c.name, p.number);
            n += 1;
        }
    }
    assert_eq!(n, 2575);
}
