//! Property tests: random schemas, built as the serde types of `schema.rs` and written
//! as YAML, with arbitrary Unicode and punctuation in every text.
//!
//! - `valid_schemas_generate_parsing_deterministic_code`: a valid schema (every entry
//!   named with a distinct `rust_name`) generates; the output parses with
//!   `syn::parse_file`, carries every message as a string literal of exactly that
//!   text, and is byte for byte the same when generated again, from another
//!   directory, from the YAML of `schema_yaml::to_string`, and from YAML whose
//!   mappings list their keys in a shuffled order.
//! - `any_schema_generates_or_reports_cleanly`: entries mostly without `rust_name`,
//!   so names are derived from random codes and messages and may collide or be
//!   underivable. Such schemas are not filtered out: generation either succeeds (as
//!   above) or fails with diagnostics that each name the file, a key path and a line.
//!   Never a panic.
//! - `sampled_schemas_compile_and_round_trip`: a few schemas (fixed seed) are
//!   generated, with `classify`, into a throwaway crate compiled under
//!   `#![deny(warnings)]` whose `main` checks, for every entry,
//!   `from_code(code).code() == code`, `message() == Some(text)`, and that a response
//!   carrying the code classifies to a documented code.
//!
//! `PROPTEST_CASES` sets the number of cases of the first two (default 64 each);
//! `PROPTEST_COMPILE_SAMPLES` (default 4) and `PROPTEST_COMPILE_SEED` the third.

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use provider_errors_codegen::model::{Kind, Outcome, Retry};
use provider_errors_codegen::schema::{
    AlsoDocumented, CodeType, Entry, Location, Provider, RawCode, SchemaFile, Source, Table, Wire,
};
use provider_errors_codegen::{Config, Error, schema_yaml};
use serde_yaml::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- strategies

/// Characters that break naive generators: quotes, escapes, comment markers, YAML
/// indicators, line and paragraph separators, bidi controls, C0/C1 controls, a BOM.
const NASTY: &[char] = &[
    '"', '\'', '\\', '*', '/', '#', '!', '[', ']', '{', '}', '$', '%', '&', '|', '>', '<', ':', '-', '?',
    ',', '@', '`', '~', '\n', '\r', '\t', '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{a0}',
    '\u{200b}', '\u{200f}', '\u{202e}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', '\u{301}', 'é', 'ß',
    'İ', '日', 'م', '😀',
];

/// Whole strings that mean something to Rust, YAML or rustdoc.
const NASTY_TEXTS: &[&str] = &[
    "*/",
    "/*",
    "\"#",
    "r#\"",
    "#[x]",
    "#![x]",
    "}",
    "{}",
    "${x}",
    "Self",
    "self",
    "type",
    "crate",
    "_",
    "fn",
    "null",
    "~",
    "yes",
    "no",
    "true",
    "0x1F",
    "1e3",
    "- item",
    "key: value",
    "&anchor",
    "*alias",
    "!!str x",
    "|",
    ">",
    "---",
    "...",
    "```",
    "<script>",
    "\\",
    "\\u{0}",
    "\u{202e}abc",
];

fn any_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => any::<char>(),
        3 => prop::sample::select(NASTY),
        4 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        2 => Just(' '),
    ];
    let chars = prop::collection::vec(ch.clone(), 1..32).prop_map(|cs| cs.into_iter().collect::<String>());
    // Long enough for YAML emitters to fold the line.
    let long = prop::collection::vec(ch, 60..200).prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        7 => chars,
        1 => long,
        1 => prop::sample::select(NASTY_TEXTS).prop_map(str::to_owned),
        1 => (prop::sample::select(NASTY_TEXTS), "[ -~]{0,12}").prop_map(|(a, b)| format!("{a}{b}{a}")),
    ]
}

/// Text the schema requires to be non-blank (messages, names).
fn text() -> impl Strategy<Value = String> {
    any_text().prop_filter("blank", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = String> {
    (2000u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// Provider ids: keywords that need escaping as module names, or plain ones, none of
/// whose flat type names (`Crate...`, `P...`) can be a shared one (`CanonicalKind`).
fn provider_id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(&["type", "self", "crate", "super", "fn", "mod", "async", "dyn"][..])
            .prop_map(str::to_owned),
        "p[a-z0-9]{0,4}(_[a-z0-9]{1,3}){0,2}",
    ]
}

/// The first table may take a keyword id; the others are `t<i>_...`, whose type
/// names (`T<i>...`) cannot collide with each other or with a keyword's.
fn table_id(i: usize) -> BoxedStrategy<String> {
    let plain = "[a-z][a-z0-9]{0,3}(_[a-z0-9]{1,3}){0,2}".prop_map(move |s| format!("t{i}_{s}"));
    if i == 0 {
        prop_oneof![
            prop::sample::select(&["self", "type", "crate", "r", "status"][..]).prop_map(str::to_owned),
            plain,
        ]
        .boxed()
    } else {
        plain.boxed()
    }
}

#[derive(Debug, Clone, Copy)]
enum Codes {
    Int {
        location: Location,
        rust_type: Option<&'static str>,
    },
    Str {
        normalize: bool,
    },
}

fn codes_kind() -> impl Strategy<Value = Codes> {
    let int = prop::sample::select(
        &[
            None,
            Some("u16"),
            Some("u32"),
            Some("u64"),
            Some("i32"),
            Some("i64"),
        ][..],
    )
    .prop_map(|rust_type| Codes::Int {
        location: Location::JsonBody,
        rust_type,
    });
    let http = prop::sample::select(&[None, Some("u16")][..]).prop_map(|rust_type| Codes::Int {
        location: Location::HttpStatus,
        rust_type,
    });
    prop_oneof![3 => int, 1 => http, 3 => any::<bool>().prop_map(|normalize| Codes::Str { normalize })]
}

fn int_range(codes: Codes) -> (i128, i128) {
    match codes {
        Codes::Int {
            location: Location::HttpStatus,
            ..
        } => (100, 599),
        Codes::Int { rust_type, .. } => match rust_type {
            Some("u16") => (0, u16::MAX.into()),
            None | Some("u32") => (0, u32::MAX.into()),
            Some("u64") => (0, u64::MAX.into()),
            Some("i32") => (i32::MIN.into(), i32::MAX.into()),
            _ => (i64::MIN.into(), i64::MAX.into()),
        },
        Codes::Str { .. } => unreachable!(),
    }
}

/// Distinct codes of a table: the type's extremes, zero, and anything between.
fn raw_codes(codes: Codes) -> BoxedStrategy<Vec<RawCode>> {
    match codes {
        Codes::Str { .. } => {
            prop::collection::btree_set(any_text().prop_filter("empty", |s| !s.is_empty()), 1..7)
                .prop_map(|set| set.into_iter().map(RawCode::Str).collect())
                .boxed()
        }
        Codes::Int { .. } => {
            let (min, max) = int_range(codes);
            let one = prop_oneof![
                Just(min),
                Just(max),
                Just(0.clamp(min, max)),
                (min..=max),
                (min..=max.min(min + 1000)),
            ];
            prop::collection::btree_set(one, 1..7)
                .prop_map(|set| set.into_iter().map(RawCode::Int).collect())
                .boxed()
        }
    }
}

/// `rust_name: V<i><word>`: UpperCamelCase, never a keyword or a reserved name, and
/// distinct within the table.
fn rust_name(i: usize) -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{0,6}".prop_map(move |w| format!("V{i}{w}"))
}

fn entry(code: RawCode, i: usize, named: f64, json: bool) -> impl Strategy<Value = Entry> {
    let kinds = prop::sample::select(Kind::ALL).prop_map(|k| k.as_str().to_owned());
    let retries = prop::option::of(prop::sample::select(Retry::ALL).prop_map(|r| r.as_str().to_owned()));
    let outcomes = prop::option::of(prop::sample::select(Outcome::ALL).prop_map(|o| o.as_str().to_owned()));
    let also = prop::collection::vec(
        (text(), any_text()).prop_map(|(message, source)| AlsoDocumented { message, source }),
        0..2,
    );
    let status = if json {
        prop::option::of(100u64..=599).boxed()
    } else {
        Just(None).boxed()
    };
    (
        (text(), prop::option::of(text()), prop::option::of(text()), status),
        (kinds, retries, outcomes),
        (
            prop::option::weighted(named.min(0.999_999), rust_name(i)),
            also,
            notes(),
            notes(),
        ),
        prop::option::of(date()),
    )
        .prop_map(
            move |(
                (message, description, category, http_status),
                (kind, retry, outcome),
                (rust_name, also_documented, notes, errata),
                undocumented_since,
            )| Entry {
                code: code.clone(),
                message,
                description,
                http_status,
                category,
                kind,
                retry,
                outcome,
                rust_name,
                also_documented,
                notes,
                errata,
                undocumented_since,
            },
        )
}

fn table(i: usize, named: f64) -> impl Strategy<Value = Table> {
    (table_id(i), text(), prop::option::of(any_text()), codes_kind())
        .prop_flat_map(move |(id, name, description, codes)| {
            let entries = raw_codes(codes).prop_flat_map(move |raw| {
                let json = matches!(
                    codes,
                    Codes::Int {
                        location: Location::JsonBody,
                        ..
                    } | Codes::Str { .. }
                );
                raw.into_iter()
                    .enumerate()
                    .map(|(j, code)| entry(code, j, named, json))
                    .collect::<Vec<_>>()
            });
            (
                entries,
                notes(),
                notes(),
                Just((id, name.clone(), description.clone(), codes)),
            )
        })
        .prop_map(|(entries, notes, errata, (id, name, description, codes))| {
            let (code_type, location, rust_type, normalize) = match codes {
                Codes::Int { location, rust_type } => (CodeType::Integer, location, rust_type, false),
                Codes::Str { normalize } => (CodeType::String, Location::JsonBody, None, normalize),
            };
            Table {
                id,
                name,
                description,
                rust_name: None,
                code_type,
                rust_type: rust_type.map(str::to_owned),
                wire: wire(location, normalize),
                notes,
                errata,
                entries,
            }
        })
}

/// The `wire` of a table, read from YAML so that keys added to `Wire` later keep
/// their defaults.
fn wire(location: Location, normalize: bool) -> Wire {
    let yaml = match location {
        Location::HttpStatus => "location: http_status\n".to_owned(),
        Location::JsonBody => format!(
            "location: json_body\nfield: error.code\nmessage_field: error.message\nhttp_status: 200\n{}",
            if normalize {
                "match: normalize_whitespace\n"
            } else {
                ""
            }
        ),
    };
    serde_yaml::from_str(&yaml).expect("a valid wire")
}

fn notes() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(any_text(), 0..2)
}

/// A schema whose entries have a `rust_name` with probability `named`.
fn schema(named: f64) -> impl Strategy<Value = SchemaFile> {
    let tables = (1usize..=3).prop_flat_map(move |n| (0..n).map(|i| table(i, named)).collect::<Vec<_>>());
    (
        provider_id(),
        text(),
        prop::option::of(Just("https://example.invalid/errors?a=1&b=<c>".to_owned())),
        date(),
        prop::collection::vec(any_text(), 0..2),
        prop::option::of(Just(1u64)),
        tables,
    )
        .prop_map(
            |(id, name, url, retrieved, notes, schema_version, tables)| SchemaFile {
                schema_version,
                provider: Provider {
                    id,
                    name,
                    rust_name: None,
                    source: Source { url, retrieved },
                    notes,
                },
                tables,
            },
        )
}

// ---------------------------------------------------------------- helpers

fn yaml(schema: &SchemaFile) -> String {
    serde_yaml::to_string(schema).expect("schemas serialize")
}

/// The same data with the keys of every mapping in another order.
fn shuffled_yaml(schema: &SchemaFile, seed: u64) -> String {
    let mut value = serde_yaml::to_value(schema).expect("schemas serialize");
    let mut state = seed | 1;
    shuffle_keys(&mut value, &mut state);
    serde_yaml::to_string(&value).expect("values serialize")
}

fn shuffle_keys(value: &mut Value, state: &mut u64) {
    match value {
        Value::Mapping(map) => {
            let mut pairs: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            // Fisher-Yates with xorshift: the order depends only on the seed.
            for i in (1..pairs.len()).rev() {
                *state ^= *state << 13;
                *state ^= *state >> 7;
                *state ^= *state << 17;
                pairs.swap(i, (*state % (i as u64 + 1)) as usize);
            }
            for (key, mut value) in pairs {
                shuffle_keys(&mut value, state);
                map.insert(key, value);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| shuffle_keys(v, state)),
        _ => {}
    }
}

/// Generates from `text` written as `<dir>/<provider id>.yaml`.
fn generate_in(dir: &Path, file_name: &str, text: &str) -> (PathBuf, Result<String, Error>) {
    generate_with(dir, file_name, text, false, &[])
}

/// Like [`generate_in`], with `classify(status, body)` per provider when `classify`
/// and these tables (provider id, table id) as `TableShape::Constants`.
fn generate_with(
    dir: &Path,
    file_name: &str,
    text: &str,
    classify: bool,
    constants: &[(&str, &str)],
) -> (PathBuf, Result<String, Error>) {
    let path = dir.join(file_name);
    std::fs::write(&path, text).expect("the temp dir is writable");
    let mut config = Config::new();
    config.schema(&path).rerun_if_changed(false).classify(classify);
    for (provider, table) in constants {
        config.table_shape(provider, table, provider_errors_codegen::TableShape::Constants);
    }
    let result = config.generate();
    (path, result)
}

fn file_name(schema: &SchemaFile) -> String {
    format!("{}.yaml", schema.provider.id)
}

/// Every string literal's value in a generated file (which must parse).
fn string_literals(code: &str) -> HashSet<String> {
    fn walk(tokens: TokenStream, out: &mut HashSet<String>) {
        for token in tokens {
            match token {
                TokenTree::Group(g) => walk(g.stream(), out),
                TokenTree::Literal(lit) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                        out.insert(s.value());
                    }
                }
                _ => {}
            }
        }
    }
    match syn::parse_file(code) {
        // Formatted item by item, as prettyplease formats the whole file.
        Ok(file) => assert_eq!(
            prettyplease::unparse(&file),
            code.split_once("\n\n").map_or(code, |(_, body)| body),
            "formatted item by item differs from the whole file"
        ),
        Err(e) => panic!("generated code does not parse: {e}"),
    }
    let mut out = HashSet::new();
    walk(code.parse().expect("generated code tokenizes"), &mut out);
    out
}

/// Checks everything a successful generation promises; `code` came from `yaml(schema)`.
fn check_generated(schema: &SchemaFile, code: &str) -> Result<(), TestCaseError> {
    let literals = string_literals(code);
    for table in &schema.tables {
        for e in &table.entries {
            prop_assert!(
                literals.contains(&e.message),
                "message {:?} is not a literal",
                e.message
            );
            if let RawCode::Str(c) = &e.code {
                prop_assert!(literals.contains(c), "code {c:?} is not a literal");
            }
        }
    }
    let name = file_name(schema);
    let other = tempfile::tempdir().expect("a temp dir");
    let again = generate_in(other.path(), &name, &yaml(schema)).1;
    prop_assert_eq!(again.as_deref().ok(), Some(code), "not deterministic");
    for seed in [1u64, 0x9e37_79b9_7f4a_7c15] {
        let shuffled = generate_in(other.path(), &name, &shuffled_yaml(schema, seed)).1;
        prop_assert_eq!(
            shuffled.as_deref().ok(),
            Some(code),
            "key order changed the output"
        );
    }
    let written =
        schema_yaml::to_string(schema).map_err(|e| TestCaseError::fail(format!("schema_yaml: {e}")))?;
    let rewritten = generate_in(other.path(), &name, &written).1;
    prop_assert_eq!(
        rewritten.as_deref().ok(),
        Some(code),
        "schema_yaml's layout changed the output"
    );
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // Shrinking a schema is slow and the failing case is printed in full anyway.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_schemas_generate_parsing_deterministic_code(schema in schema(1.0)) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let (_, result) = generate_in(dir.path(), &file_name(&schema), &yaml(&schema));
        match result {
            Ok(code) => check_generated(&schema, &code)?,
            Err(e) => prop_assert!(false, "a valid schema failed:\n{e}\n{}", yaml(&schema)),
        }
    }

    /// Large files are read an entry at a time when their layout allows; the pieces
    /// must read exactly as the whole file, and never accept what it refuses. Here on
    /// small files, whatever their size, as `serde_yaml` lays them out, and with
    /// comments and blank lines between the entries.
    #[test]
    fn files_read_in_pieces_read_as_whole(schema in schema(0.5)) {
        let text = yaml(&schema);
        let spaced = text.replace("\n  - code:", "\n\n  # next\n  - code:");
        for variant in [&text, &spaced] {
            if let Some(Err(e)) = provider_errors_codegen::pieces_agree(variant) {
                prop_assert!(false, "{e}\n{variant}");
            }
        }
        // The serializer's own layout cuts, unless the text holds a character the cut
        // leaves to the whole read (tab, CR, NEL, LS, PS, BOM).
        let plain = !text.contains(['\t', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']);
        prop_assert!(!plain || provider_errors_codegen::pieces_agree(&text).is_some(), "does not cut:\n{}", text);
    }

    #[test]
    fn any_schema_generates_or_reports_cleanly(schema in schema(0.2)) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let (path, result) = generate_in(dir.path(), &file_name(&schema), &yaml(&schema));
        match result {
            Ok(code) => check_generated(&schema, &code)?,
            Err(e) => {
                for d in e.diagnostics() {
                    // Only names can be wrong in a schema built from valid parts.
                    prop_assert!(d.message.contains("variant name"), "unexpected problem: {}\n{}", d, yaml(&schema));
                    prop_assert_eq!(&*d.origin.file, path.as_path(), "{}", d);
                    prop_assert!(!d.origin.path.is_empty() && d.origin.line.is_some(), "does not point home: {}", d);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- compiled sample

/// A Rust expression of the code's value, typed for the table.
fn code_expr(code: &RawCode, rust_type: &str) -> String {
    match code {
        RawCode::Int(n) => format!("{n}{rust_type}"),
        RawCode::Str(s) => format!("{s:?}"),
    }
}

/// The values of an integer type named as in a schema's `rust_type`.
fn type_range(rust_type: &str) -> (i128, i128) {
    match rust_type {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" => (i64::MIN.into(), i64::MAX.into()),
        other => panic!("no integer type `{other}`"),
    }
}

fn default_rust_type(table: &Table) -> &str {
    match (&table.rust_type, table.wire.location) {
        (Some(t), _) => t,
        (None, Location::HttpStatus) => "u16",
        (None, Location::JsonBody) => "u32",
    }
}

/// An identifier as the generator writes it (`ident.rs`'s `escape_keyword`).
fn rust_ident(name: &str) -> String {
    if ["self", "Self", "super", "crate", "_"].contains(&name) {
        format!("{name}_")
    } else if syn::parse_str::<syn::Ident>(name).is_err() {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The checks of `main` for one schema, generated as module `m`.
fn round_trip_checks(m: &str, schema: &SchemaFile) -> String {
    let catalog = provider_errors_codegen::load_sources(
        &[(Path::new("x.yaml"), yaml(schema).as_bytes())],
        &Default::default(),
    )
    .expect("the sample loads");
    let provider = &catalog.providers[0];
    let mut out = String::new();
    for (table, model) in schema.tables.iter().zip(&provider.tables) {
        let ty = format!("{m}::{}::{}", provider.module, rust_ident(&model.rust_name));
        let rust_type = default_rust_type(table);
        out.push_str(&format!(
            "    assert_eq!({ty}::ALL.len(), {});\n",
            table.entries.len()
        ));
        let classify = format!("{m}::{}::classify", provider.module);
        for e in &table.entries {
            let code = code_expr(&e.code, rust_type);
            out.push_str(&format!(
                "    {{ let v = {ty}::from_code({code}); assert_eq!(v.code(), {code}); \
                 assert_eq!(v.message(), ::core::option::Option::Some({:?})); }}\n",
                e.message
            ));
            // A response carrying the code classifies to a documented code (this
            // table's, or another's that documents the same value).
            let response = match (table.wire.location, &e.code) {
                (Location::JsonBody, code) => {
                    let code = match code {
                        RawCode::Int(n) => {
                            serde_json::Value::from(n.to_string().parse::<serde_json::Number>().ok())
                        }
                        RawCode::Str(s) => serde_json::Value::from(s.as_str()),
                    };
                    Some((
                        200,
                        serde_json::json!({"error": {"code": code, "message": "m"}}).to_string(),
                    ))
                }
                (Location::HttpStatus, RawCode::Int(n)) => u16::try_from(*n).ok().map(|n| (n, String::new())),
                (Location::HttpStatus, RawCode::Str(_)) => None,
            };
            if let Some((status, body)) = response {
                out.push_str(&format!(
                    "    {{ let o = {classify}({status}, {body:?}.as_bytes()); \
                     assert!(o.code().is_some_and(|c| c.message().is_some()), \"{{o:?}}\"); }}\n"
                ));
            }
        }
        out.push_str(&format!("    let _ = {classify}(502, b\"<html>\");\n"));
        // Undocumented neighbours of documented codes stay undocumented (integer
        // tables look codes up by a perfect hash, where they may share a slot).
        let ints: Vec<i128> = table
            .entries
            .iter()
            .filter_map(|e| {
                if let RawCode::Int(n) = e.code {
                    Some(n)
                } else {
                    None
                }
            })
            .collect();
        // The same for string codes: one character more, one less, or the last
        // changed, so of a documented length too.
        let strs: Vec<&str> = table
            .entries
            .iter()
            .filter_map(|e| match &e.code {
                RawCode::Str(s) => Some(s.as_str()),
                RawCode::Int(_) => None,
            })
            .collect();
        let string_neighbours = strs.iter().flat_map(|s| {
            let mut shorter = s.chars();
            let last = shorter.next_back();
            let shorter = shorter.as_str();
            let changed = last.map(|c| format!("{shorter}{}", if c == 'a' { 'b' } else { 'a' }));
            [Some(format!("{s}a")), Some(shorter.to_owned()), changed]
        });
        // (Free-text tables match regardless of white space: skip what matches so.)
        let loosely_documented = |s: &str| {
            strs.iter()
                .any(|code| code.split_whitespace().eq(s.split_whitespace()))
        };
        for s in string_neighbours.flatten().filter(|s| !loosely_documented(s)) {
            out.push_str(&format!(
                "    {{ let v = {ty}::from_code({s:?}); assert_eq!(v.code(), {s:?}); \
                 assert!(!v.is_documented()); }}\n"
            ));
        }
        let (min, max) = type_range(rust_type);
        let neighbours = ints.iter().flat_map(|n| [n - 1, n + 1, n ^ 0x40, -n]);
        for n in neighbours.filter(|n| (min..=max).contains(n) && !ints.contains(n)) {
            out.push_str(&format!(
                "    {{ let v = {ty}::from_code({n}{rust_type}); assert_eq!(v.code(), {n}{rust_type}); \
                 assert!(!v.is_documented()); }}\n"
            ));
        }
    }
    out
}

#[test]
fn sampled_schemas_compile_and_round_trip() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (samples, seed) = (
        env("PROPTEST_COMPILE_SAMPLES", 4),
        env("PROPTEST_COMPILE_SEED", 1),
    );
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        RunnerConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let krate = tempfile::tempdir().expect("a temp dir");
    let src = krate.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let strategy = schema(0.5);
    let (mut lib, mut checks, mut taken, mut tries) = (String::new(), String::new(), 0, 0);
    while taken < samples && tries < samples * 20 {
        tries += 1;
        let schema = strategy.new_tree(&mut runner).expect("a schema").current();
        let dir = tempfile::tempdir().expect("a temp dir");
        // Derived names may collide: such a sample is skipped (the property above
        // checks those errors).
        // Every other sample has its integer tables as `TableShape::Constants`.
        let constants: Vec<(&str, &str)> = schema
            .tables
            .iter()
            .filter(|t| taken % 2 == 1 && t.code_type == CodeType::Integer)
            .map(|t| (schema.provider.id.as_str(), t.id.as_str()))
            .collect();
        let generated = generate_with(dir.path(), &file_name(&schema), &yaml(&schema), true, &constants);
        let Ok(code) = generated.1 else {
            continue;
        };
        assert!(constants.is_empty() || code.contains("non_upper_case_globals"));
        let m = format!("s{taken}");
        std::fs::write(src.join(format!("{m}.rs")), &code).unwrap();
        lib.push_str(&format!("pub mod {m} {{\n    include!(\"{m}.rs\");\n}}\n"));
        checks.push_str(&round_trip_checks(&format!("probe::{m}"), &schema));
        taken += 1;
    }
    assert_eq!(taken, samples, "too few samples generated");
    std::fs::write(src.join("lib.rs"), format!("#![deny(warnings)]\n{lib}")).unwrap();
    let main = format!("#![deny(warnings)]\nfn main() {{\n{checks}    println!(\"round trip ok\");\n}}\n");
    std::fs::write(src.join("main.rs"), main).unwrap();
    std::fs::write(
        krate.path().join("Cargo.toml"),
        "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\nserde = \"1\"\nserde_json = \"1\"\n",
    )
    .unwrap();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/property-probe");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(krate.path())
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let kept = krate.keep();
        panic!("the sampled crate failed (kept in {}):\n{stderr}", kept.display());
    }
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "round trip ok",
        "{stderr}"
    );
}
