//! The catalogue as GitHub-flavoured Markdown.

use super::{Block, Inline};

pub(super) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading(level, title) => {
                out.push_str(&format!("{} {}\n", "#".repeat(*level), escape(title)));
            }
            Block::Paragraph(inlines) => {
                out.push_str(&line(inlines));
                out.push('\n');
            }
            Block::Table(header, rows) => table(&mut out, header, rows),
        }
    }
    out
}

fn table(out: &mut String, header: &[String], rows: &[Vec<Vec<Inline>>]) {
    let cells: Vec<String> = header.iter().map(|h| escape(h)).collect();
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| line(cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

/// Inline runs on one line (a table cell or a paragraph).
fn line(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) => escape(t),
            Inline::Code(c) => code(c),
            Inline::Link(label, target) => format!("[{}]({})", escape(label), target.replace(' ', "%20")),
            Inline::Emphasis(t) => format!("*{}*", escape(t.trim())).replace("**", ""),
        })
        .collect()
}

/// Text with Markdown's and tables' special characters escaped, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span that holds any text: fenced with more backticks than it contains, its
/// pipes escaped (GitHub splits table cells on them even in code).
fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ").replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || longest > 0 {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(escape("a|b *c* <d>\nx"), "a\\|b \\*c\\* \\<d\\> x");
        assert_eq!(code("rate_limited"), "`rate_limited`");
        assert_eq!(code("a`b|c"), "`` a`b\\|c ``");
    }
}
