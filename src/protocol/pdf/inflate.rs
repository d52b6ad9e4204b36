//! Stream decoding within a byte budget: a PDF stream compressed 1,000:1
//! (or deflated twice, a million to one) is stopped when its output passes
//! the limit, instead of taking gigabytes. Flate and LZW, the filters whose
//! output can be far larger than their input, are decoded here in chunks;
//! the rest (ASCII85, predictors) are handed to `lopdf` once the size is
//! known to be bounded. Filters `lopdf` cannot decode leave a stream as it is.

use lopdf::{Dictionary, Object, Stream};
use std::io::Read;

/// How many decoded bytes the streams of one document may still take.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    /// Bytes left for the whole document.
    pub left: usize,
    /// At most this many for one stream.
    pub per_stream: usize,
}

/// Why a stream was not decoded.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Undecoded {
    /// Its output passed the limit (the limit in bytes).
    TooLarge(usize),
    /// A filter the reader does not know: the stream stays as it is.
    Unsupported,
}

/// The decoded content of `stream` within `budget` (which it uses up).
pub(super) fn decode(stream: &Stream, budget: &mut Budget) -> Result<Vec<u8>, Undecoded> {
    let limit = budget.left.min(budget.per_stream);
    let Ok(filters) = stream.filters() else {
        // No /Filter: the content is as it is (or /Filter is not a name:
        // lopdf then also takes the raw bytes).
        return if stream.content.len() > limit {
            Err(Undecoded::TooLarge(limit))
        } else {
            Ok(stream.content.clone())
        };
    };
    if filters.len() > 4 {
        return Err(Undecoded::Unsupported);
    }
    let params = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .ok();
    let mut data = stream.content.clone();
    for filter in filters {
        data = step(filter, &data, params, limit)?;
    }
    budget.left -= data.len();
    Ok(data)
}

/// One filter on `input`, its output at most `limit` bytes.
fn step(
    filter: &[u8],
    input: &[u8],
    params: Option<&Dictionary>,
    limit: usize,
) -> Result<Vec<u8>, Undecoded> {
    let out = match filter {
        b"FlateDecode" => inflate(input, limit)?,
        b"LZWDecode" => lzw(input, params, limit)?,
        // Four bytes out for one in at most ('z').
        b"ASCII85Decode" if input.len().saturating_mul(4) <= limit => {
            return by_lopdf(filter, input, None);
        }
        b"ASCII85Decode" => return Err(Undecoded::TooLarge(limit)),
        _ => return Err(Undecoded::Unsupported),
    };
    // A predictor (PNG or TIFF rows) only shrinks its input: now that the
    // size is known, lopdf decodes it exactly as it would.
    let predictor = params
        .and_then(|p| p.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .unwrap_or(1);
    if predictor > 1 {
        return by_lopdf(filter, input, params);
    }
    Ok(out)
}

/// `lopdf`'s own decoding of one filter, for input known to decode small.
fn by_lopdf(
    filter: &[u8],
    input: &[u8],
    params: Option<&Dictionary>,
) -> Result<Vec<u8>, Undecoded> {
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(filter.to_vec()));
    if let Some(p) = params {
        dict.set("DecodeParms", p.clone());
    }
    Stream::new(dict, input.to_vec())
        .decompressed_content()
        .map_err(|_| Undecoded::Unsupported)
}

/// Zlib inflate, stopped past `limit`. As lopdf does: what was decoded
/// before an error is kept, and a stream whose zlib header or checksum is
/// bad is tried as raw deflate.
fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, Undecoded> {
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(limit));
    let bound = limit as u64 + 1;
    let mut r = flate2::read::ZlibDecoder::new(input)
        .take(bound)
        .read_to_end(&mut out);
    if r.is_err() && out.is_empty() && input.len() > 2 {
        r = flate2::read::DeflateDecoder::new(&input[2..])
            .take(bound)
            .read_to_end(&mut out);
    }
    // No memory for the output (a process limit) is not a short stream.
    if out.len() > limit || r.is_err_and(|e| e.kind() == std::io::ErrorKind::OutOfMemory) {
        return Err(Undecoded::TooLarge(limit));
    }
    Ok(out)
}

/// LZW (early change by default, as PDF says), stopped past `limit`.
fn lzw(input: &[u8], params: Option<&Dictionary>, limit: usize) -> Result<Vec<u8>, Undecoded> {
    use weezl::{BitOrder, decode::Decoder};
    let early_change = params
        .and_then(|p| p.get(b"EarlyChange").ok())
        .and_then(|p| p.as_i64().ok())
        .is_none_or(|v| v != 0);
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut rest = input;
    loop {
        let r = decoder.decode_bytes(rest, &mut buf);
        out.extend_from_slice(&buf[..r.consumed_out]);
        rest = &rest[r.consumed_in..];
        if out.len() > limit {
            return Err(Undecoded::TooLarge(limit));
        }
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn flate_stream(content: Vec<u8>, times: usize) -> Stream {
        let mut dict = Dictionary::new();
        let filters = vec![Object::Name(b"FlateDecode".to_vec()); times];
        dict.set("Filter", Object::Array(filters));
        Stream::new(dict, content)
    }

    fn budget(bytes: usize) -> Budget {
        Budget {
            left: bytes,
            per_stream: bytes,
        }
    }

    #[test]
    fn flate_within_the_budget_is_decoded_and_counted() {
        let text = b"BT (hej) Tj ET".repeat(100);
        let mut b = budget(10_000);
        let out = decode(&flate_stream(deflate(&text), 1), &mut b).unwrap();
        assert_eq!(out, text);
        assert_eq!(b.left, 10_000 - text.len());
    }

    #[test]
    fn a_twice_deflated_bomb_stops_at_the_limit() {
        let bomb = deflate(&deflate(&vec![b' '; 50_000_000]));
        assert!(bomb.len() < 5_000, "{}", bomb.len());
        let mut b = budget(1 << 20);
        assert_eq!(
            decode(&flate_stream(bomb, 2), &mut b),
            Err(Undecoded::TooLarge(1 << 20))
        );
    }

    #[test]
    fn lzw_is_decoded_like_lopdf_and_bounded() {
        let text = b"Kommunstyrelsen beslutar ".repeat(2000);
        let mut enc = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = enc.encode(&text).unwrap();
        let mut dict = Dictionary::new();
        dict.set("Filter", "LZWDecode");
        let s = Stream::new(dict, packed);
        assert_eq!(decode(&s, &mut budget(1 << 20)).unwrap(), text);
        assert_eq!(s.decompressed_content().unwrap(), text);
        assert_eq!(
            decode(&s, &mut budget(1000)),
            Err(Undecoded::TooLarge(1000))
        );
    }

    #[test]
    fn unknown_filters_leave_the_stream_alone() {
        let mut dict = Dictionary::new();
        dict.set("Filter", "DCTDecode");
        let s = Stream::new(dict, vec![0xFF, 0xD8]);
        assert_eq!(decode(&s, &mut budget(100)), Err(Undecoded::Unsupported));
    }
}
