//! `#[derive(ProviderErrors)]`: map provider error codes onto your own enum, checked
//! against the schemas at compile time.
//!
//! ```ignore
//! // The generated provider types are `include!`d at the crate root (see
//! // provider-errors-codegen); the derive reads the same schemas.
//! #[derive(Debug, provider_errors_macros::ProviderErrors)]
//! #[provider_errors(schema = "schema")]
//! enum ApiError {
//!     #[provider_errors(dataforseo::status(40202, 40209), serplify("rate_limited"))]
//!     RateLimited,
//!     #[provider_errors(kind(unauthenticated, permission_denied))]
//!     Unauthorized,
//!     #[provider_errors(fallback)]
//!     Other(AnyCode),
//! }
//!
//! let e = ApiError::from_dataforseo_status(40202); // ApiError::RateLimited
//! ```
//!
//! On the enum, all optional: `schema = "path"` (a file or directory, relative to
//! `Cargo.toml`, or else to the enum's source file; default `schema`), `types = path` (where the generated types are;
//! default `crate`), `layout = "modules" | "flat"` (as in the generator's `Config`;
//! default `modules`), `providers(a, b)` (the providers converted from; default all),
//! `display` (also derive `Display` and `Error`: a one-field variant shows its field,
//! a unit variant its `message = "..."` or its name in words).
//!
//! On a variant: `provider::table(code, ...)` (the table may be left out when the
//! provider has one), `kind(canonical_kind, ...)` (every code of those kinds; specific
//! codes take precedence), `fallback` (everything else; one field, e.g. `AnyCode`),
//! `message = "..."`. A mapped variant is a unit variant, or has one field that
//! receives the provider's typed code through `From`. Codes of `i32` and `i64` tables
//! may be negative (`-1`); a provider or table id that is a keyword is written as is
//! (`type::self(-1)`). Several `#[provider_errors(...)]` on one variant are merged
//! (`fallback` and `message` may still be given only once).
//!
//! The derive generates `From<Table>` for every table of the providers in scope and
//! `from_<provider>_<table>(code)` constructors (plus `from_<provider>` for providers
//! with one table). Every code must land somewhere: a code the schema lacks, a code
//! mapped twice, or codes left unmapped without a fallback are compile errors.

#![deny(missing_docs)]

use proc_macro::TokenStream;

/// Maps provider codes onto the variants of the annotated enum; see the crate docs.
#[proc_macro_derive(ProviderErrors, attributes(provider_errors))]
pub fn derive_provider_errors(input: TokenStream) -> TokenStream {
    let source_file = proc_macro::Span::call_site().local_file();
    provider_errors_codegen::derive_provider_errors(input.into(), source_file.as_deref()).into()
}
