//! `paragraf serve` as a program calling it would: the real binary on a
//! free loopback port, every endpoint, and bad input (bad query syntax, a
//! path with `..`, an unknown meeting id, a huge limit, bytes that are not
//! UTF-8), spoken to over plain TCP so that nothing tidies the request on
//! the way (an HTTP client library would resolve `..` itself).

use crate::common::{self, paragraf};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `paragraf serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// Starts `paragraf serve --index INDEX --bind 127.0.0.1:0 ARGS` and
    /// reads the address it prints.
    fn start(index: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("paragraf"))
            .args(["serve", "--bind", "127.0.0.1:0", "--index"])
            .arg(index)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start paragraf serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, addr }
    }

    /// `GET target` (sent as these bytes, unchanged).
    fn get(&self, target: impl AsRef<[u8]>) -> Reply {
        self.request(b"GET", target.as_ref())
    }

    fn request(&self, method: &[u8], target: &[u8]) -> Reply {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut req = Vec::new();
        req.extend_from_slice(method);
        req.push(b' ');
        req.extend_from_slice(target);
        req.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        s.write_all(&req).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Reply {
            status: status.parse().unwrap(),
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{}",
            self.text()
        );
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The `error` of a JSON error answer with this status.
    fn error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        let v = self.json();
        assert_eq!(v["status"], status);
        v["error"].as_str().expect("an error message").to_string()
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
}

/// The JSON `paragraf ARGS --json` prints, on `index`.
fn cli_json(index: &Path, args: &[&str]) -> Value {
    let out = paragraf(index).args(args).arg("--json").output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The message `paragraf ARGS` fails with (without `paragraf: error: `),
/// a flag named as the API's parameter (`bad --from:` is `bad from:`).
fn cli_error(index: &Path, args: &[&str]) -> String {
    let out = paragraf(index).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    err.trim_end()
        .strip_prefix("paragraf: error: ")
        .unwrap_or_else(|| panic!("{err}"))
        .replacen("bad --", "bad ", 1)
}

/// The sample-data indexed into a temporary folder.
fn sample_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let index = common::index_sample(&tmp.path().join("index"));
    (tmp, index)
}

const OREBRO_ID: &str = "region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05";

#[test]
fn every_endpoint_answers_with_the_json_of_the_command_line() {
    let (_tmp, index) = sample_index();
    let server = Server::start(&index, &[]);

    // Search: the JSON of `paragraf search --json`, filters and facets too.
    let api = server.get("/api/search?q=kravbok&facets=true").json();
    let cli = cli_json(&index, &["search", "kravbok", "--facets"]);
    assert_eq!(api, cli);
    assert!(api["total"].as_u64().unwrap() >= 2, "{api}");
    let api = server
        .get("/api/search?q=budget&organisation=G%C3%B6teborgs+Stad&from=2024&to=2024-12&limit=3&offset=1")
        .json();
    let cli = cli_json(
        &index,
        &[
            "search",
            "budget",
            "--organisation",
            "Göteborgs Stad",
            "--from",
            "2024",
            "--to",
            "2024-12",
            "--limit",
            "3",
            "--offset",
            "1",
        ],
    );
    assert_eq!(api, cli);
    assert_eq!(api["hits"].as_array().unwrap().len(), 3);
    for hit in api["hits"].as_array().unwrap() {
        assert_eq!(hit["meeting"]["organisation"], "Göteborgs Stad");
        assert!(hit["meeting"]["date"].as_str().unwrap().starts_with("2024"));
    }

    // A §: the JSON of `paragraf show --json`.
    let api = server.get(format!("/api/paragraph/{OREBRO_ID}/78")).json();
    assert_eq!(api, cli_json(&index, &["show", OREBRO_ID, "78"]));
    assert_eq!(api["paragraph"]["case_number"], "23RS11979");

    // A case thread: the JSON of `paragraf case --json`; a number with a
    // slash in it (as `KS 2024/123`) is one case.
    let api = server.get("/api/case/23RS11979").json();
    assert_eq!(api, cli_json(&index, &["case", "23RS11979"]));
    assert!(!api["steps"].as_array().unwrap().is_empty());
    let none = server.get("/api/case/KS%202099/1").json();
    assert_eq!(none, cli_json(&index, &["case", "KS 2099/1"]));
    assert!(none["steps"].as_array().unwrap().is_empty());
    assert_eq!(server.get("/api/case/KS 2099/1").status, 400);

    // Facets of the whole index, and health.
    let health = server.get("/api/health").json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["demo"], false);
    let paragraphs = health["paragraphs"].as_u64().unwrap();
    assert!(paragraphs > 200, "{health}");
    let facets = server.get("/api/facets").json();
    let by_year: u64 = facets["year"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_year, paragraphs);
    assert!(facets["organ"]["Kommunstyrelsen"].as_u64().unwrap() > 0);

    // Read-only: nothing but GET (and HEAD).
    assert_eq!(server.request(b"POST", b"/api/search?q=budget").status, 405);
    assert_eq!(server.request(b"DELETE", b"/api/health").status, 405);
    assert_eq!(server.request(b"HEAD", b"/api/health").status, 200);
}

#[test]
fn bad_input_is_a_json_error_with_the_message_of_the_command_line() {
    let (_tmp, index) = sample_index();
    let server = Server::start(&index, &[]);

    // Bad query syntax: 400 and the message `paragraf search` gives.
    for (encoded, query) in [
        ("%22kravbok", "\"kravbok"),
        ("(budget", "(budget"),
        ("nosuchfield%3Abudget", "nosuchfield:budget"),
    ] {
        let api = server.get(format!("/api/search?q={encoded}")).error(400);
        assert_eq!(api, cli_error(&index, &["search", query]), "{query}");
        assert!(api.starts_with("bad query: "), "{api}");
    }
    let reply = server.get("/api/search?q=%22kravbok");
    assert_eq!(reply.json()["column"], 0);
    // No query at all: as the command line's empty query.
    let api = server.get("/api/search").error(400);
    assert_eq!(api, cli_error(&index, &["search", ""]));

    // A query past the bounds of `search/bounds.rs`, and a huge limit.
    let long = "ord ".repeat(300);
    let api = server
        .get(format!("/api/search?q={}", long.replace(' ', "+")))
        .error(400);
    assert_eq!(api, cli_error(&index, &["search", &long]));
    let api = server.get("/api/search?q=budget&limit=100000").error(400);
    assert_eq!(
        api,
        cli_error(&index, &["search", "budget", "--limit", "100000"])
    );
    let api = server
        .get("/api/search?q=budget&limit=99999999999999999999999999999")
        .error(400);
    assert!(api.contains("at most 10000"), "{api}");
    // The parameter named as the API names it, not as the command line's flag.
    let api = server
        .get("/api/search?q=budget&offset=9995&limit=10")
        .error(400);
    assert!(
        api.starts_with("bad offset: offset + limit may be at most 10000"),
        "{api}"
    );
    assert!(
        server
            .get("/api/search?q=budget&limit=-1")
            .error(400)
            .contains("bad limit")
    );
    assert!(
        server
            .get("/api/search?q=budget&facets=maybe")
            .error(400)
            .contains("bad facets")
    );
    // A bad date: the library's message.
    let api = server.get("/api/search?q=budget&from=igår").error(400);
    assert_eq!(
        api,
        cli_error(&index, &["search", "budget", "--from", "igår"])
    );
    // A parameter the endpoint does not know.
    let api = server.get("/api/search?q=budget&lmit=5").error(400);
    assert!(api.contains("unknown parameter \"lmit\""), "{api}");
    // A query string far too long is refused before anything is decoded.
    let huge = format!("/api/search?q={}", "a".repeat(20_000));
    assert!(server.get(huge).error(400).contains("longer than"));

    // Not UTF-8: percent-encoded, and raw bytes in the request line.
    let api = server.get("/api/search?q=m%F6te").error(400);
    assert!(api.contains("not UTF-8"), "{api}");
    let api = server.get("/api/paragraph/m%F6te/1");
    assert_eq!(api.status, 400, "{}", String::from_utf8_lossy(&api.body));
    assert_eq!(server.get(b"/api/search?q=m\xf6te").status, 400);

    // A § that is not there, a § number that is no number.
    let api = server
        .get(format!("/api/paragraph/{OREBRO_ID}/999"))
        .error(404);
    assert_eq!(api, format!("no § 999 in meeting {OREBRO_ID}"));
    assert_eq!(
        server.get("/api/paragraph/no-such-meeting/1").error(404),
        "no § 1 in meeting no-such-meeting"
    );
    let api = server
        .get(format!("/api/paragraph/{OREBRO_ID}/x"))
        .error(400);
    assert!(api.contains("bad § number"), "{api}");

    // An address that is nothing.
    assert_eq!(
        server.get("/api/nothing").error(404),
        "nothing at /api/nothing"
    );
}

#[test]
fn source_serves_the_indexed_files_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let text = std::fs::read_to_string(archive.join("orebro.txt")).unwrap();
    let goteborg = common::sample_data().join("goteborg/kommunstyrelsen");
    let first = std::fs::read_dir(&goteborg)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    let pdf_text = std::fs::read_to_string(&first).unwrap();
    let pdf = common::pdf::protocol_pdf(&pdf_text, &common::pdf::date_of(&first));
    std::fs::write(archive.join("goteborg.pdf"), &pdf).unwrap();
    // Beside them, a file that is no protocol: never reachable.
    std::fs::write(archive.join("notes.json"), "{\"secret\": true}").unwrap();
    let index = tmp.path().join("index");
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();
    let server = Server::start(&index, &[]);

    // The text protocol, as text; its id from a search.
    let hits = server.get("/api/search?q=kravbok").json();
    let text_id = hits["hits"][0]["meeting"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = server.get(format!("/source/{text_id}"));
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.text(), text);
    // The PDF, byte for byte, as a PDF.
    let health = server.get("/api/health").json();
    assert_eq!(health["meetings"], 2, "{health}");
    let hits = server.get("/api/search?q=kommunstyrelsen&limit=50").json();
    let pdf_id = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["meeting"]["id"].as_str().unwrap())
        .find(|id| *id != text_id)
        .expect("a hit in the PDF")
        .to_string();
    let reply = server.get(format!("/source/{pdf_id}"));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert!(reply.body == pdf);
    assert!(
        reply
            .header("content-disposition")
            .unwrap()
            .ends_with("goteborg.pdf"),
        "{:?}",
        reply.headers
    );

    // `..`, raw and encoded; other names; an unknown meeting id.
    assert_eq!(server.get("/source/../../etc/passwd").status, 404);
    assert_eq!(server.get("/source/../index/meta.json").status, 404);
    for bad in [
        "..",
        "..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        "orebro.txt%00",
    ] {
        let e = server.get(format!("/source/{bad}")).error(400);
        assert!(e.starts_with("bad meeting id"), "{bad}: {e}");
    }
    for unknown in ["notes.json", "notes", "orebro.txt", "no-such-meeting"] {
        let e = server.get(format!("/source/{unknown}")).error(404);
        assert_eq!(e, format!("no meeting {unknown} in the index"));
    }
    assert_eq!(server.get("/source/m%F6te").status, 400);

    // The file swapped for a link to another file: refused, not followed.
    #[cfg(unix)]
    {
        let path = archive.join("orebro.txt");
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(archive.join("notes.json"), &path).unwrap();
        let e = server.get(format!("/source/{text_id}")).error(409);
        assert!(e.contains("changed since it was indexed"), "{e}");
        std::fs::remove_file(&path).unwrap();
        let e = server.get(format!("/source/{text_id}")).error(404);
        assert!(e.contains("orebro.txt: cannot read"), "{e}");
    }
}

#[test]
fn the_page_is_served_from_the_binary_and_loads_nothing_from_elsewhere() {
    let (_tmp, index) = sample_index();
    let server = Server::start(&index, &[]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let policy = page.header("content-security-policy").unwrap().to_string();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    let html = page.text();
    assert!(html.contains("<form id=\"search\""), "{html}");
    // The page's own addresses are the page too (shareable links).
    for view in [
        format!("/p/{OREBRO_ID}/78"),
        "/case/23RS11979".to_string(),
        "/?q=kravbok".into(),
    ] {
        let reply = server.get(&view);
        assert_eq!(reply.status, 200, "{view}");
        assert_eq!(reply.text(), html);
    }
    let script = server.get("/page.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let style = server.get("/page.css");
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    // Nothing from another server: no absolute addresses at all.
    for (name, body) in [
        ("page", &html),
        ("script", &script.text()),
        ("style", &style.text()),
    ] {
        assert!(
            !body.contains("http://") && !body.contains("https://") && !body.contains("//cdn"),
            "{name}"
        );
    }
    assert!(html.contains("src=\"/page.js\"") && html.contains("href=\"/page.css\""));
}

#[test]
fn the_index_reloads_when_paragraf_index_commits_and_after_a_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = common::archive_with_orebro(tmp.path());
    let index = tmp.path().join("index");
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();
    let server = Server::start(&index, &[]);
    let count = |q: &str| {
        server.get(format!("/api/search?q={q}")).json()["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("vårdvalsutskottet"), 0);
    let vasternorrland = common::sample_data().join("region-vasternorrland");
    for e in std::fs::read_dir(&vasternorrland).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, archive.join(p.file_name().unwrap())).unwrap();
    }
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();
    let until = |what: &str, ok: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !ok() {
            assert!(start.elapsed() < Duration::from_secs(20), "never: {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    until("the new protocol found after the commit", &|| {
        count("v%C3%A5rdvalsutskottet") > 0
    });

    // A rebuild swaps a new folder in: the server follows it.
    let before = server.get("/api/health").json()["paragraphs"].clone();
    paragraf(&index)
        .args(["index", "--rebuild"])
        .arg(&archive)
        .assert()
        .success();
    std::fs::remove_file(archive.join("orebro.txt")).unwrap();
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();
    until("the rebuilt index's update seen", &|| {
        server.get("/api/health").json()["paragraphs"] != before
    });
    assert_eq!(count("kravbok"), 0);
}

#[test]
fn a_search_without_an_answer_in_time_is_a_503() {
    let (_tmp, index) = sample_index();
    let server = Server::start(&index, &["--timeout", "0.000001"]);
    let e = server.get("/api/search?q=kravbok").error(503);
    assert!(e.starts_with("no answer within"), "{e}");
}

#[test]
fn serve_says_why_it_cannot_start() {
    let (_tmp, index) = sample_index();
    let server = Server::start(&index, &[]);
    let out = paragraf(&index)
        .args(["serve", "--bind", &server.addr])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on {}", server.addr)),
        "{err}"
    );
    let missing = tempfile::tempdir().unwrap();
    let out = paragraf(&missing.path().join("none"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at"));
    let out = paragraf(&index)
        .args(["serve", "--timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
