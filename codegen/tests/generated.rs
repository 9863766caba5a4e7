//! Snapshots of the generated code. Each snapshot is a plain `.rs` file that the
//! `provider-errors-tests` crate compiles under `#![deny(warnings)]` (and CI's clippy
//! `-D warnings`), so a change in the output is reviewed and compiled. Regenerate with
//! `EXPECTORATE=overwrite cargo test -p provider-errors-codegen --test generated`.

use provider_errors_codegen::{Config, Layout, TableShape};
use std::path::Path;

fn config(schema: &str) -> Config {
    let mut config = Config::new();
    config.schema(schema);
    config
}

fn generate(config: &Config) -> String {
    config.generate().unwrap_or_else(|e| panic!("{e}"))
}

fn snapshot(name: &str, config: &Config) {
    let code = generate(config);
    assert_formatted_as_one_file(&code);
    expectorate::assert_contents(format!("tests/generated/{name}.rs"), &code);
}

/// The generator formats item by item; the result must be what prettyplease makes
/// of the whole file (the `@generated` comment aside, which it does not keep).
fn assert_formatted_as_one_file(code: &str) {
    let body = code.split_once("\n\n").map_or(code, |(_, body)| body);
    let whole = prettyplease::unparse(&syn::parse_file(code).expect("the generated code parses"));
    if whole != body {
        let line = whole.lines().zip(body.lines()).position(|(a, b)| a != b);
        panic!("formatted item by item differs from the whole file at line {line:?}");
    }
}

#[test]
fn every_layout_and_visibility_formats_as_one_file() {
    for layout in [Layout::Modules, Layout::Flat] {
        for visibility in ["pub", "pub(crate)"] {
            for classify in [false, true] {
                let mut config = config("../schema");
                config.layout(layout).visibility(visibility).classify(classify);
                assert_formatted_as_one_file(&generate(&config));
            }
        }
    }
}

#[test]
fn each_provider() {
    for provider in ["dataforseo", "http", "serpapi", "serplify", "seven_bridges"] {
        snapshot(provider, &config(&format!("../schema/{provider}.yaml")));
    }
}

#[test]
fn two_providers_for_the_derive_ui_tests() {
    let mut config = config("../schema");
    config.providers(["dataforseo", "serplify"]);
    snapshot("dataforseo_serplify", &config);
}

#[test]
fn all_providers_flat_with_serde() {
    let mut config = config("../schema");
    config.layout(Layout::Flat).serde(true);
    snapshot("all_flat_serde", &config);
}

#[test]
fn hostile_text() {
    snapshot("hostile", &config("tests/schemas/hostile.yaml"));
    let mut config = config("tests/schemas/hostile.yaml");
    config.no_std(true).visibility("pub(crate)").layout(Layout::Flat);
    snapshot("hostile_no_std", &config);
}

#[test]
fn classification() {
    let mut all = config("../schema");
    all.classify(true);
    snapshot("classify", &all);
    let mut hostile = config("tests/schemas/hostile.yaml");
    hostile
        .classify(true)
        .classify_max_body_bytes(1024)
        .no_std(true)
        .visibility("pub(crate)")
        .layout(Layout::Flat);
    snapshot("hostile_classify_no_std", &hostile);
}

/// `TableShape::Constants` for every integer table: the seed providers with
/// classification and serde, and the hostile and edge-case schemas (keyword names,
/// `i64` and negative codes, flat `no_std` `pub(crate)`).
#[test]
fn tables_of_constants() {
    let mut seeds = config("../schema");
    seeds.classify(true).serde(true);
    for (provider, table) in [
        ("dataforseo", "http"),
        ("dataforseo", "status"),
        ("http", "status"),
        ("serpapi", "http"),
        ("seven_bridges", "code"),
    ] {
        seeds.table_shape(provider, table, TableShape::Constants);
    }
    snapshot("constants", &seeds);
    let mut hostile = config("tests/schemas/hostile.yaml");
    hostile.schema("tests/schemas/edge_cases.yaml");
    hostile
        .classify(true)
        .classify_max_body_bytes(1024)
        .no_std(true)
        .visibility("pub(crate)")
        .layout(Layout::Flat);
    for table in ["self", "ref", "fn", "mod"] {
        hostile.table_shape("type", table, TableShape::Constants);
    }
    hostile.table_shape("crate", "super", TableShape::Constants);
    snapshot("hostile_constants_no_std", &hostile);
}

#[test]
fn table_shape_mistakes_are_reported() {
    let mut config = config("../schema");
    config
        .table_shape("dataforsoe", "status", TableShape::Constants)
        .table_shape("http", "stauts", TableShape::Constants)
        .table_shape("serplify", "error_code", TableShape::Constants)
        // A string table may be given the default shape.
        .table_shape("serpapi", "error_message", TableShape::Enum);
    let error = config.generate().unwrap_err().to_string();
    for expected in [
        "Config::table_shape: no provider `dataforsoe` among the generated ones",
        "did you mean `dataforseo`?",
        "Config::table_shape: provider `http` has no table `stauts`",
        "did you mean `status`? its tables: status",
        "serplify.yaml",
        "table `serplify.error_code` has string codes, and `TableShape::Constants` is for integer tables",
        "leave this table as `TableShape::Enum`",
    ] {
        assert!(error.contains(expected), "`{expected}` not in:\n{error}");
    }
    assert!(!error.contains("error_message"), "{error}");

    // The last call for a table wins; a provider left out by `providers` is unknown.
    let mut config = self::config("../schema");
    config
        .table_shape("serplify", "error_code", TableShape::Constants)
        .table_shape("serplify", "error_code", TableShape::Enum);
    assert!(config.generate().is_ok());
    config
        .providers(["http"])
        .table_shape("dataforseo", "status", TableShape::Constants);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains("no provider `dataforseo` among the generated ones"),
        "{error}"
    );
}

#[test]
fn classification_is_off_by_default_and_adds_only() {
    let off = generate(&config("../schema"));
    assert!(!off.contains("classify") && !off.contains("serde_json"));
    let mut on = config("../schema");
    on.classify(true);
    let on = generate(&on);
    // Everything generated without the option is there, unchanged and in order: the
    // lines without it are a subsequence of the lines with it.
    let mut with = on.lines();
    for line in off.lines() {
        assert!(
            with.any(|l| l == line),
            "missing or moved with `classify`: {line}"
        );
    }
}

#[test]
fn classification_reports_name_clashes() {
    let dir = std::env::temp_dir().join(format!("provider-errors-classify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = "provider: {id: a, name: A, rust_name: Retry, source: {retrieved: 2026-01-01}}\n\
         tables:\n  - {id: t, rust_name: ResponseCode, name: T, code_type: integer, wire: {location: http_status},\n     \
         entries: [{code: 200, message: OK, kind: ok}]}\n  \
         - {id: u, rust_name: Policy, name: U, code_type: integer, wire: {location: http_status},\n     \
         entries: [{code: 200, message: OK, kind: ok}]}\n";
    std::fs::write(dir.join("a.yaml"), schema).unwrap();
    let mut config = config(dir.to_str().unwrap());
    assert!(config.generate().is_ok(), "no clash without `classify`");
    config.classify(true);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains("type `ResponseCode` would clash with the code type generated for `Config::classify`"),
        "{error}"
    );
    // Flat: `Retry` + `Policy` is `RetryPolicy`, one of classification's shared types.
    config.layout(Layout::Flat);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains("type `RetryPolicy` would clash with a type generated for `Config::classify`"),
        "{error}"
    );
    // A provider module named like classification's support module.
    let schema = "provider: {id: classify_support, name: S, source: {retrieved: 2026-01-01}}\n\
         tables:\n  - {id: t, name: T, code_type: integer, wire: {location: http_status},\n     \
         entries: [{code: 200, message: OK, kind: ok}]}\n";
    std::fs::write(dir.join("a.yaml"), schema).unwrap();
    let mut config = crate::config(dir.to_str().unwrap());
    assert!(config.generate().is_ok(), "no clash without `classify`");
    config.classify(true);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains(
            "module `classify_support` would clash with the module generated for `Config::classify`"
        ),
        "{error}"
    );
    config.layout(Layout::Flat);
    assert!(
        config.generate().is_ok(),
        "no provider modules in the flat layout"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn edge_cases() {
    snapshot("edge_cases", &config("tests/schemas/edge_cases.yaml"));
}

#[test]
fn output_is_deterministic_and_independent_of_file_order() {
    let forward = generate(&config("../schema"));
    assert_eq!(forward, generate(&config("../schema")));
    let mut reversed = Config::new();
    for provider in ["serplify", "seven_bridges", "serpapi", "http", "dataforseo"] {
        reversed.schema(format!("../schema/{provider}.yaml"));
    }
    assert_eq!(forward, generate(&reversed));
    assert!(forward.starts_with("// @generated by provider-errors-codegen from dataforseo.yaml, http.yaml,"));
}

#[test]
fn a_subset_of_providers() {
    let mut config = config("../schema");
    config.providers(["serplify"]);
    let code = generate(&config);
    assert!(code.contains("pub mod serplify"));
    assert!(!code.contains("pub mod dataforseo"));
}

#[test]
fn configuration_mistakes_are_reported() {
    let mut config = config("../schema");
    config.providers(["dataforsoe"]);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains("no provider `dataforsoe` in the schemas"),
        "{error}"
    );
    assert!(error.contains("did you mean `dataforseo`?"), "{error}");

    let mut config = self::config("../schema");
    config.visibility("public");
    let error = config.generate().unwrap_err().to_string();
    assert!(error.contains("`public` is not a visibility"), "{error}");
}

#[test]
fn flat_layout_reports_type_name_clashes() {
    let dir = std::env::temp_dir().join(format!("provider-errors-flat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = |id: &str, rust_name: &str, table: &str| {
        format!(
            "provider: {{id: {id}, name: X, rust_name: {rust_name}, source: {{retrieved: 2026-01-01}}}}\n\
             tables:\n  - {{id: t, rust_name: {table}, name: T, code_type: integer, wire: {{location: http_status}},\n     \
             entries: [{{code: 200, message: OK, kind: ok}}]}}\n"
        )
    };
    std::fs::write(dir.join("a.yaml"), schema("a", "Foo", "BarBaz")).unwrap();
    std::fs::write(dir.join("b.yaml"), schema("b", "FooBar", "Baz")).unwrap();
    let mut config = config(dir.to_str().unwrap());
    config.layout(Layout::Flat);
    let error = config.generate().unwrap_err().to_string();
    assert!(
        error.contains("type `FooBarBaz` is also generated for"),
        "{error}"
    );
    // The flat names also name `AnyCode`'s variants, so modules clash too.
    config.layout(Layout::Modules);
    assert!(config.generate().is_err());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn writes_only_when_the_content_changes() {
    let dir = std::env::temp_dir().join(format!("provider-errors-write-{}", std::process::id()));
    let path = dir.join("nested/out.rs");
    let mut config = config("../schema/serplify.yaml");
    config.rerun_if_changed(false);
    assert!(config.write_to(&path).unwrap(), "first write");
    assert!(
        !config.write_to(&path).unwrap(),
        "unchanged content is not rewritten"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), generate(&config));
    std::fs::write(&path, "stale").unwrap();
    assert!(config.write_to(&path).unwrap(), "stale content is replaced");
    std::fs::remove_dir_all(dir).unwrap();
    assert!(!Path::new(&path).exists());
}

/// A schema of two tables above 1 024 codes, one of integers and one of strings.
fn large_schema() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut yaml = String::from("provider: {id: big, name: Big, source: {retrieved: 2026-11-22}}\ntables:\n");
    for (id, code_type) in [("numbers", "integer"), ("words", "string")] {
        yaml += &format!("  - id: {id}\n    name: {id}\n    code_type: {code_type}\n");
        yaml += "    wire: {location: json_body, field: code}\n    entries:\n";
        for i in 0..1_100 {
            let code = if code_type == "integer" {
                i.to_string()
            } else {
                format!("word_{i}")
            };
            yaml += &format!(
                "      - {{code: {code}, message: \"Message {i}.\", description: \"Text {i}.\", kind: internal, http_status: 500, also_documented: [{{message: \"Also {i}\", source: page}}]}}\n"
            );
        }
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, yaml).expect("write the schema");
    (dir, path)
}

/// Above 1 024 codes each array is its own `impl` block, formatted on its own.
#[test]
fn a_large_table_formats_as_one_file() {
    let (_dir, path) = large_schema();
    for layout in [Layout::Modules, Layout::Flat] {
        let mut config = Config::new();
        config.schema(&path).layout(layout).visibility("pub(crate)");
        let code = generate(&config);
        assert!(code.contains("const NAMES"), "the table is not large");
        assert_formatted_as_one_file(&code);
    }
}

/// A variant named like an associated item of its enum makes `Self::NAME` ambiguous
/// and the generated code fails to compile, so the loader must refuse every such
/// name: each associated item of every table enum (small, hashed, large, string,
/// with classification) is tried as a `rust_name`.
#[test]
fn no_variant_can_take_the_name_of_an_associated_item() {
    let (_dir, large) = large_schema();
    let mut names = std::collections::BTreeSet::new();
    // The large tables twice: by hash, and by binary search (`SORTED`).
    for (schema, sorted) in [(Path::new("../schema"), false), (&large, false), (&large, true)] {
        let mut config = config(schema.to_str().expect("a UTF-8 path"));
        config.classify(true).binary_search_lookups(sorted);
        let file = syn::parse_file(&generate(&config)).expect("the generated code parses");
        associated_names(&file.items, &mut names);
    }
    for must in [
        "ALL",
        "MESSAGES",
        "DISPLAYS",
        "NAMES",
        "SORTED",
        "PILOTS",
        "from_code",
    ] {
        assert!(names.contains(must), "`{must}` not found: {names:?}");
    }
    for name in &names {
        let yaml = format!(
            "provider: {{id: acme, name: Acme, source: {{retrieved: 2026-11-22}}}}\ntables:\n  - {{id: status, name: Status, code_type: integer, wire: {{location: json_body, field: code}}, entries: [{{code: 1, message: One., kind: internal, rust_name: {name}}}, {{code: 2, message: Two., kind: internal}}]}}\n"
        );
        let loaded = provider_errors_codegen::load_sources(
            &[(Path::new("acme.yaml"), yaml.as_bytes())],
            &provider_errors_codegen::Limits::default(),
        );
        assert!(
            loaded.is_err(),
            "a variant may be named `{name}`, an associated item of its enum"
        );
    }
}

/// The names of the associated items of every enum with an `Unknown(..)` variant
/// (the table enums), in `items` and the modules among them.
fn associated_names(items: &[syn::Item], names: &mut std::collections::BTreeSet<String>) {
    let tables: Vec<&syn::Ident> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(e)
                if e.variants
                    .iter()
                    .any(|v| v.ident == "Unknown" && !v.fields.is_empty()) =>
            {
                Some(&e.ident)
            }
            _ => None,
        })
        .collect();
    for item in items {
        match item {
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let syn::Type::Path(ty) = &*block.self_ty else {
                    continue;
                };
                if !ty.path.get_ident().is_some_and(|id| tables.contains(&id)) {
                    continue;
                }
                for item in &block.items {
                    match item {
                        syn::ImplItem::Const(c) => names.insert(c.ident.to_string()),
                        syn::ImplItem::Fn(f) => names.insert(f.sig.ident.to_string()),
                        _ => false,
                    };
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    associated_names(items, names);
                }
            }
            _ => {}
        }
    }
}
