//! Compile provider error-code schemas (YAML) into typed Rust.
//!
//! API providers document their error codes in web pages; `schema/` holds those pages
//! transcribed as YAML (the format is documented in `schema/README.md`). This crate
//! loads and validates the schemas into a [`model::Catalog`] and generates Rust from it.
//!
//! ```no_run
//! let catalog = provider_errors_codegen::load(&["schema"]).unwrap_or_else(|e| panic!("{e}"));
//! for provider in &catalog.providers {
//!     println!("{}: {} tables", provider.name, provider.tables.len());
//! }
//! ```
//!
//! Loading reports every problem of every file at once, each with the file, the YAML
//! key path and the line ([`Error`]), and never panics on bad input.

#![deny(missing_docs)]

pub mod catalogue;
mod chunked;
mod config;
mod derive;
pub mod diff;
mod error;
mod expand;
mod explain;
mod guard;
mod ident;
pub mod import;
mod lines;
mod load;
mod memory;
pub mod model;
mod output;
pub mod schema;
pub mod schema_yaml;
mod validate;

#[doc(hidden)]
pub use chunked::pieces_agree;
pub use config::{Config, Layout, TableShape};
#[doc(hidden)]
pub use derive::clear_derive_cache;
pub use derive::derive_provider_errors;
pub use error::{Diagnostic, Error, Origin};
pub use load::Limits;
pub use memory::load_sources;

use error::Ctxt;
use std::path::{Path, PathBuf};

/// Loads and validates schemas. Each path is a schema file or a directory of them
/// (`*.yaml`, `*.yml`, not recursive).
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<model::Catalog, Error> {
    load_with(paths, &Limits::default()).map(|(catalog, _)| catalog)
}

/// Like [`load`], with explicit limits; also returns every file read, for
/// `rerun-if-changed`.
pub fn load_with<P: AsRef<Path>>(
    paths: &[P],
    limits: &Limits,
) -> Result<(model::Catalog, Vec<PathBuf>), Error> {
    let mut cx = Ctxt::default();
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            files.extend(load::files_in(path, &mut cx));
        } else {
            files.push(path.to_path_buf());
        }
    }
    let loaded = files
        .iter()
        .filter_map(|f| load::load_file(f, limits, &mut cx))
        .collect();
    let catalog = validate::catalog(loaded, &mut cx);
    cx.finish((catalog, files))
}
