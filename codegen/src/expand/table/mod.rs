//! One enum per code table (or a struct of constants, `TableShape::Constants`), with
//! its metadata and accessors; `from_code` is in `lookup.rs`, `Display`, the
//! conversions and serde in `traits.rs`.
//!
//! Metadata lives in `const` arrays indexed by the variant's position, with one extra
//! slot for `Unknown`: each accessor is an array read, and the only per-variant
//! `match`es are `index` and, in string tables too small for the hash
//! ([`STR_BYTES_HASH_MIN`], [`STR_HASH_MIN`]), `from_code`, which keeps large tables
//! cheap to compile. Integer tables and larger string tables find a code by perfect
//! hash (`expand/hash.rs`). A struct of constants has no `match`: it holds its
//! position and its code.

mod lookup;
mod traits;

use super::docs;
use super::hash::{self, Perfect, StrKey};
use super::{ident, shared_path, type_name};
use crate::config::Options;
use crate::model::{Code, CodeType, Entry, Location, Provider, Table};
use crate::output::Formatter;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// What every emitter of one table needs.
struct Ctx<'a> {
    provider: &'a Provider,
    table: &'a Table,
    opts: &'a Options,
    name: Ident,
    variants: Vec<Ident>,
    /// `Name::Variant` for each variant, the form every value and pattern takes:
    /// rustc looks `Self::Variant` up by a search of the variant list by name, so
    /// one such mention per variant in `ALL` and in `index()` made type checking
    /// quadratic in the table's size (2.1 s of 7.3 at 20 000 codes; 0.2 s with
    /// `Name::Variant`, which the name resolver finds in a map: BENCHMARKS.md).
    paths: Vec<TokenStream>,
    /// `u32`, or `&str` for string tables (only used in `const` items).
    code_ty: TokenStream,
    /// Above [`LARGE_TABLE`] codes: no per-code `match` (string lookups by hash, or
    /// binary search, `Debug` from an array) and no whole `Display` texts.
    large: bool,
    /// [`TableShape::Constants`](crate::TableShape): a struct `{ index, code }` with an
    /// associated constant per code instead of an enum (integer tables only).
    constants: bool,
    /// Integer tables, and string tables from [`STR_BYTES_HASH_MIN`] or
    /// [`STR_HASH_MIN`] codes: `from_code` by perfect hash (`None` when the search
    /// gave up, or the generator was told to use binary search). Every table's
    /// variants are numbered from 0, so that reading a variant's metadata is one
    /// array read.
    perfect: Option<Perfect>,
    /// What a string table's perfect hash hashes (`Whole` for other tables).
    str_key: StrKey,
}

/// Tables with more codes than this have no `match` with one arm per code (which
/// compiles in time that grows faster than the table: BENCHMARKS.md, compile time):
/// string codes are looked up by hash (else binary search over a sorted array).
const LARGE_TABLE: usize = 1024;

/// String tables of at least this many codes whose codes no few bytes tell apart look
/// them up by a perfect hash of a key of every byte (`hash::str_key`), smaller ones
/// by length and bytes (`lookup::expand_by_length`), whose branches the CPU predicts
/// when inputs repeat. Measured (BENCHMARKS.md, string codes, sixth session): at 130,
/// 200, 300 and 600 codes that hash is faster than the bytes on inputs that repeat
/// (1.3 to 2.9 times) and on inputs that do not (1.8 to 2.7 times); at 100 codes it
/// is 1.4 to 1.6 times slower on inputs that repeat (1.8 times faster on the others).
const STR_HASH_MIN: usize = 129;

/// String tables of at least this many codes take the perfect hash of a key of a few
/// bytes when a few tell the codes apart (`hash::key_bytes`): a few loads where the key
/// of every byte loops over the code. Measured (BENCHMARKS.md, string codes, seventh
/// session) on tables of 20 to 100 codes: on inputs that do not repeat it is 4 to 5
/// times faster than by length and bytes at every size; on inputs that repeat it is
/// 1.5 times slower at 20 and 40 codes, 1.2 times at 60, faster at 80 and 100.
const STR_BYTES_HASH_MIN: usize = 64;

/// Up to this many codes, the code-to-variant `match` is `#[inline(always)]`: left to
/// itself LLVM kept DataForSEO's 51-arm `from_code` out of line (a call per lookup,
/// and for strings an `Option<Self>` returned through memory whose drop it could not
/// fold), which made it 1.25 to 1.7 times slower than strum's inlined equivalent.
const INLINE_ALWAYS: usize = 64;

/// The same for string tables' `match`, which returns an `Option<Self>` that holds a
/// `String`: at 100 codes, `#[inline]` measured 3.12 µs per 1 000 lookups against
/// strum's 2.32 µs, `#[inline(always)]` 2.40 µs against 2.38 (BENCHMARKS.md).
const STR_INLINE_ALWAYS: usize = 256;

impl Ctx<'_> {
    fn is_str(&self) -> bool {
        self.table.code_type == CodeType::Str
    }

    /// The inline hint of the code-to-variant lookup (see [`INLINE_ALWAYS`]).
    fn lookup_inline(&self) -> TokenStream {
        let most = if self.is_str() {
            STR_INLINE_ALWAYS
        } else {
            INLINE_ALWAYS
        };
        if self.table.entries.len() <= most {
            quote!(#[inline(always)])
        } else {
            quote!(#[inline])
        }
    }

    /// Whether codes are looked up by binary search over `SORTED`: tables without a
    /// perfect hash, but for string tables small enough for a `match`.
    fn sorted(&self) -> bool {
        self.perfect.is_none() && (self.large || !self.is_str())
    }

    /// The value of an undocumented code held in a variable named `code`.
    fn unknown(&self) -> TokenStream {
        if self.constants {
            let n = self.index_literal(self.variants.len());
            quote!(Self { index: #n, code })
        } else {
            quote!(Self::Unknown(code))
        }
    }

    /// A position in `ALL` as the `index` field of a table of constants holds it.
    fn index_literal(&self, index: usize) -> Literal {
        Literal::u32_suffixed(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The table type's visibility: the configured one at the include site (flat
    /// layout), `pub` inside its provider's module (which has the configured one).
    fn type_vis(&self) -> TokenStream {
        if self.opts.layout == crate::config::Layout::Flat {
            self.opts.vis.clone()
        } else {
            quote!(pub)
        }
    }

    fn shared(&self, name: &str) -> TokenStream {
        shared_path(name, self.opts)
    }

    /// `[a, b, ..., unknown]`: one value per entry, then the `Unknown` slot.
    fn array<T: quote::ToTokens>(&self, f: impl Fn(&Entry) -> T, unknown: TokenStream) -> TokenStream {
        let values = self.table.entries.iter().map(f);
        quote!([#(#values,)* #unknown])
    }
}

pub(super) fn expand_table(provider: &Provider, table: &Table, opts: &Options, out: &mut Formatter) {
    let code_ty = match table.code_type {
        CodeType::Int(ty) => {
            let ty = format_ident!("{}", ty.name());
            quote!(#ty)
        }
        CodeType::Str => quote!(&str),
    };
    let name = ident(&type_name(provider, table, opts.layout));
    let variants: Vec<Ident> = table.entries.iter().map(|e| ident(&e.rust_name)).collect();
    let (str_key, perfect) = match table.code_type {
        _ if opts.binary_search => (StrKey::Whole, None),
        CodeType::Int(_) => {
            let keys: Vec<u64> = table
                .entries
                .iter()
                // Two's complement for negative codes, as `code as u64` does.
                .map(|e| if let Code::Int(n) = e.code { n as u64 } else { 0 })
                .collect();
            (StrKey::Whole, hash::find(&keys))
        }
        CodeType::Str => str_hash(table),
    };
    let cx = Ctx {
        provider,
        table,
        opts,
        paths: variants.iter().map(|v| quote!(#name::#v)).collect(),
        name,
        variants,
        code_ty,
        large: table.entries.len() > LARGE_TABLE,
        constants: opts.is_constants(&provider.id, &table.id),
        str_key,
        perfect,
    };
    out.items(if cx.constants {
        expand_struct(&cx)
    } else {
        expand_enum(&cx)
    });
    expand_consts(&cx, out);
    out.items(expand_accessors(&cx));
    out.items(traits::expand_display(&cx));
    out.items(traits::expand_conversions(&cx));
    if table.has_failures() {
        out.items(traits::expand_error(&cx));
    }
    if opts.serde {
        out.items(traits::expand_serde(&cx));
    }
}

/// A string table's perfect hash and the key it hashes: a few of the codes' bytes
/// from [`STR_BYTES_HASH_MIN`] codes, where a few tell them apart; every byte from
/// [`STR_HASH_MIN`] codes; no hash below (the lookup goes by length and bytes).
fn str_hash(table: &Table) -> (StrKey, Option<Perfect>) {
    let codes: Vec<&str> = table
        .entries
        .iter()
        // A string table's codes are all strings.
        .map(|e| e.code.as_str().unwrap_or_default())
        .collect();
    let hashed = |key: &dyn Fn(&str) -> u64| {
        let keys: Vec<u64> = codes.iter().map(|c| key(c)).collect();
        hash::find_spread(&keys, hash::STR_SPREAD_BITS)
    };
    if codes.len() >= STR_BYTES_HASH_MIN
        && let Some(positions) = hash::key_bytes(&codes)
        && let Some(perfect) = hashed(&|c| hash::bytes_key(&positions, c))
    {
        return (StrKey::Bytes(positions), Some(perfect));
    }
    if codes.len() < STR_HASH_MIN {
        return (StrKey::Whole, None);
    }
    (StrKey::Whole, hashed(&hash::str_key))
}

fn expand_enum(cx: &Ctx) -> TokenStream {
    let vis = cx.type_vis();
    let doc = docs::table_doc(cx.provider, cx.table, false).tokens();
    let variant_docs = cx.table.entries.iter().map(|e| docs::entry_doc(e).tokens());
    let (name, variants) = (&cx.name, &cx.variants);
    let (derives, unknown_ty) = match cx.table.code_type {
        CodeType::Int(_) => (quote!(Clone, Copy), cx.code_ty.clone()),
        CodeType::Str => (quote!(Clone), cx.opts.string_type()),
    };
    // Large tables: a derived `Debug` is a `match` with an arm per variant, a third of
    // the compile time at 10 000 codes (BENCHMARKS.md); `large_debug` reads a table.
    let (debug, large_debug) = if cx.large {
        (None, Some(expand_large_debug(cx)))
    } else {
        (Some(quote!(Debug,)), None)
    };
    quote! {
        #doc
        #[derive(#debug #derives, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        // Variant names come from the provider's words ("Multi-Status" in `Status`).
        #[allow(clippy::enum_variant_names, clippy::upper_case_acronyms)]
        #vis enum #name {
            #( #variant_docs #variants, )*
            /// A code the documentation does not list, kept exactly as received.
            Unknown(#unknown_ty),
        }

        #large_debug
    }
}

/// [`TableShape::Constants`](crate::TableShape): a struct with an associated constant
/// per code. Its constants are checked in linear time, where an enum's `ALL` and
/// `index()` cost rustc time that grows with the square of the variant count.
fn expand_struct(cx: &Ctx) -> TokenStream {
    let doc = docs::table_doc(cx.provider, cx.table, true).tokens();
    let variant_docs = cx.table.entries.iter().map(|e| docs::entry_doc(e).tokens());
    let (name, variants, code_ty, vis) = (&cx.name, &cx.variants, &cx.code_ty, cx.type_vis());
    let indices = (0..variants.len()).map(|i| cx.index_literal(i));
    let codes = cx.table.entries.iter().map(code_literal);
    let debug = expand_large_debug(cx);
    quote! {
        #doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #vis struct #name {
            /// Position in `ALL`; `ALL.len()` for an undocumented code.
            index: u32,
            code: #code_ty,
        }

        // Named as enum variants would be, so a table can change shape without
        // renaming its codes.
        #[allow(non_upper_case_globals)]
        impl #name {
            #( #variant_docs pub const #variants: Self = Self { index: #indices, code: #codes }; )*
        }

        #debug
    }
}

/// `Debug` as derived (the variant's name, or `Unknown(code)`), from an array of names.
fn expand_large_debug(cx: &Ctx) -> TokenStream {
    let (name, n) = (&cx.name, cx.variants.len());
    let body = if cx.constants {
        quote! {
            if self.is_documented() {
                f.write_str(Self::NAMES[self.index()])
            } else {
                f.debug_tuple("Unknown").field(&self.code).finish()
            }
        }
    } else {
        quote! {
            match self {
                Self::Unknown(code) => f.debug_tuple("Unknown").field(code).finish(),
                _ => f.write_str(Self::NAMES[self.index()]),
            }
        }
    };
    // As the derive prints it: `r#Type` is `Type`.
    let names = cx
        .variants
        .iter()
        .map(|v| v.to_string().trim_start_matches("r#").to_owned());
    quote! {
        impl #name {
            /// Each variant's name, for `Debug`.
            const NAMES: &[&str; #n] = &[#(#names),*];
        }

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

fn expand_consts(cx: &Ctx, out: &mut Formatter) {
    let name = &cx.name;
    let parts: [fn(&Ctx) -> TokenStream; 13] = [
        consts_header,
        consts_codes,
        consts_slots,
        expand_sorted,
        consts_messages,
        consts_descriptions,
        consts_statuses,
        consts_categories,
        expand_also_documented,
        |cx| {
            consts_keyword(cx, "CanonicalKind", quote!(KINDS), "Unknown", |e| {
                e.kind.variant()
            })
        },
        |cx| consts_keyword(cx, "RetryAdvice", quote!(RETRIES), "Never", |e| e.retry.variant()),
        |cx| {
            consts_keyword(cx, "Outcome", quote!(OUTCOMES), "Failure", |e| {
                e.outcome.variant()
            })
        },
        expand_index,
    ];
    if cx.large {
        // One `impl` per array, so the formatter holds one large array at a time.
        for part in parts {
            let part = part(cx);
            if !part.is_empty() {
                out.items(quote!(impl #name { #part }));
            }
        }
    } else {
        let parts = parts.map(|part| part(cx));
        out.items(quote!(impl #name { #(#parts)* }));
    }
}

fn consts_header(cx: &Ctx) -> TokenStream {
    let provider = &cx.provider.name;
    let table = &cx.table.name;
    let url = option(cx.provider.source_url.as_deref());
    let paths = &cx.paths;
    quote! {
        /// The provider's display name.
        pub const PROVIDER: &str = #provider;
        /// The table's display name.
        pub const TABLE: &str = #table;
        /// The documentation page the codes were read from.
        pub const SOURCE_URL: ::core::option::Option<&str> = #url;
        /// Every documented code, in the documentation's order.
        pub const ALL: &[Self] = &[#(#paths),*];
    }
}

fn consts_codes(cx: &Ctx) -> TokenStream {
    if cx.constants {
        // Each value holds its code.
        return TokenStream::new();
    }
    let code_ty = &cx.code_ty;
    let n = cx.variants.len();
    let codes = cx.table.entries.iter().map(code_literal);
    quote!(const CODES: &[#code_ty; #n] = &[#(#codes),*];)
}

/// The perfect hash's slots: the code that lands in each, and its variant (integer
/// codes, one level) or its position in `ALL` (two levels: a table of variants that
/// size would cost rustc a walk of the enum's variants per element to check it; and
/// string tables, whose variants are not `Copy`: `documented_at` builds them). An
/// empty slot holds the first code, which lands elsewhere, so no code matches there.
fn consts_slots(cx: &Ctx) -> TokenStream {
    let Some(perfect) = &cx.perfect else {
        return TokenStream::new();
    };
    let (m, code_ty) = (perfect.slots.len(), &cx.code_ty);
    let codes = perfect
        .slots
        .iter()
        .map(|&i| code_literal(&cx.table.entries[i as usize]));
    let codes = quote! {
        /// For each slot of the code hash in `from_code`, the code that lands there.
        const SLOT_CODES: &[#code_ty; #m] = &[#(#codes),*];
    };
    if perfect.pilots.is_none() && !cx.is_str() {
        let paths = perfect.slots.iter().map(|&i| &cx.paths[i as usize]);
        return quote! {
            #codes
            /// For each slot of the code hash, the variant of its code.
            const SLOT_VARIANTS: &[Self; #m] = &[#(#paths),*];
        };
    }
    // Strings: `Self` is not `Copy`, so the slot holds a position for `documented_at`.
    let pilots = perfect.pilots.as_ref().map(|pilots| {
        let (b, values) = (pilots.pilots.len(), &pilots.pilots);
        quote! {
            /// For each bucket of the code hash in `from_code`, the pilot that moves its
            /// codes to slots of their own.
            const PILOTS: &[u16; #b] = &[#(#values),*];
        }
    });
    // Positions as small as they fit: the slot table is up to 2.5 entries per code.
    let positions = perfect.slots.iter();
    let (index_ty, positions) = if u16::try_from(cx.variants.len()).is_ok() {
        (
            quote!(u16),
            positions
                .map(|&i| Literal::u16_unsuffixed(i as u16))
                .collect::<Vec<_>>(),
        )
    } else {
        (
            quote!(u32),
            positions.map(|&i| Literal::u32_unsuffixed(i)).collect(),
        )
    };
    quote! {
        #pilots
        #codes
        /// For each slot of the code hash, the position of its code in `ALL`.
        const SLOT_INDEX: &[#index_ty; #m] = &[#(#positions),*];
    }
}

fn consts_messages(cx: &Ctx) -> TokenStream {
    let total = cx.variants.len() + 1;
    let messages = cx.array(|e| e.message.clone(), quote!(""));
    quote!(const MESSAGES: &[&str; #total] = &#messages;)
}

// Optional texts and statuses are stored plainly, with `""` or `0` for none (the
// loader refuses an empty text; a status is 100..=599): an array of `Some(..)` took
// a fifth of the compile time at 20 000 codes (BENCHMARKS.md).

fn consts_descriptions(cx: &Ctx) -> TokenStream {
    let total = cx.variants.len() + 1;
    let descriptions = cx.array(|e| e.description.clone().unwrap_or_default(), quote!(""));
    quote!(const DESCRIPTIONS: &[&str; #total] = &#descriptions;)
}

/// HTTP-status tables answer `http_status` from the code itself: no array.
fn consts_statuses(cx: &Ctx) -> TokenStream {
    if cx.table.wire.location != Location::JsonBody {
        return TokenStream::new();
    }
    let total = cx.variants.len() + 1;
    let values = cx.array(|e| e.http_status.unwrap_or(0), quote!(0));
    quote!(const HTTP_STATUSES: &[u16; #total] = &#values;)
}

fn consts_categories(cx: &Ctx) -> TokenStream {
    let total = cx.variants.len() + 1;
    let categories = cx.array(|e| e.category.clone().unwrap_or_default(), quote!(""));
    quote!(const CATEGORIES: &[&str; #total] = &#categories;)
}

/// `const KINDS: &[CanonicalKind; N] = &[...]` and the like: a shared enum's variant
/// per entry, then `unknown`'s for the `Unknown` slot.
fn consts_keyword(
    cx: &Ctx,
    shared: &str,
    name: TokenStream,
    unknown: &str,
    variant: impl Fn(&Entry) -> &'static str,
) -> TokenStream {
    let total = cx.variants.len() + 1;
    let ty = cx.shared(shared);
    let unknown = keyword(&ty, unknown);
    let values = cx.array(|e| keyword(&ty, variant(e)), unknown);
    quote!(const #name: &[#ty; #total] = &#values;)
}

fn expand_index(cx: &Ctx) -> TokenStream {
    if cx.constants {
        return quote! {
            /// Position in `ALL`; an undocumented code takes the last slot of the
            /// metadata arrays.
            #[inline(always)]
            const fn index(&self) -> usize {
                self.index as usize
            }
        };
    }
    let paths = &cx.paths;
    let n = paths.len();
    let indices = 0..n;
    let index_inline = cx.lookup_inline();
    quote! {
        /// Position in `ALL`; `Unknown` takes the last slot of the metadata arrays.
        #index_inline
        const fn index(&self) -> usize {
            match self {
                #( #paths => #indices, )*
                Self::Unknown(_) => #n,
            }
        }
    }
}

/// `also_documented` as one flat list of texts and, per entry, where its texts start
/// (the next entry's start is where they end). An array of slices, one `&[..]` per
/// entry, cost a second of borrow checking at 10 000 codes (BENCHMARKS.md); integers
/// cost next to nothing. Without any such text, there are no arrays at all.
fn expand_also_documented(cx: &Ctx) -> TokenStream {
    let texts: Vec<&String> = cx
        .table
        .entries
        .iter()
        .flat_map(|e| e.also_documented.iter().map(|(text, _)| text))
        .collect();
    if texts.is_empty() {
        return TokenStream::new();
    }
    let mut start = 0u32;
    let mut starts = vec![0u32];
    for entry in &cx.table.entries {
        start += u32::try_from(entry.also_documented.len()).unwrap_or(u32::MAX);
        starts.push(start);
    }
    starts.push(start); // `Unknown` has none
    let (m, len) = (texts.len(), starts.len());
    quote! {
        /// Every `also_documented` text, entry after entry.
        const ALSO_TEXTS: &[&str; #m] = &[#(#texts),*];
        /// Where each entry's texts start in `ALSO_TEXTS`, then where the last ends.
        const ALSO_STARTS: &[u32; #len] = &[#(#starts),*];
    }
}

/// The codes in ascending order and, for each, its position in `ALL`.
fn expand_sorted(cx: &Ctx) -> TokenStream {
    if !cx.sorted() {
        return TokenStream::new();
    }
    let code_ty = &cx.code_ty;
    let n = cx.variants.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cx.table.entries[a].code.cmp(&cx.table.entries[b].code));
    let codes = order.iter().map(|&i| code_literal(&cx.table.entries[i]));
    quote! {
        /// The codes in ascending order, for binary search.
        const SORTED: &[#code_ty; #n] = &[#(#codes),*];
        /// For each of `SORTED`, its position in `ALL`.
        const SORTED_INDEX: &[usize; #n] = &[#(#order),*];
    }
}

fn expand_accessors(cx: &Ctx) -> TokenStream {
    let name = &cx.name;
    let [kind, retry, outcome] = ["CanonicalKind", "RetryAdvice", "Outcome"].map(|s| cx.shared(s));
    let from_code = lookup::expand_from_code(cx);
    let code = expand_code(cx);
    let also_documented = if cx.table.entries.iter().all(|e| e.also_documented.is_empty()) {
        quote!(&[])
    } else {
        quote! {
            let i = self.index();
            let (start, end) = (Self::ALSO_STARTS[i] as usize, Self::ALSO_STARTS[i + 1] as usize);
            Self::ALSO_TEXTS.split_at(end).0.split_at(start).1
        }
    };
    let http_status = match cx.table.wire.location {
        Location::HttpStatus => quote!(::core::option::Option::Some(self.code())),
        Location::JsonBody => quote! {
            match Self::HTTP_STATUSES[self.index()] {
                0 => ::core::option::Option::None,
                status => ::core::option::Option::Some(status),
            }
        },
    };
    let (message, is_documented) = if cx.constants {
        let n = cx.index_literal(cx.variants.len());
        (
            quote! {
                if self.is_documented() {
                    ::core::option::Option::Some(Self::MESSAGES[self.index()])
                } else {
                    ::core::option::Option::None
                }
            },
            quote!(self.index < #n),
        )
    } else {
        (
            quote! {
                match self {
                    Self::Unknown(_) => ::core::option::Option::None,
                    _ => ::core::option::Option::Some(Self::MESSAGES[self.index()]),
                }
            },
            quote!(!matches!(self, Self::Unknown(_))),
        )
    };
    quote! {
        impl #name {
            #from_code
            #code

            /// The provider's exact message; `None` for an undocumented code.
            #[inline]
            pub const fn message(&self) -> ::core::option::Option<&'static str> {
                #message
            }

            /// The documentation's explanation, where it gives one.
            pub const fn description(&self) -> ::core::option::Option<&'static str> {
                Self::text(Self::DESCRIPTIONS[self.index()])
            }

            /// The HTTP status this code arrives with, where documented.
            pub const fn http_status(&self) -> ::core::option::Option<u16> {
                #http_status
            }

            /// The documentation's grouping, where it gives one.
            pub const fn category(&self) -> ::core::option::Option<&'static str> {
                Self::text(Self::CATEGORIES[self.index()])
            }

            /// Other texts the documentation gives for this code.
            pub const fn also_documented(&self) -> &'static [&'static str] {
                #also_documented
            }

            /// The canonical kind; `Unknown` for an undocumented code.
            #[inline]
            pub const fn kind(&self) -> #kind {
                Self::KINDS[self.index()]
            }

            /// What a client should do; `Never` for an undocumented code.
            #[inline]
            pub const fn retry(&self) -> #retry {
                Self::RETRIES[self.index()]
            }

            /// Whether the code reports success, pending work, a redirect or a failure
            /// (an undocumented code counts as a failure).
            #[inline]
            pub const fn outcome(&self) -> #outcome {
                Self::OUTCOMES[self.index()]
            }

            /// Whether the code reports success.
            pub const fn is_success(&self) -> bool {
                matches!(self.outcome(), #outcome::Success)
            }

            /// Whether the request was accepted but is not finished.
            pub const fn is_pending(&self) -> bool {
                matches!(self.outcome(), #outcome::Pending)
            }

            /// Whether the code reports a failure.
            pub const fn is_error(&self) -> bool {
                matches!(self.outcome(), #outcome::Failure)
            }

            /// Whether the documentation lists the code.
            pub const fn is_documented(&self) -> bool {
                #is_documented
            }

            /// An optional text as stored: `""` is none.
            const fn text(text: &'static str) -> ::core::option::Option<&'static str> {
                if text.is_empty() {
                    ::core::option::Option::None
                } else {
                    ::core::option::Option::Some(text)
                }
            }
        }
    }
}

fn expand_code(cx: &Ctx) -> TokenStream {
    if cx.is_str() {
        return quote! {
            /// The raw code, as sent on the wire.
            #[inline]
            pub fn code(&self) -> &str {
                match self {
                    Self::Unknown(code) => code,
                    _ => Self::CODES[self.index()],
                }
            }
        };
    }
    let code_ty = &cx.code_ty;
    if cx.constants {
        return quote! {
            /// The raw code, as sent on the wire.
            #[inline]
            pub const fn code(&self) -> #code_ty {
                self.code
            }
        };
    }
    quote! {
        /// The raw code, as sent on the wire.
        #[inline]
        pub const fn code(&self) -> #code_ty {
            match self {
                Self::Unknown(code) => *code,
                _ => Self::CODES[self.index()],
            }
        }
    }
}

fn code_literal(entry: &Entry) -> TokenStream {
    match &entry.code {
        // A literal token cannot be negative: emit `-` and the magnitude.
        Code::Int(n) if *n < 0 => {
            let lit = Literal::u128_unsuffixed(n.unsigned_abs());
            quote!(-#lit)
        }
        Code::Int(n) => {
            let lit = Literal::i128_unsuffixed(*n);
            quote!(#lit)
        }
        Code::Str(s) => quote!(#s),
    }
}

fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn keyword(path: &TokenStream, variant: &str) -> TokenStream {
    let variant = ident(variant);
    quote!(#path::#variant)
}
