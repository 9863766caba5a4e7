pub mod codes {
    include!("../../../../codegen/tests/generated/dataforseo_serplify.rs");
}
use provider_errors_macros::ProviderErrors;

/// A fieldless enum with explicit discriminants: every code lands on a variant by
/// kind, so no fallback (which needs a field) is required, and `as` still works.
#[derive(Debug, Clone, Copy, PartialEq, ProviderErrors)]
#[provider_errors(schema = "../../../../schema", types = crate::codes, providers(serplify))]
#[repr(u16)]
enum ApiError {
    #[provider_errors(serplify("rate_limited", "budget_exceeded"))]
    Limited = 429,
    #[provider_errors(kind(
        ok, cancelled, unknown, invalid_argument, deadline_exceeded, not_found, already_exists,
        permission_denied, resource_exhausted, failed_precondition, aborted, out_of_range,
        unimplemented, internal, unavailable, data_loss, unauthenticated
    ))]
    Other = 500,
}

fn main() {
    assert_eq!(ApiError::from_serplify("rate_limited"), ApiError::Limited);
    assert_eq!(ApiError::from_serplify("rate_limited") as u16, 429);
    assert_eq!(ApiError::from_serplify("anything new") as u16, 500);
}
