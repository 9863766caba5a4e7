//! Invalid schemas, each with the error text it must produce.
//!
//! Every `tests/invalid_schemas/*.yaml` is one problem (or, in `many_problems.yaml`,
//! many at once), named after it. Each is loaded alone and its error snapshot in
//! `tests/snapshots/`; `invalid_schemas/dup_provider/` is loaded as one directory.
//! `not_utf8.yaml`, `byte_order_mark.yaml` and `crlf_line_endings.yaml` hold their odd
//! bytes on purpose (see `invalid_schemas/.gitattributes`): keep editors away from them.

use provider_errors_codegen::{Diagnostic, Error, load};
use std::path::{MAIN_SEPARATOR, Path, PathBuf};

/// Cases whose problem is the whole file, so their diagnostics have no key path.
const WHOLE_FILE: &[&str] = &[
    "alias_after_block_scalar.yaml",
    "alias_after_byte_order_mark_inside.yaml",
    "alias_after_carriage_return.yaml",
    "alias_after_colon_in_flow_scalar.yaml",
    "alias_after_document_marker_and_tab.yaml",
    "alias_after_flow_comment.yaml",
    "alias_after_flow_key_indicator.yaml",
    "alias_bomb.yaml",
    "alias_fan_out.yaml",
    "deeply_nested.yaml",
    "empty_file.yaml",
    "not_utf8.yaml",
    "only_comments.yaml",
    "raw_control_character.yaml",
    "tab_indentation.yaml",
    "top_level_not_mapping.yaml",
    "two_documents.yaml",
    "unclosed_brackets.yaml",
    "yaml_syntax_error.yaml",
    "yaml_tags.yaml",
];

/// Whole-file cases that still know the line of the problem.
const WHOLE_FILE_WITH_LINE: &[&str] = &[
    "alias_after_block_scalar.yaml",
    "alias_after_byte_order_mark_inside.yaml",
    "alias_after_carriage_return.yaml",
    "alias_after_colon_in_flow_scalar.yaml",
    "alias_after_document_marker_and_tab.yaml",
    "alias_after_flow_comment.yaml",
    "alias_after_flow_key_indicator.yaml",
    "alias_bomb.yaml",
    "alias_fan_out.yaml",
    "deeply_nested.yaml",
    "not_utf8.yaml",
    "raw_control_character.yaml",
    "tab_indentation.yaml",
    "unclosed_brackets.yaml",
    "yaml_syntax_error.yaml",
    "yaml_tags.yaml",
];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("invalid_schemas")
}

/// Loads `paths`, which must fail.
fn load_err(paths: &[&Path]) -> Error {
    match load(paths) {
        Ok(_) => panic!("{paths:?} loaded without an error"),
        Err(e) => e,
    }
}

/// The error text with `dir` shown as `invalid_schemas`, so that snapshots do not
/// depend on where the repository is checked out.
fn stable_text(err: &Error, dir: &Path, shown_as: &str) -> String {
    let prefix = format!("{}{MAIN_SEPARATOR}", dir.display());
    err.to_string().replace(&prefix, &format!("{shown_as}/"))
}

/// What a case that loads without error snapshots: plainly wrong, so that one run
/// still snapshots every other case while `never_panics_and_...` fails on it.
const ACCEPTED: &str = "ACCEPTED: this invalid schema loaded without an error";

#[test]
fn errors() {
    insta::glob!("invalid_schemas/*.yaml", |path| {
        let dir = path.parent().expect("a case is in a directory");
        let text = match load(&[path]) {
            Ok(_) => ACCEPTED.to_owned(),
            Err(err) => stable_text(&err, dir, "invalid_schemas"),
        };
        insta::assert_snapshot!(text);
    });
}

#[test]
fn duplicate_provider_in_one_directory() {
    let dir = cases_dir().join("dup_provider");
    let err = load_err(&[&dir]);
    insta::assert_snapshot!(stable_text(&err, &dir, "invalid_schemas/dup_provider"));
}

/// The `.yaml` files of a directory, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the cases directory exists")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

/// What is missing from a diagnostic that should point home: the file, and unless
/// the whole file is at fault, a key path and a line.
fn where_missing(
    d: &Diagnostic,
    file: &Path,
    whole_file: bool,
    whole_file_line: bool,
) -> Option<&'static str> {
    if *d.origin.file != *file {
        Some("names another file")
    } else if d.message.is_empty() {
        Some("has no message")
    } else if whole_file && !d.origin.path.is_empty() {
        Some("has a key path for a whole-file problem")
    } else if whole_file && whole_file_line && d.origin.line.is_none() {
        Some("has no line")
    } else if !whole_file && d.origin.path.is_empty() {
        Some("has no key path")
    } else if !whole_file && d.origin.line.is_none() {
        Some("has no line")
    } else {
        None
    }
}

#[test]
fn never_panics_and_every_diagnostic_points_home() {
    let files = yaml_files(&cases_dir());
    assert!(files.len() >= 20, "only {} cases", files.len());
    // Every case is checked before failing, so one run lists every bad diagnostic.
    let mut problems = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 file name");
        let err = match std::panic::catch_unwind(|| load(&[file])) {
            Ok(Err(err)) => err,
            Ok(Ok(_)) => {
                problems.push(format!("{name}: loaded without an error"));
                continue;
            }
            Err(_) => panic!("loading {name} panicked"),
        };
        assert!(
            !err.diagnostics().is_empty(),
            "{name}: an error without diagnostics"
        );
        let whole_file = WHOLE_FILE.contains(&name);
        let with_line = WHOLE_FILE_WITH_LINE.contains(&name);
        for d in err.diagnostics() {
            if let Some(missing) = where_missing(d, file, whole_file, with_line) {
                problems.push(format!("{name}: the diagnostic {missing}: `{d}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn duplicate_provider_names_both_files() {
    let dir = cases_dir().join("dup_provider");
    let err = load_err(&[&dir]);
    let mut named: Vec<&Path> = err.diagnostics().iter().map(|d| &*d.origin.file).collect();
    named.sort();
    named.dedup();
    assert_eq!(named, yaml_files(&dir), "{err}");
    for d in err.diagnostics() {
        assert!(!d.origin.path.is_empty() && d.origin.line.is_some(), "`{d}`");
    }
}
