//! One schema file as YAML text, both ways, for tools that rewrite schemas (`import`).
//!
//! The loader ([`crate::load`]) only reads; this module reads a file into the serde
//! types as written (no validation, so a file with no tables yet can be filled) and
//! writes them back in one stable layout: keys in the order of [`crate::schema`]'s
//! structs, sequences indented under their key as in the hand-written schemas,
//! multi-line text as `|` blocks, everything else quoted only where YAML needs it.
//! Every text written is read back and compared before it is returned, so a string
//! YAML cannot carry is an error, never a silent change.

use crate::error::{Error, Origin};
use crate::schema::SchemaFile;
use serde_yaml::Value;
use std::fmt::Write as _;
use std::path::Path;

/// Reads one schema file into the serde types, without validating it. When it does
/// not deserialize, the error is the loader's: every problem with file, line and
/// key path.
pub fn read(path: &Path) -> Result<SchemaFile, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(Origin::file(path), format!("cannot read the schema: {e}"), None))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match serde_yaml::from_str::<SchemaFile>(text) {
        Ok(schema) => Ok(schema),
        Err(e) => Err(crate::load(&[path])
            .err()
            .unwrap_or_else(|| Error::new(Origin::file(path), e.to_string(), None))),
    }
}

/// The YAML text of a schema, checked to read back to the same data.
pub fn to_string(schema: &SchemaFile) -> Result<String, Error> {
    let internal = |message: String| {
        Error::new(
            Origin::file(Path::new("provider-errors-codegen")),
            format!("internal error: {message}"),
            Some("this is a bug in provider-errors-codegen; please report it with the page".to_owned()),
        )
    };
    let value = serde_yaml::to_value(schema).map_err(|e| internal(e.to_string()))?;
    let mut text = String::new();
    emit_block(&mut text, &value, 0);
    let back: SchemaFile = serde_yaml::from_str(&text)
        .map_err(|e| internal(format!("the YAML written does not read back: {e}")))?;
    let back = serde_yaml::to_value(&back).map_err(|e| internal(e.to_string()))?;
    if back != value {
        return Err(internal("the YAML written reads back as other data".to_owned()));
    }
    Ok(text)
}

/// Writes a mapping or sequence that starts on a new line at `indent`.
fn emit_block(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Mapping(map) => {
            for (key, value) in map {
                pad(out, indent);
                out.push_str(&scalar(key, indent));
                out.push(':');
                emit_value(out, value, indent);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                pad(out, indent);
                out.push('-');
                emit_item(out, item, indent);
            }
        }
        other => {
            pad(out, indent);
            out.push_str(&scalar(other, indent));
            out.push('\n');
        }
    }
}

/// The value of a mapping key at `indent`, after its `key:`.
fn emit_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Mapping(map) if !map.is_empty() => {
            out.push('\n');
            emit_block(out, value, indent + 2);
        }
        Value::Sequence(items) if !items.is_empty() => {
            out.push('\n');
            emit_block(out, value, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, indent));
            out.push('\n');
        }
    }
}

/// A sequence item at `indent`, after its `-`: a mapping's first key goes on the
/// dash's line, the others line up under it.
fn emit_item(out: &mut String, item: &Value, indent: usize) {
    match item {
        Value::Mapping(map) if !map.is_empty() => {
            out.push(' ');
            let mut rest = String::new();
            emit_block(&mut rest, item, indent + 2);
            out.push_str(rest.get(indent + 2..).unwrap_or_default());
        }
        Value::Sequence(items) if !items.is_empty() => {
            out.push('\n');
            emit_block(out, item, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, indent));
            out.push('\n');
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A scalar (or an empty collection) written inline; block text is indented two
/// spaces past `indent`, the indent of its key or dash.
fn scalar(value: &Value, indent: usize) -> String {
    match value {
        Value::String(s) if s.contains('\n') => multi_line(s, indent),
        // serde_yaml writes these raw, and YAML readers fold or drop them.
        Value::String(s) if s.chars().any(|c| c.is_control() || is_break(c)) => double_quoted(s),
        Value::Mapping(_) => "{}".to_owned(),
        Value::Sequence(_) => "[]".to_owned(),
        other => serde_yaml::to_string(other)
            .map(|t| t.trim_end_matches('\n').to_owned())
            .unwrap_or_else(|_| "~".to_owned()),
    }
}

/// Text with line breaks: a `|-` (or `|`) block when every line can stand in one
/// as it is, else a double-quoted string with escapes.
fn multi_line(s: &str, indent: usize) -> String {
    let (body, header) = match s.strip_suffix('\n') {
        Some(body) => (body, "|"),
        None => (s, "|-"),
    };
    let plain = |line: &str| line.trim_end() == line && !line.chars().any(|c| c.is_control() || is_break(c));
    let fits = body.split('\n').all(plain)
        && !body.is_empty()
        && !body.starts_with([' ', '\n'])
        && !body.ends_with('\n');
    if !fits {
        return double_quoted(s);
    }
    let mut block = header.to_owned();
    for line in body.split('\n') {
        block.push('\n');
        if !line.is_empty() {
            pad(&mut block, indent + 2);
            block.push_str(line);
        }
    }
    block
}

/// Characters YAML may read as line breaks or that editors hide.
fn is_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A double-quoted YAML string: printable characters as they are, everything else
/// escaped.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_break(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let schema: SchemaFile = serde_yaml::from_str(text).unwrap();
        to_string(&schema).unwrap()
    }

    const SMALL: &str = "provider:\n  id: acme\n  name: Acme\n  source:\n    retrieved: 2026-01-02\n\
        tables:\n  - id: t\n    name: T\n    code_type: integer\n    wire:\n      location: http_status\n\
        \x20   entries:\n      - code: 404\n        message: Not Found\n        kind: not_found\n\
        \x20       notes:\n          - \"a: b\"\n";

    #[test]
    fn layout_follows_the_hand_written_schemas() {
        let text = round_trip(SMALL);
        assert_eq!(text, SMALL.replace("\"a: b\"", "'a: b'"));
        assert_eq!(round_trip(&text), text, "stable");
    }

    #[test]
    fn awkward_text_survives() {
        let messages = [
            "Line one.\nLine two.",
            "ends with a break\n",
            "  leading spaces\nsecond",
            "trailing \nspace",
            "blank\n\n\nlines",
            "tab\tinside\nand more",
            "crlf\r\nline",
            "nel\u{85}x\ny",
            "ls\u{2028}x",
            "one line with nel\u{85} and tab\t",
            "bom\u{feff}x\ny",
            "\n",
            "- list\n# heading",
            "quote\" backslash\\ \u{7}",
            "ünïcödé — “quotes” 日本語",
            "123",
            "null",
        ];
        for message in messages {
            let mut schema: SchemaFile = serde_yaml::from_str(SMALL).unwrap();
            schema.tables[0].entries[0].message = message.to_owned();
            let written = to_string(&schema).unwrap();
            let back: SchemaFile = serde_yaml::from_str(&written).unwrap();
            assert_eq!(back.tables[0].entries[0].message, message, "{written}");
        }
    }

    #[test]
    fn block_text_is_indented_under_its_key() {
        let text = SMALL.replace("message: Not Found", "message: \"one\\ntwo\"");
        let written = round_trip(&text);
        assert!(
            written.contains("        message: |-\n          one\n          two\n"),
            "{written}"
        );
    }
}
