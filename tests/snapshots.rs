//! Insta snapshots pin the whole parse of one real protocol of each template
//! family: both seeds and a Göteborg protocol (as bundled in sample-data), and
//! a board's PDF of Alingsås kommun (from `../shared/corpus/wild-dev`; skipped
//! without it). Any change in what the parser makes of them shows up as a
//! diff. (The wild families held out in `tests/data/wild/heldout.txt`, the
//! Alingsås council extracts and Högsby, are pinned by their expected
//! parses in `tests/wild.rs`, not here: a snapshot would show their parse.)

use crate::common;

use paragraf::protocol::parse_file;

fn snapshot_of(relative: &str) -> paragraf::Protocol {
    let path = common::sample_data().join(relative);
    let mut p = parse_file(&path).unwrap();
    // The absolute path differs between machines; pin the name only.
    p.meeting.source = relative.to_string();
    p
}

#[test]
fn orebro_seed_parse() {
    insta::assert_json_snapshot!(snapshot_of(
        "region-orebro-lan/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05.txt"
    ));
}

#[test]
fn vasternorrland_seed_parse() {
    insta::assert_json_snapshot!(snapshot_of(
        "region-vasternorrland/region-vasternorrland_vardvalsutskottet_2025-05-27.txt"
    ));
}

#[test]
fn goteborg_kommunstyrelsen_parse() {
    insta::assert_json_snapshot!(snapshot_of(
        "goteborg/kommunstyrelsen/goteborg_kommunstyrelsen_2024-02-28.txt"
    ));
}

#[test]
fn alingsas_board_pdf_parse() {
    let name = "alingsas_tekniska-namnden_2026-05-18.pdf";
    let Some(path) = common::shared_optional("corpus/wild-dev/pdf").map(|d| d.join(name)) else {
        return;
    };
    let mut p = paragraf::protocol::parse_file_with(&path, &Default::default()).unwrap();
    p.meeting.source = name.to_string();
    insta::assert_json_snapshot!(p);
}
