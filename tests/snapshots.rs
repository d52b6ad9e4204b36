//! Insta snapshots pin the whole parse of both seed protocols (as bundled in
//! sample-data): any change in what the parser makes of them shows up as a diff.

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
