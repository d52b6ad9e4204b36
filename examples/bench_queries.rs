//! Query latency in process, warm: runs the query set of
//! `benches/queries.tsv` against an index and prints p50/p99 (top 10 hits
//! with snippets, as the CLI shows them) as one JSON line.
//!
//! ```sh
//! cargo run --release --example bench_queries -- INDEX_DIR benches/queries.tsv [ROUNDS]
//! ```

use paragraf::{Index, SearchRequest};
use std::time::Instant;

/// The query set: (kind, request).
pub fn read_queries(path: &str) -> Vec<(String, SearchRequest)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let kind = cols.next().unwrap_or_default().to_string();
        let mut req = SearchRequest::new(cols.next().unwrap_or_default());
        for f in cols.next().unwrap_or_default().split_whitespace() {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            match k {
                "organ" => req.organ = Some(v.into()),
                "from" => req.from = Some(v.into()),
                "to" => req.to = Some(v.into()),
                other => panic!("{path}: unknown filter {other}"),
            }
        }
        out.push((kind, req));
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .expect("usage: bench_queries INDEX_DIR QUERIES.tsv [ROUNDS]");
    let queries = read_queries(args.get(2).expect("QUERIES.tsv"));
    let rounds: usize = args.get(3).map_or(20, |r| r.parse().expect("ROUNDS"));
    let index = Index::open(std::path::Path::new(dir)).expect("opening the index");
    let mut hits = 0usize;
    for (_, q) in &queries {
        hits += index.search(q).expect("query").total; // warm-up
    }
    let mut all = Vec::with_capacity(queries.len() * rounds);
    let mut per_query = vec![Vec::with_capacity(rounds); queries.len()];
    for _ in 0..rounds {
        for (i, (_, q)) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(q).expect("query");
            std::hint::black_box(r);
            let us = t.elapsed().as_secs_f64() * 1e6;
            all.push(us);
            per_query[i].push(us);
        }
    }
    // The slowest queries by median, on stderr, for profiling.
    let mut medians: Vec<(f64, &str, &str)> = per_query
        .iter_mut()
        .zip(&queries)
        .map(|(v, (kind, q))| {
            v.sort_by(f64::total_cmp);
            (v[v.len() / 2], kind.as_str(), q.query.as_str())
        })
        .collect();
    medians.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (us, kind, q) in medians.iter().take(8) {
        eprintln!("slowest: {us:8.1} µs  {kind:8} {q}");
    }
    all.sort_by(f64::total_cmp);
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    println!(
        "{{\"engine\":\"paragraf\",\"queries\":{},\"rounds\":{rounds},\"p50_us\":{:.1},\"p99_us\":{:.1},\"mean_us\":{:.1},\"hits\":{hits}}}",
        queries.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        mean
    );
}
