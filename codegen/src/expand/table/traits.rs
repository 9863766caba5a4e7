//! The standard traits of a table's enum: `Display`, `Error`, the conversions from
//! and to raw codes, and serde's (optional).

use super::Ctx;
use crate::model::{Code, Table};
use proc_macro2::TokenStream;
use quote::quote;

/// Whether every code is its own message (free-text tables): `Display` then does
/// not repeat it.
fn code_is_message(table: &Table) -> bool {
    table
        .entries
        .iter()
        .all(|e| matches!(&e.code, Code::Str(s) if *s == e.message))
}

pub(super) fn expand_display(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    // Pieces written one by one: `write!` with arguments goes through the formatting
    // machinery and measured four times slower (BENCHMARKS.md, message/...).
    // The caller's width and fill apply to none of the pieces, as before.
    let code = if cx.is_str() {
        quote!(f.write_str(self.code())?;)
    } else {
        quote!(::core::write!(f, "{}", self.code())?;)
    };
    let unknown = quote! {
        #code
        f.write_str(" (")?;
        f.write_str(Self::PROVIDER)?;
        f.write_str(", undocumented)")
    };
    let doc = quote! {
        /// Writes the provider's message and where it comes from:
        /// `Too many requests. (Provider code)`; an undocumented code writes its raw
        /// value: `40299 (Provider, undocumented)`.
    };
    if cx.large {
        // No second copy of every message: the pieces are written one by one.
        let known_code = (!code_is_message(cx.table)).then(|| quote!(f.write_str(" ")?; #code));
        return quote! {
            #doc
            #[automatically_derived]
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self.message() {
                        ::core::option::Option::Some(message) => {
                            f.write_str(message)?;
                            f.write_str(" (")?;
                            f.write_str(Self::PROVIDER)?;
                            #known_code
                            f.write_str(")")
                        }
                        ::core::option::Option::None => { #unknown }
                    }
                }
            }
        };
    }
    // A documented code's whole text is known now: one `write_str`.
    let shown = code_is_message(cx.table);
    let provider = &cx.provider.name;
    let texts = cx.table.entries.iter().map(|e| match (&e.code, shown) {
        (_, true) => format!("{} ({provider})", e.message),
        (Code::Int(n), false) => format!("{} ({provider} {n})", e.message),
        (Code::Str(s), false) => format!("{} ({provider} {s})", e.message),
    });
    let n = cx.variants.len();
    let body = if cx.constants {
        quote! {
            if self.is_documented() {
                f.write_str(Self::DISPLAYS[self.index()])
            } else {
                #unknown
            }
        }
    } else {
        quote! {
            match self {
                Self::Unknown(_) => { #unknown }
                _ => f.write_str(Self::DISPLAYS[self.index()]),
            }
        }
    };
    quote! {
        impl #name {
            /// What `Display` writes for each documented code.
            const DISPLAYS: &[&str; #n] = &[#(#texts),*];
        }
        #doc
        #[automatically_derived]
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

pub(super) fn expand_error(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    quote! {
        #[automatically_derived]
        impl ::core::error::Error for #name {}
    }
}

pub(super) fn expand_conversions(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    let unknown = cx.shared("UnknownCode");
    let code_ty = &cx.code_ty;
    if !cx.is_str() {
        let body = if cx.constants {
            quote! {
                let value = Self::from_code(code);
                if value.is_documented() {
                    ::core::result::Result::Ok(value)
                } else {
                    ::core::result::Result::Err(#unknown { provider: Self::PROVIDER, table: Self::TABLE, code })
                }
            }
        } else {
            quote! {
                match Self::from_code(code) {
                    Self::Unknown(code) => ::core::result::Result::Err(#unknown {
                        provider: Self::PROVIDER,
                        table: Self::TABLE,
                        code,
                    }),
                    known => ::core::result::Result::Ok(known),
                }
            }
        };
        return quote! {
            /// Strict: an undocumented code is an error (`from_code` keeps it instead).
            #[automatically_derived]
            impl ::core::convert::TryFrom<#code_ty> for #name {
                type Error = #unknown<#code_ty>;
                #[inline]
                fn try_from(code: #code_ty) -> ::core::result::Result<Self, #unknown<#code_ty>> {
                    #body
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<#name> for #code_ty {
                fn from(value: #name) -> Self {
                    value.code()
                }
            }
        };
    }
    let string = cx.opts.string_type();
    let to_owned = cx.opts.to_owned_string(quote!(code));
    quote! {
        /// Strict: an undocumented code is an error (`from_code` keeps it instead).
        #[automatically_derived]
        impl<'a> ::core::convert::TryFrom<&'a str> for #name {
            type Error = #unknown<&'a str>;
            #[inline]
            fn try_from(code: &'a str) -> ::core::result::Result<Self, #unknown<&'a str>> {
                Self::documented(code).ok_or(#unknown { provider: Self::PROVIDER, table: Self::TABLE, code })
            }
        }

        /// Strict, like `TryFrom<&str>`.
        #[automatically_derived]
        impl ::core::str::FromStr for #name {
            type Err = #unknown<#string>;
            #[inline]
            fn from_str(code: &str) -> ::core::result::Result<Self, #unknown<#string>> {
                Self::documented(code).ok_or_else(|| #unknown {
                    provider: Self::PROVIDER,
                    table: Self::TABLE,
                    code: #to_owned,
                })
            }
        }

        #[automatically_derived]
        impl ::core::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.code()
            }
        }
    }
}

pub(super) fn expand_serde(cx: &Ctx) -> TokenStream {
    let (name, code_ty) = (&cx.name, &cx.code_ty);
    let de_doc = if cx.constants {
        " Deserializes from the wire code; an undocumented code is kept."
    } else {
        " Deserializes from the wire code; an undocumented code becomes `Unknown`."
    };
    let de = if cx.is_str() {
        quote! {
            struct Visitor;
            impl ::serde::de::Visitor<'_> for Visitor {
                type Value = #name;
                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str("a string code")
                }
                fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<#name, E> {
                    ::core::result::Result::Ok(#name::from_code(v))
                }
            }
            deserializer.deserialize_str(Visitor)
        }
    } else {
        quote! {
            <#code_ty as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from_code)
        }
    };
    quote! {
        /// Serializes as the wire code.
        #[automatically_derived]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.code(), serializer)
            }
        }

        #[doc = #de_doc]
        #[automatically_derived]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #de
            }
        }
    }
}
