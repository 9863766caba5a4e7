//! Rustdoc for generated items, built from provider text.
//!
//! Provider text is data, not markdown: it may hold `<a>` tags, `*`, backticks or
//! lines that look like list items. Escaping it keeps rustdoc and clippy's doc lints
//! quiet whatever the text, and shows it as written.

use crate::model::{Entry, Provider, Table};
use proc_macro2::TokenStream;
use quote::quote;

/// Doc lines, one `#[doc]` attribute each; an empty string is a paragraph break.
#[derive(Default)]
pub(crate) struct Doc {
    lines: Vec<String>,
}

impl Doc {
    pub fn line(&mut self, text: impl Into<String>) -> &mut Self {
        self.lines.push(text.into());
        self
    }

    /// Provider text as its own paragraphs, one per source line.
    pub fn paragraphs(&mut self, text: &str) -> &mut Self {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            self.gap().line(escape(line.trim()));
        }
        self
    }

    /// A paragraph break, unless one is already there.
    pub fn gap(&mut self) -> &mut Self {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        self
    }

    /// A bulleted item of provider text with a plain label.
    pub fn item(&mut self, label: &str, text: &str) -> &mut Self {
        self.line(format!("- {label}: {}", escape(&one_line(text))))
    }

    pub fn tokens(&self) -> TokenStream {
        let lines = self.lines.iter().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        });
        quote! { #(#[doc = #lines])* }
    }
}

/// Escapes markdown so `text` renders literally, on one line.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '!'
                | '{'
                | '}'
                | '-'
                | '+'
                | '='
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Line breaks and tabs become spaces; other control characters are dropped, and
/// text-direction controls are shown as `\u{202E}` (rustc denies them in comments,
/// since they can make source read differently from what it does).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:04X}}}", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A code as rustdoc shows it: numbers bare, strings quoted and escaped.
pub(crate) fn code_text(entry: &Entry) -> String {
    match &entry.code {
        crate::model::Code::Int(n) => n.to_string(),
        crate::model::Code::Str(s) => format!("\"{}\"", escape(s)),
    }
}

/// The documentation of a table's enum.
pub(crate) fn table_doc(provider: &Provider, table: &Table, constants: bool) -> Doc {
    let mut doc = Doc::default();
    doc.line(format!("{}: {}.", escape(&provider.name), escape(&table.name)));
    if let Some(description) = &table.description {
        doc.paragraphs(description);
    }
    doc.gap();
    match &provider.source_url {
        Some(url) => doc.line(format!("Source: <{url}>, read {}.", provider.retrieved)),
        None => doc.line(format!(
            "Source: the provider's documentation, read {}.",
            provider.retrieved
        )),
    };
    doc.gap().line(wire_sentence(table));
    for note in provider.notes.iter().chain(&table.notes) {
        doc.gap().line(format!("Note: {}", escape(note)));
    }
    for erratum in &table.errata {
        doc.gap()
            .line(format!("Erratum in the documentation: {}", escape(erratum)));
    }
    doc.gap().line(if constants {
        "One associated constant per documented code. A code the documentation does not \
         list keeps its raw value, with `is_documented()` false. `Display` writes the \
         provider's message and the code, as in `Too many requests. (Provider code)`."
    } else {
        "A code the documentation does not list becomes `Unknown`, keeping its raw value. \
         `Display` writes the provider's message and the code, as in \
         `Too many requests. (Provider code)`."
    });
    doc
}

fn wire_sentence(table: &Table) -> String {
    use crate::model::Location;
    match (&table.wire.location, &table.wire.field) {
        (Location::HttpStatus, _) => "On the wire: the response's HTTP status.".to_owned(),
        (Location::JsonBody, field) => {
            let field = field.as_deref().unwrap_or_default();
            let status = table
                .wire
                .http_status
                .map(|s| format!(" (sent with HTTP {s})"))
                .unwrap_or_default();
            format!("On the wire: the `{field}` field of a JSON body{status}.")
        }
    }
}

/// The documentation of one variant: code and message first, then the details.
pub(crate) fn entry_doc(entry: &Entry) -> Doc {
    let mut doc = Doc::default();
    doc.line(format!(
        "`{}`: {}",
        code_text(entry).replace('`', ""),
        escape(&entry.message)
    ));
    if let Some(description) = &entry.description {
        doc.paragraphs(description);
    }
    doc.gap();
    if let Some(status) = entry.http_status {
        doc.line(format!("- HTTP status: {status}"));
    }
    if let Some(category) = &entry.category {
        doc.item("Category", category);
    }
    doc.line(format!(
        "- Kind: `{}`; retry: `{}`; outcome: `{}`",
        entry.kind.as_str(),
        entry.retry.as_str(),
        entry.outcome.as_str()
    ));
    for (message, source) in &entry.also_documented {
        doc.line(format!(
            "- Also documented as: {} ({})",
            escape(message),
            escape(source)
        ));
    }
    for note in &entry.notes {
        doc.item("Note", note);
    }
    for erratum in &entry.errata {
        doc.item("Erratum in the documentation", erratum);
    }
    if let Some(date) = &entry.undocumented_since {
        doc.item("No longer documented since", date);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markdown_and_flattens_lines() {
        assert_eq!(escape("a *b* [c](d)"), r"a \*b\* \[c\](d)");
        assert_eq!(escape("- item\n<a name=\"x\">"), r#"\- item \<a name\="x"\>"#);
        assert_eq!(escape("tab\there\u{7}"), "tab here");
        assert_eq!(escape("a\u{202E}b"), r"a\\u\{202E\}b");
    }
}
