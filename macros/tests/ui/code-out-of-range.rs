pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../schema", types = crate::codes)]
enum ApiError {
    #[provider_errors(dataforseo::status(99999999999999999999999999999999999999999))]
    Huge,
    #[provider_errors(dataforseo::status(18446744073709551616, 4294967296))]
    Wide,
    #[provider_errors(dataforseo::status(-1))]
    Negative,
    #[provider_errors(dataforseo::status(- "x"))]
    NegativeText,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {}
