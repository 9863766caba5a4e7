//! `AnyCode`: a code of any table, so one value can carry "which provider, which
//! code" (a derived enum's fallback variant holds one).

use super::docs::escape;
use super::{ident, type_name};
use crate::config::{Layout, Options};
use crate::model::Catalog;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn expand_any_code(catalog: &Catalog, opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    let tables: Vec<_> = catalog
        .providers
        .iter()
        .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
        .collect();
    let variants: Vec<_> = tables
        .iter()
        .map(|(p, t)| ident(&type_name(p, t, Layout::Flat)))
        .collect();
    let types: Vec<_> = tables
        .iter()
        .map(|(p, t)| {
            let name = ident(&type_name(p, t, opts.layout));
            match opts.layout {
                Layout::Flat => quote!(#name),
                Layout::Modules => {
                    let module = ident(&p.module);
                    quote!(#module::#name)
                }
            }
        })
        .collect();
    let docs = tables
        .iter()
        .map(|(p, t)| format!(" A {} code ({}).", escape(&p.name), escape(&t.name)));
    let derives = if tables
        .iter()
        .all(|(_, t)| t.code_type != crate::model::CodeType::Str)
    {
        quote!(Clone, Copy)
    } else {
        quote!(Clone)
    };
    // `match self { Self::A(code) => body, ... }`
    let each = |body: TokenStream| quote!(match self { #( Self::#variants(code) => #body, )* });
    let provider = quote!(match self { #( Self::#variants(_) => #types::PROVIDER, )* });
    let table = quote!(match self { #( Self::#variants(_) => #types::TABLE, )* });
    let message = each(quote!(code.message()));
    let kind = each(quote!(code.kind()));
    let retry = each(quote!(code.retry()));
    let outcome = each(quote!(code.outcome()));
    let documented = each(quote!(code.is_documented()));
    let display = each(quote!(::core::fmt::Display::fmt(code, f)));
    quote! {
        /// A code of any provider's table: keeps which provider and table it comes
        /// from and the code itself (including an undocumented one). A derived
        /// enum's `fallback` variant can hold one.
        #[derive(Debug, #derives, PartialEq, Eq, Hash)]
        // Variants are named provider + table: one provider gives them one prefix.
        #[allow(clippy::enum_variant_names)]
        #vis enum AnyCode {
            #( #[doc = #docs] #variants(#types), )*
        }

        impl AnyCode {
            /// The provider's display name.
            pub fn provider(&self) -> &'static str { #provider }
            /// The table's display name.
            pub fn table(&self) -> &'static str { #table }
            /// The provider's exact message; `None` for an undocumented code.
            pub fn message(&self) -> ::core::option::Option<&'static str> { #message }
            /// The canonical kind.
            pub fn kind(&self) -> CanonicalKind { #kind }
            /// What a client should do.
            pub fn retry(&self) -> RetryAdvice { #retry }
            /// Success, pending, redirect or failure.
            pub fn outcome(&self) -> Outcome { #outcome }
            /// Whether the documentation lists the code.
            pub fn is_documented(&self) -> bool { #documented }
        }

        /// The code's own `Display`.
        #[automatically_derived]
        impl ::core::fmt::Display for AnyCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { #display }
        }

        #[automatically_derived]
        impl ::core::error::Error for AnyCode {}

        #(
            #[automatically_derived]
            impl ::core::convert::From<#types> for AnyCode {
                fn from(code: #types) -> Self {
                    Self::#variants(code)
                }
            }
        )*
    }
}
