//! Checks of single values: keywords, identifiers, dates, HTTP statuses, paths.

use super::repeats::list;
use crate::error::{Ctxt, Origin};
use crate::ident;
use crate::load::SourceFile;
use crate::model::IntType;

/// Parses a keyword (kind, retry, outcome), suggesting the nearest valid one.
pub(super) fn keyword<T: Copy>(
    cx: &mut Ctxt,
    src: &SourceFile,
    at: &str,
    written: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    let written = written?;
    let parsed = parse(written);
    if parsed.is_none() {
        let field = at.rsplit('.').next().unwrap_or(at);
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        let mut message = format!(
            "unknown {field} `{written}`; expected one of {}",
            list(names.iter().map(|n| format!("`{n}`")))
        );
        if let Some(near) = nearest(written, &names) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        cx.error(src.origin(at), message);
    }
    parsed
}

/// The candidate closest to `word`, if any is close.
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub(super) fn http_status(cx: &mut Ctxt, origin: Origin, status: u64) -> Option<u16> {
    if (100..=599).contains(&status) {
        u16::try_from(status).ok()
    } else {
        cx.error_help(
            origin,
            format!("HTTP status {status} is outside 100..=599"),
            "write the HTTP status number the code arrives with, like 429",
        );
        None
    }
}

pub(super) fn written_or(
    cx: &mut Ctxt,
    src: &SourceFile,
    at: &str,
    written: Option<&str>,
    default: impl FnOnce() -> String,
) -> String {
    match written {
        Some(name) => {
            check(cx, src.origin(at), ident::check_rust_name(name));
            name.to_owned()
        }
        None => default(),
    }
}

pub(super) fn check(cx: &mut Ctxt, origin: Origin, result: Result<(), String>) {
    if let Err(message) = result {
        cx.error_help(
            origin,
            message,
            "rename it: names are UpperCamelCase identifiers that are not keywords",
        );
    }
}

pub(super) fn check_id(cx: &mut Ctxt, origin: Origin, id: &str) {
    if let Err(message) = ident::check_id(id) {
        cx.error_help(origin, message, "rename it, like `acme_cloud`");
    }
}

pub(super) fn non_empty(cx: &mut Ctxt, src: &SourceFile, at: &str, text: &str) {
    if text.trim().is_empty() {
        cx.error_help(
            src.origin(at),
            "is empty",
            "write the text as the documentation gives it",
        );
    }
}

pub(super) fn check_date(cx: &mut Ctxt, src: &SourceFile, at: &str, date: &str) {
    let parts: Vec<&str> = date.split('-').collect();
    let valid = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let num = |s: &str| s.parse::<u32>().ok();
            match (num(y), num(m), num(d)) {
                (Some(y), Some(m @ 1..=12), Some(d)) => d >= 1 && d <= days_in_month(y, m),
                _ => false,
            }
        }
        _ => false,
    };
    if !valid {
        cx.error_help(
            src.origin(at),
            format!("`{date}` is not a date"),
            "write it as YYYY-MM-DD",
        );
    }
}

/// The help for a code outside its table's type: the types that would hold it.
pub(super) fn wider_types(current: IntType, code: i128) -> String {
    let fits: Vec<String> = IntType::ALL
        .iter()
        .filter(|(ty, _)| *ty != current && (ty.range().0..=ty.range().1).contains(&code))
        .map(|(_, name)| format!("`{name}`"))
        .collect();
    format!(
        "set the table's `rust_type` to one that holds it: {}",
        fits.join(", ")
    )
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub(super) fn is_dotted_path(path: &str) -> bool {
    path.split('.').all(|seg| {
        let name = seg.strip_suffix("[]").unwrap_or(seg);
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}
