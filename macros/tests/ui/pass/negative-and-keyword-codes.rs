pub mod codes {
    include!("../../../../codegen/tests/generated/hostile.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

/// Negative codes (an `i64` table) and providers and tables named by keywords, from
/// the hostile test schema: `type` is the provider, `self` and `crate` its tables.
#[derive(Debug, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../../../../codegen/tests/schemas/hostile.yaml", types = crate::codes)]
enum ApiError {
    #[provider_errors(type::self(-9223372036854775808, -1, 9223372036854775807))]
    Extreme,
    #[provider_errors(type::crate("fn", "*/"))]
    Strange,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {
    assert_eq!(ApiError::from_type_self(i64::MIN), ApiError::Extreme);
    assert_eq!(ApiError::from_type_self(-1), ApiError::Extreme);
    assert_eq!(ApiError::from_type_self(i64::MAX), ApiError::Extreme);
    assert_eq!(ApiError::from_type_crate("fn"), ApiError::Strange);
    assert!(matches!(ApiError::from_type_self(0), ApiError::Other(_)));
}
