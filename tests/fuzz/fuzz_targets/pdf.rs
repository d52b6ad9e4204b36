//! PDF extraction on arbitrary bytes, within bounds: the bounded reader must
//! never hang, grow memory without end or overflow its stack (libFuzzer's
//! -timeout and -rss_limit_mb catch the first two, a crash the third), and
//! never panic out of `extract_in_process` (a panic inside the PDF crates is
//! caught and is a broken PDF). Smaller limits than the defaults keep each
//! run short; they bound the same things.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paragraf::protocol::pdf::{self, Limits, PdfError};

const LIMITS: Limits = Limits {
    max_pages: 500,
    max_stream_bytes: 4 << 20,
    max_total_bytes: 16 << 20,
    max_form_depth: 24,
    max_operations: 1_000_000,
    max_cmap_codes: 1 << 20,
};

fuzz_target!(|data: &[u8]| {
    match pdf::extract_in_process(data, &LIMITS) {
        Ok(text) => assert!(!text.trim().is_empty()),
        Err(PdfError::Broken(m) | PdfError::Limit(m)) => assert!(!m.is_empty()),
        Err(PdfError::NoText | PdfError::Encrypted) => {}
    }
});
