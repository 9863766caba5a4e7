//! Naming: pure string functions from schema text to Rust identifiers.
//!
//! Nothing from a YAML file reaches `Ident::new` without passing through here:
//! `Ident::new` panics on invalid input, and a panic in a build script is the worst
//! error message we could give.

use heck::ToUpperCamelCase;

/// At most this many words of a message make a derived variant name.
const MAX_WORDS: usize = 8;

/// Keywords that cannot be raw identifiers (`r#self` is rejected by rustc).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The variant name derived from a code or message: the first sentence, at most
/// eight words, in UpperCamelCase, ASCII letters and digits only, a leading digit
/// prefixed with `N`. `None` when nothing of it can be a name.
pub fn derive_variant(text: &str) -> Option<String> {
    let sentence = first_sentence(text);
    let words: Vec<&str> = sentence.split_whitespace().take(MAX_WORDS).collect();
    // Apostrophes join a word ("couldn't" -> "Couldnt") instead of splitting it;
    // anything else that is not ASCII alphanumeric separates words.
    let ascii: String = words
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let camel = ascii.to_upper_camel_case();
    match camel.chars().next() {
        None => None,
        Some(c) if c.is_ascii_digit() => Some(format!("N{camel}")),
        Some(_) => Some(escape_keyword(&camel)),
    }
}

/// The text up to the first `.`, `!` or `?` that ends a sentence (followed by white
/// space or the end); the whole text when it has none.
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?');
        let followed = bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace);
        if ends && followed && i > 0 {
            return &text[..i];
        }
    }
    text
}

/// `Self` and the like get a trailing `_`; other keywords become raw identifiers.
pub fn escape_keyword(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// Whether `name` (a word of ASCII letters, digits and `_`) is a Rust keyword.
fn is_keyword(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_err()
}

/// Checks a name written in the schema (`rust_name`): it must be usable as written,
/// so keywords are refused rather than escaped.
pub fn check_rust_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid_start = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !valid_start || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a Rust identifier: use ASCII letters, digits and `_`, not starting with a digit"
        ));
    }
    if NOT_RAW.contains(&name) || is_keyword(name) {
        return Err(format!("`{name}` is a Rust keyword"));
    }
    if !is_camel_case(name) {
        return Err(format!(
            "`{name}` is not UpperCamelCase (rustc would warn); write it like `{}`",
            name.to_upper_camel_case()
        ));
    }
    Ok(())
}

/// rustc's `non_camel_case_types` rule: no leading lowercase letter, no `__`, and no
/// `_` next to a letter (once leading and trailing `_` are set aside).
fn is_camel_case(name: &str) -> bool {
    let name = name.trim_matches('_');
    let chars: Vec<char> = name.chars().collect();
    !chars.first().is_some_and(|c| c.is_lowercase())
        && !name.contains("__")
        && !chars
            .windows(2)
            .any(|w| (w[0].is_alphabetic() && w[1] == '_') || (w[0] == '_' && w[1].is_alphabetic()))
}

/// Checks a `snake_case` id (provider and table ids): words of lowercase ASCII
/// letters and digits joined by single `_`, starting with a letter. Ids name modules
/// and the derive's `from_<provider>_<table>` functions, where a `__` (also one made
/// by a trailing `_`) trips rustc's `non_snake_case` lint.
pub fn check_id(id: &str) -> Result<(), String> {
    let ok = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('_').all(|word| {
            !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id `{id}` is not snake_case: use lowercase ASCII letters and digits, words joined by single `_`, \
             starting with a letter"
        ))
    }
}

/// The UpperCamelCase type name for a checked `snake_case` id, not yet escaped:
/// in the flat layout it is only a part of the final name.
pub fn type_name(id: &str) -> String {
    id.to_upper_camel_case()
}

/// The module name for a checked `snake_case` id.
pub fn module_name(id: &str) -> String {
    escape_keyword(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_from_the_first_sentence() {
        assert_eq!(derive_variant("Task Created.").as_deref(), Some("TaskCreated"));
        assert_eq!(
            derive_variant("Access denied. Visit Plans and Subscriptions").as_deref(),
            Some("AccessDenied")
        );
        assert_eq!(derive_variant("rate_limited").as_deref(), Some("RateLimited"));
        assert_eq!(
            derive_variant("We couldn't get valid results for this search.").as_deref(),
            Some("WeCouldntGetValidResultsForThisSearch")
        );
    }

    #[test]
    fn caps_words_and_handles_digits_and_symbols() {
        assert_eq!(
            derive_variant("one two three four five six seven eight nine ten").as_deref(),
            Some("OneTwoThreeFourFiveSixSevenEight")
        );
        assert_eq!(
            derive_variant("3rd Party API Service Unavailable.").as_deref(),
            Some("N3rdPartyApiServiceUnavailable")
        );
        assert_eq!(derive_variant("Ünïcödé — ✓").as_deref(), Some("NCD"));
        assert_eq!(derive_variant("—…!"), None);
        assert_eq!(derive_variant(""), None);
        assert_eq!(derive_variant("e.g. a task id").as_deref(), Some("EG"));
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(derive_variant("self").as_deref(), Some("Self_"));
        assert_eq!(module_name("type"), "r#type");
        assert_eq!(module_name("crate"), "crate_");
        assert_eq!(module_name("self"), "self_");
        assert_eq!(type_name("status_code"), "StatusCode");
        assert_eq!(type_name("self"), "Self");
    }

    #[test]
    fn written_names_are_checked() {
        assert!(check_rust_name("RateLimited").is_ok());
        assert!(check_rust_name("_Private").is_ok());
        for bad in [
            "",
            "1Code",
            "Rate-Limit",
            "Self",
            "_",
            "fn",
            "Ünknown",
            "r#type",
            "rate_limited",
            "Rate_Limit",
        ] {
            assert!(check_rust_name(bad).is_err(), "{bad}");
        }
        assert!(check_id("seven_bridges").is_ok());
        assert!(check_id("a1_b2_c").is_ok());
        // Found by the property tests: `p76__5` made a module rustc warns about.
        for bad in ["", "Seven", "7b", "a-b", "_x", "p76__5", "type_", "a__b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
