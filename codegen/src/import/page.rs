//! What an importer takes from a page: its code tables, each with the rows the readers
//! found and what the page says about where the codes travel, ready to merge into a
//! schema ([`super::merge`]).

use super::DocRow;
use crate::schema::{AlsoDocumented, RawCode, Wire};

/// A documentation page as read by one [`super::Format`].
#[derive(Debug, Clone)]
pub struct Page {
    /// The code tables, in page order.
    pub tables: Vec<PageTable>,
    /// The page's address, from its front matter.
    pub url: Option<String>,
    /// The date the page was saved, from its front matter (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// What the readers found odd (skipped rows, codes on two rows), one line each.
    pub warnings: Vec<String>,
}

/// One table of codes on a page.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The page's heading for it, without a trailing colon.
    pub title: String,
    /// The schema table id a new table gets (else derived from the title).
    pub id: Option<String>,
    /// How the codes travel, when the page says; a new table without it gets a
    /// guessed `wire` and a note asking for review.
    pub wire: Option<Wire>,
    /// The codes, in page order, each once.
    pub rows: Vec<PageRow>,
}

/// One code on a page.
#[derive(Debug, Clone)]
pub struct PageRow {
    /// The code, its text and what else the page gives.
    pub row: DocRow,
    /// Other texts the page gives for the same code.
    pub also_documented: Vec<AlsoDocumented>,
}

impl PageRow {
    /// A row with no other texts.
    pub fn new(row: DocRow) -> PageRow {
        PageRow {
            row,
            also_documented: Vec::new(),
        }
    }

    /// Records `text` as another text for this code, unless the row has it already.
    pub fn also(&mut self, text: &str, source: impl Into<String>) {
        let known = self.row.message == text || self.also_documented.iter().any(|a| a.message == text);
        if !known && !text.trim().is_empty() {
            self.also_documented.push(AlsoDocumented {
                message: text.to_owned(),
                source: source.into(),
            });
        }
    }
}

impl PageTable {
    /// A table of `rows`, a code on several rows kept once: the first row's text is
    /// the message, the others' texts go to `also_documented` from `source(code)`.
    pub fn new(title: &str, rows: Vec<DocRow>, source: impl Fn(&DocRow, usize) -> String) -> PageTable {
        let mut kept: Vec<PageRow> = Vec::new();
        for (index, row) in rows.into_iter().enumerate() {
            match kept.iter_mut().find(|k| k.row.code == row.code) {
                Some(first) => first.also(&row.message, source(&row, index)),
                None => kept.push(PageRow::new(row)),
            }
        }
        PageTable {
            title: title.trim().trim_end_matches(':').trim().to_owned(),
            id: None,
            wire: None,
            rows: kept,
        }
    }

    /// Adds the rows of `other` not in this table, keeping numeric order when this
    /// table is in numeric order (else at the end); a row of `other` with a code this
    /// table has already is passed to `same`.
    pub fn union(&mut self, other: Vec<PageRow>, mut same: impl FnMut(&mut PageRow, PageRow)) {
        let sorted = self.rows.windows(2).all(|w| int(&w[0]) < int(&w[1]));
        for row in other {
            if let Some(have) = self.rows.iter_mut().find(|r| r.row.code == row.row.code) {
                same(have, row);
                continue;
            }
            let at = match (sorted, int(&row)) {
                (true, Some(n)) => self.rows.iter().position(|r| int(r).is_some_and(|m| m > n)),
                _ => None,
            };
            self.rows.insert(at.unwrap_or(self.rows.len()), row);
        }
    }

    /// Whether every code is an HTTP status.
    pub fn all_http_statuses(&self) -> bool {
        !self.rows.is_empty()
            && self
                .rows
                .iter()
                .all(|r| int(r).is_some_and(|n| (100..=599).contains(&n)))
    }
}

/// The integer code of a row.
fn int(row: &PageRow) -> Option<i128> {
    match row.row.code {
        RawCode::Int(n) => Some(n),
        RawCode::Str(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: i128, message: &str) -> DocRow {
        DocRow::new(RawCode::Int(code), message)
    }

    fn codes(table: &PageTable) -> Vec<String> {
        table.rows.iter().map(|r| r.row.code_text()).collect()
    }

    #[test]
    fn repeated_codes_become_other_texts() {
        let rows = vec![row(1, "a"), row(2, "b"), row(1, "c"), row(1, "a")];
        let table = PageTable::new("Codes: ", rows, |r, i| format!("row {i} ({})", r.code_text()));
        assert_eq!(table.title, "Codes");
        assert_eq!(codes(&table), ["1", "2"]);
        assert_eq!(table.rows[0].also_documented.len(), 1);
        assert_eq!(table.rows[0].also_documented[0].message, "c");
        assert_eq!(table.rows[0].also_documented[0].source, "row 2 (1)");
    }

    #[test]
    fn union_keeps_numeric_order() {
        let mut table = PageTable::new("t", vec![row(1, "a"), row(5, "e")], |_, _| String::new());
        let more = vec![
            PageRow::new(row(3, "c")),
            PageRow::new(row(9, "i")),
            PageRow::new(row(1, "A")),
        ];
        table.union(more, |have, other| have.also(&other.row.message, "other"));
        assert_eq!(codes(&table), ["1", "3", "5", "9"]);
        assert_eq!(table.rows[0].also_documented[0].message, "A");
    }
}
