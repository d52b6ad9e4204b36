//! Tokens per § per field, as the Swedish analyzer makes them: reads an
//! NDJSON export (`paragraf export --ndjson`) and prints, for each text
//! field of the index, the mean number of tokens per § by kind, and the
//! number of distinct terms by the kind they first came as (words first).
//!
//! ```sh
//! cargo run --release --example token_counts -- EXPORT.ndjson
//! ```

use paragraf::analysis::{TokenKind, analyze};
use paragraf::schema::IndexSchema;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: token_counts EXPORT.ndjson");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema = IndexSchema::load().expect("loading index-schema/");
    // The analysed fields, as index-schema/ lists them.
    let fields = schema.analysed_fields();
    let mut counts: BTreeMap<(&str, String), u64> = BTreeMap::new();
    let mut paragraphs = 0u64;
    // Distinct terms (field, term) and the first kind each came as, words first.
    let mut terms: HashMap<(&str, String), &str> = HashMap::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("reading the export");
        let doc: serde_json::Value = serde_json::from_str(&line).expect("an export line");
        paragraphs += 1;
        for &field in &fields {
            let values: Vec<&str> = match &doc[field] {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                _ => Vec::new(),
            };
            for v in values {
                for t in analyze(v) {
                    let kind = match t.kind {
                        TokenKind::Word => "word",
                        TokenKind::Code => "code",
                        TokenKind::Part => "part",
                        TokenKind::Expansion => "expansion",
                    };
                    *counts.entry((field, kind.to_string())).or_default() += 1;
                    let seen = terms.entry((field, t.text)).or_insert(kind);
                    if kind == "word" {
                        *seen = kind;
                    }
                }
            }
        }
    }
    println!("{paragraphs} §; mean tokens per § by field and kind");
    let mut total = 0u64;
    for &field in &fields {
        let mut sum = 0u64;
        let mut parts = Vec::new();
        for ((f, kind), n) in &counts {
            if *f == field {
                sum += n;
                parts.push(format!("{kind} {:.1}", *n as f64 / paragraphs as f64));
            }
        }
        total += sum;
        println!(
            "{field:13} {:7.1}  ({})",
            sum as f64 / paragraphs as f64,
            parts.join(", ")
        );
    }
    println!("{:13} {:7.1}", "all", total as f64 / paragraphs as f64);
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for kind in terms.values() {
        *by_kind.entry(kind).or_default() += 1;
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "distinct terms (field, term) {}: {}",
        terms.len(),
        kinds.join(", ")
    );
}
