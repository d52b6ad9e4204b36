//! Parser throughput on one core: reads every .txt/.text file under a folder
//! into memory, then parses each with `parse_bytes` (decode included) and
//! prints total bytes, seconds and MiB/s (wall, and CPU time on Linux). NDJSON printing is left out so the
//! figure is the parser's alone.
//!
//! `cargo run --release --example parse_speed -- FOLDER [ROUNDS]`

use paragraf::protocol::{FolderMeta, parse_bytes};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: parse_speed FOLDER [ROUNDS]"));
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("ROUNDS"));
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "txt" || x == "text")
        })
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read");
            (e.path().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let meta = FolderMeta::default();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let mut paragraphs = 0usize;
    for _ in 0..rounds {
        for (path, bytes) in &files {
            if let Ok(p) = parse_bytes(std::hint::black_box(bytes), path, &meta) {
                paragraphs += p.paragraphs.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().map(|end| end - cpu_start.unwrap_or(0.0));
    let mib = (total * rounds) as f64 / (1024.0 * 1024.0);
    print!(
        "{} files, {} bytes x {rounds}, {paragraphs} paragraphs, wall {secs:.3} s ({:.1} MiB/s)",
        files.len(),
        total,
        mib / secs
    );
    match cpu {
        Some(cpu) => println!(", CPU {cpu:.3} s ({:.1} MiB/s)", mib / cpu),
        None => println!(),
    }
}

/// CPU time of this thread so far, from Linux's /proc (the machine may be
/// shared, so wall time alone misleads); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
