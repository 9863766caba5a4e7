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
