//! Writes `$OUT_DIR/alternatives.rs`: for every table of the bundled schemas, the
//! code → variant lookups a user would write instead of provider-errors (a hand-written
//! `match`, num_enum and strum derives, a phf map, binary search over a sorted array).
//! `benches/lookup.rs` measures them beside the generated code.

#[path = "src/large_spec.rs"]
mod large_spec;
#[path = "src/unpruned.rs"]
mod unpruned;

use provider_errors_codegen::model::{Code, CodeType, Table};
use quote::{format_ident, quote};
use std::path::PathBuf;

fn main() {
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", schema.display());
    let catalog = provider_errors_codegen::load(&[&schema]).unwrap_or_else(|e| panic!("{e}"));
    let modules = catalog
        .providers
        .iter()
        .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
        .map(|(p, t)| {
            let module = format_ident!("{}_{}", p.id, t.id);
            let body = match t.code_type {
                CodeType::Int(ty) => int_table(t, ty.name()),
                CodeType::Str => str_table(t),
            };
            quote! { pub mod #module { #body } }
        });
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    // `large.status` (1 500 codes), `large.mid` (700 scattered ones) and
    // `large.reason` (1 100 strings): tables that take the hash's second level
    // (lookup bench).
    let large = large_tables(&out_dir);
    let large = provider_errors_codegen::load(&[&large]).unwrap_or_else(|e| panic!("{e}"));
    let large = large.providers.iter().flat_map(|p| &p.tables).map(|t| {
        let module = format_ident!("large_{}", t.id);
        let body = match t.code_type {
            CodeType::Int(_) => int_table(t, "i64"),
            CodeType::Str => str_table(t),
        };
        quote! { pub mod #module { #body } }
    });
    let code = quote! { #(#modules)* #(#large)* }.to_string();
    std::fs::write(out_dir.join("alternatives.rs"), code).expect("write alternatives.rs");
    let snapshot = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/generated/classify.rs");
    unpruned::write_unpruned_classify(&snapshot, &out_dir);
}

/// `$OUT_DIR/large.rs`: the generated code of `src/large_spec.rs`'s tables, which
/// `src/lib.rs` compiles under `deny(warnings)`; `large_constants.rs` the same with
/// the integer tables as `TableShape::Constants`; `large_sorted.rs` with the integer
/// tables looked up by binary search, the path a table takes when the hash search
/// gives up. Returns the schema's path.
fn large_tables(out_dir: &std::path::Path) -> PathBuf {
    println!("cargo:rerun-if-changed=src/large_spec.rs");
    let schema = out_dir.join("large.yaml");
    std::fs::write(&schema, large_spec::schema_yaml()).expect("write large.yaml");
    let mut config = provider_errors_codegen::Config::new();
    config.schema(&schema).no_std(true);
    let code = config.generate().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out_dir.join("large.rs"), code).expect("write large.rs");
    let mut sorted = config.clone();
    let code = sorted
        .binary_search_lookups(true)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out_dir.join("large_sorted.rs"), code).expect("write large_sorted.rs");
    config.table_shape("large", "status", provider_errors_codegen::TableShape::Constants);
    config.table_shape("large", "mid", provider_errors_codegen::TableShape::Constants);
    let code = config.generate().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out_dir.join("large_constants.rs"), code).expect("write large_constants.rs");
    schema
}

/// `V0`, `V1`, ...: variant names do not matter to a lookup.
fn variants(t: &Table) -> Vec<proc_macro2::Ident> {
    (0..t.entries.len()).map(|i| format_ident!("V{i}")).collect()
}

fn int_table(t: &Table, ty: &str) -> proc_macro2::TokenStream {
    let ty = format_ident!("{ty}");
    let variants = variants(t);
    let codes: Vec<i128> = t
        .entries
        .iter()
        .map(|e| if let Code::Int(n) = e.code { n } else { 0 })
        .collect();
    let lits: Vec<_> = codes
        .iter()
        .map(|c| proc_macro2::Literal::i128_unsuffixed(*c))
        .collect();
    let indices = 0..variants.len();
    let mut sorted: Vec<(i128, usize)> = codes.iter().copied().zip(0..).collect();
    sorted.sort();
    let sorted_codes = sorted
        .iter()
        .map(|(c, _)| proc_macro2::Literal::i128_unsuffixed(*c));
    let sorted_index = sorted.iter().map(|(_, i)| *i);
    // phf keys: `u64` for unsigned codes, `i64` for signed ones.
    let signed = ty.to_string().starts_with('i');
    let key = if signed {
        format_ident!("i64")
    } else {
        format_ident!("u64")
    };
    // One map builder per key type (`phf_codegen::Map<K>`'s bounds name phf_shared's
    // traits, which this crate does not depend on).
    macro_rules! phf_map {
        ($key:ty) => {{
            let mut map = phf_codegen::Map::new();
            for (i, c) in codes.iter().enumerate() {
                map.entry(
                    <$key>::try_from(*c).expect("a code of the key's type"),
                    i.to_string(),
                );
            }
            map.build().to_string()
        }};
    }
    let map = if signed { phf_map!(i64) } else { phf_map!(u64) };
    let map: proc_macro2::TokenStream = map.parse().expect("phf map");
    let n = codes.len();
    let shown = shown(t);
    let messages = t.entries.iter().map(|e| e.message.as_str());
    quote! {
        /// num_enum and strum on one `#[repr]` enum whose discriminants are the codes,
        /// as a user would write it to get both code -> variant and variant -> message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, num_enum::TryFromPrimitive, strum::FromRepr,
                 strum::IntoStaticStr, strum::Display, strum::VariantArray)]
        #[repr(#ty)]
        pub enum Derived { #( #[strum(to_string = #messages)] #variants = #lits, )* }

        #shown

        /// What a user would write by hand.
        pub fn hand_match(code: #ty) -> Option<usize> {
            match code { #( #lits => Some(#indices), )* _ => None }
        }

        static SORTED: [#ty; #n] = [#(#sorted_codes),*];
        static SORTED_INDEX: [usize; #n] = [#(#sorted_index),*];

        /// Binary search over the sorted codes.
        pub fn binary_search(code: #ty) -> Option<usize> {
            SORTED.binary_search(&code).ok().map(|i| SORTED_INDEX[i])
        }

        /// A perfect-hash map from code to position.
        pub static PHF: phf::Map<#key, usize> = #map;

        /// Every documented code, in schema order.
        pub static CODES: [#ty; #n] = [#(#lits),*];
    }
}

fn str_table(t: &Table) -> proc_macro2::TokenStream {
    let variants = variants(t);
    let codes: Vec<&str> = t
        .entries
        .iter()
        // A string table's codes are all strings.
        .map(|e| e.code.as_str().unwrap_or_default())
        .collect();
    let indices = 0..variants.len();
    let mut map = phf_codegen::Map::new();
    for (i, c) in codes.iter().enumerate() {
        map.entry(*c, i.to_string());
    }
    let map: proc_macro2::TokenStream = map.build().to_string().parse().expect("phf map");
    let n = codes.len();
    let shown = shown(t);
    quote! {
        /// strum's parsing, each variant spelled as its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
        pub enum Derived { #( #[strum(serialize = #codes)] #variants, )* }

        #shown

        /// What a user would write by hand.
        pub fn hand_match(code: &str) -> Option<usize> {
            match code { #( #codes => Some(#indices), )* _ => None }
        }

        /// A perfect-hash map from code to position.
        pub static PHF: phf::Map<&'static str, usize> = #map;

        /// Every documented code, in schema order.
        pub static CODES: [&str; #n] = [#(#codes),*];
    }
}

/// strum's `Display` and `IntoStaticStr` on a separate enum with default (dense)
/// discriminants: faster to show, but it cannot be looked up by code.
fn shown(t: &Table) -> proc_macro2::TokenStream {
    let variants = variants(t);
    let messages = t.entries.iter().map(|e| e.message.as_str());
    quote! {
        /// strum's display of the provider message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::Display, strum::VariantArray)]
        pub enum Shown { #( #[strum(to_string = #messages)] #variants, )* }
    }
}
