//! `paragraf export --ndjson` and `paragraf schema --opensearch`: the export
//! has one line per §, each a JSON document whose fields the mapping names.

use crate::common;

use common::paragraf;
use paragraf::Index;
use serde_json::Value;

/// The field names of index-schema/schema.toml, read here independently.
fn schema_fields() -> Vec<String> {
    let file: toml::Value = toml::from_str(paragraf::schema::SCHEMA_TOML).unwrap();
    file["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

fn mapping_from_cli() -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let out = paragraf(&tmp.path().join("unused"))
        .args(["schema", "--opensearch"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("the mapping is valid JSON")
}

#[test]
fn the_mapping_names_every_schema_field_with_a_swedish_analyzer() {
    let mapping = mapping_from_cli();
    let props = mapping["mappings"]["properties"].as_object().unwrap();
    let fields = schema_fields();
    assert!(fields.len() > 10);
    for name in &fields {
        assert!(props.contains_key(name), "no mapping for {name}");
    }
    assert_eq!(props.len(), fields.len(), "fields not in index-schema/");
    // Text fields use an analyzer the settings define: lowercase, Swedish
    // stop words, Swedish stemmer.
    let analysis = &mapping["settings"]["analysis"];
    let analyzer_name = props["body"]["analyzer"].as_str().unwrap();
    let analyzer = &analysis["analyzer"][analyzer_name];
    let filters: Vec<&str> = analyzer["filter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(filters[0], "lowercase");
    let defined: Vec<&Value> = filters[1..]
        .iter()
        .map(|f| &analysis["filter"][*f])
        .collect();
    assert!(
        defined
            .iter()
            .any(|f| f["type"] == "stop" && f["stopwords"] == "_swedish_")
    );
    assert!(
        defined
            .iter()
            .any(|f| f["type"] == "stemmer" && f["language"] == "swedish")
    );
    assert_eq!(props["title"]["type"], "text");
    assert_eq!(props["number"]["type"], "long");
    assert_eq!(props["meeting_id"]["type"], "keyword");
    assert_eq!(props["record"]["enabled"], false);
}

#[test]
fn export_has_one_parsable_line_per_paragraph_with_mapped_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let index = Index::create(&dir).unwrap();
    index.sync(&common::sample_data()).unwrap();
    let paragraphs = index.stats().unwrap().paragraphs;
    assert!(paragraphs > 100);

    let mut buf = Vec::new();
    let n = index.export_ndjson(&mut buf).unwrap();
    assert_eq!(n, paragraphs);
    let text = String::from_utf8(buf).unwrap();
    assert_eq!(text.lines().count() as u64, paragraphs);

    let mapping = paragraf::schema::IndexSchema::load()
        .unwrap()
        .opensearch_mapping();
    let props = mapping["mappings"]["properties"].as_object().unwrap();
    let mut ids = std::collections::HashSet::new();
    for line in text.lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        for key in doc.as_object().unwrap().keys() {
            assert!(props.contains_key(key), "{key} is not in the mapping");
        }
        assert_eq!(doc["kind"], "paragraph");
        assert_eq!(doc["record"]["meeting"]["id"], doc["meeting_id"]);
        assert_eq!(doc["record"]["paragraph"]["number"], doc["number"]);
        assert!(!doc["body"].as_str().unwrap().is_empty());
        ids.insert(format!("{}#{}", doc["meeting_id"], doc["number"]));
    }
    // Every § once.
    assert_eq!(ids.len() as u64, paragraphs);

    // The CLI writes the same, to standard output or a file.
    let out = paragraf(&dir)
        .args(["export", "--ndjson"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), text);
    let file = tmp.path().join("export.ndjson");
    paragraf(&dir)
        .args(["export", "--ndjson", "--output"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}
