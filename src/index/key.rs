//! A protocol file's identity in the index: its path as the operating
//! system gives it, written as text.
//!
//! A path that is UTF-8 without a backslash is its own key, so keys read as
//! paths. Otherwise the key escapes: a backslash is `\\` and each byte that
//! is not part of UTF-8 text is `\xNN`. Different paths get different keys
//! (a lossy conversion gave `m\xe5te.txt` and `m\xf6te.txt` one key, so one
//! file's § replaced the other's), and [`path`] turns a key back into its
//! path.

use std::path::{Path, PathBuf};

/// The key of `path`.
pub(crate) fn key(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes)
            && !s.contains('\\')
        {
            return s.to_string();
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\\' {
                    out.push_str("\\\\");
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The path of a key made by [`key`].
pub(crate) fn path(key: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        if !key.contains('\\') {
            return PathBuf::from(key);
        }
        let mut bytes = Vec::with_capacity(key.len());
        let mut rest = key.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            match (b, tail) {
                (b'\\', [b'\\', more @ ..]) => {
                    bytes.push(b'\\');
                    rest = more;
                }
                (b'\\', [b'x', h, l, more @ ..])
                    if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() =>
                {
                    let hex = [*h, *l];
                    let s = std::str::from_utf8(&hex).unwrap_or("00");
                    bytes.push(u8::from_str_radix(s, 16).unwrap_or(0));
                    rest = more;
                }
                _ => {
                    bytes.push(b);
                    rest = tail;
                }
            }
        }
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(key)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn file_names_that_are_not_utf8_get_keys_of_their_own() {
        // Regression: `m\xe5te.txt`, `m\xe4te.txt` and `m\xf6te.txt` all
        // became "m\u{fffd}te.txt", one file in the index.
        let names: Vec<&[u8]> = vec![
            b"/a/m\xe5te.txt",
            b"/a/m\xe4te.txt",
            b"/a/m\xf6te.txt",
            b"/a/m\\xe5te.txt",
            b"/a/m\\\\xe5te.txt",
            "/a/möte.txt".as_bytes(),
            b"/a/\xc3/b.txt",
            b"/a/\\",
        ];
        let keys: Vec<String> = names
            .iter()
            .map(|n| key(Path::new(OsStr::from_bytes(n))))
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        for (n, k) in names.iter().zip(&keys) {
            assert_eq!(path(k).as_os_str().as_bytes(), *n, "{k}");
        }
        assert_eq!(keys[0], "/a/m\\xe5te.txt");
        assert_eq!(keys[5], "/a/möte.txt");
    }
}
