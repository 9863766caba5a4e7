//! The synthetic tables above the large-table threshold (1 024 codes), where the
//! generator switches to the perfect hash's second level, a table-driven `Debug` and
//! no per-code `match`; below it, one whose scattered codes need the second level,
//! and string tables that take the hash of a few of their bytes (`Word`, `Phrase`,
//! `Short`) or, when no few bytes tell their codes apart, of every byte (`Deep`).
//! `build.rs` writes them as a schema and generates code from it; the tests check
//! that code against these same formulas.

// `src/lib.rs` is `no_std`; `build.rs` includes this file with the prelude.
#[allow(unused_imports)]
use std::{format, string::String, vec::Vec};

/// Codes in the integer table.
pub const INT_CODES: usize = 1_500;
/// Codes in the integer table below the large-table threshold (`Mid`), with the
/// same formulas but for the codes (`mid_code`).
pub const MID_CODES: usize = 700;
/// Codes in the string table.
pub const STR_CODES: usize = 1_100;

/// The `i`-th integer code: out of order, negative and positive.
pub fn int_code(i: usize) -> i64 {
    ((i as i64 * 7_919) % 100_000) - 50_000
}

/// The `i`-th code of `Mid`: scattered over all of `i64` (SplitMix64 of `i`), so
/// that no single multiplier gives each its own slot and `from_code` needs the
/// hash's second level.
pub fn mid_code(i: usize) -> i64 {
    let mut z = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as i64
}

/// The `i`-th string code: out of order once sorted as strings.
pub fn str_code(i: usize) -> String {
    format!("reason_{}", (i * 7_919) % 100_000)
}

/// Codes in `Word`, a string table between the size where a hash of a few bytes
/// takes over from the lookup by length and bytes (64 codes) and the size where a
/// hash of every byte would (129).
pub const WORD_CODES: usize = 100;

/// The `i`-th code of `Word`: snake_case pairs of words of varied lengths, as
/// providers' error codes are (`missing_parameter`, `invalid_api_key_format`).
pub fn word_code(i: usize) -> String {
    const FIRST: [&str; 10] = [
        "missing",
        "invalid",
        "bad",
        "expired",
        "unknown",
        "duplicate",
        "forbidden",
        "too_many",
        "unsupported",
        "rate_limited",
    ];
    const SECOND: [&str; 10] = [
        "key",
        "parameter",
        "api_key_format",
        "location",
        "language_code",
        "request",
        "date",
        "keyword",
        "search_engine_id",
        "page",
    ];
    format!("{}_{}", FIRST[i % 10], SECOND[i / 10])
}

/// Codes in the string table between the size where string tables take the perfect
/// hash (from 129 codes) and the large-table threshold (`Phrase`).
pub const PHRASE_CODES: usize = 600;

/// The `i`-th code of `Phrase`: `Word`'s codes with a version (`missing_key_v2`).
pub fn phrase_code(i: usize) -> String {
    format!("{}_v{}", word_code(i % WORD_CODES), i / WORD_CODES)
}

/// Codes in `Short`: codes of 1 to 11 bytes, in UTF-8, as many as a table that no few
/// bytes tell apart needs to take the hash of every byte (`Deep` is such a table).
pub const SHORT_CODES: usize = 129;

/// The `i`-th code of `Short`: a letter, then nothing, `é`, `_ok`, `_fail` or
/// `_timeout_7` (1, 3, 4, 6 and 11 bytes).
pub fn short_code(i: usize) -> String {
    const SUFFIX: [&str; 5] = ["", "é", "_ok", "_fail", "_timeout_7"];
    format!("{}{}", char::from(b'a' + (i % 26) as u8), SUFFIX[i / 26])
}

/// Codes in `Deep`: enough for the hash of every byte (`Short`'s count).
pub const DEEP_CODES: usize = 130;

/// The `i`-th code of `Deep`: first 12 codes of 1 to 12 bytes (every length the key
/// of every byte reads differently: 1 to 3, 4 to 7, 8 and more), then codes that
/// differ only further than 16 bytes from either end, where the key of a few bytes
/// does not look, so the table is hashed by every byte.
pub fn deep_code(i: usize) -> String {
    match i {
        0..12 => "zyxwvutsrqpo"[..=i].into(),
        _ => format!("request_for_the_resource_{i:03}_was_rejected_by_upstream"),
    }
}

/// The explicit variant name of the `i`-th entry of `Deep`.
pub fn deep_name(i: usize) -> String {
    format!("Deep{i}")
}

/// The explicit variant name of the `i`-th entry of `Short`.
pub fn short_name(i: usize) -> String {
    format!("Short{i}")
}

/// The explicit variant name of the `i`-th entry of `Phrase`.
pub fn phrase_name(i: usize) -> String {
    format!("Phrase{i}")
}

/// The explicit variant name of the `i`-th entry of `Word`.
pub fn word_name(i: usize) -> String {
    format!("Word{i}")
}

/// The message of the `i`-th entry of either table.
pub fn message(i: usize) -> String {
    format!(
        "Failure number {i} \"happened\" \u{2014} ünïcode {}",
        "x".repeat(i % 4)
    )
}

/// The `also_documented` texts of the `i`-th entry: none, one or two.
pub fn also(i: usize) -> Vec<String> {
    (0..i % 3).map(|k| format!("Also documented {i}.{k}")).collect()
}

/// The description of the `i`-th entry of either table: every other one has one.
pub fn description(i: usize) -> Option<String> {
    i.is_multiple_of(2).then(|| format!("Explains failure {i}."))
}

/// The category of the `i`-th entry of either table: one in three has one.
pub fn category(i: usize) -> Option<String> {
    i.is_multiple_of(3).then(|| format!("Group {}", i % 7))
}

/// The HTTP status of the `i`-th entry of either table: four in five have one.
pub fn http_status(i: usize) -> Option<u16> {
    (!i.is_multiple_of(5)).then(|| 400 + (i % 200) as u16)
}

/// The explicit variant name of the `i`-th integer entry.
pub fn int_name(i: usize) -> String {
    format!("Code{i}")
}

/// The schema, as YAML.
pub fn schema_yaml() -> String {
    let mut yaml = String::from(
        "provider:\n  id: large\n  name: Large\n  source:\n    retrieved: 2026-11-22\ntables:\n",
    );
    let int = |code: i64| format!("{code}");
    let text = |code: String| format!("\"{code}\"");
    let named = |name: fn(usize) -> String| move |i| Some(name(i));
    table(
        &mut yaml,
        "status",
        "integer",
        INT_CODES,
        |i| int(int_code(i)),
        named(int_name),
    );
    table(
        &mut yaml,
        "mid",
        "integer",
        MID_CODES,
        |i| int(mid_code(i)),
        named(int_name),
    );
    table(
        &mut yaml,
        "reason",
        "string",
        STR_CODES,
        |i| text(str_code(i)),
        |_| None,
    );
    table(
        &mut yaml,
        "word",
        "string",
        WORD_CODES,
        |i| text(word_code(i)),
        named(word_name),
    );
    table(
        &mut yaml,
        "phrase",
        "string",
        PHRASE_CODES,
        |i| text(phrase_code(i)),
        named(phrase_name),
    );
    table(
        &mut yaml,
        "short",
        "string",
        SHORT_CODES,
        |i| text(short_code(i)),
        named(short_name),
    );
    table(
        &mut yaml,
        "deep",
        "string",
        DEEP_CODES,
        |i| text(deep_code(i)),
        named(deep_name),
    );
    yaml
}

/// One table: `id` (its name capitalised, its field `id`), `count` entries, each
/// code a YAML scalar, named when `rust_name` gives one.
fn table(
    yaml: &mut String,
    id: &str,
    code_type: &str,
    count: usize,
    code: impl Fn(usize) -> String,
    rust_name: impl Fn(usize) -> Option<String>,
) {
    let name = format!("{}{}", id[..1].to_uppercase(), &id[1..]);
    let rust_type = if code_type == "integer" {
        "    rust_type: i64\n"
    } else {
        ""
    };
    yaml.push_str(&format!(
        "  - id: {id}\n    name: {name}\n    code_type: {code_type}\n{rust_type}    \
         wire:\n      location: json_body\n      field: {id}\n    entries:\n"
    ));
    for i in 0..count {
        entry(yaml, &code(i), i, rust_name(i).as_deref());
    }
}

fn entry(yaml: &mut String, code: &str, i: usize, rust_name: Option<&str>) {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    yaml.push_str(&format!(
        "      - code: {code}\n        message: {}\n        kind: internal\n",
        quoted(&message(i))
    ));
    if let Some(text) = description(i) {
        yaml.push_str(&format!("        description: {}\n", quoted(&text)));
    }
    if let Some(text) = category(i) {
        yaml.push_str(&format!("        category: {}\n", quoted(&text)));
    }
    if let Some(status) = http_status(i) {
        yaml.push_str(&format!("        http_status: {status}\n"));
    }
    if let Some(name) = rust_name {
        yaml.push_str(&format!("        rust_name: {name}\n"));
    }
    let also = also(i);
    if !also.is_empty() {
        yaml.push_str("        also_documented:\n");
        for text in also {
            yaml.push_str(&format!(
                "          - message: {}\n            source: test\n",
                quoted(&text)
            ));
        }
    }
}
