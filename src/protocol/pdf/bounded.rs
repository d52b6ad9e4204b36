//! A PDF made safe to read: before the text is taken from a document, this
//! walks what the text reader will walk, with a bound on each thing a hostile
//! file can make unbounded, and rewrites the document so the reader meets
//! nothing it could loop, recurse or balloon on:
//!
//! - the **page tree** is walked once, with a depth bound and each node at
//!   most once (a `/Parent` or `/Kids` cycle ends), into a flat list of at
//!   most [`Limits::max_pages`] pages; each page gets its inherited
//!   Resources and MediaBox (A4 if none) and the flat tree as its parent;
//! - every **stream** the reader decodes (page contents, Form XObjects,
//!   fonts and their CMaps) is decoded here within a byte budget
//!   ([`inflate`](super::inflate)) and stored decoded;
//! - **Form XObjects** drawn within each other are followed with a path (a
//!   form that draws itself, directly or not, is an error), a depth bound,
//!   and a count of the operations the pages draw in all, forms expanded
//!   ([`Limits::max_operations`]: fan-out ends there); `Do` of an image or
//!   of a missing XObject is dropped (text needs neither);
//! - a **ToUnicode CMap** whose ranges span more than
//!   [`Limits::max_cmap_codes`] codes is dropped (the font's encoding is
//!   used), as the reader would expand every code of a range;
//! - the text-showing operators `'` and `"` become `T*` and `Tj` (with
//!   `Tw` and `Tc` for `"`), which the reader knows.

use super::PdfError;
use super::inflate::{self, Budget, Undecoded};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{HashMap, HashSet};

/// The bounds of reading one PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Pages read at most; a longer document is refused.
    pub max_pages: usize,
    /// Decoded bytes of one stream at most.
    pub max_stream_bytes: usize,
    /// Decoded bytes of all streams of the document at most.
    pub max_total_bytes: usize,
    /// Form XObjects drawn within each other at most this deep.
    pub max_form_depth: usize,
    /// Content-stream operations drawn in all, forms expanded, at most.
    pub max_operations: u64,
    /// Codes a font's ToUnicode CMap may map through its ranges.
    pub max_cmap_codes: u64,
}

impl Default for Limits {
    /// Far above real minutes (a 300-page protocol with attachments has
    /// about 40 MB of decoded streams and 2 million operations), far below
    /// what hurts: reading within them takes at most a few seconds and a
    /// few hundred MB.
    fn default() -> Self {
        Limits {
            max_pages: 10_000,
            max_stream_bytes: 64 << 20,
            max_total_bytes: 256 << 20,
            max_form_depth: 24,
            max_operations: 20_000_000,
            max_cmap_codes: 1 << 20,
        }
    }
}

/// Page tree nodes deeper than this are not followed.
const MAX_TREE_DEPTH: usize = 64;
/// MediaBox of a page that has none (A4), instead of failing.
const A4: [i64; 4] = [0, 0, 595, 842];

/// Rewrites `doc` (see the module doc). Pages that draw the same content
/// with the same resources look the same: the rewritten page tree holds the
/// first of them only, and the result maps each page of the document, in
/// order, to its place in that tree (8,000 pages sharing one content stream
/// are read as one).
pub(super) fn prepare(doc: &mut Document, limits: &Limits) -> Result<Vec<usize>, PdfError> {
    let pages = page_list(doc, limits)?;
    let mut p = Preparer {
        limits,
        budget: Budget {
            left: limits.max_total_bytes,
            per_stream: limits.max_stream_bytes,
        },
        operations: 0,
        forms: HashMap::new(),
        fonts: HashSet::new(),
        contents: HashMap::new(),
    };
    let root = doc.new_object_id();
    let mut distinct: HashMap<(Option<ObjectId>, String), usize> = HashMap::new();
    let mut kids: Vec<Object> = Vec::new();
    let mut order = Vec::with_capacity(pages.len());
    for (i, &page) in pages.iter().enumerate() {
        let look = p
            .page(doc, page, root)
            .map_err(|e| e.on_page(i + 1, pages.len()))?;
        let next = kids.len();
        let at = *distinct.entry(look).or_insert(next);
        if at == next {
            kids.push(Object::Reference(page));
        }
        order.push(at);
    }
    let mut tree = Dictionary::new();
    tree.set("Type", "Pages");
    tree.set("Count", kids.len() as i64);
    tree.set("Kids", kids);
    doc.objects.insert(root, Object::Dictionary(tree));
    doc.catalog_mut()
        .map_err(|_| PdfError::Broken("no document catalog".into()))?
        .set("Pages", root);
    Ok(order)
}

/// The pages in document order: the page tree walked depth first, each
/// node once, at most [`MAX_TREE_DEPTH`] deep.
fn page_list(doc: &Document, limits: &Limits) -> Result<Vec<ObjectId>, PdfError> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| PdfError::Broken("no page tree".into()))?;
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) || depth > MAX_TREE_DEPTH {
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        match node.get(b"Kids").and_then(|k| doc.dereference(k)) {
            Ok((_, Object::Array(kids))) => {
                for kid in kids.iter().rev() {
                    if let Ok(kid) = kid.as_reference() {
                        stack.push((kid, depth + 1));
                    }
                }
            }
            _ if node.get_type().is_ok_and(|t| t == b"Pages") => {}
            _ => {
                if pages.len() == limits.max_pages {
                    return Err(PdfError::Limit(format!(
                        "more than {} pages",
                        limits.max_pages
                    )));
                }
                pages.push(id);
            }
        }
    }
    Ok(pages)
}

/// An error while preparing one page, before the page is known.
enum Failure {
    /// Said as it is.
    Pdf(PdfError),
    /// Said with the page it happened on.
    OnPage(PdfError),
}

impl Failure {
    fn on_page(self, page: usize, pages: usize) -> PdfError {
        match self {
            Failure::Pdf(e) => e,
            Failure::OnPage(PdfError::Broken(m)) if pages > 1 => {
                PdfError::Broken(format!("page {page}: {m}"))
            }
            Failure::OnPage(PdfError::Limit(m)) if pages > 1 => {
                PdfError::Limit(format!("page {page}: {m}"))
            }
            Failure::OnPage(e) => e,
        }
    }
}

fn too_large(id: ObjectId, limit: usize) -> Failure {
    Failure::OnPage(PdfError::Limit(format!(
        "object {} decodes to more than {} MiB",
        id.0,
        limit >> 20
    )))
}

struct Preparer<'l> {
    limits: &'l Limits,
    budget: Budget,
    /// Operations drawn so far, forms expanded.
    operations: u64,
    /// Forms already rewritten, with the operations one draw of each
    /// costs (known for a form with its own resources; None while it is
    /// being rewritten).
    forms: HashMap<ObjectId, Option<u64>>,
    /// Font dictionaries already checked.
    fonts: HashSet<ObjectId>,
    /// Rewritten content stream for each list of content streams (pages
    /// that share their content share the rewritten stream), with the
    /// operations one page of it draws.
    /// Keyed by the content streams and the resources (as written).
    contents: HashMap<(Vec<ObjectId>, String), (ObjectId, u64)>,
}

impl Preparer<'_> {
    /// Prepares one page; returns what it looks like (its rewritten content
    /// stream, its resources and media box as written).
    fn page(
        &mut self,
        doc: &mut Document,
        page: ObjectId,
        root: ObjectId,
    ) -> Result<(Option<ObjectId>, String), Failure> {
        let resources = inherited(doc, page, b"Resources");
        let media_box = inherited(doc, page, b"MediaBox")
            .filter(|b| matches!(doc.dereference(b), Ok((_, Object::Array(a))) if a.len() == 4))
            .unwrap_or_else(|| Object::Array(A4.iter().map(|&n| n.into()).collect()));
        let resource_dict = resources
            .as_ref()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .cloned()
            .unwrap_or_default();

        let streams = doc.get_page_contents(page);
        let written = format!("{resources:?} {media_box:?}");
        let key = (streams, written.clone());
        let contents = match self.contents.get(&key) {
            Some(&(id, cost)) => {
                // Shared content: drawn again, counted again.
                self.spend(cost)?;
                Some(id)
            }
            None if key.0.is_empty() => None,
            None => {
                let mut bytes = Vec::new();
                for &id in &key.0 {
                    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                        continue;
                    };
                    match inflate::decode(stream, &mut self.budget) {
                        Ok(b) => bytes.extend_from_slice(&b),
                        Err(Undecoded::TooLarge(limit)) => return Err(too_large(id, limit)),
                        Err(Undecoded::Unsupported) => {}
                    }
                    bytes.push(b'\n');
                }
                let ops = decode_ops(&bytes)?;
                let before = self.operations;
                let ops = self.rewrite(doc, ops, &resource_dict, 0, &mut Vec::new())?;
                let cost = self.operations - before;
                let encoded = encode(ops)?;
                let id = doc.add_object(Stream::new(Dictionary::new(), encoded));
                self.contents.insert(key, (id, cost));
                Some(id)
            }
        };

        let dict = doc
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(|_| Failure::OnPage(PdfError::Broken("page is not a dictionary".into())))?;
        dict.set("Parent", root);
        dict.set("MediaBox", media_box);
        match resources {
            Some(r) => dict.set("Resources", r),
            None => dict.set("Resources", Dictionary::new()),
        }
        match contents {
            Some(id) => dict.set("Contents", id),
            None => {
                dict.remove(b"Contents");
            }
        }
        Ok((contents, written))
    }

    fn spend(&mut self, operations: u64) -> Result<(), Failure> {
        self.operations = self.operations.saturating_add(operations);
        if self.operations > self.limits.max_operations {
            return Err(Failure::Pdf(PdfError::Limit(format!(
                "the pages draw more than {} operations (Form XObjects drawn within each other)",
                self.limits.max_operations
            ))));
        }
        Ok(())
    }

    /// The operations of one content stream, made safe: quote operators
    /// rewritten, forms followed (and rewritten in `doc`), `Do` of anything
    /// but a form dropped, fonts checked.
    fn rewrite(
        &mut self,
        doc: &mut Document,
        ops: Vec<Operation>,
        resources: &Dictionary,
        depth: usize,
        path: &mut Vec<ObjectId>,
    ) -> Result<Vec<Operation>, Failure> {
        self.spend(ops.len() as u64)?;
        let mut out = Vec::with_capacity(ops.len());
        for op in ops {
            match op.operator.as_str() {
                "'" => {
                    out.push(Operation::new("T*", vec![]));
                    out.push(Operation::new(
                        "Tj",
                        op.operands.into_iter().take(1).collect(),
                    ));
                }
                "\"" => {
                    let mut operands = op.operands.into_iter();
                    let (aw, ac, text) = (operands.next(), operands.next(), operands.next());
                    if let (Some(aw), Some(ac), Some(text)) = (aw, ac, text) {
                        out.push(Operation::new("Tw", vec![aw]));
                        out.push(Operation::new("Tc", vec![ac]));
                        out.push(Operation::new("T*", vec![]));
                        out.push(Operation::new("Tj", vec![text]));
                    }
                }
                "Tf" => {
                    if let Some(name) = op.operands.first().and_then(|n| n.as_name().ok()) {
                        self.font(doc, resources, name)?;
                    }
                    out.push(op);
                }
                "Do" => {
                    let form = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|name| form_id(doc, resources, name));
                    if let Some(id) = form {
                        self.form(doc, id, resources, depth + 1, path)?;
                        out.push(op);
                    }
                }
                _ => out.push(op),
            }
        }
        Ok(out)
    }

    /// Follows one draw of the form `id`: the first time, its content is
    /// decoded, rewritten and stored; every time, its cost is counted.
    fn form(
        &mut self,
        doc: &mut Document,
        id: ObjectId,
        outer: &Dictionary,
        depth: usize,
        path: &mut Vec<ObjectId>,
    ) -> Result<(), Failure> {
        if path.contains(&id) {
            return Err(Failure::OnPage(PdfError::Broken(format!(
                "Form XObjects draw each other (objects {})",
                path.iter()
                    .skip_while(|&&p| p != id)
                    .map(|p| p.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))));
        }
        if depth > self.limits.max_form_depth {
            return Err(Failure::OnPage(PdfError::Limit(format!(
                "Form XObjects drawn more than {} deep",
                self.limits.max_form_depth
            ))));
        }
        if let Some(&Some(cost)) = self.forms.get(&id) {
            return self.spend(cost);
        }
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .cloned();
        let bytes = match inflate::decode(stream, &mut self.budget) {
            Ok(b) => b,
            Err(Undecoded::TooLarge(limit)) => return Err(too_large(id, limit)),
            Err(Undecoded::Unsupported) => Vec::new(),
        };
        let ops = decode_ops(&bytes)?;
        let before = self.operations;
        path.push(id);
        let resources = own.as_ref().unwrap_or(outer);
        let ops = self.rewrite(doc, ops, resources, depth, path)?;
        path.pop();
        let cost = self.operations - before;
        let encoded = encode(ops)?;
        if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
            s.set_plain_content(encoded);
        }
        // A form without its own resources reads its caller's: it is
        // rewritten for the first caller and counted anew for each.
        self.forms.insert(id, own.map(|_| cost));
        Ok(())
    }

    /// Checks the font `name` of `resources` once: its streams decoded
    /// within the budget, an oversized ToUnicode map dropped.
    fn font(
        &mut self,
        doc: &mut Document,
        resources: &Dictionary,
        name: &[u8],
    ) -> Result<(), Failure> {
        let Some(id) = resources
            .get(b"Font")
            .ok()
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok())
            .and_then(|f| f.get(name).ok())
            .and_then(|f| f.as_reference().ok())
        else {
            return Ok(());
        };
        if !self.fonts.insert(id) {
            return Ok(());
        }
        let Ok(font) = doc.get_dictionary(id) else {
            return Ok(());
        };
        // The streams a text reader reads: the maps, the embedded font
        // programs (their encodings), of the font and its descendant.
        let mut streams = Vec::new();
        let mut dicts = vec![font.clone()];
        if let Ok((_, Object::Array(d))) = font
            .get(b"DescendantFonts")
            .and_then(|d| doc.dereference(d))
        {
            dicts.extend(
                d.iter()
                    .filter_map(|f| doc.dereference(f).ok())
                    .filter_map(|(_, f)| f.as_dict().ok().cloned()),
            );
        }
        for dict in &dicts {
            for key in [&b"ToUnicode"[..], b"Encoding"] {
                if let Ok(r) = dict.get(key).and_then(Object::as_reference) {
                    streams.push((key, r));
                }
            }
            if let Ok((_, Object::Dictionary(desc))) =
                dict.get(b"FontDescriptor").and_then(|d| doc.dereference(d))
            {
                for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                    if let Ok(r) = desc.get(key).and_then(Object::as_reference) {
                        streams.push((key, r));
                    }
                }
            }
        }
        for (key, sid) in streams {
            let Ok(Object::Stream(stream)) = doc.get_object(sid) else {
                continue;
            };
            let bytes = match inflate::decode(stream, &mut self.budget) {
                Ok(b) => b,
                Err(Undecoded::TooLarge(limit)) => return Err(too_large(sid, limit)),
                Err(Undecoded::Unsupported) => continue,
            };
            let oversized = matches!(key, b"ToUnicode" | b"Encoding")
                && cmap_range_codes(&bytes) > self.limits.max_cmap_codes;
            if oversized && key == b"ToUnicode" {
                if let Ok(font) = doc.get_object_mut(id).and_then(Object::as_dict_mut) {
                    font.remove(b"ToUnicode");
                }
                continue;
            }
            if oversized {
                return Err(Failure::OnPage(PdfError::Limit(format!(
                    "the encoding of font {} maps more than {} codes",
                    String::from_utf8_lossy(name),
                    self.limits.max_cmap_codes
                ))));
            }
            if let Ok(Object::Stream(s)) = doc.get_object_mut(sid) {
                s.set_plain_content(bytes);
            }
        }
        Ok(())
    }
}

/// The value of `key` on `page` or the nearest ancestor that has it,
/// following `/Parent` at most [`MAX_TREE_DEPTH`] times and never twice
/// through one node.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut seen = HashSet::new();
    let mut id = page;
    for _ in 0..=MAX_TREE_DEPTH {
        if !seen.insert(id) {
            return None;
        }
        let node = doc.get_dictionary(id).ok()?;
        if let Ok(v) = node.get(key) {
            return Some(v.clone());
        }
        id = node.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// The object id of the Form XObject `name` in `resources`, if it is one.
fn form_id(doc: &Document, resources: &Dictionary, name: &[u8]) -> Option<ObjectId> {
    let xobjects = resources.get(b"XObject").ok()?;
    let (_, xobjects) = doc.dereference(xobjects).ok()?;
    let id = xobjects
        .as_dict()
        .ok()?
        .get(name)
        .ok()?
        .as_reference()
        .ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    (stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")).then_some(id)
}

fn decode_ops(bytes: &[u8]) -> Result<Vec<Operation>, Failure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    Content::decode(bytes)
        .map(|c| c.operations)
        .map_err(|_| Failure::OnPage(PdfError::Broken("a content stream cannot be read".into())))
}

fn encode(operations: Vec<Operation>) -> Result<Vec<u8>, Failure> {
    Content { operations }
        .encode()
        .map_err(|e| Failure::OnPage(PdfError::Broken(format!("content: {e}"))))
}

/// How many codes the ranges of a CMap map (`beginbfrange` and
/// `begincidrange` sections), saturating.
fn cmap_range_codes(cmap: &[u8]) -> u64 {
    let mut total: u64 = 0;
    let mut rest = cmap;
    while let Some(start) = find_either(rest, b"beginbfrange", b"begincidrange") {
        rest = &rest[start..];
        let end = find_either(rest, b"endbfrange", b"endcidrange").unwrap_or(rest.len());
        let section = &rest[..end];
        rest = &rest[end..];
        let mut i = 0;
        // Triples: <lo> <hi> then a destination (<hex>, [array] or number).
        let mut pending: Vec<u64> = Vec::new();
        while i < section.len() {
            match section[i] {
                b'<' => {
                    let close = section[i..]
                        .iter()
                        .position(|&b| b == b'>')
                        .map_or(section.len(), |p| i + p);
                    let hex = &section[i + 1..close];
                    i = close + 1;
                    pending.push(hex_value(hex));
                    if pending.len() == 3 {
                        total = total.saturating_add(span(pending[0], pending[1]));
                        pending.clear();
                    }
                }
                b'[' => {
                    let close = section[i..]
                        .iter()
                        .position(|&b| b == b']')
                        .map_or(section.len(), |p| i + p);
                    i = close + 1;
                    if pending.len() == 2 {
                        total = total.saturating_add(span(pending[0], pending[1]));
                    }
                    pending.clear();
                }
                b'0'..=b'9' if pending.len() == 2 => {
                    total = total.saturating_add(span(pending[0], pending[1]));
                    pending.clear();
                    while i < section.len() && section[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
    }
    total
}

fn span(lo: u64, hi: u64) -> u64 {
    hi.saturating_sub(lo).saturating_add(1)
}

fn hex_value(hex: &[u8]) -> u64 {
    hex.iter()
        .filter_map(|&b| (b as char).to_digit(16))
        .fold(0u64, |v, d| v.saturating_mul(16).saturating_add(d as u64))
}

fn find_either(hay: &[u8], a: &[u8], b: &[u8]) -> Option<usize> {
    let fa = memchr::memmem::find(hay, a);
    let fb = memchr::memmem::find(hay, b);
    match (fa, fb) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_are_counted() {
        let cmap =
            b"2 beginbfrange\n<0000> <00FF> <0041>\n<0100> <0101> [<0042> <0043>]\nendbfrange\n\
            1 begincidrange <0000> <FFFF> 0 endcidrange";
        assert_eq!(cmap_range_codes(cmap), 256 + 2 + 65536);
        let hostile = b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange";
        assert_eq!(cmap_range_codes(hostile), 1 << 32);
        assert_eq!(cmap_range_codes(b"1 beginbfchar <01> <0041> endbfchar"), 0);
    }
}
