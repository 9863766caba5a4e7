//! Behaviour of the generated code, checked against the schemas it came from: every
//! documented code of every provider, plus undocumented codes, strictness, `Display`
//! and serde.

use provider_errors_codegen::model::{Catalog, Code, Table};
use provider_errors_tests::{
    all_flat_serde, dataforseo_gen, edge_cases_gen, hostile_gen, http_gen, serpapi_gen, serplify_gen,
    seven_bridges_gen,
};
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
        provider_errors_codegen::load(&[dir]).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn table(catalog: &'static Catalog, provider: &str, table: &str) -> (&'static str, &'static Table) {
    let p = catalog
        .provider(provider)
        .unwrap_or_else(|| panic!("no provider {provider}"));
    (
        &p.name,
        p.table(table)
            .unwrap_or_else(|| panic!("no table {provider}/{table}")),
    )
}

/// The schema's metadata and the generated accessors agree, for every entry.
macro_rules! assert_metadata {
    ($value:expr, $entry:expr) => {{
        let (v, e) = (&$value, $entry);
        assert_eq!(format!("{v:?}"), e.rust_name, "variant name");
        assert_eq!(v.message(), Some(e.message.as_str()), "{} message", e.code);
        assert_eq!(
            v.description(),
            e.description.as_deref(),
            "{} description",
            e.code
        );
        assert_eq!(v.category(), e.category.as_deref(), "{} category", e.code);
        assert_eq!(v.http_status(), e.http_status, "{} http_status", e.code);
        assert_eq!(v.kind().as_str(), e.kind.as_str(), "{} kind", e.code);
        assert_eq!(v.retry().as_str(), e.retry.as_str(), "{} retry", e.code);
        assert_eq!(v.outcome().as_str(), e.outcome.as_str(), "{} outcome", e.code);
        let also: Vec<&str> = e.also_documented.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(v.also_documented(), also.as_slice(), "{} also_documented", e.code);
        assert!(v.is_documented());
        assert_eq!(v.is_success(), e.outcome.as_str() == "success");
        assert_eq!(v.is_pending(), e.outcome.as_str() == "pending");
        assert_eq!(v.is_error(), e.outcome.as_str() == "failure");
    }};
}

macro_rules! check_int_table {
    ($ty:ty, $int:ty, $provider:literal, $table:literal, unknown: $unknown:expr) => {{
        let (provider, table) = table(catalog(), $provider, $table);
        assert_eq!(<$ty>::ALL.len(), table.entries.len(), "one variant per entry");
        for (entry, listed) in table.entries.iter().zip(<$ty>::ALL) {
            let Code::Int(raw) = entry.code else {
                panic!("integer table")
            };
            let raw = <$int>::try_from(raw).expect("code fits");
            let value = <$ty>::from_code(raw);
            assert_eq!(&value, listed, "ALL is in schema order");
            assert_eq!(value.code(), raw, "round trip");
            assert_eq!(<$int>::from(value), raw);
            assert_eq!(<$ty>::try_from(raw), Ok(value));
            assert_metadata!(value, entry);
            assert_eq!(value.to_string(), format!("{} ({provider} {raw})", entry.message));
        }
        let unknown: $int = $unknown;
        assert!(table.entries.iter().all(|e| e.code != Code::Int(unknown.into())));
        let value = <$ty>::from_code(unknown);
        // `Unknown(code)` in an enum; a value of its own in a table of constants.
        assert!(!<$ty>::ALL.contains(&value), "undocumented codes are kept");
        assert_eq!(format!("{value:?}"), format!("Unknown({unknown})"));
        assert_eq!(value.code(), unknown);
        assert_eq!(value.message(), None);
        assert!(!value.is_documented() && value.is_error());
        assert_eq!(value.kind().as_str(), "unknown");
        assert_eq!(value.to_string(), format!("{unknown} ({provider}, undocumented)"));
        let error = <$ty>::try_from(unknown).unwrap_err();
        assert_eq!(error.code, unknown);
        assert_eq!(
            error.to_string(),
            format!("{provider} does not document {} code {unknown}", table.name)
        );
    }};
}

macro_rules! check_str_table {
    ($ty:ty, $provider:literal, $table:literal) => {{
        let (provider, table) = table(catalog(), $provider, $table);
        assert_eq!(<$ty>::ALL.len(), table.entries.len(), "one variant per entry");
        for (entry, listed) in table.entries.iter().zip(<$ty>::ALL) {
            let Code::Str(raw) = &entry.code else {
                panic!("string table")
            };
            let value = <$ty>::from_code(raw);
            assert_eq!(&value, listed, "ALL is in schema order");
            assert_eq!(value.code(), raw, "round trip");
            assert_eq!(value.as_ref(), raw);
            assert_eq!(<$ty>::try_from(raw.as_str()), Ok(value.clone()));
            assert_eq!(raw.parse::<$ty>(), Ok(value.clone()));
            assert_metadata!(value, entry);
            let shown = if *raw == entry.message {
                format!("{} ({provider})", entry.message)
            } else {
                format!("{} ({provider} {raw})", entry.message)
            };
            assert_eq!(value.to_string(), shown);
        }
        let unknown = "a code nobody documented \u{1F600}";
        let value = <$ty>::from_code(unknown);
        assert_eq!(
            value,
            <$ty>::Unknown(unknown.to_owned()),
            "undocumented codes are kept verbatim"
        );
        assert_eq!(value.code(), unknown);
        assert_eq!(value.message(), None);
        assert_eq!(value.to_string(), format!("{unknown} ({provider}, undocumented)"));
        assert_eq!(<$ty>::try_from(unknown).unwrap_err().code, unknown);
        assert_eq!(unknown.parse::<$ty>().unwrap_err().code, unknown);
    }};
}

#[test]
fn dataforseo() {
    check_int_table!(dataforseo_gen::dataforseo::Http, u16, "dataforseo", "http", unknown: 403);
    check_int_table!(dataforseo_gen::dataforseo::Status, u32, "dataforseo", "status", unknown: 40299);
    use dataforseo_gen::dataforseo::Status;
    assert_eq!(Status::from_code(40299), Status::Unknown(40299));
}

#[test]
fn http_catalogue() {
    check_int_table!(http_gen::http::Status, u16, "http", "status", unknown: 306);
}

#[test]
fn serpapi() {
    check_int_table!(serpapi_gen::serpapi::Http, u16, "serpapi", "http", unknown: 402);
    check_str_table!(serpapi_gen::serpapi::SearchStatus, "serpapi", "search_status");
    check_str_table!(serpapi_gen::serpapi::ErrorMessage, "serpapi", "error_message");
}

#[test]
fn serplify() {
    check_str_table!(serplify_gen::serplify::ErrorCode, "serplify", "error_code");
}

#[test]
fn seven_bridges() {
    check_int_table!(seven_bridges_gen::seven_bridges::Code, u32, "seven_bridges", "code", unknown: 6005);
}

/// Every code near a documented one, a sweep of small codes and the type's extremes:
/// `from_code` finds exactly the documented ones (integer tables look codes up by a
/// perfect hash, where an undocumented code shares a slot with a documented one).
macro_rules! sweep_int_table {
    ($ty:ty, $int:ty, $provider:literal, $table:literal) => {{
        let (_, table) = table(catalog(), $provider, $table);
        let documented: std::collections::HashSet<$int> = table
            .entries
            .iter()
            .map(|e| match e.code {
                Code::Int(n) => <$int>::try_from(n).expect("code fits"),
                Code::Str(_) => panic!("integer table"),
            })
            .collect();
        let near = documented
            .iter()
            .flat_map(|&c| (0..=8).flat_map(move |d| [c.wrapping_add(d), c.wrapping_sub(d)]));
        let probes = near
            .chain((0..=70_000u32).filter_map(|n| <$int>::try_from(n).ok()))
            .chain([<$int>::MIN, <$int>::MAX, <$int>::MAX - 1]);
        let mut found = 0;
        for code in probes {
            let value = <$ty>::from_code(code);
            assert_eq!(value.code(), code);
            assert_eq!(value.is_documented(), documented.contains(&code), "{code}");
            found += usize::from(value.is_documented());
        }
        assert!(found >= documented.len());
    }};
}

#[test]
fn integer_lookups_find_exactly_the_documented_codes() {
    sweep_int_table!(dataforseo_gen::dataforseo::Http, u16, "dataforseo", "http");
    sweep_int_table!(dataforseo_gen::dataforseo::Status, u32, "dataforseo", "status");
    sweep_int_table!(http_gen::http::Status, u16, "http", "status");
    sweep_int_table!(serpapi_gen::serpapi::Http, u16, "serpapi", "http");
    sweep_int_table!(
        seven_bridges_gen::seven_bridges::Code,
        u32,
        "seven_bridges",
        "code"
    );
}

#[test]
fn free_text_matches_ignore_white_space_differences_only() {
    use serpapi_gen::serpapi::ErrorMessage;
    let loose = "  Your account   has run out\nof searches.  ";
    assert_eq!(ErrorMessage::from_code(loose), ErrorMessage::OutOfSearches);
    assert_eq!(ErrorMessage::try_from(loose), Ok(ErrorMessage::OutOfSearches));
    let different = "Your account has run out of searches";
    assert_eq!(
        ErrorMessage::from_code(different),
        ErrorMessage::Unknown(different.to_owned())
    );
    // Exact tables compare byte for byte.
    use serplify_gen::serplify::ErrorCode;
    assert!(matches!(
        ErrorCode::from_code(" rate_limited"),
        ErrorCode::Unknown(_)
    ));
}

/// The white-space-insensitive lookup against its definition (the same words, split
/// on Unicode white space), on every documented message reshaped many ways: spaces
/// doubled, tabs and newlines, Unicode white space, padding, words dropped or cut.
#[test]
fn free_text_lookup_agrees_with_comparing_words() {
    use serpapi_gen::serpapi::ErrorMessage;
    let reference = |input: &str| {
        ErrorMessage::ALL
            .iter()
            .find(|m| m.code().split_whitespace().eq(input.split_whitespace()))
            .cloned()
    };
    let mut inputs = vec![String::new(), " ".to_owned(), "x".to_owned(), "\u{a0}".to_owned()];
    for message in ErrorMessage::ALL.iter().map(|m| m.code()) {
        let words: Vec<&str> = message.split_whitespace().collect();
        for sep in [" ", "  ", "\t", "\n", " \r\n ", "\u{a0}", "\u{3000}", "\u{2028}"] {
            let joined = words.join(sep);
            inputs.push(joined.clone());
            inputs.push(format!("{sep}{joined}"));
            inputs.push(format!("{joined}{sep}"));
            inputs.push(words[1..].join(sep));
            inputs.push(joined[..joined.len() - 1].to_owned());
        }
        inputs.push(message.replacen(' ', "", 1));
        inputs.push(message.to_uppercase());
        inputs.extend(
            (0..message.len())
                .filter(|&i| message.is_char_boundary(i))
                .map(|i| message[..i].to_owned()),
        );
    }
    let mut matched = 0;
    for input in &inputs {
        let expected = reference(input);
        matched += usize::from(expected.is_some());
        assert_eq!(ErrorMessage::try_from(input.as_str()).ok(), expected, "{input:?}");
        let lenient = expected.unwrap_or_else(|| ErrorMessage::Unknown(input.clone()));
        assert_eq!(ErrorMessage::from_code(input), lenient, "{input:?}");
    }
    assert!(
        matched > 100 && matched < inputs.len() / 2,
        "{matched} of {}",
        inputs.len()
    );
}

#[test]
fn http_tables_convert_to_and_from_the_status_number() {
    use dataforseo_gen::dataforseo::Http;
    assert_eq!(Http::from_code(402), Http::PaymentRequired);
    assert_eq!(u16::from(Http::PaymentRequired), 402);
    assert_eq!(
        Http::from_code(418).http_status(),
        Some(418),
        "undocumented statuses keep theirs"
    );
}

#[test]
fn shared_types_are_shared_and_displayed() {
    use all_flat_serde::{CanonicalKind, DataForSeoStatus, SerplifyErrorCode};
    let (a, b) = (
        DataForSeoStatus::RateLimitExceeded,
        SerplifyErrorCode::RateLimited,
    );
    assert_eq!(a.kind(), b.kind());
    assert_eq!(a.kind(), CanonicalKind::ResourceExhausted);
    assert!(a.retry().is_retryable() && !a.retry().needs_user_action());
    assert_eq!(CanonicalKind::ALL.len(), 17);
    assert_eq!(CanonicalKind::Unauthenticated.grpc_code(), 16);
    assert_eq!(format!("[{:<8}]", all_flat_serde::Outcome::Pending), "[pending ]");
    assert_eq!(
        SerplifyErrorCode::InsufficientBalance.retry().as_str(),
        "after_top_up"
    );
}

#[test]
fn error_tables_are_errors() {
    fn source(e: &dyn std::error::Error) -> String {
        e.to_string()
    }
    let status = dataforseo_gen::dataforseo::Status::RateLimitExceeded;
    assert_eq!(
        source(&status),
        "The rate-limit per minute has been exceeded. (DataForSEO 40202)"
    );
}

#[test]
fn serde_uses_the_wire_code() {
    use all_flat_serde::{CanonicalKind, DataForSeoStatus, SerplifyErrorCode};
    let status: DataForSeoStatus = serde_json::from_str("40202").unwrap();
    assert_eq!(status, DataForSeoStatus::RateLimitExceeded);
    assert_eq!(serde_json::to_string(&status).unwrap(), "40202");
    let unknown: DataForSeoStatus = serde_json::from_str("40299").unwrap();
    assert_eq!(unknown, DataForSeoStatus::Unknown(40299));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "40299");
    let code: SerplifyErrorCode = serde_json::from_str("\"rate_limited\"").unwrap();
    assert_eq!(code, SerplifyErrorCode::RateLimited);
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"rate_limited\"");
    // Escaped strings arrive owned, not borrowed.
    let owned: SerplifyErrorCode = serde_json::from_str("\"rate\\u005flimited\"").unwrap();
    assert_eq!(owned, SerplifyErrorCode::RateLimited);
    let unknown: SerplifyErrorCode = serde_json::from_str("\"new_code\"").unwrap();
    assert_eq!(unknown, SerplifyErrorCode::Unknown("new_code".to_owned()));
    assert!(
        serde_json::from_str::<DataForSeoStatus>("\"40202\"").is_err(),
        "type mismatch is an error"
    );
    let kind: CanonicalKind = serde_json::from_str("\"resource_exhausted\"").unwrap();
    assert_eq!(serde_json::to_string(&kind).unwrap(), "\"resource_exhausted\"");
    assert!(serde_json::from_str::<CanonicalKind>("\"rate_limited\"").is_err());
}

#[test]
fn hostile_text_comes_back_unchanged() {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../codegen/tests/schemas/hostile.yaml"
    );
    let catalog = provider_errors_codegen::load(&[schema]).unwrap_or_else(|e| panic!("{e}"));
    let provider = &catalog.providers[0];
    use hostile_gen::r#type::{Crate, Self_};
    assert_eq!(Self_::PROVIDER, provider.name);
    for (entry, value) in provider.tables[0].entries.iter().zip(Self_::ALL) {
        let Code::Int(raw) = entry.code else {
            unreachable!()
        };
        assert_eq!(Self_::from_code(raw as i64), *value);
        assert_metadata!(value, entry);
    }
    assert!(
        Self_::ALL
            .iter()
            .any(|v| v.message().is_some_and(|m| m.len() > 100_000))
    );
    for (entry, value) in provider.tables[1].entries.iter().zip(Crate::ALL) {
        let Code::Str(raw) = &entry.code else {
            unreachable!()
        };
        assert_eq!(Crate::from_code(raw), *value);
        assert_metadata!(value, entry);
    }
    assert_eq!(Crate::from_code("spaced out"), Crate::Spaced);
    assert_eq!(Crate::from_code("fn"), Crate::Fn);
}

#[test]
fn edge_cases_come_back_unchanged() {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../codegen/tests/schemas/edge_cases.yaml"
    );
    let catalog = provider_errors_codegen::load(&[schema]).unwrap_or_else(|e| panic!("{e}"));
    let provider = &catalog.providers[0];
    use edge_cases_gen::crate_::{OneCode, OneLength, Super, Type};
    let table = |id: &str| provider.tables.iter().find(|t| t.id == id).unwrap();
    assert_eq!(Type::PROVIDER, provider.name);
    assert!(Type::PROVIDER.contains('\u{7}') && Type::PROVIDER.contains('\u{202e}'));
    assert_eq!(Type::ALL.len(), table("type").entries.len());
    for (entry, value) in table("type").entries.iter().zip(Type::ALL) {
        let Code::Str(raw) = &entry.code else {
            unreachable!()
        };
        assert_eq!(Type::from_code(raw), *value);
        assert_eq!(value.code(), raw);
        assert_metadata!(value, entry);
    }
    assert_eq!(Type::from_code("self"), Type::Self_);
    assert_eq!(Type::from_code("Self"), Type::SelfType);
    assert_eq!(Type::from_code("404").message(), Some("404"));
    // Undocumented texts beside documented ones: of a documented length, told
    // apart at the byte that picks the candidate or only after it, or not at all
    // by any single byte.
    for raw in [
        "abb", "bab", "aaa", "cafê!", "r#typf", "typo", "Selfs", "supe", "cr\0te", "40",
    ] {
        assert!(!Type::from_code(raw).is_documented(), "{raw:?}");
        assert_eq!(Type::try_from(raw).map_err(|e| e.code), Err(raw));
    }
    // Tables of one length and of one code.
    assert_eq!(OneLength::ALL, [OneLength::On, OneLength::Of]);
    assert_eq!(OneCode::ALL, [OneCode::Only]);
    for (raw, found) in [
        ("on", Some(OneLength::On)),
        ("of", Some(OneLength::Of)),
        ("no", None),
        ("o", None),
    ] {
        assert_eq!(OneLength::try_from(raw).ok(), found, "{raw:?}");
    }
    for (raw, found) in [("only", Some(OneCode::Only)), ("onlx", None), ("", None)] {
        assert_eq!(OneCode::try_from(raw).ok(), found, "{raw:?}");
    }
    assert_eq!(Super::ALL.len(), table("super").entries.len());
    for (entry, value) in table("super").entries.iter().zip(Super::ALL) {
        let Code::Int(raw) = entry.code else {
            unreachable!()
        };
        assert_eq!(Super::from_code(raw as i32), *value);
        assert_eq!(i128::from(value.code()), raw);
        assert_metadata!(value, entry);
    }
    let controls = Super::from_code(i32::MIN).message().unwrap();
    assert_eq!(
        controls,
        "\0\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\u{80}\u{85}\u{9f}\u{ad}"
    );
    assert_eq!(
        Super::from_code(5).message(),
        Some("trailing spaces and a newline   \n")
    );
}
