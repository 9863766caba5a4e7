//! Comparing two versions of the schemas code by code, with what each change means
//! for the semver of a crate that includes the generated code.
//!
//! Per provider and table, every code is added, removed, renamed (same code, another
//! variant name) or changed (message, kind, retry, ...). The impact follows from the
//! generated API: every enum is `#[non_exhaustive]` with an `Unknown` catch-all, so a
//! new code, table or provider is **minor**; a removed or renamed variant, enum or
//! type, or a code's Rust type changing, breaks code that names it: **major**. A
//! changed `kind`, `retry`, `outcome`, `http_status` or `undocumented_since` changes
//! what existing methods return, so it is **minor** too; text alone (messages,
//! descriptions, notes) is a **patch**.
//!
//! ```no_run
//! use provider_errors_codegen::diff;
//! let old = diff::load("HEAD~1:schema").unwrap_or_else(|e| panic!("{e}"));
//! let new = diff::load("schema").unwrap_or_else(|e| panic!("{e}"));
//! let changes = diff::compare(&old, &new);
//! println!("{}", changes.to_text());
//! ```

mod git;
mod render;

use crate::error::{Error, Origin};
use crate::load::Limits;
use crate::model::{Catalog, Code, CodeType, Entry, Provider, Table};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// What a change means for the semver of the crate including the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Documentation only.
    Patch,
    /// Additions, or other values from existing methods.
    Minor,
    /// Code that names a removed or renamed item no longer compiles.
    Major,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        })
    }
}

/// How an item differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// The same code with another variant name (it may have changed otherwise too).
    Renamed,
    /// The same item with other values.
    Changed,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Renamed => "renamed",
            Change::Changed => "changed",
        })
    }
}

/// Every difference between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The largest impact of any change; `None` when nothing changed.
    pub impact: Option<Impact>,
    /// The providers that differ, by id.
    pub providers: Vec<ProviderDiff>,
}

/// How one provider differs.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderDiff {
    /// Its id.
    pub id: String,
    /// Its display name (the new one, when it changed).
    pub name: String,
    /// How it differs.
    pub change: Change,
    /// The largest impact of its changes.
    pub impact: Impact,
    /// Its own fields that changed.
    pub fields: Vec<FieldChange>,
    /// Its tables that differ, in file order.
    pub tables: Vec<TableDiff>,
}

/// How one table differs.
#[derive(Debug, Clone, Serialize)]
pub struct TableDiff {
    /// Its id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// How it differs.
    pub change: Change,
    /// The largest impact of its changes.
    pub impact: Impact,
    /// How many codes it has (the new version's, or the old one's when removed).
    pub codes_total: usize,
    /// Its own fields that changed.
    pub fields: Vec<FieldChange>,
    /// Its codes that differ: the new version's order, removed codes last.
    pub codes: Vec<CodeDiff>,
}

/// How one code differs.
#[derive(Debug, Clone, Serialize)]
pub struct CodeDiff {
    /// How it differs.
    pub change: Change,
    /// The code: a number, or a string.
    pub code: CodeValue,
    /// The variant name (the new one, when renamed).
    pub variant: String,
    /// The old variant name, when renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_variant: Option<String>,
    /// The message (the new one, when changed).
    pub message: String,
    /// The impact.
    pub impact: Impact,
    /// The fields that changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A code as JSON has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CodeValue {
    /// An integer code.
    Int(i128),
    /// A string code.
    Str(String),
}

impl fmt::Display for CodeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeValue::Int(n) => write!(f, "{n}"),
            CodeValue::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// One field's old and new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The schema key (`message`, `kind`, `wire.field`, ...).
    pub field: String,
    /// The old value, `None` when unset.
    pub old: Option<String>,
    /// The new value, `None` when unset.
    pub new: Option<String>,
    /// The impact.
    pub impact: Impact,
}

/// Loads one side of a comparison: a schema file, a directory of them, or
/// `REV:PATH`, the file or directory `PATH` at git revision `REV` (`HEAD~1:schema`),
/// read with `git` from the repository of the current directory.
pub fn load(spec: &str) -> Result<Catalog, Error> {
    load_with(spec, &Limits::default())
}

/// Like [`load`], with explicit limits.
pub fn load_with(spec: &str, limits: &Limits) -> Result<Catalog, Error> {
    if Path::new(spec).exists() {
        return crate::load_with(&[spec], limits).map(|(catalog, _)| catalog);
    }
    match spec.split_once(':') {
        Some((rev, path)) if !rev.is_empty() => git::load(rev, path, limits),
        _ => Err(Error::new(
            Origin::file(Path::new(spec)),
            "no such file or directory",
            Some(
                "give a schema file, a directory of them, or REV:PATH for a git revision (`HEAD~1:schema`)"
                    .to_owned(),
            ),
        )),
    }
}

/// Every difference from `old` to `new`.
pub fn compare(old: &Catalog, new: &Catalog) -> Diff {
    let ids: BTreeSet<&str> = old
        .providers
        .iter()
        .chain(&new.providers)
        .map(|p| p.id.as_str())
        .collect();
    let providers: Vec<ProviderDiff> = ids
        .into_iter()
        .filter_map(|id| provider(old.provider(id), new.provider(id)))
        .collect();
    Diff {
        impact: providers.iter().map(|p| p.impact).max(),
        providers,
    }
}

fn provider(old: Option<&Provider>, new: Option<&Provider>) -> Option<ProviderDiff> {
    let (change, fields, tables) = match (old, new) {
        (None, Some(p)) => (Change::Added, Vec::new(), whole_tables(p, Change::Added)),
        (Some(p), None) => (Change::Removed, Vec::new(), whole_tables(p, Change::Removed)),
        (Some(o), Some(n)) => (Change::Changed, provider_fields(o, n), table_diffs(o, n)),
        (None, None) => return None,
    };
    if change == Change::Changed && fields.is_empty() && tables.is_empty() {
        return None;
    }
    let p = new.or(old)?;
    Some(ProviderDiff {
        id: p.id.clone(),
        name: p.name.clone(),
        change,
        impact: impact_of(change, &fields, tables.iter().map(|t| t.impact)),
        fields,
        tables,
    })
}

/// A whole provider's tables, added or removed.
fn whole_tables(p: &Provider, change: Change) -> Vec<TableDiff> {
    let tables = p.tables.iter();
    tables.map(|t| table_summary(t, change)).collect()
}

fn table_summary(t: &Table, change: Change) -> TableDiff {
    TableDiff {
        id: t.id.clone(),
        name: t.name.clone(),
        change,
        impact: impact_of(change, &[], std::iter::empty()),
        codes_total: t.entries.len(),
        fields: Vec::new(),
        codes: Vec::new(),
    }
}

/// The impact of an item: fixed for an added or removed one, else its largest part.
fn impact_of(change: Change, fields: &[FieldChange], parts: impl Iterator<Item = Impact>) -> Impact {
    match change {
        Change::Added => Impact::Minor,
        Change::Removed | Change::Renamed => Impact::Major,
        Change::Changed => fields
            .iter()
            .map(|f| f.impact)
            .chain(parts)
            .max()
            .unwrap_or(Impact::Patch),
    }
}

fn provider_fields(o: &Provider, n: &Provider) -> Vec<FieldChange> {
    let mut fields = Fields::default();
    fields.text("name", &o.name, &n.name, Impact::Patch);
    // The flat layout's type names start with it.
    fields.text("rust_name", &o.rust_name, &n.rust_name, Impact::Major);
    fields.opt("source.url", &o.source_url, &n.source_url, Impact::Patch);
    fields.text("source.retrieved", &o.retrieved, &n.retrieved, Impact::Patch);
    fields.list("notes", &o.notes, &n.notes, Impact::Patch);
    fields.0
}

fn table_diffs(o: &Provider, n: &Provider) -> Vec<TableDiff> {
    let mut diffs: Vec<TableDiff> = n
        .tables
        .iter()
        .filter_map(|t| match o.table(&t.id) {
            Some(old) => table(old, t),
            None => Some(table_summary(t, Change::Added)),
        })
        .collect();
    let removed = o.tables.iter().filter(|t| n.table(&t.id).is_none());
    diffs.extend(removed.map(|t| table_summary(t, Change::Removed)));
    diffs
}

fn table(o: &Table, n: &Table) -> Option<TableDiff> {
    let fields = table_fields(o, n);
    let mut codes: Vec<CodeDiff> = n
        .entries
        .iter()
        .filter_map(|e| match o.entry(&e.code) {
            Some(old) => entry(old, e),
            None => Some(whole_entry(e, Change::Added)),
        })
        .collect();
    let removed = o.entries.iter().filter(|e| n.entry(&e.code).is_none());
    codes.extend(removed.map(|e| whole_entry(e, Change::Removed)));
    if fields.is_empty() && codes.is_empty() {
        return None;
    }
    Some(TableDiff {
        id: n.id.clone(),
        name: n.name.clone(),
        change: Change::Changed,
        impact: impact_of(Change::Changed, &fields, codes.iter().map(|c| c.impact)),
        codes_total: n.entries.len(),
        fields,
        codes,
    })
}

fn table_fields(o: &Table, n: &Table) -> Vec<FieldChange> {
    let mut fields = Fields::default();
    fields.text("name", &o.name, &n.name, Impact::Patch);
    fields.opt("description", &o.description, &n.description, Impact::Patch);
    fields.text("rust_name", &o.rust_name, &n.rust_name, Impact::Major);
    let ty = |t: &Table| match t.code_type {
        CodeType::Int(ty) => ty.name().to_owned(),
        CodeType::Str => "string".to_owned(),
    };
    fields.text("code_type", &ty(o), &ty(n), Impact::Major);
    // The wire says where the code and message are read from a body.
    fields.text(
        "wire",
        &format!("{:?}", o.wire),
        &format!("{:?}", n.wire),
        Impact::Minor,
    );
    fields.list("notes", &o.notes, &n.notes, Impact::Patch);
    fields.list("errata", &o.errata, &n.errata, Impact::Patch);
    fields.0
}

fn whole_entry(e: &Entry, change: Change) -> CodeDiff {
    CodeDiff {
        change,
        code: code_value(&e.code),
        variant: e.rust_name.clone(),
        old_variant: None,
        message: e.message.clone(),
        impact: impact_of(change, &[], std::iter::empty()),
        fields: Vec::new(),
    }
}

fn entry(o: &Entry, n: &Entry) -> Option<CodeDiff> {
    let fields = entry_fields(o, n);
    let renamed = o.rust_name != n.rust_name;
    if fields.is_empty() && !renamed {
        return None;
    }
    let change = if renamed { Change::Renamed } else { Change::Changed };
    Some(CodeDiff {
        change,
        code: code_value(&n.code),
        variant: n.rust_name.clone(),
        old_variant: renamed.then(|| o.rust_name.clone()),
        message: n.message.clone(),
        impact: impact_of(change, &fields, std::iter::empty()),
        fields,
    })
}

fn entry_fields(o: &Entry, n: &Entry) -> Vec<FieldChange> {
    let mut fields = Fields::default();
    fields.text("message", &o.message, &n.message, Impact::Patch);
    fields.opt("description", &o.description, &n.description, Impact::Patch);
    fields.opt("category", &o.category, &n.category, Impact::Patch);
    let status = |e: &Entry| e.http_status.map(|s| s.to_string());
    fields.opt("http_status", &status(o), &status(n), Impact::Minor);
    fields.text("kind", o.kind.as_str(), n.kind.as_str(), Impact::Minor);
    fields.text("retry", o.retry.as_str(), n.retry.as_str(), Impact::Minor);
    fields.text("outcome", o.outcome.as_str(), n.outcome.as_str(), Impact::Minor);
    let texts = |e: &Entry| {
        e.also_documented
            .iter()
            .map(|(m, _)| m.clone())
            .collect::<Vec<_>>()
    };
    fields.list("also_documented", &texts(o), &texts(n), Impact::Patch);
    fields.list("notes", &o.notes, &n.notes, Impact::Patch);
    fields.list("errata", &o.errata, &n.errata, Impact::Patch);
    // `is_documented()` answers differently.
    let since = (&o.undocumented_since, &n.undocumented_since);
    fields.opt("undocumented_since", since.0, since.1, Impact::Minor);
    fields.0
}

fn code_value(code: &Code) -> CodeValue {
    match code {
        Code::Int(n) => CodeValue::Int(*n),
        Code::Str(s) => CodeValue::Str(s.clone()),
    }
}

/// Collects the fields whose values differ.
#[derive(Default)]
struct Fields(Vec<FieldChange>);

impl Fields {
    fn opt(&mut self, field: &str, old: &Option<String>, new: &Option<String>, impact: Impact) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_owned(),
                old: old.clone(),
                new: new.clone(),
                impact,
            });
        }
    }

    fn text(&mut self, field: &str, old: &str, new: &str, impact: Impact) {
        self.opt(field, &Some(old.to_owned()), &Some(new.to_owned()), impact);
    }

    /// A list, shown one item a line.
    fn list(&mut self, field: &str, old: &[String], new: &[String], impact: Impact) {
        let joined = |items: &[String]| (!items.is_empty()).then(|| items.join("\n"));
        self.opt(field, &joined(old), &joined(new), impact);
    }
}
