//! The text of each page of a prepared document: `pdf-extract`'s plain text
//! layout (one line per text row, blank lines for larger gaps), fresh for
//! each page, run in one pass over the page tree (asking `pdf-extract` for
//! pages one by one walks the tree again for each: 8,000 pages took 71 s).

use super::PdfError;
use pdf_extract::{MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};
use std::cell::RefCell;
use std::rc::Rc;

/// The text of every page of `doc` (prepared by [`super::bounded`]).
pub(super) fn pages(doc: &pdf_extract::Document) -> Result<Vec<String>, PdfError> {
    let mut device = Pages {
        done: Vec::new(),
        out: Rc::new(RefCell::new(String::new())),
        page: None,
    };
    pdf_extract::output_doc(doc, &mut device).map_err(|e| PdfError::Broken(e.to_string()))?;
    device.finish_page();
    Ok(device.done)
}

/// Appends to the shared text.
struct Sink(Rc<RefCell<String>>);

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

impl pdf_extract::ConvertToFmt for Sink {
    type Writer = Sink;
    fn convert(self) -> Sink {
        self
    }
}

/// A fresh plain-text layout for each page.
struct Pages {
    /// The text of the pages before this one.
    done: Vec<String>,
    /// This page's text.
    out: Rc<RefCell<String>>,
    page: Option<PlainTextOutput<Sink>>,
}

impl Pages {
    fn page(&mut self) -> Result<&mut PlainTextOutput<Sink>, OutputError> {
        self.page
            .as_mut()
            .ok_or(OutputError::FormatError(std::fmt::Error))
    }

    fn finish_page(&mut self) {
        if self.page.take().is_some() {
            self.done.push(std::mem::take(&mut *self.out.borrow_mut()));
        }
    }
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        let mut page = PlainTextOutput::new(Sink(Rc::clone(&self.out)));
        page.begin_page(page_num, media_box, art_box)?;
        self.page = Some(page);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.page()?.end_page()
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.page()?
            .output_character(trm, width, spacing, font_size, char)
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.page()?.begin_word()
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        self.page()?.end_word()
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        self.page()?.end_line()
    }
}
