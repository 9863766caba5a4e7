//! Markdown pipe tables: a header row, a `|---|` separator row, then one row per line,
//! as on DataForSEO's errors page. Also the JSON response that page shows in a fenced
//! block, which lists the codes the errors endpoint returns.
//!
//! Columns are found by their header (`Code`, `Message`, `Description`, and the
//! `Name`/`Meaning`, `HTTP`/`Status`, `Category`/`Group` variants), so tables without a
//! code column (a response-field table, say) are not code tables and are left out.

use super::{DocRow, DocTable, http_status, is_separator_cell, parse_code, strip_bold};
use crate::schema::RawCode;
use serde_json::Value;

/// Every code table on the page, each titled by the line before its header (bold
/// markers removed): `**HTTP response codes:**` gives `HTTP response codes:`.
///
/// Cells keep their text exactly, inner runs of spaces included; only the space around
/// the pipes, the backticks around a whole code cell and the `*` italics around a whole
/// cell are removed. A table without a `Message` column takes its text from the
/// `Description` column. Rows with an empty code cell are skipped; rows with too few
/// cells get an empty message and no description.
pub fn tables(page: &str) -> Vec<DocTable> {
    let lines: Vec<&str> = page.lines().collect();
    let mut found = Vec::new();
    let mut next = 0;
    for header in 0..lines.len() {
        if header < next || !starts_table(&lines, header) {
            continue;
        }
        let body: Vec<&str> = lines
            .iter()
            .skip(header + 2)
            .take_while(|l| is_row(l))
            .copied()
            .collect();
        next = header + 2 + body.len();
        let header_cells = lines.get(header).map(|l| cells(l)).unwrap_or_default();
        if let Some(columns) = Columns::from_header(&header_cells) {
            let title = title_before(lines.get(..header).unwrap_or_default());
            let rows = body.iter().filter_map(|l| columns.row(l)).collect();
            found.push(DocTable { title, rows });
        }
    }
    found
}

/// Whether a table's header row is at `index`: a pipe row followed by a separator.
fn starts_table(lines: &[&str], index: usize) -> bool {
    lines.get(index).is_some_and(|l| is_row(l)) && lines.get(index + 1).is_some_and(|l| is_separator(l))
}

fn is_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// `|---|:--:|` and the like: every cell dashes with optional alignment colons.
fn is_separator(line: &str) -> bool {
    is_row(line) && cells(line).iter().all(|c| is_separator_cell(c))
}

/// The cells of a pipe row, each trimmed of the space around its pipes.
fn cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').map(str::trim).collect()
}

/// The last non-blank line before a table, without bold markers.
fn title_before(lines: &[&str]) -> String {
    let line = lines.iter().rev().map(|l| l.trim()).find(|l| !l.is_empty());
    line.map(|l| strip_bold(l).to_owned()).unwrap_or_default()
}

/// `*text*` without its markers; bold (`**text**`) and anything else unchanged.
fn strip_italics(cell: &str) -> &str {
    if cell.starts_with("**") {
        return cell;
    }
    cell.strip_prefix('*')
        .and_then(|c| c.strip_suffix('*'))
        .unwrap_or(cell)
}

/// `` `text` `` without its backticks, when they enclose the whole cell.
fn strip_code_ticks(cell: &str) -> &str {
    cell.strip_prefix('`')
        .and_then(|c| c.strip_suffix('`'))
        .filter(|inner| !inner.contains('`'))
        .unwrap_or(cell)
}

/// Which cell of a row holds what.
struct Columns {
    code: usize,
    message: Option<usize>,
    description: Option<usize>,
    category: Option<usize>,
    http_status: Option<usize>,
}

impl Columns {
    /// The columns named by a header row; `None` when it has no code column.
    fn from_header(header: &[&str]) -> Option<Columns> {
        let find = |names: &[&str]| {
            header.iter().position(|h| {
                let h = strip_italics(strip_bold(h)).to_lowercase();
                names.contains(&h.as_str())
            })
        };
        let message = find(&["message", "name", "meaning", "status message"]);
        let description = find(&["description", "notes"]);
        Some(Columns {
            code: find(&["code", "error code", "error.code", "status code"])?,
            // Without a message column the description is the row's text.
            message: message.or(description),
            description: message.and(description),
            category: find(&["category", "group"]),
            http_status: find(&["http", "http status", "status"]),
        })
    }

    /// The row of a table line; `None` when its code cell is empty or missing.
    fn row(&self, line: &str) -> Option<DocRow> {
        let cells = cells(line);
        let cell = |index: Option<usize>| index.and_then(|i| cells.get(i)).map(|c| strip_italics(c));
        let code = cell(Some(self.code))
            .map(strip_code_ticks)
            .filter(|c| !c.is_empty())?;
        Some(DocRow {
            code: parse_code(code),
            message: cell(self.message).unwrap_or_default().to_owned(),
            description: cell(self.description)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            category: cell(self.category).filter(|c| !c.is_empty()).map(str::to_owned),
            http_status: cell(self.http_status).and_then(http_status),
        })
    }
}

/// The codes in the errors endpoint's example response on a DataForSEO page: the first
/// fenced block that is a JSON object with a `tasks` array, read as
/// `tasks[].result[] {code, message}`.
///
/// Elements without an integer or string `code` and a string `message` are skipped.
/// An unclosed fence runs to the end of the page, so a truncated page reports its
/// JSON error rather than "not found".
pub fn dataforseo_endpoint_json(page: &str) -> Result<Vec<DocRow>, String> {
    let mut json_error = None;
    for block in fenced_blocks(page) {
        match serde_json::from_str::<Value>(&block) {
            Ok(value) => {
                if let Some(tasks) = value.get("tasks").and_then(Value::as_array) {
                    return Ok(tasks.iter().flat_map(task_results).collect());
                }
            }
            Err(e) if block.trim_start().starts_with('{') => {
                json_error.get_or_insert_with(|| format!("the fenced JSON response is not valid JSON: {e}"));
            }
            Err(_) => {}
        }
    }
    Err(json_error.unwrap_or_else(|| "no fenced JSON response with a `tasks` array".to_owned()))
}

/// The contents of every fenced (```` ``` ````) block, in page order.
fn fenced_blocks(page: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<Vec<&str>> = None;
    for line in page.lines() {
        let fence = line.trim_start().starts_with("```");
        match (&mut open, fence) {
            (None, true) => open = Some(Vec::new()),
            (Some(lines), true) => {
                blocks.push(lines.join("\n"));
                open = None;
            }
            (Some(lines), false) => lines.push(line),
            (None, false) => {}
        }
    }
    blocks.extend(open.map(|lines| lines.join("\n")));
    blocks
}

/// The rows of one task's `result` array.
fn task_results(task: &Value) -> Vec<DocRow> {
    let results = task.get("result").and_then(Value::as_array);
    results.into_iter().flatten().filter_map(result_row).collect()
}

fn result_row(result: &Value) -> Option<DocRow> {
    let code = match result.get("code")? {
        Value::Number(n) => RawCode::Int(
            n.as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))?,
        ),
        Value::String(s) => parse_code(s),
        _ => return None,
    };
    Some(DocRow::new(code, result.get("message")?.as_str()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "intro\n\n**Internal codes:**\n\n| Code | Message | Description |\n|---|---|---|\n\
        | `20000` | Ok. | the request has been   completed |\n\
        | `40101` | *Internal SE server error.* | *see `id`* |\n\
        | `40102` | No **bold** stripping* | x |\n\
        \nafter\n\n| Field name | Type | Description |\n|---|---|---|\n| `version` | string | *v* |\n";

    #[test]
    fn reads_code_tables_with_their_titles() {
        let tables = tables(PAGE);
        assert_eq!(tables.len(), 1, "the field table has no code column");
        let table = &tables[0];
        assert_eq!(table.title, "Internal codes:");
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0].code, RawCode::Int(20000));
        assert_eq!(table.rows[0].message, "Ok.");
        assert_eq!(
            table.rows[0].description.as_deref(),
            Some("the request has been   completed")
        );
        assert_eq!(table.rows[1].message, "Internal SE server error.");
        assert_eq!(table.rows[1].description.as_deref(), Some("see `id`"));
        assert_eq!(table.rows[2].message, "No **bold** stripping*");
    }

    #[test]
    fn short_rows_and_empty_codes() {
        let page = "| Code | Message | Description |\n|---|---|---|\n| `1` | only |\n| `2` |\n|  | no code | x |\n| `3` | a | b | extra |\n";
        let rows = &tables(page)[0].rows;
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.code.clone(), r.message.as_str(), r.description.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (RawCode::Int(1), "only", None),
                (RawCode::Int(2), "", None),
                (RawCode::Int(3), "a", Some("b"))
            ]
        );
        assert_eq!(tables(page)[0].title, "");
    }

    #[test]
    fn other_column_names() {
        let page = "| HTTP | Code | Description |\n|:--|--:|---|\n| 402 | `budget` | Over budget. |\n";
        let row = &tables(page)[0].rows[0];
        assert_eq!(row.code, RawCode::Str("budget".into()));
        assert_eq!(
            (row.message.as_str(), row.description.as_deref()),
            ("Over budget.", None)
        );
        assert_eq!(row.http_status, Some(402));
    }

    #[test]
    fn not_tables() {
        assert!(tables("").is_empty());
        assert!(tables("| Code | Message |\n").is_empty(), "no separator");
        assert!(tables("|---|\n| Code |\n").is_empty());
        assert!(tables("| Code | Message |\n| --- | x |\n| 1 | a |\n").is_empty());
        let garbage =
            String::from_utf8_lossy(&[0xff, b'|', 0x00, b'\n', b'|', b'-', 0xfe, b'|', b'*']).into_owned();
        assert!(tables(&garbage).is_empty());
        let tiny = tables("|Code|Message|\n|-|-|\n|*|`|\n|`|*|\n|\n");
        let got: Vec<_> = tiny[0]
            .rows
            .iter()
            .map(|r| (r.code.clone(), r.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [(RawCode::Str("*".into()), "`"), (RawCode::Str("`".into()), "*")]
        );
    }

    const RESPONSE: &str = "```\ncurl x\n```\n\n```\n{\n \"status_code\": 20000,\n \"tasks\": [\n  {\"result\": [\n\
        {\"code\": 20000, \"message\": \"Ok.\"},\n {\"code\": \"x1\", \"message\": \"Str.\"},\n\
        {\"code\": 1.5, \"message\": \"float\"},\n {\"code\": 3},\n {\"message\": \"no code\"}, 7 ]},\n\
        {\"result\": null}, {\"result\": [{\"code\": 40000, \"message\": \"Second task.\"}]}\n ]\n}\n```\n";

    #[test]
    fn reads_the_endpoint_response() {
        let rows = dataforseo_endpoint_json(RESPONSE).unwrap();
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.code.clone(), r.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (RawCode::Int(20000), "Ok."),
                (RawCode::Str("x1".into()), "Str."),
                (RawCode::Int(40000), "Second task.")
            ]
        );
    }

    #[test]
    fn truncated_or_missing_response_is_an_error() {
        let cut = RESPONSE.get(..RESPONSE.len() / 2).unwrap();
        let err = dataforseo_endpoint_json(cut).unwrap_err();
        assert!(err.contains("not valid JSON"), "{err}");
        let err = dataforseo_endpoint_json("no fences here").unwrap_err();
        assert!(err.contains("no fenced JSON"), "{err}");
        assert!(dataforseo_endpoint_json("```\n[1, 2]\n```").is_err());
        assert!(dataforseo_endpoint_json("```").is_err());
        assert!(dataforseo_endpoint_json("```\n{\"tasks\": 5}\n```").is_err());
        let deep = format!("```\n{}\n```", "[".repeat(100_000));
        assert!(dataforseo_endpoint_json(&deep).is_err());
    }

    #[test]
    fn empty_tasks_give_no_rows() {
        assert_eq!(
            dataforseo_endpoint_json("```json\n{\"tasks\": []}\n```").unwrap(),
            []
        );
    }
}
