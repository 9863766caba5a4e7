pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../schema", types = crate::codes)]
enum ApiError {
    #[provider_errors(= )]
    RateLimited,
    #[provider_errors(dataforseo::status = 40202)]
    Limited,
    #[provider_errors(dataforseo::status(40202 40209))]
    Throttled,
    #[provider_errors(kind = "unavailable")]
    Unavailable,
    #[provider_errors(dataforseo::status())]
    Nothing,
    #[provider_errors(a::b::c(1))]
    TooLong,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {}
