pub mod codes {
    include!("../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use codes::AnyCode;
use provider_errors_macros::ProviderErrors;

#[derive(ProviderErrors)]
union ApiError {
    code: u32,
}

fn main() {}
