//! Response classification (`Config::classify`): from an HTTP status and a body, as
//! received, to a typed outcome.
//!
//! Emitted once per file: the outcome types and the retry helper (`types.rs`) and a
//! private engine (`engine.rs`) that applies the rules. Per provider: `ResponseCode`,
//! a code of any of its tables, and `classify`, which gives the engine the `wire` data
//! of the provider's tables and nothing else: the schema drives every decision.

mod engine;
mod types;

use super::docs::{Doc, escape};
use super::{ident, shared_path, type_name};
use crate::config::{Layout, Options};
use crate::model::{CodeType, IntType, Location, MatchMode, Provider, Table};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

/// The types emitted once per file for classification, beside `SHARED_NAMES`.
pub(crate) const CLASSIFY_NAMES: &[&str] = &[
    "Classified",
    "Reply",
    "Failure",
    "Detail",
    "Unexpected",
    "UnexpectedReason",
    "RetryStep",
    "RetryPolicy",
];

/// The module of the classification engine, emitted once per file.
pub(crate) const CLASSIFY_SUPPORT: &str = "classify_support";

/// The name of a provider's code type: `ResponseCode` in its module, or
/// `<Provider>ResponseCode` in the flat layout.
pub(crate) fn code_name(provider: &Provider, layout: Layout) -> String {
    match layout {
        Layout::Modules => "ResponseCode".to_owned(),
        Layout::Flat => format!("{}ResponseCode", provider.rust_name),
    }
}

/// `classify` in the provider's module, `classify_<id>` in the flat layout.
fn function_name(provider: &Provider, layout: Layout) -> String {
    match layout {
        Layout::Modules => "classify".to_owned(),
        Layout::Flat => format!("classify_{}", provider.module.trim_start_matches("r#")),
    }
}

pub(super) fn expand_shared(opts: &Options) -> TokenStream {
    let types = types::expand_types(opts);
    let engine = engine::expand_engine(opts);
    quote! { #types #engine }
}

/// What every emitter of one provider needs.
struct Ctx<'a> {
    provider: &'a Provider,
    opts: &'a Options,
    /// The code type.
    name: Ident,
    /// `pub` inside a provider's module, the configured visibility when flat.
    vis: TokenStream,
    /// `(variant, table type, table)` for every table, in file order.
    tables: Vec<(Ident, Ident, &'a Table)>,
}

impl Ctx<'_> {
    fn shared(&self, name: &str) -> TokenStream {
        shared_path(name, self.opts)
    }

    /// `match self { Self::A(code) => body, ... }`
    fn each(&self, body: TokenStream) -> TokenStream {
        let variants = self.tables.iter().map(|(v, _, _)| v);
        quote!(match self { #( Self::#variants(code) => #body, )* })
    }
}

pub(super) fn expand_provider(provider: &Provider, opts: &Options) -> TokenStream {
    let cx = Ctx {
        provider,
        opts,
        name: ident(&code_name(provider, opts.layout)),
        vis: match opts.layout {
            Layout::Flat => opts.vis.clone(),
            Layout::Modules => quote!(pub),
        },
        tables: provider
            .tables
            .iter()
            .map(|t| {
                let variant = ident(&type_name(provider, t, Layout::Modules));
                (variant, ident(&type_name(provider, t, opts.layout)), t)
            })
            .collect(),
    };
    let items = [
        expand_code_enum(&cx),
        expand_code_impl(&cx),
        expand_code_conversions(&cx),
        expand_classify(&cx),
    ];
    quote! { #(#items)* }
}

fn expand_code_enum(cx: &Ctx) -> TokenStream {
    let (name, vis) = (&cx.name, &cx.vis);
    let doc = format!(
        " A code of any {} table: the typed code of `{}`'s outcomes.",
        escape(&cx.provider.name),
        function_name(cx.provider, cx.opts.layout)
    );
    let variants = cx.tables.iter().map(|(variant, ty, table)| {
        let doc = format!(" A `{ty}` code ({}).", escape(&table.name));
        quote!(#[doc = #doc] #variant(#ty))
    });
    let copy = cx
        .tables
        .iter()
        .all(|(_, _, t)| t.code_type != CodeType::Str)
        .then(|| quote!(Copy,));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
        #[non_exhaustive]
        // Variants are named after the tables, which may share a prefix or suffix.
        #[allow(clippy::enum_variant_names)]
        #vis enum #name {
            #( #variants, )*
        }
    }
}

fn expand_code_impl(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    let [kind, retry, outcome, support] =
        ["CanonicalKind", "RetryAdvice", "Outcome", CLASSIFY_SUPPORT].map(|s| cx.shared(s));
    let message = cx.each(quote!(code.message()));
    let [kinds, retries, outcomes] =
        [quote!(kind), quote!(retry), quote!(outcome)].map(|m| cx.each(quote!(code.#m())));
    let documented = cx.each(quote!(code.is_documented()));
    let display = cx.each(quote!(::core::fmt::Display::fmt(code, f)));
    quote! {
        impl #name {
            /// The provider's exact message; `None` for an undocumented code.
            pub fn message(&self) -> ::core::option::Option<&'static str> { #message }
            /// The canonical kind.
            pub fn kind(&self) -> #kind { #kinds }
            /// What a client should do.
            pub fn retry(&self) -> #retry { #retries }
            /// Success, pending, redirect or failure.
            pub fn outcome(&self) -> #outcome { #outcomes }
            /// Whether the documentation lists the code.
            pub fn is_documented(&self) -> bool { #documented }
        }

        /// The code's own `Display`.
        #[automatically_derived]
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { #display }
        }

        #[automatically_derived]
        impl ::core::error::Error for #name {}

        impl #support::Code for #name {
            fn meta(&self) -> (#outcome, #kind, #retry) {
                (self.outcome(), self.kind(), self.retry())
            }

            fn documented(&self) -> bool {
                self.is_documented()
            }
        }
    }
}

fn expand_code_conversions(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    let any = cx.shared("AnyCode");
    let (variants, types): (Vec<_>, Vec<_>) = cx.tables.iter().map(|(v, t, _)| (v, t)).unzip();
    let any_variants = cx
        .tables
        .iter()
        .map(|(_, _, t)| ident(&type_name(cx.provider, t, Layout::Flat)));
    quote! {
        #(
            #[automatically_derived]
            impl ::core::convert::From<#types> for #name {
                fn from(code: #types) -> Self {
                    Self::#variants(code)
                }
            }
        )*

        #[automatically_derived]
        impl ::core::convert::From<#name> for #any {
            fn from(code: #name) -> Self {
                match code {
                    #( #name::#variants(code) => Self::#any_variants(code), )*
                }
            }
        }
    }
}

fn expand_classify(cx: &Ctx) -> TokenStream {
    let (name, vis) = (&cx.name, &cx.vis);
    let function = ident(&function_name(cx.provider, cx.opts.layout));
    let [classified, support] = ["Classified", CLASSIFY_SUPPORT].map(|s| cx.shared(s));
    let body = body_tables(cx);
    let n = Literal::usize_unsuffixed(body.len());
    let specs = body
        .iter()
        .map(|(variant, ty, table)| table_spec(cx, variant, ty, table));
    let http = expand_http_lookup(cx);
    let keep = kept_paths(&body);
    let doc = classify_doc(cx, &body).tokens();
    quote! {
        #doc
        #vis fn #function(status: u16, body: &[u8]) -> #classified<#name> {
            const TABLES: [#support::Table<#name>; #n] = [#(#specs),*];
            /// Every path a table reads; the rest of a body is skipped, not kept.
            const KEEP: &[&[&str]] = &[#(&[#(#keep),*]),*];
            #support::classify(status, body, &TABLES, #http, ::core::option::Option::Some(KEEP))
        }
    }
}

/// The key paths the engine reads in a body: each table's fields, a detail's `field`
/// and `message` under its details array, and all of these under `items`. An array
/// on a path is passed through to its elements, cut down alike, not kept whole.
/// Sorted, without repeats.
fn kept_paths(body: &[Entry]) -> Vec<Vec<String>> {
    let keys = |dotted: &str| -> Vec<String> {
        dotted
            .split('.')
            .map(|k| k.strip_suffix("[]").unwrap_or(k).to_owned())
            .collect()
    };
    let mut paths = Vec::new();
    for (_, _, table) in body {
        let wire = &table.wire;
        let details = wire.details_field.iter().flat_map(|details| {
            ["field", "message"].map(|key| [keys(details), vec![key.to_owned()]].concat())
        });
        let fields: Vec<Vec<String>> = [&wire.field, &wire.message_field, &wire.request_id_field]
            .into_iter()
            .flatten()
            .map(|f| keys(f))
            .chain(details)
            .collect();
        if let Some(items) = &wire.items {
            let items = keys(items);
            paths.extend(fields.iter().map(|f| [items.as_slice(), f].concat()));
        }
        paths.extend(fields);
    }
    paths.sort();
    paths.dedup();
    paths
}

type Entry<'c, 'a> = &'c (Ident, Ident, &'a Table);

/// The tables whose code is in the body, highest `precedence` first, then in file
/// order.
fn body_tables<'c, 'a>(cx: &'c Ctx<'a>) -> Vec<Entry<'c, 'a>> {
    let mut body: Vec<_> = cx
        .tables
        .iter()
        .filter(|(_, _, t)| t.wire.location == Location::JsonBody)
        .collect();
    body.sort_by_key(|(_, _, t)| std::cmp::Reverse(t.wire.precedence));
    body
}

/// The tables whose code is the HTTP status, in file order.
fn http_tables<'c, 'a>(cx: &'c Ctx<'a>) -> Vec<Entry<'c, 'a>> {
    cx.tables
        .iter()
        .filter(|(_, _, t)| t.wire.location == Location::HttpStatus)
        .collect()
}

/// `classify`'s HTTP-status lookup: the code of the first HTTP-status table that
/// documents the status, else the first table's `Unknown`; `None` without such a table.
fn expand_http_lookup(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    let tables = http_tables(cx);
    let Some(((first_variant, first_ty, first_table), rest)) = tables.split_first() else {
        return quote!(::core::option::Option::None);
    };
    // `from_code` takes the table's integer type; HTTP statuses fit them all.
    let status = |table: &Table| match table.code_type {
        CodeType::Int(IntType::U16) => quote!(status),
        _ => quote!(::core::convert::From::from(status)),
    };
    let first_status = status(first_table);
    if rest.is_empty() {
        return quote! {
            ::core::option::Option::Some(|status| #name::#first_variant(#first_ty::from_code(#first_status)))
        };
    }
    let others = rest.iter().map(|(variant, ty, table)| {
        let status = status(table);
        quote! {
            let code = #ty::from_code(#status);
            if code.is_documented() {
                return #name::#variant(code);
            }
        }
    });
    quote! {
        ::core::option::Option::Some(|status| {
            let first = #first_ty::from_code(#first_status);
            if first.is_documented() {
                return #name::#first_variant(first);
            }
            #(#others)*
            #name::#first_variant(first)
        })
    }
}

/// One `classify_support::Table`: the table's `wire`, as data.
fn table_spec(cx: &Ctx, variant: &Ident, ty: &Ident, table: &Table) -> TokenStream {
    let (name, support) = (&cx.name, cx.shared(CLASSIFY_SUPPORT));
    let wire = &table.wire;
    let status = option(
        wire.http_status
            .map(|s| Literal::u16_unsuffixed(s).into_token_stream()),
    );
    let mut promised: Vec<u16> = wire
        .http_status
        .into_iter()
        .chain(table.entries.iter().filter_map(|e| e.http_status))
        .collect();
    promised.sort_unstable();
    promised.dedup();
    let promised = promised.into_iter().map(Literal::u16_unsuffixed);
    // Validation made `field` present in every body table.
    let field = path(&support, wire.field.as_deref().unwrap_or_default());
    let path = |p: &Option<String>| option(p.as_deref().map(|p| path(&support, p)));
    let [message, request_id, details, items] = [
        &wire.message_field,
        &wire.request_id_field,
        &wire.details_field,
        &wire.items,
    ]
    .map(path);
    let free_text = wire.match_mode == MatchMode::NormalizeWhitespace;
    let raw = raw_code(table.code_type);
    quote! {
        #support::Table {
            status: #status,
            promised: &[#(#promised),*],
            field: #field,
            message: #message,
            request_id: #request_id,
            details: #details,
            items: #items,
            free_text: #free_text,
            code: |value| #raw.map(|code| #name::#variant(#ty::from_code(code))),
        }
    }
}

/// The raw code in the JSON `value`, in the table's type; `None` for another type.
fn raw_code(code_type: CodeType) -> TokenStream {
    let convert = |from: TokenStream, ty: &str| {
        let ty = ident(ty);
        quote!(#from.and_then(|n| <#ty as ::core::convert::TryFrom<_>>::try_from(n).ok()))
    };
    match code_type {
        CodeType::Str => quote!(value.as_str()),
        CodeType::Int(IntType::U64) => quote!(value.as_u64()),
        CodeType::Int(IntType::I64) => quote!(value.as_i64()),
        CodeType::Int(IntType::I32) => convert(quote!(value.as_i64()), "i32"),
        CodeType::Int(ty) => convert(quote!(value.as_u64()), ty.name()),
    }
}

/// A dotted `wire` path as `classify_support::Path`. `[]` only marks an array in the
/// schema: the key is the name before it.
fn path(support: &TokenStream, dotted: &str) -> TokenStream {
    let keys = dotted.split('.').map(|k| k.strip_suffix("[]").unwrap_or(k));
    quote!(#support::Path { keys: &[#(#keys),*], name: #dotted })
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `classify`'s rustdoc: how this provider's responses are read.
fn classify_doc(cx: &Ctx, body: &[Entry]) -> Doc {
    let provider = escape(&cx.provider.name);
    let mut doc = Doc::default();
    doc.line(format!(
        "Classifies a {provider} response, its HTTP status and its body as received, into a typed outcome."
    ))
    .gap()
    .line("Never panics: a body that is not what the documentation describes is")
    .line("`Classified::Unexpected`. The rules are in `Classified`'s docs; for")
    .line(format!(
        "{provider}, from the schema's `wire`, the code is looked for in:"
    ))
    .gap();
    for (_, ty, table) in body {
        doc.line(format!("- {}", body_sentence(ty, table)));
    }
    let http: Vec<String> = http_tables(cx)
        .iter()
        .map(|(_, ty, _)| format!("`{ty}`"))
        .collect();
    if !http.is_empty() {
        let when = if body.is_empty() {
            "the code"
        } else {
            "when no body code is documented"
        };
        let tables = match http.len() {
            1 => format!("({})", http[0]),
            _ => format!("(the first of {} that documents it)", http.join(", ")),
        };
        doc.line(format!("- the HTTP status {tables}, {when}."));
    }
    doc
}

fn body_sentence(ty: &Ident, table: &Table) -> String {
    let wire = &table.wire;
    let mut text = format!("`{}` (`{ty}`)", wire.field.as_deref().unwrap_or_default());
    if let Some(status) = wire.http_status {
        text.push_str(&format!(", at HTTP {status} only"));
    }
    for (what, path) in [
        ("message", &wire.message_field),
        ("request id", &wire.request_id_field),
        ("details", &wire.details_field),
    ] {
        if let Some(path) = path {
            text.push_str(&format!(", {what} `{path}`"));
        }
    }
    if wire.match_mode == MatchMode::NormalizeWhitespace {
        text.push_str(", free text compared ignoring white space");
    }
    if let Some(items) = &wire.items {
        text.push_str(&format!("; also in every element of `{items}`"));
    }
    if wire.precedence != 0 {
        text.push_str(&format!("; precedence {}", wire.precedence));
    }
    text.push('.');
    text
}
