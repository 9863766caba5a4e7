//! A best-effort map from YAML key paths to line numbers.
//!
//! serde gives values without positions, so after parsing we scan the text once and
//! note the line of every block-style key and sequence item. Flow collections
//! (`{a: 1}`, `[1, 2]`) are not entered: a path inside one resolves to the line of
//! its nearest recorded ancestor. The data itself never comes from this scan.

use rustc_hash::FxHashMap;

/// Line numbers (1-based) of the key paths of one YAML document.
///
/// A schema of 100 000 codes has some 400 000 paths, so paths are not stored as
/// strings: each is a node of a tree, found from its parent and its last segment
/// (an interned key, or a sequence index), and holding the first line it is written
/// on. Only the rare path written twice keeps a list of lines.
#[derive(Debug)]
pub(crate) struct LineIndex {
    /// Every mapping key seen, and its number.
    keys: FxHashMap<Box<str>, u32>,
    /// The node of `(parent node, segment)`; the document itself is node 0.
    children: FxHashMap<(u32, u32), u32>,
    /// The first line of each node (node 0 has none and holds 0).
    first: Vec<u32>,
    /// Every line of the nodes written more than once (a repeated key).
    repeated: FxHashMap<u32, Vec<u32>>,
}

/// A path segment as a number: a key's number, or a sequence index with the top bit
/// set.
const INDEX: u32 = 1 << 31;

#[derive(Clone, Copy)]
enum Seg {
    Key(u32),
    Index(usize),
}

struct Frame {
    indent: usize,
    seg: Seg,
    node: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut index = LineIndex {
            keys: FxHashMap::default(),
            children: FxHashMap::default(),
            first: vec![0],
            repeated: FxHashMap::default(),
        };
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
                index.push(&mut stack, col, Seg::Index(next), n);
                let inner = item.trim_start_matches(' ');
                col += 1 + item.len() - inner.len();
                rest = inner;
            }
            let Some((key, value)) = split_key(rest) else {
                continue;
            };
            last_index_at(&mut stack, col, false);
            let key = index.intern(key);
            index.push(&mut stack, col, Seg::Key(key), n);
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
        let (node, rest) = self.walk(path);
        if !rest.is_empty() || node == 0 {
            return Vec::new();
        }
        match self.repeated.get(&node) {
            Some(lines) => lines.iter().map(|l| *l as usize).collect(),
            None => vec![self.first[node as usize] as usize],
        }
    }

    /// The line of `path`, or of its nearest recorded ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let (node, _) = self.walk(path);
        (node != 0).then(|| self.first[node as usize] as usize)
    }

    /// The deepest node along `path`, and what of the path is left below it. Keys
    /// may hold `.` or `[`, so each possible end of a key is tried, shortest first.
    fn walk<'p>(&self, path: &'p str) -> (u32, &'p str) {
        let mut node = 0;
        let mut rest = path;
        'segments: while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('[') {
                let Some((digits, after)) = inner.split_once(']') else {
                    break;
                };
                let child = digits
                    .parse::<u32>()
                    .ok()
                    .filter(|i| *i < INDEX)
                    .and_then(|i| self.children.get(&(node, i | INDEX)));
                match child {
                    Some(&child) => (node, rest) = (child, after),
                    None => break,
                }
                continue;
            }
            let keys = if node == 0 {
                rest
            } else {
                rest.strip_prefix('.').unwrap_or(rest)
            };
            let ends = keys
                .match_indices(['.', '['])
                .map(|(at, _)| at)
                .chain([keys.len()]);
            for end in ends {
                let child = self
                    .keys
                    .get(&keys[..end])
                    .and_then(|key| self.children.get(&(node, *key)));
                if let Some(&child) = child {
                    (node, rest) = (child, &keys[end..]);
                    continue 'segments;
                }
            }
            break;
        }
        (node, rest)
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.keys.get(key) {
            return id;
        }
        // Fewer than 2^31 distinct keys: the loader caps a file's size.
        let id = u32::try_from(self.keys.len()).unwrap_or(INDEX - 1);
        self.keys.insert(key.into(), id);
        id
    }

    /// Records the node of `seg` below the top of `stack` at `line`, and pushes it.
    fn push(&mut self, stack: &mut Vec<Frame>, indent: usize, seg: Seg, line: usize) {
        let parent = stack.last().map_or(0, |f| f.node);
        let seg_id = match seg {
            Seg::Key(id) => id,
            Seg::Index(i) => u32::try_from(i).map_or(u32::MAX, |i| i | INDEX),
        };
        // Files are far below 4 billion lines (the loader caps their size).
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let next = u32::try_from(self.first.len()).unwrap_or(u32::MAX);
        let node = *self.children.entry((parent, seg_id)).or_insert(next);
        if node == next {
            self.first.push(line);
        } else {
            let first = self.first[node as usize];
            self.repeated
                .entry(node)
                .or_insert_with(|| vec![first])
                .push(line);
        }
        stack.push(Frame { indent, seg, node });
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
fn split_key(s: &str) -> Option<(&str, &str)> {
    if let Some(quoted) = s.strip_prefix('"').or_else(|| s.strip_prefix('\'')) {
        let end = quoted.find(['"', '\''])?;
        let after = quoted[end + 1..].strip_prefix(':')?;
        return (after.is_empty() || after.starts_with(' ')).then(|| (&quoted[..end], after));
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
            return (!key.is_empty() && !key.contains(" #")).then_some((key, after));
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

    #[test]
    fn keys_may_hold_dots_and_brackets() {
        let doc = "a:\n  b.c: 1\n  e:\n    - 2\n  d[0]: 3\nx: [1]\n";
        let index = LineIndex::new(doc);
        assert_eq!(index.line("a.b.c"), Some(2));
        assert_eq!(index.line("a.b.c.d"), Some(2));
        assert_eq!(index.line("a.b"), Some(1));
        assert_eq!(index.line("a.e[0]"), Some(4));
        assert_eq!(index.line("a.d[0]"), Some(5));
        assert_eq!(index.line("x[0]"), Some(6));
    }

    #[test]
    fn a_repeated_key_keeps_every_line() {
        let doc = "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n";
        let index = LineIndex::new(doc);
        assert_eq!(index.all("a"), vec![1, 5]);
        assert_eq!(index.all("b.c"), vec![3, 4]);
        assert_eq!(index.all("b"), vec![2]);
        assert_eq!(index.all("b.d"), Vec::<usize>::new());
        assert_eq!(index.line("a"), Some(1));
    }
}
