//! PDF text extraction speed, in pages per second (criterion's elements/s):
//! the sample-data protocols laid out as multi-page PDFs (45 lines a page,
//! header and footer on each, as tests/common/pdf.rs makes them), extracted
//! with `paragraf::protocol::pdf::extract`; and extraction plus parsing.

#[path = "../tests/common/pdf.rs"]
mod pdf_gen;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use paragraf::protocol::{FolderMeta, parse_bytes, pdf};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The sample-data protocols as PDFs, with their paths.
fn sample_pdfs() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let bytes = pdf_gen::protocol_pdf(&text, &pdf_gen::date_of(e.path()));
            (e.path().with_extension("pdf"), bytes)
        })
        .collect()
}

fn extraction(c: &mut Criterion) {
    let pdfs = sample_pdfs();
    let pages: usize = pdfs.iter().map(|(_, b)| pdf::page_count(b).unwrap()).sum();
    let meta = FolderMeta::default();
    let mut group = c.benchmark_group("pdf");
    group.throughput(Throughput::Elements(pages as u64));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function(format!("extract_{}_files_{pages}_pages", pdfs.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for (_, bytes) in &pdfs {
                n += pdf::extract(black_box(bytes)).unwrap().len();
            }
            n
        })
    });
    group.bench_function(format!("extract_and_parse_{pages}_pages"), |b| {
        b.iter(|| {
            let mut n = 0;
            for (path, bytes) in &pdfs {
                n += parse_bytes(black_box(bytes), path, &meta)
                    .unwrap()
                    .paragraphs
                    .len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
