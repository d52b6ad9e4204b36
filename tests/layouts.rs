//! Protocol layouts other than those of the bundled real protocols, written
//! for these tests after the templates many municipalities use (the files
//! are in `tests/layouts/`; they are made up, not real minutes):
//!
//! `kommun_two_column.txt`: a two-column front page ("Plats och tid",
//! "Beslutande" with the first member on the label's line), headings after
//! the organ's abbreviation ("KS § 45    Dnr 2024/012"), a case number with a
//! prefix and without one, "Kommunstyrelsens beslut" and "Arbetsutskottets
//! förslag" as section headings, "Expedieras till" and "Sändlista".
//!
//! `namnd_one_paragraph_a_page.txt`: a board's protocol that starts each §
//! on a new page ("BUN § 34", the signature row "Justerandes sign" at each
//! page's foot), with the front page's signature block ("Underskrifter
//! Sekreterare ...."), a serving substitute "för" a member, both "Förslag
//! till beslut" and "Barn- och utbildningsnämndens beslut", and "… förslag
//! till kommunfullmäktige".
//!
//! Checked: 1. the meeting's date, place, times, members, chair, adjusters
//! and § range; 2. each §'s number, title and case number; 3. its decision
//! (kind, whom a proposal goes to, its clauses) and recipients; 4. the CLI
//! indexes the file and finds a § by its case number.

use crate::common;

use paragraf::protocol::parse_file;
use paragraf::{DecisionKind, Protocol};

fn layout(name: &str) -> std::path::PathBuf {
    common::root().join("tests").join("layouts").join(name)
}

/// Each § as (number, title, case number).
fn heads(p: &Protocol) -> Vec<(u32, &str, Option<&str>)> {
    p.paragraphs
        .iter()
        .map(|p| (p.number, p.title.as_str(), p.case_number.as_deref()))
        .collect()
}

#[test]
fn two_column_front_page_and_organ_headings() {
    let p = parse_file(&layout("kommun_two_column.txt")).unwrap();
    let m = &p.meeting;
    assert_eq!(m.organ.as_deref(), Some("Kommunstyrelsen"));
    assert_eq!(m.date.as_deref(), Some("2024-03-12"));
    assert_eq!(m.place.as_deref(), Some("Kommunhuset, Sessionssalen"));
    assert_eq!(m.start_time.as_deref(), Some("13:00"));
    assert_eq!(m.end_time.as_deref(), Some("15:30"));
    assert_eq!(m.chair.as_deref(), Some("Anna Andersson"));
    let members: Vec<&str> = m.members.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        members,
        ["Anna Andersson", "Bertil Berg", "Cecilia Carlsson"]
    );
    assert_eq!(m.adjusters, ["Bertil Berg"]);
    assert_eq!(m.adjusted_on.as_deref(), Some("2024-03-15"));
    assert_eq!(m.paragraph_range, Some((45, 47)));

    assert_eq!(
        heads(&p),
        [
            (45, "Budget 2025 med plan för 2026-2027", Some("2024/012")),
            (46, "Svar på motion om cykelvägar", Some("KS 2024/0031")),
            (47, "Delegationsbeslut", None),
        ]
    );

    let budget = &p.paragraphs[0];
    assert_eq!(budget.decision.kind, DecisionKind::Proposal);
    assert_eq!(
        budget.decision.proposed_to.as_deref(),
        Some("Kommunfullmäktige")
    );
    assert_eq!(
        budget.decision.clauses,
        [
            "fastställa budget 2025 med plan för 2026-2027",
            "skattesatsen för 2025 ska vara oförändrad."
        ]
    );
    // The decision is the organ's, not its working committee's proposal.
    assert!(
        budget.decision.text.starts_with("Kommunstyrelsen föreslår"),
        "{}",
        budget.decision.text
    );
    assert_eq!(budget.sent_to, ["Kommunfullmäktige", "Ekonomiavdelningen"]);
    let motion = &p.paragraphs[1];
    assert_eq!(motion.decision.kind, DecisionKind::Decision);
    assert_eq!(motion.decision.clauses, ["motionen anses besvarad."]);
    assert_eq!(motion.sent_to, ["Samhällsbyggnadsförvaltningen"]);
    // The signature row between the paragraphs is furniture.
    assert!(!budget.body.contains("Justerandes sign"), "{}", budget.body);
}

#[test]
fn two_column_layout_is_searchable_by_case_number() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::copy(
        layout("kommun_two_column.txt"),
        archive.join("kommun_two_column.txt"),
    )
    .unwrap();
    let index = dir.path().join("index");
    common::stdout_of(
        common::paragraf(&index)
            .arg("index")
            .arg(&archive)
            .output()
            .unwrap(),
    );
    let out = common::stdout_of(
        common::paragraf(&index)
            .args(["search", "--json", "--case", "KS 2024/0031", "motion"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{out}");
    assert_eq!(hits[0]["paragraph"]["number"], 46, "{out}");
}

#[test]
fn one_paragraph_a_page_with_the_boards_decision() {
    let p = parse_file(&layout("namnd_one_paragraph_a_page.txt")).unwrap();
    let m = &p.meeting;
    assert_eq!(m.organ.as_deref(), Some("Barn- och utbildningsnämnden"));
    assert_eq!(m.date.as_deref(), Some("2024-05-21"));
    assert_eq!(m.place.as_deref(), Some("Stadshuset, sal Tingvalla"));
    assert_eq!(m.chair.as_deref(), Some("Karin Lund"));
    assert_eq!(m.secretary.as_deref(), Some("Tomas Grön"));
    assert_eq!(m.adjusters, ["Per Olsson"]);
    assert_eq!(m.members.len(), 5);
    let substitute = &m.members[4];
    assert_eq!(
        (
            substitute.name.as_str(),
            substitute.role.as_deref(),
            substitute.replacing.as_deref()
        ),
        (
            "Lena Holm",
            Some("tjänstgörande ersättare"),
            Some("Ali Yilmaz")
        )
    );
    assert_eq!(m.substitutes_present.len(), 2);

    assert_eq!(
        heads(&p),
        [
            (
                34,
                "Skolskjutsregler från och med läsåret 2024/25",
                Some("BUN 2024/112")
            ),
            (35, "Information om skolvalet 2024", Some("BUN 2024/098")),
            (
                36,
                "Svar på medborgarförslag om fler cykelställ vid skolorna",
                Some("BUN 2023/410")
            ),
        ]
    );
    // The board's decision, which follows the proposal, is the decision.
    let rules = &p.paragraphs[0];
    assert_eq!(rules.decision.kind, DecisionKind::Decision);
    assert!(
        rules
            .decision
            .text
            .starts_with("Barn- och utbildningsnämnden beslutar"),
        "{}",
        rules.decision.text
    );
    assert_eq!(rules.decision.clauses.len(), 2);
    assert_eq!(rules.sent_to, ["Skolskjutsenheten"]);
    // The heading recurs at the foot of every page, and is kept all the same.
    for p in &p.paragraphs {
        assert!(
            p.sections
                .iter()
                .any(|s| s.heading == "Barn- och utbildningsnämndens beslut"),
            "§ {}",
            p.number
        );
    }
    assert_eq!(p.paragraphs[1].decision.kind, DecisionKind::Information);
    let motion = &p.paragraphs[2];
    assert_eq!(motion.decision.kind, DecisionKind::Proposal);
    assert_eq!(
        motion.decision.proposed_to.as_deref(),
        Some("Kommunfullmäktige")
    );
    assert_eq!(
        motion.decision.clauses,
        ["medborgarförslaget ska anses besvarat."]
    );
}
