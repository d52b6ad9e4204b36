//! How output meets the terminal: colour (`--color`, `NO_COLOR`,
//! `CLICOLOR_FORCE`), wrapping to the terminal's width, and command lines
//! printed so that they run when pasted.

use clap::ValueEnum;
use std::io::IsTerminal;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` colours
    /// pipes too).
    #[default]
    Auto,
    /// Always, also into pipes and files.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Makes the choice for every writer of this process.
    pub fn apply(self) {
        let choice = match self {
            ColorWhen::Auto => return, // anstream reads the terminal and the variables
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
    }
}

/// The width to wrap standard output to: the terminal's, when it is one;
/// `None` (no wrapping) for pipes and files.
pub fn stdout_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (_, cols) = console::Term::stdout().size_checked()?;
    // Narrower than this, wrapping would only make it worse.
    Some(usize::from(cols).max(40))
}

/// `text` wrapped to `width` (when there is one), its first line starting
/// with `first` and the others with `rest`; unwrapped with `first` before
/// it otherwise. Colour escapes take no width; words are never split at
/// hyphens (case numbers such as `SLK-2023-00025` stay whole).
pub fn wrap(text: &str, width: Option<usize>, first: &str, rest: &str) -> String {
    let Some(width) = width else {
        return format!("{first}{text}");
    };
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::fill(text, options)
}

/// `word` as one shell word: unchanged if it holds only characters no
/// shell treats specially, else in single quotes.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:,+=@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_need_it_are_quoted() {
        assert_eq!(
            shell_quote("goteborgs-stad_ks_2024-01-10"),
            "goteborgs-stad_ks_2024-01-10"
        );
        assert_eq!(shell_quote("/tmp/mitt index"), "'/tmp/mitt index'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("a;rm"), "'a;rm'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn wrapping_keeps_the_indent_and_ignores_colour() {
        let text = "\u{1b}[1mkvalitetsbok\u{1b}[0m ".repeat(10);
        let out = wrap(text.trim_end(), Some(40), "    ", "    ");
        for line in out.lines() {
            assert!(line.starts_with("    "), "{line:?}");
            assert!(textwrap::core::display_width(line) <= 40, "{line:?}");
        }
        assert_eq!(out.lines().count(), 5, "{out}");
        assert_eq!(wrap("a b", None, "  ", "  "), "  a b");
    }

    #[test]
    fn case_numbers_are_not_split_at_hyphens() {
        let out = wrap("aaaa SLK-2023-00025 bbb", Some(20), "", "");
        assert!(out.lines().any(|l| l.contains("SLK-2023-00025")), "{out}");
    }
}
