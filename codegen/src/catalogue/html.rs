//! The catalogue as a standalone HTML page.

use super::{Block, Inline, slug};

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}\
th{background:#f4f4f4;position:sticky;top:0}code{font-size:.9em}";

pub(super) fn render(blocks: &[Block]) -> String {
    let title = blocks.iter().find_map(|b| match b {
        Block::Heading(1, t) => Some(t.as_str()),
        _ => None,
    });
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title.unwrap_or("Provider error codes"))
    );
    for block in blocks {
        match block {
            Block::Heading(level, t) => {
                out.push_str(&format!(
                    "<h{level} id=\"{}\">{}</h{level}>\n",
                    slug(t),
                    escape(t)
                ));
            }
            Block::Paragraph(inlines) => out.push_str(&format!("<p>{}</p>\n", line(inlines))),
            Block::Table(header, rows) => table(&mut out, header, rows),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn table(out: &mut String, header: &[String], rows: &[Vec<Vec<Inline>>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", line(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn line(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) => escape(t),
            Inline::Code(c) => format!("<code>{}</code>", escape(c)),
            Inline::Link(label, target) => format!("<a href=\"{}\">{}</a>", escape(target), escape(label)),
            Inline::Emphasis(t) => format!("<em>{}</em>", escape(t)),
        })
        .collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
