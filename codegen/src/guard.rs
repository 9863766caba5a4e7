//! Checks on the raw text before the YAML parser sees it.
//!
//! The parser's own guards stop the classic "billion laughs", but an alias fan-out
//! (`a: &a [x, x, ...]` then `b: [*a, *a, ...]`) of a few kilobytes still expands to
//! gigabytes, and deeply nested flow collections make the scanner slow. Schemas need
//! neither, so both are refused here, in one linear pass. So are tags outside YAML's
//! core schema (`!!binary`, `!custom`): the loader would silently read the value
//! under them as plain text.

/// Deepest flow nesting (`[` and `{`) accepted; schemas need a handful of levels.
pub(crate) const MAX_FLOW_DEPTH: usize = 32;

/// What the guard found, with its 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// An anchor (`&name`) or alias (`*name`), as written.
    Alias { line: usize, token: String },
    /// Flow collections nested deeper than [`MAX_FLOW_DEPTH`].
    TooDeep { line: usize },
    /// A YAML tag other than the core schema's (`!!binary`, `!custom`) or a `%TAG`
    /// directive, as written: the loader would read the value under it as plain text.
    Tag { line: usize, token: String },
    /// More nodes than the text could hold without aliases: an alias the line scan
    /// missed, caught by [`expands`].
    Expands,
}

/// The tags of YAML's core schema, which the parser resolves itself.
const CORE_TAGS: &[&str] = &["!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map"];

/// The first anchor, alias or over-deep nesting in `text`, if any.
pub(crate) fn check(text: &str) -> Option<Refusal> {
    let mut scan = Scan::default();
    let mut n = 1;
    for (line, counted) in yaml_lines(text) {
        if let Some(refusal) = scan.line(line, n) {
            return Some(refusal);
        }
        n += counted;
    }
    None
}

/// The lines of `text` as the YAML parser sees them: it breaks lines at LF, CRLF, a
/// lone CR, NEL, LS and PS (found by fuzzing: after a lone CR, `*a` starts a line the
/// parser reads and `str::lines` does not). Each comes with the lines an editor
/// counts for its break (LF, CRLF and CR), for the line numbers reported.
pub(crate) fn yaml_lines(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        let found = s
            .char_indices()
            .find(|(_, c)| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'));
        let Some((i, c)) = found else {
            rest = None;
            return Some((s, 0));
        };
        let crlf = c == '\r' && s[i + 1..].starts_with('\n');
        rest = Some(&s[i + c.len_utf8() + usize::from(crlf)..]);
        Some((&s[..i], usize::from(matches!(c, '\n' | '\r'))))
    })
}

/// Space or tab: what separates an indicator from its node.
fn blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

#[derive(Default)]
struct Scan {
    /// Inside a quoted scalar that continues over lines.
    quote: Option<char>,
    /// Column of the node whose block scalar (`|`, `>`) is running: more indented
    /// lines are its text.
    block: Option<usize>,
    /// Column of the node whose plain (unquoted) scalar may continue on more indented
    /// lines, which are then its text.
    plain: Option<usize>,
    /// A plain scalar in a flow collection ran to the end of the line: it goes on on
    /// the next (up to `: `, a flow indicator or a comment), whatever that starts with.
    flow_plain: bool,
    depth: usize,
}

/// Where the scan is within one line.
struct Cursor {
    /// A node may start here (so `&`, `*`, quotes and `|` are indicators).
    node_start: bool,
    /// Only indentation and `- `, `? ` or `: ` so far.
    leading: bool,
    /// Column of the last leading `-`, `?` or `:`, else the indent.
    dash_col: usize,
    /// Column of the first node after the leading indicators.
    owner: usize,
    /// A `key: ` came before (block context).
    keyed: bool,
    /// Inside a plain scalar (block context).
    in_plain: bool,
}

impl Cursor {
    /// The column a block or plain scalar's further lines must be indented past.
    fn limit(&self) -> usize {
        if self.keyed { self.owner } else { self.dash_col }
    }
}

/// Characters that cannot start a plain scalar (`-`, `?` and `:` can, when not
/// followed by a space).
const NOT_PLAIN_START: &str = ",[]{}#&*!|>'\"%@`";

impl Scan {
    fn line(&mut self, line: &str, n: usize) -> Option<Refusal> {
        // The parser skips a byte-order mark at the start of any line, not only the
        // first (found by fuzzing: `\u{FEFF}&a` then `*w`). It takes column 0, so it
        // ends a block or plain scalar, and what follows it is one column further in.
        let bom = line.starts_with('\u{FEFF}');
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len() + usize::from(bom);
        // Scalar text, where `*` is not an alias: a block scalar's more indented lines
        // (`#` included), a plain scalar's until a comment line ends it.
        for (open, comment_ends) in [(&mut self.block, false), (&mut self.plain, true)] {
            if let Some(limit) = *open {
                let ended = bom || (comment_ends && content.starts_with('#'));
                if !ended && (content.is_empty() || indent > limit) {
                    return None;
                }
                *open = None;
            }
        }
        let mut at = Cursor {
            node_start: !(self.depth > 0 && self.flow_plain),
            leading: true,
            dash_col: indent,
            owner: indent,
            keyed: false,
            in_plain: false,
        };
        let mut chars = content.char_indices().peekable();
        // After a document marker, a node may start.
        let marker = ["---", "..."].iter().any(|m| {
            content
                .strip_prefix(m)
                // A tab separates too (found by fuzzing: `---\t*a`).
                .is_some_and(|r| r.is_empty() || r.starts_with(blank))
        });
        if indent == 0 && marker {
            chars.nth(2);
        }
        if indent == 0 && content.starts_with("%TAG") {
            return Some(Refusal::Tag {
                line: n,
                token: "%TAG".to_owned(),
            });
        }
        let mut comment = false;
        // Just after a token that is not a plain scalar (a flow indicator, a closing
        // quote): the parser takes a `#` there for a comment even with no blank before
        // it (found by fuzzing: `[# x}}` then `*a` on the next line).
        let mut after_token = false;
        while let Some((i, c)) = chars.next() {
            if let Some(q) = self.quote {
                let doubled = chars.peek().is_some_and(|(_, next)| *next == q);
                if (c == '\\' && q == '"') || (c == '\'' && q == '\'' && doubled) {
                    chars.next(); // `\x` in double quotes, `''` in single quotes
                } else if c == q {
                    self.quote = None;
                    after_token = true;
                }
                continue;
            }
            let token_before = std::mem::replace(&mut after_token, false);
            let was_start = at.node_start;
            let spaced = chars.peek().is_none_or(|(_, next)| blank(*next));
            let flow = self.depth > 0;
            // `- `, `? ` and `: ` at the start of a line each open a node further in.
            let indicator = matches!(c, '-' | '?' | ':') && spaced;
            if at.leading && !(blank(c) || indicator) {
                at.leading = false;
                at.owner = indent + i;
            }
            if c == '!' && was_start {
                // A tag: the node it applies to follows it.
                let mut end = i + 1;
                while let Some((j, t)) =
                    chars.next_if(|(_, next)| !(blank(*next) || flow && ",[]{}".contains(*next)))
                {
                    end = j + t.len_utf8(); // found by fuzzing: `!م` split a character
                }
                let token = &content[i..end];
                if !CORE_TAGS.contains(&token) {
                    return Some(Refusal::Tag {
                        line: n,
                        token: token.to_owned(),
                    });
                }
                continue;
            }
            match c {
                '#' if i == 0 || token_before || content[..i].ends_with(blank) => {
                    comment = true;
                    break;
                }
                '"' | '\'' if was_start => self.quote = Some(c),
                '&' | '*' if was_start => return Some(alias(content, i, n)),
                '|' | '>' if was_start && !flow => self.block = Some(at.limit()),
                '[' | '{' if was_start || flow => {
                    self.depth += 1;
                    after_token = true;
                    if self.depth > MAX_FLOW_DEPTH {
                        return Some(Refusal::TooDeep { line: n });
                    }
                }
                ']' | '}' if flow => {
                    self.depth -= 1;
                    after_token = true;
                }
                ',' if flow => after_token = true,
                '-' | '?' | ':' if at.leading && indicator => at.dash_col = indent + i,
                _ => {}
            }
            let flow = self.depth > 0;
            at.node_start = match c {
                ' ' | '\t' => was_start,
                '[' | '{' | ',' => flow,
                '-' => was_start && spaced,
                // In a flow collection the parser takes `?` for a key indicator even
                // with no blank after it (found by fuzzing: `[?*a: 1]`).
                '?' => was_start && (spaced || flow),
                // And `:` for a value indicator, where a token starts; inside a plain
                // scalar it is text unless a blank follows (found by fuzzing:
                // `{id:'acme, x: *a}` is the scalar `id:'acme`, then an alias).
                ':' => spaced || (flow && (was_start || token_before)),
                _ => false,
            };
            if c == ':' && spaced && !flow {
                at.keyed = true;
                at.in_plain = false; // it was a key
            } else if was_start && !at.node_start && !flow && !blank(c) && !NOT_PLAIN_START.contains(c) {
                at.in_plain = true;
            }
        }
        if at.in_plain && !comment && self.quote.is_none() && self.depth == 0 {
            self.plain = Some(at.limit());
        }
        self.flow_plain =
            self.depth > 0 && !comment && self.quote.is_none() && !after_token && !at.node_start;
        None
    }
}

/// The second line against alias expansion, for what the line scan misses (fuzzing
/// has found such gaps): walks the parsed document as a deserializer sees it, aliases
/// replayed, and stops once it has met more nodes than the text could hold without
/// them (every node but an empty value takes a byte: two per byte is generous). It
/// allocates nothing per node, so the walk is bounded by the text's size. Only text
/// with an anchor (`&`) and an alias (`*`) can expand; anything else costs a scan.
pub(crate) fn expands(text: &str) -> bool {
    if !(text.contains('*') && text.contains('&')) {
        return false;
    }
    let left = std::cell::Cell::new(2 * text.len() + 16);
    let walked =
        serde::de::DeserializeSeed::deserialize(Budget(&left), serde_yaml::Deserializer::from_str(text));
    // A YAML error is the loader's to report; only the budget is ours.
    walked.is_err() && left.get() == 0
}

/// Counts nodes down; fails when none are left.
#[derive(Clone, Copy)]
struct Budget<'a>(&'a std::cell::Cell<usize>);

impl Budget<'_> {
    fn spend<E: serde::de::Error>(self) -> Result<(), E> {
        match self.0.get() {
            0 => Err(E::custom("alias expansion")),
            n => {
                self.0.set(n - 1);
                Ok(())
            }
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, yaml: D) -> Result<(), D::Error> {
        yaml.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend()
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend()
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend()
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.spend()
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.spend()
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend()
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.spend()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, yaml: D) -> Result<(), D::Error> {
        yaml.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut list: A) -> Result<(), A::Error> {
        self.spend()?;
        while list.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
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
    use super::{Refusal, check, expands};

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

    /// What the line scan might miss, the node budget catches: the fan-out of the
    /// issue (25 KB that took 2.7 GB) at a small size, and a nested one.
    #[test]
    fn the_node_budget_stops_alias_expansion() {
        let items = vec!["x"; 64].join(", ");
        let aliases = vec!["*a"; 64].join(", ");
        let fan_out = format!("a: &a [{items}]\nb: [{aliases}]\n");
        assert!(expands(&fan_out));
        let nested =
            "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n";
        assert!(expands(nested));
        // One alias of a small anchor is within the budget (and refused by the scan).
        assert!(!expands("a: &a [x]\nb: *a\n"));
        // No alias: no walk, whatever the text; every schema of the repository passes.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
        for entry in std::fs::read_dir(root).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!expands(&text));
        }
        // Text with `*` and `&` but no alias, and empty values (a node without a byte).
        assert!(!expands("a: 5 * 3 & 4\nb:\nc:\nd: [\"*\", '&']\n{e, f, g}:\n"));
        assert!(!expands(
            &"k:\n"
                .repeat(1000)
                .replace("k:", "- ")
                .replacen("- ", "- '*&'", 1)
        ));
    }

    #[test]
    fn a_block_scalar_line_starting_with_a_hash_is_text() {
        // Found by the property tests after the plain-scalar change: `#` ended the
        // block scalar too, and the `&` on its next line was refused.
        passes("c: |2-\n    #k\n  &x\nk: v\n", "{c: \"  #k\\n&x\", k: v}");
    }

    #[test]
    fn text_that_merely_contains_the_characters_is_fine() {
        let ok = "message: 5 * 3 & more\nq: \"*not\"\nr: '&not'\nd: |\n  *literal\n  &text\ne: x # *comment\n\
                  m: \"multi\n  *line\"\nf: a*b\n";
        assert_eq!(check(ok), None);
    }

    #[test]
    fn doubled_single_quotes_stay_inside_the_scalar() {
        // Found by the property tests: `''` is an escaped quote, not the end of the
        // scalar, so the `*{` after it is text.
        assert_eq!(check("category: '{}''S{7\"uU$o{*{}'\n"), None);
        assert_eq!(check("a: 'it''s'\nb: 'x''\n  *y'\n"), None);
        assert_eq!(
            check("a: 'it''s' \nb: *y\n"),
            Some(Refusal::Alias {
                line: 2,
                token: "*y".into()
            })
        );
    }

    /// Checks that the guard lets `text` through and that the YAML parser agrees it
    /// holds no alias: it reads `text` as `expected`.
    fn passes(text: &str, expected: &str) {
        assert_eq!(check(text), None, "{text}");
        let value: serde_yaml::Value = serde_yaml::from_str(text).expect("valid YAML");
        let expected: serde_yaml::Value = serde_yaml::from_str(expected).expect("valid YAML");
        assert_eq!(value, expected, "{text}");
    }

    fn alias_at(text: &str, line: usize, token: &str) {
        let token = token.to_owned();
        assert_eq!(check(text), Some(Refusal::Alias { line, token }), "{text}");
    }

    #[test]
    fn indicators_inside_plain_scalars_are_text() {
        // Found by the property tests: `{` inside a plain scalar opens nothing.
        passes(
            "category: <script>C*{&U<script>\n",
            "category: '<script>C*{&U<script>'",
        );
        passes("- Ih\\i9{*\n", "['Ih\\i9{*']");
        passes("a: b - *c ? &d\n", "a: 'b - *c ? &d'");
        // A plain scalar folded over lines, as emitters write long text.
        passes(
            "message: text that folds\n  *here and &there\nkind: ok\n",
            "{message: 'text that folds *here and &there', kind: ok}",
        );
        passes("- a\n  - *b\n", "['a - *b']");
    }

    #[test]
    fn nothing_hides_an_alias_from_the_guard() {
        // A block scalar on a sequence item's line ends at the item's keys (the
        // guard used to skip them, and with them an alias fan-out).
        alias_at("- d: |\n    x\n  e: &a [x]\n  f: *a\n", 3, "&a");
        // After a document marker, a tag, or a comment, nodes start as usual.
        alias_at("--- !!map\n  a: &x [x]\n", 2, "&x");
        alias_at("b: !!map\n  c: *x\n", 2, "*x");
        alias_at("k: v # c\n  *x\n", 2, "*x");
        alias_at("k: !!seq [*x]\n", 1, "*x");
        alias_at("k:\n  *x\n", 2, "*x");
        alias_at("k: [a,\n  *x]\n", 2, "*x");
        // Found by fuzzing: right after a flow indicator or a closing quote, `#` opens
        // a comment with no blank before it, so brackets after it are not counted.
        alias_at("[# Proble-22}}\ny: u16, -m: B.,*ki}*a]}\n", 2, "*ki");
        alias_at("k: {a: 1,# }]\n  b: *x}\n", 2, "*x");
        alias_at("k: ['q'# ]\n  , *x]\n", 2, "*x");
        alias_at("#c\nprovides: [?*ad:  1, m: A., kind: 2]\n", 2, "*ad:");
        alias_at("k: {?&x a: 1}\n", 1, "&x");
        passes("k: [a?b, c?]\n", "{k: [a?b, c?]}");
        // Found by fuzzing: in a flow collection, `:` inside a plain scalar is text, so
        // a quote after it opens nothing; a plain scalar runs on over lines.
        alias_at("provider: {id:'acme, name: Acme, *code: 2}\n", 1, "*code:");
        alias_at("k: [a\n 'b, *c]\n", 2, "*c");
        alias_at("k: [a b\n\n  'c\n  \"d, *e]\n", 4, "*e");
        alias_at("k: {\"a\":&x b}\n", 1, "&x");
        alias_at("---\t*a\n", 1, "*a");
        alias_at("k: v\n\u{FEFF}&a x: 1\n", 2, "&a");
        alias_at("k: [1,\n\u{FEFF}*a]\n", 2, "*a");
        alias_at("k: |\n  text\n\u{FEFF}  *a\n", 3, "*a");
        alias_at("\u{FEFF}k: |\n *a\n", 2, "*a");
        passes("---\tx\n", "x");
        passes("k: {a:&b, c:*d}\n", "{k: {'a:&b': null, 'c:*d': null}}");
        passes("k: [a\n  *b]\n", "{k: ['a *b']}");
        passes("k: [a, # c\n  b]\n", "{k: [a, b]}");
        passes("a: \"x\"#*c\nb: [1,#*d\n  2]\n", "{a: x, b: [1, 2]}");
        // Found by fuzzing: a complex key's mapping starts after `? `, so its next
        // keys are not the continuation of a plain scalar.
        let complex = "? k:>-  id: acme\n  name: Acme\n  source:\n    *r: 1\n";
        alias_at(complex, 4, "*r:");
        alias_at("? a: b\n  *x: 1\n", 2, "*x:");
        alias_at("- ? a: b\n    *x: 1\n", 2, "*x:");
    }

    #[test]
    fn refuses_tags_outside_the_core_schema() {
        // Found while extending the corpus: `!!binary` text was taken as the message.
        let tag = |line: usize, token: &str| {
            Some(Refusal::Tag {
                line,
                token: token.into(),
            })
        };
        assert_eq!(check("message: !!binary VG9v\n"), tag(1, "!!binary"));
        assert_eq!(check("a: b\ncode: !custom x\n"), tag(2, "!custom"));
        assert_eq!(check("k: [!<tag:x> a]\n"), tag(1, "!<tag:x>"));
        assert_eq!(
            check("%TAG !! tag:example.com,2000:\n---\na: !!str b\n"),
            tag(1, "%TAG")
        );
        // Found by fuzzing: the tag's end was counted in characters, not bytes.
        assert_eq!(check("!\u{645}"), tag(1, "!\u{645}"));
        assert_eq!(check("a: !é日😀 x\n"), tag(1, "!é日😀"));
        passes("code: !!str 404\nname: !!str x\n", "{code: '404', name: x}");
        passes("m: \"!!binary x\"\nn: a !b\n", "{m: '!!binary x', n: 'a !b'}");
    }

    #[test]
    fn every_yaml_line_break_and_blank_counts() {
        // Found by fuzzing: a lone CR ends a line for the parser, so `*a` after it
        // starts a node (here after a comment the guard used to read to the end).
        alias_at("# comment\r*a\r!!!!\n", 2, "*a");
        alias_at("a: b\r\n*c\n", 2, "*c");
        // NEL, LS and PS break lines too (and editors do not count them).
        for sep in ['\u{85}', '\u{2028}', '\u{2029}'] {
            alias_at(&format!("# x{sep}*a\n"), 1, "*a");
        }
        // A tab separates an indicator from its node as a space does.
        let tabbed = "a:\t&x [1, 2]\nb:\t*x\n";
        let expanded: serde_yaml::Value = serde_yaml::from_str(tabbed).expect("valid YAML");
        assert_eq!(
            expanded,
            serde_yaml::from_str::<serde_yaml::Value>("{a: [1, 2], b: [1, 2]}").unwrap()
        );
        alias_at(tabbed, 1, "&x");
        alias_at("-\t*x\n", 1, "*x");
        alias_at("a: [1,\t*x]\n", 1, "*x");
        passes("a: 'x'\t# comment *x\n", "a: x");
    }

    #[test]
    fn refuses_deep_flow_nesting() {
        assert_eq!(check(&"[".repeat(100_000)), Some(Refusal::TooDeep { line: 1 }));
        assert_eq!(check(&format!("a: {}{}", "[".repeat(32), "]".repeat(32))), None);
    }
}
