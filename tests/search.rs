//! Search through the library, on sample-data and on small synthetic archives.
//!
//! Ranking properties checked here:
//! 1. "Krav- och kvalitetsbok" ranks Örebro § 77 and § 78 first.
//! 2. Elided and inflected forms find them: `kravbok`, `kvalitetsboken`.
//! 3. A compound part finds the compound: `primärvård` finds Örebro § 78
//!    (primärvårdsverksamhet) and Västernorrland § 18.
//! 4. `patientsäkerhetsberättelse` ranks Västernorrland § 17 first.
//! 5. A case number finds exactly its paragraph: `23RS5009` → § 77 only.
//! 6. An exact word ranks above a compound-part match.
//! 7. The words as a phrase rank above the same words scattered.
//! 8. A match in the title ranks above a match in the body.
//! 9. Filters (dates, organ, organisation, case) narrow as they say.
//! 10. `--recent` lifts a newer meeting above a slightly better older match.
//! 11. A word finds the compounds it ends (`skola` → "grundskolan"), below
//!     its exact matches, and not a word that only ends in its letters
//!     after fewer than three ("ryskolan" is not a compound of "skola").
//! 12. A noun in -a is found in its definite form and back ("gata" finds
//!     "gatan", "skolan" finds "skolor"), though Snowball stems them apart.

use crate::common;

use paragraf::index::Index;
use paragraf::search::{SearchRequest, SearchResults};
use std::sync::OnceLock;

/// One index of sample-data for the whole test binary.
fn sample_index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index = Index::create(&dir.path().join("index")).unwrap();
            index.sync(&common::sample_data()).unwrap();
            (dir, index)
        })
        .1
}

fn search(index: &Index, req: SearchRequest) -> SearchResults {
    index
        .search(&req)
        .unwrap_or_else(|e| panic!("{}: {e}", req.query))
}

fn q(query: &str) -> SearchRequest {
    SearchRequest::new(query)
}

/// (organ, §) of the hits.
fn ids(r: &SearchResults) -> Vec<(String, u32)> {
    r.hits
        .iter()
        .map(|h| {
            (
                h.meeting.organ.clone().unwrap_or_default(),
                h.paragraph.number,
            )
        })
        .collect()
}

const OREBRO: &str = "Regionstyrelsens arbetsutskott";
const VN: &str = "Regionstyrelsens vårdvalsutskott";

fn has(r: &SearchResults, organ: &str, n: u32) -> bool {
    ids(r).contains(&(organ.to_string(), n))
}

#[test]
fn krav_och_kvalitetsbok_ranks_orebro_77_and_78_first() {
    let r = search(sample_index(), q("Krav- och kvalitetsbok"));
    let top: Vec<(String, u32)> = ids(&r).into_iter().take(2).collect();
    assert!(
        top.contains(&(OREBRO.into(), 77)) && top.contains(&(OREBRO.into(), 78)),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn elided_and_inflected_forms_find_the_krav_paragraphs() {
    for query in ["kravbok", "kvalitetsboken", "Kvalitetsbok"] {
        let r = search(sample_index(), q(query));
        assert!(
            has(&r, OREBRO, 77) && has(&r, OREBRO, 78),
            "{query}: {:?}",
            ids(&r)
        );
    }
}

#[test]
fn compound_parts_find_compounds() {
    let r = search(sample_index(), q("primärvård"));
    assert!(has(&r, OREBRO, 78), "{:?}", ids(&r));
    assert!(has(&r, VN, 18), "{:?}", ids(&r));
    // hälso- och sjukvård is found by hälsovård.
    let r = search(sample_index(), q("hälsovård"));
    assert!(has(&r, VN, 17), "{:?}", ids(&r));
}

#[test]
fn patientsakerhetsberattelse_ranks_vasternorrland_17_first() {
    let r = search(sample_index(), q("patientsäkerhetsberättelse"));
    assert_eq!(
        ids(&r).first(),
        Some(&(VN.to_string(), 17)),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn case_number_finds_exactly_its_paragraph() {
    let r = search(sample_index(), q("23RS5009"));
    assert_eq!(ids(&r), [(OREBRO.to_string(), 77)]);
    assert_eq!(r.total, 1);
    let r = search(sample_index(), q("case:23RS11979"));
    assert_eq!(ids(&r), [(OREBRO.to_string(), 78)]);
    let r = search(sample_index(), q("SLK-2023-00877"));
    assert!(r.total >= 1);
    assert!(r.hits.iter().all(
        |h| h.paragraph.case_number.as_deref() == Some("SLK-2023-00877")
            || h.snippet.text.contains("SLK-2023-00877")
    ));
}

#[test]
fn snippets_highlight_inflected_forms() {
    let r = search(sample_index(), q("kvalitetsbok"));
    let highlighted: Vec<String> = r
        .hits
        .iter()
        .flat_map(|h| {
            h.snippet
                .highlights
                .iter()
                .map(|&(a, b)| h.snippet.text[a..b].to_lowercase())
        })
        .collect();
    assert!(
        highlighted.iter().any(|w| w == "kvalitetsboken"),
        "{highlighted:?}"
    );
}

#[test]
fn filters_narrow_as_they_say() {
    let index = sample_index();
    let all = search(index, q("beslut")).total;
    let mut req = q("beslut");
    req.organ = Some("Regionstyrelsens vårdvalsutskott".into());
    let r = search(index, req);
    assert!(r.total > 0 && r.total < all);
    assert!(
        r.hits
            .iter()
            .all(|h| h.meeting.organ.as_deref() == Some(VN))
    );

    let mut req = q("beslut");
    req.organisation = Some("Göteborgs Stad".into());
    req.limit = 1000;
    let r = search(index, req);
    assert!(r.total > 0 && r.total < all);
    assert!(
        r.hits
            .iter()
            .all(|h| h.meeting.organisation.as_deref() == Some("Göteborgs Stad"))
    );

    let mut req = q("beslut");
    req.from = Some("2025".into());
    req.limit = 1000;
    let r = search(index, req);
    assert!(r.total > 0 && r.total < all);
    assert!(
        r.hits
            .iter()
            .all(|h| h.meeting.date.as_deref() >= Some("2025-01-01"))
    );

    let mut req = q("beslut");
    req.to = Some("2023-12-31".into());
    req.limit = 1000;
    let r = search(index, req);
    assert!(r.total > 0);
    assert!(
        r.hits
            .iter()
            .all(|h| h.meeting.date.as_deref() <= Some("2023-12-31"))
    );

    let mut req = q("kvalitetsbok");
    req.case = Some("23RS11979".into());
    assert_eq!(ids(&search(index, req)), [(OREBRO.to_string(), 78)]);
}

#[test]
fn facets_count_every_hit() {
    let mut req = q("beslut");
    req.facets = true;
    let r = search(sample_index(), req);
    let f = r.facets.unwrap();
    assert_eq!(f.year.values().sum::<u64>(), r.total as u64);
    assert_eq!(f.organisation.values().sum::<u64>(), r.total as u64);
    assert!(f.organ.contains_key("Kommunstyrelsen"));
}

#[test]
fn paging_with_offset() {
    let mut req = q("beslut");
    req.limit = 3;
    let first = search(sample_index(), req.clone());
    req.offset = 3;
    let second = search(sample_index(), req);
    assert_eq!(first.total, second.total);
    assert!(first.hits.iter().all(|a| {
        !second
            .hits
            .iter()
            .any(|b| a.meeting.id == b.meeting.id && a.paragraph.number == b.paragraph.number)
    }));
}

#[test]
fn bad_query_is_a_user_error_naming_the_query() {
    let e = sample_index().search(&q("\"Krav och")).unwrap_err();
    assert!(e.is_user_error());
    assert!(e.to_string().contains("\"Krav och"), "{e}");
}

#[test]
fn show_returns_the_whole_paragraph() {
    let index = sample_index();
    let (m, p) = index
        .paragraph(
            "region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05",
            79,
        )
        .unwrap()
        .unwrap();
    assert_eq!(m.organ.as_deref(), Some(OREBRO));
    assert!(p.body.contains("-928 miljoner kronor"));
    assert!(index.paragraph("no-such-meeting", 1).unwrap().is_none());
}

/// A small archive of synthetic protocols, one § each, for ranking properties.
fn synthetic(paragraphs: &[(&str, &str)]) -> (tempfile::TempDir, Index) {
    let dated: Vec<(String, &str, &str)> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, (t, b))| (format!("2024-0{}-10", i + 1), *t, *b))
        .collect();
    synthetic_dated(&dated)
}

/// Likewise, with a meeting date for each.
fn synthetic_dated(paragraphs: &[(String, &str, &str)]) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    for (i, (date, title, body)) in paragraphs.iter().enumerate() {
        let text = format!(
            "Organ Kommunstyrelsen\nTid {date}\n\n§ {} {title}\n\n{body}\n",
            i + 1
        );
        std::fs::write(archive.join(format!("p{i}.txt")), text).unwrap();
    }
    let index = Index::create(&dir.path().join("index")).unwrap();
    index.sync(&archive).unwrap();
    (dir, index)
}

fn titles(r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.paragraph.title.clone()).collect()
}

#[test]
fn exact_word_ranks_above_compound_part() {
    let (_d, index) = synthetic(&[
        (
            "Ärende A",
            "Nämnden behandlar primärvårdsuppdrag för året och fördelar medel.",
        ),
        (
            "Ärende B",
            "Nämnden behandlar primärvård för året och fördelar medel nu.",
        ),
    ]);
    let r = search(&index, q("primärvård"));
    assert_eq!(titles(&r), ["Ärende B", "Ärende A"]);
}

#[test]
fn word_finds_the_compounds_it_ends_below_its_exact_matches() {
    let (_d, index) = synthetic(&[
        (
            "Ärende A",
            "Nämnden beslutar om lokaler för grundskolan i norra delen av staden.",
        ),
        (
            "Ärende B",
            "Nämnden beslutar om lokaler för skolan i staden.",
        ),
        ("Ärende C", "Nämnden beslutar om lokaler för förskolorna."),
        (
            "Ärende D",
            "Nämnden beslutar om en ryskolan tidigare nämnd.",
        ),
        ("Ärende E", "Nämnden beslutar om lokaler för äldreboenden."),
    ]);
    let r = search(&index, q("skola"));
    let t = titles(&r);
    assert_eq!(t.first().map(String::as_str), Some("Ärende B"), "{t:?}");
    let mut compounds = t[1..].to_vec();
    compounds.sort();
    assert_eq!(compounds, ["Ärende A", "Ärende C"]);
    // In a run of words too.
    let r = search(&index, q("lokaler skola"));
    assert_eq!(r.total, 3, "{:?}", titles(&r));
    // Another inflection of the head: "skolor" has the stem of "skola".
    assert_eq!(search(&index, q("skolor")).total, 3);
}

#[test]
fn noun_in_a_is_found_in_its_definite_form_and_back() {
    let (_d, index) = synthetic(&[
        ("Ärende A", "Beläggning av gatan vid torget."),
        ("Ärende B", "Beläggning av gator vid torget."),
        ("Ärende C", "Nya skolor i staden."),
        ("Ärende D", "Den nya skolan i staden."),
    ]);
    let mut t = titles(&search(&index, q("gata")));
    t.sort();
    assert_eq!(t, ["Ärende A", "Ärende B"]);
    let mut t = titles(&search(&index, q("skolan")));
    t.sort();
    assert_eq!(t, ["Ärende C", "Ärende D"]);
    let mut t = titles(&search(&index, q("skolor")));
    t.sort();
    assert_eq!(t, ["Ärende C", "Ärende D"]);
}

#[test]
fn phrase_ranks_above_scattered_words() {
    let (_d, index) = synthetic(&[
        (
            "Ärende A",
            "Uppföljning av krav på leverantörer och en ny kvalitetsbok för verksamheten i år.",
        ),
        (
            "Ärende B",
            "Uppföljning av leverantörer på nytt med krav och kvalitetsbok för verksamheten i år.",
        ),
    ]);
    let r = search(&index, q("krav och kvalitetsbok"));
    assert_eq!(titles(&r), ["Ärende B", "Ärende A"]);
}

#[test]
fn title_match_ranks_above_body_match() {
    let (_d, index) = synthetic(&[
        (
            "Ärende om skolor",
            "Nämnden beslutar om detaljplan för området vid ån.",
        ),
        (
            "Detaljplan för området",
            "Nämnden beslutar om skolor i området vid ån.",
        ),
    ]);
    let r = search(&index, q("detaljplan"));
    assert_eq!(titles(&r), ["Detaljplan för området", "Ärende om skolor"]);
}

#[test]
fn paragraph_numbers_are_searchable() {
    let r = search(sample_index(), q("§ 78 kvalitetsbok"));
    assert_eq!(
        ids(&r).first(),
        Some(&(OREBRO.to_string(), 78)),
        "{:?}",
        ids(&r)
    );
    let r = search(sample_index(), q("§79 periodrapport"));
    assert_eq!(ids(&r), [(OREBRO.to_string(), 79)]);
}

#[test]
fn recent_lifts_newer_meetings() {
    let (_d, index) = synthetic_dated(&[
        (
            "2015-03-10".into(),
            "Äldre ärende",
            "Nämnden behandlar detaljplan för området.",
        ),
        (
            "2026-03-10".into(),
            "Nyare ärende",
            "Nämnden behandlar en detaljplan för området vid ån.",
        ),
    ]);
    let r = search(&index, q("detaljplan"));
    assert_eq!(titles(&r), ["Äldre ärende", "Nyare ärende"]);
    let mut req = q("detaljplan");
    req.recent = true;
    assert_eq!(
        titles(&search(&index, req)),
        ["Nyare ärende", "Äldre ärende"]
    );
}
