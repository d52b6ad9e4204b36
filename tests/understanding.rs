//! Search that answers the queries people type, on a small made-up archive
//! of two municipalities, several bodies and dates.
//!
//! Ranking properties checked here:
//! 1. A word no § has does not empty the page: § matching most content
//!    words come, those with all of them first; question and function
//!    words are not required ("hur mycket kostar nya simhallen").
//! 2. A § matching more content words ranks above one matching fewer,
//!    whatever their BM25.
//! 3. A month and year, and a body, in the query are meeting preferences:
//!    § of that body and month first, then the others, and the output says
//!    so ("kommunstyrelsen mars 2024 detaljplaner", "KS", "fullmäktige").
//! 4. A party's name finds its letters and back ("Vänsterpartiets
//!    yrkande" finds "(V)"; "SD" finds "Sverigedemokraterna").
//! 5. A case number spelt another way finds its § ("KS 2024/88", "dnr
//!    2024/88" and "KS-24-88" for "KS-2024-00088").
//! 6. A typo, inside a compound too, and letters without accents find the
//!    word, below exact matches, and say what they corrected.
//! 7. Forms Snowball stems apart are joined ("busskortet" ~ "busskort",
//!    "böcker" ~ "bok"); a curated synonym finds its group ("äldreboende"
//!    finds "vård- och omsorgsboende"), below the word as typed.
//! 8. A word the index lacks is found by its parts ("skolnedläggning").
//! 9. Short words find the compounds they begin and end, however rare
//!    ("klimat" → "Klimatnämnden", "skola" → "Odinsskolan").
//! 10. "Phrases", +must and -exclude keep their strict meaning.
//! 11. Search-box habits work: AND, OR, or, NOT, a trailing *, field names
//!     in any case; what is not understood is an error naming the column.
//! 12. Snippets mark the title when only it matched; `--sort` orders by
//!     date; equal scores come newest first.

use crate::common::{self, write_protocol};
use paragraf::index::Index;
use paragraf::search::{Hit, SearchRequest, SearchResults, Sort};
use std::sync::OnceLock;

fn archive() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let a = dir.path().join("archive");
            write_protocol(&a, "Lunda kommun", "Kommunstyrelsen", "2024-03-12", &[
                (10, "KS-2024-00088", "Detaljplan för Norra hamnen", "Kommunstyrelsen beslutar att anta detaljplanen för bostäder vid Norra hamnen."),
                (11, "KS-2024-00090", "Nya simhallen i Lunda", "Den nya simhallen byggs vid torget. Projektet följs upp under året."),
                (12, "KS-2024-00091", "Yrkande om busskort", "Yrkande från V om fria busskort för unga. Jonas Berg (V) yrkar bifall. Busskortet gäller hela året."),
                (13, "KS-2024-00092", "Kvalitetsbok för hemtjänsten", "Kommunstyrelsen antar kvalitetsboken för hemtjänsten."),
            ]);
            write_protocol(&a, "Lunda kommun", "Kommunstyrelsen", "2023-05-10", &[
                (40, "KS-2023-00140", "Detaljplan för Södra kajen", "Kommunstyrelsen beslutar om detaljplan för Södra kajen och bostäder."),
                (41, "KS-2023-00141", "Kostnader för simhallen", "Kostnaden för simhallen beräknas till 300 miljoner kronor."),
            ]);
            write_protocol(&a, "Lunda kommun", "Kommunfullmäktige", "2024-03-20", &[
                (5, "KS-2024-00095", "Detaljplan för Västra parken", "Kommunfullmäktige antar detaljplan för Västra parken."),
                (6, "KF-2024-00010", "Motion om vård- och omsorgsboende", "Motionen föreslår ett nytt vård- och omsorgsboende i Norrby. Sverigedemokraterna yrkar avslag."),
                (7, "KF-2024-00011", "Nedläggning av Bergsskolan", "Barn- och utbildningsnämnden föreslår nedläggning av Bergsskolan."),
                (8, "KF-2024-00012", "Trollängsskolans utbyggnad", "Utbyggnaden av Trollängsskolan och Odinsskolan genomförs."),
                (9, "KF-2024-00013", "Antisemitism i skolan", "Ett program mot antisemitism i skolan."),
            ]);
            write_protocol(&a, "Norrvik kommun", "Klimatnämnden", "2025-06-02", &[
                (3, "KN-2025-00003", "Klimatbudget 2026", "Klimatnämnden föreslår en klimatbudget."),
                (4, "KN-2025-00004", "Böcker till biblioteket", "Inköp av böcker till biblioteket i Norrvik."),
                (5, "KN-2025-00005", "Revisionens granskning", "Revisorerna har granskat nämndens arbete under året."),
            ]);
            write_protocol(&a, "Norrvik kommun", "Klimatnämnden", "2025-09-02", &[
                (8, "KN-2025-00008", "Revisionens granskning", "Revisorerna har granskat nämndens arbete under året."),
                (9, "KN-2025-00009", "Interpellation om att minska vildsvinspopulationen", "Interpellationen bordläggs."),
            ]);
            let index = Index::create(&dir.path().join("index")).unwrap();
            index.sync(&a).unwrap();
            (dir, index)
        })
        .1
}

fn search(query: &str) -> SearchResults {
    search_req(SearchRequest::new(query))
}

fn search_req(req: SearchRequest) -> SearchResults {
    archive()
        .search(&req)
        .unwrap_or_else(|e| panic!("{}: {e}", req.query))
}

fn titles(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.paragraph.title.as_str()).collect()
}

fn first(r: &SearchResults) -> &str {
    titles(r).first().copied().unwrap_or("(nothing)")
}

#[test]
fn a_question_finds_what_matches_most_of_its_words() {
    let r = search("hur mycket kostar nya simhallen");
    assert!(r.total > 0, "{:?}", r.understood);
    assert_eq!(first(&r), "Nya simhallen i Lunda", "{:?}", titles(&r));
    assert!(
        titles(&r).contains(&"Kostnader för simhallen"),
        "{:?}",
        titles(&r)
    );
    assert_eq!(r.understood.dropped, ["hur", "mycket"]);
    // A word no § has: the others still find.
    let r = search("simhallen xyzzyplugg");
    assert_eq!(r.total, 2, "{:?}", titles(&r));
    assert!(r.understood.relaxed.is_some());
    assert!(
        r.understood.summary.contains("no § has all of"),
        "{}",
        r.understood.summary
    );
}

#[test]
fn more_words_matched_rank_higher() {
    let r = search("detaljplan bostäder hamnen");
    let t = titles(&r);
    assert_eq!(t[0], "Detaljplan för Norra hamnen", "{t:?}");
    assert_eq!(t[1], "Detaljplan för Södra kajen", "{t:?}");
    let c = r.hits[1].coverage.unwrap();
    assert_eq!((c.matched, c.of), (2, 3));
}

#[test]
fn bodies_and_months_in_the_query_are_preferences() {
    let r = search("kommunstyrelsen mars 2024 detaljplaner");
    assert_eq!(first(&r), "Detaljplan för Norra hamnen", "{:?}", titles(&r));
    // The others come after, not dropped.
    assert_eq!(r.total, 3, "{:?}", titles(&r));
    assert_eq!(r.understood.organs, ["Kommunstyrelsen"]);
    assert_eq!(
        r.understood.dates,
        Some(("2024-03-01".into(), "2024-03-31".into()))
    );
    let r = search("fullmäktige detaljplan");
    assert_eq!(
        first(&r),
        "Detaljplan för Västra parken",
        "{:?}",
        titles(&r)
    );
    let r = search("KS detaljplan");
    assert_eq!(r.understood.organs, ["Kommunstyrelsen"]);
    assert_ne!(first(&r), "Detaljplan för Västra parken");
    let r = search("Norrvik granskning");
    assert_eq!(r.understood.organisations, ["Norrvik kommun"]);
}

#[test]
fn parties_by_name_find_their_letters_and_back() {
    let r = search("Vänsterpartiets yrkande");
    assert_eq!(first(&r), "Yrkande om busskort", "{:?}", titles(&r));
    let r = search("SD avslag");
    assert_eq!(
        first(&r),
        "Motion om vård- och omsorgsboende",
        "{:?}",
        titles(&r)
    );
}

#[test]
fn case_numbers_in_other_spellings_find_their_paragraph() {
    for q in [
        "KS 2024/88",
        "dnr KS 2024/88",
        "KS-24-88",
        "ks 2024-00088",
        "case:KS/2024:88",
    ] {
        let r = search(q);
        assert_eq!(
            first(&r),
            "Detaljplan för Norra hamnen",
            "{q}: {:?}",
            titles(&r)
        );
    }
}

#[test]
fn typos_and_missing_accents_are_corrected_and_said() {
    let r = search("kvalitetbok");
    assert_eq!(
        first(&r),
        "Kvalitetsbok för hemtjänsten",
        "{:?}",
        r.understood
    );
    assert!(
        r.understood.summary.contains("kvalitetbok →"),
        "{}",
        r.understood.summary
    );
    let r = search("antisemetism");
    assert_eq!(first(&r), "Antisemitism i skolan");
    let r = search("Trollangsskolan");
    assert_eq!(
        first(&r),
        "Trollängsskolans utbyggnad",
        "{:?}",
        r.understood
    );
    assert!(
        r.understood
            .corrections
            .iter()
            .any(|(_, found, how)| found.starts_with("trolläng") && how == "accents"),
        "{:?}",
        r.understood.corrections
    );
    // The word as typed ranks above a correction of it.
    let r = search("busskort");
    assert_eq!(first(&r), "Yrkande om busskort");
}

#[test]
fn forms_snowball_misses_and_synonyms_are_found() {
    let r = search("busskortet");
    assert_eq!(first(&r), "Yrkande om busskort");
    let r = search("bok");
    assert!(
        titles(&r).contains(&"Böcker till biblioteket"),
        "{:?}",
        titles(&r)
    );
    let r = search("äldreboende");
    assert_eq!(
        first(&r),
        "Motion om vård- och omsorgsboende",
        "{:?}",
        r.understood
    );
    assert!(!r.understood.synonyms.is_empty());
}

#[test]
fn a_compound_the_index_lacks_is_found_by_its_parts() {
    let r = search("skolnedläggning");
    assert_eq!(
        first(&r),
        "Nedläggning av Bergsskolan",
        "{:?}",
        r.understood
    );
}

#[test]
fn short_words_find_the_compounds_they_begin_and_end() {
    let r = search("klimat");
    assert!(
        titles(&r).contains(&"Klimatbudget 2026"),
        "{:?}",
        titles(&r)
    );
    let r = search("skola");
    assert!(
        titles(&r).contains(&"Trollängsskolans utbyggnad"),
        "{:?}",
        titles(&r)
    );
    assert_eq!(first(&r), "Antisemitism i skolan");
}

#[test]
fn a_word_in_a_title_only_is_found_in_a_compound_and_corrected() {
    // Regression: the compounds a word begins and the words a letter or
    // two from it were looked for in the body's dictionary only, so a
    // word that a short § has in its title alone was not found.
    for q in ["vildsvin", "vildsvin*", "vildsvinspopulatonen"] {
        let r = search(q);
        assert_eq!(
            first(&r),
            "Interpellation om att minska vildsvinspopulationen",
            "{q}: {:?}",
            r.understood
        );
    }
}

#[test]
fn phrases_must_and_exclude_stay_strict() {
    let r = search("\"nya simhallen\" xyzzyplugg");
    assert_eq!(r.total, 0, "{:?}", titles(&r));
    let r = search("+xyzzyplugg simhallen");
    assert_eq!(r.total, 0, "{:?}", titles(&r));
    let r = search("detaljplan -hamnen");
    assert!(
        !titles(&r).contains(&"Detaljplan för Norra hamnen"),
        "{:?}",
        titles(&r)
    );
    assert!(r.total >= 2);
}

#[test]
fn search_box_habits() {
    assert_eq!(search("simhallen AND kostnaden").total, 1);
    assert_eq!(search("simhallen AND xyzzyplugg").total, 0);
    let or = search("biblioteket or hemtjänsten");
    assert_eq!(or.total, 2, "{:?}", titles(&or));
    assert_eq!(search("biblioteket OR hemtjänsten").total, 2);
    let not = search("detaljplan NOT hamnen");
    assert!(!titles(&not).contains(&"Detaljplan för Norra hamnen"));
    assert!(titles(&search("detaljpl*")).contains(&"Detaljplan för Norra hamnen"));
    assert_eq!(search("Title:böcker").total, 1);
    assert_eq!(search("TITEL:böcker").total, 1);
    for bad in ["simhallen AND", "*hallen", "titel:", "(simhallen"] {
        let e = archive().search(&SearchRequest::new(bad)).unwrap_err();
        assert!(e.is_user_error(), "{bad}");
        assert!(e.to_string().contains('^'), "{bad}: {e}");
    }
}

/// The marked pieces of a hit's title.
fn title_marks(h: &Hit) -> Vec<&str> {
    h.title
        .highlights
        .iter()
        .map(|&(a, b)| &h.title.text[a..b])
        .collect()
}

#[test]
fn titles_are_marked_and_dates_order_on_request() {
    let r = search("kvalitetsbok");
    let h = &r.hits[0];
    let marked = title_marks(h);
    assert_eq!(marked, ["Kvalitetsbok"]);
    let r = search_req(SearchRequest {
        sort: Sort::DateDesc,
        ..SearchRequest::new("detaljplan")
    });
    let dates: Vec<&str> = r
        .hits
        .iter()
        .filter_map(|h| h.meeting.date.as_deref())
        .collect();
    assert_eq!(dates, ["2024-03-20", "2024-03-12", "2023-05-10"]);
    let r = search_req(SearchRequest {
        sort: Sort::Date,
        ..SearchRequest::new("detaljplan")
    });
    assert_eq!(r.hits[0].meeting.date.as_deref(), Some("2023-05-10"));
    // Two § alike but for their date: the newer first.
    let r = search("revisionens granskning");
    let dates: Vec<&str> = r
        .hits
        .iter()
        .filter_map(|h| h.meeting.date.as_deref())
        .collect();
    assert_eq!(dates, ["2025-09-02", "2025-06-02"]);
}

#[test]
fn a_hit_matching_only_in_its_title_has_its_title_marked() {
    // Regression: a § that matched only in its title had no highlight at
    // all (its snippet has nothing to mark). "vildsvinspopulationen" is in
    // one title and in no body.
    let r = search("vildsvinspopulationen");
    let h = r
        .hits
        .iter()
        .find(|h| h.paragraph.title.contains("vildsvinspopulationen"))
        .unwrap_or_else(|| panic!("not found: {:?}", titles(&r)));
    assert!(
        !h.snippet.text.to_lowercase().contains("vildsvin"),
        "the body matches too: {:?}",
        h.snippet.text
    );
    assert!(h.snippet.highlights.is_empty(), "{:?}", h.snippet);
    let marked = title_marks(h);
    assert_eq!(marked, ["vildsvinspopulationen"]);
    let chars: Vec<char> = h.title.text.chars().collect();
    let (a, b) = h.title.char_highlights[0];
    assert_eq!(
        chars[a..b].iter().collect::<String>(),
        "vildsvinspopulationen"
    );
}

#[test]
fn cli_says_how_the_query_was_understood() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::paragraf(&dir.path().join("index"))
        .args(["search", "kommunstyrelsen mars 2024 detaljplaner", "--json"])
        .arg("--index")
        .arg(archive().dir())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["understood"]["organs"][0], "Kommunstyrelsen");
    assert!(v["facets"].is_object());
    let hit = &v["hits"][0];
    assert!(hit["snippet"]["char_highlights"].is_array());
    let out = common::paragraf(&dir.path().join("index"))
        .args([
            "search",
            "hur mycket kostar nya simhallen",
            "--sort",
            "-date",
        ])
        .arg("--index")
        .arg(archive().dir())
        .output()
        .unwrap();
    let text = common::stdout_of(out);
    assert!(
        text.contains("understood:") && text.contains("not searched: hur mycket"),
        "{text}"
    );
    // The hits in the order asked for (regression: only the understanding
    // line was checked). Two § on "simhallen", of 2024-03-12 and 2023-05-10;
    // by relevance "Nya simhallen" (more words) comes first, so `date` must
    // turn the order round.
    assert_eq!(dates_shown(&text), ["2024-03-12", "2023-05-10"], "{text}");
    let out = common::paragraf(&dir.path().join("index"))
        .args([
            "search",
            "hur mycket kostar nya simhallen",
            "--sort",
            "date",
        ])
        .arg("--index")
        .arg(archive().dir())
        .output()
        .unwrap();
    let text = common::stdout_of(out);
    assert_eq!(dates_shown(&text), ["2023-05-10", "2024-03-12"], "{text}");
    // Three § on "detaljplan", whose relevance order is neither: the dates
    // of the JSON hits, each way.
    let sorted = |sort: &str| -> Vec<String> {
        let out = common::paragraf(&dir.path().join("index"))
            .args(["search", "detaljplan", "--json", "--sort", sort])
            .arg("--index")
            .arg(archive().dir())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&common::stdout_of(out)).unwrap();
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["meeting"]["date"].as_str().unwrap().to_string())
            .collect()
    };
    let by_relevance = sorted("relevance");
    let newest_first = sorted("-date");
    let oldest_first = sorted("date");
    assert_eq!(newest_first, ["2024-03-20", "2024-03-12", "2023-05-10"]);
    assert_eq!(oldest_first, ["2023-05-10", "2024-03-12", "2024-03-20"]);
    assert_ne!(by_relevance, newest_first);
    assert_ne!(by_relevance, oldest_first);
    let out = common::paragraf(&dir.path().join("index"))
        .args(["search", "simhallen AND"])
        .arg("--index")
        .arg(archive().dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains('^'));
}

/// The meeting dates of the hits of a plain `search` output, in order: the
/// first date on the line under each numbered hit (its meeting line).
fn dates_shown(text: &str) -> Vec<&str> {
    let hit = regex::Regex::new(r"^ ?\d+\. ").unwrap();
    let date = regex::Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| hit.is_match(w[0]))
        .filter_map(|w| date.find(w[1]).map(|m| m.as_str()))
        .collect()
}
