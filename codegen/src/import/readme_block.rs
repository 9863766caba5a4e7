//! readme.io `[block:parameters]` tables, as on Seven Bridges' "API status codes" page:
//!
//! ```text
//! [block:parameters]
//! { "data": { "h-0": "Code", "h-1": "Description",
//!             "6-0": "**2xxx:**", "6-1": "**User errors**",
//!             "7-0": "<a name=\"2000\">2000</a>", "7-1": "User service is currently unavailable." },
//!   "cols": 2, "rows": 152 }
//! [/block]
//! ```
//!
//! Cells are keyed `"ROW-COL"` in no particular order; `h` is the header row. Rows whose
//! cells are all bold are group headers that name the category of the rows below them.
//! The page shows the text between the `<a>` tags, so that is the code, whatever the
//! anchor's `name` says; where the two differ, or a row cannot be read, the reader says
//! so in [`Anomaly`] values instead of guessing.

use super::{DocRow, DocTable, front_matter, parse_code, strip_bold};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// A parameters table and what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParametersTable {
    /// The rows with a code, in row order; the title is the page's front-matter title.
    pub table: DocTable,
    /// Rows and cells that were skipped or look wrong, in row order.
    pub anomalies: Vec<Anomaly>,
}

/// Something odd in a parameters table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anomaly {
    /// A row with cells but no code; it is not in the rows. (Rows with no cells at all
    /// are readme.io's blank separator rows and are not reported.)
    NoCode {
        /// The row number.
        row: usize,
        /// The row's cells, joined with ` | ` (empty when its only cell is empty).
        text: String,
    },
    /// A code whose anchor names another code; the row has the displayed code.
    AnchorMismatch {
        /// The row number.
        row: usize,
        /// The anchor's `name`.
        anchor: String,
        /// The code as displayed.
        displayed: String,
    },
    /// A code with no text; the row has an empty message.
    NoMessage {
        /// The row number.
        row: usize,
        /// The code as displayed.
        code: String,
    },
    /// A code displayed on more than one row; every row is kept.
    DuplicateCode {
        /// The code as displayed.
        code: String,
        /// The rows that display it.
        rows: Vec<usize>,
    },
    /// A `data` entry that is not a string cell of the declared grid; it is ignored.
    StrayCell {
        /// The entry's key.
        key: String,
    },
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anomaly::NoCode { row, text } => write!(f, "row {row} has no code (cells: {text:?})"),
            Anomaly::AnchorMismatch {
                row,
                anchor,
                displayed,
            } => {
                write!(f, "row {row} displays code {displayed} under anchor {anchor:?}")
            }
            Anomaly::NoMessage { row, code } => write!(f, "row {row} (code {code}) has no text"),
            Anomaly::DuplicateCode { code, rows } => write!(f, "code {code} is displayed on rows {rows:?}"),
            Anomaly::StrayCell { key } => write!(f, "data entry {key:?} is not a cell of the table"),
        }
    }
}

const OPEN: &str = "[block:parameters]";
const CLOSE: &str = "[/block]";

/// The page's first `[block:parameters]` table.
///
/// The code column is the one headed `Code` (else the first), the text column the one
/// headed `Description` or `Message` (else the second). Errors only when there is no
/// such block or its JSON cannot be read; everything else is an [`Anomaly`].
pub fn parse(page: &str) -> Result<ParametersTable, String> {
    let value: Value = serde_json::from_str(block_json(page)?)
        .map_err(|e| format!("the {OPEN} block is not valid JSON: {e}"))?;
    let data = value.get("data").and_then(Value::as_object);
    let data = data.ok_or_else(|| format!("the {OPEN} block has no `data` object"))?;
    let mut anomalies = Vec::new();
    let grid = Grid::read(data, &value, &mut anomalies);
    let rows = grid.rows(&mut anomalies);
    anomalies.extend(duplicates(&rows));
    anomalies.sort_by(|a, b| position(a).cmp(&position(b)));
    let title = front_matter(page, "title").unwrap_or_default();
    let rows = rows.into_iter().map(|(_, row)| row).collect();
    Ok(ParametersTable {
        table: DocTable { title, rows },
        anomalies,
    })
}

/// The JSON between the block's opening and closing markers.
fn block_json(page: &str) -> Result<&str, String> {
    let (_, rest) = page.split_once(OPEN).ok_or_else(|| format!("no {OPEN} block"))?;
    let (json, _) = rest
        .split_once(CLOSE)
        .ok_or_else(|| format!("the {OPEN} block has no {CLOSE}"))?;
    Ok(json)
}

/// Where an anomaly is, to list them in row order (stray entries last, by key).
fn position(anomaly: &Anomaly) -> (usize, &str) {
    match anomaly {
        Anomaly::NoCode { row, .. }
        | Anomaly::AnchorMismatch { row, .. }
        | Anomaly::NoMessage { row, .. } => (*row, ""),
        Anomaly::DuplicateCode { rows, .. } => (rows.first().copied().unwrap_or(usize::MAX), ""),
        Anomaly::StrayCell { key } => (usize::MAX, key),
    }
}

/// The cells by row and column, in numeric order, and the header row.
struct Grid<'a> {
    header: BTreeMap<usize, &'a str>,
    cells: BTreeMap<usize, BTreeMap<usize, &'a str>>,
}

impl<'a> Grid<'a> {
    /// Files every string cell inside the declared `rows` × `cols` (when declared).
    fn read(data: &'a Map<String, Value>, block: &Value, anomalies: &mut Vec<Anomaly>) -> Grid<'a> {
        let limit = |key: &str| block.get(key).and_then(Value::as_u64).unwrap_or(u64::MAX);
        let (rows, cols) = (limit("rows"), limit("cols"));
        let mut grid = Grid {
            header: BTreeMap::new(),
            cells: BTreeMap::new(),
        };
        for (key, value) in data {
            let place = key
                .split_once('-')
                .and_then(|(r, c)| Some((r, c.parse::<usize>().ok()?)));
            let inside = |n: usize, max: u64| u64::try_from(n).is_ok_and(|n| n < max);
            match (place, value.as_str()) {
                (Some(("h", c)), Some(text)) if inside(c, cols) => {
                    grid.header.insert(c, text);
                }
                (Some((r, c)), Some(text)) => match r.parse::<usize>() {
                    Ok(r) if inside(r, rows) && inside(c, cols) => {
                        grid.cells.entry(r).or_default().insert(c, text);
                    }
                    _ => anomalies.push(Anomaly::StrayCell { key: key.clone() }),
                },
                _ => anomalies.push(Anomaly::StrayCell { key: key.clone() }),
            }
        }
        grid
    }

    /// The column headed by one of `names`, else `fallback`.
    fn column(&self, names: &[&str], fallback: usize) -> usize {
        let named = self
            .header
            .iter()
            .find(|(_, h)| names.contains(&h.trim().to_lowercase().as_str()));
        named.map_or(fallback, |(c, _)| *c)
    }

    /// The rows with a code, with their row numbers; headers set the category.
    fn rows(&self, anomalies: &mut Vec<Anomaly>) -> Vec<(usize, DocRow)> {
        let code_col = self.column(&["code"], 0);
        let text_col = self.column(&["description", "message"], 1);
        let mut category = None;
        let mut rows = Vec::new();
        for (&number, cells) in &self.cells {
            let code = cells.get(&code_col).map_or("", |c| c.trim());
            let text = cells.get(&text_col).copied();
            if let Some(name) = group_name(code, text) {
                category = Some(name);
                continue;
            }
            match displayed_code(code) {
                Some((shown, anchor)) => {
                    anomalies.extend(check_row(number, &shown, anchor, text));
                    let mut row = DocRow::new(parse_code(&shown), text.unwrap_or_default());
                    row.category.clone_from(&category);
                    rows.push((number, row));
                }
                None => anomalies.push(Anomaly::NoCode {
                    row: number,
                    text: joined(cells),
                }),
            }
        }
        rows
    }
}

/// The group a header row names (its text cell, else its code cell, without bold
/// markers); `None` when the row is not a header.
fn group_name(code: &str, text: Option<&str>) -> Option<String> {
    let text = text.map_or("", str::trim);
    let bold = |c: &str| c.len() >= 4 && strip_bold(c) != c;
    let header =
        (bold(code) || code.is_empty()) && (bold(text) || text.is_empty()) && (bold(code) || bold(text));
    let name = if text.is_empty() { code } else { text };
    header.then(|| strip_bold(name).trim().to_owned())
}

/// The code a cell displays, and its anchor's name if it is an `<a>` element.
fn displayed_code(cell: &str) -> Option<(String, Option<String>)> {
    let Some(rest) = cell.strip_prefix("<a") else {
        return (!cell.is_empty()).then(|| (cell.to_owned(), None));
    };
    let (tag, inner) = rest.split_once('>')?;
    let inner = inner.split_once("</a>").map_or(inner, |(shown, _)| shown).trim();
    (!inner.is_empty()).then(|| (inner.to_owned(), anchor_name(tag)))
}

/// The `name` attribute of an opening tag's attributes (`name="9023"`).
fn anchor_name(attributes: &str) -> Option<String> {
    let value = attributes
        .split_whitespace()
        .find_map(|a| a.strip_prefix("name="))?;
    let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = value.get(quote.len_utf8()..)?;
    Some(value.split(quote).next().unwrap_or(value).to_owned())
}

/// What is wrong with a row that has a code.
fn check_row(row: usize, shown: &str, anchor: Option<String>, text: Option<&str>) -> Vec<Anomaly> {
    let mut found = Vec::new();
    if let Some(anchor) = anchor.filter(|a| a != shown) {
        found.push(Anomaly::AnchorMismatch {
            row,
            anchor,
            displayed: shown.to_owned(),
        });
    }
    if text.is_none_or(|t| t.trim().is_empty()) {
        found.push(Anomaly::NoMessage {
            row,
            code: shown.to_owned(),
        });
    }
    found
}

/// Codes displayed on more than one row.
fn duplicates(rows: &[(usize, DocRow)]) -> Vec<Anomaly> {
    let mut by_code: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (number, row) in rows {
        by_code.entry(row.code_text()).or_default().push(*number);
    }
    let repeated = by_code.into_iter().filter(|(_, rows)| rows.len() > 1);
    repeated
        .map(|(code, rows)| Anomaly::DuplicateCode { code, rows })
        .collect()
}

fn joined(cells: &BTreeMap<usize, &str>) -> String {
    cells.values().copied().collect::<Vec<_>>().join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::RawCode;

    fn page(data: &str) -> String {
        format!(
            "---\ntitle: \"Codes\"\n---\nIntro\n{OPEN}\n{{\n \"data\": {{{data}}},\n \"cols\": 2,\n \"rows\": 9\n}}\n{CLOSE}\n"
        )
    }

    const DATA: &str = r#""h-0": "Code", "h-1": "Description",
        "3-1": "Second.", "3-0": "<a name=\"11\">11</a>",
        "0-0": "**1xxx:**", "0-1": "**User errors**",
        "1-0": "<a name=\"10\">10</a>", "1-1": "First.",
        "4-0": "<a name=\"21\">12</a>", "4-1": "Mislabelled\u00a0text.",
        "5-1": "", "7-0": "**2xxx**", "8-0": "<a name=\"11\">11</a>", "8-1": "Again.""#;

    #[test]
    fn reads_rows_in_numeric_order_with_categories() {
        let parsed = parse(&page(DATA)).unwrap();
        assert_eq!(parsed.table.title, "Codes");
        let got: Vec<_> = parsed
            .table
            .rows
            .iter()
            .map(|r| (r.code_text(), r.message.as_str(), r.category.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("10".into(), "First.", Some("User errors")),
                ("11".into(), "Second.", Some("User errors")),
                ("12".into(), "Mislabelled\u{a0}text.", Some("User errors")),
                ("11".into(), "Again.", Some("2xxx")),
            ]
        );
        assert_eq!(parsed.table.rows[0].code, RawCode::Int(10));
    }

    #[test]
    fn reports_what_it_skips_or_doubts() {
        let parsed = parse(&page(DATA)).unwrap();
        assert_eq!(
            parsed.anomalies,
            [
                Anomaly::DuplicateCode {
                    code: "11".into(),
                    rows: vec![3, 8]
                },
                Anomaly::AnchorMismatch {
                    row: 4,
                    anchor: "21".into(),
                    displayed: "12".into()
                },
                Anomaly::NoCode {
                    row: 5,
                    text: String::new()
                },
            ]
        );
    }

    #[test]
    fn odd_cells() {
        let data = r#""0-0": "7", "1-0": "<a name=x>8</a>", "2-0": "<a>", "2-1": "t", "3-0": 5, "x-0": "a", "1-": "b",
            "9-0": "past the last row", "0-2": "past the last column", "h-7": "h", "4-0": "<a name='9'>9", "4-1": " ""#;
        let parsed = parse(&page(data)).unwrap();
        let codes: Vec<_> = parsed.table.rows.iter().map(DocRow::code_text).collect();
        assert_eq!(codes, ["7", "8", "9"]);
        let shown: Vec<_> = parsed.anomalies.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "row 0 (code 7) has no text",
                "row 1 (code 8) has no text",
                "row 2 has no code (cells: \"<a> | t\")",
                "row 4 (code 9) has no text",
                "data entry \"0-2\" is not a cell of the table",
                "data entry \"1-\" is not a cell of the table",
                "data entry \"3-0\" is not a cell of the table",
                "data entry \"9-0\" is not a cell of the table",
                "data entry \"h-7\" is not a cell of the table",
                "data entry \"x-0\" is not a cell of the table",
            ]
        );
    }

    #[test]
    fn malformed_blocks_are_errors_not_panics() {
        assert!(parse("").is_err());
        assert!(parse(OPEN).is_err());
        assert!(parse(&format!("{OPEN}{CLOSE}")).is_err());
        assert!(parse(&format!("{OPEN}{{\"data\": [1]}}{CLOSE}")).is_err());
        let full = page(DATA);
        let cut = full.get(..full.len() / 2).unwrap_or_default();
        assert!(parse(cut).is_err());
        let truncated_json = full.replace("\"rows\": 9\n}", "\"rows\": 9");
        assert!(parse(&truncated_json).unwrap_err().contains("not valid JSON"));
        let garbage =
            String::from_utf8_lossy(&[0xff, b'[', 0x00, 0xfe]).into_owned() + OPEN + "\u{0}\u{ffff}" + CLOSE;
        assert!(parse(&garbage).is_err());
    }

    #[test]
    fn an_empty_table_has_no_rows() {
        let parsed = parse(&format!("{OPEN}{{\"data\": {{}}}}{CLOSE}")).unwrap();
        assert_eq!((parsed.table.rows.len(), parsed.anomalies.len()), (0, 0));
        assert_eq!(parsed.table.title, "");
    }
}
