pub mod codes {
    include!("../../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

/// Repeated `#[provider_errors(...)]` on one variant are merged.
#[derive(Debug, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../../../../schema", types = crate::codes)]
#[provider_errors(providers(dataforseo, serplify))]
enum ApiError {
    #[provider_errors(dataforseo::status(40202))]
    #[provider_errors(dataforseo::status(40209), serplify("rate_limited"))]
    #[provider_errors(kind(resource_exhausted))]
    RateLimited,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {
    assert_eq!(ApiError::from_dataforseo_status(40202), ApiError::RateLimited);
    assert_eq!(ApiError::from_dataforseo_status(40209), ApiError::RateLimited);
    assert_eq!(ApiError::from_serplify("rate_limited"), ApiError::RateLimited);
    assert_eq!(ApiError::from_serplify("budget_exceeded"), ApiError::RateLimited);
    assert!(matches!(ApiError::from_serplify("forbidden"), ApiError::Other(_)));
}
