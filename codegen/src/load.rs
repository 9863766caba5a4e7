//! Reading schema files: limits, UTF-8, YAML syntax, then the serde types one table
//! and one entry at a time, so that every problem of a file is reported in one run.

use crate::error::{Ctxt, Origin};
use crate::guard::{self, MAX_FLOW_DEPTH, Refusal};
use crate::lines::LineIndex;
use crate::schema::{Entry, Provider, SchemaFile, Table};
use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde_path_to_error::Segment;
use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Bounds on what the loader accepts, so a hostile file cannot exhaust the build.
/// Within the defaults a file written in block style, as schemas are, loads in under a
/// second and 100 MB; one in flow style is read whole, which takes about twice the
/// memory (RELIABILITY.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest schema file read, in bytes.
    pub max_file_bytes: u64,
    /// Most codes (entries of all its tables) in one schema file.
    pub max_codes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 8 * 1024 * 1024,
            max_codes: 100_000,
        }
    }
}

/// A schema file's text positions, to point diagnostics at lines.
pub(crate) struct SourceFile {
    pub path: std::sync::Arc<Path>,
    lines: LineIndex,
}

impl SourceFile {
    /// The positions of `text`, the content of `path`.
    pub fn new(path: &Path, text: &str) -> Self {
        SourceFile {
            path: path.into(),
            lines: LineIndex::new(text),
        }
    }

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
    let named: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    // Following links: a loop or a dangling link is reported, not silently skipped.
    let mut files = Vec::with_capacity(named.len());
    let mut unreadable = false;
    for path in named {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(_) => {}
            Err(e) => {
                unreadable = true;
                cx.error_help(
                    Origin::file(&path),
                    format!("cannot read the schema file: {e}"),
                    "fix or remove the link",
                );
            }
        }
    }
    files.sort();
    if files.is_empty() && !unreadable {
        cx.error_help(
            Origin::file(dir),
            "no schema files in this directory",
            "add one `<provider>.yaml` per provider (see schema/README.md)",
        );
    }
    files
}

/// A table as loaded: each entry with its index, boxed, so that validation frees
/// each entry as soon as it is in the model.
pub(crate) type LoadedTable = Table<(usize, Box<Entry>)>;

/// A file as far as it deserialized: the header, and the tables and entries that
/// deserialized, each with its index in the file so every later diagnostic keeps
/// the key path the author sees.
pub(crate) struct Loaded {
    pub source: SourceFile,
    pub schema_version: Option<u64>,
    pub provider: Provider,
    pub tables: Vec<(usize, LoadedTable)>,
}

/// Reads and deserializes one file. Each level is checked from the raw YAML on its
/// own, so a bad provider or table header does not hide problems in the entries.
/// `None` when the header did not deserialize (everything found is reported).
pub(crate) fn load_file(path: &Path, limits: &Limits, cx: &mut Ctxt) -> Option<Loaded> {
    let bytes = read_bytes(path, limits, cx)?;
    load_bytes(path, bytes, limits, cx)
}

/// Like [`load_file`], from the file's content already in memory; `path` only
/// names it in diagnostics.
pub(crate) fn load_bytes(path: &Path, bytes: Vec<u8>, limits: &Limits, cx: &mut Ctxt) -> Option<Loaded> {
    let text = decode(path, bytes, cx)?;
    if let Some(refusal) = guard::check(&text) {
        refuse(path, refusal, cx);
        return None;
    }
    let mut source = None;
    if text.len() >= crate::chunked::CHUNKED_FROM_BYTES
        && let Some(pieces) = crate::chunked::cut(&text)
    {
        // Counted before anything is parsed.
        let codes = pieces.entries.iter().map(Vec::len).sum();
        if !within_code_limit(path, codes, limits, cx) {
            return None;
        }
        let file = source.insert(SourceFile::new(path, &text));
        if let Some((schema_version, provider, tables)) = crate::chunked::load(&pieces, file) {
            return Some(Loaded {
                source: source?,
                schema_version,
                provider,
                tables,
            });
        }
    }
    let loaded = load_whole(path, &text, source, cx)?;
    let codes = loaded.tables.iter().map(|(_, t)| t.entries.len()).sum();
    within_code_limit(path, codes, limits, cx).then_some(loaded)
}

fn within_code_limit(path: &Path, codes: usize, limits: &Limits, cx: &mut Ctxt) -> bool {
    if codes > limits.max_codes {
        cx.error_help(
            Origin::file(path),
            format!("file has {codes} codes, over the limit of {}", limits.max_codes),
            "split the provider's tables across files, or raise `Config::max_codes` (`--max-codes`)",
        );
        return false;
    }
    true
}

/// Reads a file's text as one YAML document (`source`: its positions, if known).
pub(crate) fn load_whole(
    path: &Path,
    text: &str,
    source: Option<SourceFile>,
    cx: &mut Ctxt,
) -> Option<Loaded> {
    if guard::expands(text) {
        refuse(path, Refusal::Expands, cx);
        return None;
    }
    // The parser's buffers are freed before the line index is built: the two are
    // the largest allocations for a big file, so they should not be alive together.
    let parsed = serde_yaml::from_str::<Value>(text);
    let source = source.unwrap_or_else(|| SourceFile::new(path, text));
    let value = parse_yaml(parsed, text, &source, cx)?;
    let header: Option<SchemaFile<IgnoredAny>> = de(&value, "", &source, cx);
    let raw_tables = children(&value, "tables", "", "no tables", &source, cx);
    let mut tables = Vec::with_capacity(raw_tables.len());
    for (i, raw) in raw_tables.iter().enumerate() {
        let at = format!("tables[{i}]");
        let table: Option<Table<IgnoredAny>> = de(raw, &at, &source, cx);
        let entries = children(raw, "entries", &at, "table has no entries", &source, cx)
            .iter()
            .enumerate()
            .filter_map(|(j, e)| {
                de::<Entry>(e, &format!("{at}.entries[{j}]"), &source, cx).map(|e| (j, Box::new(e)))
            })
            .collect();
        if let Some(table) = table {
            tables.push((i, table.with_entries(entries)));
        }
    }
    let header = header?;
    Some(Loaded {
        source,
        schema_version: header.schema_version,
        provider: header.provider,
        tables,
    })
}

/// The elements of the sequence under `key`, reporting an empty one. A missing key
/// or a wrong type is the parent's to report.
fn children<'v>(
    value: &'v Value,
    key: &str,
    at: &str,
    empty: &str,
    source: &SourceFile,
    cx: &mut Ctxt,
) -> &'v [Value] {
    let Some(seq) = value.get(key).and_then(Value::as_sequence) else {
        return &[];
    };
    if seq.is_empty() {
        let path = if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        };
        cx.error_help(
            source.origin(&path),
            empty,
            format!("add at least one element to `{key}`"),
        );
    }
    seq
}

fn refuse(path: &Path, refusal: Refusal, cx: &mut Ctxt) {
    let (line, message, help) = match refusal {
        Refusal::Alias { line, token } => (
            line,
            format!("YAML anchors and aliases are not accepted in schemas (`{token}`)"),
            "write the value out in full: an alias can expand a small file into gigabytes".to_owned(),
        ),
        Refusal::Tag { line, token } => (
            line,
            format!("YAML tag `{token}` is not accepted in schemas"),
            "remove it: schemas hold plain text, numbers, lists and mappings (quote text that starts with `!`)"
                .to_owned(),
        ),
        Refusal::TooDeep { line } => (
            line,
            format!("flow collections (`[`, `{{`) nested deeper than {MAX_FLOW_DEPTH} levels"),
            "schemas need only a few levels; write nested data in block style".to_owned(),
        ),
        Refusal::Expands => (
            0,
            "the YAML expands to more values than its text holds: an alias (`*name`) repeats an anchored value"
                .to_owned(),
            "write the values out in full: schemas do not accept anchors and aliases".to_owned(),
        ),
    };
    let origin = Origin {
        line: (line > 0).then_some(line),
        ..Origin::file(path)
    };
    cx.error_help(origin, message, help);
}

fn read_bytes(path: &Path, limits: &Limits, cx: &mut Ctxt) -> Option<Vec<u8>> {
    let origin = Origin::file(path);
    let size = match fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            cx.error(origin, format!("cannot read the file: {e}"));
            return None;
        }
    };
    if !within_limit(path, size, limits, cx) {
        return None;
    }
    match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            cx.error(origin, format!("cannot read the file: {e}"));
            None
        }
    }
}

/// Whether a file of `size` bytes may be read; reports it when not.
pub(crate) fn within_limit(path: &Path, size: u64, limits: &Limits, cx: &mut Ctxt) -> bool {
    if size > limits.max_file_bytes {
        cx.error_help(
            Origin::file(path),
            format!(
                "file is {size} bytes, over the limit of {} bytes",
                limits.max_file_bytes
            ),
            "split the provider's tables, or raise `Config::max_file_bytes` (`--max-file-bytes`)",
        );
        return false;
    }
    true
}

/// The text of a file: UTF-8, not blank, without a byte-order mark.
fn decode(path: &Path, bytes: Vec<u8>, cx: &mut Ctxt) -> Option<String> {
    let origin = Origin::file(path);
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            cx.error_help(
                origin,
                "file is empty",
                "a schema needs `provider:` and `tables:` (see schema/README.md)",
            );
            None
        }
        // A byte-order mark is legal UTF-8 but not YAML content.
        Ok(text) => Some(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text)),
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

fn parse_yaml(
    parsed: Result<Value, serde_yaml::Error>,
    text: &str,
    source: &SourceFile,
    cx: &mut Ctxt,
) -> Option<Value> {
    match parsed {
        Ok(value @ Value::Mapping(_)) => Some(value),
        Ok(Value::Null) => {
            cx.error_help(
                source.origin(""),
                "file has no content",
                "a schema needs `provider:` and `tables:` (see schema/README.md)",
            );
            None
        }
        Ok(other) => {
            cx.error_help(
                source.origin(""),
                format!(
                    "expected a mapping with `provider` and `tables` at the top level, found {}",
                    kind_of(&other)
                ),
                "see schema/README.md for the format",
            );
            None
        }
        Err(e) => {
            yaml_error(&e, text, source, cx);
            None
        }
    }
}

/// Reports a YAML-level error. serde_yaml prefixes some with the key path (`a.b[0]:`),
/// which we lift into the origin; two cases get our own wording.
fn yaml_error(e: &serde_yaml::Error, text: &str, source: &SourceFile, cx: &mut Ctxt) {
    let full = e.to_string();
    if let Some(offset) = full.strip_prefix("control characters are not allowed at position ") {
        return control_character(offset.parse().unwrap_or(0), text, source, cx);
    }
    let text = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(head, _)| head);
    let (path, message) = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (path, rest),
        _ => ("", text),
    };
    let line = e.location().map(|l| l.line());
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        let key = key.trim_matches('"');
        let path = if path.is_empty() || path == "." {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        let lines = source.lines.all(&path);
        let origin = Origin {
            line: lines.last().copied().or(line),
            ..source.origin(&path)
        };
        let first = lines
            .first()
            .map(|l| format!(" (first on line {l})"))
            .unwrap_or_default();
        cx.error_help(
            origin,
            format!("key `{key}` is given twice{first}"),
            "keep one: YAML would keep only the last",
        );
    } else if message.contains(" as u128") || message.contains(" as i128") {
        let number = message.split('`').nth(1).unwrap_or("the number");
        cx.error_help(
            Origin {
                line,
                ..source.origin(path)
            },
            format!("{number} does not fit in 64 bits"),
            "codes must fit the table's `rust_type` (at most u64 or i64); quote it to make it a string code",
        );
    } else {
        let origin = Origin {
            line,
            ..source.origin(if path == "." { "" } else { path })
        };
        cx.error(origin, format!("invalid YAML: {message}"));
    }
}

/// The reader's error for a raw control character gives only a byte offset (and
/// line 1): name the character and its real line.
fn control_character(offset: usize, text: &str, source: &SourceFile, cx: &mut Ctxt) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let found = text.get(offset..).and_then(|rest| rest.chars().next());
    let what = found.map_or_else(
        || "a control character".to_owned(),
        |c| format!("control character U+{:04X}", u32::from(c)),
    );
    let escaped = found.map_or_else(|| "\\u0007".to_owned(), |c| format!("\\u{:04x}", u32::from(c)));
    cx.error_help(
        Origin {
            line: Some(line),
            ..source.origin("")
        },
        format!("invalid YAML: {what} is not allowed in YAML text"),
        format!("write it escaped in a double-quoted string, as `\"{escaped}\"`"),
    );
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Deserializes one element, reporting a failure at its exact key path.
/// Reads from a borrowed `Value`, so no level copies the tree below it.
pub(crate) fn de<T: DeserializeOwned>(
    value: &Value,
    at: &str,
    source: &SourceFile,
    cx: &mut Ctxt,
) -> Option<T> {
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
            let key = path.rsplit(['.', '[']).next().unwrap_or_default().to_owned();
            let (message, help) = crate::explain::serde_message(&e.into_inner().to_string(), &key);
            let origin = source.origin(&path);
            match help {
                Some(help) => cx.error_help(origin, message, help),
                None => cx.error(origin, message),
            }
            None
        }
    }
}
