//! The ceiling for paragraf's indexing speed: what indexing paragraf's own
//! documents costs tantivy alone. The same documents (every field, the
//! stored record), the same tokens (paragraf's Swedish analyzer), the same
//! writer memory and commits every [`COMMIT_EVERY`] §, but parsed and
//! analysed before the clock runs. Prints one JSON line.
//!
//! ```sh
//! paragraf parse --ndjson ARCHIVE > paragraphs.ndjson
//! cargo run --release --example tantivy_ceiling -- paragraphs.ndjson INDEX_DIR
//! ```
//!
//! How "pre-analysed" is done: each analysed text value is given to tantivy
//! as a `PreTokenizedString` holding paragraf's tokens, in a field that is
//! indexed exactly as paragraf's but not stored; a stored text value is
//! also added, as plain text, to a stored-only twin field, so the document
//! store gets the same bytes as paragraf's. Batches of [`COMMIT_EVERY`] §
//! are prepared outside the clock (all of 1M § at once would not fit in
//! memory as tokens), then added and committed inside it; the clock also
//! covers the final wait for merges. Merges that a commit starts can run on
//! while the next batch is prepared: that only makes the ceiling higher.

use paragraf::index::{COMMIT_EVERY, documents_for_benchmark};
use paragraf::schema::IndexSchema;
use paragraf::{Meeting, Paragraph, Protocol};
use std::io::BufRead;
use std::time::{Duration, Instant};
use tantivy::schema::{
    Field, FieldType, OwnedValue, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{PreTokenizedString, Token, TokenizerManager};
use tantivy::{IndexWriter, TantivyDocument};

/// Memory for the writer, as `paragraf index` gives it.
const WRITER_HEAP: usize = 200_000_000;

#[derive(serde::Deserialize)]
struct Line {
    meeting: Meeting,
    paragraph: Paragraph,
}

/// How a field of paragraf's schema is written in the ceiling's.
#[derive(Clone)]
enum Route {
    /// As it is.
    Same(Field),
    /// Tokens into the indexed field (by tokenizer name), and the text into
    /// the stored twin if there is one.
    Analysed {
        indexed: Field,
        tokenizer: String,
        stored: Option<Field>,
    },
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input = args
        .get(1)
        .expect("usage: tantivy_ceiling PARAGRAPHS.ndjson INDEX_DIR");
    let dir = std::path::Path::new(args.get(2).expect("INDEX_DIR"));

    let ps = IndexSchema::load().expect("paragraf's schema");
    let (schema, routes) = ceiling_schema(&ps.schema);
    let tokenizers = TokenizerManager::default();
    paragraf::analysis::register(&tokenizers);
    std::fs::create_dir_all(dir).expect("creating the index folder");
    let index = tantivy::Index::create_in_dir(dir, schema).expect("creating the index");
    paragraf::analysis::register(index.tokenizers());
    let mut writer: IndexWriter<TantivyDocument> = index.writer(WRITER_HEAP).expect("writer");

    let mut clock = Duration::ZERO;
    let mut prepare = Duration::ZERO;
    let mut batch: Vec<TantivyDocument> = Vec::new();
    let mut in_batch = 0usize;
    let mut tokens = 0usize;
    let mut paragraphs = 0usize;
    let mut text_bytes = 0usize;
    let mut flush = |batch: &mut Vec<TantivyDocument>, writer: &mut IndexWriter| {
        let started = Instant::now();
        for d in batch.drain(..) {
            writer.add_document(d).expect("add");
        }
        writer.commit().expect("commit");
        clock += started.elapsed();
    };
    // The protocols of the NDJSON export (one line per §, with its
    // meeting; a protocol's lines follow each other) are read one at a
    // time: the whole export does not fit in memory at 5M §. Reading and
    // grouping the lines is outside the clock, as the preparing is.
    let mut add = |p: Protocol, batch: &mut Vec<TantivyDocument>, writer: &mut IndexWriter| {
        let started = Instant::now();
        let docs = documents_for_benchmark(&ps, &p, &p.meeting.source).expect("documents");
        for d in docs {
            batch.push(pre_analysed(&d, &routes, &tokenizers, &mut tokens));
        }
        in_batch += p.paragraphs.len();
        prepare += started.elapsed();
        if in_batch >= COMMIT_EVERY {
            flush(batch, writer);
            in_batch = 0;
        }
    };
    let file = std::fs::File::open(input).expect("opening the input");
    let mut current: Option<Protocol> = None;
    for line in std::io::BufReader::new(file).lines() {
        let l: Line = serde_json::from_str(&line.expect("reading")).expect("JSON");
        text_bytes += l.paragraph.title.len() + l.paragraph.body.len();
        paragraphs += 1;
        match current.as_mut() {
            Some(p) if p.meeting.source == l.meeting.source => p.paragraphs.push(l.paragraph),
            _ => {
                let next = Protocol {
                    meeting: l.meeting,
                    paragraphs: vec![l.paragraph],
                    warnings: Vec::new(),
                };
                if let Some(done) = current.replace(next) {
                    add(done, &mut batch, &mut writer);
                }
            }
        }
    }
    if let Some(done) = current.take() {
        add(done, &mut batch, &mut writer);
    }
    flush(&mut batch, &mut writer);
    let started = Instant::now();
    writer.wait_merging_threads().expect("merge");
    clock += started.elapsed();

    let secs = clock.as_secs_f64();
    println!(
        "{{\"engine\":\"tantivy-ceiling\",\"docs\":{paragraphs},\"tokens\":{tokens},\"text_bytes\":{text_bytes},\"prepare_seconds\":{:.3},\"index_seconds\":{secs:.3},\"mb_per_s\":{:.1}}}",
        prepare.as_secs_f64(),
        text_bytes as f64 / 1e6 / secs
    );
}

/// The ceiling's schema: paragraf's, with each analysed text field indexed
/// as it is but not stored, plus a stored-only twin where it was stored.
fn ceiling_schema(paragraf: &Schema) -> (Schema, Vec<Route>) {
    let mut b = Schema::builder();
    let mut routes = Vec::new();
    for (_, entry) in paragraf.fields() {
        let name = entry.name();
        let route = match entry.field_type() {
            FieldType::Str(opts) if opts.get_indexing_options().is_some() => {
                let indexing: &TextFieldIndexing = opts.get_indexing_options().expect("checked");
                let tokenizer = indexing.tokenizer().to_string();
                let indexed = b.add_text_field(
                    name,
                    TextOptions::default().set_indexing_options(indexing.clone()),
                );
                let stored = opts
                    .is_stored()
                    .then(|| b.add_text_field(&format!("{name}__stored"), STORED));
                Route::Analysed {
                    indexed,
                    tokenizer,
                    stored,
                }
            }
            other => Route::Same(b.add_field(tantivy::schema::FieldEntry::new(
                name.to_string(),
                other.clone(),
            ))),
        };
        routes.push(route);
    }
    (b.build(), routes)
}

/// `doc` with each analysed text value replaced by its tokens.
fn pre_analysed(
    doc: &TantivyDocument,
    routes: &[Route],
    tokenizers: &TokenizerManager,
    count: &mut usize,
) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    for (field, value) in doc.field_values() {
        match &routes[field.field_id() as usize] {
            Route::Same(f) => out.add_field_value(*f, &OwnedValue::from(value.as_value())),
            Route::Analysed {
                indexed,
                tokenizer,
                stored,
            } => {
                let text = value.as_str().expect("a text field holds text");
                let mut analyzer = tokenizers.get(tokenizer).expect("tokenizer registered");
                let mut stream = analyzer.token_stream(text);
                let mut tokens: Vec<Token> = Vec::new();
                while stream.advance() {
                    tokens.push(stream.token().clone());
                }
                *count += tokens.len();
                out.add_pre_tokenized_text(
                    *indexed,
                    PreTokenizedString {
                        text: String::new(),
                        tokens,
                    },
                );
                if let Some(s) = stored {
                    out.add_text(*s, text);
                }
            }
        }
    }
    out
}
