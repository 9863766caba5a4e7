//! `import`, file to file: read the page, read (or start) the schema, merge, write the
//! schema only when something changed, then load what was written as a build would.

use super::Format;
use super::merge::{self, Report};
use crate::error::{Error, Origin};
use crate::schema::{Provider, SchemaFile, Source};
use crate::{ident, schema_yaml};
use std::fs;
use std::path::Path;

/// What to import, from where, into which schema.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The page's form.
    pub format: Format,
    /// The saved documentation page.
    pub page: &'a Path,
    /// The schema to update; created when missing, its provider id taken from the
    /// file name.
    pub into: &'a Path,
    /// The date the page was read; default: the page's front-matter `date`, else
    /// today.
    pub date: Option<String>,
    /// The schema table a one-table page goes into (see [`merge::Options::table`]).
    pub table: Option<String>,
    /// The provider's display name when the schema is created; default: its id.
    pub provider_name: Option<String>,
    /// Merge and report, but write nothing.
    pub dry_run: bool,
}

/// What an import did.
#[derive(Debug)]
pub struct Outcome {
    /// The changes made (or, in a dry run, that would be made).
    pub report: Report,
    /// The schema's YAML after the merge.
    pub text: String,
    /// Whether the schema file was written.
    pub written: bool,
    /// Whether the schema file is new.
    pub created: bool,
    /// What the loader finds wrong with the schema written (a derived name that
    /// collides, say): to fix by hand.
    pub problems: Option<Error>,
}

/// Runs an import. Errors name the file at fault: an unreadable page or one not in
/// `format`, a schema that does not parse, a date that is not one.
pub fn run(req: &Request<'_>) -> Result<Outcome, Error> {
    let text = read_page(req.page)?;
    let page = req.format.read(&text).map_err(|e| {
        let help = format!(
            "is it a `{}` page? formats: {}",
            req.format.name(),
            Format::ALL.map(Format::name).join(", ")
        );
        Error::new(Origin::file(req.page), format!("cannot import: {e}"), Some(help))
    })?;
    let date = req.date.clone().or(page.date.clone()).unwrap_or_else(today);
    check_date(&date)?;
    let created = !req.into.exists();
    let mut schema = if created {
        new_schema(req.into, req.provider_name.as_deref(), &date)?
    } else {
        schema_yaml::read(req.into)?
    };
    let opts = merge::Options {
        date,
        doc_name: file_name(req.page),
        table: req.table.clone(),
    };
    let report =
        merge::merge(&mut schema, &page, &opts).map_err(|e| Error::new(Origin::file(req.into), e, None))?;
    let text = schema_yaml::to_string(&schema)?;
    let write = !req.dry_run && (created || !report.is_empty());
    if write {
        crate::output::write_if_changed(req.into, &text)?;
    }
    let problems = if write {
        crate::load(&[req.into]).err()
    } else {
        None
    };
    Ok(Outcome {
        report,
        text,
        written: write,
        created,
        problems,
    })
}

fn read_page(path: &Path) -> Result<String, Error> {
    let bytes = fs::read(path)
        .map_err(|e| Error::new(Origin::file(path), format!("cannot read the page: {e}"), None))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            Origin::file(path),
            format!(
                "the page is not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            Some("save the page as UTF-8".to_owned()),
        )
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A schema with no tables yet, its provider id the file's name.
fn new_schema(path: &Path, name: Option<&str>, date: &str) -> Result<SchemaFile, Error> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    ident::check_id(&id).map_err(|e| {
        Error::new(
            Origin::file(path),
            format!("a new schema takes its provider id from its file name: {e}"),
            Some("name the file `<provider_id>.yaml`, like `acme_cloud.yaml`".to_owned()),
        )
    })?;
    Ok(SchemaFile {
        schema_version: None,
        provider: Provider {
            name: name.map_or_else(|| id.clone(), str::to_owned),
            id,
            rust_name: None,
            source: Source {
                url: None,
                retrieved: date.to_owned(),
            },
            notes: Vec::new(),
        },
        tables: Vec::new(),
    })
}

/// `YYYY-MM-DD` with a month and a day in range.
pub fn check_date(date: &str) -> Result<(), Error> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let valid = match parts.as_slice() {
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(Error::new(
            Origin::file(Path::new("--date")),
            format!("`{date}` is not a date"),
            Some("write it as YYYY-MM-DD".to_owned()),
        ))
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, u32::try_from(m).unwrap_or(1), u32::try_from(d).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert!(check_date("2026-11-22").is_ok());
        for bad in ["2026-13-01", "2026-1-01", "26-01-01", "today", "2026-01-00"] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
        assert!(check_date(&today()).is_ok());
    }
}
