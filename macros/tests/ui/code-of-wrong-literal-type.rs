pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(Debug, ProviderErrors)]
#[provider_errors(schema = "../../../schema", types = crate::codes)]
enum ApiError {
    #[provider_errors(dataforseo::status(40202.5))]
    Float,
    #[provider_errors(dataforseo::status(true))]
    Bool,
    #[provider_errors(serplify(b"rate_limited"))]
    ByteString,
    #[provider_errors(serplify('r'))]
    Char,
    #[provider_errors(dataforseo::status(b'4'))]
    Byte,
    #[provider_errors(serplify(c"rate_limited"))]
    CString,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {}
