//! A diff as text for people, or JSON for tools.

use super::{Change, CodeDiff, Diff, FieldChange, TableDiff};
use std::fmt::Write as _;

impl Diff {
    /// How many codes were added, removed, renamed and changed, in that order.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        let codes = self
            .providers
            .iter()
            .flat_map(|p| &p.tables)
            .flat_map(|t| &t.codes);
        for code in codes {
            let slot = match code.change {
                Change::Added => 0,
                Change::Removed => 1,
                Change::Renamed => 2,
                Change::Changed => 3,
            };
            counts[slot] += 1;
        }
        counts
    }

    /// One line per change, grouped by provider and table, then the impact.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for p in &self.providers {
            let _ = writeln!(out, "provider {} ({}): {} [{}]", p.id, p.name, p.change, p.impact);
            fields(&mut out, "  ", &p.fields);
            for t in &p.tables {
                table(&mut out, t);
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The last line of [`Diff::to_text`]: the impact and the counts of codes.
    pub fn summary(&self) -> String {
        let Some(impact) = self.impact else {
            return "no changes; semver impact: none".to_owned();
        };
        let [added, removed, renamed, changed] = self.counts();
        format!(
            "semver impact: {impact} ({added} added, {removed} removed, {renamed} renamed, {changed} changed codes)"
        )
    }

    /// The diff as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
            + "\n"
    }
}

fn table(out: &mut String, t: &TableDiff) {
    let _ = write!(out, "  table {} ({}): {} [{}]", t.id, t.name, t.change, t.impact);
    if matches!(t.change, Change::Added | Change::Removed) {
        let _ = write!(out, ", {} codes", t.codes_total);
    }
    out.push('\n');
    fields(out, "    ", &t.fields);
    for code in &t.codes {
        code_line(out, code);
    }
}

fn code_line(out: &mut String, c: &CodeDiff) {
    let _ = write!(out, "    {:<8} {} {}", c.change.to_string(), c.code, c.variant);
    if let Some(old) = &c.old_variant {
        let _ = write!(out, " (was {old})");
    }
    if matches!(c.change, Change::Added | Change::Removed) {
        let _ = write!(out, " {:?}", c.message);
    }
    let _ = writeln!(out, " [{}]", c.impact);
    fields(out, "      ", &c.fields);
}

fn fields(out: &mut String, indent: &str, fields: &[FieldChange]) {
    let show = |v: &Option<String>| {
        v.as_ref()
            .map_or_else(|| "(none)".to_owned(), |v| format!("{v:?}"))
    };
    for f in fields {
        let _ = writeln!(
            out,
            "{indent}{}: {} -> {} [{}]",
            f.field,
            show(&f.old),
            show(&f.new),
            f.impact
        );
    }
}
