//! Large schema files, parsed an entry at a time.
//!
//! The YAML parser holds every event of a document until the document is read: for
//! 100 000 codes that alone is 100 MB, whatever the result is read into. A large file
//! in the usual block layout is therefore cut into its header (every table with
//! `entries: []`) and one small document per entry, each parsed on its own.
//!
//! Cutting is only a shortcut: anything out of the ordinary (a tab, a carriage
//! return, a document marker, an `entries:` that is not a plain block sequence, a
//! piece that does not parse, a header whose tables do not line up with the cut
//! sequences) gives up, and the file is read whole as usual. Any diagnostic does too,
//! so every problem is reported by the one path that reports everything.

use crate::error::Ctxt;
use crate::load::{SourceFile, de};
use crate::schema::{Entry, SchemaFile, Table};
use serde::de::IgnoredAny;
use serde_yaml::Value;

/// Files at least this large are cut when they can be.
pub(crate) const CHUNKED_FROM_BYTES: usize = 1 << 20;

/// The file cut in pieces: the header's text, and per `entries:` key (in file order)
/// the text of each of its items.
#[derive(Debug, PartialEq)]
pub(crate) struct Pieces<'t> {
    pub header: String,
    pub entries: Vec<Vec<&'t str>>,
}

/// Cuts `text`, or `None` when its layout is not the plain one this understands.
pub(crate) fn cut(text: &str) -> Option<Pieces<'_>> {
    if text.contains(['\t', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']) {
        return None;
    }
    let mut header = String::with_capacity(text.len() / 64);
    let mut entries: Vec<Vec<&str>> = Vec::new();
    let mut sequence: Option<Sequence> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let significant = !(content.trim_end().is_empty() || content.starts_with('#'));
        // Document markers and directives: only at the start of a line.
        if indent == 0 && (line.starts_with("---") || line.starts_with("...") || line.starts_with('%')) {
            return None;
        }
        let is_item = content.starts_with("- ") || content.trim_end() == "-";
        if let Some(seq) = &mut sequence {
            match seq.item {
                // Blank lines and comments before the first item belong to nothing.
                None if !significant => continue,
                None if is_item && indent >= seq.key_indent => {
                    (seq.column, seq.item) = (indent, Some(start));
                    continue;
                }
                // `entries:` followed by anything but a block sequence.
                None => return None,
                Some(_) if !significant || indent > seq.column => continue,
                Some(item) => {
                    entries.last_mut()?.push(&text[item..start]);
                    if indent == seq.column && is_item {
                        seq.item = Some(start);
                        continue;
                    }
                    // Less indented, or not an item: the sequence is over.
                    sequence = None;
                }
            }
        }
        if significant && content.trim_end() == "entries:" {
            header.push_str(&line[..indent]);
            header.push_str("entries: []\n");
            entries.push(Vec::new());
            sequence = Some(Sequence {
                key_indent: indent,
                column: indent,
                item: None,
            });
            continue;
        }
        header.push_str(line);
    }
    if let Some(seq) = sequence {
        entries.last_mut()?.push(&text[seq.item?..]);
    }
    let complete = !entries.is_empty() && entries.iter().all(|items| !items.is_empty());
    complete.then_some(Pieces { header, entries })
}

/// An `entries:` sequence being cut: the key's indent, the items' column, and where
/// the current item started (a byte offset; `None` before the first).
struct Sequence {
    key_indent: usize,
    column: usize,
    item: Option<usize>,
}

/// What [`load`] reads from the pieces: the header's version and provider, and the
/// tables as `load::load_bytes` gives them.
pub(crate) type Parts = (
    Option<u64>,
    crate::schema::Provider,
    Vec<(usize, crate::load::LoadedTable)>,
);

/// Reads a file from its pieces, as `load::load_bytes` would from the whole text;
/// `None` (and nothing reported) when anything is not as expected.
pub(crate) fn load(pieces: &Pieces, source: &SourceFile) -> Option<Parts> {
    let mut cx = Ctxt::default();
    if crate::guard::expands(&pieces.header) {
        return None;
    }
    let value: Value = serde_yaml::from_str(&pieces.header).ok()?;
    let header: SchemaFile<IgnoredAny> = de(&value, "", source, &mut cx)?;
    let raw_tables = value.get("tables")?.as_sequence()?;
    if raw_tables.len() != pieces.entries.len() {
        return None;
    }
    let mut tables = Vec::with_capacity(raw_tables.len());
    for (i, (raw, items)) in raw_tables.iter().zip(&pieces.entries).enumerate() {
        // Each table holds the `entries: []` written in its place, and nothing else.
        if !raw.get("entries")?.as_sequence()?.is_empty() {
            return None;
        }
        let at = format!("tables[{i}]");
        let table: Table<IgnoredAny> = de(raw, &at, source, &mut cx)?;
        let mut entries = Vec::with_capacity(items.len());
        for (j, item) in items.iter().enumerate() {
            if crate::guard::expands(item) {
                return None; // the whole read refuses it
            }
            let parsed: Vec<Value> = serde_yaml::from_str(item).ok()?;
            let [one] = parsed.as_slice() else {
                return None;
            };
            let entry = de::<Entry>(one, &format!("{at}.entries[{j}]"), source, &mut cx)?;
            entries.push((j, Box::new(entry)));
        }
        tables.push((i, table.with_entries(entries)));
    }
    cx.finish(())
        .ok()
        .map(|()| (header.schema_version, header.provider, tables))
}

/// For property tests and fuzzing: `None` when `text` does not cut into pieces, or
/// the pieces give up (both allowed: the file is then read whole); otherwise whether
/// the pieces read exactly as the whole text does. Reading in pieces must never
/// accept a file that the whole read rejects.
#[doc(hidden)]
pub fn pieces_agree(text: &str) -> Option<Result<(), String>> {
    let path = std::path::Path::new("pieces.yaml");
    if crate::guard::check(text).is_some() {
        return None;
    }
    let pieces = cut(text)?;
    let parts = load(&pieces, &SourceFile::new(path, text))?;
    let mut cx = Ctxt::default();
    let whole = crate::load::load_whole(path, text, None, &mut cx);
    let whole = match (whole, cx.finish(())) {
        (Some(whole), Ok(())) => whole,
        (_, Err(e)) => return Some(Err(format!("read whole, the file is refused:\n{e}"))),
        (None, Ok(())) => return Some(Err("read whole, the file gives nothing".to_owned())),
    };
    let (a, b) = (
        format!("{:?}", (whole.schema_version, &whole.provider, &whole.tables)),
        format!("{:?}", (parts.0, &parts.1, &parts.2)),
    );
    Some(if a == b {
        Ok(())
    } else {
        Err(format!("whole: {a}\npieces: {b}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_each_entries_sequence_into_items() {
        let text = "provider:\n  id: a\ntables:\n  - id: t\n    entries:\n      - code: 1\n        message: |\n          - code: 9\n\n      # a comment\n      - code: 2\n    notes: [x]\n  - id: u\n    entries:\n    - code: 3\n    - code: 4\n";
        let pieces = cut(text).expect("the plain layout cuts");
        assert_eq!(
            pieces.header,
            "provider:\n  id: a\ntables:\n  - id: t\n    entries: []\n    notes: [x]\n  - id: u\n    entries: []\n"
        );
        assert_eq!(
            pieces.entries,
            [
                vec![
                    "      - code: 1\n        message: |\n          - code: 9\n\n      # a comment\n",
                    "      - code: 2\n"
                ],
                vec!["    - code: 3\n", "    - code: 4\n"],
            ]
        );
    }

    /// Every valid schema of the repository (the five seeds, the hostile and edge-case
    /// test schemas), and variants of them laid out differently, read from pieces
    /// exactly as read whole.
    #[test]
    fn pieces_read_as_the_whole_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files: Vec<std::path::PathBuf> = ["schema", "codegen/tests/schemas"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        assert!(files.len() >= 7, "{files:?}");
        let mut compared = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Comments and blank lines between items.
            let spaced = text.replace("\n      - code:", "\n\n      # next\n      - code:");
            for variant in [text.clone(), spaced] {
                // `None` would mean the file did not cut or the pieces gave up.
                let agree = pieces_agree(&variant);
                assert_eq!(agree, Some(Ok(())), "{}", file.display());
                compared += 1;
            }
        }
        assert!(compared >= 14);
    }

    /// An indentless sequence (items at the key's column), block scalars, flow
    /// collections and comments inside items.
    #[test]
    fn other_layouts_read_as_the_whole_file() {
        let text = r#"provider:
  id: acme
  name: Acme
  source:
    retrieved: 2026-11-22
tables:
- id: status
  name: Status
  code_type: integer
  wire: {location: json_body, field: code}
  entries:
  - code: 1
    message: |
      One,
      - code: 2
    kind: internal # why
  # between

  - {code: 3, message: "Three", kind: ok, notes: [a, b]}
  - code: 4
    message: >-
      folded
      text
    kind: internal
    also_documented:
      - message: Four.
        source: table
  notes:
    - after the entries
"#;
        assert_eq!(cut(text).expect("cuts").entries[0].len(), 3);
        assert_eq!(pieces_agree(text), Some(Ok(())));
        let parts = load(
            &cut(text).unwrap(),
            &SourceFile::new(std::path::Path::new("x.yaml"), text),
        )
        .unwrap();
        assert!(format!("{:?}", parts.2).contains("One,\\n- code: 2\\n"));
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        for text in [
            "tables:\n  - entries:\n      - code: 1\r\n",
            "tables:\n  - entries:\n\t- code: 1\n",
            "---\ntables:\n  - entries:\n      - code: 1\n",
            "tables:\n  - entries: [1, 2]\n",
            "tables:\n  - entries:\n    code: 1\n",
            "tables:\n  - id: t\n",
        ] {
            assert_eq!(cut(text), None, "{text:?}");
        }
    }
}
