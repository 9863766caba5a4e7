//! Bounded time on large and hostile input. The large cases are built at run time
//! rather than committed: a 1 MB message, 100 000 codes, 10 000 copies of one code,
//! 10 000 tables. Every file of the corpus (invalid and valid schemas) is timed too.
//!
//! Debug builds are slow and CI machines are shared, so the bound asserted here is a
//! loose 5 s per case; the real figures (release build, time and peak memory) are in
//! RELIABILITY.md. To measure them, write the large cases out with
//! `PROVIDER_ERRORS_LIMIT_CASES=<dir> cargo test -p provider-errors-codegen --test limits`
//! and run `/usr/bin/time -v provider-errors check <dir>/<case>.yaml`.

use provider_errors_codegen::model::Code;
use provider_errors_codegen::{Config, Limits, load_sources};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The loose bound of one case in a debug build.
const BOUND: Duration = Duration::from_secs(5);

const HEADER: &str = "provider:\n  id: big\n  name: Big\n  source:\n    retrieved: 2026-01-01\ntables:\n";

fn integer_table(id: &str, entries: &str) -> String {
    format!(
        "  - id: {id}\n    name: Status\n    code_type: integer\n    rust_type: i64\n    wire:\n      \
         location: json_body\n      field: code\n    entries:\n{entries}"
    )
}

/// `n` entries, `entry(i)` giving the code and message of the i-th.
fn entries(n: usize, entry: impl Fn(usize) -> (i64, String)) -> String {
    let mut out = String::with_capacity(n * 64);
    for i in 0..n {
        let (code, message) = entry(i);
        out.push_str(&format!(
            "      - code: {code}\n        message: \"{message}\"\n        kind: internal\n"
        ));
    }
    out
}

/// Writes the case for measuring when `PROVIDER_ERRORS_LIMIT_CASES` names a directory.
fn keep(name: &str, text: &str) {
    if let Some(dir) = std::env::var_os("PROVIDER_ERRORS_LIMIT_CASES") {
        std::fs::create_dir_all(&dir).expect("the case directory can be created");
        std::fs::write(Path::new(&dir).join(format!("{name}.yaml")), text).expect("the case is written");
    }
}

/// Loads `text` as `<name>.yaml`, within the bound.
fn timed_load(name: &str, text: &str) -> Result<provider_errors_codegen::model::Catalog, String> {
    timed_load_within(name, text, BOUND)
}

fn timed_load_within(
    name: &str,
    text: &str,
    bound: Duration,
) -> Result<provider_errors_codegen::model::Catalog, String> {
    keep(name, text);
    let start = Instant::now();
    let result = load_sources(
        &[(Path::new(&format!("{name}.yaml")), text.as_bytes())],
        &Limits::default(),
    );
    let elapsed = start.elapsed();
    eprintln!("{name}: {} bytes, {elapsed:?}", text.len());
    assert!(elapsed < bound, "{name} took {elapsed:?}");
    result.map_err(|e| e.to_string())
}

#[test]
fn a_one_megabyte_message_comes_back_exactly() {
    // Every escape YAML and Rust have, repeated to 1 MiB.
    let unit = "quote \\\" backslash \\\\ comment */ /* hash # tab \\t nul \\0 bell \\a rtl \\u202e é 日本 ";
    let decoded: String = serde_yaml::from_str(&format!("\"{unit}\"")).expect("a YAML string");
    let message_yaml = unit.repeat((1 << 20) / decoded.len() + 1);
    let text = format!(
        "{HEADER}{}",
        integer_table("status", &entries(1, |_| (1, message_yaml.clone())))
    );
    let catalog = timed_load("one_megabyte_message", &text).unwrap_or_else(|e| panic!("{e}"));
    let message = &catalog.providers[0].tables[0].entries[0].message;
    assert!(message.len() > 1 << 20, "{}", message.len());
    assert!(message.starts_with(
        "quote \" backslash \\ comment */ /* hash # tab \t nul \0 bell \u{7} rtl \u{202e} é 日本 "
    ));

    // And through generation: the message is one string literal of exactly that text.
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, &text).unwrap();
    let start = Instant::now();
    let code = Config::new()
        .schema(&path)
        .rerun_if_changed(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let elapsed = start.elapsed();
    eprintln!("one_megabyte_message generate: {elapsed:?}");
    assert!(elapsed < BOUND * 2, "generate took {elapsed:?}");
    let file = syn::parse_file(&code).expect("the generated code parses");
    let tokens = quote::quote!(#file).to_string();
    let literal = proc_macro2::Literal::string(message).to_string();
    assert!(tokens.contains(&literal), "the message is not one literal");
}

#[test]
fn a_hundred_thousand_codes_load() {
    let n = 100_000;
    let text = format!(
        "{HEADER}{}",
        integer_table(
            "status",
            &entries(n, |i| (i as i64 - 50_000, format!("Message {i}.")))
        )
    );
    // 8 MB of YAML: ~1 s in a release build, ~9 s unoptimized (the YAML parser).
    let bound = if cfg!(debug_assertions) { BOUND * 6 } else { BOUND };
    let catalog = timed_load_within("hundred_thousand_codes", &text, bound).unwrap_or_else(|e| panic!("{e}"));
    let entries = &catalog.providers[0].tables[0].entries;
    assert_eq!(entries.len(), n);
    let last = &entries[n - 1];
    assert_eq!(
        (&last.code, last.message.as_str()),
        (&Code::Int(49_999), "Message 99999.")
    );
    assert_eq!(last.rust_name, "Message99999");
    // The line of the last entry: diagnostics still point home at the end of the file.
    assert_eq!(last.origin.line, Some(7 + 8 + 3 * (n - 1)));
}

#[test]
fn more_codes_than_the_limit_are_refused() {
    // Read in pieces (over 1 MiB): refused before the entries are parsed.
    let n = 100_001;
    let text = format!(
        "{HEADER}{}",
        integer_table("status", &entries(n, |i| (i as i64, format!("M{i}."))))
    );
    let error = timed_load("hundred_thousand_and_one_codes", &text).expect_err("over the limit");
    assert!(
        error
            .contains("hundred_thousand_and_one_codes.yaml: file has 100001 codes, over the limit of 100000"),
        "{error}"
    );
    assert!(error.contains("raise `Config::max_codes`"), "{error}");
    // Read whole (a small file), with a lower limit: counted after parsing.
    let small = format!(
        "{HEADER}{}",
        integer_table("status", &entries(5, |i| (i as i64, format!("M{i}."))))
    );
    let limits = Limits {
        max_codes: 4,
        ..Limits::default()
    };
    let error = load_sources(&[(Path::new("small.yaml"), small.as_bytes())], &limits)
        .expect_err("over the limit")
        .to_string();
    assert!(
        error.contains("small.yaml: file has 5 codes, over the limit of 4"),
        "{error}"
    );
    let limits = Limits {
        max_codes: 5,
        ..Limits::default()
    };
    assert!(load_sources(&[(Path::new("small.yaml"), small.as_bytes())], &limits).is_ok());
}

#[test]
fn ten_thousand_copies_of_one_code_report_in_linear_size() {
    // Each copy's diagnostic once listed every other copy: 4.5 GB of text for this.
    let n = 10_000;
    let text = format!(
        "{HEADER}{}",
        integer_table("status", &entries(n, |i| (7, format!("Copy {i}."))))
    );
    let report = timed_load("ten_thousand_copies", &text).expect_err("duplicate codes");
    assert_eq!(report.matches("code `7` is defined 10000 times").count(), n);
    assert!(report.contains(" and 9995 more"), "{}", &report[..500]);
    assert!(report.len() < 1000 * n, "{} bytes of report", report.len());

    let same = entries(n, |i| (i as i64, "Same.".to_owned()));
    let report = timed_load(
        "ten_thousand_same_names",
        &format!("{HEADER}{}", integer_table("status", &same)),
    )
    .expect_err("names collide");
    assert_eq!(
        report
            .matches("variant name `Same` is shared by codes 0, 1, 2, 3, 4 and 9995 more")
            .count(),
        n
    );
}

#[test]
fn ten_thousand_tables_load() {
    // Checking table names for repeats was quadratic: 50 000 tables took 11 s.
    let n = 10_000;
    let mut text = HEADER.to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "  - id: t{i}\n    name: T\n    code_type: integer\n    wire: {{location: http_status}}\n    \
             entries: [{{code: 200, message: OK, kind: ok}}]\n"
        ));
    }
    let catalog = timed_load("ten_thousand_tables", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.providers[0].tables.len(), n);
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the directory exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_case_answers_quickly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = files_in(&root.join("tests/invalid_schemas"));
    cases.push(root.join("tests/invalid_schemas/dup_provider"));
    cases.extend(files_in(&root.join("tests/schemas")));
    cases.extend(files_in(&root.join("../schema")));
    assert!(cases.len() > 60, "{} cases", cases.len());
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for case in &cases {
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| provider_errors_codegen::load(&[case]));
        let elapsed = start.elapsed();
        assert!(result.is_ok(), "{} panicked", case.display());
        assert!(elapsed < BOUND, "{} took {elapsed:?}", case.display());
        eprintln!("{elapsed:>12.3?}  {}", case.display());
        if elapsed > slowest.0 {
            slowest = (elapsed, case.clone());
        }
    }
    eprintln!(
        "{} corpus cases; slowest {:?} ({})",
        cases.len(),
        slowest.0,
        slowest.1.display()
    );
}
