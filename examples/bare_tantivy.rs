//! The ceiling for indexing speed: bare tantivy with its default tokenizer
//! indexing the same § (title and body, from `paragraf parse --ndjson`)
//! without parsing or Swedish analysis. Prints one JSON line.
//!
//! ```sh
//! paragraf parse --ndjson ARCHIVE > paragraphs.ndjson
//! cargo run --release --example bare_tantivy -- paragraphs.ndjson INDEX_DIR
//! ```

use std::io::BufRead;
use std::time::Instant;
use tantivy::schema::{STORED, Schema, TEXT};
use tantivy::{TantivyDocument, doc};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input = args
        .get(1)
        .expect("usage: bare_tantivy PARAGRAPHS.ndjson INDEX_DIR");
    let dir = std::path::Path::new(args.get(2).expect("INDEX_DIR"));
    // Read all input first: the timing is of indexing only.
    let file = std::fs::File::open(input).expect("opening the input");
    let mut records: Vec<(String, String)> = Vec::new();
    let mut bytes = 0usize;
    for line in std::io::BufReader::new(file).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.expect("reading")).expect("JSON");
        let title = v["paragraph"]["title"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let body = v["paragraph"]["body"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        bytes += title.len() + body.len();
        records.push((title, body));
    }
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    std::fs::create_dir_all(dir).expect("creating the index folder");
    let index = tantivy::Index::create_in_dir(dir, builder.build()).expect("creating the index");
    let started = Instant::now();
    let mut writer = index
        .writer::<TantivyDocument>(200_000_000)
        .expect("writer");
    for (t, b) in &records {
        writer
            .add_document(doc!(title => t.as_str(), body => b.as_str()))
            .expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{{\"engine\":\"tantivy-bare\",\"docs\":{},\"text_bytes\":{bytes},\"index_seconds\":{secs:.3},\"mb_per_s\":{:.1}}}",
        records.len(),
        bytes as f64 / 1e6 / secs
    );
}
