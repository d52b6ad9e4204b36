//! Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM, and
//! Windows-1252 / Latin-1 for older Swedish documents.

use std::borrow::Cow;

/// Which encoding the text was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, is dropped).
    Utf8,
    /// UTF-16 (little or big endian), recognised by its BOM.
    Utf16,
    /// Windows-1252, the superset of Latin-1 that Swedish Windows documents use.
    Windows1252,
}

/// Decodes `bytes` into text, choosing the encoding as follows: a BOM wins;
/// otherwise valid UTF-8 is UTF-8; anything else is Windows-1252 (every byte
/// sequence decodes, so this never fails).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let kind = if enc == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        return (text, kind);
    }
    // simdutf8: the same check as std::str::from_utf8, several times faster.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, Encoding::Windows1252)
        }
    }
}

/// True if the bytes look like a binary file rather than text: NUL bytes in
/// the first 8 KiB (and no UTF-16 BOM, whose text legitimately has NULs).
pub fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let (t, e) = decode(b"\xEF\xBB\xBF\xC2\xA7 1 Val");
        assert_eq!(t, "§ 1 Val");
        assert_eq!(e, Encoding::Utf8);
    }

    #[test]
    fn latin1_is_decoded_as_windows_1252() {
        // "§ 1 Fastställande av föredragningslista" in Latin-1.
        let bytes = b"\xA7 1 Fastst\xE4llande av f\xF6redragningslista";
        let (t, e) = decode(bytes);
        assert_eq!(t, "§ 1 Fastställande av föredragningslista");
        assert_eq!(e, Encoding::Windows1252);
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "§ 2 Åtgärd".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (t, e) = decode(&bytes);
        assert_eq!(t, "§ 2 Åtgärd");
        assert_eq!(e, Encoding::Utf16);
        assert!(!looks_binary(&bytes));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary("§ 1 Val".as_bytes()));
    }
}
