pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = 5, types = "crate::codes")]
enum ApiError {
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {}
