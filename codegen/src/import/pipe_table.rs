//! Three-column pipe tables, `HTTP | code | meaning`, as on Serplify's errors page:
//!
//! ```text
//! Error codes
//! Section titled "Error codes"| HTTP | error.code | Meaning |
//! |---|---|---|
//! 400 | bad_request | Malformed request body or parameters. |
//! ```
//!
//! Saved copies of such pages lose line breaks where the HTML had none (the header above
//! runs on from the section's anchor text; rows may run together), so the reader works
//! on the pipe-separated cells and not on lines: a row is a status cell, a code cell and
//! a text cell closed by a pipe, wherever the line breaks fall.

use super::{DocRow, DocTable, http_status, is_separator_cell, parse_code};

/// Header names accepted for the first column.
const STATUS_HEADERS: [&str; 3] = ["http", "http status", "status"];

/// The first table on the page whose header is `| HTTP | <code> | <meaning> |`
/// followed by a `|---|---|---|` separator.
///
/// Rows are read up to the first that is not `NNN | code | text |`, where `NNN` is an
/// HTTP status (100..=599), the code has no white space, and neither the code nor the
/// text spans a line break (a row missing a cell then ends the table instead of
/// swallowing the next row). The title is the last non-blank line before the header's
/// line, or the text before the header on its own line when there is none.
pub fn parse(page: &str) -> Result<DocTable, String> {
    let pieces: Vec<&str> = page.split('|').collect();
    let start = header_at(&pieces)
        .ok_or("no `| HTTP | code | meaning |` header followed by a `|---|---|---|` separator")?;
    let title = title(pieces.get(start).copied().unwrap_or_default());
    let body = pieces.get(start + 8..).unwrap_or_default();
    // The last piece follows the last pipe, so it never is a closed cell.
    let closed = body.get(..body.len().saturating_sub(1)).unwrap_or_default();
    let rows = closed.chunks_exact(3).map_while(row).collect();
    Ok(DocTable { title, rows })
}

/// The header of the code column of the table [`parse`] reads, as printed
/// (`error.code`); `None` when there is no such table.
pub fn code_header(page: &str) -> Option<String> {
    let pieces: Vec<&str> = page.split('|').collect();
    let start = header_at(&pieces)?;
    pieces.get(start + 2).map(|cell| cell.trim().to_owned())
}

/// The index of the piece before the header's first pipe.
fn header_at(pieces: &[&str]) -> Option<usize> {
    (0..pieces.len()).find(|&i| is_header(pieces.get(i + 1..i + 8).unwrap_or_default()))
}

/// Whether seven pieces are three header cells, the white space between the header's
/// closing pipe and the separator's opening one, and three separator cells.
fn is_header(pieces: &[&str]) -> bool {
    let [status, code, text, between, seps @ ..] = pieces else {
        return false;
    };
    let status = status.trim().to_lowercase();
    STATUS_HEADERS.contains(&status.as_str())
        && [code, text]
            .iter()
            .all(|c| !c.trim().is_empty() && !c.contains('\n'))
        && between.trim().is_empty()
        && seps.len() == 3
        && seps.iter().all(|c| is_separator_cell(c))
}

/// The last non-blank line before the header's line, else the text before the header.
fn title(before: &str) -> String {
    let (earlier, same_line) = before.rsplit_once('\n').unwrap_or(("", before));
    let line = earlier.lines().rev().map(str::trim).find(|l| !l.is_empty());
    line.unwrap_or(same_line.trim()).to_owned()
}

/// One `status | code | text` row; `None` when the cells are not one.
fn row(cells: &[&str]) -> Option<DocRow> {
    let [status, code, text] = cells else {
        return None;
    };
    if code.contains('\n') || text.contains('\n') {
        return None;
    }
    let (code, text) = (code.trim(), text.trim());
    if code.is_empty() || code.contains(char::is_whitespace) {
        return None;
    }
    let mut row = DocRow::new(parse_code(code), text);
    row.http_status = Some(http_status(status.trim())?);
    Some(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(table: &DocTable) -> Vec<(Option<u16>, String, &str)> {
        table
            .rows
            .iter()
            .map(|r| (r.http_status, r.code_text(), r.message.as_str()))
            .collect()
    }

    #[test]
    fn reads_rows_after_a_header_run_into_text() {
        let page = "Errors\nError codes\nSection titled “Error codes”| HTTP | error.code | Meaning |\n|---|---|---|\n\
            400 | bad_request | Malformed  body. |\n402 | budget_exceeded | The key’s limit — reached. |\n\
            Validation example\n{ \"error\": 1 }";
        let table = parse(page).unwrap();
        assert_eq!(table.title, "Error codes");
        assert_eq!(code_header(page).as_deref(), Some("error.code"));
        assert_eq!(code_header("| HTTP | code |"), None);
        assert_eq!(
            summary(&table),
            [
                (Some(400), "bad_request".into(), "Malformed  body."),
                (Some(402), "budget_exceeded".into(), "The key’s limit — reached.")
            ]
        );
    }

    #[test]
    fn rows_without_line_breaks() {
        let page = "| HTTP | code | Meaning ||---|---|---|400 | a | A. |401 | b | B. |Retrying | x | y |";
        let table = parse(page).unwrap();
        assert_eq!(table.title, "");
        assert_eq!(
            summary(&table),
            [(Some(400), "a".into(), "A."), (Some(401), "b".into(), "B.")]
        );
    }

    #[test]
    fn a_row_missing_a_cell_ends_the_table() {
        let page = "T\n| HTTP | code | Meaning |\n|---|---|---|\n400 | a | A. |\n403 | forbidden |\n404 | b | B. |\n";
        assert_eq!(summary(&parse(page).unwrap()), [(Some(400), "a".into(), "A.")]);
        let unclosed = "| HTTP | code | Meaning |\n|---|---|---|\n400 | a | A.";
        assert_eq!(parse(unclosed).unwrap().rows, []);
        let bad_status = "| HTTP | code | Meaning |\n|---|---|---|\n4000 | a | A. |\n";
        assert_eq!(parse(bad_status).unwrap().rows, []);
    }

    #[test]
    fn malformed_pages_are_errors_not_panics() {
        assert!(parse("").is_err());
        assert!(parse("|").is_err());
        assert!(parse("| HTTP | code | Meaning |\n").is_err(), "no separator");
        assert!(parse("| HTTP | code |\n|---|---|\n").is_err(), "two columns");
        assert!(parse("| Code | HTTP | Meaning |\n|---|---|---|\n").is_err());
        let garbage =
            String::from_utf8_lossy(&[0xc3, b'|', 0xff, b'|', b'\n', 0x00, b'|', b'-']).into_owned();
        assert!(parse(&garbage).is_err());
        let header_only = "| HTTP | code | Meaning |\n|---|---|---|";
        assert_eq!(parse(header_only).unwrap().rows, []);
    }
}
