//! Reading schema files: limits, UTF-8, YAML syntax, then the serde types one table
//! and one entry at a time, so that every problem of a file is reported in one run.

use crate::error::{Ctxt, Origin};
use crate::lines::LineIndex;
use crate::schema::{Entry, SchemaFile, Table};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Bounds on what the loader accepts, so a hostile file cannot exhaust the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest schema file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 32 * 1024 * 1024,
        }
    }
}

/// A schema file's text positions, to point diagnostics at lines.
pub(crate) struct SourceFile {
    pub path: PathBuf,
    lines: LineIndex,
}

impl SourceFile {
    /// The origin of a YAML key path in this file.
    pub fn origin(&self, key_path: &str) -> Origin {
        Origin {
            file: self.path.clone(),
            path: key_path.to_owned(),
            line: self.lines.line(key_path),
        }
    }
}

/// The schema files of a directory: `*.yaml` and `*.yml`, sorted by name, not
/// recursing (so links to directories cannot loop).
pub(crate) fn files_in(dir: &Path, cx: &mut Ctxt) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            cx.error(
                Origin::file(dir),
                format!("cannot read the schema directory: {e}"),
            );
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        cx.error_help(
            Origin::file(dir),
            "no schema files in this directory",
            "add one `<provider>.yaml` per provider (see schema/README.md)",
        );
    }
    files
}

/// Reads and deserializes one file. `None` when the file could not be read far
/// enough to deserialize anything; problems in single tables or entries are
/// reported and those elements left out.
pub(crate) fn load_file(path: &Path, limits: &Limits, cx: &mut Ctxt) -> Option<(SourceFile, SchemaFile)> {
    let text = read_text(path, limits, cx)?;
    let source = SourceFile {
        path: path.to_path_buf(),
        lines: LineIndex::new(&text),
    };
    let value = parse_yaml(&text, &source, cx)?;
    let file: SchemaFile<Value> = de(value, "", &source, cx)?;
    let mut tables = Vec::with_capacity(file.tables.len());
    for (i, table) in file.tables.into_iter().enumerate() {
        let at = format!("tables[{i}]");
        let Some(mut table) = de::<Table<Value>>(table, &at, &source, cx) else {
            continue;
        };
        let entries = std::mem::take(&mut table.entries)
            .into_iter()
            .enumerate()
            .filter_map(|(j, entry)| de::<Entry>(entry, &format!("{at}.entries[{j}]"), &source, cx))
            .collect();
        tables.push(table.with_entries(entries));
    }
    let file = SchemaFile {
        schema_version: file.schema_version,
        provider: file.provider,
        tables,
    };
    Some((source, file))
}

fn read_text(path: &Path, limits: &Limits, cx: &mut Ctxt) -> Option<String> {
    let origin = Origin::file(path);
    let size = match fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            cx.error(origin, format!("cannot read the file: {e}"));
            return None;
        }
    };
    if size > limits.max_file_bytes {
        cx.error_help(
            origin,
            format!(
                "file is {size} bytes, over the limit of {} bytes",
                limits.max_file_bytes
            ),
            "split the provider's tables, or raise `Config::max_file_bytes`",
        );
        return None;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            cx.error(origin, format!("cannot read the file: {e}"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            cx.error_help(
                origin,
                "file is empty",
                "a schema needs `provider:` and `tables:` (see schema/README.md)",
            );
            None
        }
        Ok(text) => Some(text),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            cx.error_help(
                Origin {
                    line: Some(line),
                    ..origin
                },
                format!("file is not UTF-8 (invalid byte at offset {})", valid.len()),
                "save the file as UTF-8",
            );
            None
        }
    }
}

fn parse_yaml(text: &str, source: &SourceFile, cx: &mut Ctxt) -> Option<Value> {
    match serde_yaml::from_str::<Value>(text) {
        Ok(value @ Value::Mapping(_)) => Some(value),
        Ok(_) => {
            cx.error_help(
                source.origin(""),
                "expected a mapping with `provider` and `tables` at the top level",
                "see schema/README.md for the format",
            );
            None
        }
        Err(e) => {
            let origin = Origin {
                line: e.location().map(|l| l.line()),
                ..source.origin("")
            };
            cx.error(origin, format!("invalid YAML: {e}"));
            None
        }
    }
}

/// Deserializes one element, reporting a failure at its exact key path.
fn de<T: DeserializeOwned>(value: Value, at: &str, source: &SourceFile, cx: &mut Ctxt) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut path = at.to_owned();
            for segment in e.path() {
                match segment {
                    Segment::Seq { index } => path.push_str(&format!("[{index}]")),
                    Segment::Map { key } | Segment::Enum { variant: key } => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(key);
                    }
                    Segment::Unknown => {}
                }
            }
            cx.error(source.origin(&path), e.into_inner().to_string());
            None
        }
    }
}
