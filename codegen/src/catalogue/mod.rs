//! The catalogue: every provider's codes side by side with their canonical kind and
//! retry advice, as one page a person reads instead of the YAML.
//!
//! The page is built once as a small document (`Block`s of `Inline`s) and written
//! as Markdown ([`markdown`], committed as `schema/CATALOGUE.md`) or as a standalone
//! HTML page ([`html`]). It opens with the cross-provider matrices (which codes of
//! each table have each kind, and each retry advice), then lists every table's codes.

mod html;
mod markdown;

use crate::model::{Catalog, Entry, Kind, Provider, Retry, Table};

/// The command that regenerates the committed catalogue.
pub const REGENERATE: &str = "cargo run -p provider-errors-codegen --bin provider-errors -- catalogue schema --out schema/CATALOGUE.md";

/// The catalogue as Markdown (GitHub-flavoured tables).
pub fn markdown(catalog: &Catalog) -> String {
    markdown::render(&document(catalog))
}

/// The catalogue as a standalone HTML page.
pub fn html(catalog: &Catalog) -> String {
    html::render(&document(catalog))
}

/// A piece of the page.
#[derive(Debug, Clone)]
enum Block {
    /// A heading of level 1 to 3; its anchor is [`slug`] of its text.
    Heading(usize, String),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A table: header cells, then rows of cells.
    Table(Vec<String>, Vec<Vec<Vec<Inline>>>),
}

/// A run of text.
#[derive(Debug, Clone)]
enum Inline {
    /// Plain text.
    Text(String),
    /// A code (`40202`, `rate_limited`) or an identifier.
    Code(String),
    /// A link: its text and its target (a URL, or `#anchor`).
    Link(String, String),
    /// Emphasised text.
    Emphasis(String),
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Schema text, which is rustdoc Markdown: its `code` spans as code, the rest as
/// text (all of it as text when its backticks do not pair up).
fn rich(markdown: &str) -> Vec<Inline> {
    let parts: Vec<&str> = markdown.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![text(markdown)];
    }
    let inline = |(i, part): (usize, &&str)| {
        if i % 2 == 1 {
            Inline::Code((*part).to_owned())
        } else {
            text(*part)
        }
    };
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(inline)
        .collect()
}

/// The anchor of a heading, as GitHub makes it for ASCII text: lowercase, spaces to
/// hyphens, other punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn document(catalog: &Catalog) -> Vec<Block> {
    let tables: Vec<(&Provider, &Table)> = catalog
        .providers
        .iter()
        .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
        .collect();
    let mut blocks = intro(catalog, &tables);
    blocks.push(Block::Heading(2, "Canonical kinds across providers".to_owned()));
    blocks.push(Block::Paragraph(vec![text(
        "Which codes of each table have each canonical kind (the gRPC status codes). A code written as text is shown by its variant name.",
    )]));
    blocks.push(kind_matrix(&tables));
    blocks.push(Block::Heading(2, "Retry advice across providers".to_owned()));
    blocks.push(Block::Paragraph(vec![
        text("What a client should do about each code: the schema's "),
        Inline::Code("retry".to_owned()),
        text(", else the default of its kind."),
    ]));
    blocks.push(retry_matrix(&tables));
    for provider in &catalog.providers {
        blocks.extend(provider_section(provider));
    }
    blocks
}

fn intro(catalog: &Catalog, tables: &[(&Provider, &Table)]) -> Vec<Block> {
    let codes: usize = tables.iter().map(|(_, t)| t.entries.len()).sum();
    let summary = vec![
        text(format!(
            "{} providers, {} tables, {codes} codes. Generated from the schemas by ",
            catalog.providers.len(),
            tables.len()
        )),
        Inline::Code("provider-errors catalogue".to_owned()),
        text("; do not edit by hand, run "),
        Inline::Code(REGENERATE.to_owned()),
        text("."),
    ];
    let rows = tables
        .iter()
        .map(|(p, t)| {
            let source = p
                .source_url
                .as_ref()
                .map_or(text("(no address)"), |url| Inline::Link(url.clone(), url.clone()));
            vec![
                vec![text(&p.name)],
                vec![Inline::Link(
                    t.name.clone(),
                    format!("#{}", slug(&table_heading(p, t))),
                )],
                vec![text(t.entries.len().to_string())],
                vec![source],
                vec![text(&p.retrieved)],
            ]
        })
        .collect();
    let header = ["Provider", "Table", "Codes", "Source", "Retrieved"].map(str::to_owned);
    vec![
        Block::Heading(1, "Provider error codes".to_owned()),
        Block::Paragraph(summary),
        Block::Table(header.to_vec(), rows),
    ]
}

/// A matrix with one row per value of `key` and one column per table.
fn matrix<T: Copy>(
    tables: &[(&Provider, &Table)],
    first: &str,
    values: &[T],
    name: fn(T) -> &'static str,
    has: impl Fn(&Entry, T) -> bool,
) -> Block {
    let mut header = vec![first.to_owned()];
    header.extend(tables.iter().map(|(p, t)| table_heading(p, t)));
    let rows = values
        .iter()
        .map(|value| {
            let mut row = vec![vec![Inline::Code(name(*value).to_owned())]];
            row.extend(tables.iter().map(|(_, t)| codes_with(t, |e| has(e, *value))));
            row
        })
        .collect();
    Block::Table(header, rows)
}

fn kind_matrix(tables: &[(&Provider, &Table)]) -> Block {
    matrix(tables, "Kind", Kind::ALL, Kind::as_str, |e, k| e.kind == k)
}

fn retry_matrix(tables: &[(&Provider, &Table)]) -> Block {
    matrix(tables, "Retry", Retry::ALL, Retry::as_str, |e, r| e.retry == r)
}

/// The codes of a table that `keep` selects, comma-separated.
fn codes_with(table: &Table, keep: impl Fn(&Entry) -> bool) -> Vec<Inline> {
    let mut cell = Vec::new();
    for entry in table.entries.iter().filter(|e| keep(e)) {
        if !cell.is_empty() {
            cell.push(text(", "));
        }
        cell.push(Inline::Code(short_code(entry)));
    }
    cell
}

/// The code, or the variant name for a code that is free text.
fn short_code(entry: &Entry) -> String {
    match &entry.code {
        crate::model::Code::Str(s) if s.contains(char::is_whitespace) => entry.rust_name.clone(),
        code => code_text(code),
    }
}

fn code_text(code: &crate::model::Code) -> String {
    match code {
        crate::model::Code::Int(n) => n.to_string(),
        crate::model::Code::Str(s) => s.clone(),
    }
}

/// `Provider: Table`, or the provider's name alone when the table has the same.
fn table_heading(p: &Provider, t: &Table) -> String {
    if p.name.eq_ignore_ascii_case(&t.name) {
        p.name.clone()
    } else {
        format!("{}: {}", p.name, t.name)
    }
}

fn provider_section(p: &Provider) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, p.name.clone())];
    let mut about = vec![text("Provider id ")];
    about.push(Inline::Code(p.id.clone()));
    about.push(text(format!(", read {}", p.retrieved)));
    if let Some(url) = &p.source_url {
        about.push(text(" from "));
        about.push(Inline::Link(url.clone(), url.clone()));
    }
    about.push(text("."));
    blocks.push(Block::Paragraph(about));
    for t in &p.tables {
        blocks.push(Block::Heading(3, table_heading(p, t)));
        let mut about = vec![
            text("Generated as "),
            Inline::Code(format!("{}::{}", p.module, t.rust_name)),
        ];
        if let Some(description) = &t.description {
            about.push(text(": "));
            about.extend(rich(description));
        } else {
            about.push(text("."));
        }
        blocks.push(Block::Paragraph(about));
        blocks.push(code_table(t));
    }
    blocks
}

fn code_table(t: &Table) -> Block {
    let header = ["Code", "Variant", "Message", "Kind", "Retry", "Outcome", "HTTP"].map(str::to_owned);
    let rows = t
        .entries
        .iter()
        .map(|e| {
            let mut message = vec![text(&e.message)];
            if let Some(since) = &e.undocumented_since {
                message.push(Inline::Emphasis(format!(" (no longer documented since {since})")));
            }
            vec![
                vec![Inline::Code(code_text(&e.code))],
                vec![Inline::Code(e.rust_name.clone())],
                message,
                vec![text(e.kind.as_str())],
                vec![text(e.retry.as_str())],
                vec![text(e.outcome.as_str())],
                vec![text(e.http_status.map(|s| s.to_string()).unwrap_or_default())],
            ]
        })
        .collect();
    Block::Table(header.to_vec(), rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_github() {
        assert_eq!(
            slug("DataForSEO: HTTP response codes"),
            "dataforseo-http-response-codes"
        );
        assert_eq!(
            slug("Seven Bridges: API status codes"),
            "seven-bridges-api-status-codes"
        );
    }
}
