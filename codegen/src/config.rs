//! The build.rs API: a builder in the style of prost-build's `Config`.

use crate::error::{Ctxt, Error, Origin};
use crate::load::Limits;
use crate::model::Catalog;
use crate::{expand, output};
use proc_macro2::TokenStream;
use quote::quote;
use std::path::{Path, PathBuf};

/// How generated types are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One module per provider (`dataforseo::Status`), shared types beside them.
    #[default]
    Modules,
    /// Everything at the include site, types prefixed with the provider's
    /// `rust_name` (`DataForSeoStatus`).
    Flat,
}

/// The shape of one table's generated type ([`Config::table_shape`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableShape {
    /// An enum: one variant per documented code and `Unknown(code)` for any other,
    /// so a `match` can list every code and the compiler checks it covers them.
    #[default]
    Enum,
    /// A `Copy` struct (the shape of `http::StatusCode`) with one associated constant
    /// per documented code, named as the variant would be (`Status::TooManyRequests`,
    /// usable as a value and as a pattern); an undocumented code is a value with
    /// `is_documented() == false` (no `Unknown` variant), and a `match` needs a `_`
    /// arm. Everything else (`ALL`, `from_code`, the accessors and traits) is the
    /// same. It exists for very large tables: rustc checks an enum's `match`es and
    /// constants in time that grows with the square of the variant count, so an enum
    /// of 40 000 codes compiles in 17 s where this shape takes 5 s
    /// (BENCHMARKS.md). Integer tables only.
    Constants,
}

/// `Config::classify_max_body_bytes`'s default: 8 MiB.
const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Options that shape the generated code.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub serde: bool,
    pub vis: TokenStream,
    pub layout: Layout,
    pub no_std: bool,
    /// Emit response classification (`expand/classify/`).
    pub classify: bool,
    /// The largest body `classify` parses.
    pub max_body_bytes: usize,
    /// `(provider id, table id)` of the tables generated as [`TableShape::Constants`].
    pub constants: Vec<(String, String)>,
    /// Tables look codes up by binary search (`Config::binary_search_lookups`).
    pub binary_search: bool,
}

impl Options {
    /// Whether this table is generated as [`TableShape::Constants`].
    pub fn is_constants(&self, provider: &str, table: &str) -> bool {
        self.constants.iter().any(|(p, t)| p == provider && t == table)
    }
}

impl Options {
    /// The owned string type of string tables' `Unknown`.
    pub fn string_type(&self) -> TokenStream {
        if self.no_std {
            quote!(::alloc::string::String)
        } else {
            quote!(::std::string::String)
        }
    }

    /// The vector type of the classification outcomes.
    pub fn vec_type(&self) -> TokenStream {
        if self.no_std {
            quote!(::alloc::vec::Vec)
        } else {
            quote!(::std::vec::Vec)
        }
    }

    /// An owned copy of the `&str` expression `expr`.
    pub fn to_owned_string(&self, expr: TokenStream) -> TokenStream {
        let string = self.string_type();
        quote!(#string::from(#expr))
    }
}

/// Configures and runs code generation, typically from `build.rs`:
///
/// ```no_run
/// // In build.rs's `fn main`:
/// provider_errors_codegen::Config::new()
///     .schema("../schema")
///     .write_to_out_dir()
///     .unwrap_or_else(|e| panic!("{e}"));
/// ```
///
/// then, in the crate: `include!(concat!(env!("OUT_DIR"), "/provider_errors.rs"));`
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    providers: Option<Vec<String>>,
    serde: bool,
    visibility: String,
    layout: Layout,
    no_std: bool,
    classify: bool,
    max_body_bytes: usize,
    shapes: Vec<(String, String, TableShape)>,
    binary_search: bool,
    limits: Limits,
    out_file_name: String,
    rerun_if_changed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schemas: Vec::new(),
            providers: None,
            serde: false,
            visibility: "pub".to_owned(),
            layout: Layout::default(),
            no_std: false,
            classify: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            shapes: Vec::new(),
            binary_search: false,
            limits: Limits::default(),
            out_file_name: "provider_errors.rs".to_owned(),
            rerun_if_changed: true,
        }
    }
}

impl Config {
    /// A configuration with every default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema file or a directory of them (`*.yaml`, `*.yml`). Relative paths
    /// are relative to the current directory, which is the package's directory in a
    /// build script. Default: `schema` when no path is given.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Generates only these providers (by `provider.id`). Default: all of them.
    pub fn providers<I, S>(&mut self, ids: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.providers = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Emits `serde::Serialize` and `Deserialize` (as the wire code). The crate
    /// that includes the code then needs `serde`. Default: off.
    pub fn serde(&mut self, enabled: bool) -> &mut Self {
        self.serde = enabled;
        self
    }

    /// The visibility of the generated top-level items, e.g. `pub(crate)`.
    /// Default: `pub`.
    pub fn visibility(&mut self, visibility: impl Into<String>) -> &mut Self {
        self.visibility = visibility.into();
        self
    }

    /// One module per provider, or everything flat. Default: [`Layout::Modules`].
    pub fn layout(&mut self, layout: Layout) -> &mut Self {
        self.layout = layout;
        self
    }

    /// For `no_std` crates: string tables keep unknown codes in
    /// `::alloc::string::String`, so the crate needs `extern crate alloc;`.
    /// Default: off (`::std::string::String`).
    pub fn no_std(&mut self, enabled: bool) -> &mut Self {
        self.no_std = enabled;
        self
    }

    /// Emits response classification: per provider, `classify(status, body)` (in the
    /// flat layout `classify_<provider id>`), which turns an HTTP status and the
    /// response body as received into a typed outcome (`Classified`: success, pending,
    /// redirect, a failure with the typed code, message, kind, retry advice, request
    /// id and details, or an unexpected response), reading codes where each table's
    /// `wire` says they are; plus `RetryPolicy` for retry loops. The rules are in
    /// `schema/README.md` and in the generated `Classified` docs. The crate that
    /// includes the code then needs `serde` and `serde_json` (for `no_std`, both with
    /// `default-features = false, features = ["alloc"]`). Only the parts of a body
    /// that some table reads are kept while parsing. Default: off.
    pub fn classify(&mut self, enabled: bool) -> &mut Self {
        self.classify = enabled;
        self
    }

    /// The largest response body `classify` parses, in bytes: a larger one is an
    /// unexpected response (`UnexpectedReason::TooLarge`) and is not read. Emitted as
    /// `CLASSIFY_MAX_BODY_BYTES`. Default: 8 MiB.
    pub fn classify_max_body_bytes(&mut self, bytes: usize) -> &mut Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The shape of one table's type, by `provider.id` and the table's `id`; the
    /// last call for a table wins. An unknown provider or table, or a string table
    /// given [`TableShape::Constants`], is an error of `generate`. Default:
    /// [`TableShape::Enum`] for every table.
    ///
    /// ```no_run
    /// use provider_errors_codegen::{Config, TableShape};
    /// Config::new()
    ///     .schema("schema")
    ///     .table_shape("acme", "status", TableShape::Constants)
    ///     .write_to_out_dir()
    ///     .unwrap_or_else(|e| panic!("{e}"));
    /// ```
    pub fn table_shape(&mut self, provider: &str, table: &str, shape: TableShape) -> &mut Self {
        self.shapes
            .retain(|(p, t, _)| (p.as_str(), t.as_str()) != (provider, table));
        self.shapes.push((provider.to_owned(), table.to_owned(), shape));
        self
    }

    /// The largest schema file read, in bytes. Default: 8 MiB (the seed schemas are
    /// 10 to 60 KB).
    pub fn max_file_bytes(&mut self, bytes: u64) -> &mut Self {
        self.limits.max_file_bytes = bytes;
        self
    }

    /// The most codes (entries of all its tables) one schema file may hold. Default:
    /// 100 000. With both defaults a schema in block style loads in under a second
    /// and 100 MB (RELIABILITY.md).
    pub fn max_codes(&mut self, codes: usize) -> &mut Self {
        self.limits.max_codes = codes;
        self
    }

    /// Tables look codes up by binary search over their sorted codes instead of a
    /// perfect hash (string tables below the large-table size keep their `match`):
    /// the path a table takes when the hash search gives up, which no table of the
    /// tests makes it do. For the tests of that path; not part of the stable API.
    #[doc(hidden)]
    pub fn binary_search_lookups(&mut self, enabled: bool) -> &mut Self {
        self.binary_search = enabled;
        self
    }

    /// The file `write_to_out_dir` writes. Default: `provider_errors.rs`.
    pub fn out_file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.out_file_name = name.into();
        self
    }

    /// Whether `write_to_out_dir` prints `cargo:rerun-if-changed` for every schema
    /// read. Default: on.
    pub fn rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = enabled;
        self
    }

    /// Loads and validates the schemas, keeping the selected providers.
    pub fn load(&self) -> Result<(Catalog, Vec<PathBuf>), Error> {
        let default = [PathBuf::from("schema")];
        let paths = if self.schemas.is_empty() {
            &default[..]
        } else {
            &self.schemas[..]
        };
        let (mut catalog, files) = crate::load_with(paths, &self.limits)?;
        if let Some(ids) = &self.providers {
            select(&mut catalog, ids)?;
        }
        Ok((catalog, files))
    }

    /// The generated code, formatted, as a string. Pure: reads the schemas, writes
    /// nothing.
    pub fn generate(&self) -> Result<String, Error> {
        self.generate_with_inputs().map(|(code, _)| code)
    }

    fn generate_with_inputs(&self) -> Result<(String, Vec<PathBuf>), Error> {
        let (catalog, files) = self.load()?;
        let opts = self.options()?;
        check_shapes(&catalog, &self.shapes)?;
        check_flat_names(&catalog)?;
        if opts.classify {
            check_classify_names(&catalog, opts.layout)?;
        }
        let mut out = output::Formatter::new(&files, self.visibility.trim() != "pub");
        expand::expand(&catalog, &opts, &mut out);
        let code = out.finish()?;
        Ok((code, files))
    }

    fn options(&self) -> Result<Options, Error> {
        let vis: TokenStream = match syn::parse_str::<syn::Visibility>(&self.visibility) {
            Ok(vis) => quote!(#vis),
            Err(e) => {
                return Err(Error::new(
                    Origin::file(Path::new("Config::visibility")),
                    format!("`{}` is not a visibility: {e}", self.visibility),
                    Some("use `pub`, `pub(crate)`, `pub(super)` or `pub(in path)`".to_owned()),
                ));
            }
        };
        Ok(Options {
            serde: self.serde,
            vis,
            layout: self.layout,
            no_std: self.no_std,
            classify: self.classify,
            max_body_bytes: self.max_body_bytes,
            constants: self
                .shapes
                .iter()
                .filter(|(_, _, shape)| *shape == TableShape::Constants)
                .map(|(p, t, _)| (p.clone(), t.clone()))
                .collect(),
            binary_search: self.binary_search,
        })
    }

    /// Generates into `$OUT_DIR/<out_file_name>` (written only when its content
    /// changed) and prints `cargo:rerun-if-changed` for every schema file and
    /// directory. Returns the path written.
    pub fn write_to_out_dir(&self) -> Result<PathBuf, Error> {
        let Some(dir) = std::env::var_os("OUT_DIR") else {
            return Err(Error::new(
                Origin::file(Path::new("OUT_DIR")),
                "OUT_DIR is not set",
                Some("call `write_to_out_dir` from a build script, or use `write_to`".to_owned()),
            ));
        };
        let path = PathBuf::from(dir).join(&self.out_file_name);
        self.write_to(&path)?;
        Ok(path)
    }

    /// Generates into `path`, written only when its content changed. Returns whether
    /// the file was written.
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<bool, Error> {
        let result = self.generate_with_inputs();
        if self.rerun_if_changed {
            // Printed even when generation fails, so fixing a schema reruns it.
            for input in self
                .schemas
                .iter()
                .chain(result.as_ref().map(|(_, f)| f).into_iter().flatten())
            {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        let (code, _) = result?;
        output::write_if_changed(path.as_ref(), &code)
    }
}

/// Keeps only the providers named, or reports the unknown ones.
fn select(catalog: &mut Catalog, ids: &[String]) -> Result<(), Error> {
    let mut cx = Ctxt::default();
    let known: Vec<&str> = catalog.providers.iter().map(|p| p.id.as_str()).collect();
    for id in ids.iter().filter(|id| !known.contains(&id.as_str())) {
        cx.error_help(
            Origin::file(Path::new("Config::providers")),
            format!("no provider `{id}` in the schemas"),
            choices(id, &known, "known providers"),
        );
    }
    cx.finish(())?;
    catalog.providers.retain(|p| ids.contains(&p.id));
    Ok(())
}

/// The help for an unknown id: the nearest known one, then all of them.
fn choices(id: &str, known: &[&str], label: &str) -> String {
    let near = crate::validate::nearest(id, known)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    format!("{near}{label}: {}", known.join(", "))
}

/// Every table given a shape is among the generated ones, and only integer tables
/// are [`TableShape::Constants`].
fn check_shapes(catalog: &Catalog, shapes: &[(String, String, TableShape)]) -> Result<(), Error> {
    let mut cx = Ctxt::default();
    let at = || Origin::file(Path::new("Config::table_shape"));
    for (provider_id, table_id, shape) in shapes {
        let Some(provider) = catalog.provider(provider_id) else {
            let known: Vec<&str> = catalog.providers.iter().map(|p| p.id.as_str()).collect();
            cx.error_help(
                at(),
                format!("no provider `{provider_id}` among the generated ones"),
                choices(provider_id, &known, "generated providers"),
            );
            continue;
        };
        let Some(table) = provider.table(table_id) else {
            let known: Vec<&str> = provider.tables.iter().map(|t| t.id.as_str()).collect();
            cx.error_help(
                at(),
                format!("provider `{provider_id}` has no table `{table_id}`"),
                choices(table_id, &known, "its tables"),
            );
            continue;
        };
        if *shape == TableShape::Constants && table.code_type == crate::model::CodeType::Str {
            cx.error_help(
                table.origin.clone(),
                format!("table `{provider_id}.{table_id}` has string codes, and `TableShape::Constants` is for integer tables"),
                "leave this table as `TableShape::Enum`",
            );
        }
    }
    cx.finish(())
}

/// Flat names (provider `rust_name` + table `rust_name`) name the types of the flat
/// layout and `AnyCode`'s variants in both layouts: report names taken twice.
fn check_flat_names(catalog: &Catalog) -> Result<(), Error> {
    let mut cx = Ctxt::default();
    let mut taken: Vec<(String, &Origin)> = Vec::new();
    for provider in &catalog.providers {
        for table in &provider.tables {
            let name = expand::type_name(provider, table, Layout::Flat);
            if crate::expand::SHARED_NAMES.contains(&name.as_str()) {
                cx.error_help(
                    table.origin.clone(),
                    format!("type `{name}` would clash with a shared generated type"),
                    "set the table's `rust_name`, or use `Layout::Modules`",
                );
            } else if let Some((_, other)) = taken.iter().find(|(n, _)| *n == name) {
                cx.error_help(
                    table.origin.clone(),
                    format!("type `{name}` is also generated for {other}"),
                    "set a distinct `rust_name` on one table or provider",
                );
            }
            taken.push((name, &table.origin));
        }
    }
    cx.finish(())
}

/// `classify`'s types: in the flat layout the shared ones (`Classified`, ...) sit
/// beside the tables' types, and each provider's code type (`ResponseCode`, flat
/// `<Provider>ResponseCode`) must not be a table's type.
fn check_classify_names(catalog: &Catalog, layout: Layout) -> Result<(), Error> {
    let mut cx = Ctxt::default();
    // Provider modules sit beside classification's own support module.
    for provider in &catalog.providers {
        if layout == Layout::Modules && provider.module == expand::CLASSIFY_SUPPORT {
            cx.error_help(
                provider.origin.clone(),
                format!(
                    "module `{}` would clash with the module generated for `Config::classify`",
                    provider.module
                ),
                "change `provider.id`, or use `Layout::Flat`",
            );
        }
    }
    let all = catalog
        .providers
        .iter()
        .flat_map(|p| p.tables.iter().map(move |t| (p, t)));
    for (provider, table) in all.clone() {
        let name = expand::type_name(provider, table, layout);
        if layout == Layout::Flat && expand::CLASSIFY_NAMES.contains(&name.as_str()) {
            cx.error_help(
                table.origin.clone(),
                format!("type `{name}` would clash with a type generated for `Config::classify`"),
                "set the table's `rust_name`, or use `Layout::Modules`",
            );
        }
        // In the flat layout every type sits side by side; in modules, per provider.
        let clashes = all
            .clone()
            .filter(|(p, _)| layout == Layout::Flat || p.id == provider.id)
            .any(|(p, _)| expand::classify_code_name(p, layout) == name);
        if clashes {
            cx.error_help(
                table.origin.clone(),
                format!("type `{name}` would clash with the code type generated for `Config::classify`"),
                "set the table's or the provider's `rust_name`",
            );
        }
    }
    cx.finish(())
}
