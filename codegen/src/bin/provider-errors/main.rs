//! `provider-errors`: keeping typed provider errors up to date from the command line.
//!
//! A thin front end: arguments are parsed here with clap, and every command is a call
//! into `provider_errors_codegen` ([`commands`]). Data goes to stdout; progress,
//! summaries and problems go to stderr. Exit status: 0 done, 1 problems found (an
//! invalid schema, a stale file), 2 a usage error.

mod commands;

use clap::{Args, Parser, Subcommand, ValueEnum};
use provider_errors_codegen::Limits;
use provider_errors_codegen::import::Format;
use std::path::PathBuf;
use std::process::ExitCode;

/// Compile API providers' error-code schemas to typed Rust, and keep the schemas in
/// step with the providers' documentation.
#[derive(Debug, Parser)]
#[command(name = "provider-errors", version, propagate_version = true)]
#[command(after_help = "Examples:\n  \
    provider-errors check schema\n  \
    provider-errors import dataforseo errors.md --into schema/dataforseo.yaml\n  \
    provider-errors diff HEAD~1:schema schema\n  \
    provider-errors generate schema --out src/provider_errors.rs --check")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Generate(GenerateArgs),
    Check(CheckArgs),
    Import(ImportArgs),
    Diff(DiffArgs),
    Catalogue(CatalogueArgs),
}

/// Generate the Rust code from schemas: exactly what build.rs's `Config` writes.
///
/// For crates that commit the generated code instead of generating it in build.rs.
/// Writes to stdout, or to `--out` (only when the content changed); `--check`
/// compares `--out` with what would be generated, prints the difference and fails
/// when it is stale, for CI.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    provider-errors generate schema > src/provider_errors.rs\n  \
    provider-errors generate schema --layout flat --serde --out src/provider_errors.rs\n  \
    provider-errors generate schema --out src/provider_errors.rs --check")]
pub struct GenerateArgs {
    /// Schema files or directories of them.
    #[arg(default_value = "schema")]
    pub schemas: Vec<PathBuf>,
    /// Write the code to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Do not write: fail with a diff when `--out` differs from the generated code.
    #[arg(long, requires = "out")]
    pub check: bool,
    /// Emit serde `Serialize`/`Deserialize` (`Config::serde`).
    #[arg(long)]
    pub serde: bool,
    /// One module per provider, or everything flat (`Config::layout`).
    #[arg(long, value_enum, default_value_t = LayoutArg::Modules)]
    pub layout: LayoutArg,
    /// The visibility of the generated items (`Config::visibility`).
    #[arg(long, value_name = "VIS", default_value = "pub")]
    pub visibility: String,
    /// Generate only this provider (repeatable; `Config::providers`).
    #[arg(long = "provider", value_name = "ID")]
    pub providers: Vec<String>,
    /// Keep unknown string codes in `::alloc::string::String` (`Config::no_std`).
    #[arg(long)]
    pub no_std: bool,
    /// Emit `classify(status, body)` per provider; needs `serde_json` (`Config::classify`).
    #[arg(long)]
    pub classify: bool,
    /// Generate this integer table as a struct of associated constants instead of an
    /// enum, for very large tables (repeatable; `Config::table_shape` with
    /// `TableShape::Constants`).
    #[arg(long, value_name = "PROVIDER.TABLE", value_parser = table_path)]
    pub constants: Vec<(String, String)>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// `provider.table`, as ids are written in the schemas.
fn table_path(text: &str) -> Result<(String, String), String> {
    match text.split_once('.') {
        Some((provider, table)) if !provider.is_empty() && !table.is_empty() => {
            Ok((provider.to_owned(), table.to_owned()))
        }
        _ => Err(format!(
            "expected `provider.table` (ids as in the schema), found `{text}`"
        )),
    }
}

/// The loader's limits (`Config::max_file_bytes`, `Config::max_codes`).
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// The largest schema file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_bytes: u64,
    /// The most codes one schema file may hold.
    #[arg(long, value_name = "CODES", default_value_t = Limits::default().max_codes)]
    pub max_codes: usize,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_codes: self.max_codes,
        }
    }
}

/// `Config::layout`'s choices.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LayoutArg {
    /// `dataforseo::Status`.
    Modules,
    /// `DataForSeoStatus`.
    Flat,
}

/// Validate schemas and print every problem, with file, line and key path.
///
/// Exits 0 when every schema is valid, 1 otherwise.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    provider-errors check\n  \
    provider-errors check schema/dataforseo.yaml schema/serplify.yaml")]
pub struct CheckArgs {
    /// Schema files or directories of them.
    #[arg(default_value = "schema")]
    pub schemas: Vec<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Update a schema from a provider's documentation page, as published.
///
/// New codes are added with their texts and `kind: unknown` (listed on stderr, to
/// review); changed texts are updated; codes gone from the page are kept and marked
/// `undocumented_since`; kind, retry, Rust names, notes and errata are kept. When a
/// changed message would rename a variant, the old name is kept as `rust_name`. The
/// schema is written only when something changed, so importing the same page again
/// leaves it byte for byte. A schema that does not exist is created, its provider id
/// taken from the file name.
#[derive(Debug, Args)]
#[command(after_help = import_help())]
pub struct ImportArgs {
    /// The page's form.
    #[arg(value_name = "FORMAT", value_parser = parse_format)]
    pub format: Format,
    /// The saved documentation page.
    #[arg(value_name = "PAGE")]
    pub page: PathBuf,
    /// The schema to update (created when missing).
    #[arg(long, value_name = "SCHEMA")]
    pub into: PathBuf,
    /// The date the page was read, YYYY-MM-DD [default: the page's front-matter
    /// `date`, else today].
    #[arg(long)]
    pub date: Option<String>,
    /// The schema table a one-table page goes into [default: the table that shares
    /// the most codes with it, else a new one].
    #[arg(long, value_name = "ID")]
    pub table: Option<String>,
    /// The provider's display name, when the schema is created [default: its id].
    #[arg(long)]
    pub name: Option<String>,
    /// Write nothing: report the changes and print the resulting YAML on stdout.
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name)
}

/// The formats, each with what it reads, then examples.
fn import_help() -> String {
    let formats: Vec<String> = Format::ALL
        .iter()
        .map(|f| format!("  {:<18} {}", f.name(), f.about()))
        .collect();
    format!(
        "Formats:\n{}\n\nExamples:\n  \
        provider-errors import dataforseo saved/errors.md --into schema/dataforseo.yaml\n  \
        provider-errors import readme-parameters status-codes.md --into schema/seven_bridges.yaml --date 2026-11-22\n  \
        provider-errors import pipe-table errors.txt --into schema/serplify.yaml --dry-run",
        formats.join("\n")
    )
}

/// Compare two versions of the schemas: codes added, removed, renamed and changed per
/// provider, and the semver impact on the generated code.
///
/// Each side is a schema file, a directory of them, or REV:PATH for PATH (relative to
/// the current directory) at git revision REV. Added codes (the enums are
/// `#[non_exhaustive]`), tables and providers are minor; removed or renamed variants,
/// enums and types are major; a changed kind, retry, outcome, HTTP status or
/// documentation status is minor; text alone is a patch.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    provider-errors diff HEAD~1:schema schema\n  \
    provider-errors diff old/dataforseo.yaml schema/dataforseo.yaml --format json\n  \
    provider-errors diff v0.1.0:schema HEAD:schema")]
pub struct DiffArgs {
    /// The old version: FILE, DIR or REV:PATH.
    pub old: String,
    /// The new version: FILE, DIR or REV:PATH.
    pub new: String,
    /// Text for people, JSON for tools.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Output forms of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// Grouped by provider and table.
    Text,
    /// The same, as JSON.
    Json,
}

/// Write the catalogue: every provider's codes side by side with their canonical kind
/// and retry advice.
///
/// The Markdown form is committed as schema/CATALOGUE.md and checked fresh by the
/// tests; `--check` does the same check from the command line.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    provider-errors catalogue schema --out schema/CATALOGUE.md\n  \
    provider-errors catalogue schema --format html > catalogue.html\n  \
    provider-errors catalogue schema --out schema/CATALOGUE.md --check")]
pub struct CatalogueArgs {
    /// Schema files or directories of them.
    #[arg(default_value = "schema")]
    pub schemas: Vec<PathBuf>,
    /// Markdown or a standalone HTML page.
    #[arg(long, value_enum, default_value_t = PageFormat::Markdown)]
    pub format: PageFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Do not write: fail with a diff when `--out` is stale.
    #[arg(long, requires = "out")]
    pub check: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Output forms of `catalogue`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PageFormat {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// A standalone HTML page.
    Html,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(args) => commands::generate(&args),
        Command::Check(args) => commands::check(&args),
        Command::Import(args) => commands::import(&args),
        Command::Diff(args) => commands::diff(&args),
        Command::Catalogue(args) => commands::catalogue(&args),
    }
}
