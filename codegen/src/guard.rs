//! Checks on the raw text before the YAML parser sees it.
//!
//! The parser's own guards stop the classic "billion laughs", but an alias fan-out
//! (`a: &a [x, x, ...]` then `b: [*a, *a, ...]`) of a few kilobytes still expands to
//! gigabytes, and deeply nested flow collections make the scanner slow. Schemas need
//! neither, so both are refused here, in one linear pass.

/// Deepest flow nesting (`[` and `{`) accepted; schemas need a handful of levels.
pub(crate) const MAX_FLOW_DEPTH: usize = 32;

/// What the guard found, with its 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// An anchor (`&name`) or alias (`*name`), as written.
    Alias { line: usize, token: String },
    /// Flow collections nested deeper than [`MAX_FLOW_DEPTH`].
    TooDeep { line: usize },
}

/// The first anchor, alias or over-deep nesting in `text`, if any.
pub(crate) fn check(text: &str) -> Option<Refusal> {
    let mut scan = Scan::default();
    for (n, line) in text.lines().enumerate() {
        if let Some(refusal) = scan.line(line, n + 1) {
            return Some(refusal);
        }
    }
    None
}

#[derive(Default)]
struct Scan {
    /// Inside a quoted scalar that continues over lines.
    quote: Option<char>,
    /// Indent of the key whose block scalar (`|`, `>`) is running.
    block: Option<usize>,
    depth: usize,
}

impl Scan {
    fn line(&mut self, line: &str, n: usize) -> Option<Refusal> {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some(limit) = self.block {
            if content.is_empty() || indent > limit {
                return None; // block scalar text is literal: `*` there is not an alias
            }
            self.block = None;
        }
        // A node starts at the beginning of a line and after these indicators.
        let mut node_start = true;
        let mut chars = content.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = self.quote {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    self.quote = None;
                }
                continue;
            }
            match c {
                '#' if i == 0 || content[..i].ends_with(' ') => break,
                '"' | '\'' if node_start => self.quote = Some(c),
                '&' | '*' if node_start => return Some(alias(content, i, n)),
                '|' | '>' if node_start => self.block = Some(indent),
                '[' | '{' => {
                    self.depth += 1;
                    if self.depth > MAX_FLOW_DEPTH {
                        return Some(Refusal::TooDeep { line: n });
                    }
                }
                ']' | '}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            node_start = match c {
                ' ' => node_start,
                '[' | '{' | ',' => true,
                '-' | ':' | '?' => chars.peek().is_none_or(|(_, next)| *next == ' '),
                _ => false,
            };
        }
        None
    }
}

fn alias(content: &str, at: usize, line: usize) -> Refusal {
    let token: String = content[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
        .collect();
    Refusal::Alias { line, token }
}

#[cfg(test)]
mod tests {
    use super::{Refusal, check};

    #[test]
    fn refuses_anchors_and_aliases_at_node_starts() {
        let fan_out = "a: &a [x, x]\nb: [*a, *a]\n";
        assert_eq!(
            check(fan_out),
            Some(Refusal::Alias {
                line: 1,
                token: "&a".into()
            })
        );
        assert_eq!(
            check("- *x\n"),
            Some(Refusal::Alias {
                line: 1,
                token: "*x".into()
            })
        );
        assert_eq!(
            check("k: {a: 1, b: *y}\n"),
            Some(Refusal::Alias {
                line: 1,
                token: "*y".into()
            })
        );
        assert_eq!(
            check("k: [\n  *z,\n]\n"),
            Some(Refusal::Alias {
                line: 2,
                token: "*z".into()
            })
        );
    }

    #[test]
    fn text_that_merely_contains_the_characters_is_fine() {
        let ok = "message: 5 * 3 & more\nq: \"*not\"\nr: '&not'\nd: |\n  *literal\n  &text\ne: x # *comment\n\
                  m: \"multi\n  *line\"\nf: a*b\n";
        assert_eq!(check(ok), None);
    }

    #[test]
    fn refuses_deep_flow_nesting() {
        assert_eq!(check(&"[".repeat(100_000)), Some(Refusal::TooDeep { line: 1 }));
        assert_eq!(check(&format!("a: {}{}", "[".repeat(32), "]".repeat(32))), None);
    }
}
