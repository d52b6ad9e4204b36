//! Lowercasing and Swedish Snowball stemming (rust-stemmers).

/// A Swedish stemmer that lowercases first. Tokens with digits are not stemmed.
pub(crate) struct Stemmer {
    inner: rust_stemmers::Stemmer,
}

impl Stemmer {
    pub(crate) fn new() -> Stemmer {
        Stemmer {
            inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Swedish),
        }
    }

    /// Lowercases `word` into `out` (cleared first) and stems it unless it has digits.
    pub(crate) fn stem_into(&self, word: &str, out: &mut String) {
        out.clear();
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
        if out.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let stemmed = self.inner.stem(out);
        if stemmed.len() != out.len() {
            let s = stemmed.into_owned();
            out.clear();
            out.push_str(&s);
        }
    }

    /// Lowercases `word` into `out` without stemming.
    pub(crate) fn lower_into(word: &str, out: &mut String) {
        out.clear();
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_stems() {
        let s = Stemmer::new();
        let mut out = String::new();
        for (w, want) in [
            ("Kvalitetsboken", "kvalitetsbok"),
            ("kvalitetsbok", "kvalitetsbok"),
            ("vårdcentralerna", "vårdcentral"),
            ("vårdcentral", "vårdcentral"),
            ("23RS5009", "23rs5009"),
        ] {
            s.stem_into(w, &mut out);
            assert_eq!(out, want, "{w}");
        }
        // No ASCII folding: får and far stay apart.
        s.stem_into("får", &mut out);
        let far = {
            let mut o = String::new();
            s.stem_into("far", &mut o);
            o
        };
        assert_ne!(out, far);
    }
}
