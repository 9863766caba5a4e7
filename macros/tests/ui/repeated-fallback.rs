pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../schema", types = crate::codes)]
enum ApiError {
    #[provider_errors(dataforseo::status(40202), message = "slow down")]
    #[provider_errors(message = "too fast")]
    RateLimited,
    #[provider_errors(fallback)]
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {}
