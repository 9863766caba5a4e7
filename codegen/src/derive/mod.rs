//! `#[derive(ProviderErrors)]`: the user's own enum, mapped from provider codes and
//! checked against the schemas at compile time. `provider-errors-macros` is a thin
//! wrapper around [`derive_provider_errors`]; the work is here so it shares the
//! loader, model and naming with the generator.

mod attr;
mod cache;
mod expand;
mod resolve;

pub use cache::clear as clear_derive_cache;

use crate::model::Catalog;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::path::{Path, PathBuf};

/// Expands `#[derive(ProviderErrors)]` on `input` (the item's tokens). A relative
/// `schema` path is looked up beside the including crate's `Cargo.toml`, then beside
/// `source_file` (the file of the enum, when the compiler says). Problems are
/// `compile_error!`s spanned at what the user wrote, beside a minimal impl so the
/// user sees our message rather than a cascade of missing items.
pub fn derive_provider_errors(input: TokenStream, source_file: Option<&Path>) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Vec::new();
    let Some(parsed) = attr::parse(&input, &mut errors) else {
        return to_compile_errors(errors);
    };
    if parsed.options_failed {
        // Which schemas, types or providers are meant is unknown: say only that.
        return to_compile_errors(errors);
    }
    let (catalog, files) = match load(&parsed, source_file) {
        Ok(loaded) => loaded,
        Err(e) => {
            errors.push(e);
            return to_compile_errors(errors);
        }
    };
    let plans = resolve::resolve(&parsed, &catalog, &mut errors);
    let tracking = track(&files);
    if errors.is_empty() {
        let code = expand::expand(&parsed, &plans);
        quote! { #tracking #code }
    } else {
        let errors = to_compile_errors(errors);
        let fallback = expand::fallback(&parsed, &plans);
        quote! { #errors #tracking #fallback }
    }
}

fn to_compile_errors(errors: Vec<syn::Error>) -> TokenStream {
    errors.into_iter().map(|e| e.to_compile_error()).collect()
}

/// Loads the schemas named by `schema = "..."` (default `schema`).
fn load(
    input: &attr::Input,
    source_file: Option<&Path>,
) -> Result<(std::sync::Arc<Catalog>, Vec<PathBuf>), syn::Error> {
    let (written, span) = match &input.schema {
        Some(lit) => (lit.value(), lit.span()),
        None => ("schema".to_owned(), Span::call_site()),
    };
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let source_dir = source_file.and_then(Path::parent).map(Path::to_path_buf);
    let candidates: Vec<PathBuf> = manifest_dir
        .into_iter()
        .chain(source_dir)
        .map(|d| d.join(&written))
        .collect();
    let Some(path) = candidates.iter().find(|p| p.exists()) else {
        let message = format!(
            "no schema file or directory at `{written}` beside Cargo.toml or this file; \
             set `#[provider_errors(schema = \"...\")]` to where the schemas are"
        );
        return Err(syn::Error::new(span, message));
    };
    cache::load(path).map_err(|e| syn::Error::new(span, format!("the schemas do not load:\n{e}")))
}

/// Cargo does not know that a derive read files: `include_bytes!` of each schema
/// makes editing one rebuild the crate, and so rerun the derive.
fn track(files: &[PathBuf]) -> TokenStream {
    let paths = files
        .iter()
        .filter_map(|f| absolute(f))
        .map(|p| p.to_string_lossy().into_owned());
    quote! {
        #( const _: &[u8] = ::core::include_bytes!(#paths); )*
    }
}

fn absolute(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}
