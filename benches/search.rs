//! Analyzer throughput (MB/s) and search latency on the shared corpus (the 59
//! Göteborg protocols and the two seeds; their copy in `tests/data` if `../shared` is
//! missing). The index is built once, outside the measurement.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paragraf::analysis::SwedishTokenizer;
use paragraf::index::Index;
use paragraf::search::SearchRequest;
use std::hint::black_box;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn analyzer(c: &mut Criterion) {
    let texts: Vec<String> = common::corpus_files().into_iter().map(|(_, t)| t).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let mut tokenizer = SwedishTokenizer::default();
    group.bench_function("swedish_corpus", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                let mut s = tokenizer.token_stream(black_box(t));
                while s.advance() {
                    n += 1;
                }
            }
            n
        })
    });
    group.finish();
}

/// The query set: single words, several words, phrases, compounds and
/// elisions, case numbers, filters, rare and common words.
const QUERIES: &[&str] = &[
    "Krav- och kvalitetsbok",
    "kravbok",
    "primärvård",
    "\"primärvård\"",
    "detaljplan",
    "budget",
    "\"Göteborgs Stads budget\"",
    "motion om cykelbana",
    "SLK-2024-00062",
    "avsägelse ledamot",
    "hälsovård",
    "interpellation -kommunstyrelsens",
    "title:parentation",
];

fn search(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let mut report = None;
    for d in common::corpus_dirs() {
        report = Some(index.sync(&d).unwrap());
    }
    eprintln!("indexed: {:?} §", report.map(|r| r.total_paragraphs));
    let mut group = c.benchmark_group("search");
    for q in QUERIES {
        let req = SearchRequest::new(*q);
        group.bench_function(*q, |b| {
            b.iter(|| index.search(black_box(&req)).unwrap().total)
        });
    }
    let mut filtered = SearchRequest::new("budget");
    filtered.from = Some("2025".into());
    filtered.organ = Some("kommunstyrelsen".into());
    group.bench_function("budget --from 2025 --organ kommunstyrelsen", |b| {
        b.iter(|| index.search(black_box(&filtered)).unwrap().total)
    });
    group.finish();
}

criterion_group!(benches, analyzer, search);
criterion_main!(benches);
