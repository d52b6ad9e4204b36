//! Parser throughput on the whole shared corpus (59 Göteborg protocols and the
//! two seeds), reported by criterion as bytes per second. Falls back to the
//! copy of that corpus in `tests/data` if `../shared` (or `$PARAGRAF_SHARED`) is missing.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paragraf::protocol::{FolderMeta, parse_text};
use std::hint::black_box;

fn parse_corpus(c: &mut Criterion) {
    let files = common::corpus_files();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let meta = FolderMeta::default();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function(format!("corpus_{}_files", files.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for (path, text) in &files {
                n += parse_text(black_box(text), path, &meta)
                    .unwrap()
                    .paragraphs
                    .len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
