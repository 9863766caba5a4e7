//! Items emitted once per generated file and shared by every provider: the canonical
//! kind, retry advice, outcome, and the error of strict conversions.

use super::ident;
use crate::config::Options;
use crate::model::{Kind, Outcome, Retry};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn expand_shared(opts: &Options) -> TokenStream {
    let kind = expand_keyword_enum(
        "CanonicalKind",
        "The canonical kind of a provider code: the gRPC status codes, the best-known \
         cross-API error space. Lets a caller treat \"rate limited\" the same whichever \
         provider said it.",
        Kind::ALL.iter().map(|k| (k.variant(), k.as_str(), k.doc())),
        opts,
    );
    let kind_extra = expand_kind_extra();
    let retry = expand_keyword_enum(
        "RetryAdvice",
        "What a client should do about a code: whether retrying can help, and what must \
         happen first.",
        Retry::ALL.iter().map(|r| (r.variant(), r.as_str(), r.doc())),
        opts,
    );
    let outcome = expand_keyword_enum(
        "Outcome",
        "Whether a code reports an error at all.",
        Outcome::ALL.iter().map(|o| (o.variant(), o.as_str(), o.doc())),
        opts,
    );
    let unknown = expand_unknown_code(opts);
    quote! {
        #kind
        #kind_extra
        #retry
        #outcome
        #unknown
    }
}

/// A fieldless enum with `as_str`, `ALL` and `Display`, plus serde as its name.
fn expand_keyword_enum<'a>(
    name: &str,
    doc: &str,
    values: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    opts: &Options,
) -> TokenStream {
    let vis = &opts.vis;
    let name = ident(name);
    let doc = format!(" {doc}");
    let (variants, texts, docs): (Vec<_>, Vec<_>, Vec<_>) =
        values.map(|(v, t, d)| (ident(v), t, format!(" {d}"))).collect();
    let serde = opts.serde.then(|| expand_keyword_serde(&name, &variants, &texts));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #vis enum #name {
            #( #[doc = #docs] #variants, )*
        }

        impl #name {
            /// Every value, in declaration order.
            pub const ALL: &[Self] = &[#(Self::#variants),*];

            /// The schema spelling, as in `schema/README.md`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( Self::#variants => #texts, )*
                }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #serde
    }
}

fn expand_keyword_serde(
    name: &proc_macro2::Ident,
    variants: &[proc_macro2::Ident],
    texts: &[&str],
) -> TokenStream {
    let expected = texts.join(", ");
    quote! {
        #[automatically_derived]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[automatically_derived]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expected)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<#name, E> {
                        match v {
                            #( #texts => ::core::result::Result::Ok(#name::#variants), )*
                            _ => ::core::result::Result::Err(E::unknown_variant(v, &[#(#texts),*])),
                        }
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    }
}

fn expand_kind_extra() -> TokenStream {
    let variants: Vec<_> = Kind::ALL.iter().map(|k| ident(k.variant())).collect();
    let grpc = (0..Kind::ALL.len()).map(|i| i as u8);
    let retries = Kind::ALL.iter().map(|k| ident(k.default_retry().variant()));
    quote! {
        impl CanonicalKind {
            /// The numeric gRPC status code (`ok` is 0, `unauthenticated` 16).
            pub const fn grpc_code(self) -> u8 {
                match self {
                    #( Self::#variants => #grpc, )*
                }
            }

            /// The retry advice this kind implies when a schema gives none.
            pub const fn default_retry(self) -> RetryAdvice {
                match self {
                    #( Self::#variants => RetryAdvice::#retries, )*
                }
            }
        }

        impl RetryAdvice {
            /// Whether sending the same request again, later, can succeed without
            /// anyone acting first (`backoff` and `poll`).
            pub const fn is_retryable(self) -> bool {
                matches!(self, Self::Backoff | Self::Poll)
            }

            /// Whether a person must act (fix the request, top up, ...) before a retry.
            pub const fn needs_user_action(self) -> bool {
                !matches!(self, Self::Never | Self::Backoff | Self::Poll)
            }
        }
    }
}

fn expand_unknown_code(opts: &Options) -> TokenStream {
    let vis = &opts.vis;
    quote! {
        /// The error of a strict conversion (`TryFrom`, `FromStr`): the code is not
        /// documented in the table. `from_code` keeps such codes instead.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #vis struct UnknownCode<T> {
            /// The provider's display name.
            pub provider: &'static str,
            /// The table's display name.
            pub table: &'static str,
            /// The code as received.
            pub code: T,
        }

        #[automatically_derived]
        impl<T: ::core::fmt::Display> ::core::fmt::Display for UnknownCode<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{} does not document {} code {}", self.provider, self.table, self.code)
            }
        }

        #[automatically_derived]
        impl<T: ::core::fmt::Debug + ::core::fmt::Display> ::core::error::Error for UnknownCode<T> {}
    }
}
