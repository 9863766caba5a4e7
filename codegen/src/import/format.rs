//! The published forms `import` reads, each built on the readers of this module's
//! siblings: the form's name, what it says on `--help`, and how a page in that form
//! becomes a [`Page`].

use super::page::{Page, PageRow, PageTable};
use super::readme_block::Anomaly;
use super::{DocRow, front_matter, markdown, pipe_table, readme_block, status_list};
use crate::schema::{Location, Wire};

/// A published form of a documentation page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// DataForSEO's errors page: its markdown tables and the endpoint's JSON list.
    Dataforseo,
    /// Only the JSON list of DataForSEO's errors endpoint (a page's or a saved
    /// response).
    DataforseoJson,
    /// Markdown pipe tables with a `Code` column.
    Markdown,
    /// A readme.io `[block:parameters]` table (Seven Bridges).
    ReadmeParameters,
    /// `HTTP | code | meaning` pipe tables (Serplify).
    PipeTable,
    /// An HTTP status catalogue: `NNN: Name` headings with descriptions.
    StatusList,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Dataforseo,
        Format::DataforseoJson,
        Format::Markdown,
        Format::ReadmeParameters,
        Format::PipeTable,
        Format::StatusList,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dataforseo => "dataforseo",
            Format::DataforseoJson => "dataforseo-json",
            Format::Markdown => "markdown",
            Format::ReadmeParameters => "readme-parameters",
            Format::PipeTable => "pipe-table",
            Format::StatusList => "status-list",
        }
    }

    /// One line on what the format reads.
    pub fn about(self) -> &'static str {
        match self {
            Format::Dataforseo => {
                "DataForSEO's errors page: its markdown tables and the JSON list of its /v3/appendix/errors endpoint (what the API sends is the message; other table wording goes to also_documented)"
            }
            Format::DataforseoJson => {
                "the JSON list of DataForSEO's /v3/appendix/errors endpoint, from a page's fenced block or a saved response"
            }
            Format::Markdown => "markdown pipe tables with a Code column (and Message, Description, ...)",
            Format::ReadmeParameters => {
                "a readme.io [block:parameters] table, as on Seven Bridges' status code page"
            }
            Format::PipeTable => "`| HTTP | code | meaning |` pipe tables, as on Serplify's errors page",
            Format::StatusList => {
                "an HTTP status catalogue: `NNN: Name` headings with descriptions, and its summary table"
            }
        }
    }

    /// The format named `name`, or an error suggesting the nearest.
    pub fn parse(name: &str) -> Result<Format, String> {
        if let Some(format) = Format::ALL.iter().find(|f| f.name() == name) {
            return Ok(*format);
        }
        let names = Format::ALL.map(Format::name);
        let near = crate::validate::nearest(name, &names)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        let all = names.map(|n| format!("`{n}`")).join(", ");
        Err(format!("unknown format `{name}`{near} (expected one of {all})"))
    }

    /// Reads a page in this format; an error says what the page lacks.
    pub fn read(self, page: &str) -> Result<Page, String> {
        let mut read = match self {
            Format::Dataforseo => dataforseo(page)?,
            Format::DataforseoJson => page_of(vec![dataforseo_status(endpoint(page)?, None)]),
            Format::Markdown => page_of(markdown_tables(page)?),
            Format::ReadmeParameters => readme_parameters(page)?,
            Format::PipeTable => page_of(vec![pipe_table(page)?]),
            Format::StatusList => page_of(vec![status_catalogue(page)?]),
        };
        read.url = front_matter(page, "url");
        read.date = front_matter(page, "date");
        Ok(read)
    }
}

fn page_of(tables: Vec<PageTable>) -> Page {
    Page {
        tables,
        url: None,
        date: None,
        warnings: Vec::new(),
    }
}

/// Where a second row with the same code is, for `also_documented`.
fn second_row(_: &DocRow, _: usize) -> String {
    "a second table row with the same code".to_owned()
}

/// Every markdown code table; one whose codes are all HTTP statuses and whose title
/// says HTTP is an `http_status` table.
fn markdown_tables(page: &str) -> Result<Vec<PageTable>, String> {
    let tables: Vec<PageTable> = markdown::tables(page)
        .into_iter()
        .map(|t| {
            let mut table = PageTable::new(&t.title, t.rows, second_row);
            if table.all_http_statuses() && table.title.to_lowercase().contains("http") {
                table.wire = Some(Wire::new(Location::HttpStatus, None));
            }
            table
        })
        .collect();
    if tables.is_empty() {
        return Err("no markdown table with a `Code` column".to_owned());
    }
    Ok(tables)
}

/// The endpoint's list: from a saved response (the file is the JSON), else from the
/// page's fenced response.
fn endpoint(page: &str) -> Result<Vec<DocRow>, String> {
    if page.trim_start().starts_with('{') {
        return markdown::dataforseo_endpoint_json(&format!("```\n{page}\n```"));
    }
    markdown::dataforseo_endpoint_json(page)
}

/// DataForSEO's status table: the endpoint's codes and texts (what the API sends),
/// with the page table's rows merged in (its wording, where it differs, as another
/// text).
fn dataforseo_status(endpoint: Vec<DocRow>, table: Option<PageTable>) -> PageTable {
    let mut status = PageTable::new("Internal status codes", endpoint, second_row);
    if let Some(table) = table {
        status.union(table.rows, |have, row| {
            have.also(&row.row.message, "errors page table");
            have.row.description = row.row.description.or(have.row.description.take());
            have.row.category = row.row.category.or(have.row.category.take());
        });
    }
    status.id = Some("status".to_owned());
    let mut w = Wire::new(Location::JsonBody, Some("status_code"));
    w.message_field = Some("status_message".to_owned());
    w.http_status = Some(200);
    w.items = Some("tasks".to_owned());
    status.wire = Some(w);
    status
}

fn dataforseo(page: &str) -> Result<Page, String> {
    if page.trim_start().starts_with('{') {
        return Ok(page_of(vec![dataforseo_status(endpoint(page)?, None)]));
    }
    let (mut http, mut others): (Vec<PageTable>, Vec<PageTable>) = markdown_tables(page)
        .unwrap_or_default()
        .into_iter()
        .partition(|t| t.wire.is_some());
    let mut warnings = Vec::new();
    let status_table = (!others.is_empty()).then(|| others.remove(0));
    let status = match (endpoint(page), status_table) {
        (Ok(rows), table) => dataforseo_status(rows, table),
        (Err(e), Some(table)) => {
            warnings.push(format!(
                "the endpoint's list was not read ({e}); the table alone is imported"
            ));
            dataforseo_status(Vec::new(), Some(table))
        }
        (Err(e), None) if http.is_empty() => return Err(format!("no status table and {e}")),
        (Err(e), None) => {
            warnings.push(format!("no status table: {e}"));
            return Ok(Page {
                warnings,
                ..page_of(http)
            });
        }
    };
    if let Some(first) = http.first_mut() {
        first.id = Some("http".to_owned());
    }
    let mut tables = http;
    tables.push(status);
    tables.extend(others);
    Ok(Page {
        warnings,
        ..page_of(tables)
    })
}

/// The parameters table; a code on a second row keeps that row's text as another
/// text, and every oddity is a warning.
fn readme_parameters(page: &str) -> Result<Page, String> {
    let parsed = readme_block::parse(page)?;
    let rows = parsed.table.rows;
    let seconds: Vec<(String, usize)> = parsed
        .anomalies
        .iter()
        .filter_map(|a| match a {
            Anomaly::DuplicateCode { code, rows } => Some(rows.iter().skip(1).map(|r| (code.clone(), *r))),
            _ => None,
        })
        .flatten()
        .collect();
    let codes: Vec<String> = rows.iter().map(DocRow::code_text).collect();
    let source = |row: &DocRow, index: usize| {
        let code = row.code_text();
        let nth = codes.iter().take(index).filter(|c| **c == code).count();
        let number = seconds
            .iter()
            .filter(|(c, _)| *c == code)
            .nth(nth.saturating_sub(1));
        match number {
            Some((_, n)) => format!("table row {n}, a second row displayed as code {code}"),
            None => second_row(row, index),
        }
    };
    let title = if parsed.table.title.is_empty() {
        "Codes"
    } else {
        &parsed.table.title
    };
    let table = PageTable::new(title, rows, source);
    Ok(Page {
        warnings: parsed.anomalies.iter().map(ToString::to_string).collect(),
        ..page_of(vec![table])
    })
}

/// The `HTTP | code | meaning` table; its code header (`error.code`) is where the
/// code travels in a JSON body.
fn pipe_table(page: &str) -> Result<PageTable, String> {
    let parsed = pipe_table::parse(page)?;
    let mut table = PageTable::new(&parsed.title, parsed.rows, second_row);
    let header = pipe_table::code_header(page).unwrap_or_default();
    let dotted = !header.is_empty()
        && header
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if dotted {
        table.id = Some(header.replace('.', "_").to_lowercase());
        table.wire = Some(Wire::new(Location::JsonBody, Some(&header)));
    }
    Ok(table)
}

/// The catalogue's summary rows (the summary's names are the messages) and its
/// `NNN: Name` headings (descriptions; a heading's name, where it differs, as another
/// text; a code only in the headings takes its name). Categories are the summary's
/// classes (`4xx Client Error`), else the heading's (`4XX: Client Error`).
fn status_catalogue(page: &str) -> Result<PageTable, String> {
    let summary = status_list::summary(page)?;
    let described = status_list::descriptions(page);
    let class_of = |code: String| {
        let digit = code.chars().next();
        summary
            .iter()
            .find(|c| c.class.chars().next() == digit)
            .map(|c| format!("{} {}", c.class, c.name))
    };
    let rows: Vec<DocRow> = summary.iter().flat_map(|c| c.rows.clone()).collect();
    let headings: Vec<PageRow> = described
        .iter()
        .flat_map(|c| c.rows.clone())
        .map(|mut row| {
            row.category = class_of(row.code_text()).or(row.category);
            PageRow::new(row)
        })
        .collect();
    if rows.is_empty() && headings.is_empty() {
        return Err("no `NNN: Name` headings and no summary table of HTTP statuses".to_owned());
    }
    let mut table = PageTable::new("HTTP status codes", rows, second_row);
    table.union(headings, |have, row| {
        have.also(&row.row.message, "Error Descriptions heading");
        have.row.description = row.row.description.or(have.row.description.take());
    });
    table.id = Some("status".to_owned());
    table.wire = Some(Wire::new(Location::HttpStatus, None));
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::RawCode;

    #[test]
    fn names_round_trip_and_typos_get_a_suggestion() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Ok(format));
        }
        let err = Format::parse("markdwn").unwrap_err();
        assert!(err.contains("did you mean `markdown`?"), "{err}");
        assert!(err.contains("`status-list`"), "{err}");
    }

    #[test]
    fn dataforseo_merges_the_table_into_the_endpoint_list() {
        let page = "**HTTP response codes:**\n\n| Code | Message | Description |\n|---|---|---|\n\
            | `401` | Unauthorized | *who?* |\n\n**Internal:**\n\n| Code | Message | Description |\n|---|---|---|\n\
            | `20000` | Ok. | fine |\n| `40101` | Internal SE server error. | engine |\n| `40102` | Only here. | x |\n\n\
            ```\n{\"tasks\": [{\"result\": [{\"code\": 20000, \"message\": \"Ok.\"}, {\"code\": 40101, \"message\": \"Internal SE Server Error.\"}]}]}\n```\n";
        let read = Format::Dataforseo.read(page).unwrap();
        let ids: Vec<_> = read
            .tables
            .iter()
            .map(|t| t.id.clone().unwrap_or_default())
            .collect();
        assert_eq!(ids, ["http", "status"]);
        let status = &read.tables[1];
        let got: Vec<_> = status
            .rows
            .iter()
            .map(|r| {
                (
                    r.row.code.clone(),
                    r.row.message.as_str(),
                    r.also_documented.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (RawCode::Int(20000), "Ok.", 0),
                (RawCode::Int(40101), "Internal SE Server Error.", 1),
                (RawCode::Int(40102), "Only here.", 0)
            ]
        );
        assert_eq!(status.rows[1].row.description.as_deref(), Some("engine"));
        assert_eq!(status.rows[1].also_documented[0].source, "errors page table");
    }

    #[test]
    fn pages_in_the_wrong_form_are_errors() {
        for format in Format::ALL {
            assert!(format.read("just some text").is_err(), "{}", format.name());
        }
    }
}
