//! Runs the Swedish analyzer, as tantivy calls it at indexing, over every
//! text field (as `index-schema/` lists them) of an NDJSON export and prints the token count and a checksum
//! of the token stream (text, position, offsets). A change to the analyzer
//! that is meant to be a pure speed-up must leave both the same; run it
//! under `valgrind --tool=callgrind` to compare instruction counts.
//!
//! ```sh
//! paragraf export --ndjson > export.ndjson
//! cargo run --release --example analyzer_checksum -- export.ndjson
//! ```

use paragraf::analysis::SwedishTokenizer;
use paragraf::schema::IndexSchema;
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: analyzer_checksum EXPORT.ndjson");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Everything is read first, so that a profile of this program is
    // mostly the analyzer's.
    let schema = IndexSchema::load().expect("loading index-schema/");
    // The analysed fields, as index-schema/ lists them.
    let fields = schema.analysed_fields();
    let mut texts: Vec<String> = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("reading the export");
        let doc: serde_json::Value = serde_json::from_str(&line).expect("an export line");
        for &field in &fields {
            match &doc[field] {
                serde_json::Value::String(s) => texts.push(s.clone()),
                serde_json::Value::Array(a) => {
                    texts.extend(a.iter().filter_map(|v| v.as_str()).map(str::to_string))
                }
                _ => {}
            }
        }
    }
    let mut tokenizer = SwedishTokenizer::default();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut tokens = 0u64;
    for text in &texts {
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            (&t.text, t.position, t.offset_from, t.offset_to).hash(&mut hasher);
            tokens += 1;
        }
    }
    println!(
        "{} texts, {tokens} tokens, checksum {:016x}",
        texts.len(),
        hasher.finish()
    );
}
