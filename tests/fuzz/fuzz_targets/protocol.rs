//! The protocol parser on arbitrary bytes: decoding, page furniture,
//! segmentation, sections, decisions and metadata must never panic, and a
//! parse must keep its invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paragraf::protocol::{FolderMeta, parse_bytes};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = parse_bytes(data, Path::new("fuzz.txt"), &FolderMeta::default()) {
        assert!(!p.paragraphs.is_empty());
        // Headings are a strictly increasing chain of (number, letter), in
        // document order ("§ 1", "§ 1 g": a lettered § after its number;
        // two headings split only by a form feed share a source line).
        for w in p.paragraphs.windows(2) {
            assert!((w[0].number, w[0].suffix.as_deref()) < (w[1].number, w[1].suffix.as_deref()));
            assert!(w[0].line <= w[1].line);
        }
        for para in &p.paragraphs {
            let mut rebuilt = para.underived();
            paragraf::protocol::complete_from_body(&mut rebuilt);
        }
    }
});
