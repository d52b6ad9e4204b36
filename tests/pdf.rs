//! PDF protocols: the sample-data texts laid out as multi-page PDFs (page
//! header and footer on every page, å ä ö § in the text) parse and index to
//! the same § numbers, titles and case numbers as the text files; encrypted,
//! image-only and broken PDFs are skipped with a reason naming the file;
//! re-indexing unchanged PDFs parses nothing. Library and CLI.

use crate::common;

use assert_cmd::Command;
use common::pdf as make;
use paragraf::index::{Index, walk};
use paragraf::protocol::{self, FolderMeta, pdf};
use paragraf::{Error, Protocol};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// (number, title, case number) of every §.
fn outline(p: &Protocol) -> Vec<(u32, String, Option<String>)> {
    p.paragraphs
        .iter()
        .map(|p| (p.number, p.title.clone(), p.case_number.clone()))
        .collect()
}

/// The sample-data text files, relative to sample-data.
fn sample_texts() -> Vec<PathBuf> {
    let root = common::sample_data();
    walk(std::slice::from_ref(&root))
        .into_iter()
        .map(|r| r.unwrap().path.strip_prefix(&root).unwrap().to_path_buf())
        .collect()
}

/// A copy of sample-data in `dir` with every protocol as a PDF (and the
/// `paragraf.toml` files as they are). Returns the PDF paths.
fn pdf_archive(dir: &Path) -> Vec<PathBuf> {
    let root = common::sample_data();
    for e in walkdir::WalkDir::new(&root) {
        let e = e.unwrap();
        if e.file_name() == "paragraf.toml" {
            let to = dir.join(e.path().strip_prefix(&root).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), to).unwrap();
        }
    }
    let mut out = Vec::new();
    for rel in sample_texts() {
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let to = dir.join(&rel).with_extension("pdf");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, make::protocol_pdf(&text, &make::date_of(&rel))).unwrap();
        out.push(to);
    }
    out
}

fn orebro_text() -> String {
    std::fs::read_to_string(
        common::sample_data().join(
            "region-orebro-lan/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05.txt",
        ),
    )
    .unwrap()
}

fn pdf_error(bytes: &[u8], name: &str) -> (PathBuf, String) {
    match protocol::parse_bytes(bytes, Path::new(name), &FolderMeta::default()) {
        Err(Error::Pdf { path, reason }) => (path, reason),
        other => panic!("{name}: expected a PDF error, got {other:?}"),
    }
}

#[test]
fn generated_pdfs_have_several_pages_and_swedish_text() {
    let text = orebro_text();
    let bytes = make::protocol_pdf(&text, "2023-12-05");
    assert!(pdf::is_pdf(&bytes));
    let pages = pdf::page_count(&bytes).unwrap();
    assert_eq!(pages, make::paginate(&text).len());
    assert!(pages >= 4, "{pages} pages");
    let extracted = pdf::extract(&bytes).unwrap();
    assert_eq!(extracted.matches('\x0c').count(), pages - 1);
    for needle in [
        "§ 76",
        "Sida 2 av",
        "Protokoll",
        "Sammanträdesdatum: 2023-12-05",
    ] {
        assert!(extracted.contains(needle), "{needle:?} not in the text");
    }
    for c in ['å', 'ä', 'ö', 'Ö', '§'] {
        assert!(extracted.contains(c), "{c} lost");
    }
}

#[test]
fn pdf_protocols_parse_like_their_text_files() {
    let tmp = tempfile::tempdir().unwrap();
    let pdfs = pdf_archive(tmp.path());
    let texts = sample_texts();
    assert_eq!(pdfs.len(), texts.len());
    assert!(pdfs.len() >= 8);
    for (rel, pdf_path) in texts.iter().zip(&pdfs) {
        let from_text = protocol::parse_file(&common::sample_data().join(rel)).unwrap();
        let from_pdf = protocol::parse_file(pdf_path).unwrap();
        assert!(!from_text.paragraphs.is_empty());
        assert_eq!(outline(&from_pdf), outline(&from_text), "{}", rel.display());
        assert_eq!(
            from_pdf.meeting.id,
            from_text.meeting.id,
            "{}",
            rel.display()
        );
        assert_eq!(from_pdf.meeting.date, from_text.meeting.date);
        // The added page header and footer are furniture, not body text.
        for (p, t) in from_pdf.paragraphs.iter().zip(&from_text.paragraphs) {
            assert_eq!(
                common::normalise(&p.body),
                common::normalise(&t.body),
                "{} § {}",
                rel.display(),
                p.number
            );
        }
    }
}

#[test]
fn pdf_archive_indexes_like_the_text_archive_and_reindexes_incrementally() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let pdfs = pdf_archive(&archive);

    let text_index = Index::create(&tmp.path().join("text-index")).unwrap();
    let text = text_index.sync(&common::sample_data()).unwrap();
    let index = Index::create(&tmp.path().join("pdf-index")).unwrap();
    let r = index.sync(&archive).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.files, pdfs.len());
    assert_eq!(r.parsed, pdfs.len());
    assert_eq!(r.meetings, text.meetings);
    assert_eq!(r.paragraphs, text.paragraphs);
    assert_eq!(r.total_paragraphs, text.total_paragraphs);

    // Unchanged: nothing parsed.
    let again = index.sync(&archive).unwrap();
    assert_eq!(again.parsed, 0);
    assert_eq!(again.unchanged, pdfs.len());
    assert_eq!(again.total_paragraphs, text.total_paragraphs);

    // Same bytes written anew (new time): read and hashed, not parsed.
    let bytes = std::fs::read(&pdfs[0]).unwrap();
    std::fs::remove_file(&pdfs[0]).unwrap();
    std::fs::write(&pdfs[0], &bytes).unwrap();
    let touched = index.sync(&archive).unwrap();
    assert_eq!(touched.parsed, 0);

    // A changed PDF is parsed again, alone.
    std::fs::write(&pdfs[0], make::protocol_pdf(&orebro_text(), "2023-12-05")).unwrap();
    let changed = index.sync(&archive).unwrap();
    assert_eq!(changed.parsed, 1);
    assert_eq!(changed.unchanged, pdfs.len() - 1);
}

#[test]
fn encrypted_pdf_is_an_error_naming_file_and_reason() {
    let bytes = make::encrypted_pdf(&orebro_text(), "hemligt");
    let (path, reason) = pdf_error(&bytes, "låst.pdf");
    assert_eq!(path, Path::new("låst.pdf"));
    assert!(reason.starts_with("encrypted"), "{reason}");
    let e = protocol::parse_bytes(&bytes, Path::new("låst.pdf"), &FolderMeta::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("låst.pdf: cannot read PDF: encrypted"), "{e}");
}

#[test]
fn pdf_encrypted_with_an_empty_user_password_is_read() {
    let text = orebro_text();
    let bytes = make::encrypted_pdf(&text, "");
    let p = protocol::parse_bytes(&bytes, Path::new("a.pdf"), &FolderMeta::default()).unwrap();
    let t = protocol::parse_text(&text, Path::new("a.txt"), &FolderMeta::default()).unwrap();
    assert_eq!(outline(&p), outline(&t));
}

#[test]
fn image_only_pdf_has_no_text_layer() {
    let (path, reason) = pdf_error(&make::image_only_pdf(), "skannad.pdf");
    assert_eq!(path, Path::new("skannad.pdf"));
    assert_eq!(reason, "no text layer (scanned?)");
}

#[test]
fn broken_pdfs_are_errors_not_panics() {
    for (name, bytes) in [
        ("garbage.pdf", make::garbage_pdf()),
        ("truncated.pdf", make::truncated_pdf(&orebro_text())),
        ("nul.pdf", b"\x00\x01\x02\x03 not a pdf".to_vec()),
    ] {
        let (path, reason) = pdf_error(&bytes, name);
        assert_eq!(path, Path::new(name));
        assert!(reason.starts_with("broken: "), "{name}: {reason}");
    }
}

#[test]
fn a_panic_in_the_pdf_reader_is_reported_as_broken() {
    // A font the page does not have makes pdf-extract panic ("Font").
    let bytes = make::pdf_with_a_missing_font("§ 1 Val av justerare");
    let (_, reason) = pdf_error(&bytes, "ingen-font.pdf");
    assert!(
        reason.starts_with("broken: the PDF reader failed: Font"),
        "{reason}"
    );
}

#[test]
fn a_page_without_a_media_box_is_read_as_a4() {
    // pdf-extract panicked on it ("MediaBox"); a viewer shows it.
    let bytes = make::pdf_without_media_box("§ 1 Val av justerare");
    let p = protocol::parse_bytes(&bytes, Path::new("a.pdf"), &FolderMeta::default()).unwrap();
    assert_eq!(p.paragraphs[0].title, "Val av justerare");
}

#[test]
fn magic_bytes_decide_not_the_extension() {
    let text = orebro_text();
    let t = protocol::parse_text(&text, Path::new("a.txt"), &FolderMeta::default()).unwrap();
    // A PDF named .txt is read as a PDF.
    let bytes = make::protocol_pdf(&text, "2023-12-05");
    let p = protocol::parse_bytes(&bytes, Path::new("a.txt"), &FolderMeta::default()).unwrap();
    assert_eq!(outline(&p), outline(&t));
    // Text named .pdf is read as text.
    let p =
        protocol::parse_bytes(text.as_bytes(), Path::new("a.pdf"), &FolderMeta::default()).unwrap();
    assert_eq!(outline(&p), outline(&t));
}

#[test]
fn bad_pdfs_are_skipped_with_reasons_and_the_rest_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let text = orebro_text();
    std::fs::write(
        archive.join("orebro.pdf"),
        make::protocol_pdf(&text, "2023-12-05"),
    )
    .unwrap();
    std::fs::write(
        archive.join("encrypted.pdf"),
        make::encrypted_pdf(&text, "x"),
    )
    .unwrap();
    std::fs::write(archive.join("scan.pdf"), make::image_only_pdf()).unwrap();
    std::fs::write(archive.join("broken.pdf"), make::garbage_pdf()).unwrap();
    let index = Index::create(&tmp.path().join("index")).unwrap();
    let r = index.sync(&archive).unwrap();
    let expected = protocol::parse_text(&text, Path::new("a.txt"), &FolderMeta::default())
        .unwrap()
        .paragraphs
        .len() as u64;
    assert_eq!(r.total_paragraphs, expected);
    let mut reasons: Vec<(String, String)> = r
        .skipped
        .iter()
        .map(|s| {
            let name = s.path.file_name().unwrap().to_string_lossy().into_owned();
            let reason = s.reason.split(':').take(2).collect::<Vec<_>>().join(":");
            (name, reason)
        })
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        [
            ("broken.pdf".into(), "cannot read PDF: broken".into()),
            (
                "encrypted.pdf".into(),
                "cannot read PDF: encrypted (a password is needed to read it)".into()
            ),
            (
                "scan.pdf".into(),
                "cannot read PDF: no text layer (scanned?)".into()
            ),
        ] as [(String, String); 3]
    );
    // Reported again next time without being parsed again.
    let r = index.sync(&archive).unwrap();
    assert_eq!(r.parsed, 0);
    assert_eq!(r.skipped.len(), 3);
}

fn paragraf(index: &Path) -> Command {
    let mut c = Command::cargo_bin("paragraf").unwrap();
    c.env("PARAGRAF_INDEX", index).env("NO_COLOR", "1");
    c
}

#[test]
fn cli_parse_reads_a_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("protokoll.pdf");
    std::fs::write(&file, make::protocol_pdf(&orebro_text(), "2023-12-05")).unwrap();
    let t =
        protocol::parse_text(&orebro_text(), Path::new("a.txt"), &FolderMeta::default()).unwrap();
    let out = paragraf(&tmp.path().join("index"))
        .args(["parse", "--json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let paragraphs = json["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), t.paragraphs.len());
    for (j, p) in paragraphs.iter().zip(&t.paragraphs) {
        assert_eq!(j["number"], p.number);
        assert_eq!(j["title"], p.title.as_str());
    }
}

#[test]
fn cli_parse_warns_about_a_scanned_pdf_and_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a-scan.pdf"), make::image_only_pdf()).unwrap();
    std::fs::write(
        tmp.path().join("b.pdf"),
        make::protocol_pdf(&orebro_text(), "2023-12-05"),
    )
    .unwrap();
    paragraf(&tmp.path().join("index"))
        .arg("parse")
        .arg(tmp.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "a-scan.pdf: cannot read PDF: no text layer (scanned?)",
        ))
        .stdout(predicate::str::contains("§ 77 "));
}

#[test]
fn cli_index_and_search_a_folder_of_pdfs_with_globs() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let pdfs = pdf_archive(&archive);
    std::fs::write(archive.join("trasig.pdf"), make::garbage_pdf()).unwrap();
    std::fs::write(
        archive.join("låst.pdf"),
        make::encrypted_pdf(&orebro_text(), "x"),
    )
    .unwrap();
    std::fs::write(archive.join("skannad.pdf"), make::image_only_pdf()).unwrap();
    let index = tmp.path().join("index");
    let out = paragraf(&index)
        .args(["index", "--json", "--exclude", "**/kommunfullmaktige/**"])
        .arg(&archive)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "trasig.pdf: cannot read PDF: broken",
        ))
        .stderr(predicate::str::contains(
            "låst.pdf: cannot read PDF: encrypted",
        ))
        .stderr(predicate::str::contains(
            "skannad.pdf: cannot read PDF: no text layer (scanned?)",
        ))
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let kf = pdfs
        .iter()
        .filter(|p| p.to_string_lossy().contains("kommunfullmaktige"))
        .count();
    assert!(kf > 0);
    assert_eq!(report["files"], (pdfs.len() - kf + 3) as u64);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 3);
    paragraf(&index)
        .args(["search", "Krav- och kvalitetsbok"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "§ 77 Översyn av Krav- och kvalitetsboken",
        ));
    // Only the PDFs that --include takes; the rest are removed.
    let out = paragraf(&index)
        .args([
            "index",
            "--json",
            "--include",
            "*kommunstyrelsen_2024-01-10*",
        ])
        .arg(&archive)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["files"], 1);
    assert_eq!(report["parsed"], 0);
    assert_eq!(report["removed"], (pdfs.len() - kf + 3 - 1) as u64);
    paragraf(&index)
        .args(["index", "--include", "a[b"])
        .arg(&archive)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--include"));
}

fn sample_pdf() -> &'static [u8] {
    static PDF: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PDF.get_or_init(|| make::protocol_pdf(&orebro_text(), "2023-12-05"))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// A damaged PDF (cut short, bytes overwritten) is read or is an error;
    /// it never panics.
    #[test]
    fn damaged_pdfs_never_panic(
        cut in proptest::prop_oneof![proptest::prelude::Just(1.0f64), 0.0f64..1.0],
        flips in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..8),
    ) {
        let mut bytes = sample_pdf().to_vec();
        for (at, b) in flips {
            // After the header, so the bytes still claim to be a PDF.
            let i = 16 + ((bytes.len() - 17) as f64 * at) as usize;
            bytes[i] = b;
        }
        bytes.truncate(((bytes.len() as f64) * cut) as usize);
        match protocol::parse_bytes(&bytes, Path::new("d.pdf"), &FolderMeta::default()) {
            Ok(_) | Err(Error::Pdf { .. } | Error::NoParagraphs { .. } | Error::Binary { .. }) => {}
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
}

// --- Hostile PDFs (tests/data/hostile-pdf/, made by hand with make.py) -----
//
// Each attacks one bound of the reader; before the bounds, each hung, grew
// memory without end, or aborted the whole process. Each is read here in
// a thread that must answer within a deadline, so a regression fails the
// test instead of hanging it.

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(common::root().join("tests/data/hostile-pdf").join(name)).unwrap()
}

/// The in-process bounded reader on `name`, which must answer within 60 s.
fn read_within_deadline(name: &str) -> Result<String, pdf::PdfError> {
    let bytes = hostile(name);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(pdf::extract_in_process(&bytes, &pdf::Limits::default()));
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{name}: no answer within 60 s"))
}

#[test]
fn hostile_page_tree_whose_parent_is_itself_ends() {
    // Looked up inherited attributes through /Parent forever.
    let e = read_within_deadline("parent-loop.pdf").unwrap_err();
    assert!(matches!(e, pdf::PdfError::Broken(_)), "{e}");
}

#[test]
fn hostile_tounicode_cmap_with_a_32_bit_range_is_dropped() {
    // Expanded 4 billion codes into a table. Without the map the font's
    // own encoding gives the text.
    let text = read_within_deadline("cmap-32bit.pdf").unwrap();
    assert!(text.contains("§ 1 Val av justerare"), "{text:?}");
}

#[test]
fn hostile_form_xobjects_drawing_each_other_are_refused() {
    // Overflowed the stack: the whole index run aborted, naming no file.
    let e = read_within_deadline("xobject-cycle.pdf").unwrap_err();
    assert_eq!(
        e,
        pdf::PdfError::Broken("Form XObjects draw each other (objects 6, 7)".into())
    );
}

#[test]
fn hostile_form_xobject_fan_out_is_refused() {
    // 16^8 draws of one text ran for hours.
    let e = read_within_deadline("xobject-fanout.pdf").unwrap_err();
    assert!(
        matches!(&e, pdf::PdfError::Limit(m) if m.contains("operations")),
        "{e}"
    );
}

#[test]
fn hostile_8000_pages_sharing_one_content_stream_are_read_once() {
    // The page tree was walked again for every page: 71 s. Pages that
    // draw the same content with the same resources are read once.
    let text = read_within_deadline("shared-content.pdf").unwrap();
    assert_eq!(text.matches('\x0c').count(), 7999);
    assert_eq!(text.matches("§ 1 Val av justerare").count(), 8000);
}

#[test]
fn hostile_deflate_bomb_is_stopped_at_the_stream_limit() {
    // A content stream deflated twice, 1 GiB of spaces: took 5.3 GB.
    let e = read_within_deadline("deflate-bomb.pdf").unwrap_err();
    assert_eq!(
        e,
        pdf::PdfError::Limit("object 4 decodes to more than 64 MiB".into())
    );
}

#[test]
fn text_drawn_with_the_quote_operators_is_read() {
    // Every line drawn with ' or ": "no text layer (scanned?)" before.
    let bytes = hostile("quote-operators.pdf");
    let text = pdf::extract(&bytes).unwrap();
    for line in [
        "Protokoll",
        "§ 1 Val av justerare",
        "Till justerare utses Anna Andersson.",
        "§ 2 Budget 2025",
        "Kommunstyrelsen beslutar att godkänna budgeten.",
    ] {
        assert!(text.contains(line), "{line:?} not in {text:?}");
    }
    let p = protocol::parse_bytes(&bytes, Path::new("q.pdf"), &FolderMeta::default()).unwrap();
    assert_eq!(
        outline(&p),
        [
            (1, "Val av justerare".to_string(), None),
            (2, "Budget 2025".to_string(), None)
        ]
    );
}

#[test]
fn cli_index_skips_each_hostile_pdf_naming_it_and_indexes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    for e in std::fs::read_dir(common::root().join("tests/data/hostile-pdf")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            std::fs::copy(&p, archive.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        archive.join("orebro.pdf"),
        make::protocol_pdf(&orebro_text(), "2023-12-05"),
    )
    .unwrap();
    let out = paragraf(&tmp.path().join("index"))
        .args(["index", "--json"])
        .arg(&archive)
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "parent-loop.pdf: cannot read PDF: broken",
        ))
        .stderr(predicate::str::contains(
            "xobject-cycle.pdf: cannot read PDF: broken: Form XObjects draw each other",
        ))
        .stderr(predicate::str::contains(
            "xobject-fanout.pdf: cannot read PDF: too costly to read",
        ))
        .stderr(predicate::str::contains(
            "deflate-bomb.pdf: cannot read PDF: too costly to read",
        ))
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["skipped"].as_array().unwrap().len(), 4, "{report}");
    // orebro.pdf, cmap-32bit.pdf, quote-operators.pdf, shared-content.pdf.
    assert_eq!(report["parsed"], 8, "{report}");
    paragraf(&tmp.path().join("index"))
        .args(["search", "Krav- och kvalitetsbok"])
        .assert()
        .success();
}

/// The worker process of the `paragraf` binary, with the given bounds.
fn worker(timeout_ms: u64, memory: u64) -> pdf::worker::Worker {
    pdf::worker::Worker {
        program: env!("CARGO_BIN_EXE_paragraf").into(),
        args: vec![pdf::worker::ARG.into()],
        timeout: std::time::Duration::from_millis(timeout_ms),
        memory,
        cpu_seconds: 60,
    }
}

#[test]
fn the_worker_process_reads_like_the_library() {
    let bytes = make::protocol_pdf(&orebro_text(), "2023-12-05");
    assert_eq!(
        worker(60_000, 2 << 30).extract(&bytes),
        pdf::extract_in_process(&bytes, &pdf::Limits::default())
    );
    assert_eq!(
        worker(60_000, 2 << 30).extract(&hostile("xobject-cycle.pdf")),
        Err(pdf::PdfError::Broken(
            "Form XObjects draw each other (objects 6, 7)".into()
        ))
    );
    assert_eq!(
        worker(60_000, 2 << 30).extract(&make::image_only_pdf()),
        Err(pdf::PdfError::NoText)
    );
}

/// A stand-in for the worker: a shell script.
fn script(script: &str, timeout_ms: u64) -> pdf::worker::Worker {
    pdf::worker::Worker {
        program: "/bin/sh".into(),
        args: vec!["-c".into(), script.into()],
        ..worker(timeout_ms, 2 << 30)
    }
}

#[test]
fn the_worker_keeps_to_its_memory_limit() {
    // 64 MiB of one stream is within the reader's bounds, not within
    // 60 MiB of address space: the allocation fails, and is said so.
    let e = worker(60_000, 60 << 20)
        .extract(&hostile("deflate-bomb.pdf"))
        .unwrap_err();
    assert!(matches!(e, pdf::PdfError::Limit(_)), "{e}");
}

#[test]
fn a_worker_past_its_time_or_memory_or_that_crashes_is_ended_and_said_so() {
    let pdf = b"%PDF-1.7";
    assert_eq!(
        script("sleep 30", 200).extract(pdf),
        Err(pdf::PdfError::Limit(
            "reading took longer than 0.2 s".into()
        ))
    );
    assert_eq!(
        script(
            "echo 'memory allocation of 8 bytes failed' >&2; kill -ABRT $$",
            60_000
        )
        .extract(pdf),
        Err(pdf::PdfError::Limit(
            "reading needed more than 2048 MiB of memory".into()
        ))
    );
    assert_eq!(
        script(
            "echo \"thread 'main' has overflowed its stack\" >&2; kill -SEGV $$",
            60_000
        )
        .extract(pdf),
        Err(pdf::PdfError::Broken(
            "the PDF reader overflowed its stack (objects nested too deep)".into()
        ))
    );
    assert_eq!(
        script("kill -XCPU $$", 60_000).extract(pdf),
        Err(pdf::PdfError::Limit(
            "reading used more than 60 s of CPU time".into()
        ))
    );
    let e = script("kill -SEGV $$", 60_000).extract(pdf).unwrap_err();
    assert!(
        matches!(&e, pdf::PdfError::Broken(m) if m.starts_with("the PDF reader crashed")),
        "{e}"
    );
    // Not an answer: a crash too.
    let e = script("cat > /dev/null; echo junk", 60_000)
        .extract(pdf)
        .unwrap_err();
    assert!(matches!(e, pdf::PdfError::Broken(_)), "{e}");
}

// --- The page a § starts on ---------------------------------------------

/// The 1-based page of the generated PDF of `text` whose body has the
/// heading of § `number`.
fn page_of_heading(text: &str, number: u32) -> u32 {
    let heading = format!("§ {number} ");
    make::paginate(text)
        .iter()
        .position(|lines| lines.iter().any(|l| l.trim_start().starts_with(&heading)))
        .map(|i| i as u32 + 1)
        .unwrap_or_else(|| panic!("no page has {heading:?}"))
}

#[test]
fn each_paragraph_knows_the_pdf_page_it_starts_on() {
    let text = orebro_text();
    let bytes = make::protocol_pdf(&text, "2023-12-05");
    let p = protocol::parse_bytes(&bytes, Path::new("a.pdf"), &FolderMeta::default()).unwrap();
    let pages: Vec<(u32, Option<u32>)> = p.paragraphs.iter().map(|p| (p.number, p.page)).collect();
    let expected: Vec<(u32, Option<u32>)> = p
        .paragraphs
        .iter()
        .map(|p| (p.number, Some(page_of_heading(&text, p.number))))
        .collect();
    assert_eq!(pages, expected);
    // Not all on one page: the test would pass with any constant otherwise.
    assert!(
        expected.windows(2).any(|w| w[0].1 != w[1].1),
        "{expected:?}"
    );
}

#[test]
fn text_files_with_form_feeds_have_pages_and_others_none() {
    let meta = FolderMeta::default();
    let paged = "Protokoll\n§ 1 Val av justerare\nText.\n\x0cSida 2\n§ 2 Budget 2025\nText.\n\
                 \x0c§ 3 Motion om cykelvägar\nText.\n";
    let p = protocol::parse_text(paged, Path::new("a.txt"), &meta).unwrap();
    let pages: Vec<_> = p.paragraphs.iter().map(|p| p.page).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
    let unpaged = paged.replace('\x0c', "");
    let p = protocol::parse_text(&unpaged, Path::new("a.txt"), &meta).unwrap();
    assert!(p.paragraphs.iter().all(|p| p.page.is_none()));
    let json = serde_json::to_value(&p.paragraphs[0]).unwrap();
    assert!(json.get("page").is_none(), "{json}");
}

#[test]
fn cli_search_show_parse_and_export_give_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let text = orebro_text();
    let file = archive.join("orebro.pdf");
    std::fs::write(&file, make::protocol_pdf(&text, "2023-12-05")).unwrap();
    let page = page_of_heading(&text, 77);
    let index = tmp.path().join("index");
    paragraf(&index)
        .arg("index")
        .arg(&archive)
        .assert()
        .success();

    let hits = paragraf(&index)
        .args(["search", "Krav- och kvalitetsbok"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let hits = String::from_utf8(hits).unwrap();
    assert!(
        hits.lines()
            .any(|l| l.trim_end().ends_with(&format!("orebro.pdf, p. {page}"))),
        "no source line with p. {page} in {hits}"
    );

    let json = paragraf(&index)
        .args(["search", "--json", "Krav- och kvalitetsbok"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let hit = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["paragraph"]["number"] == 77)
        .unwrap();
    assert_eq!(hit["paragraph"]["page"], page);
    let meeting = hit["meeting"]["id"].as_str().unwrap().to_string();

    paragraf(&index)
        .args(["show", &meeting, "77"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("orebro.pdf, p. {page}")));
    let shown = paragraf(&index)
        .args(["show", "--json", &meeting, "77"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let shown: serde_json::Value = serde_json::from_slice(&shown).unwrap();
    assert_eq!(shown["paragraph"]["page"], page);

    let parsed = paragraf(&index)
        .args(["parse", "--json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let parsed: serde_json::Value = serde_json::from_slice(&parsed).unwrap();
    let p77 = parsed["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == 77)
        .unwrap();
    assert_eq!(p77["page"], page);

    let export = paragraf(&index)
        .args(["export", "--ndjson"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line = String::from_utf8(export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["number"] == 77)
        .unwrap();
    assert_eq!(line["record"]["paragraph"]["page"], page);
}
