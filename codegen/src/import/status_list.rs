//! HTTP status catalogues: a summary of each class, then a description section.
//!
//! The summary is a table that lost its cells on the way to text, one value per line:
//! a class line (`4xx`), the class's codes, the class name, one name per code in the
//! same order, then the class's paragraph.
//!
//! ```text
//! 4xx          400: Bad Request        <- the description section: a class heading
//! 400          This is the standard... (`4XX: Client Error`), its paragraphs, then
//! 401          ...                     `NNN: Name` headings, each followed by its
//! Client Error                         description lines
//! Bad request
//! Unauthorized
//! The 4xx class of status code...
//! ```

use super::{DocRow, http_status};
use crate::schema::RawCode;

/// A class of statuses (`4xx` `Client Error`) and the codes the page lists in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusClass {
    /// The class as printed: `4xx` in the summary, `4XX` in a description heading;
    /// empty for codes described before any class heading.
    pub class: String,
    /// The class name as printed (`Client Error`).
    pub name: String,
    /// The class's own text: the summary's paragraph, or the non-blank lines between
    /// a class heading and its first code.
    pub text: Vec<String>,
    /// The codes, in page order.
    pub rows: Vec<DocRow>,
}

impl StatusClass {
    fn new(class: &str, name: &str) -> StatusClass {
        StatusClass {
            class: class.to_owned(),
            name: name.to_owned(),
            text: Vec::new(),
            rows: Vec::new(),
        }
    }
}

/// The summary's classes. Each code's row has the name in its position as `message`,
/// the code as `http_status`, and `"<class> <name>"` (`4xx Client Error`) as
/// `category`.
///
/// A class line followed by no codes is not a summary block. A block whose class name
/// or code names are missing (a truncated page) is an error, since pairing the codes
/// with what follows would misname them.
pub fn summary(page: &str) -> Result<Vec<StatusClass>, String> {
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    let mut classes = Vec::new();
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        let block = if is_class_label(line) {
            summary_block(&lines, at)
        } else {
            None
        };
        match block {
            Some(block) => {
                let (class, next) = block?;
                classes.push(class);
                at = next;
            }
            None => at += 1,
        }
    }
    Ok(classes)
}

/// The summary block whose class line is at `start`, and the line after it; `None`
/// when no code follows the class line.
fn summary_block(lines: &[&str], start: usize) -> Option<Result<(StatusClass, usize), String>> {
    let label = lines.get(start)?;
    let codes: Vec<u16> = lines
        .iter()
        .skip(start + 1)
        .map_while(|l| http_status(l))
        .collect();
    if codes.is_empty() {
        return None;
    }
    let at = start + 1 + codes.len();
    let missing = |what: &str| {
        format!(
            "summary class {label}: {what} missing after its {} codes",
            codes.len()
        )
    };
    let Some(name) = lines.get(at).copied().filter(|l| is_name(l)) else {
        return Some(Err(missing("the class name")));
    };
    let names = lines
        .get(at + 1..at + 1 + codes.len())
        .filter(|names| names.iter().all(|n| is_name(n)));
    let Some(names) = names else {
        return Some(Err(missing("a code's name")));
    };
    let mut class = StatusClass::new(label, name);
    let next = at + 1 + codes.len();
    class
        .text
        .extend(lines.get(next).filter(|l| is_name(l)).map(|l| l.to_string()));
    let category = format!("{label} {name}");
    class.rows = codes
        .iter()
        .zip(names)
        .map(|(&code, name)| status_row(code, name, &category))
        .collect();
    let after = next + class.text.len();
    Some(Ok((class, after)))
}

/// A summary line that can be a name: not blank, not a code, not a class line.
fn is_name(line: &str) -> bool {
    !line.is_empty() && http_status(line).is_none() && !is_class_label(line)
}

/// `1xx` to `5xx`, in either case.
fn is_class_label(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() == 3 && class_prefix(bytes)
}

/// Whether a line starts with a class (`4xx`, `4XX`).
fn class_prefix(bytes: &[u8]) -> bool {
    matches!(bytes, [b'1'..=b'5', b'x' | b'X', b'x' | b'X', ..])
}

fn status_row(code: u16, name: &str, category: &str) -> DocRow {
    let mut row = DocRow::new(RawCode::Int(code.into()), name);
    row.category = Some(category.to_owned());
    row.http_status = Some(code);
    row
}

/// The description section's classes: each `NXX: Name` heading, its text, and the
/// `NNN: Name` headings after it, whose rows have the heading's name as `message`, its
/// following non-blank lines joined with `\n` as `description` (none when there are
/// none), and the class heading as printed (`4XX: Client Error`) as `category`.
///
/// Lines before the first heading are not part of the section and are ignored; code
/// headings before any class heading go in a class with an empty `class` and `name`.
/// Lines keep their text, less trailing white space.
pub fn descriptions(page: &str) -> Vec<StatusClass> {
    let mut classes: Vec<StatusClass> = Vec::new();
    for line in page.lines().map(str::trim_end) {
        if let Some((class, name)) = class_heading(line) {
            classes.push(StatusClass::new(class, name));
        } else if let Some((code, name)) = code_heading(line) {
            add_row(&mut classes, code, name);
        } else if !line.trim().is_empty() {
            add_line(classes.last_mut(), line);
        }
    }
    classes
}

/// Adds a code heading to the class being read, opening a nameless class for codes
/// before any class heading.
fn add_row(classes: &mut Vec<StatusClass>, code: u16, name: &str) {
    if classes.is_empty() {
        classes.push(StatusClass::new("", ""));
    }
    if let Some(class) = classes.last_mut() {
        let category = (!class.class.is_empty()).then(|| format!("{}: {}", class.class, class.name));
        let mut row = status_row(code, name, "");
        row.category = category;
        class.rows.push(row);
    }
}

/// Files a text line under the last code's description, or the class's text.
fn add_line(class: Option<&mut StatusClass>, line: &str) {
    let Some(class) = class else { return };
    match class.rows.last_mut() {
        Some(row) => match &mut row.description {
            Some(text) => {
                text.push('\n');
                text.push_str(line);
            }
            None => row.description = Some(line.to_owned()),
        },
        None => class.text.push(line.to_owned()),
    }
}

/// `4XX: Client Error` as (`4XX`, `Client Error`).
fn class_heading(line: &str) -> Option<(&str, &str)> {
    let (class, name) = heading(line)?;
    class_prefix(class.as_bytes()).then_some((class, name))
}

/// `404: Not Found` as (404, `Not Found`).
fn code_heading(line: &str) -> Option<(u16, &str)> {
    let (code, name) = heading(line)?;
    Some((http_status(code)?, name))
}

/// A three-character label, `": "` and a non-blank name.
fn heading(line: &str) -> Option<(&str, &str)> {
    let label = line.get(..3)?;
    let name = line.get(3..)?.strip_prefix(": ")?.trim();
    (!name.is_empty()).then_some((label, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Error Codes\n\nCodeNameNotes\n1xx\n100\n101\nInformational\nContinue\nSwitching protocol\n\
        Provisional.\n4xx\n400\n418\nClient Error\nBad request\nI’m a teapot\nThe 4xx class.\n\nError Descriptions\n\n\
        200: OK\nBefore any class.\n1XX: Informational\n\nClass text one.\n\nClass text two.\n\n100: Continue\n\n\
        101: Switching Protocols\nLine one.  \nLine two.\n\n4XX: Client Error\n400: Bad Request\n  Indented.\n";

    fn names(class: &StatusClass) -> Vec<(String, &str, Option<&str>)> {
        class
            .rows
            .iter()
            .map(|r| (r.code_text(), r.message.as_str(), r.description.as_deref()))
            .collect()
    }

    #[test]
    fn reads_the_summary() {
        let classes = summary(PAGE).unwrap();
        assert_eq!(classes.len(), 2);
        assert_eq!(
            (classes[0].class.as_str(), classes[0].name.as_str()),
            ("1xx", "Informational")
        );
        assert_eq!(classes[0].text, ["Provisional."]);
        assert_eq!(
            names(&classes[1]),
            [
                ("400".into(), "Bad request", None),
                ("418".into(), "I’m a teapot", None)
            ]
        );
        assert_eq!(classes[1].rows[1].category.as_deref(), Some("4xx Client Error"));
        assert_eq!(classes[1].rows[1].http_status, Some(418));
        assert_eq!(classes[1].text, ["The 4xx class."]);
    }

    #[test]
    fn reads_the_descriptions() {
        let classes = descriptions(PAGE);
        let heads: Vec<_> = classes
            .iter()
            .map(|c| (c.class.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(
            heads,
            [("", ""), ("1XX", "Informational"), ("4XX", "Client Error")]
        );
        assert_eq!(
            names(&classes[0]),
            [("200".into(), "OK", Some("Before any class."))]
        );
        assert_eq!(classes[0].rows[0].category, None);
        assert_eq!(classes[1].text, ["Class text one.", "Class text two."]);
        assert_eq!(
            names(&classes[1]),
            [
                ("100".into(), "Continue", None),
                ("101".into(), "Switching Protocols", Some("Line one.\nLine two."))
            ]
        );
        assert_eq!(classes[1].rows[1].category.as_deref(), Some("1XX: Informational"));
        assert_eq!(
            names(&classes[2]),
            [("400".into(), "Bad Request", Some("  Indented."))]
        );
    }

    #[test]
    fn truncated_summaries_are_errors() {
        let err = summary("4xx\n400\n401\nClient Error\nBad request\n").unwrap_err();
        assert_eq!(err, "summary class 4xx: a code's name missing after its 2 codes");
        let err = summary("4xx\n400\n401\n").unwrap_err();
        assert_eq!(err, "summary class 4xx: the class name missing after its 2 codes");
        let err = summary("4xx\n400\n5xx\n").unwrap_err();
        assert!(err.contains("the class name"), "{err}");
    }

    #[test]
    fn not_summaries_or_headings() {
        assert_eq!(summary("").unwrap(), []);
        assert_eq!(summary("4xx\nClient Error\n4xx").unwrap(), [], "no codes");
        assert!(descriptions("").is_empty());
        assert!(descriptions("600: Nope\n40: No\n4XX:Tight\n4XX: \né: x\n404:\n").is_empty());
        let garbage =
            String::from_utf8_lossy(&[0xe2, 0x82, b'\n', b'4', b'x', b'x', b'\n', 0xff, b':', b' ', 0x00]);
        assert!(summary(&garbage).is_ok());
        assert!(descriptions(&garbage).is_empty());
        assert!(descriptions("ééé: x\n4é: y").is_empty(), "multi-byte labels");
    }
}
