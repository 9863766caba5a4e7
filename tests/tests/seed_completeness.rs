//! The schemas against the documentation pages they were transcribed from.
//!
//! Every code a seed page documents must be in the right table with the page's text,
//! character for character, as its `message` or one of its `also_documented` texts;
//! descriptions, categories and HTTP statuses must match where both give one; every
//! entry must be on the page; and what the page gets wrong must be in `errata`. A
//! dropped row or a retyped message fails here with every mismatch listed at once.
//!
//! The pages are read with `provider_errors_codegen::import`, the readers the `import`
//! command uses, and each is told apart by its content, not its file name. Without the
//! seed directory (a checkout outside the development machine) only the entry counts
//! are checked.

use provider_errors_codegen::import::readme_block::Anomaly;
use provider_errors_codegen::import::{
    DocRow, DocTable, front_matter, markdown, pipe_table, readme_block, status_list,
};
use provider_errors_codegen::model::{Catalog, Code, Entry, Table};
use provider_errors_codegen::schema::RawCode;
use std::collections::BTreeSet;
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");

fn catalog() -> Catalog {
    provider_errors_codegen::load(&[SCHEMAS]).unwrap_or_else(|e| panic!("{e}"))
}

fn table<'a>(catalog: &'a Catalog, provider: &str, table: &str) -> &'a Table {
    let provider = catalog
        .provider(provider)
        .unwrap_or_else(|| panic!("no provider {provider}"));
    provider
        .table(table)
        .unwrap_or_else(|| panic!("no table {}/{table}", provider.id))
}

/// Which provider a seed page documents, from what the page says.
fn identify(page: &str) -> Option<&'static str> {
    let first = page.lines().next().unwrap_or_default().trim();
    let url = front_matter(page, "url").unwrap_or_default();
    let title = front_matter(page, "title").unwrap_or_default();
    if url.starts_with("https://docs.dataforseo.com/") {
        Some("dataforseo")
    } else if first == "Errors"
        && page.contains("| HTTP | error.code | Meaning |")
        && page.contains("Serplify")
    {
        Some("serplify")
    } else if title == "API status codes" && page.contains("[block:parameters]") {
        Some("seven_bridges")
    } else if first == "Error Codes" && page.lines().any(|l| l == "Error Descriptions") {
        Some("http")
    } else if first == "Status and Error Codes" && page.contains("SerpApi") {
        Some("serpapi")
    } else {
        None
    }
}

/// The one seed page of `provider`; `None`, with a note, when there are no seeds.
fn seed(provider: &str) -> Option<String> {
    let dir = Path::new(SEEDS);
    if !dir.is_dir() {
        println!("seed completeness check for {provider} skipped: no seed pages at {SEEDS}");
        return None;
    }
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{SEEDS}: {e}"))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{SEEDS}: {e}")).path())
        .filter(|path| path.is_file())
        .map(|path| std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .filter(|page| identify(page) == Some(provider))
        .collect();
    assert_eq!(
        pages.len(),
        1,
        "expected exactly one seed page for {provider} in {SEEDS}"
    );
    pages.pop()
}

/// Every mismatch found, reported together at the end.
#[derive(Default)]
struct Report(Vec<String>);

impl Report {
    fn check(&mut self, ok: bool, problem: impl FnOnce() -> String) {
        if !ok {
            self.0.push(problem());
        }
    }

    fn finish(self) {
        let n = self.0.len();
        assert!(
            n == 0,
            "{n} mismatch(es) between the schemas and the seed pages:\n{}",
            self.0.join("\n")
        );
    }
}

fn code(raw: &RawCode) -> Code {
    match raw {
        RawCode::Int(n) => Code::Int(*n),
        RawCode::Str(s) => Code::Str(s.clone()),
    }
}

/// The texts the schema accepts for an entry: its message, then `also_documented`.
fn texts(entry: &Entry) -> Vec<&str> {
    let also = entry.also_documented.iter().map(|(message, _)| message.as_str());
    std::iter::once(entry.message.as_str()).chain(also).collect()
}

/// The entry a page row documents, reporting a code the table lacks.
fn entry_for<'t>(report: &mut Report, label: &str, table: &'t Table, row: &DocRow) -> Option<&'t Entry> {
    let entry = table.entry(&code(&row.code));
    report.check(entry.is_some(), || {
        format!("{label} {}: on the page, not in the schema", row.code_text())
    });
    entry
}

/// Checks a page row against its entry: text, and description, category and HTTP
/// status wherever the page gives them.
fn check_row(report: &mut Report, label: &str, table: &Table, row: &DocRow) {
    let Some(entry) = entry_for(report, label, table, row) else {
        return;
    };
    let at = format!("{label} {}", row.code_text());
    report.check(texts(entry).contains(&row.message.as_str()), || {
        format!("{at}: page says {:?}, schema has {:?}", row.message, texts(entry))
    });
    let fields = [
        ("description", row.description.clone(), entry.description.clone()),
        ("category", row.category.clone(), entry.category.clone()),
        (
            "http_status",
            row.http_status.map(|s| s.to_string()),
            entry.http_status.map(|s| s.to_string()),
        ),
    ];
    for (field, page, schema) in fields {
        report.check(page.is_none() || page == schema, || {
            let hint = first_difference(page.as_deref(), schema.as_deref());
            format!("{at}: page's {field} is {page:?}, schema has {schema:?}{hint}")
        });
    }
}

/// Where two long texts part, so a one-character slip is easy to see.
fn first_difference(page: Option<&str>, schema: Option<&str>) -> String {
    let (Some(page), Some(schema)) = (page, schema) else {
        return String::new();
    };
    let at = page
        .chars()
        .zip(schema.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let from = |text: &str| text.chars().skip(at).take(24).collect::<String>();
    format!(
        " (they part at character {at}: page {:?}, schema {:?})",
        from(page),
        from(schema)
    )
}

/// Every entry must be documented on the page, and entries with a description must be
/// described there.
fn check_covered<'r>(
    report: &mut Report,
    label: &str,
    table: &Table,
    rows: impl IntoIterator<Item = &'r DocRow>,
) {
    let rows: Vec<&DocRow> = rows.into_iter().collect();
    let listed: BTreeSet<Code> = rows.iter().map(|r| code(&r.code)).collect();
    let described: BTreeSet<Code> = rows
        .iter()
        .filter(|r| r.description.is_some())
        .map(|r| code(&r.code))
        .collect();
    for entry in &table.entries {
        report.check(listed.contains(&entry.code), || {
            format!("{label} {}: in the schema, not on the page", entry.code)
        });
        report.check(
            entry.description.is_none() || described.contains(&entry.code),
            || {
                format!(
                    "{label} {}: schema has a description the page does not give",
                    entry.code
                )
            },
        );
    }
}

fn titled<'a>(tables: &'a [DocTable], title: &str) -> &'a [DocRow] {
    let table = tables.iter().find(|t| t.title == title);
    &table
        .unwrap_or_else(|| panic!("no table titled {title:?} on the page"))
        .rows
}

/// Whether free text mentions `needle`, ignoring case (errata say "Row 134" or "row 60").
fn mentions(text: &[String], needle: &str) -> bool {
    text.iter()
        .any(|t| t.to_lowercase().contains(&needle.to_lowercase()))
}

#[test]
fn entry_counts() {
    let catalog = catalog();
    let expected: [(&str, &str, usize); 8] = [
        ("dataforseo", "http", 4),
        ("dataforseo", "status", 51),
        ("serplify", "error_code", 13),
        ("seven_bridges", "code", 130),
        ("http", "status", 63),
        ("serpapi", "http", 9),
        ("serpapi", "search_status", 4),
        ("serpapi", "error_message", 5),
    ];
    let counts: Vec<_> = expected
        .iter()
        .map(|&(p, t, _)| (p, t, table(&catalog, p, t).entries.len()))
        .collect();
    assert_eq!(counts, expected);
    assert_eq!(catalog.providers.len(), 5, "a provider without a seed check");
}

#[test]
fn dataforseo() {
    let Some(page) = seed("dataforseo") else { return };
    let catalog = catalog();
    let (http, status) = (
        table(&catalog, "dataforseo", "http"),
        table(&catalog, "dataforseo", "status"),
    );
    let tables = markdown::tables(&page);
    let http_rows = titled(&tables, "HTTP response codes:");
    let table_rows = titled(&tables, "Internal status codes and messages:");
    let endpoint = markdown::dataforseo_endpoint_json(&page).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (http_rows.len(), table_rows.len(), endpoint.len()),
        (4, 48, 51),
        "rows read from the page"
    );

    let mut report = Report::default();
    http_rows
        .iter()
        .for_each(|row| check_row(&mut report, "dataforseo/http", http, row));
    table_rows
        .iter()
        .for_each(|row| check_row(&mut report, "dataforseo/status", status, row));
    for row in &endpoint {
        let Some(entry) = entry_for(&mut report, "dataforseo/status (endpoint)", status, row) else {
            continue;
        };
        // The schema keeps what the API sends as `message`; the table's wording goes
        // to `also_documented`.
        report.check(row.message == entry.message, || {
            format!(
                "dataforseo/status {}: endpoint sends {:?}, schema has {:?}",
                entry.code, row.message, entry.message
            )
        });
        check_recorded_difference(&mut report, status, entry, table_rows);
    }
    check_covered(&mut report, "dataforseo/http", http, http_rows);
    check_covered(
        &mut report,
        "dataforseo/status",
        status,
        table_rows.iter().chain(&endpoint),
    );
    report.finish();
}

/// Where the table and the endpoint disagree about a code (or the table lacks it), the
/// table's errata name the code, and a wording difference is in the entry's errata.
fn check_recorded_difference(report: &mut Report, status: &Table, entry: &Entry, table_rows: &[DocRow]) {
    let in_table = table_rows.iter().find(|r| code(&r.code) == entry.code);
    let differs = in_table.is_none_or(|r| r.message != entry.message);
    report.check(
        !differs || mentions(&status.errata, &entry.code.to_string()),
        || {
            format!(
                "dataforseo/status {}: table and endpoint disagree, table errata do not name it",
                entry.code
            )
        },
    );
    report.check(
        in_table.is_none_or(|r| r.message == entry.message) || !entry.errata.is_empty(),
        || {
            format!(
                "dataforseo/status {}: table and endpoint word it differently, entry has no errata",
                entry.code
            )
        },
    );
}

#[test]
fn serplify() {
    let Some(page) = seed("serplify") else { return };
    let catalog = catalog();
    let codes = table(&catalog, "serplify", "error_code");
    let rows = pipe_table::parse(&page).unwrap_or_else(|e| panic!("{e}")).rows;
    assert_eq!(rows.len(), 13, "rows read from the page");

    let mut report = Report::default();
    rows.iter()
        .for_each(|row| check_row(&mut report, "serplify/error_code", codes, row));
    check_covered(&mut report, "serplify/error_code", codes, &rows);
    // The example bodies' `error.message` wording must be kept too.
    let examples = example_bodies(&page);
    assert_eq!(examples.len(), 2, "example error bodies on the page");
    for (code_text, message) in examples {
        let row = DocRow::new(RawCode::Str(code_text), message);
        check_row(&mut report, "serplify/error_code (example body)", codes, &row);
    }
    report.finish();
}

/// `(error.code, error.message)` of each example body: the first `"message"` after
/// each `"code"`.
fn example_bodies(page: &str) -> Vec<(String, String)> {
    let messages = json_strings(page, "message");
    let message_after = |at: usize| {
        messages
            .iter()
            .find(|(m, _)| *m > at)
            .map(|(_, text)| text.clone())
    };
    json_strings(page, "code")
        .into_iter()
        .map(|(at, code)| (code, message_after(at).unwrap_or_default()))
        .collect()
}

/// Every `"key": "value"` on the page: the value's offset and its decoded text.
fn json_strings(page: &str, key: &str) -> Vec<(usize, String)> {
    let pattern = format!("\"{key}\": \"");
    let mut found = Vec::new();
    for (at, _) in page.match_indices(&pattern) {
        let start = at + pattern.len() - 1;
        let rest = &page[start..];
        let end = rest
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c == '"' && !rest[..i].ends_with('\\'));
        let literal = &rest[..=end.map_or(0, |(i, _)| i)];
        let text = serde_json::from_str(literal).unwrap_or_else(|e| panic!("{literal}: {e}"));
        found.push((start, text));
    }
    found
}

#[test]
fn seven_bridges() {
    let Some(page) = seed("seven_bridges") else { return };
    let catalog = catalog();
    let codes = table(&catalog, "seven_bridges", "code");
    let parsed = readme_block::parse(&page).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed.table.rows.len(),
        131,
        "rows read from the page (one code is on two rows)"
    );
    assert_eq!(
        parsed.anomalies.len(),
        4,
        "oddities found on the page: {:?}",
        parsed.anomalies
    );

    let mut report = Report::default();
    parsed
        .table
        .rows
        .iter()
        .for_each(|row| check_row(&mut report, "seven_bridges/code", codes, row));
    check_covered(&mut report, "seven_bridges/code", codes, &parsed.table.rows);
    for anomaly in &parsed.anomalies {
        check_anomaly_recorded(&mut report, codes, anomaly);
    }
    report.finish();
}

/// What the page gets wrong is in the errata: a displayed code that is not its
/// anchor's, a code on two rows (the entry's), a row without a code (the table's).
fn check_anomaly_recorded(report: &mut Report, codes: &Table, anomaly: &Anomaly) {
    let entry_errata = |displayed: &str| {
        let entry = displayed.parse().ok().and_then(|n| codes.entry(&Code::Int(n)));
        entry.map(|e| e.errata.clone()).unwrap_or_default()
    };
    let recorded = match anomaly {
        Anomaly::AnchorMismatch {
            row,
            anchor,
            displayed,
        } => {
            let errata = entry_errata(displayed);
            mentions(&errata, &format!("row {row}")) && mentions(&errata, anchor)
        }
        Anomaly::DuplicateCode { code, rows } => {
            let errata = entry_errata(code);
            rows.iter().all(|row| mentions(&errata, &format!("row {row}")))
        }
        Anomaly::NoCode { row, .. } => mentions(&codes.errata, &format!("row {row}")),
        Anomaly::NoMessage { .. } | Anomaly::StrayCell { .. } => false,
    };
    report.check(recorded, || {
        format!("seven_bridges/code: {anomaly}, not recorded in errata")
    });
}

#[test]
fn http() {
    let Some(page) = seed("http") else { return };
    let catalog = catalog();
    let status = table(&catalog, "http", "status");
    let summary = status_list::summary(&page).unwrap_or_else(|e| panic!("{e}"));
    let described = status_list::descriptions(&page);
    let summary_rows: Vec<DocRow> = summary.iter().flat_map(|c| c.rows.clone()).collect();
    // The schema's category is the summary's class; the headings' classes are
    // spelled differently ("4XX: Client Error"), so they are not compared.
    let heading_rows: Vec<DocRow> = described
        .iter()
        .flat_map(|c| c.rows.clone())
        .map(|row| DocRow {
            category: None,
            ..row
        })
        .collect();
    assert_eq!(
        (summary_rows.len(), heading_rows.len()),
        (62, 38),
        "rows read from the page"
    );
    assert_eq!(summary.len(), 5, "summary classes");
    assert_eq!(
        described.iter().filter(|c| !c.class.is_empty()).count(),
        5,
        "description classes"
    );

    let mut report = Report::default();
    summary_rows
        .iter()
        .for_each(|row| check_row(&mut report, "http/status (summary)", status, row));
    heading_rows
        .iter()
        .for_each(|row| check_row(&mut report, "http/status (heading)", status, row));
    check_covered(
        &mut report,
        "http/status",
        status,
        summary_rows.iter().chain(&heading_rows),
    );
    for row in &summary_rows {
        let entry = status.entry(&code(&row.code));
        report.check(entry.is_none_or(|e| e.message == row.message), || {
            format!(
                "http/status {}: the summary's name {:?} is not the message",
                row.code_text(),
                row.message
            )
        });
    }
    // The classes' own paragraphs are kept as table notes.
    for text in summary.iter().chain(&described).flat_map(|c| &c.text) {
        report.check(status.notes.iter().any(|n| n.ends_with(text.as_str())), || {
            format!("http/status: class text {text:?} is not in the table's notes")
        });
    }
    report.finish();
}

#[test]
fn serpapi() {
    let Some(page) = seed("serpapi") else { return };
    let catalog = catalog();
    let mut report = Report::default();
    check_serpapi_statuses(&mut report, &page, table(&catalog, "serpapi", "http"));
    check_serpapi_search_statuses(&mut report, &page, table(&catalog, "serpapi", "search_status"));
    check_serpapi_errors(&mut report, &page, table(&catalog, "serpapi", "error_message"));
    for status in serpapi_examples(&page)
        .into_iter()
        .filter_map(|example| example.status)
    {
        let code = Code::Str(status);
        report.check(
            table(&catalog, "serpapi", "search_status").entry(&code).is_some(),
            || format!("serpapi/search_status {code}: in an example, not in the schema"),
        );
    }
    report.finish();
}

/// The non-blank lines after the line `heading`, up to the next blank line.
fn lines_after<'p>(page: &'p str, heading: &str) -> Vec<&'p str> {
    let mut lines = page.lines().skip_while(|l| *l != heading).skip(1);
    let block: Vec<&str> = lines.by_ref().take_while(|l| !l.trim().is_empty()).collect();
    assert!(!block.is_empty(), "no lines after {heading:?} on the page");
    block
}

/// `NNN Name Description` (or `500, 503 Name Description`) lines: each code is in
/// the table and the line is exactly code, message and description.
fn check_serpapi_statuses(report: &mut Report, page: &str, http: &Table) {
    let mut listed = BTreeSet::new();
    for line in lines_after(page, "HTTP Status Codes") {
        let split = line.find(|c: char| c.is_alphabetic()).unwrap_or(line.len());
        let (codes, rest) = line.split_at(split);
        for text in codes.split(',').map(str::trim) {
            let code = Code::Int(text.parse().unwrap_or_else(|e| panic!("{line:?}: {e}")));
            let entry = http.entry(&code);
            let expected =
                entry.map(|e| format!("{} {}", e.message, e.description.clone().unwrap_or_default()));
            report.check(expected.as_deref() == Some(rest), || {
                let hint = first_difference(Some(rest), expected.as_deref());
                format!("serpapi/http {code}: page says {rest:?}, schema has {expected:?}{hint}")
            });
            listed.insert(code);
        }
    }
    assert_eq!(listed.len(), 9, "status codes read from the page");
    check_listed(report, "serpapi/http", http, &listed);
}

fn check_listed(report: &mut Report, label: &str, table: &Table, listed: &BTreeSet<Code>) {
    for entry in &table.entries {
        report.check(listed.contains(&entry.code), || {
            format!("{label} {}: in the schema, not on the page", entry.code)
        });
    }
}

/// `Status Description` lines after the `Search Status Description` header.
fn check_serpapi_search_statuses(report: &mut Report, page: &str, statuses: &Table) {
    let mut listed = BTreeSet::new();
    for line in lines_after(page, "Search Status Description") {
        let (status, description) = line.split_once(' ').unwrap_or((line, ""));
        let code = Code::Str(status.to_owned());
        let entry = statuses.entry(&code);
        report.check(entry.is_some_and(|e| e.message == status), || {
            format!("serpapi/search_status {code}: not in the schema with that message")
        });
        let schema = entry.and_then(|e| e.description.as_deref());
        report.check(schema.is_none_or(|s| s == description), || {
            format!("serpapi/search_status {code}: page says {description:?}, schema has {schema:?}")
        });
        listed.insert(code);
    }
    assert_eq!(listed.len(), 4, "search statuses read from the page");
    check_listed(report, "serpapi/search_status", statuses, &listed);
}

/// Every `"error"` text of the JSON examples (not the structure overviews' placeholder)
/// is a code of `error_message`, with the example's HTTP status and heading.
fn check_serpapi_errors(report: &mut Report, page: &str, errors: &Table) {
    let mut listed = BTreeSet::new();
    for example in serpapi_examples(page) {
        let Some(error) = example.error else { continue };
        let code = Code::Str(error.clone());
        let entry = errors.entry(&code);
        report.check(entry.is_some_and(|e| e.message == error), || {
            format!("serpapi/error_message {code}: not in the schema with that message")
        });
        report.check(entry.is_none_or(|e| e.http_status == example.http_status), || {
            format!(
                "serpapi/error_message {code}: the example arrives with HTTP {:?}",
                example.http_status
            )
        });
        let description = entry.and_then(|e| e.description.as_deref()).unwrap_or_default();
        report.check(entry.is_none() || description.contains(&example.heading), || {
            format!(
                "serpapi/error_message {code}: description {description:?} lacks the example's heading {:?}",
                example.heading
            )
        });
        listed.insert(code);
    }
    assert_eq!(listed.len(), 5, "error texts read from the page's examples");
    check_listed(report, "serpapi/error_message", errors, &listed);
}

/// One of SerpApi's JSON examples.
struct Example {
    heading: String,
    http_status: Option<u16>,
    error: Option<String>,
    status: Option<String>,
}

/// The page's examples: a heading, `HTTP Status: NNN (...)`, then `JSON Example` and
/// the JSON (which is not always valid, so its strings are read one by one).
fn serpapi_examples(page: &str) -> Vec<Example> {
    let lines: Vec<&str> = page.lines().collect();
    let mut examples = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(status) = line.strip_prefix("HTTP Status: ") else {
            continue;
        };
        let heading = lines[..at]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(&"");
        let json: String = lines[at..]
            .iter()
            .skip_while(|l| **l != "JSON Example")
            .skip(1)
            .take_while(|l| !l.starts_with("HTTP Status: "))
            .map(|l| format!("{l}\n"))
            .collect();
        let json = json.split("\n}").next().unwrap_or_default();
        examples.push(Example {
            heading: heading.to_string(),
            http_status: status.get(..3).and_then(|s| s.parse().ok()),
            error: json_strings(json, "error").pop().map(|(_, text)| text),
            status: json_strings(json, "status").pop().map(|(_, text)| text),
        });
    }
    examples
}
