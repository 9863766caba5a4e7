pub mod codes {
    include!("../../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../../../../schema", types = crate::codes, providers(dataforseo, serplify), display)]
enum ApiError {
    #[provider_errors(dataforseo::status(40202, 40209), serplify("rate_limited"))]
    RateLimited,
    #[provider_errors(kind(unauthenticated), message = "check the credentials")]
    Unauthorized(AnyCode),
    #[provider_errors(fallback)]
    Other(AnyCode),
}

/// Generic enums and explicit discriminants work too.
#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../../schema", types = crate::codes, providers(serplify))]
#[repr(u8)]
enum Generic<T: std::fmt::Debug> {
    #[provider_errors(kind(resource_exhausted))]
    Limited = 1,
    #[provider_errors(fallback)]
    Other(AnyCode),
    #[allow(dead_code)]
    Mine(T),
}

fn main() {
    assert_eq!(ApiError::from_dataforseo_status(40209), ApiError::RateLimited);
    assert_eq!(ApiError::from_serplify("rate_limited"), ApiError::RateLimited);
    assert_eq!(ApiError::from_serplify_error_code("rate_limited"), ApiError::RateLimited);
    assert!(matches!(ApiError::from_dataforseo_http(401), ApiError::Unauthorized(_)));
    assert_eq!(ApiError::from_dataforseo_http(401).to_string(), "check the credentials");
    assert!(matches!(Generic::<u8>::from_serplify("budget_exceeded"), Generic::Limited));
    assert!(matches!(Generic::<u8>::from_serplify("forbidden"), Generic::Other(_)));
}
