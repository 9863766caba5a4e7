//! From the model to tokens: one emitter per item.
//!
//! The output is `include!`d, so it has no inner attributes; every path is absolute
//! (`::core::fmt::Display`) so the include site's names cannot shadow ours.

mod any;
mod classify;
pub(crate) use classify::{CLASSIFY_NAMES, CLASSIFY_SUPPORT, code_name as classify_code_name};
mod docs;
mod hash;
pub(crate) use docs::escape;
mod shared;
mod table;

use crate::config::{Layout, Options};
use crate::model::{Catalog, Provider};
use crate::output::Formatter;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Names of the items emitted once per file, beside the providers' items.
pub(crate) const SHARED_NAMES: &[&str] = &[
    "CanonicalKind",
    "RetryAdvice",
    "Outcome",
    "UnknownCode",
    "AnyCode",
];

/// The whole generated file, handed to `out` item by item: a large table's arrays
/// are built, formatted and dropped one at a time.
pub(crate) fn expand(catalog: &Catalog, opts: &Options, out: &mut Formatter) {
    out.items(shared::expand_shared(opts));
    out.items(any::expand_any_code(catalog, opts));
    if opts.classify && !catalog.providers.is_empty() {
        out.items(classify::expand_shared(opts));
    }
    for provider in &catalog.providers {
        expand_provider(provider, opts, out);
    }
}

fn expand_provider(provider: &Provider, opts: &Options, out: &mut Formatter) {
    let body = |out: &mut Formatter| {
        for table in &provider.tables {
            table::expand_table(provider, table, opts, out);
        }
        if opts.classify {
            out.items(classify::expand_provider(provider, opts));
        }
    };
    match opts.layout {
        Layout::Flat => body(out),
        Layout::Modules => {
            let vis = &opts.vis;
            let module = ident(&provider.module);
            let mut doc = docs::Doc::default();
            doc.line(format!("Typed codes of {}.", docs::escape(&provider.name)));
            let doc = doc.tokens();
            out.module(quote!(#doc #vis mod #module {}), body);
        }
    }
}

/// The path of a shared item (`CanonicalKind`, ...) from inside a provider's items.
fn shared_path(name: &str, opts: &Options) -> TokenStream {
    let name = ident(name);
    match opts.layout {
        Layout::Flat => quote!(#name),
        Layout::Modules => quote!(super::#name),
    }
}

/// An identifier from a name that `ident` or `validate` already checked.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The type name of a table's enum in the chosen layout.
pub(crate) fn type_name(provider: &Provider, table: &crate::model::Table, layout: Layout) -> String {
    let name = match layout {
        Layout::Modules => table.rust_name.clone(),
        Layout::Flat => format!("{}{}", provider.rust_name, table.rust_name),
    };
    crate::ident::escape_keyword(&name)
}
