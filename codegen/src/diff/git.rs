//! Schemas at a git revision: `REV:PATH` read with `git` into a temporary directory,
//! loaded there, and every diagnostic pointed back at `REV:PATH/<file>`.

use crate::error::{Ctxt, Error, Origin};
use crate::load::Limits;
use crate::model::Catalog;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Loads the schema file or directory `path` (relative to the current directory) as
/// it is at revision `rev`.
pub(super) fn load(rev: &str, path: &str, limits: &Limits) -> Result<Catalog, Error> {
    let spec = format!("{rev}:{path}");
    let object = format!("{rev}:./{}", path.trim_start_matches("./"));
    let kind = git(&spec, &["cat-file", "-t", &object])?;
    let files: Vec<String> = match kind.trim() {
        "tree" => git(&spec, &["ls-tree", "--name-only", &object])?
            .lines()
            .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
            .map(str::to_owned)
            .collect(),
        "blob" => Vec::new(),
        other => {
            return Err(error(
                &spec,
                format!("is a git {other}, not a file or directory"),
                None,
            ));
        }
    };
    let dir =
        TempDir::new().map_err(|e| error(&spec, format!("cannot make a temporary directory: {e}"), None))?;
    let loaded = if kind.trim() == "blob" {
        let name = Path::new(path)
            .file_name()
            .map_or_else(|| "schema.yaml".into(), |n| n.to_owned());
        let file = dir.0.join(name);
        write(&spec, &file, &git(&spec, &["cat-file", "blob", &object])?)?;
        crate::load_with(&[&file], limits).map(|(catalog, _)| catalog)
    } else {
        for name in &files {
            let blob = git(&spec, &["cat-file", "blob", &format!("{object}/{name}")])?;
            write(&spec, &dir.0.join(name), &blob)?;
        }
        crate::load_with(&[&dir.0], limits).map(|(catalog, _)| catalog)
    };
    loaded.map_err(|e| relocate(e, &dir.0, &spec, kind.trim() == "blob"))
}

/// Runs git, returning its output; an error names the revision and says why.
fn git(spec: &str, args: &[&str]) -> Result<String, Error> {
    let output = Command::new("git").args(args).output().map_err(|e| {
        error(
            spec,
            format!("names a git revision, but git cannot be run: {e}"),
            Some("install git, or check the revision out and give its path".to_owned()),
        )
    })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(error(
            spec,
            format!("git cannot read it: {why}"),
            Some(
                "give REV:PATH with a revision git knows and a path relative to the current directory"
                    .to_owned(),
            ),
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| error(spec, "git's output is not UTF-8".to_owned(), None))
}

fn write(spec: &str, file: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(file, text).map_err(|e| error(spec, format!("cannot write a temporary copy: {e}"), None))
}

fn error(spec: &str, message: String, help: Option<String>) -> Error {
    Error::new(Origin::file(Path::new(spec)), message, help)
}

/// The same diagnostics, with paths in the temporary directory shown as `REV:PATH`.
fn relocate(error: Error, dir: &Path, spec: &str, single_file: bool) -> Error {
    let mut cx = Ctxt::default();
    for d in error.diagnostics() {
        let mut origin = d.origin.clone();
        if let Ok(rest) = origin.file.strip_prefix(dir) {
            origin.file = if single_file || rest.as_os_str().is_empty() {
                PathBuf::from(spec).into()
            } else {
                PathBuf::from(format!("{}/{}", spec.trim_end_matches('/'), rest.display())).into()
            };
        }
        match &d.help {
            Some(help) => cx.error_help(origin, d.message.clone(), help.clone()),
            None => cx.error(origin, d.message.clone()),
        }
    }
    cx.finish(()).err().unwrap_or(error)
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("provider-errors-{}-{nanos}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
