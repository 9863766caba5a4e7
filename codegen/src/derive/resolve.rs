//! Checking the user's mapping against the schemas: every code exists, nothing is
//! mapped twice, every code lands somewhere. Produces, per table, the target variant
//! of every code.

use super::attr::{CodeRef, Input, Shape};
use crate::explain::backticked;
use crate::model::{Catalog, Code, CodeType, Kind, Provider, Table};
use crate::validate::nearest;
use proc_macro2::Span;
use std::collections::BTreeMap;
use syn::{Ident, Lit};

/// Where each code of one table goes.
pub(crate) struct TablePlan<'a> {
    pub provider: &'a Provider,
    pub table: &'a Table,
    /// The target variant (index into `Input::variants`) of each entry.
    pub targets: Vec<usize>,
    /// The target of undocumented codes (the generated `Unknown`).
    pub unknown: usize,
}

/// `(provider, table, entry)` indices into the catalog.
type EntryKey = (usize, usize, usize);

struct Mapping {
    codes: BTreeMap<EntryKey, (usize, Span)>,
    kinds: BTreeMap<Kind, (usize, Span)>,
    fallback: Option<usize>,
}

/// The tables the enum converts from, each with its targets; errors are collected.
pub(crate) fn resolve<'a>(
    input: &Input,
    catalog: &'a Catalog,
    errors: &mut Vec<syn::Error>,
) -> Vec<TablePlan<'a>> {
    let scope = scope(input, catalog, errors);
    check_shapes(input, errors);
    let mapping = mapping(input, catalog, &scope, errors);
    let mut plans = Vec::new();
    let mut unmapped = Vec::new();
    for &p in &scope {
        let provider = &catalog.providers[p];
        for (t, table) in provider.tables.iter().enumerate() {
            let mut target = |key: Option<EntryKey>, kind: Kind, what: String| {
                let explicit = key.and_then(|k| mapping.codes.get(&k)).map(|(v, _)| *v);
                let found = explicit
                    .or(mapping.kinds.get(&kind).map(|(v, _)| *v))
                    .or(mapping.fallback);
                found.unwrap_or_else(|| {
                    unmapped.push(what);
                    0
                })
            };
            let targets = (table.entries.iter().enumerate())
                .map(|(e, entry)| {
                    target(
                        Some((p, t, e)),
                        entry.kind,
                        format!("{}::{} {}", provider.id, table.id, entry.code),
                    )
                })
                .collect();
            let unknown = target(
                None,
                Kind::Unknown,
                format!("{}::{} undocumented codes", provider.id, table.id),
            );
            plans.push(TablePlan {
                provider,
                table,
                targets,
                unknown,
            });
        }
    }
    if !unmapped.is_empty() {
        errors.push(unmapped_error(input, &unmapped));
    }
    plans
}

/// The providers the enum converts from: `providers(...)`, or all.
fn scope(input: &Input, catalog: &Catalog, errors: &mut Vec<syn::Error>) -> Vec<usize> {
    let Some(ids) = &input.providers else {
        return (0..catalog.providers.len()).collect();
    };
    ids.iter()
        .filter_map(|id| {
            let found = provider_index(catalog, id);
            if found.is_none() {
                errors.push(unknown_provider(catalog, id));
            }
            found
        })
        .collect()
}

fn provider_index(catalog: &Catalog, id: &Ident) -> Option<usize> {
    catalog.providers.iter().position(|p| id == p.id.as_str())
}

fn unknown_provider(catalog: &Catalog, id: &Ident) -> syn::Error {
    let known: Vec<&str> = catalog.providers.iter().map(|p| p.id.as_str()).collect();
    let hint = match nearest(&id.to_string(), &known) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => format!("; the schemas have {}", backticked(&known)),
    };
    syn::Error::new(id.span(), format!("no provider `{id}` in the schemas{hint}"))
}

fn check_shapes(input: &Input, errors: &mut Vec<syn::Error>) {
    let fallbacks: Vec<_> = input
        .variants
        .iter()
        .filter_map(|v| v.fallback.map(|s| (v, s)))
        .collect();
    if fallbacks.len() > 1 {
        for (_, span) in &fallbacks {
            errors.push(syn::Error::new(*span, "only one variant can be the `fallback`"));
        }
    }
    for v in input.variants.iter().filter(|v| v.is_mapped()) {
        match (v.shape, v.fallback) {
            (Shape::Other(span), _) => errors.push(syn::Error::new(
                span,
                "a mapped variant is a unit variant or has one unnamed field that receives the provider's code",
            )),
            (Shape::Unit, Some(span)) => errors.push(syn::Error::new(
                span,
                format!(
                    "the fallback variant keeps the provider and the code: give it one field, e.g. `{}(AnyCode)`",
                    v.ident
                ),
            )),
            _ => {}
        }
    }
}

fn mapping(input: &Input, catalog: &Catalog, scope: &[usize], errors: &mut Vec<syn::Error>) -> Mapping {
    let mut mapping = Mapping {
        codes: BTreeMap::new(),
        kinds: BTreeMap::new(),
        fallback: input.variants.iter().position(|v| v.fallback.is_some()),
    };
    for (v, variant) in input.variants.iter().enumerate() {
        for code_ref in &variant.codes {
            for (key, span) in code_keys(code_ref, catalog, scope, errors) {
                claim(&mut mapping.codes, key, (v, span), input, errors, || {
                    "this code".to_owned()
                });
            }
        }
        for kind in &variant.kinds {
            if let Some(parsed) = parse_kind(kind, errors) {
                claim(
                    &mut mapping.kinds,
                    parsed,
                    (v, kind.span()),
                    input,
                    errors,
                    || format!("kind `{kind}`"),
                );
            }
        }
    }
    mapping
}

/// Records `key -> target`, or reports both places when another variant has it.
fn claim<K: Ord>(
    map: &mut BTreeMap<K, (usize, Span)>,
    key: K,
    (variant, span): (usize, Span),
    input: &Input,
    errors: &mut Vec<syn::Error>,
    what: impl Fn() -> String,
) {
    match map.get(&key) {
        Some(&(other, other_span)) if other != variant => {
            let (a, b) = (&input.variants[other].ident, &input.variants[variant].ident);
            errors.push(syn::Error::new(
                other_span,
                format!("{} is mapped to both `{a}` and `{b}`", what()),
            ));
            errors.push(syn::Error::new(
                span,
                format!("{} is mapped to both `{a}` and `{b}`", what()),
            ));
        }
        Some(_) => errors.push(syn::Error::new(span, format!("{} is listed twice", what()))),
        None => {
            map.insert(key, (variant, span));
        }
    }
}

fn parse_kind(kind: &Ident, errors: &mut Vec<syn::Error>) -> Option<Kind> {
    let name = kind.to_string();
    let parsed = Kind::parse(&name);
    if parsed.is_none() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let hint = nearest(&name, &names)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        errors.push(syn::Error::new(
            kind.span(),
            format!(
                "unknown kind `{name}`; {hint}expected one of {}",
                backticked(&names)
            ),
        ));
    }
    parsed
}

/// The entries a `provider::table(codes)` names, each with its literal's span.
fn code_keys(
    code_ref: &CodeRef,
    catalog: &Catalog,
    scope: &[usize],
    errors: &mut Vec<syn::Error>,
) -> Vec<(EntryKey, Span)> {
    let Some(p) = provider_index(catalog, &code_ref.provider) else {
        errors.push(unknown_provider(catalog, &code_ref.provider));
        return Vec::new();
    };
    if !scope.contains(&p) {
        let message = format!(
            "provider `{}` is not in this enum's `providers(...)`",
            code_ref.provider
        );
        errors.push(syn::Error::new(code_ref.provider.span(), message));
        return Vec::new();
    }
    let provider = &catalog.providers[p];
    let Some(t) = table_index(provider, code_ref, errors) else {
        return Vec::new();
    };
    let table = &provider.tables[t];
    (code_ref.codes.iter())
        .filter_map(|lit| match entry_index(provider, table, lit) {
            Ok(e) => Some(((p, t, e), lit.span())),
            Err(message) => {
                errors.push(syn::Error::new(lit.span(), message));
                None
            }
        })
        .collect()
}

fn table_index(provider: &Provider, code_ref: &CodeRef, errors: &mut Vec<syn::Error>) -> Option<usize> {
    let ids: Vec<&str> = provider.tables.iter().map(|t| t.id.as_str()).collect();
    let Some(table) = &code_ref.table else {
        if provider.tables.len() == 1 {
            return Some(0);
        }
        let choices: Vec<String> = ids
            .iter()
            .map(|t| format!("`{}::{t}(...)`", provider.id))
            .collect();
        let message = format!(
            "{} has {} tables; name one: {}",
            provider.name,
            ids.len(),
            choices.join(" or ")
        );
        errors.push(syn::Error::new(code_ref.provider.span(), message));
        return None;
    };
    let found = provider.tables.iter().position(|t| table == t.id.as_str());
    if found.is_none() {
        let hint = nearest(&table.to_string(), &ids)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        let message = format!(
            "{} has no table `{table}`; {hint}expected one of {}",
            provider.name,
            backticked(&ids)
        );
        errors.push(syn::Error::new(table.span(), message));
    }
    found
}

/// The entry a literal names, or what is wrong with it.
fn entry_index(provider: &Provider, table: &Table, lit: &Lit) -> Result<usize, String> {
    let code = match (lit, table.code_type) {
        (Lit::Int(int), CodeType::Int(ty)) => {
            let (min, max) = ty.range();
            match int.base10_parse::<i128>() {
                Ok(n) if (min..=max).contains(&n) => Code::Int(n),
                _ => {
                    return Err(format!(
                        "code {} does not fit the `{}` codes of {}::{} ({min}..={max})",
                        int.base10_digits(),
                        ty.name(),
                        provider.id,
                        table.id
                    ));
                }
            }
        }
        (Lit::Str(s), CodeType::Str) => Code::Str(s.value()),
        (Lit::Str(_), CodeType::Int(_)) => {
            return Err(format!(
                "{}::{} has integer codes; write the code without quotes",
                provider.id, table.id
            ));
        }
        (Lit::Int(_), CodeType::Str) => {
            return Err(format!(
                "{}::{} has string codes; write the code in quotes",
                provider.id, table.id
            ));
        }
        (other, _) => {
            let found = match other {
                Lit::Float(_) => "a float",
                Lit::Bool(_) => "a boolean",
                Lit::ByteStr(_) => "a byte string",
                Lit::CStr(_) => "a C string",
                Lit::Char(_) => "a character",
                Lit::Byte(_) => "a byte",
                _ => "another literal",
            };
            return Err(format!("expected an integer or a string code, found {found}"));
        }
    };
    table.entries.iter().position(|e| e.code == code).ok_or_else(|| {
        let hint = nearest_code(table, &code)
            .map(|n| format!("; did you mean {n}?"))
            .unwrap_or_default();
        format!(
            "{} has no code {code} in table `{}`{hint}",
            provider.name, table.id
        )
    })
}

/// The documented code closest to `code` (by its digits or characters).
fn nearest_code(table: &Table, code: &Code) -> Option<String> {
    let written = match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => s.clone(),
    };
    let best = (table.entries.iter())
        .map(|e| e.code.to_string())
        .map(|c| (strsim::levenshtein(&written, c.trim_matches('"')), c))
        .min_by_key(|(d, _)| *d)?;
    (best.0 <= 2.max(written.len() / 4)).then_some(best.1)
}

fn unmapped_error(input: &Input, unmapped: &[String]) -> syn::Error {
    let shown: Vec<&str> = unmapped.iter().take(8).map(String::as_str).collect();
    let more = unmapped.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    syn::Error::new(
        input.ident.span(),
        format!(
            "{} codes are not mapped and there is no fallback variant: {}{more}; \
             map them, map their kinds, or add `#[provider_errors(fallback)] Other(AnyCode)`",
            unmapped.len(),
            shown.join(", "),
        ),
    )
}
