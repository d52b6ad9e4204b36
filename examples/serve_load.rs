//! A bounded load on a running `paragraf serve`: CLIENTS threads, each on
//! one keep-alive HTTP/1.1 connection to a loopback address, send the
//! searches of a query file (`benches/queries.tsv`: kind, query, filters)
//! as the page sends them (`/api/search?q=…&limit=10&facets=true` and the
//! filters) for SECONDS seconds, then stop. Prints one JSON object:
//! requests, throughput, latency percentiles, and every answer that was not
//! a 200 (a failure).
//!
//! ```sh
//! cargo run --release --example serve_load -- 127.0.0.1:7878 benches/queries.tsv 32 30
//! ```
//!
//! benches/serve_load.sh starts the server, runs this while `paragraf
//! index` updates the index, and prints the table for benches/RESULTS.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 4 {
        eprintln!("usage: serve_load ADDR:PORT QUERIES.tsv CLIENTS SECONDS");
        std::process::exit(2);
    }
    let addr: SocketAddr = args[0].parse().expect("ADDR:PORT");
    assert!(
        addr.ip().is_loopback(),
        "{addr}: the load goes to a loopback address only"
    );
    let targets = targets(&std::fs::read_to_string(&args[1]).expect("read the query file"));
    let clients: usize = args[2].parse().expect("CLIENTS");
    let seconds: f64 = args[3].parse().expect("SECONDS");
    assert!(
        (1..=256).contains(&clients) && seconds > 0.0 && seconds <= 600.0,
        "CLIENTS 1..=256, SECONDS up to 600"
    );
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let targets = targets.clone();
            std::thread::spawn(move || client(addr, &targets, c, until))
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut failed = 0usize;
    for h in handles {
        let r = h.join().expect("a client thread panicked");
        latencies.extend(r.latencies);
        failed += r.failed;
        for f in r.failures {
            if failures.len() < 10 {
                failures.push(f);
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    let ok = latencies.len();
    println!(
        "{{\"clients\": {clients}, \"seconds\": {elapsed:.2}, \"requests\": {}, \"ok\": {ok}, \
         \"failed\": {failed}, \"throughput\": {:.1}, \"p50_ms\": {:.2}, \"p90_ms\": {:.2}, \
         \"p99_ms\": {:.2}, \"max_ms\": {:.2}, \"queries\": {}, \"failures\": {:?}}}",
        ok + failed,
        (ok + failed) as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
        targets.len(),
        failures
    );
    if failed > 0 {
        std::process::exit(1);
    }
}

/// What one client saw.
struct ClientResult {
    /// Latencies of the answers with status 200.
    latencies: Vec<Duration>,
    /// Answers of another status, connection errors, timeouts.
    failed: usize,
    /// The first few failures, described.
    failures: Vec<String>,
}

fn client(addr: SocketAddr, targets: &[String], offset: usize, until: Instant) -> ClientResult {
    let mut out = ClientResult {
        latencies: Vec::new(),
        failed: 0,
        failures: Vec::new(),
    };
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut i = offset * 7;
    while Instant::now() < until {
        let target = &targets[i % targets.len()];
        i += 1;
        let sent = Instant::now();
        let result = (|| -> Result<u16, String> {
            if conn.is_none() {
                let s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
                    .map_err(|e| format!("connect: {e}"))?;
                s.set_read_timeout(Some(Duration::from_secs(60)))
                    .map_err(|e| e.to_string())?;
                s.set_nodelay(true).map_err(|e| e.to_string())?;
                conn = Some(BufReader::new(s));
            }
            let c = conn.as_mut().unwrap();
            let req = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
            c.get_mut()
                .write_all(req.as_bytes())
                .map_err(|e| format!("send: {e}"))?;
            read_response(c)
        })();
        match result {
            Ok(200) => out.latencies.push(sent.elapsed()),
            Ok(status) => {
                out.failed += 1;
                if out.failures.len() < 3 {
                    out.failures.push(format!("{status} for {target}"));
                }
            }
            Err(e) => {
                conn = None;
                out.failed += 1;
                if out.failures.len() < 3 {
                    out.failures.push(format!("{e} for {target}"));
                }
            }
        }
    }
    out
}

/// Reads one answer (status line, headers, a body of Content-Length bytes)
/// and returns its status.
fn read_response(c: &mut BufReader<TcpStream>) -> Result<u16, String> {
    let mut line = String::new();
    c.read_line(&mut line)
        .map_err(|e| format!("receive: {e}"))?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {line:?}"))?;
    let mut length = None;
    loop {
        line.clear();
        c.read_line(&mut line)
            .map_err(|e| format!("receive: {e}"))?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let n = length.ok_or("an answer without Content-Length")?;
    let mut body = vec![0; n];
    c.read_exact(&mut body)
        .map_err(|e| format!("receive: {e}"))?;
    Ok(status)
}

/// The request targets of a query file: one a line, `kind TAB query TAB
/// filters` (filters `organ=… from=… to=…`), as the page sends them.
fn targets(tsv: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (Some(_kind), Some(query)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut t = format!("/api/search?q={}&limit=10&facets=true", encode(query));
        if let Some(filters) = cols.next() {
            for f in filters.split(' ').filter(|f| !f.is_empty()) {
                if let Some((k, v)) = f.split_once('=') {
                    t.push_str(&format!("&{k}={}", encode(v)));
                }
            }
        }
        out.push(t);
    }
    assert!(!out.is_empty(), "no query in the file");
    out
}

/// Percent-encodes a query string value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
