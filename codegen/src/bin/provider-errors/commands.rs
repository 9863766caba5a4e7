//! One function per command: call the engine, print data on stdout and everything
//! else on stderr, return the exit status.

use crate::{
    CatalogueArgs, CheckArgs, DiffArgs, DiffFormat, GenerateArgs, ImportArgs, LayoutArg, PageFormat,
};
use provider_errors_codegen::import::apply;
use provider_errors_codegen::{Config, Error, Layout, TableShape, catalogue, diff};
use std::path::Path;
use std::process::ExitCode;

pub fn generate(args: &GenerateArgs) -> ExitCode {
    let mut config = Config::new();
    for schema in &args.schemas {
        config.schema(schema);
    }
    if !args.providers.is_empty() {
        config.providers(args.providers.iter().cloned());
    }
    for (provider, table) in &args.constants {
        config.table_shape(provider, table, TableShape::Constants);
    }
    config
        .serde(args.serde)
        .layout(match args.layout {
            LayoutArg::Modules => Layout::Modules,
            LayoutArg::Flat => Layout::Flat,
        })
        .visibility(args.visibility.clone())
        .no_std(args.no_std)
        .classify(args.classify)
        .max_file_bytes(args.limits.max_file_bytes)
        .max_codes(args.limits.max_codes)
        .rerun_if_changed(false);
    match config.generate() {
        Ok(code) => emit(&code, args.out.as_deref(), args.check, "generate"),
        Err(e) => failed(&e),
    }
}

pub fn check(args: &CheckArgs) -> ExitCode {
    match provider_errors_codegen::load_with(&args.schemas, &args.limits.limits()) {
        Ok((catalog, files)) => {
            let tables = catalog.providers.iter().flat_map(|p| &p.tables);
            let codes: usize = tables.clone().map(|t| t.entries.len()).sum();
            eprintln!(
                "ok: {} files, {} providers, {} tables, {codes} codes",
                files.len(),
                catalog.providers.len(),
                tables.count()
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}

pub fn import(args: &ImportArgs) -> ExitCode {
    let request = apply::Request {
        format: args.format,
        page: &args.page,
        into: &args.into,
        date: args.date.clone(),
        table: args.table.clone(),
        provider_name: args.name.clone(),
        dry_run: args.dry_run,
    };
    let outcome = match apply::run(&request) {
        Ok(outcome) => outcome,
        Err(e) => return failed(&e),
    };
    print_report(&outcome, args);
    let into = args.into.display();
    if args.dry_run {
        print!("{}", outcome.text);
    }
    eprintln!("{}", import_summary(&outcome, &into.to_string(), args.dry_run));
    match &outcome.problems {
        Some(problems) => {
            eprintln!("{into} was written but is not valid yet; fix it by hand:");
            failed(problems)
        }
        None => ExitCode::SUCCESS,
    }
}

/// The warnings, changes and codes to review of an import, on stderr.
fn print_report(outcome: &apply::Outcome, args: &ImportArgs) {
    for warning in &outcome.report.warnings {
        eprintln!("warning: {}: {warning}", args.page.display());
    }
    for change in &outcome.report.changes {
        eprintln!("  {change}");
    }
    let into = args.into.display();
    let unreviewed = outcome.report.unreviewed();
    if !unreviewed.is_empty() {
        let listed: Vec<String> = unreviewed
            .iter()
            .map(|(table, code)| format!("{table} {code}"))
            .collect();
        let listed = if listed.len() <= 10 {
            format!(": {}", listed.join(", "))
        } else {
            " (each marked \"not reviewed\" above)".to_owned()
        };
        eprintln!(
            "review: {} new codes in {into} have `kind: unknown`; set their kind (and retry){listed}",
            unreviewed.len()
        );
    }
}

fn import_summary(outcome: &apply::Outcome, into: &str, dry_run: bool) -> String {
    let n = outcome.report.changes.len();
    match (n, dry_run, outcome.created) {
        (0, _, false) => format!("{into}: no changes; left as it is"),
        (_, true, _) => format!("{into}: {n} changes (dry run: nothing written)"),
        (_, false, true) => format!("{into}: created with {n} changes"),
        (_, false, false) => format!("{into}: {n} changes written"),
    }
}

pub fn diff(args: &DiffArgs) -> ExitCode {
    let limits = args.limits.limits();
    let (old, new) = match (
        diff::load_with(&args.old, &limits),
        diff::load_with(&args.new, &limits),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for e in [old.err(), new.err()].into_iter().flatten() {
                print_error(&e);
            }
            return ExitCode::FAILURE;
        }
    };
    let changes = diff::compare(&old, &new);
    match args.format {
        DiffFormat::Text => print!("{}", changes.to_text()),
        DiffFormat::Json => {
            print!("{}", changes.to_json());
            eprintln!("{}", changes.summary());
        }
    }
    ExitCode::SUCCESS
}

pub fn catalogue(args: &CatalogueArgs) -> ExitCode {
    let catalog = match provider_errors_codegen::load_with(&args.schemas, &args.limits.limits()) {
        Ok((catalog, _)) => catalog,
        Err(e) => return failed(&e),
    };
    let page = match args.format {
        PageFormat::Markdown => catalogue::markdown(&catalog),
        PageFormat::Html => catalogue::html(&catalog),
    };
    emit(&page, args.out.as_deref(), args.check, "catalogue")
}

/// Prints `content` on stdout, writes it to `out` when it changed, or with `check`
/// compares it with `out`: a stale file fails with a unified diff on stdout.
fn emit(content: &str, out: Option<&Path>, check: bool, command: &str) -> ExitCode {
    let Some(out) = out else {
        print!("{content}");
        return ExitCode::SUCCESS;
    };
    let current = std::fs::read_to_string(out).unwrap_or_default();
    if check {
        if current == content {
            eprintln!("{}: up to date", out.display());
            return ExitCode::SUCCESS;
        }
        let name = out.display().to_string();
        let diff = similar::TextDiff::from_lines(current.as_str(), content);
        print!(
            "{}",
            diff.unified_diff()
                .header(&name, &format!("{name} (regenerated)"))
        );
        eprintln!(
            "error: {name} is stale (or missing): regenerate it with `provider-errors {command} ... --out {name}`"
        );
        return ExitCode::FAILURE;
    }
    if current == content {
        eprintln!("{}: up to date, not rewritten", out.display());
        return ExitCode::SUCCESS;
    }
    let written = out
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(out, content));
    match written {
        Ok(()) => {
            eprintln!("{}: written", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: cannot write: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Prints every problem of `e` on stderr; exit status 1.
fn failed(e: &Error) -> ExitCode {
    print_error(e);
    ExitCode::FAILURE
}

fn print_error(e: &Error) {
    for d in e.diagnostics() {
        eprintln!("error: {d}");
    }
    let n = e.diagnostics().len();
    if n > 1 {
        eprintln!("{n} problems found");
    }
}
