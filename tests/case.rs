//! Case threads (`Index::case`, `paragraf case`) on sample-data and on a
//! small synthetic archive whose § refer to each other.

use crate::common;

use common::paragraf;
use paragraf::search::case::normalise_case_number;
use paragraf::{Cited, Index};
use serde_json::Value;

fn sample_index(dir: &std::path::Path) -> Index {
    let index = Index::create(&dir.join("index")).unwrap();
    index.sync(&common::sample_data()).unwrap();
    index
}

/// (organ, date, §) of steps.
fn path(steps: &[paragraf::CaseStep]) -> Vec<(String, String, u32)> {
    steps
        .iter()
        .map(|s| {
            (
                s.organ.clone().unwrap_or_default(),
                s.date.clone().unwrap_or_default(),
                s.paragraph.number,
            )
        })
        .collect()
}

#[test]
fn a_case_runs_from_kommunstyrelsen_to_kommunfullmaktige_in_date_order() {
    let tmp = tempfile::tempdir().unwrap();
    let index = sample_index(tmp.path());
    let thread = index.case("SLK-2023-00967").unwrap();
    assert_eq!(
        path(&thread.steps),
        [
            ("Kommunstyrelsen".into(), "2024-01-10".into(), 9),
            ("Kommunfullmäktige".into(), "2024-02-01".into(), 17),
        ]
    );
    // Each step carries its decision.
    assert!(
        thread
            .steps
            .iter()
            .all(|s| !s.paragraph.decision.text.is_empty()),
        "{thread:#?}"
    );
    // Written another way, the same number finds the same thread.
    let again = index.case("slk 2023/967").unwrap();
    assert_eq!(path(&again.steps), path(&thread.steps));
}

#[test]
fn a_case_number_matches_only_itself_not_its_sub_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let index = sample_index(tmp.path());
    let thread = index.case("SLK-2023-00027").unwrap();
    assert!(!thread.steps.is_empty());
    for s in &thread.steps {
        assert_eq!(
            s.paragraph.case_number.as_deref(),
            Some("SLK-2023-00027"),
            "{s:#?}"
        );
    }
    // Sub-cases ("SLK-2023-00027:58") exist in sample-data and are left out.
    let sub = index.case("SLK-2023-00027:58").unwrap();
    assert_eq!(sub.steps.len(), 1);
    assert!(
        thread
            .steps
            .iter()
            .all(|s| s.paragraph.number != sub.steps[0].paragraph.number
                || s.meeting_id != sub.steps[0].meeting_id)
    );
    assert!(index.case("SLK-1999-99999").unwrap().steps.is_empty());
}

/// A case prepared by an utskott, then kommunstyrelsen on the same day, then
/// decided by fullmäktige; later § refer to it.
fn synthetic_archive(dir: &std::path::Path) {
    let org = "Testkommun";
    common::write_protocol(
        dir,
        org,
        "Kommunstyrelsens arbetsutskott",
        "2024-05-02",
        &[(
            50,
            "KS-2024-0123",
            "Ny simhall i centrum",
            "Arbetsutskottet föreslår kommunstyrelsen besluta att bygga en simhall.",
        )],
    );
    common::write_protocol(
        dir,
        org,
        "Kommunstyrelsen",
        "2024-05-02",
        &[(
            40,
            "KS 2024/0123",
            "Ny simhall i centrum",
            "Kommunstyrelsen föreslår kommunfullmäktige besluta att bygga en simhall.",
        )],
    );
    common::write_protocol(
        dir,
        org,
        "Kommunfullmäktige",
        "2024-06-19",
        &[
            (
                261,
                "KS 2024/123",
                "Ny simhall i centrum",
                "Kommunfullmäktige beslutar att bygga en simhall.",
            ),
            (
                262,
                "KS 2024/0200",
                "Ny skola",
                "Kommunfullmäktige beslutar att bygga en skola.",
            ),
        ],
    );
    common::write_protocol(
        dir,
        org,
        "Kommunstyrelsen",
        "2024-08-21",
        &[
            (
                12,
                "KS 2024/0500",
                "Upphandling av simhall",
                "Redovisning av kommunfullmäktiges uppdrag 2024-06-19 § 261 att bygga en simhall.",
            ),
            (
                13,
                "KS 2024/0501",
                "Driftbudget för badhus",
                "Kostnaderna hör till ärende ks-2024-123 och tas upp senare.",
            ),
            (
                14,
                "KS 2024/0502",
                "Skolans lokaler",
                "Redovisning av kommunfullmäktiges uppdrag 2024-06-19 § 262 om skolan.",
            ),
            (
                15,
                "KS 2024/0503",
                "Annat ärende",
                "Ärendet KS 2024/01234 är ett annat nummer.",
            ),
        ],
    );
    common::write_protocol(
        dir,
        "Grannkommun",
        "Kommunfullmäktige",
        "2024-09-01",
        &[(
            3,
            "KF 2024/0007",
            "Simhall i grannkommunen",
            "Enligt kommunfullmäktige 2024-06-19 § 261 byggs en simhall.",
        )],
    );
}

#[test]
fn steps_follow_the_decision_chain_and_references_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    synthetic_archive(&archive);
    let index = Index::create(&tmp.path().join("index")).unwrap();
    index.sync(&archive).unwrap();

    let thread = index.case("KS 2024/0123").unwrap();
    assert_eq!(
        path(&thread.steps),
        [
            (
                "Kommunstyrelsens arbetsutskott".into(),
                "2024-05-02".into(),
                50
            ),
            ("Kommunstyrelsen".into(), "2024-05-02".into(), 40),
            ("Kommunfullmäktige".into(), "2024-06-19".into(), 261),
        ]
    );
    let refs: Vec<(u32, &Cited)> = thread
        .references
        .iter()
        .map(|r| (r.step.paragraph.number, &r.cites))
        .collect();
    let kf = thread.steps[2].meeting_id.clone();
    assert_eq!(
        refs,
        [
            (
                12,
                &Cited::Paragraph {
                    meeting_id: kf,
                    number: 261
                }
            ),
            (13, &Cited::CaseNumber),
        ],
        "{:#?}",
        thread.references
    );
    assert!(thread.references[1].excerpt.contains("ks-2024-123"));
    assert_eq!(
        normalise_case_number("KS 2024/0123"),
        normalise_case_number("ks-2024-123")
    );
}

#[test]
fn cli_prints_the_thread_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    synthetic_archive(&archive);
    let index = tmp.path().join("index");
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();
    let out = paragraf(&index)
        .args(["case", "KS-2024-0123"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let au = text.find("Kommunstyrelsens arbetsutskott").unwrap();
    let kf = text.find("Kommunfullmäktige · 2024-06-19").unwrap();
    assert!(au < kf, "{text}");
    assert!(text.contains("§ 261"), "{text}");
    assert!(text.contains("Upphandling av simhall"), "{text}");

    let out = paragraf(&index)
        .args(["case", "KS-2024-0123", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["steps"].as_array().unwrap().len(), 3);
    assert_eq!(json["steps"][2]["paragraph"]["number"], 261);
    assert_eq!(json["references"][0]["cites"]["kind"], "paragraph");

    paragraf(&index)
        .args(["case", "KS 1999/1"])
        .assert()
        .code(1);
    paragraf(&index)
        .args(["case", "utan siffror"])
        .assert()
        .code(2);
}
