//! Tokens of the derive: `From<Table>` per table, `from_<provider>_<table>`
//! constructors, and on request `Display` and `Error`.

use super::attr::{Input, Shape};
use super::resolve::TablePlan;
use crate::config::Layout;
use crate::expand::{escape, ident, type_name};
use crate::model::CodeType;
use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub(crate) fn expand(input: &Input, plans: &[TablePlan]) -> TokenStream {
    let froms = plans.iter().map(|plan| expand_from(input, plan));
    let constructors = expand_constructors(input, plans, false);
    let display = input.display.then(|| expand_display(input));
    quote! { #(#froms)* #constructors #display }
}

/// The impls the user's code may rely on, with bodies that never run: emitted beside
/// `compile_error!` so the only errors the user sees are ours.
pub(crate) fn fallback(input: &Input, plans: &[TablePlan]) -> TokenStream {
    let (name, (impl_generics, ty_generics, where_clause)) = (&input.ident, input.generics.split_for_impl());
    let froms = plans.iter().map(|plan| {
        let ty = table_type(input, plan);
        quote! {
            impl #impl_generics ::core::convert::From<#ty> for #name #ty_generics #where_clause {
                fn from(_: #ty) -> Self {
                    ::core::unreachable!()
                }
            }
        }
    });
    let constructors = expand_constructors(input, plans, true);
    quote! { #(#froms)* #constructors }
}

/// The path of a table's generated enum, from where the user put the generated code.
fn table_type(input: &Input, plan: &TablePlan) -> TokenStream {
    let types = match &input.types {
        Some(path) => quote!(#path),
        None => quote!(crate),
    };
    if input.flat {
        let name = ident(&type_name(plan.provider, plan.table, Layout::Flat));
        quote!(#types::#name)
    } else {
        let module = ident(&plan.provider.module);
        let name = ident(&type_name(plan.provider, plan.table, Layout::Modules));
        quote!(#types::#module::#name)
    }
}

fn expand_from(input: &Input, plan: &TablePlan) -> TokenStream {
    let (name, (impl_generics, ty_generics, where_clause)) = (&input.ident, input.generics.split_for_impl());
    let ty = table_type(input, plan);
    let arms = groups(plan).into_iter().map(|(target, entries)| {
        let variants = entries.iter().map(|&e| ident(&plan.table.entries[e].rust_name));
        let pattern = quote!(#(#ty::#variants)|*);
        construct(input, target, pattern)
    });
    let rest = construct(input, plan.unknown, quote!(_));
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ty> for #name #ty_generics #where_clause {
            fn from(value: #ty) -> Self {
                match value {
                    #(#arms)*
                    // Undocumented codes, and any the provider adds later.
                    #[allow(unreachable_patterns)]
                    #rest
                }
            }
        }
    }
}

/// Entry indices grouped by target variant, in order of first appearance.
fn groups(plan: &TablePlan) -> Vec<(usize, Vec<usize>)> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (entry, &target) in plan.targets.iter().enumerate() {
        match groups.iter_mut().find(|(t, _)| *t == target) {
            Some((_, entries)) => entries.push(entry),
            None => groups.push((target, vec![entry])),
        }
    }
    groups
}

/// `pattern => Self::Variant`, passing the code on to a one-field variant.
fn construct(input: &Input, target: usize, pattern: TokenStream) -> TokenStream {
    let variant = &input.variants[target];
    let v = &variant.ident;
    match variant.shape {
        Shape::One => quote!(value @ (#pattern) => Self::#v(::core::convert::From::from(value)),),
        _ => quote!(#pattern => Self::#v,),
    }
}

fn expand_constructors(input: &Input, plans: &[TablePlan], unreachable: bool) -> TokenStream {
    let (name, (impl_generics, ty_generics, where_clause)) = (&input.ident, input.generics.split_for_impl());
    let fns = plans.iter().flat_map(|plan| {
        let ty = table_type(input, plan);
        let single = plan.provider.tables.len() == 1;
        let names = [
            Some(format_ident!("from_{}_{}", plan.provider.id, plan.table.id)),
            single.then(|| format_ident!("from_{}", plan.provider.id)),
        ];
        names
            .into_iter()
            .flatten()
            .map(move |f| constructor(&f, &ty, plan, unreachable))
            .collect::<Vec<_>>()
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #name #ty_generics #where_clause {
            #(#fns)*
        }
    }
}

fn constructor(f: &Ident, ty: &TokenStream, plan: &TablePlan, unreachable: bool) -> TokenStream {
    let code_ty = match plan.table.code_type {
        CodeType::Int(int) => {
            let int = format_ident!("{}", int.name());
            quote!(#int)
        }
        CodeType::Str => quote!(&str),
    };
    let doc = format!(
        " From a raw {} code ({}, table `{}`); an undocumented code goes where `Unknown` does.",
        escape(&plan.provider.name),
        escape(&plan.table.name),
        plan.table.id
    );
    let body = if unreachable {
        quote!(::core::unreachable!())
    } else {
        quote!(<Self as ::core::convert::From<#ty>>::from(#ty::from_code(code)))
    };
    quote! {
        #[doc = #doc]
        pub fn #f(code: #code_ty) -> Self {
            #body
        }
    }
}

fn expand_display(input: &Input) -> TokenStream {
    let (name, (impl_generics, ty_generics, where_clause)) = (&input.ident, input.generics.split_for_impl());
    let arms = input.variants.iter().map(|v| {
        let ident = &v.ident;
        let words = v.message.as_ref().map_or_else(
            || ident.to_string().to_snake_case().replace('_', " "),
            |m| m.value(),
        );
        match v.shape {
            Shape::One if v.message.is_none() => {
                quote!(Self::#ident(inner) => ::core::fmt::Display::fmt(inner, f),)
            }
            Shape::Unit => quote!(Self::#ident => f.write_str(#words),),
            _ => quote!(Self::#ident { .. } => f.write_str(#words),),
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #name #ty_generics #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#arms)*
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::error::Error for #name #ty_generics #where_clause {}
    }
}
