//! Merging a read page into a schema: what the page says is updated, what people
//! decided is kept.
//!
//! From the page: new codes (with `kind: unknown` and a note asking for review),
//! messages, descriptions, categories, HTTP statuses and other texts. Kept as they
//! are: `kind`, `retry`, `outcome`, `rust_name`, `notes`, `errata`, and every code the
//! page no longer lists, which gets `undocumented_since` instead of being deleted.
//! When a new message would change the variant name derived from it, the old name is
//! written down as `rust_name`, so the generated API does not change under its users.

pub use super::change::{Change, Report};
use super::page::{Page, PageRow, PageTable};
use crate::ident;
use crate::schema::{CodeType, Entry, Location, RawCode, SchemaFile, Table, Wire};
use std::collections::BTreeSet;

/// How to merge.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date the page was read (`YYYY-MM-DD`): the `retrieved` date, and the
    /// `undocumented_since` of codes gone from the page.
    pub date: String,
    /// The page's file name, quoted in the notes of what import adds.
    pub doc_name: String,
    /// The schema table a one-table page goes into; by default the table that shares
    /// the most codes with it, else the one of the same name or id, else a new table.
    pub table: Option<String>,
}

/// Merges `page` into `schema`.
///
/// Errors only when the page's tables cannot be placed (`--table` on a page of many
/// tables, or a page table that matches two schema tables equally).
pub fn merge(schema: &mut SchemaFile, page: &Page, opts: &Options) -> Result<Report, String> {
    let mut report = Report {
        warnings: page.warnings.clone(),
        ..Report::default()
    };
    for (index, rows) in group(schema, page, opts, &mut report)? {
        if let Some(table) = schema.tables.get_mut(index) {
            merge_table(table, rows, opts, &mut report);
        }
    }
    let changed = !report.changes.is_empty();
    let source = &mut schema.provider.source;
    match (&page.url, &source.url) {
        (Some(url), Some(have)) if url != have => report.warnings.push(format!(
            "the page's address {url} is not the schema's `source.url` {have}; kept {have}"
        )),
        (Some(url), None) => {
            source.url = Some(url.clone());
            report.changes.push(Change::Source {
                field: "url",
                old: None,
                new: url.clone(),
            });
        }
        _ => {}
    }
    if changed && source.retrieved != opts.date {
        report.changes.push(Change::Source {
            field: "retrieved",
            old: Some(source.retrieved.clone()),
            new: opts.date.clone(),
        });
        source.retrieved.clone_from(&opts.date);
    }
    Ok(report)
}

/// The rows going into each schema table (by index), page tables that go into the
/// same table put together; new tables are added to `schema`.
fn group(
    schema: &mut SchemaFile,
    page: &Page,
    opts: &Options,
    report: &mut Report,
) -> Result<Vec<(usize, Vec<PageRow>)>, String> {
    if opts.table.is_some() && page.tables.len() > 1 {
        let titles: Vec<&str> = page.tables.iter().map(|t| t.title.as_str()).collect();
        return Err(format!(
            "the page has {} tables ({}); `--table` applies to a page with one table",
            titles.len(),
            titles.join(", ")
        ));
    }
    let mut groups: Vec<(usize, PageTable)> = Vec::new();
    for table in &page.tables {
        let index = match target(&schema.tables, table, opts.table.as_deref())? {
            Some(index) => index,
            None => add_table(schema, table, opts, report),
        };
        match groups.iter_mut().find(|(i, _)| *i == index) {
            Some((_, rows)) => rows.union(table.rows.clone(), |have, row| {
                have.also(&row.row.message, "a second table on the page");
            }),
            None => groups.push((index, table.clone())),
        }
    }
    Ok(groups.into_iter().map(|(i, t)| (i, t.rows)).collect())
}

/// The schema table a page table goes into, `None` for a new one.
fn target(tables: &[Table], page: &PageTable, explicit: Option<&str>) -> Result<Option<usize>, String> {
    if let Some(id) = explicit {
        return Ok(tables.iter().position(|t| t.id == id));
    }
    let codes: BTreeSet<String> = page.rows.iter().map(|r| key(&r.row.code)).collect();
    let shared: Vec<usize> = tables
        .iter()
        .map(|t| t.entries.iter().filter(|e| codes.contains(&key(&e.code))).count())
        .collect();
    let best = shared.iter().copied().max().unwrap_or(0);
    let at_best: Vec<usize> = (0..tables.len()).filter(|&i| shared[i] == best).collect();
    match at_best.as_slice() {
        [one] if best > 0 => return Ok(Some(*one)),
        [_, _, ..] if best > 0 => {
            let ids: Vec<&str> = at_best.iter().map(|&i| tables[i].id.as_str()).collect();
            return Err(format!(
                "page table {:?} shares {best} codes with each of the tables {}; choose one with `--table`",
                page.title,
                ids.join(", ")
            ));
        }
        _ => {}
    }
    let title = simple(&page.title);
    let by_name = tables.iter().position(|t| simple(&t.name) == title);
    Ok(by_name.or_else(|| tables.iter().position(|t| Some(&t.id) == page.id.as_ref())))
}

/// Lowercase letters and digits only, to compare titles.
fn simple(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A code as text, so `401` on a page finds `"401"` in a string table.
fn key(code: &RawCode) -> String {
    match code {
        RawCode::Int(n) => n.to_string(),
        RawCode::Str(s) => s.clone(),
    }
}

/// Adds an empty table for a page table; returns its index.
fn add_table(schema: &mut SchemaFile, page: &PageTable, opts: &Options, report: &mut Report) -> usize {
    let id = unique_id(
        &schema.tables,
        opts.table.clone().or(page.id.clone()),
        &page.title,
    );
    let ints = page.rows.iter().all(|r| matches!(r.row.code, RawCode::Int(_)));
    let mut notes = Vec::new();
    if page.wire.is_none() {
        notes.push(format!(
            "Added by `provider-errors import` from {} on {}: the page does not say where the code travels, so `wire` is a guess; review it.",
            opts.doc_name, opts.date
        ));
    }
    let wire = page.wire.clone().unwrap_or_else(guessed_wire);
    let table = Table {
        id: id.clone(),
        name: if page.title.is_empty() {
            id.clone()
        } else {
            page.title.clone()
        },
        description: None,
        rust_name: None,
        code_type: if ints { CodeType::Integer } else { CodeType::String },
        rust_type: if ints { rust_type(page, &wire) } else { None },
        wire,
        notes,
        errata: Vec::new(),
        entries: Vec::new(),
    };
    report.changes.push(Change::TableAdded {
        table: id,
        wire_guessed: page.wire.is_none(),
    });
    schema.tables.push(table);
    schema.tables.len() - 1
}

fn guessed_wire() -> Wire {
    Wire {
        message_field: Some("message".to_owned()),
        ..Wire::new(Location::JsonBody, Some("code"))
    }
}

/// The smallest integer type that holds every code, when the default does not.
fn rust_type(page: &PageTable, wire: &Wire) -> Option<String> {
    let codes: Vec<i128> = page
        .rows
        .iter()
        .filter_map(|r| match r.row.code {
            RawCode::Int(n) => Some(n),
            RawCode::Str(_) => None,
        })
        .collect();
    let fits = |ty: crate::model::IntType| {
        let (min, max) = ty.range();
        codes.iter().all(|n| (min..=max).contains(n))
    };
    let default = if wire.location == Location::HttpStatus {
        crate::model::IntType::U16
    } else {
        crate::model::IntType::U32
    };
    if fits(default) {
        return None;
    }
    let types = crate::model::IntType::ALL;
    types
        .iter()
        .find(|(ty, _)| fits(*ty))
        .map(|(_, name)| (*name).to_owned())
}

/// A `snake_case` id not taken by another table.
fn unique_id(tables: &[Table], wanted: Option<String>, title: &str) -> String {
    let base = wanted.unwrap_or_else(|| {
        let snake: String = heck::ToSnakeCase::to_snake_case(title)
            .chars()
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        match snake.chars().next() {
            Some(c) if c.is_ascii_lowercase() => snake,
            Some(_) => format!("t_{snake}"),
            None => "codes".to_owned(),
        }
    });
    let taken = |id: &str| tables.iter().any(|t| t.id == id);
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

/// Merges one table's rows: updates and additions in page order, then marks the
/// codes the page left out.
fn merge_table(table: &mut Table, rows: Vec<PageRow>, opts: &Options, report: &mut Report) {
    let mut seen = BTreeSet::new();
    let mut insert_at = 0;
    for row in rows {
        let Some(code) = code_for(table, &row.row.code, report) else {
            continue;
        };
        if !seen.insert(key(&code)) {
            continue;
        }
        match table.entries.iter().position(|e| key(&e.code) == key(&code)) {
            Some(i) => {
                update(table, i, row, report);
                insert_at = i + 1;
            }
            None if row.row.message.trim().is_empty() => report.warnings.push(format!(
                "{} {code}: the page gives no text; not imported",
                table.id
            )),
            None => {
                let entry = new_entry(table, code, row, opts, report);
                table.entries.insert(insert_at, entry);
                insert_at += 1;
            }
        }
    }
    for entry in &mut table.entries {
        if !seen.contains(&key(&entry.code)) && entry.undocumented_since.is_none() {
            entry.undocumented_since = Some(opts.date.clone());
            report.changes.push(Change::Undocumented {
                table: table.id.clone(),
                code: entry.code.clone(),
            });
        }
    }
}

/// The page's code as the table types it; `None`, with a warning, when it cannot be.
fn code_for(table: &Table, code: &RawCode, report: &mut Report) -> Option<RawCode> {
    match (table.code_type, code) {
        (CodeType::String, RawCode::Int(n)) => Some(RawCode::Str(n.to_string())),
        (CodeType::Integer, RawCode::Str(s)) => {
            report.warnings.push(format!(
                "{}: code {s:?} on the page is not an integer; not imported",
                table.id
            ));
            None
        }
        _ => Some(code.clone()),
    }
}

/// Takes the page's values for entry `i`, keeping everything curated.
fn update(table: &mut Table, i: usize, row: PageRow, report: &mut Report) {
    let integers = table.code_type == CodeType::Integer;
    let http_table = table.wire.location == Location::HttpStatus;
    let Some(entry) = table.entries.get_mut(i) else {
        return;
    };
    let mut changes = Changes {
        table: &table.id,
        code: entry.code.clone(),
        list: Vec::new(),
    };
    let page = row.row;
    if !page.message.trim().is_empty() && page.message != entry.message {
        if integers {
            changes
                .list
                .extend(keep_name(entry, &page.message, changes.table));
        }
        entry.also_documented.retain(|a| a.message != page.message);
        let old = std::mem::replace(&mut entry.message, page.message.clone());
        changes.updated("message", Some(old), page.message);
    }
    changes.field("description", &mut entry.description, given(page.description));
    changes.field("category", &mut entry.category, given(page.category));
    let status = page.http_status.map(u64::from).filter(|_| !http_table);
    changes.field("http_status", &mut entry.http_status, status);
    for alt in row.also_documented {
        if alt.message != entry.message && !entry.also_documented.iter().any(|a| a.message == alt.message) {
            changes.list.push(Change::OtherText {
                table: changes.table.to_owned(),
                code: changes.code.clone(),
                message: alt.message.clone(),
            });
            entry.also_documented.push(alt);
        }
    }
    if entry.undocumented_since.take().is_some() {
        changes.list.push(Change::Redocumented {
            table: changes.table.to_owned(),
            code: changes.code.clone(),
        });
    }
    report.changes.extend(changes.list);
}

/// The changes to one entry.
struct Changes<'t> {
    table: &'t str,
    code: RawCode,
    list: Vec<Change>,
}

impl Changes<'_> {
    fn updated(&mut self, field: &'static str, old: Option<String>, new: String) {
        self.list.push(Change::Updated {
            table: self.table.to_owned(),
            code: self.code.clone(),
            field,
            old,
            new,
        });
    }

    /// Takes the page's value of an optional field, when it gives one that differs.
    fn field<T: PartialEq + ToString>(&mut self, field: &'static str, have: &mut Option<T>, page: Option<T>) {
        if let Some(new) = page.filter(|n| have.as_ref() != Some(n)) {
            let shown = new.to_string();
            let old = have.replace(new).map(|o| o.to_string());
            self.updated(field, old, shown);
        }
    }
}

/// Before an integer table's message changes: when the variant name derived from it
/// would change, the old name becomes the entry's `rust_name`.
fn keep_name(entry: &mut Entry, new_message: &str, table: &str) -> Option<Change> {
    if entry.rust_name.is_some() {
        return None;
    }
    let old = derived_name(&entry.code, &entry.message)?;
    if Some(&old) == derived_name(&entry.code, new_message).as_ref() || ident::check_rust_name(&old).is_err()
    {
        return None;
    }
    entry.rust_name = Some(old.clone());
    Some(Change::NameKept {
        table: table.to_owned(),
        code: entry.code.clone(),
        name: old,
    })
}

/// The variant name the validator derives when an entry has no `rust_name`.
fn derived_name(code: &RawCode, message: &str) -> Option<String> {
    match code {
        RawCode::Str(s) => ident::derive_variant(s),
        RawCode::Int(n) => ident::derive_variant(message)
            .or_else(|| Some(format!("Code{}", n.to_string().replace('-', "Minus")))),
    }
}

/// A new entry from a page row, with `kind: unknown` and a note asking for review; a
/// derived variant name another entry has already is made unique with `rust_name`.
fn new_entry(table: &Table, code: RawCode, row: PageRow, opts: &Options, report: &mut Report) -> Entry {
    let http_table = table.wire.location == Location::HttpStatus;
    let mut note = format!(
        "Added by `provider-errors import` from {} on {}: `kind` not reviewed yet.",
        opts.doc_name, opts.date
    );
    let rust_name = unique_name(table, &code, &row.row.message);
    if let Some(name) = &rust_name {
        note.push_str(&format!(
            " `rust_name` {name} was chosen because the derived name is taken."
        ));
    }
    report.changes.push(Change::Added {
        table: table.id.clone(),
        code: code.clone(),
        message: row.row.message.clone(),
    });
    Entry {
        code,
        message: row.row.message,
        description: given(row.row.description),
        http_status: row.row.http_status.filter(|_| !http_table).map(u64::from),
        category: given(row.row.category),
        kind: "unknown".to_owned(),
        retry: None,
        outcome: None,
        rust_name,
        also_documented: row.also_documented,
        notes: vec![note],
        errata: Vec::new(),
        undocumented_since: None,
    }
}

/// A `rust_name` for a new entry whose derived name is taken (or reserved); `None`
/// when the derived name is free.
fn unique_name(table: &Table, code: &RawCode, message: &str) -> Option<String> {
    let taken: BTreeSet<String> = table
        .entries
        .iter()
        .filter_map(|e| e.rust_name.clone().or_else(|| derived_name(&e.code, &e.message)))
        .chain([crate::validate::CATCH_ALL.to_owned()])
        .collect();
    let base = derived_name(code, message)?;
    if !taken.contains(&base) {
        return None;
    }
    let base = base.trim_start_matches("r#").trim_end_matches('_').to_owned();
    let suffix = match code {
        RawCode::Int(n) => n.to_string().replace('-', "Minus"),
        RawCode::Str(_) => String::new(),
    };
    (1..)
        .map(|n| match n {
            1 if !suffix.is_empty() => format!("{base}{suffix}"),
            n => format!("{base}{suffix}{n}"),
        })
        .find(|name| !taken.contains(name) && ident::check_rust_name(name).is_ok())
}

/// A page's text for an optional field; a blank cell gives none (the loader refuses a
/// blank `description` or `category`).
fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::DocRow;

    fn schema(yaml: &str) -> SchemaFile {
        serde_yaml::from_str(yaml).unwrap()
    }

    const BASE: &str = "provider:\n  id: acme\n  name: Acme\n  source:\n    retrieved: 2026-01-01\n\
        tables:\n  - id: codes\n    name: Codes\n    code_type: integer\n    wire:\n      location: json_body\n      field: code\n\
        \x20   entries:\n      - code: 1\n        message: One.\n        kind: ok\n        notes: [mine]\n\
        \x20     - code: 2\n        message: Two things.\n        kind: internal\n        retry: never\n\
        \x20     - code: 3\n        message: Three.\n        kind: not_found\n";

    fn page(rows: &[(i128, &str)]) -> Page {
        let rows = rows
            .iter()
            .map(|(c, m)| DocRow::new(RawCode::Int(*c), *m))
            .collect();
        Page {
            tables: vec![PageTable::new("Codes", rows, |_, _| String::new())],
            url: None,
            date: None,
            warnings: Vec::new(),
        }
    }

    fn opts() -> Options {
        Options {
            date: "2026-02-03".to_owned(),
            doc_name: "page.md".to_owned(),
            table: None,
        }
    }

    #[test]
    fn adds_updates_and_marks_exactly_what_changed() {
        let mut s = schema(BASE);
        let report = merge(
            &mut s,
            &page(&[(1, "One."), (2, "Two other things."), (4, "Four.")]),
            &opts(),
        )
        .unwrap();
        let shown: Vec<String> = report.changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "codes 2: variant name `TwoThings` kept as `rust_name`",
                "codes 2: message \"Two things.\" -> \"Two other things.\"",
                "codes 4: added \"Four.\" (kind `unknown`, not reviewed)",
                "codes 3: no longer on the page; kept, marked undocumented",
                "source.retrieved: 2026-01-01 -> 2026-02-03",
            ]
        );
        let entries = &s.tables[0].entries;
        let codes: Vec<String> = entries.iter().map(|e| e.code.to_string()).collect();
        assert_eq!(codes, ["1", "2", "4", "3"]);
        assert_eq!(entries[0].notes, ["mine"]);
        assert_eq!(entries[1].retry.as_deref(), Some("never"));
        assert_eq!(entries[2].kind, "unknown");
        assert_eq!(entries[3].undocumented_since.as_deref(), Some("2026-02-03"));
        assert_eq!(report.unreviewed().len(), 1);
    }

    #[test]
    fn blank_descriptions_and_categories_are_none() {
        let mut s = schema(BASE);
        let mut p = page(&[(1, "One."), (4, "Four.")]);
        for row in &mut p.tables[0].rows {
            row.row.description = Some(" ".to_owned());
            row.row.category = Some("\t".to_owned());
        }
        merge(&mut s, &p, &opts()).unwrap();
        for entry in &s.tables[0].entries {
            assert_eq!(
                (&entry.description, &entry.category),
                (&None, &None),
                "{}",
                entry.code
            );
        }
    }

    #[test]
    fn the_same_page_twice_changes_nothing() {
        let mut s = schema(BASE);
        let p = page(&[(1, "One."), (4, "Four.")]);
        merge(&mut s, &p, &opts()).unwrap();
        let again = merge(&mut s, &p, &opts()).unwrap();
        assert!(again.is_empty(), "{:?}", again.changes);
    }

    #[test]
    fn a_code_back_on_the_page_is_documented_again() {
        let mut s = schema(BASE);
        merge(&mut s, &page(&[(1, "One."), (2, "Two things.")]), &opts()).unwrap();
        let report = merge(
            &mut s,
            &page(&[(1, "One."), (2, "Two things."), (3, "Three.")]),
            &opts(),
        )
        .unwrap();
        assert_eq!(report.changes.len(), 1);
        assert_eq!(report.changes[0].to_string(), "codes 3: documented again");
        assert_eq!(s.tables[0].entries[2].undocumented_since, None);
    }

    #[test]
    fn colliding_derived_names_get_a_rust_name() {
        let mut s = schema(BASE);
        merge(
            &mut s,
            &page(&[(1, "One."), (2, "Two things."), (3, "Three."), (9, "One.")]),
            &opts(),
        )
        .unwrap();
        let added = s.tables[0]
            .entries
            .iter()
            .find(|e| e.code == RawCode::Int(9))
            .unwrap();
        assert_eq!(added.rust_name.as_deref(), Some("One9"));
    }

    #[test]
    fn new_tables_and_explicit_targets() {
        let mut s = schema(BASE);
        let mut p = page(&[(100, "Else.")]);
        p.tables[0].title = "Other codes:".to_owned();
        merge(&mut s, &p, &opts()).unwrap();
        assert_eq!(s.tables[1].id, "other_codes");
        assert_eq!(s.tables[1].wire.field.as_deref(), Some("code"));
        assert!(s.tables[1].notes[0].contains("`wire` is a guess"));
        let mut s = schema(BASE);
        let opts = Options {
            table: Some("codes".to_owned()),
            ..opts()
        };
        merge(&mut s, &p, &opts).unwrap();
        assert_eq!(s.tables.len(), 1);
        assert_eq!(s.tables[0].entries.len(), 4);
    }
}
