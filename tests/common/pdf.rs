//! PDFs made at test time with `lopdf`'s writer: protocol texts laid out on
//! A4 pages in the built-in Helvetica with WinAnsiEncoding (so å, ä, ö, §
//! and – need no embedded font), with a page header and footer like real
//! protocols; and the bad cases: encrypted, image-only and broken PDFs.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{
    Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions, Stream, dictionary,
};
use std::path::Path;

/// Text lines on one page (the body; header and footer come on top).
pub const LINES_PER_PAGE: usize = 45;

const WIDTH: i64 = 595;
const HEIGHT: i64 = 842;

/// A text in Windows-1252, the bytes WinAnsiEncoding shows.
fn win_ansi(s: &str) -> Vec<u8> {
    let s = s.replace('\t', " ");
    encoding_rs::WINDOWS_1252.encode(&s).0.into_owned()
}

fn show(ops: &mut Vec<Operation>, x: f32, y: f32, size: i64, text: &str) {
    ops.push(Operation::new("BT", vec![]));
    ops.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
    ops.push(Operation::new("Td", vec![x.into(), y.into()]));
    ops.push(Operation::new(
        "Tj",
        vec![Object::string_literal(win_ansi(text))],
    ));
    ops.push(Operation::new("ET", vec![]));
}

/// Splits a protocol text into pages: at its own form feeds and before an
/// original page-header block ("Dokumentnamn", the Region Västernorrland
/// layout), so the source's own page furniture stays whole at the top of a
/// page as in the real PDF; and after [`LINES_PER_PAGE`] lines.
pub fn paginate(text: &str) -> Vec<Vec<&str>> {
    let mut pages = Vec::new();
    for chunk in text.split('\x0c') {
        let mut page: Vec<&str> = Vec::new();
        for line in chunk.lines() {
            if page.len() == LINES_PER_PAGE || (line.trim() == "Dokumentnamn" && !page.is_empty()) {
                pages.push(std::mem::take(&mut page));
            }
            page.push(line);
        }
        if !page.is_empty() {
            pages.push(page);
        }
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
}

/// A document with one page per entry of `pages` (content streams), sharing
/// one Helvetica font.
fn document(pages: Vec<Vec<Operation>>) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    set_pages(&mut doc, pages_id, resources, pages);
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let id = Object::string_literal(b"paragraf-test-id".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc
}

/// Makes `pages_id` the page tree of `doc`: one page per content stream in
/// `pages`, all with `resources`.
fn set_pages(
    doc: &mut Document,
    pages_id: ObjectId,
    resources: ObjectId,
    pages: Vec<Vec<Operation>>,
) {
    let count = pages.len() as i64;
    let mut kids: Vec<Object> = Vec::new();
    for ops in pages {
        let content = Content { operations: ops }.encode().expect("content");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), WIDTH.into(), HEIGHT.into()],
        });
        kids.push(page.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
}

fn save(mut doc: Document) -> Vec<u8> {
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// A protocol text as a multi-page PDF: every page has a running header
/// (see [`header`]) and the footer "Sida N av M", as the real ones do.
pub fn protocol_pdf(text: &str, date: &str) -> Vec<u8> {
    save(protocol_document(text, date))
}

/// The running header of a generated protocol's pages, like the real
/// Göteborg one ("Kommunstyrelsen / Protokoll / Sammanträdesdatum: …"):
/// the organ when the text starts with it (a short line that is not a
/// field), then "Protokoll" and the meeting date.
pub fn header(text: &str, date: &str) -> Vec<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let organ = first.filter(|l| l.len() < 40 && !l.contains(':') && *l != "Protokoll");
    organ
        .map(str::to_string)
        .into_iter()
        .chain([
            "Protokoll".to_string(),
            format!("Sammanträdesdatum: {date}"),
        ])
        .collect()
}

fn protocol_document(text: &str, date: &str) -> Document {
    let pages = paginate(text);
    let n = pages.len();
    let header = header(text, date);
    let streams = pages
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let mut ops = Vec::new();
            let mut y = 815.0;
            for h in &header {
                show(&mut ops, 56.0, y, 10, h);
                y -= 13.0;
            }
            y -= 15.0;
            for line in lines {
                if !line.trim().is_empty() {
                    show(&mut ops, 56.0, y, 10, line.trim_end());
                }
                y -= 15.0;
            }
            show(&mut ops, 260.0, 30.0, 9, &format!("Sida {} av {n}", i + 1));
            ops
        })
        .collect();
    document(streams)
}

/// The meeting date in a protocol file name (`…_2024-01-10.txt`).
pub fn date_of(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    stem.rsplit('_').next().unwrap().to_string()
}

/// A protocol PDF encrypted (RC4, 128 bits) with the given user password;
/// an empty one opens without a password, as many published PDFs do.
pub fn encrypted_pdf(text: &str, user_password: &str) -> Vec<u8> {
    let mut doc = protocol_document(text, "2024-01-10");
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// Two pages that hold only an image, as a scan without OCR does.
pub fn image_only_pdf() -> Vec<u8> {
    let mut doc = document(Vec::new());
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 8,
            "Height" => 8,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        (0..64u8).map(|i| i * 4).collect(),
    ));
    let resources = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Im1" => image },
    });
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let image_page = vec![
        Operation::new("q", vec![]),
        Operation::new(
            "cm",
            vec![
                500.into(),
                0.into(),
                0.into(),
                700.into(),
                40.into(),
                70.into(),
            ],
        ),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    set_pages(&mut doc, pages_id, resources, vec![image_page; 2]);
    save(doc)
}

/// A PDF header followed by garbage.
pub fn garbage_pdf() -> Vec<u8> {
    b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catal".to_vec()
}

/// A real protocol PDF cut off in the middle (a failed download).
pub fn truncated_pdf(text: &str) -> Vec<u8> {
    let mut pdf = protocol_pdf(text, "2024-01-10");
    pdf.truncate(pdf.len() / 2);
    pdf
}

/// A one-page PDF whose text uses a font its page does not have
/// (pdf-extract panics on it: "Font").
pub fn pdf_with_a_missing_font(text: &str) -> Vec<u8> {
    let mut ops = Vec::new();
    show(&mut ops, 56.0, 800.0, 10, text);
    let mut doc = document(vec![ops]);
    for (_, object) in doc.objects.iter_mut() {
        if let Ok(dict) = object.as_dict_mut()
            && dict.has(b"Font")
        {
            dict.remove(b"Font");
        }
    }
    save(doc)
}

/// A one-page PDF whose page lacks a MediaBox (read as A4).
pub fn pdf_without_media_box(text: &str) -> Vec<u8> {
    let mut ops = Vec::new();
    show(&mut ops, 56.0, 800.0, 10, text);
    let mut doc = document(vec![ops]);
    for (_, object) in doc.objects.iter_mut() {
        if let Ok(dict) = object.as_dict_mut()
            && dict.has(b"MediaBox")
        {
            dict.remove(b"MediaBox");
        }
    }
    save(doc)
}
