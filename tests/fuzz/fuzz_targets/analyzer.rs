//! The Swedish analyzer on arbitrary text: never panics, and every token is
//! non-empty, lower-case-stable and in position order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paragraf::analysis::analyze;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tokens = analyze(text);
    let mut last = 0;
    for t in &tokens {
        assert!(!t.text.is_empty());
        assert!(t.position >= last);
        last = t.position;
    }
});
