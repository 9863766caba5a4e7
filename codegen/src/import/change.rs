//! What a merge ([`super::merge`]) changed, one [`Change`] per field or code, and what
//! it could not do.

use crate::schema::RawCode;
use std::fmt;

/// One change a merge made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A table was added.
    TableAdded {
        /// Its id.
        table: String,
        /// Whether its `wire` is a guess.
        wire_guessed: bool,
    },
    /// A code was added, with `kind: unknown`.
    Added {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
        /// Its message.
        message: String,
    },
    /// A field of a code took the page's value.
    Updated {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
        /// The field (`message`, `description`, ...).
        field: &'static str,
        /// The value before.
        old: Option<String>,
        /// The page's value.
        new: String,
    },
    /// Another text of a code was recorded in `also_documented`.
    OtherText {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
        /// The text.
        message: String,
    },
    /// The page no longer lists a code; it is kept with `undocumented_since`.
    Undocumented {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
    },
    /// A code marked `undocumented_since` is on the page again.
    Redocumented {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
    },
    /// A variant name derived from the old message was kept as `rust_name`.
    NameKept {
        /// The table's id.
        table: String,
        /// The code.
        code: RawCode,
        /// The name kept.
        name: String,
    },
    /// The provider's `source` changed.
    Source {
        /// `url` or `retrieved`.
        field: &'static str,
        /// The value before.
        old: Option<String>,
        /// The new value.
        new: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::TableAdded { table, wire_guessed } => {
                let guess = if *wire_guessed {
                    " (its `wire` is a guess: review it)"
                } else {
                    ""
                };
                write!(f, "table {table}: added{guess}")
            }
            Change::Added { table, code, message } => {
                write!(
                    f,
                    "{table} {code}: added {message:?} (kind `unknown`, not reviewed)"
                )
            }
            Change::Updated {
                table,
                code,
                field,
                old,
                new,
            } => match old {
                Some(old) => write!(f, "{table} {code}: {field} {old:?} -> {new:?}"),
                None => write!(f, "{table} {code}: {field} set to {new:?}"),
            },
            Change::OtherText { table, code, message } => {
                write!(f, "{table} {code}: other text recorded {message:?}")
            }
            Change::Undocumented { table, code } => {
                write!(
                    f,
                    "{table} {code}: no longer on the page; kept, marked undocumented"
                )
            }
            Change::Redocumented { table, code } => write!(f, "{table} {code}: documented again"),
            Change::NameKept { table, code, name } => {
                write!(f, "{table} {code}: variant name `{name}` kept as `rust_name`")
            }
            Change::Source { field, old, new } => match old {
                Some(old) => write!(f, "source.{field}: {old} -> {new}"),
                None => write!(f, "source.{field}: set to {new}"),
            },
        }
    }
}

/// What a merge did and what it could not do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes, table by table in page order.
    pub changes: Vec<Change>,
    /// Rows not imported and other things to look at, one line each.
    pub warnings: Vec<String>,
}

impl Report {
    /// Whether the merge changed nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The codes added with a kind nobody reviewed: `(table, code)`.
    pub fn unreviewed(&self) -> Vec<(&str, &RawCode)> {
        let added = self.changes.iter().filter_map(|c| match c {
            Change::Added { table, code, .. } => Some((table.as_str(), code)),
            _ => None,
        });
        added.collect()
    }
}
