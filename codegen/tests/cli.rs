//! The `provider-errors` command line, run as a user runs it: on the seed pages, on
//! the committed schemas (copied to a temporary directory, never rewritten) and on
//! the small fixtures in `tests/cli_fixtures/`.

use provider_errors_codegen::import::Format;
use provider_errors_codegen::model::{Catalog, Code, Table};
use provider_errors_codegen::{Config, schema_yaml};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_provider-errors");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// What a run printed and how it ended.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success:\n{self:#?}");
        self
    }

    fn fails(self, code: i32) -> Run {
        assert_eq!(self.code, code, "expected exit {code}:\n{self:#?}");
        self
    }

    fn says(self, text: &str) -> Run {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{BIN}: {e}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new(MANIFEST), args)
}

fn fixture(name: &str) -> String {
    format!("{MANIFEST}/tests/cli_fixtures/{name}")
}

fn schema_dir() -> String {
    format!("{MANIFEST}/../schema")
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("temporary directory: {e}"))
}

fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn copy(from: &str, to: &str) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
}

fn load(path: &str) -> Catalog {
    provider_errors_codegen::load(&[path]).unwrap_or_else(|e| panic!("{e}"))
}

fn only_table(catalog: &Catalog) -> &Table {
    let tables: Vec<&Table> = catalog.providers.iter().flat_map(|p| &p.tables).collect();
    assert_eq!(tables.len(), 1, "expected one table");
    tables[0]
}

// ---------------------------------------------------------------- help and usage

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["generate", "check", "import", "diff", "catalogue"] {
        let help = run(&[command, "--help"]).ok().stdout;
        assert!(help.contains("Examples:"), "{command} --help:\n{help}");
        assert!(
            help.contains(&format!("provider-errors {command} ")),
            "{command} --help:\n{help}"
        );
    }
    let top = run(&["--help"]).ok().stdout;
    assert!(top.contains("import") && top.contains("catalogue"), "{top}");
}

#[test]
fn a_mistyped_format_gets_a_suggestion() {
    let run = run(&["import", "markdwn", "page.md", "--into", "x.yaml"]).fails(2);
    assert!(run.stderr.contains("did you mean `markdown`?"), "{}", run.stderr);
    assert!(run.stderr.contains("`readme-parameters`"), "{}", run.stderr);
}

// ---------------------------------------------------------------- generate

#[test]
fn generate_prints_what_build_rs_generates_byte_for_byte() {
    let serplify = format!("{}/serplify.yaml", schema_dir());
    let expected = Config::new()
        .schema(&serplify)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run(&["generate", &serplify]).ok().stdout, expected);

    let mut flat = Config::new();
    flat.schema(schema_dir())
        .layout(provider_errors_codegen::Layout::Flat)
        .serde(true)
        .visibility("pub(crate)")
        .providers(["dataforseo", "serplify"]);
    let args = [
        "generate",
        &schema_dir(),
        "--layout",
        "flat",
        "--serde",
        "--visibility",
        "pub(crate)",
        "--provider",
        "dataforseo",
        "--provider",
        "serplify",
    ];
    assert_eq!(
        run(&args).ok().stdout,
        flat.generate().unwrap_or_else(|e| panic!("{e}"))
    );

    let mut classify = Config::new();
    classify.schema(&serplify).classify(true);
    assert_eq!(
        run(&["generate", &serplify, "--classify"]).ok().stdout,
        classify.generate().unwrap_or_else(|e| panic!("{e}"))
    );

    let mut constants = Config::new();
    constants
        .schema(schema_dir())
        .table_shape(
            "dataforseo",
            "status",
            provider_errors_codegen::TableShape::Constants,
        )
        .table_shape("http", "status", provider_errors_codegen::TableShape::Constants);
    let args = [
        "generate",
        &schema_dir(),
        "--constants",
        "dataforseo.status",
        "--constants",
        "http.status",
    ];
    assert_eq!(
        run(&args).ok().stdout,
        constants.generate().unwrap_or_else(|e| panic!("{e}"))
    );
    run(&["generate", &schema_dir(), "--constants", "dataforseo"])
        .fails(2)
        .says("expected `provider.table` (ids as in the schema), found `dataforseo`");
    run(&["generate", &schema_dir(), "--constants", "serplify.error_code"])
        .fails(1)
        .says("`TableShape::Constants` is for integer tables");
}

#[test]
fn generate_check_fails_on_a_stale_file_and_passes_on_a_fresh_one() {
    let dir = tmp();
    let out = path(&dir, "src/provider_errors.rs");
    let serplify = format!("{}/serplify.yaml", schema_dir());
    run(&["generate", &serplify, "--out", &out]).ok().says("written");
    run(&["generate", &serplify, "--out", &out, "--check"])
        .ok()
        .says("up to date");
    run(&["generate", &serplify, "--out", &out])
        .ok()
        .says("not rewritten");

    let fresh = read(&out);
    std::fs::write(&out, fresh.replace("Too many requests", "Too many")).unwrap();
    let stale = run(&["generate", &serplify, "--out", &out, "--check"])
        .fails(1)
        .says("is stale");
    assert!(
        stale.stdout.contains("-") && stale.stdout.contains("+"),
        "{}",
        stale.stdout
    );
    assert!(
        stale.stdout.contains("Too many requests"),
        "the diff shows the line:\n{}",
        stale.stdout
    );
    assert_eq!(
        read(&out),
        fresh.replace("Too many requests", "Too many"),
        "--check writes nothing"
    );

    std::fs::remove_file(&out).unwrap();
    run(&["generate", &serplify, "--out", &out, "--check"])
        .fails(1)
        .says("is stale (or missing)");
}

#[test]
fn generate_reports_schema_problems_with_file_and_line() {
    let bad = format!("{MANIFEST}/tests/invalid_schemas/unknown_kind.yaml");
    run(&["generate", &bad]).fails(1).says("unknown_kind.yaml:");
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_the_schemas_and_lists_every_problem() {
    run(&["check", &schema_dir()]).ok().says("5 providers");
    run(&["check", &format!("{}/serplify.yaml", schema_dir())])
        .ok()
        .says("1 providers");
    let bad = format!("{MANIFEST}/tests/invalid_schemas/many_problems.yaml");
    let run = run(&["check", &bad]).fails(1).says("problems found");
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert!(errors.len() > 1, "{}", run.stderr);
    for line in errors {
        let place = line.trim_start_matches("error: ");
        assert!(place.starts_with(&bad), "names the file: {line}");
        let line_number = place[bad.len()..]
            .trim_start_matches(':')
            .split(':')
            .next()
            .unwrap_or("");
        assert!(line_number.parse::<usize>().is_ok(), "names the line: {line}");
    }
}

#[test]
fn the_loader_limits_can_be_raised_on_the_command_line() {
    let serplify = format!("{}/serplify.yaml", schema_dir());
    run(&["check", &serplify, "--max-codes", "3"])
        .fails(1)
        .says("codes, over the limit of 3")
        .says("`--max-codes`");
    run(&["check", &serplify, "--max-file-bytes", "100"])
        .fails(1)
        .says("over the limit of 100 bytes");
    run(&["generate", &serplify, "--max-codes", "3"])
        .fails(1)
        .says("over the limit of 3");
    run(&["catalogue", &serplify, "--max-codes", "3"])
        .fails(1)
        .says("over the limit of 3");
    run(&["diff", &serplify, &serplify, "--max-codes", "3"])
        .fails(1)
        .says("over the limit of 3");
    run(&["check", &serplify, "--max-codes", "1000"]).ok();
    run(&["diff", &serplify, &serplify, "--max-codes", "1000"]).ok();
}

#[test]
fn check_names_a_missing_file() {
    run(&["check", "no/such/schema.yaml"])
        .fails(1)
        .says("no/such/schema.yaml: cannot read");
}

// ---------------------------------------------------------------- import on fixtures

#[test]
fn import_of_a_changed_page_makes_exactly_those_changes() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    copy(&fixture("acme.yaml"), &into);
    run(&["import", "markdown", &fixture("acme_v1.md"), "--into", &into])
        .ok()
        .says("no changes; left as it is");
    assert_eq!(
        read(&into),
        read(&fixture("acme.yaml")),
        "the same page leaves the file as it is"
    );

    let run = run(&["import", "markdown", &fixture("acme_v2.md"), "--into", &into]).ok();
    let changes: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        changes,
        [
            "  status 4001: message \"Quota exceeded.\" -> \"Daily quota exceeded.\"",
            "  status 4003: added \"Too many requests — slow down.\" (kind `unknown`, not reviewed)",
            "  status 4002: no longer on the page; kept, marked undocumented",
            "  source.retrieved: 2026-01-10 -> 2026-02-20",
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("review: 1 new codes"), "{}", run.stderr);

    let old = load(&fixture("acme.yaml"));
    let new = load(&into);
    let (old, new) = (only_table(&old), only_table(&new));
    let entry = |t: &Table, code: i128| t.entry(&Code::Int(code)).cloned();
    let quota = entry(new, 4001).unwrap();
    assert_eq!(quota.message, "Daily quota exceeded.");
    assert_eq!(
        (quota.rust_name.as_str(), quota.retry.as_str()),
        ("QuotaExceeded", "after_raise_limit")
    );
    assert_eq!(quota.notes, entry(old, 4001).unwrap().notes, "curated notes kept");
    let added = entry(new, 4003).unwrap();
    assert_eq!(added.kind.as_str(), "unknown");
    assert_eq!(
        added.description.as_deref(),
        Some("*more than 10 requests per second*   see “Limits”")
    );
    assert!(added.notes[0].contains("not reviewed"), "{:?}", added.notes);
    let gone = entry(new, 4002).unwrap();
    assert_eq!(gone.undocumented_since.as_deref(), Some("2026-02-20"));
    assert_eq!(gone.kind.as_str(), "unauthenticated", "kept with its kind");
    let unchanged = |code| {
        let (o, n) = (entry(old, code).unwrap(), entry(new, code).unwrap());
        (o.message, o.kind, o.retry, o.rust_name) == (n.message, n.kind, n.retry, n.rust_name)
    };
    assert!(unchanged(1000) && unchanged(5000));

    let written = read(&into);
    run_in(
        dir.path(),
        &["import", "markdown", &fixture("acme_v2.md"), "--into", &into],
    )
    .ok()
    .says("no changes");
    assert_eq!(read(&into), written, "re-importing the same page is a no-op");
}

#[test]
fn import_of_string_codes_makes_exactly_those_changes() {
    let dir = tmp();
    let into = path(&dir, "shop.yaml");
    run(&[
        "import",
        "pipe-table",
        &fixture("shop_v1.txt"),
        "--into",
        &into,
        "--date",
        "2026-03-01",
    ])
    .ok()
    .says("created with");
    let v1 = load(&into);
    let table = only_table(&v1);
    assert_eq!(
        (table.id.as_str(), table.wire.field.as_deref()),
        ("error_code", Some("error.code"))
    );
    let run = run(&[
        "import",
        "pipe-table",
        &fixture("shop_v2.txt"),
        "--into",
        &into,
        "--date",
        "2026-03-02",
    ])
    .ok();
    let changes: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        changes,
        [
            "  error_code \"unauthorized\": message \"Missing API key.\" -> \"Missing or invalid API key.\"",
            "  error_code \"insufficient_balance\": added \"Wallet balance too low.\" (kind `unknown`, not reviewed)",
            "  error_code \"rate_limited\": no longer on the page; kept, marked undocumented",
            "  source.retrieved: 2026-03-01 -> 2026-03-02",
        ],
        "{}",
        run.stderr
    );
    let v2 = load(&into);
    let added = only_table(&v2)
        .entry(&Code::Str("insufficient_balance".into()))
        .cloned()
        .unwrap();
    assert_eq!(added.http_status, Some(402));
}

#[test]
fn import_reads_each_fixture_format() {
    let cases: [(&str, &str, &[&str]); 3] = [
        ("dataforseo-json", "endpoint.json", &["20000", "40202", "50000"]),
        ("readme-parameters", "readme_page.md", &["1000", "1001", "2000"]),
        ("status-list", "status_page.txt", &["200", "400", "404"]),
    ];
    for (format, page, codes) in cases {
        let dir = tmp();
        let into = path(&dir, "acme.yaml");
        run(&[
            "import",
            format,
            &fixture(page),
            "--into",
            &into,
            "--date",
            "2026-04-01",
        ])
        .ok();
        let catalog = load(&into);
        let table = only_table(&catalog);
        let got: Vec<String> = table.entries.iter().map(|e| e.code.to_string()).collect();
        assert_eq!(got, codes, "{format}");
    }
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    run(&[
        "import",
        "readme-parameters",
        &fixture("readme_page.md"),
        "--into",
        &into,
        "--date",
        "2026-04-01",
    ])
    .ok()
    .says("code 1001 is displayed on rows [2, 3]");
    let catalog = load(&into);
    let service = only_table(&catalog).entry(&Code::Int(1001)).cloned().unwrap();
    assert_eq!(
        service.message, "Service\u{a0}unavailable.",
        "no-break space kept"
    );
    assert_eq!(service.also_documented[0].0, "Service is down.");
    assert_eq!(service.category.as_deref(), Some("General errors"));
    let dir = tmp();
    let into = path(&dir, "web.yaml");
    run(&[
        "import",
        "status-list",
        &fixture("status_page.txt"),
        "--into",
        &into,
        "--date",
        "2026-04-01",
    ])
    .ok();
    let catalog = load(&into);
    let bad_request = only_table(&catalog).entry(&Code::Int(400)).cloned().unwrap();
    assert_eq!(
        bad_request.description.as_deref(),
        Some("The request is malformed.\nIt cannot be processed.")
    );
    assert!(
        read(&into).contains("description: |-\n"),
        "multi-line text as a block:\n{}",
        read(&into)
    );
}

#[test]
fn import_fills_a_schema_that_has_no_tables_yet() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    let header =
        "provider:\n  id: acme\n  name: Acme Cloud\n  source:\n    retrieved: 2026-01-01\ntables: []\n";
    std::fs::write(&into, header).unwrap();
    run(&["import", "markdown", &fixture("acme_v1.md"), "--into", &into])
        .ok()
        .says("4 new codes");
    let catalog = load(&into);
    let table = only_table(&catalog);
    let got: Vec<(String, &str)> = table
        .entries
        .iter()
        .map(|e| (e.code.to_string(), e.message.as_str()))
        .collect();
    let expected = [
        ("1000", "Ok."),
        ("4001", "Quota exceeded."),
        ("4002", "Invalid key."),
        ("5000", "Internal error."),
    ];
    assert_eq!(got, expected.map(|(c, m)| (c.to_owned(), m)));
    assert_eq!(catalog.providers[0].name, "Acme Cloud", "the header is kept");
    assert_eq!(catalog.providers[0].retrieved, "2026-01-10", "the page's date");
}

#[test]
fn import_into_an_invalid_schema_writes_and_reports_its_problems() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    std::fs::write(
        &into,
        read(&fixture("acme.yaml")).replace("kind: resource_exhausted", "kind: resource_exhaustd"),
    )
    .unwrap();
    let run = run(&["import", "markdown", &fixture("acme_v2.md"), "--into", &into]).fails(1);
    assert!(
        run.stderr.contains("was written but is not valid yet"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{into}:25: tables[0].entries[1].kind: unknown kind `resource_exhaustd`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        read(&into).contains("Daily quota exceeded."),
        "the page's changes are in"
    );
}

#[test]
fn import_errors_name_the_file() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    run(&["import", "markdown", "missing.md", "--into", &into])
        .fails(1)
        .says("missing.md: cannot read the page");
    run(&[
        "import",
        "readme-parameters",
        &fixture("acme_v1.md"),
        "--into",
        &into,
    ])
    .fails(1)
    .says("acme_v1.md: cannot import: no [block:parameters] block");
    run(&[
        "import",
        "markdown",
        &fixture("acme_v1.md"),
        "--into",
        &into,
        "--date",
        "2026-13-01",
    ])
    .fails(1)
    .says("`2026-13-01` is not a date");
    run(&[
        "import",
        "markdown",
        &fixture("acme_v1.md"),
        "--into",
        &path(&dir, "Bad-Name.yaml"),
    ])
    .fails(1)
    .says("is not snake_case");
    let broken = path(&dir, "broken.yaml");
    std::fs::write(&broken, "provider:\n  id: acme\n  nmae: Acme\n").unwrap();
    run(&["import", "markdown", &fixture("acme_v1.md"), "--into", &broken])
        .fails(1)
        .says(&format!("{broken}:3: provider.nmae: unknown key `nmae`"));
    assert!(!Path::new(&into).exists(), "nothing written after an error");
}

#[test]
fn dry_run_prints_the_schema_and_writes_nothing() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    copy(&fixture("acme.yaml"), &into);
    let run = run(&[
        "import",
        "markdown",
        &fixture("acme_v2.md"),
        "--into",
        &into,
        "--dry-run",
    ])
    .ok()
    .says("dry run: nothing written");
    assert!(
        run.stdout.contains("message: Daily quota exceeded."),
        "{}",
        run.stdout
    );
    assert_eq!(read(&into), read(&fixture("acme.yaml")));
}

#[test]
fn written_yaml_reads_back_losslessly() {
    for file in [
        format!("{MANIFEST}/tests/schemas/hostile.yaml"),
        format!("{}/http.yaml", schema_dir()),
    ] {
        let schema = schema_yaml::read(Path::new(&file)).unwrap_or_else(|e| panic!("{e}"));
        let text = schema_yaml::to_string(&schema).unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp();
        let copy = path(
            &dir,
            Path::new(&file)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("x.yaml"),
        );
        std::fs::write(&copy, &text).unwrap();
        let generated = |p: &str| {
            Config::new()
                .schema(p)
                .generate()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        assert_eq!(generated(&copy), generated(&file), "{file}: same data, same code");
        let again = schema_yaml::read(Path::new(&copy)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            schema_yaml::to_string(&again).unwrap_or_else(|e| panic!("{e}")),
            text,
            "stable"
        );
    }
}

// ---------------------------------------------------------------- import on the seed pages

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");

/// The seed pages with their format and the schema they were transcribed into.
fn seeds() -> Vec<(PathBuf, &'static str, Format)> {
    let Ok(entries) = std::fs::read_dir(SEEDS) else {
        println!("seed import tests skipped: no seed pages at {SEEDS}");
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let page = std::fs::read_to_string(&p).ok()?;
            let (schema, format) = if page.contains("url: \"https://docs.dataforseo.com/") {
                ("dataforseo", Format::Dataforseo)
            } else if page.contains("| HTTP | error.code | Meaning |") {
                ("serplify", Format::PipeTable)
            } else if page.contains("[block:parameters]") {
                ("seven_bridges", Format::ReadmeParameters)
            } else if page.lines().any(|l| l == "Error Descriptions") {
                ("http", Format::StatusList)
            } else {
                return None;
            };
            Some((p, schema, format))
        })
        .collect();
    found.sort_by_key(|(_, schema, _)| *schema);
    assert_eq!(found.len(), 4, "four seed pages in a supported format");
    found
}

#[test]
fn importing_the_seed_pages_into_the_committed_schemas_changes_nothing() {
    for (page, schema, format) in seeds() {
        let dir = tmp();
        let into = path(&dir, &format!("{schema}.yaml"));
        let committed = format!("{}/{schema}.yaml", schema_dir());
        copy(&committed, &into);
        let page = page.display().to_string();
        run(&["import", format.name(), &page, "--into", &into])
            .ok()
            .says("no changes; left as it is");
        assert_eq!(read(&into), read(&committed), "{schema}: byte for byte");
    }
}

#[test]
fn importing_a_seed_page_into_an_empty_schema_reproduces_its_codes() {
    for (page, schema, format) in seeds() {
        let dir = tmp();
        let into = path(&dir, &format!("{schema}.yaml"));
        let page_path = page.display().to_string();
        let run = run(&[
            "import",
            format.name(),
            &page_path,
            "--into",
            &into,
            "--date",
            "2026-11-22",
        ])
        .ok();
        assert!(
            run.stderr.contains("review: "),
            "{schema}: new codes are listed for review"
        );
        let imported = load(&into);
        let committed = load(&format!("{}/{schema}.yaml", schema_dir()));
        for table in &committed.providers[0].tables {
            let codes = |t: &Table| {
                t.entries
                    .iter()
                    .map(|e| (e.code.clone(), e.message.clone()))
                    .collect::<Vec<_>>()
            };
            let same = imported.providers[0]
                .tables
                .iter()
                .find(|t| codes(t) == codes(table));
            assert!(
                same.is_some(),
                "{schema}/{}: the page's codes and messages, in order",
                table.id
            );
        }
        let page = std::fs::read_to_string(&page).unwrap();
        let read = format.read(&page).unwrap_or_else(|e| panic!("{e}"));
        let rows: usize = read.tables.iter().map(|t| t.rows.len()).sum();
        let entries: usize = imported.providers[0].tables.iter().map(|t| t.entries.len()).sum();
        assert_eq!(rows, entries, "{schema}: one entry per code on the page");

        let written = self::read(&into);
        self::run(&["import", format.name(), &page_path, "--into", &into])
            .ok()
            .says("no changes");
        assert_eq!(self::read(&into), written, "{schema}: re-import is a no-op");
    }
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_classifies_each_change() {
    let text = run(&["diff", &fixture("diff_old.yaml"), &fixture("diff_new.yaml")])
        .ok()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    let expected = [
        "provider acme (Acme Cloud): changed [major]",
        "  source.retrieved: \"2026-01-10\" -> \"2026-02-20\" [patch]",
        "  table status (Status codes): changed [major]",
        "    changed  4001 QuotaExceeded [patch]",
        "      message: \"Quota exceeded.\" -> \"Daily quota exceeded.\" [patch]",
        "    renamed  4002 KeyRejected (was InvalidKey) [major]",
        "    added    4003 TooManyRequests \"Too many requests.\" [minor]",
        "    changed  5000 InternalError [minor]",
        "      kind: \"internal\" -> \"unavailable\" [minor]",
        "    removed  4004 NotHere \"Not here.\" [major]",
        "semver impact: major (1 added, 1 removed, 1 renamed, 2 changed codes)",
    ];
    assert_eq!(lines, expected, "{text}");

    let json = run(&[
        "diff",
        &fixture("diff_old.yaml"),
        &fixture("diff_new.yaml"),
        "--format",
        "json",
    ])
    .ok();
    let value: serde_json::Value =
        serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}: {}", json.stdout));
    assert_eq!(value["impact"], "major");
    let codes = &value["providers"][0]["tables"][0]["codes"];
    let changes: Vec<(String, String)> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].to_string(),
                c["change"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("4001", "changed"),
        ("4002", "renamed"),
        ("4003", "added"),
        ("5000", "changed"),
        ("4004", "removed"),
    ]
    .iter()
    .map(|(c, k)| (c.to_string(), k.to_string()))
    .collect();
    assert_eq!(changes, expected);
    assert_eq!(codes[1]["old_variant"], "InvalidKey");
    assert!(json.stderr.contains("semver impact: major"), "{}", json.stderr);
}

#[test]
fn diff_of_additions_only_is_minor_and_of_nothing_is_none() {
    let dir = tmp();
    let into = path(&dir, "acme.yaml");
    copy(&fixture("acme.yaml"), &into);
    let added = "      - code: 4003\n        message: Slow down.\n        kind: resource_exhausted\n";
    std::fs::write(&into, read(&into) + added).unwrap();
    let text = run(&["diff", &fixture("acme.yaml"), &into]).ok().stdout;
    assert!(
        text.ends_with("semver impact: minor (1 added, 0 removed, 0 renamed, 0 changed codes)\n"),
        "{text}"
    );
    let same = run(&["diff", &schema_dir(), &schema_dir()]).ok().stdout;
    assert_eq!(same, "no changes; semver impact: none\n");
}

#[test]
fn diff_reads_a_git_revision() {
    let dir = tmp();
    let git = |args: &[&str]| {
        Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir.path())
            .output()
    };
    if git(&["init", "-q"]).is_err() {
        println!("git revision test skipped: git cannot be run");
        return;
    }
    std::fs::create_dir(dir.path().join("schema")).unwrap();
    copy(&fixture("diff_old.yaml"), &path(&dir, "schema/acme.yaml"));
    git(&["add", "."]).unwrap();
    let committed = git(&["commit", "-q", "-m", "old"]).unwrap();
    assert!(committed.status.success(), "{committed:?}");
    copy(&fixture("diff_new.yaml"), &path(&dir, "schema/acme.yaml"));

    let text = run_in(dir.path(), &["diff", "HEAD:schema", "schema"]).ok().stdout;
    assert!(
        text.contains("renamed  4002 KeyRejected (was InvalidKey) [major]"),
        "{text}"
    );
    let file = run_in(dir.path(), &["diff", "HEAD:schema/acme.yaml", "schema/acme.yaml"])
        .ok()
        .stdout;
    assert_eq!(file, text);
    run_in(dir.path(), &["diff", "HEAD~5:schema", "schema"])
        .fails(1)
        .says("HEAD~5:schema: git cannot read it");

    std::fs::write(path(&dir, "schema/acme.yaml"), "provider: [").unwrap();
    git(&["commit", "-q", "-am", "broken"]).unwrap();
    run_in(dir.path(), &["diff", "HEAD:schema", &fixture("diff_new.yaml")])
        .fails(1)
        .says("HEAD:schema/acme.yaml");
}

#[test]
fn diff_names_a_missing_side() {
    run(&["diff", "nowhere/schema", &schema_dir()])
        .fails(1)
        .says("nowhere/schema: no such file or directory");
}

// ---------------------------------------------------------------- catalogue

#[test]
fn committed_catalogue_is_fresh() {
    let committed = format!("{}/CATALOGUE.md", schema_dir());
    let generated = run(&["catalogue", &schema_dir()]).ok().stdout;
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        current == generated,
        "schema/CATALOGUE.md is stale; regenerate it with `{}`",
        provider_errors_codegen::catalogue::REGENERATE
    );
    run(&["catalogue", &schema_dir(), "--out", &committed, "--check"]).ok();
}

#[test]
fn catalogue_shows_every_code_with_kind_and_retry() {
    let markdown = run(&["catalogue", &schema_dir()]).ok().stdout;
    let catalog = load(&schema_dir());
    for provider in &catalog.providers {
        for table in &provider.tables {
            for entry in &table.entries {
                assert!(
                    markdown.contains(&entry.rust_name),
                    "{}: {}",
                    provider.id,
                    entry.rust_name
                );
            }
        }
    }
    assert!(markdown.contains("| `resource_exhausted` |"), "the kind matrix");
    assert!(markdown.contains("| `after_top_up` |"), "the retry matrix");
    let html = run(&["catalogue", &schema_dir(), "--format", "html"]).ok().stdout;
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<th>Kind</th>"),
        "{}",
        &html[..200]
    );

    let dir = tmp();
    let out = path(&dir, "CATALOGUE.md");
    run(&["catalogue", &schema_dir(), "--out", &out])
        .ok()
        .says("written");
    std::fs::write(&out, "old").unwrap();
    run(&["catalogue", &schema_dir(), "--out", &out, "--check"])
        .fails(1)
        .says("is stale");
}
