//! Schemas loaded once per compiler process. Every `#[derive(ProviderErrors)]` of a
//! crate names the same schemas, and rustc runs all of a crate's derives in one
//! process: the first loads and validates them, the others reuse that result as
//! long as the files still hold the same bytes (so an IDE's long-lived macro server
//! never serves a stale schema).

use crate::error::Error;
use crate::load::Limits;
use crate::model::Catalog;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// The schema files of one `schema = "..."` path, as read, and what they loaded to.
struct Entry {
    files: Vec<(PathBuf, Vec<u8>)>,
    catalog: Arc<Catalog>,
}

/// A few entries: a crate rarely names more than one schema path.
const CAPACITY: usize = 8;

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// Loads the schemas at `path` (a file or a directory of them), or reuses the result
/// of an earlier call on the same bytes. Returns the files read, for tracking.
pub(super) fn load(path: &Path) -> Result<(Arc<Catalog>, Vec<PathBuf>), Error> {
    let limits = Limits::default();
    // Anything unusual (an unreadable directory or file, a file over the limit) goes
    // the uncached way, which reports it.
    let Some(files) = read(path, &limits) else {
        let (catalog, files) = crate::load_with(&[path], &limits)?;
        return Ok((Arc::new(catalog), files));
    };
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(hit) = cache.iter().find(|e| e.files == files) {
        return Ok((Arc::clone(&hit.catalog), paths));
    }
    let sources: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), b.as_slice())).collect();
    let catalog = Arc::new(crate::load_sources(&sources, &limits)?);
    if cache.len() == CAPACITY {
        cache.remove(0);
    }
    cache.push(Entry {
        files,
        catalog: Arc::clone(&catalog),
    });
    Ok((catalog, paths))
}

/// The schema files at `path` and their bytes, in the loader's order; `None` when
/// something needs the loader's own diagnostics.
fn read(path: &Path, limits: &Limits) -> Option<Vec<(PathBuf, Vec<u8>)>> {
    let files = if path.is_dir() {
        let mut cx = crate::error::Ctxt::default();
        let files = crate::load::files_in(path, &mut cx);
        cx.finish(files).ok()?
    } else {
        vec![path.to_path_buf()]
    };
    files
        .into_iter()
        .map(|file| {
            let size = std::fs::metadata(&file).ok()?.len();
            if size > limits.max_file_bytes {
                return None;
            }
            let bytes = std::fs::read(&file).ok()?;
            Some((file, bytes))
        })
        .collect()
}

/// Forgets every cached schema, so the next derive loads from scratch (benchmarks
/// measure the first derive of a crate this way).
pub fn clear() {
    CACHE.lock().unwrap_or_else(PoisonError::into_inner).clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "provider:\n  id: acme\n  name: Acme\n  source:\n    retrieved: 2026-11-22\n\
        tables:\n  - id: status\n    name: Status\n    code_type: integer\n    wire:\n      \
        location: json_body\n      field: code\n    entries:\n      - code: 1\n        \
        message: One.\n        kind: internal\n";

    fn message(catalog: &Catalog) -> &str {
        &catalog.providers[0].tables[0].entries[0].message
    }

    #[test]
    fn reuses_a_load_until_the_bytes_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("acme.yaml");
        std::fs::write(&file, SCHEMA).unwrap();
        let (first, files) = load(dir.path()).unwrap();
        assert_eq!(files, std::slice::from_ref(&file));
        let (again, _) = load(dir.path()).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the second derive loads again");

        std::fs::write(&file, SCHEMA.replace("One.", "Uno.")).unwrap();
        let (edited, _) = load(dir.path()).unwrap();
        assert_eq!((message(&first), message(&edited)), ("One.", "Uno."));

        // A new file in the directory counts as a change too.
        std::fs::write(dir.path().join("more.yaml"), SCHEMA.replace("acme", "more")).unwrap();
        let (grown, files) = load(dir.path()).unwrap();
        assert_eq!((grown.providers.len(), files.len()), (2, 2));
    }

    #[test]
    fn errors_are_not_cached_away() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("acme.yaml");
        std::fs::write(&file, SCHEMA.replace("kind: internal", "kind: nope")).unwrap();
        for _ in 0..2 {
            let error = load(&file).unwrap_err().to_string();
            assert!(error.contains("acme.yaml") && error.contains("nope"), "{error}");
        }
        let error = load(&dir.path().join("missing")).unwrap_err().to_string();
        assert!(error.contains("missing"), "{error}");
    }
}
