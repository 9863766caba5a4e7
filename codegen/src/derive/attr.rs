//! Parsing `#[provider_errors(...)]` on the user's enum and its variants.
//!
//! ```text
//! #[provider_errors(schema = "schema", types = crate::codes, layout = "flat",
//!                   providers(dataforseo, serplify), display)]
//! enum MyError {
//!     #[provider_errors(dataforseo::status(40202, 40209), serplify("rate_limited"))]
//!     RateLimited,
//!     #[provider_errors(kind(unauthenticated, permission_denied), message = "not allowed")]
//!     Unauthorized,
//!     #[provider_errors(fallback)]
//!     Other(AnyCode),
//! }
//! ```

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, Ident, Lit, LitStr, Token};

const ATTR: &str = "provider_errors";

/// The derive's input, as written.
pub(crate) struct Input {
    pub ident: Ident,
    pub generics: syn::Generics,
    pub schema: Option<LitStr>,
    pub types: Option<syn::Path>,
    pub flat: bool,
    pub providers: Option<Vec<Ident>>,
    pub display: bool,
    pub variants: Vec<Variant>,
    /// An enum-level option did not parse.
    pub options_failed: bool,
}

/// One variant and what it maps.
pub(crate) struct Variant {
    pub ident: Ident,
    pub shape: Shape,
    pub codes: Vec<CodeRef>,
    pub kinds: Vec<Ident>,
    pub fallback: Option<Span>,
    pub message: Option<LitStr>,
}

impl Variant {
    pub fn is_mapped(&self) -> bool {
        !self.codes.is_empty() || !self.kinds.is_empty() || self.fallback.is_some()
    }
}

/// The fields of a variant.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    Unit,
    /// One unnamed field, which receives the provider's typed code.
    One,
    /// Anything else; carries the span of its fields.
    Other(Span),
}

/// `provider::table(code, ...)` or `provider(code, ...)`.
pub(crate) struct CodeRef {
    pub provider: Ident,
    pub table: Option<Ident>,
    pub codes: Vec<Lit>,
}

/// Parses the enum, collecting every problem.
pub(crate) fn parse(input: &DeriveInput, errors: &mut Vec<syn::Error>) -> Option<Input> {
    let data = match &input.data {
        syn::Data::Enum(data) => data,
        syn::Data::Struct(s) => {
            errors.push(syn::Error::new(
                s.struct_token.span,
                "ProviderErrors can only be derived for enums",
            ));
            return None;
        }
        syn::Data::Union(u) => {
            errors.push(syn::Error::new(
                u.union_token.span,
                "ProviderErrors can only be derived for enums",
            ));
            return None;
        }
    };
    let mut parsed = Input {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        schema: None,
        types: None,
        flat: false,
        providers: None,
        display: false,
        variants: Vec::new(),
        options_failed: false,
    };
    let before = errors.len();
    for attr in attrs(&input.attrs) {
        collect(
            errors,
            attr.parse_nested_meta(|meta| enum_option(&mut parsed, meta)),
        );
    }
    parsed.options_failed = errors.len() > before;
    parsed.variants = data.variants.iter().map(|v| variant(v, errors)).collect();
    Some(parsed)
}

fn attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident(ATTR))
}

fn collect(errors: &mut Vec<syn::Error>, result: syn::Result<()>) {
    if let Err(e) = result {
        errors.push(e);
    }
}

fn enum_option(input: &mut Input, meta: ParseNestedMeta) -> syn::Result<()> {
    if meta.path.is_ident("schema") {
        set_once(&mut input.schema, meta.value()?.parse()?, &meta)
    } else if meta.path.is_ident("types") {
        set_once(&mut input.types, meta.value()?.parse()?, &meta)
    } else if meta.path.is_ident("layout") {
        let layout: LitStr = meta.value()?.parse()?;
        match layout.value().as_str() {
            "flat" => input.flat = true,
            "modules" => input.flat = false,
            other => {
                return Err(syn::Error::new(
                    layout.span(),
                    format!("unknown layout `{other}`; expected \"modules\" or \"flat\""),
                ));
            }
        }
        Ok(())
    } else if meta.path.is_ident("providers") {
        let list = meta.input;
        let content;
        syn::parenthesized!(content in list);
        let ids = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
        set_once(&mut input.providers, ids.into_iter().collect(), &meta)
    } else if meta.path.is_ident("display") {
        input.display = true;
        Ok(())
    } else {
        Err(meta.error(
            "unknown option; expected one of `schema = \"...\"`, `types = path`, `layout = \"...\"`, \
             `providers(...)`, `display`",
        ))
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, meta: &ParseNestedMeta) -> syn::Result<()> {
    if slot.is_some() {
        let name = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
        return Err(meta.error(format!("`{name}` is given twice")));
    }
    *slot = Some(value);
    Ok(())
}

fn variant(v: &syn::Variant, errors: &mut Vec<syn::Error>) -> Variant {
    let shape = match &v.fields {
        syn::Fields::Unit => Shape::Unit,
        syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => Shape::One,
        fields => Shape::Other(fields.span()),
    };
    let mut parsed = Variant {
        ident: v.ident.clone(),
        shape,
        codes: Vec::new(),
        kinds: Vec::new(),
        fallback: None,
        message: None,
    };
    for attr in attrs(&v.attrs) {
        collect(
            errors,
            attr.parse_nested_meta(|meta| variant_option(&mut parsed, meta)),
        );
    }
    parsed
}

fn variant_option(v: &mut Variant, meta: ParseNestedMeta) -> syn::Result<()> {
    if meta.path.is_ident("fallback") {
        if v.fallback.is_some() {
            return Err(meta.error("`fallback` is given twice"));
        }
        v.fallback = Some(meta.path.span());
        return Ok(());
    }
    if meta.path.is_ident("message") {
        return set_once(&mut v.message, meta.value()?.parse()?, &meta);
    }
    if !meta.input.peek(syn::token::Paren) {
        let path = meta
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::");
        let what = if path == "kind" { "kinds" } else { "codes" };
        return Err(meta.error(format!("expected `{path}(...)`: list the {what} in parentheses")));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    if meta.path.is_ident("kind") {
        let kinds = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
        v.kinds.extend(kinds);
        return Ok(());
    }
    let segments: Vec<&Ident> = meta.path.segments.iter().map(|s| &s.ident).collect();
    let (provider, table) = match segments.as_slice() {
        [provider] => ((*provider).clone(), None),
        [provider, table] => ((*provider).clone(), Some((*table).clone())),
        _ => return Err(meta.error("expected `provider(...)` or `provider::table(...)`")),
    };
    let codes = Punctuated::<Lit, Token![,]>::parse_terminated_with(&content, code_literal)?;
    if codes.is_empty() {
        return Err(meta.error("list at least one code"));
    }
    v.codes.push(CodeRef {
        provider,
        table,
        codes: codes.into_iter().collect(),
    });
    Ok(())
}

/// A code as written: a literal, or `-` and an integer literal (codes of `i32` and
/// `i64` tables can be negative). The sign is folded into the literal.
fn code_literal(input: syn::parse::ParseStream) -> syn::Result<Lit> {
    if !input.peek(Token![-]) {
        return input.parse();
    }
    let minus: Token![-] = input.parse()?;
    let int: syn::LitInt = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected an integer code after `-`"))?;
    let span = minus.span.join(int.span()).unwrap_or_else(|| int.span());
    Ok(Lit::Int(syn::LitInt::new(
        &format!("-{}", int.base10_digits()),
        span,
    )))
}
