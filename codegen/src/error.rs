//! Problems found in schemas, collected and reported together.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Where something is in the schemas: the file, the YAML key path and the line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The schema file (shared: a table of 100 000 entries has as many origins).
    pub file: Arc<Path>,
    /// The YAML key path, as `tables[0].entries[3].code`; empty for the whole file.
    pub path: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
}

impl Origin {
    /// The origin of a whole file.
    pub fn file(file: &Path) -> Self {
        Origin {
            file: Arc::from(file),
            path: String::new(),
            line: None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        Ok(())
    }
}

/// One problem: where it is, what is wrong and, when we know, what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub origin: Origin,
    /// What is wrong (lowercase, no trailing period).
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in a set of schemas. Never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub(crate) fn new(origin: Origin, message: impl Into<String>, help: Option<String>) -> Self {
        Error {
            diagnostics: vec![Diagnostic {
                origin,
                message: message.into(),
                help,
            }],
        }
    }

    /// The problems, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "error: {d}")?;
        }
        let n = self.diagnostics.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Error {}

/// Collects diagnostics while a stage runs, so one run reports every problem.
#[derive(Default)]
pub(crate) struct Ctxt {
    diagnostics: Vec<Diagnostic>,
}

impl Ctxt {
    pub fn error(&mut self, origin: Origin, message: impl Into<String>) {
        self.push(origin, message.into(), None);
    }

    pub fn error_help(&mut self, origin: Origin, message: impl Into<String>, help: impl Into<String>) {
        self.push(origin, message.into(), Some(help.into()));
    }

    fn push(&mut self, origin: Origin, message: String, help: Option<String>) {
        self.diagnostics.push(Diagnostic {
            origin,
            message,
            help,
        });
    }

    /// `Ok(value)` when nothing was reported, else every diagnostic, in file and
    /// line order (a stable sort: problems on one line keep the order found).
    pub fn finish<T>(mut self, value: T) -> Result<T, Error> {
        if self.diagnostics.is_empty() {
            return Ok(value);
        }
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| (d.origin.file.clone(), d.origin.line.unwrap_or(0));
            key(a).cmp(&key(b))
        });
        Err(Error {
            diagnostics: self.diagnostics,
        })
    }
}
