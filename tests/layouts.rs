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
//! One more for each kind of failure seen on real minutes of municipalities
//! the parser was not built on (issue 15), each in the shape of what was
//! seen, all made up:
//!
//! `namnd_year_dot_serial_code.txt`: a board's protocol as a document system
//! prints it (text from a PDF, a page each §): case numbers as year, dot,
//! serial and organ code (`§ 15 2025.117 MHN`), the title below in a larger
//! font (a blank line inside a wrapped title), the organ broken over two
//! lines and the date alone in the header of every page, a list of § with
//! titles ("ärendelista", wrapped titles between them), the first § right
//! after it, a list of "Föredragningar" and of other bodies' decisions in the
//! headings' own shape, and a building permit's number in a title.
//!
//! `styrelse_case_number_heading_line.txt`: a home-made template laid out in
//! columns: the heading line holds only a case number with organ codes before
//! a slash and a colon (`KS § 88      KS KF/2024:12`), the title on the next
//! line; the cover as a table (a row of labels over a row of values), the
//! posting dates after it, the organisation in capitals, a continuation
//! header (`Forts. KS § 91`).
//!
//! `namnd_mixed_case_code_toc_leaders.txt`: a mixed-case code with a filing
//! code after it (`Bun/2023:118 041`), a table of contents with dot leaders
//! and page numbers, the organ in the header of every page
//! ("Sammanträdesprotokoll Barn- och utbildningsnämnden"), a posting date
//! labelled "Datum för anslags uppsättande" before the meeting's date in
//! words under "Plats och tid", a continuation header, a § withheld for
//! secrecy, lettered § (`BUN § 15 a`, `BUN § 15 b`).
//!
//! `valnamnd_markdown.md`: a protocol a PDF-to-text tool turned into
//! Markdown: YAML front matter whose organ is a short form ("val"),
//! `## **§ 41**` headings, `**Beslut**`, a table of contents as a Markdown
//! table (`|§|41|Informationsärenden||5 - 6|`), a cover as a table, an HTML
//! comment for a page break.
//!
//! `namnd_year_numbered_column_dnr.txt`: a board's protocol whose § are
//! numbered anew each year and print the year after the number
//! (`§ 63/20`), with a short labelled case number of a small register in a
//! column right of the title (`Dnr 31/20`, one beside a title that wraps),
//! a table of contents of such headings, and the organ only in a column at
//! the top of each page ("Socialnämnden     Sammanträdesprotokoll     1 (5)").
//!
//! `styrelse_two_codes_filing_dot.txt`: a board's protocol with the
//! board's and the council's codes joined by a slash and a filing-plan code
//! glued after a dot (`KS § 13      Dnr KS/KF 2017:6.002`, the title below),
//! a page header with the date under its label ("SAMMANTRÄDESPROTOKOLL
//! Sammanträdesdatum s. 1 (6)" over "2017-02-08"), roles in a column right
//! of the members, the municipality named only by its hall ("Kommunhuset i
//! Sjövik"), and a posting block ("Beslutande organ").
//!
//! `namnd_earlier_paragraphs_under_heading.txt`: the § numbers a matter had
//! before (in the working committee, at an earlier meeting) listed under
//! its heading and beside it (`Sn § 50` / `Au § 84` / `Sn § 34` /
//! `Au § 57      Dnr 2016/112`, `Sn § 51    Au § 90    Dnr 2016/130`), the
//! title after them; the decision in capitals ("SOCIALNÄMNDEN BESLUTAR"); a
//! first § of formalities without a case number.
//!
//! `region_glued_case_numbers.txt`: a region committee's protocol whose
//! case numbers glue a code, a two-digit year and a serial (`RV180949`) in
//! a column right of the § number, the title on the next line (wrapped in
//! one), one labelled ("Diarienummer RV181010") above its title, and another
//! such number named in a § text.
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

/// The meeting's (organisation, organ, date).
fn meeting(p: &Protocol) -> (Option<&str>, Option<&str>, Option<&str>) {
    let m = &p.meeting;
    (
        m.organisation.as_deref(),
        m.organ.as_deref(),
        m.date.as_deref(),
    )
}

#[test]
fn year_dot_serial_code_with_the_organ_and_date_in_the_page_header() {
    let p = parse_file(&layout("namnd_year_dot_serial_code.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Miljö- och hälsoskyddsnämnden"),
            Some("2025-09-18")
        )
    );
    let m = &p.meeting;
    assert_eq!(m.place.as_deref(), Some("Stadshuset, sal 2"));
    assert_eq!(
        (m.start_time.as_deref(), m.end_time.as_deref()),
        (Some("09:00"), Some("11:30"))
    );
    assert_eq!(m.paragraph_range, Some((14, 19)));
    assert_eq!(
        heads(&p),
        [
            (14, "Information från förvaltningen", None),
            (15, "Delårsrapport 2025", Some("2025.117 MHN")),
            (
                16,
                "Strandskyddsdispens för nybyggnad av brygga vid Sjövik 2:14 (2025-0311)",
                Some("2025.140 MHN")
            ),
            (
                17,
                "Taxa för prövning och tillsyn enligt miljöbalken",
                Some("2024.389 MHN")
            ),
            (
                18,
                "Svar på motion om att utreda fler laddplatser för elbilar i kommunens tätorter",
                Some("2025.052 MHN")
            ),
            (19, "Meddelanden", Some("2025.002 MHN")),
        ]
    );
    let taxa = &p.paragraphs[3];
    assert_eq!(taxa.decision.kind, DecisionKind::Proposal);
    // The other bodies' decisions listed in § 19 stay in its text.
    assert!(p.paragraphs[5].body.contains("§ 88 2025.201 KS"));
    // The running header is furniture: it is in no body.
    for para in &p.paragraphs {
        assert!(!para.body.contains("hälsoskyddsnämnden \nProtokoll"));
        assert!(!para.body.contains("2025-09-18"), "§ {}", para.number);
    }
}

#[test]
fn a_heading_line_of_a_case_number_alone_and_a_cover_as_a_table() {
    let p = parse_file(&layout("styrelse_case_number_heading_line.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Kommunstyrelsen"),
            Some("2024-11-05")
        )
    );
    let m = &p.meeting;
    // The adjustment date is no meeting date, nor are the posting dates.
    assert_eq!(m.adjusted_on.as_deref(), Some("2024-11-08"));
    assert_eq!(m.place.as_deref(), Some("Kommunhuset, Sessionssalen"));
    assert_eq!(m.chair.as_deref(), Some("Lena Ström"));
    assert_eq!(m.paragraph_range, Some((88, 91)));
    assert_eq!(
        heads(&p),
        [
            (88, "Taxor och avgifter 2025", Some("KS KF/2024:12")),
            (
                89,
                "Svar på medborgarförslag om bättre belysning i Norra parken",
                Some("KS/2024:301")
            ),
            (90, "Budgetuppföljning oktober", Some("KS/2024:288")),
            (91, "Delegationsbeslut", Some("KS/2024:012")),
        ]
    );
    // The continuation header is furniture; the text after it is § 91's.
    let last = &p.paragraphs[3];
    assert!(!last.body.contains("Forts."), "{}", last.body);
    assert!(last.body.contains("Beslut om bidrag till föreningar"));
    assert_eq!(p.paragraphs[0].decision.kind, DecisionKind::Proposal);
}

#[test]
fn mixed_case_codes_a_table_of_contents_with_leaders_and_lettered_paragraphs() {
    let p = parse_file(&layout("namnd_mixed_case_code_toc_leaders.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Barn- och utbildningsnämnden"),
            Some("2024-10-14")
        )
    );
    let m = &p.meeting;
    assert_eq!(m.place.as_deref(), Some("Skolhuset, Storgatan 4"));
    assert_eq!(
        (m.start_time.as_deref(), m.end_time.as_deref()),
        (Some("15:00"), Some("17:00"))
    );
    assert_eq!(m.secretary.as_deref(), Some("Tove Ahl"));
    let got: Vec<(u32, Option<&str>, &str, Option<&str>)> = p
        .paragraphs
        .iter()
        .map(|p| {
            (
                p.number,
                p.suffix.as_deref(),
                p.title.as_str(),
                p.case_number.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                12,
                None,
                "Lokalförsörjningsplan 2025–2030",
                Some("Bun/2023:118")
            ),
            (
                13,
                None,
                "Skolskjutsregler för läsåret 2025/2026",
                Some("Bun/2024:052")
            ),
            (14, None, "Ärende enligt skollagen", Some("Bun/2024:077")),
            (
                15,
                Some("a"),
                "Val av ledamot i antagningsnämnden",
                Some("Bun/2024:090")
            ),
            (
                15,
                Some("b"),
                "Val av ersättare i antagningsnämnden",
                Some("Bun/2024:090")
            ),
            (
                16,
                None,
                "Anmälan av delegationsbeslut",
                Some("Bun/2024:001")
            ),
        ]
    );
    // § 13 goes on after its continuation header, which is furniture.
    let rules = &p.paragraphs[1];
    assert!(rules.body.contains("Reglerna gäller från den 1 juli 2025"));
    assert!(!rules.body.contains("Forts."));
    // The withheld § keeps its text.
    assert!(p.paragraphs[2].body.contains("Sekretess enligt 23 kap."));
}

#[test]
fn markdown_from_a_converter_is_read_as_the_protocol_it_marks_up() {
    let p = parse_file(&layout("valnamnd_markdown.md")).unwrap();
    // The front matter's "val" is the organ the document names.
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Valnämnden"),
            Some("2024-05-08")
        )
    );
    let m = &p.meeting;
    assert_eq!(m.place.as_deref(), Some("Kommunhuset, rum Ö3"));
    assert_eq!(m.chair.as_deref(), Some("Siv Rask"));
    assert_eq!(m.adjusters, ["Lars Uddén"]);
    assert_eq!(
        heads(&p),
        [
            (41, "Informationsärenden", None),
            (42, "Lokaler för förtidsröstning", Some("VN 2024/12")),
            (
                43,
                "Budget för valet till Europaparlamentet",
                Some("VN 2024/3")
            ),
        ]
    );
    let premises = &p.paragraphs[1];
    assert_eq!(premises.decision.kind, DecisionKind::Decision);
    assert_eq!(
        premises.decision.clauses,
        ["förtidsröstning ska ske i biblioteket och i kommunhuset."]
    );
    assert!(!premises.body.contains("**"));
}

#[test]
fn a_markdown_archive_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::copy(
        layout("valnamnd_markdown.md"),
        archive.join("valnamnd_markdown.md"),
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
            .args(["search", "--json", "förtidsröstning"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{out}");
    assert_eq!(hits[0]["paragraph"]["case_number"], "VN 2024/12", "{out}");
}

#[test]
fn year_numbered_headings_and_labelled_case_numbers_in_a_column() {
    let p = parse_file(&layout("namnd_year_numbered_column_dnr.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Socialnämnden"),
            Some("2020-08-18")
        )
    );
    assert_eq!(p.meeting.paragraph_range, Some((63, 66)));
    assert_eq!(
        heads(&p),
        [
            (63, "Fastställande av dagordning", None),
            (64, "Nytt bidragsreglemente för föreningar", Some("12/20")),
            (
                65,
                "Bidrag till fritidsstudier avseende utbildning inom förskolan",
                Some("31/20")
            ),
            (66, "Ekonomisk lägesrapport juli 2020", Some("5/20")),
        ]
    );
    let reglemente = &p.paragraphs[1];
    assert_eq!(reglemente.decision.kind, DecisionKind::Proposal);
    // A reference to another § of the year stays in the text.
    assert!(p.paragraphs[3].body.contains("§ 41/20"));
}

#[test]
fn two_codes_and_a_filing_code_in_the_case_number_and_the_municipality_by_its_hall() {
    let p = parse_file(&layout("styrelse_two_codes_filing_dot.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Kommunstyrelsen"),
            Some("2017-02-08")
        )
    );
    assert_eq!(p.meeting.paragraph_range, Some((13, 15)));
    assert_eq!(
        heads(&p),
        [
            (
                13,
                "Meddelanden och delegationsbeslut",
                Some("KS/KF 2017:6.002")
            ),
            (
                14,
                "Svar på motion om fler laddplatser för elbilar i kommunens tätorter",
                Some("KS/KF 2016:412.041")
            ),
            (
                15,
                "Revidering av riktlinjer för bidrag till föreningar",
                Some("KS/KF 2017:20.106")
            ),
        ]
    );
    assert_eq!(p.paragraphs[1].decision.kind, DecisionKind::Proposal);
    // A case number named in a § text is no case number of that §.
    assert!(p.paragraphs[0].body.contains("Dnr KS/KF 2016:390.109"));
}

#[test]
fn earlier_paragraph_numbers_under_a_heading_are_neither_headings_nor_titles() {
    let path = layout("namnd_earlier_paragraphs_under_heading.txt");
    let p = parse_file(&path).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Sjöviks kommun"),
            Some("Socialnämnden"),
            Some("2016-06-09")
        )
    );
    assert_eq!(
        heads(&p),
        [
            (49, "Sammanträdets öppnande, formalia.", None),
            (
                50,
                "Budget och ekonomisk uppföljning år 2016",
                Some("2016/112")
            ),
            (
                51,
                "Riktlinjer för bistånd enligt socialtjänstlagen",
                Some("2016/130")
            ),
            (52, "Delegationsbeslut", Some("2016/131")),
        ]
    );
    // A meeting's formalities without a case number are no parse failure.
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn glued_region_case_numbers_beside_the_heading_are_no_titles() {
    // Regression: the number was read as the start of the title
    // ("RV180949 Budget för …") and § 204's title was lost.
    let p = parse_file(&layout("region_glued_case_numbers.txt")).unwrap();
    assert_eq!(
        meeting(&p),
        (
            Some("Region Sjölanda"),
            Some("Regionstyrelsens arbetsutskott"),
            Some("2018-11-20")
        )
    );
    assert_eq!(
        heads(&p),
        [
            (201, "Budget för regionens tandvård 2019", Some("RV180949")),
            (
                202,
                "Revisionsrapport om vårdval i primärvården och uppföljning av ersättningsmodellen",
                Some("RV180951")
            ),
            (
                203,
                "Yttrande över remiss om nationell plan för transportinfrastruktur",
                Some("RV181003")
            ),
            (204, "Information om sjukhusbyggnationen", Some("RV181010")),
        ]
    );
    assert_eq!(p.paragraphs[0].decision.kind, DecisionKind::Proposal);
    // A number named in a § text is no case number of that §.
    assert!(p.paragraphs[2].body.contains("RV170012"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}
