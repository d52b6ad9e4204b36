//! PDF to text: the published protocol ("justerat protokoll") is usually a
//! PDF. The text layer is read with the `pdf-extract` crate (pure Rust, on
//! `lopdf`); pages are joined with a form feed `\x0c`, so the furniture
//! cleaning sees page breaks as it does in text files, and a § knows the
//! page it starts on.
//!
//! A PDF is read **within bounds** (see [`bounded`]): its page tree, streams,
//! Form XObjects and font maps are walked and rewritten first, with a limit
//! on each thing a hostile file can make unbounded ([`Limits`]), so reading
//! one file takes bounded time and memory in the calling process. The
//! `paragraf` binary also reads each PDF in a **worker process** ([`worker`])
//! with a memory limit, a CPU limit and a timeout: whatever a file does to
//! the reader (even a stack overflow, which no Rust code can catch), it ends
//! that process, and the file is skipped with a reason.
//!
//! A PDF that cannot give text is a [`PdfError`]: no text layer (a scan),
//! encrypted with a user password, broken, or past a limit. A panic inside
//! the PDF crates (they have `unwrap`s on malformed input) is caught here and
//! reported as a broken PDF; the default panic message is not printed for it.

pub mod bounded;
mod inflate;
mod page_text;
pub mod worker;

pub use bounded::Limits;

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// The magic bytes a PDF starts with.
pub const MAGIC: &[u8] = b"%PDF-";

/// How far into the file the `%PDF-` header may stand (readers accept
/// some leading junk, as the PDF specification's implementation notes allow).
const MAGIC_WITHIN: usize = 1024;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The pages hold no text: a scanned document without OCR, or images only.
    #[error("no text layer (scanned?)")]
    NoText,
    /// Encrypted with a password that is not the empty one.
    #[error("encrypted (a password is needed to read it)")]
    Encrypted,
    /// Not a readable PDF; the detail says what failed.
    #[error("broken: {0}")]
    Broken(String),
    /// Reading it would pass a bound of [`Limits`] or of the worker
    /// process (time, memory): a hostile or damaged file, or one far larger
    /// than minutes are. The detail says which.
    #[error("too costly to read: {0}")]
    Limit(String),
}

/// True if `bytes` is a PDF: `%PDF-` at the start of a line in the first
/// 1 KiB (a text file does not start a line with it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(MAGIC_WITHIN + MAGIC.len())];
    head.windows(MAGIC.len())
        .enumerate()
        .any(|(i, w)| w == MAGIC && (i == 0 || matches!(head[i - 1], b'\n' | b'\r')))
}

/// The text of a PDF, pages separated by `\n\x0c`, read within the
/// default [`Limits`]; in the worker process when one is set up
/// ([`worker::install`]). Never panics.
pub fn extract(bytes: &[u8]) -> Result<String, PdfError> {
    match worker::installed() {
        Some(w) => w.extract(bytes),
        None => extract_in_process(bytes, &Limits::default()),
    }
}

/// The text of a PDF read in this process within `limits`. Never panics;
/// a Rust stack overflow cannot be caught, but the reader's recursion is
/// bounded by [`Limits::max_form_depth`].
pub fn extract_in_process(bytes: &[u8], limits: &Limits) -> Result<String, PdfError> {
    quietly(|| extract_pages(bytes, limits))
}

/// The number of pages of a PDF (for benchmarks and reports). Never panics.
pub fn page_count(bytes: &[u8]) -> Result<usize, PdfError> {
    quietly(|| {
        let mut doc = load(bytes)?;
        Ok(bounded::prepare(&mut doc, &Limits::default())?.len())
    })
}

/// Runs `f` with panics caught (and not printed): a panic in the PDF crates
/// is a broken PDF.
fn quietly<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    install_quiet_hook();
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let message = LAST_PANIC
                .with(|l| l.borrow_mut().take())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(PdfError::Broken(format!(
                "the PDF reader failed: {message}"
            )))
        }
    }
}

fn load(bytes: &[u8]) -> Result<pdf_extract::Document, PdfError> {
    let mut doc = match pdf_extract::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword) => {
            return Err(PdfError::Encrypted);
        }
        Err(e) => return Err(PdfError::Broken(e.to_string())),
    };
    // Many published PDFs are encrypted with an empty user password (only
    // to restrict editing): those are read; others need a password.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

fn extract_pages(bytes: &[u8], limits: &Limits) -> Result<String, PdfError> {
    let mut doc = load(bytes)?;
    let order = bounded::prepare(&mut doc, limits)?;
    if order.is_empty() {
        return Err(PdfError::Broken("no pages".into()));
    }
    let pages = page_text::pages(&doc)?;
    let mut out = String::with_capacity(bytes.len());
    for (i, &at) in order.iter().enumerate() {
        if i > 0 {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push('\x0c');
        }
        out.push_str(pages.get(at).map_or("", String::as_str));
    }
    if out.chars().all(|c| c.is_whitespace()) {
        return Err(PdfError::NoText);
    }
    Ok(out)
}

thread_local! {
    /// Set while this thread extracts a PDF: its panics are not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The message of the last quiet panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that keeps the message of a panic inside PDF
/// extraction (reported as a broken PDF) and hands every other panic to the
/// hook that was there before.
fn install_quiet_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let payload = info.payload();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown failure".into());
                let message = match info.location() {
                    Some(l) => format!("{message} (at {}:{})", crate_relative(l.file()), l.line()),
                    None => message,
                };
                LAST_PANIC.with(|l| *l.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

/// `…/registry/src/index…/pdf-extract-0.12.1/src/lib.rs` as
/// `pdf-extract-0.12.1/src/lib.rs`.
fn crate_relative(file: &str) -> &str {
    file.rfind("/src/")
        .and_then(|i| file[..i].rfind('/'))
        .map_or(file, |j| &file[j + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"\xEF\xBB\xBFjunk\n%PDF-1.4\n"));
        assert!(!is_pdf(b"Protokoll\n\xA7 1 Val av %PDF-1.4\n"));
        assert!(!is_pdf(b"%PD"));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn panic_locations_are_shortened() {
        assert_eq!(
            crate_relative("/root/.cargo/registry/src/index-1/pdf-extract-0.12.1/src/lib.rs"),
            "pdf-extract-0.12.1/src/lib.rs"
        );
        assert_eq!(crate_relative("src/x.rs"), "src/x.rs");
    }

    #[test]
    fn garbage_after_magic_is_broken() {
        let e = extract(b"%PDF-1.7\n\x00\x01garbage").unwrap_err();
        assert!(matches!(e, PdfError::Broken(_)), "{e:?}");
        assert!(e.to_string().starts_with("broken: "));
    }
}
