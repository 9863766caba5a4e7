//! serde's messages, reworded for schema authors: YAML words (key, list, number),
//! the nearest valid name, and what to do.

use crate::model::Kind;
use crate::validate::nearest;

/// `(message, help)` for a serde error `message` at a key named `key`.
pub(crate) fn serde_message(message: &str, key: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown_name("key", rest);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return unknown_name(key, rest);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return missing_key(rest.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return invalid_type(rest);
    }
    (message.to_owned(), None)
}

/// `` `mesage`, expected one of `code`, `message` `` -> a suggestion and the choices.
fn unknown_name(what: &str, rest: &str) -> (String, Option<String>) {
    let mut parts = rest.split('`').skip(1).step_by(2);
    let written = parts.next().unwrap_or_default();
    let choices: Vec<&str> = parts.collect();
    let mut message = format!("unknown {what} `{written}`");
    if let Some(near) = nearest(written, &choices) {
        message.push_str(&format!("; did you mean `{near}`?"));
    }
    let help = (!choices.is_empty()).then(|| format!("expected one of {}", backticked(&choices)));
    (message, help)
}

fn missing_key(key: &str) -> (String, Option<String>) {
    let help = if key == "kind" {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("add `kind:` with one of {}", backticked(&kinds))
    } else {
        format!("add `{key}:` (see schema/README.md)")
    };
    (format!("missing key `{key}`"), Some(help))
}

/// `` string "abc", expected u64 `` -> what was expected, in YAML words.
fn invalid_type(rest: &str) -> (String, Option<String>) {
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
    let found = if found == "unit value" {
        "nothing (null)"
    } else {
        found
    };
    let (expected, help) = match expected {
        "u64" | "u32" | "u16" => ("a whole number", None),
        "field identifier" => ("a key name", Some("keys are names like `code` or `message`")),
        "a sequence" => ("a list", Some("write one item per line, each starting with `- `")),
        "a string" => ("text", Some("quote the value if YAML reads it as something else")),
        other if other.starts_with("struct") || other.starts_with("a map") => ("a mapping", None),
        other => (other, None),
    };
    (
        format!("expected {expected}, found {found}"),
        help.map(str::to_owned),
    )
}

/// `` `a`, `b` ``: names as code, for messages.
pub(crate) fn backticked(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::serde_message;

    #[test]
    fn rewords_serde() {
        let (m, h) = serde_message(
            "unknown field `mesage`, expected one of `code`, `message`",
            "mesage",
        );
        assert_eq!(m, "unknown key `mesage`; did you mean `message`?");
        assert_eq!(h.as_deref(), Some("expected one of `code`, `message`"));
        let (m, _) = serde_message(
            "unknown variant `int`, expected `integer` or `string`",
            "code_type",
        );
        assert_eq!(m, "unknown code_type `int`; did you mean `integer`?");
        let (m, h) = serde_message("missing field `kind`", "");
        assert_eq!(m, "missing key `kind`");
        assert!(h.is_some_and(|h| h.contains("`resource_exhausted`")));
        let (m, _) = serde_message("invalid type: string \"abc\", expected u64", "http_status");
        assert_eq!(m, "expected a whole number, found string \"abc\"");
        let (m, _) = serde_message(
            "invalid type: unit value, expected an integer or a string",
            "code",
        );
        assert_eq!(m, "expected an integer or a string, found nothing (null)");
    }
}
