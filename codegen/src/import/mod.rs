//! Readers for providers' documentation pages in their published forms.
//!
//! Each module reads one form: [`markdown`] pipe tables with a separator row (and the
//! JSON responses of DataForSEO's errors page), [`readme_block`] readme.io
//! `[block:parameters]` tables, [`pipe_table`] status/code/meaning rows whose page may
//! have lost its line breaks, and [`status_list`] HTTP status catalogues.
//!
//! The readers return what the page says, character for character, and leave judging
//! it to the caller. Pages come from the web, so no reader panics on any input: a
//! reader that cannot find its form returns an `Err` saying so, and rows it cannot read
//! are skipped or reported, as each reader documents.
//!
//! On top of the readers: [`Format`] names the published forms and reads a page into a
//! [`page::Page`], [`merge`] merges it into a schema, and [`apply`] does both for the
//! `provider-errors import` command, file to file.

pub mod apply;
pub mod change;
pub mod format;
pub mod markdown;
pub mod merge;
pub mod page;
pub mod pipe_table;
pub mod readme_block;
pub mod status_list;

pub use format::Format;

use crate::schema::RawCode;

/// One row of a documentation table, as the page has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// The code as displayed: an integer when it is all digits, else a string.
    pub code: RawCode,
    /// The row's message (or name) text, exactly as printed.
    pub message: String,
    /// The row's explanation, when the page gives one.
    pub description: Option<String>,
    /// The group the page puts the row in, when it groups rows.
    pub category: Option<String>,
    /// The HTTP status the page gives for the row, when it gives one.
    pub http_status: Option<u16>,
}

impl DocRow {
    /// A row with only a code and a message.
    pub fn new(code: RawCode, message: impl Into<String>) -> DocRow {
        DocRow {
            code,
            message: message.into(),
            description: None,
            category: None,
            http_status: None,
        }
    }

    /// The code as the page displays it (`40101`, `bad_request`).
    pub fn code_text(&self) -> String {
        match &self.code {
            RawCode::Int(n) => n.to_string(),
            RawCode::Str(s) => s.clone(),
        }
    }
}

/// A table of rows found on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTable {
    /// The heading the page gives the table (empty when it gives none).
    pub title: String,
    /// The rows, in page order.
    pub rows: Vec<DocRow>,
}

/// The value of `key` in the page's YAML-style front matter (the block between two
/// `---` lines at the very top), without surrounding quotes.
///
/// Saved pages carry their title and address there (`url: "https://..."`), which is
/// how a caller can tell which provider a page belongs to.
pub fn front_matter(page: &str, key: &str) -> Option<String> {
    let mut lines = page.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    lines
        .take_while(|line| line.trim_end() != "---")
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, value)| unquote(value.trim()).to_owned())
}

/// `"text"` or `'text'` without its quotes; anything else unchanged.
fn unquote(value: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value)
}

/// A displayed code: an integer when it is an optional `-` and ASCII digits that fit,
/// otherwise the text itself.
fn parse_code(text: &str) -> RawCode {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i128>() {
        Ok(n) if numeric => RawCode::Int(n),
        _ => RawCode::Str(text.to_owned()),
    }
}

/// A three-digit HTTP status in `100..=599`, exactly as written (no signs or spaces).
fn http_status(text: &str) -> Option<u16> {
    if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (100..=599).contains(n))
}

/// `**text**` without its markers; anything else unchanged.
fn strip_bold(text: &str) -> &str {
    text.strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .unwrap_or(text)
}

/// A separator-row cell: dashes with optional alignment colons (`---`, `:--:`).
fn is_separator_cell(cell: &str) -> bool {
    let cell = cell.trim();
    cell.contains('-') && cell.chars().all(|c| c == '-' || c == ':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_quoted_and_bare_values() {
        let page = "---\ntitle: \"Errors\"\nurl: https://x.example/a:b\n---\ntitle: body\n";
        assert_eq!(front_matter(page, "title").as_deref(), Some("Errors"));
        assert_eq!(
            front_matter(page, "url").as_deref(),
            Some("https://x.example/a:b")
        );
        assert_eq!(front_matter(page, "date"), None);
    }

    #[test]
    fn front_matter_needs_a_leading_fence() {
        assert_eq!(front_matter("title: x\n---\n", "title"), None);
        assert_eq!(front_matter("", "title"), None);
        assert_eq!(front_matter("---", "title"), None);
        assert_eq!(front_matter("---\n\"\n", "title"), None);
    }

    #[test]
    fn codes_are_integers_only_when_all_digits() {
        assert_eq!(parse_code("40101"), RawCode::Int(40101));
        assert_eq!(parse_code("-5"), RawCode::Int(-5));
        assert_eq!(parse_code("+5"), RawCode::Str("+5".into()));
        assert_eq!(parse_code("-"), RawCode::Str("-".into()));
        assert_eq!(parse_code("bad_request"), RawCode::Str("bad_request".into()));
        let huge = "9".repeat(60);
        assert_eq!(parse_code(&huge), RawCode::Str(huge.clone()));
    }

    #[test]
    fn statuses_are_three_digits_in_range() {
        assert_eq!(http_status("404"), Some(404));
        assert_eq!(http_status("099"), None);
        assert_eq!(http_status("600"), None);
        assert_eq!(http_status("+40"), None);
        assert_eq!(http_status("4é"), None);
    }
}
