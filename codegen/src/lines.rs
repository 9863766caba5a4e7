//! A best-effort map from YAML key paths to line numbers.
//!
//! serde gives values without positions, so after parsing we scan the text once and
//! note the line of every block-style key and sequence item. Flow collections
//! (`{a: 1}`, `[1, 2]`) are not entered: a path inside one resolves to the line of
//! its nearest recorded ancestor. The data itself never comes from this scan.

use std::collections::HashMap;

/// Line numbers (1-based) of the key paths of one YAML document.
///
/// A schema of 100 000 codes has some 400 000 paths, so the common case is kept
/// small: one line per path, and a list only for the rare path written twice.
#[derive(Debug, Default)]
pub(crate) struct LineIndex {
    /// The first line each path is written on.
    first: HashMap<Box<str>, u32>,
    /// Every line of the paths written more than once (a repeated key).
    repeated: HashMap<Box<str>, Vec<u32>>,
}

enum Seg {
    Key(String),
    Index(usize),
}

struct Frame {
    indent: usize,
    seg: Seg,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut index = LineIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Indent of a key whose block scalar (`|`, `>`) or open quote is still running.
        let mut skip_deeper_than: Option<usize> = None;
        let mut open_quote = false;
        // Lines as the parser breaks them (a lone CR too), numbered as editors do.
        let mut next = 1;
        for (raw, counted) in crate::guard::yaml_lines(text) {
            let n = next;
            next += counted;
            let content = raw.trim_start_matches(' ');
            let indent = raw.len() - content.len();
            if open_quote {
                open_quote = !closes_quote(content);
                continue;
            }
            if let Some(limit) = skip_deeper_than {
                if content.trim().is_empty() || indent > limit {
                    continue;
                }
                skip_deeper_than = None;
            }
            if content.is_empty() || content.starts_with('#') || content.starts_with("---") {
                continue;
            }
            let (mut col, mut rest) = (indent, content);
            while let Some(item) = rest
                .strip_prefix('-')
                .filter(|r| r.is_empty() || r.starts_with(' '))
            {
                let next = last_index_at(&mut stack, col, true);
                stack.push(Frame {
                    indent: col,
                    seg: Seg::Index(next),
                });
                index.record(&stack, n);
                let inner = item.trim_start_matches(' ');
                col += 1 + item.len() - inner.len();
                rest = inner;
            }
            let Some((key, value)) = split_key(rest) else {
                continue;
            };
            last_index_at(&mut stack, col, false);
            stack.push(Frame {
                indent: col,
                seg: Seg::Key(key),
            });
            index.record(&stack, n);
            let value = value.trim();
            if value.starts_with('|') || value.starts_with('>') {
                skip_deeper_than = Some(col);
            } else if let Some(rest) = value.strip_prefix('"') {
                open_quote = !closes_quote(rest);
            }
        }
        index
    }

    /// Every line `path` itself is written on.
    pub fn all(&self, path: &str) -> Vec<usize> {
        match (self.repeated.get(path), self.first.get(path)) {
            (Some(lines), _) => lines.iter().map(|l| *l as usize).collect(),
            (None, Some(line)) => vec![*line as usize],
            (None, None) => Vec::new(),
        }
    }

    /// The line of `path`, or of its nearest recorded ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(line) = self.first.get(path) {
                return Some(*line as usize);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    fn record(&mut self, stack: &[Frame], line: usize) {
        let mut path = String::new();
        for frame in stack {
            match &frame.seg {
                Seg::Key(k) if path.is_empty() => path.push_str(k),
                Seg::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Seg::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        // Files are far below 4 billion lines (the loader caps their size).
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        match self.first.get(path.as_str()) {
            None => {
                self.first.insert(path.into_boxed_str(), line);
            }
            Some(&first) => self
                .repeated
                .entry(path.into_boxed_str())
                .or_insert_with(|| vec![first])
                .push(line),
        }
    }
}

/// Pops the frames a new node at `col` ends, and returns the index the next sequence
/// item at `col` gets. A sequence item may sit at its parent key's indent
/// (`key:\n- a`), so for items a key at the same column stays open.
fn last_index_at(stack: &mut Vec<Frame>, col: usize, item: bool) -> usize {
    let mut next = 0;
    while let Some(top) = stack.last() {
        let ends = top.indent > col || (top.indent == col && (!item || matches!(top.seg, Seg::Index(_))));
        if !ends {
            break;
        }
        if let (true, Seg::Index(i)) = (top.indent == col, &top.seg) {
            next = i + 1;
        }
        stack.pop();
    }
    next
}

/// `key: value` or `key:` in block style; plain or quoted simple keys only.
fn split_key(s: &str) -> Option<(String, &str)> {
    if let Some(quoted) = s.strip_prefix('"').or_else(|| s.strip_prefix('\'')) {
        let end = quoted.find(['"', '\''])?;
        let after = quoted[end + 1..].strip_prefix(':')?;
        return (after.is_empty() || after.starts_with(' ')).then(|| (quoted[..end].to_owned(), after));
    }
    if s.starts_with(['{', '[', '&', '*', '!', '|', '>', '\'', '"']) {
        return None;
    }
    let mut search = 0;
    while let Some(pos) = s[search..].find(':') {
        let at = search + pos;
        let after = &s[at + 1..];
        if after.is_empty() || after.starts_with(' ') {
            let key = s[..at].trim_end();
            return (!key.is_empty() && !key.contains(" #")).then(|| (key.to_owned(), after));
        }
        search = at + 1;
    }
    None
}

/// Whether a double-quoted scalar that continues on this line ends here.
fn closes_quote(s: &str) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    const DOC: &str = "\
provider:
  id: x
  notes:
    - one
    - two
tables:
  - id: a
    entries:
    - code: 1
      message: |
        text: not a key
        more
      kind: ok
    - code: 2
      message: \"quoted
        continues: here\"
      kind: ok
  - id: b
    wire: {location: http_status}
";

    #[test]
    fn finds_keys_and_items() {
        let index = LineIndex::new(DOC);
        assert_eq!(index.line("provider.id"), Some(2));
        assert_eq!(index.line("provider.notes[1]"), Some(5));
        assert_eq!(index.line("tables[0].entries[0].code"), Some(9));
        assert_eq!(index.line("tables[0].entries[0].kind"), Some(13));
        assert_eq!(index.line("tables[0].entries[1]"), Some(14));
        assert_eq!(index.line("tables[0].entries[1].kind"), Some(17));
        assert_eq!(index.line("tables[1].id"), Some(18));
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let index = LineIndex::new(DOC);
        assert_eq!(index.line("tables[1].wire.location"), Some(19));
        assert_eq!(index.line("tables[0].entries[7].code"), Some(8));
        assert_eq!(index.line("nowhere"), None);
    }
}
