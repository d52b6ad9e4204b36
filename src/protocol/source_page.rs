//! The page a § starts on: a PDF's pages are joined with form feeds
//! (`\x0c`), as text files printed from a word processor often are, so the
//! page of a line is the number of form feeds before it, plus one. A text
//! without form feeds has no pages: its § have no page, unless it is the
//! text of a PDF (a PDF of one page has no form feed, and its § are on
//! page 1).

/// Pages of one text, asked for line by line in document order.
pub(crate) struct Pages<'a> {
    text: &'a str,
    paged: bool,
    /// Form feeds in `text[..at]`.
    feeds: u32,
    at: usize,
}

impl<'a> Pages<'a> {
    /// The pages of `text`, the text the parser's lines are slices of;
    /// `pdf` if it is a PDF's text (paged even without a form feed).
    pub(crate) fn new(text: &'a str, pdf: bool) -> Pages<'a> {
        Pages {
            text,
            paged: pdf || memchr::memchr(b'\x0c', text.as_bytes()).is_some(),
            feeds: 0,
            at: 0,
        }
    }

    /// The 1-based page of `line`, a slice of the text; `None` if the text
    /// has no form feeds or `line` is not part of it. Cheapest when asked
    /// in document order (each call counts from the previous one).
    pub(crate) fn page_of(&mut self, line: &str) -> Option<u32> {
        if !self.paged {
            return None;
        }
        let start = self.text.as_ptr() as usize;
        let offset = (line.as_ptr() as usize).checked_sub(start)?;
        if offset > self.text.len() {
            return None;
        }
        if offset < self.at {
            self.feeds = 0;
            self.at = 0;
        }
        let between = &self.text.as_bytes()[self.at..offset];
        self.feeds += memchr::memchr_iter(b'\x0c', between).count() as u32;
        self.at = offset;
        Some(self.feeds + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_form_feeds_before_plus_one() {
        let text =
            "Protokoll\n§ 1 Val\n\x0c§ 2 Budget\ntext\x0c§ 3 Mid-line\n\x0c\x0c§ 4 After two";
        let mut pages = Pages::new(text, false);
        let at = |s: &str| &text[text.find(s).unwrap()..][..s.len()];
        assert_eq!(pages.page_of(at("Protokoll")), Some(1));
        assert_eq!(pages.page_of(at("§ 1")), Some(1));
        assert_eq!(pages.page_of(at("§ 2")), Some(2));
        assert_eq!(pages.page_of(at("§ 3")), Some(3));
        assert_eq!(pages.page_of(at("§ 4")), Some(5));
        // Out of order: counted again from the start.
        assert_eq!(pages.page_of(at("§ 2")), Some(2));
        assert_eq!(pages.page_of("not in the text"), None);
    }

    #[test]
    fn a_text_without_form_feeds_has_no_pages() {
        let text = "§ 1 Val\n§ 2 Budget";
        assert_eq!(Pages::new(text, false).page_of(&text[8..]), None);
    }

    #[test]
    fn a_pdf_of_one_page_is_page_one() {
        // Regression: a one-page PDF (no form feed in its text) gave no page.
        let text = "Protokollsutdrag\n§ 99 Val";
        assert_eq!(Pages::new(text, true).page_of(&text[17..]), Some(1));
    }
}
