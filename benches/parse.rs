//! Parser throughput on the whole shared corpus (59 Göteborg protocols and the
//! two seeds), reported by criterion as bytes per second. Falls back to the
//! bundled sample-data if `../shared` (or `$PARAGRAF_SHARED`) is missing.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paragraf::protocol::{FolderMeta, parse_text};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("PARAGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let dirs: Vec<PathBuf> = if shared.join("corpus/real/goteborg").is_dir() {
        vec![
            shared.join("corpus/real/goteborg"),
            shared.join("protocols/seeds"),
        ]
    } else {
        eprintln!(
            "note: {} not found, benchmarking sample-data",
            shared.display()
        );
        vec![root.join("sample-data")]
    };
    let mut files = Vec::new();
    for d in dirs {
        for e in walkdir::WalkDir::new(d).sort_by_file_name() {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(e.path()).unwrap();
                files.push((e.into_path(), text));
            }
        }
    }
    files
}

fn parse_corpus(c: &mut Criterion) {
    let files = corpus();
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
