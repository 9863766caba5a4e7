//! Loading schemas held in memory rather than in files: for fuzzing, property tests
//! and tools that already have the text. The stages are those of [`crate::load`]
//! (limits, UTF-8, the guard, YAML, the serde types, validation); only the reading
//! of the file system is left out.

use crate::error::{Ctxt, Error};
use crate::load::{self, Limits};
use crate::model::Catalog;
use crate::validate;
use std::path::Path;

/// Loads and validates schemas given as `(name, content)` pairs, exactly as
/// [`crate::load_with`] would load files of those names holding those bytes. The
/// names only appear in diagnostics.
///
/// ```
/// use provider_errors_codegen::{Limits, load_sources};
/// use std::path::Path;
///
/// let yaml = b"provider: {id: acme}\n";
/// let err = load_sources(&[(Path::new("acme.yaml"), &yaml[..])], &Limits::default()).unwrap_err();
/// assert!(err.to_string().contains("acme.yaml"));
/// ```
pub fn load_sources(sources: &[(&Path, &[u8])], limits: &Limits) -> Result<Catalog, Error> {
    let mut cx = Ctxt::default();
    let mut loaded = Vec::with_capacity(sources.len());
    for (name, bytes) in sources {
        if load::within_limit(name, bytes.len() as u64, limits, &mut cx) {
            loaded.extend(load::load_bytes(name, bytes.to_vec(), limits, &mut cx));
        }
    }
    let catalog = validate::catalog(loaded, &mut cx);
    cx.finish(catalog)
}
