//! `#[derive(ProviderErrors)]` on a user enum mapping codes from all five providers:
//! every documented code lands where the mapping says, specific codes beat kinds, and
//! the fallback keeps the provider and the raw code.

use provider_errors_codegen::model::{Catalog, Code, Entry, Kind};
use provider_errors_macros::ProviderErrors;
use provider_errors_tests::all_flat_serde::{AnyCode, DataForSeoStatus, SerplifyErrorCode};

#[derive(Debug, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../schema", types = provider_errors_tests::all_flat_serde, layout = "flat", display)]
enum ApiError {
    #[provider_errors(
        dataforseo::status(40202, 40209),
        serplify("rate_limited"),
        seven_bridges(1000),
        serpapi::http(429),
        http(429)
    )]
    RateLimited,
    #[provider_errors(kind(resource_exhausted), message = "out of credit")]
    OutOfCredit(AnyCode),
    #[provider_errors(kind(unauthenticated, permission_denied))]
    Unauthorized,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

/// The specific codes of `RateLimited`, as `(provider, table, code)`.
const RATE_LIMITED: &[(&str, &str, &str)] = &[
    ("dataforseo", "status", "40202"),
    ("dataforseo", "status", "40209"),
    ("serplify", "error_code", "\"rate_limited\""),
    ("seven_bridges", "code", "1000"),
    ("serpapi", "http", "429"),
    ("http", "status", "429"),
];

/// Which variant the mapping above sends an entry to, worked out from the schema.
fn expected(provider: &str, table: &str, entry: &Entry) -> &'static str {
    let code = entry.code.to_string();
    if RATE_LIMITED
        .iter()
        .any(|(p, t, c)| (*p, *t, *c) == (provider, table, code.as_str()))
    {
        "RateLimited"
    } else if entry.kind == Kind::ResourceExhausted {
        "OutOfCredit"
    } else if matches!(entry.kind, Kind::Unauthenticated | Kind::PermissionDenied) {
        "Unauthorized"
    } else {
        "Other"
    }
}

fn variant_name(e: &ApiError) -> &'static str {
    match e {
        ApiError::RateLimited => "RateLimited",
        ApiError::OutOfCredit(_) => "OutOfCredit",
        ApiError::Unauthorized => "Unauthorized",
        ApiError::Other(_) => "Other",
    }
}

fn catalog() -> Catalog {
    provider_errors_codegen::load(&[concat!(env!("CARGO_MANIFEST_DIR"), "/../schema")]).unwrap()
}

#[test]
fn every_documented_code_lands_where_the_mapping_says() {
    let catalog = catalog();
    let mut checked = 0;
    for provider in &catalog.providers {
        for table in &provider.tables {
            for entry in &table.entries {
                let got = match (provider.id.as_str(), table.id.as_str(), &entry.code) {
                    ("dataforseo", "http", Code::Int(c)) => ApiError::from_dataforseo_http(*c as u16),
                    ("dataforseo", "status", Code::Int(c)) => ApiError::from_dataforseo_status(*c as u32),
                    ("http", "status", Code::Int(c)) => ApiError::from_http(*c as u16),
                    ("serpapi", "http", Code::Int(c)) => ApiError::from_serpapi_http(*c as u16),
                    ("serpapi", "search_status", Code::Str(c)) => ApiError::from_serpapi_search_status(c),
                    ("serpapi", "error_message", Code::Str(c)) => ApiError::from_serpapi_error_message(c),
                    ("serplify", "error_code", Code::Str(c)) => ApiError::from_serplify(c),
                    ("seven_bridges", "code", Code::Int(c)) => ApiError::from_seven_bridges_code(*c as u32),
                    other => panic!("a table this test does not know: {other:?}"),
                };
                let want = expected(&provider.id, &table.id, entry);
                assert_eq!(
                    variant_name(&got),
                    want,
                    "{}::{} {}",
                    provider.id,
                    table.id,
                    entry.code
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 279, "every documented code of the five providers");
}

#[test]
fn specific_codes_take_precedence_over_kinds() {
    // 40202 is resource_exhausted, but listed under RateLimited.
    assert_eq!(
        DataForSeoStatus::RateLimitExceeded.kind().as_str(),
        "resource_exhausted"
    );
    assert_eq!(
        ApiError::from(DataForSeoStatus::RateLimitExceeded),
        ApiError::RateLimited
    );
    // 40210 is resource_exhausted and not listed: the kind decides, keeping the code.
    let e = ApiError::from_dataforseo_status(40210);
    assert_eq!(
        e,
        ApiError::OutOfCredit(AnyCode::DataForSeoStatus(DataForSeoStatus::InsufficientFunds))
    );
}

#[test]
fn the_fallback_keeps_provider_and_raw_code() {
    let ApiError::Other(code) = ApiError::from_dataforseo_status(40299) else {
        panic!("fallback")
    };
    assert_eq!(code, AnyCode::DataForSeoStatus(DataForSeoStatus::Unknown(40299)));
    assert_eq!(code.provider(), "DataForSEO");
    assert!(!code.is_documented());
    let ApiError::Other(code) = ApiError::from_serplify("brand_new_code") else {
        panic!("fallback")
    };
    assert_eq!(
        code,
        AnyCode::SerplifyErrorCode(SerplifyErrorCode::Unknown("brand_new_code".into()))
    );
    assert_eq!(code.to_string(), "brand_new_code (Serplify, undocumented)");
}

#[test]
fn display_and_error_when_asked() {
    fn as_error(e: &dyn std::error::Error) -> String {
        e.to_string()
    }
    assert_eq!(as_error(&ApiError::RateLimited), "rate limited");
    assert_eq!(
        ApiError::from_serplify("insufficient_balance").to_string(),
        "out of credit"
    );
    let other = ApiError::from_serplify("not_found");
    assert_eq!(
        other.to_string(),
        "Resource (e.g. a task id) not found. (Serplify not_found)"
    );
}

/// The same mapping onto tables generated as `TableShape::Constants` (the derive
/// matches their associated constants as patterns).
#[derive(Debug, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../schema", types = provider_errors_tests::constants_gen)]
enum ConstantsError {
    #[provider_errors(
        dataforseo::status(40202, 40209),
        serplify("rate_limited"),
        seven_bridges(1000),
        serpapi::http(429),
        http(429)
    )]
    RateLimited,
    #[provider_errors(kind(resource_exhausted))]
    OutOfCredit(provider_errors_tests::constants_gen::AnyCode),
    #[provider_errors(kind(unauthenticated, permission_denied))]
    Unauthorized,
    #[provider_errors(fallback)]
    Other(provider_errors_tests::constants_gen::AnyCode),
}

#[test]
fn tables_of_constants_map_as_enums_do() {
    let name = |e: &ConstantsError| match e {
        ConstantsError::RateLimited => "RateLimited",
        ConstantsError::OutOfCredit(_) => "OutOfCredit",
        ConstantsError::Unauthorized => "Unauthorized",
        ConstantsError::Other(_) => "Other",
    };
    let catalog = catalog();
    let mut checked = 0;
    for provider in &catalog.providers {
        for table in &provider.tables {
            let Code::Int(_) = table.entries[0].code else {
                continue;
            };
            let codes = table.entries.iter().filter_map(|e| match e.code {
                Code::Int(c) => Some(c),
                Code::Str(_) => None,
            });
            // Every documented code and its undocumented neighbours.
            for c in codes.flat_map(|c| [c - 1, c, c + 1]) {
                let (ours, theirs) = match (provider.id.as_str(), table.id.as_str()) {
                    ("dataforseo", "http") => (
                        ConstantsError::from_dataforseo_http(c as u16),
                        ApiError::from_dataforseo_http(c as u16),
                    ),
                    ("dataforseo", "status") => (
                        ConstantsError::from_dataforseo_status(c as u32),
                        ApiError::from_dataforseo_status(c as u32),
                    ),
                    ("http", "status") => {
                        (ConstantsError::from_http(c as u16), ApiError::from_http(c as u16))
                    }
                    ("serpapi", "http") => (
                        ConstantsError::from_serpapi_http(c as u16),
                        ApiError::from_serpapi_http(c as u16),
                    ),
                    ("seven_bridges", "code") => (
                        ConstantsError::from_seven_bridges_code(c as u32),
                        ApiError::from_seven_bridges_code(c as u32),
                    ),
                    other => panic!("a table this test does not know: {other:?}"),
                };
                assert_eq!(
                    name(&ours),
                    variant_name(&theirs),
                    "{}::{} {c}",
                    provider.id,
                    table.id
                );
                if let (ConstantsError::Other(a), ApiError::Other(b)) = (&ours, &theirs) {
                    assert_eq!((a.provider(), a.to_string()), (b.provider(), b.to_string()));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 3 * 200, "{checked}");
}
