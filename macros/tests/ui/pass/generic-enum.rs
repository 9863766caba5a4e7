pub mod codes {
    include!("../../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

/// Lifetimes, type and const parameters and a where clause pass through to every impl.
#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../../schema", types = crate::codes, providers(serplify), display)]
enum ApiError<'a, T, const N: usize>
where
    T: std::fmt::Debug + std::fmt::Display,
{
    #[provider_errors(serplify("rate_limited"), message = "slow down")]
    RateLimited,
    #[provider_errors(fallback)]
    Other(AnyCode),
    #[allow(dead_code)]
    Borrowed(&'a str, [T; N]),
}

fn main() {
    let e = ApiError::<'static, u8, 3>::from_serplify("rate_limited");
    assert!(matches!(e, ApiError::RateLimited));
    assert_eq!(e.to_string(), "slow down");
    let e: ApiError<'_, String, 0> = codes::serplify::ErrorCode::Forbidden.into();
    assert!(matches!(e, ApiError::Other(_)));
}
