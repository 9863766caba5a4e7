//! `from_code`: a raw code to its variant. Integer tables look codes up by a perfect
//! hash (`hash.rs`; binary search if it gave up); string tables by their length and
//! the bytes that tell codes of that length apart, then one comparison (from 64 codes,
//! a hash of a key of a few bytes, if a few tell the codes apart; from 129, else, of
//! every byte; without a hash above 1 024 codes, binary search), then, for free
//! text, word by word.

use super::super::hash::{BytePos, PILOT_MIX, Perfect, STR_KEY_ROTATE, StrKey};
use super::Ctx;
use crate::model::{Code, CodeType, IntType, MatchMode, Table};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

pub(super) fn expand_from_code(cx: &Ctx) -> TokenStream {
    let code_ty = &cx.code_ty;
    let unknown = cx.unknown();
    let doc = if cx.constants {
        quote! {
            /// The value of a raw code; a code the documentation does not list is
            /// kept too (`is_documented()` is false), so this never fails.
        }
    } else {
        quote! {
            /// The variant of a raw code; a code the documentation does not list
            /// becomes `Unknown`, so this never fails.
        }
    };
    if !cx.is_str() && cx.sorted() {
        return quote! {
            #doc
            pub const fn from_code(code: #code_ty) -> Self {
                let (mut low, mut high) = (0, Self::SORTED.len());
                while low < high {
                    let middle = low + (high - low) / 2;
                    let found = Self::SORTED[middle];
                    if found == code {
                        return Self::ALL[Self::SORTED_INDEX[middle]];
                    } else if found < code {
                        low = middle + 1;
                    } else {
                        high = middle;
                    }
                }
                #unknown
            }
        };
    }
    let inline = cx.lookup_inline();
    if let (Some(perfect), false) = (&cx.perfect, cx.is_str()) {
        // `code as u64` on a `u64` is a cast clippy flags as unnecessary.
        let key = if cx.table.code_type == CodeType::Int(IntType::U64) {
            quote!(code)
        } else {
            quote!((code as u64))
        };
        let slot = hash_slot(perfect, key);
        let found = if perfect.pilots.is_none() {
            quote!(Self::SLOT_VARIANTS[slot])
        } else {
            quote!(Self::ALL[Self::SLOT_INDEX[slot] as usize])
        };
        return quote! {
            #doc
            #inline
            pub const fn from_code(code: #code_ty) -> Self {
                // A perfect hash of the documented codes (each has a slot of its own);
                // any other code fails the comparison.
                #slot
                if Self::SLOT_CODES[slot] == code {
                    #found
                } else {
                    #unknown
                }
            }
        };
    }
    let to_owned = cx.opts.to_owned_string(quote!(code));
    let lookup = expand_str_lookup(cx);
    quote! {
        /// The variant of a raw code; a code the documentation does not list
        /// becomes `Unknown` (a copy of `code`), so this never fails.
        #[inline]
        pub fn from_code(code: &str) -> Self {
            match Self::documented(code) {
                ::core::option::Option::Some(known) => known,
                ::core::option::Option::None => Self::Unknown(#to_owned),
            }
        }

        #lookup
    }
}

/// `let slot = ...;`: the slot of `key` (a `u64` expression) in the perfect hash,
/// as `hash.rs` computes it.
fn hash_slot(perfect: &Perfect, key: TokenStream) -> TokenStream {
    let multiplier = Literal::u64_suffixed(perfect.multiplier);
    let shift = Literal::u32_unsuffixed(perfect.shift);
    let Some(pilots) = &perfect.pilots else {
        return quote!(let slot = (#key.wrapping_mul(#multiplier) >> #shift) as usize;);
    };
    let (second, slot_shift) = (
        Literal::u64_suffixed(pilots.multiplier),
        Literal::u32_unsuffixed(pilots.shift),
    );
    let mix = Literal::u64_suffixed(PILOT_MIX);
    quote! {
        let product = #key.wrapping_mul(#multiplier);
        let pilot = Self::PILOTS[(product >> #shift) as usize] as u64;
        let slot = ((product ^ pilot.wrapping_mul(#mix)).wrapping_mul(#second) >> #slot_shift) as usize;
    }
}

/// `fn key(&str) -> u64`: `hash::bytes_key` or `hash::str_key`, in the generated code.
fn expand_str_key(key: &StrKey) -> TokenStream {
    let StrKey::Bytes(positions) = key else {
        return expand_whole_key();
    };
    if positions.is_empty() {
        // One code, or codes of distinct lengths: the length tells them apart.
        return quote! {
            /// The perfect hash's key of a string code: its length, which tells the
            /// documented codes apart.
            #[inline]
            fn key(code: &str) -> u64 {
                code.len() as u64
            }
        };
    }
    let bytes = positions.iter().enumerate().map(|(k, p)| {
        let at = match *p {
            BytePos::Front(i) => {
                let i = Literal::usize_unsuffixed(i);
                quote!(#i)
            }
            BytePos::Back(i) => {
                let i = Literal::usize_unsuffixed(i + 1);
                quote!(n.wrapping_sub(#i))
            }
        };
        let shift = Literal::u32_unsuffixed(8 * (k as u32 + 1));
        quote!(^ (at(#at) << #shift))
    });
    quote! {
        /// The perfect hash's key of a string code: its length, and its bytes at the
        /// positions that tell the documented codes apart (0 past either end).
        #[inline]
        fn key(code: &str) -> u64 {
            let bytes = code.as_bytes();
            let n = bytes.len();
            let at = |i: usize| match bytes.get(i) {
                ::core::option::Option::Some(&byte) => byte as u64,
                ::core::option::Option::None => 0,
            };
            n as u64 #(#bytes)*
        }
    }
}

/// `hash::str_key` in the generated code.
fn expand_whole_key() -> TokenStream {
    let mix = Literal::u64_suffixed(PILOT_MIX);
    let rotate = Literal::u32_unsuffixed(STR_KEY_ROTATE);
    quote! {
        /// The perfect hash's key of a string code: its length, its whole 8-byte
        /// words, then the bytes after them, each mixed in by a rotation and a
        /// multiplication.
        #[inline]
        fn key(code: &str) -> u64 {
            let bytes = code.as_bytes();
            let n = bytes.len();
            let word = |at: usize| {
                let mut word = [0; 8];
                word.copy_from_slice(&bytes[at..at + 8]);
                u64::from_le_bytes(word)
            };
            let half = |at: usize| {
                let mut half = [0; 4];
                half.copy_from_slice(&bytes[at..at + 4]);
                u32::from_le_bytes(half) as u64
            };
            let mix = |key: u64, word: u64| (key.rotate_left(#rotate) ^ word).wrapping_mul(#mix);
            let mut key = n as u64;
            let mut at = 0;
            while at + 8 <= n {
                key = mix(key, word(at));
                at += 8;
            }
            let last = if n >= 8 {
                word(n - 8)
            } else if n >= 4 {
                half(0) | half(n - 4) << 32
            } else if n > 0 {
                bytes[0] as u64 | (bytes[n / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16
            } else {
                0
            };
            mix(key, last)
        }
    }
}

/// `documented(&str) -> Option<Self>`: exact match, then, for free-text tables,
/// a comparison that ignores differences in white space.
fn expand_str_lookup(cx: &Ctx) -> TokenStream {
    let paths = &cx.paths;
    let inline = cx.lookup_inline();
    let (fallback, loose) = match cx.table.wire.match_mode {
        MatchMode::Exact => (quote!(::core::option::Option::None), None),
        MatchMode::NormalizeWhitespace => {
            let (shortest, loose) = expand_loose_lookup(cx.table);
            let call = quote!(Self::documented_loosely(code));
            // The length bound is checked here, before the call, so that a text too
            // short to be any message misses at the cost of one comparison.
            let fallback = match shortest {
                0 => call,
                _ => quote! {
                    if code.len() < #shortest { ::core::option::Option::None } else { #call }
                },
            };
            (fallback, Some(loose))
        }
    };
    // Lookups that find a position in `ALL` rather than name the variant.
    let by_position = cx.perfect.is_some() || cx.large || loose.is_some();
    let documented_at = by_position.then(|| expand_documented_at(paths));
    let key_fn = cx.perfect.as_ref().map(|_| expand_str_key(&cx.str_key));
    let same_text = cx.perfect.as_ref().and_then(|_| expand_same_text(cx.table));
    let exact = if let Some(perfect) = &cx.perfect {
        let slot = hash_slot(perfect, quote!(Self::key(code)));
        let same = match same_text {
            Some(_) => quote!(Self::same_text(Self::SLOT_CODES[slot], code)),
            None => quote!(Self::SLOT_CODES[slot] == code),
        };
        quote! {
            // A perfect hash of the documented codes' keys (each has a slot of its
            // own); any other code fails the comparison.
            #slot
            if #same {
                Self::documented_at(Self::SLOT_INDEX[slot] as usize)
            } else {
                #fallback
            }
        }
    } else if cx.large {
        quote! {
            match Self::SORTED.binary_search(&code) {
                ::core::result::Result::Ok(i) => Self::documented_at(Self::SORTED_INDEX[i]),
                ::core::result::Result::Err(_) => #fallback,
            }
        }
    } else {
        let by_length = expand_by_length(cx.table, paths);
        quote! {
            #by_length
            #fallback
        }
    };
    quote! {
        /// The documented variant for `code`, if any.
        #inline
        fn documented(code: &str) -> ::core::option::Option<Self> {
            #exact
        }

        #key_fn
        #same_text
        #loose
        #documented_at
    }
}

/// The longest code for which the hash's comparison is [`expand_same_text`]'s.
const SAME_TEXT_MAX: usize = 32;

/// `same_text(documented, code)`, the hash's comparison of the one candidate with the
/// input, for tables whose codes are at most [`SAME_TEXT_MAX`] bytes long. `==` on two
/// `&str`s calls `memcmp`, whose call took 57 % of the time of a hashed lookup on
/// `Word` (`perf record`; BENCHMARKS.md). Here a text of `w` to `2w` bytes (`w` = 4, 8
/// or 16; each class ends where the next starts) is compared as its first and its last
/// `w` bytes, two integers each, which between them cover every byte: a jump on the
/// length, four loads and no call. Shorter texts, and classes no code falls in, compare
/// with `==`. The jump is the one cost: on a stream of lengths from both sides of 16
/// that the CPU cannot learn, it mispredicts (BENCHMARKS.md, ninth session).
fn expand_same_text(table: &Table) -> Option<TokenStream> {
    let lengths: Vec<usize> = table
        .entries
        .iter()
        .filter_map(|e| e.code.as_str())
        .map(str::len)
        .collect();
    let longest = *lengths.iter().max()?;
    if longest > SAME_TEXT_MAX {
        return None;
    }
    // Each class ends before the next one starts; the last takes 32 bytes too.
    let arms: Vec<TokenStream> = [(4, 7, quote!(u32)), (8, 15, quote!(u64)), (16, 32, quote!(u128))]
        .into_iter()
        .filter(|(low, high, _)| lengths.iter().any(|n| (*low..=*high).contains(n)))
        // In each arm the text is at least `low` bytes long, so every chunk is there
        // and LLVM drops the `_ => a == b` fallback, kept so no arm can be wrong.
        .map(|(low, high, int)| {
            let (low, high) = (Literal::usize_unsuffixed(low), Literal::usize_unsuffixed(high));
            quote! {
                #low..=#high => match (
                    a.first_chunk::<#low>(),
                    b.first_chunk::<#low>(),
                    a.last_chunk::<#low>(),
                    b.last_chunk::<#low>(),
                ) {
                    (
                        ::core::option::Option::Some(a0),
                        ::core::option::Option::Some(b0),
                        ::core::option::Option::Some(a1),
                        ::core::option::Option::Some(b1),
                    ) => {
                        (#int::from_ne_bytes(*a0) ^ #int::from_ne_bytes(*b0))
                            | (#int::from_ne_bytes(*a1) ^ #int::from_ne_bytes(*b1))
                            == 0
                    }
                    _ => a == b,
                },
            }
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    Some(quote! {
        /// Whether `code` is the documented code `documented`: their bytes compared as
        /// integers, without a call to `memcmp`.
        #[inline(always)]
        fn same_text(documented: &str, code: &str) -> bool {
            let (a, b) = (documented.as_bytes(), code.as_bytes());
            let n = a.len();
            if n != b.len() {
                return false;
            }
            match n {
                #(#arms)*
                _ => a == b,
            }
        }
    })
}

/// `documented_at(position in ALL)`, a `match` on the position. A string table's
/// variants are not `Copy` (`Unknown` holds a `String`), so `ALL[i].clone()` would be
/// the derived `Clone`: a jump per variant, which a stream of varied codes
/// mispredicts (4 to 5 times the time of the whole lookup at 1 100 codes). The
/// positions are the variants' order, so this `match` compiles to arithmetic.
fn expand_documented_at(paths: &[TokenStream]) -> TokenStream {
    let positions = 0..paths.len();
    quote! {
        /// The documented variant at `position` in `ALL`.
        #[inline]
        const fn documented_at(position: usize) -> ::core::option::Option<Self> {
            match position {
                #( #positions => ::core::option::Option::Some(#paths), )*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// The exact lookup of a string table small enough to name every code in the
/// generated code: a `match` on the length, then `same_length`. rustc's own `match`
/// on the texts compares with every code of the input's length in turn. Returns
/// from the function when a code is found; falls through otherwise.
fn expand_by_length(table: &Table, paths: &[TokenStream]) -> TokenStream {
    let mut lengths: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    for (entry, path) in table.entries.iter().zip(paths) {
        if let Code::Str(code) = &entry.code {
            lengths.entry(code.len()).or_default().push((code, path));
        }
    }
    let arms = lengths
        .iter()
        .map(|(&len, codes)| arm(Literal::usize_unsuffixed(len), codes));
    // One length: an `if`, or the one code's comparison alone (clippy flags a
    // `match` of one arm, and an `if` holding nothing but an `if`).
    let only = lengths.first_key_value().filter(|_| lengths.len() == 1);
    match only {
        Some((_, codes)) if codes.len() == 1 => same_length(codes),
        Some((&len, codes)) => {
            let (len, body) = (Literal::usize_unsuffixed(len), same_length(codes));
            quote! {
                let bytes = code.as_bytes();
                if bytes.len() == #len {
                    #body
                }
            }
        }
        None => quote! {
            let bytes = code.as_bytes();
            match bytes.len() {
                #( #arms )*
                _ => {}
            }
        },
    }
}

/// A code and the path of its variant.
type Candidate<'a> = (&'a str, &'a TokenStream);

/// Codes of one length: where one byte tells them all apart, that byte picks the one
/// candidate (a conditional move or a table read, not a branch per code), which is
/// then compared whole (a length known to the compiler: a few word comparisons).
/// Otherwise the byte with the most distinct values splits them, and each part is
/// looked up the same way.
fn same_length(codes: &[Candidate]) -> TokenStream {
    let some = quote!(::core::option::Option::Some);
    let [rest @ .., (last, last_path)] = codes else {
        return TokenStream::new();
    };
    if rest.is_empty() {
        return quote! {
            if code == #last {
                return #some(#last_path);
            }
        };
    }
    let (at, distinct) = widest_byte(codes);
    let byte = |code: &str| Literal::byte_character(code.as_bytes()[at]);
    let index = Literal::usize_unsuffixed(at);
    if distinct == codes.len() {
        let candidates = rest.iter().map(|(code, path)| {
            let byte = byte(code);
            quote!(#byte => (#code, #path),)
        });
        return quote! {
            let (text, found) = match bytes[#index] {
                #( #candidates )*
                _ => (#last, #last_path),
            };
            if code == text {
                return #some(found);
            }
        };
    }
    let mut parts: BTreeMap<u8, Vec<Candidate>> = BTreeMap::new();
    for &(code, path) in codes {
        parts.entry(code.as_bytes()[at]).or_default().push((code, path));
    }
    let arms = parts.values().map(|part| arm(byte(part[0].0), part));
    // Every byte value taken leaves no other (UTF-8 text never takes all 256).
    let other = (parts.len() < 256).then(|| quote!(_ => {}));
    quote! {
        match bytes[#index] {
            #( #arms )*
            #other
        }
    }
}

/// The `match` arm for `codes`: a guard for one code (clippy flags an arm holding
/// nothing but an `if`), else `same_length`.
fn arm(pattern: Literal, codes: &[Candidate]) -> TokenStream {
    match codes {
        // A block, as prettyplease prints the arm: the file must come out the same
        // when formatted again (the guard breaks differently before a bare `return`).
        [(code, path)] => quote! {
            #pattern if code == #code => {
                return ::core::option::Option::Some(#path);
            }
        },
        _ => {
            let body = same_length(codes);
            quote!(#pattern => { #body })
        }
    }
}

/// The first of the positions where the codes (all of one length) have the most
/// distinct bytes, and how many.
fn widest_byte(codes: &[Candidate]) -> (usize, usize) {
    let len = codes.first().map_or(0, |(code, _)| code.len());
    let distinct = |at: usize| {
        let mut seen = [false; 256];
        codes
            .iter()
            .filter(|(code, _)| !std::mem::replace(&mut seen[code.as_bytes()[at] as usize], true))
            .count()
    };
    (0..len)
        .map(|at| (at, distinct(at)))
        .fold((0, 0), |best, next| if next.1 > best.1 { next } else { best })
}

/// Free-text tables: a code that differs from a documented one only in white space
/// (leading, trailing, or runs of it) is that code. Returns the fewest bytes such a
/// code can have (the caller checks it before the call) and `documented_loosely`.
fn expand_loose_lookup(table: &Table) -> (usize, TokenStream) {
    let codes = table.entries.iter().filter_map(|e| match &e.code {
        Code::Str(s) => Some(s.as_str()),
        Code::Int(_) => None,
    });
    // A loose match has the same words as a documented code, so at least as many
    // bytes as that code's words: anything shorter than the shortest misses at once.
    let words_len = |s: &str| s.split_whitespace().map(str::len).sum::<usize>();
    let shortest = codes.clone().map(words_len).min().unwrap_or(0);
    // When every documented code is already normalised, an input that is too (ASCII,
    // single spaces, nothing at the ends) and missed the exact match misses here as
    // well: one pass over the input spares the word-by-word comparison.
    let normalised = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ") == s;
    let fast_path = codes.clone().all(normalised).then(|| {
        quote! {
            // `true` at the start: a leading space is not normalised.
            let mut after_space = true;
            let mut normalised = true;
            for &byte in code.as_bytes() {
                if byte == b' ' && !after_space {
                    after_space = true;
                } else if byte.is_ascii_whitespace() || !byte.is_ascii() {
                    // Runs of spaces, other white space, or non-ASCII (which may be
                    // Unicode white space): compare word by word.
                    normalised = false;
                    break;
                } else {
                    after_space = false;
                }
            }
            if normalised && !after_space {
                return ::core::option::Option::None;
            }
        }
    });
    let loose = quote! {
        #[cold]
        fn documented_loosely(code: &str) -> ::core::option::Option<Self> {
            #fast_path
            let position = Self::CODES.iter().position(|known| {
                let mut a = code.split_whitespace();
                let mut b = known.split_whitespace();
                loop {
                    match (a.next(), b.next()) {
                        (::core::option::Option::None, ::core::option::Option::None) => return true,
                        (::core::option::Option::Some(x), ::core::option::Option::Some(y)) if x == y => {}
                        _ => return false,
                    }
                }
            });
            position.and_then(Self::documented_at)
        }
    };
    (shortest, loose)
}

#[cfg(test)]
mod tests {
    use super::widest_byte;
    use proc_macro2::TokenStream;

    fn at(codes: &[&str]) -> (usize, usize) {
        let path = TokenStream::new();
        let group: Vec<_> = codes.iter().map(|&code| (code, &path)).collect();
        widest_byte(&group)
    }

    #[test]
    fn the_first_position_where_the_codes_differ_most() {
        assert_eq!(at(&["forbidden", "not_found"]), (0, 2));
        assert_eq!(at(&["invalid_location", "invalid_language"]), (9, 2));
        assert_eq!(at(&["xa", "xb", "xc", "xd"]), (1, 4));
        // A byte inside a character: é and è differ in their second byte.
        assert_eq!(at(&["café", "cafè"]), (4, 2));
        // Position 1 tells two of three apart, position 2 all three.
        assert_eq!(at(&["abc", "abd", "aee"]), (2, 3));
    }

    #[test]
    fn codes_no_single_byte_tells_apart() {
        assert_eq!(at(&["aab", "aba", "baa"]), (0, 2));
        assert_eq!(at(&["ab", "ba", "aa", "bb"]), (0, 2));
        assert_eq!(at(&["missing_key", "invalid_key", "missing_day"]), (0, 2));
    }
}
