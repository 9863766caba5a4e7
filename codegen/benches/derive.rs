//! Cost of `#[derive(ProviderErrors)]` expansions with all five seed providers: the
//! first derive of a crate (loads and validates the schemas), each later one (reuses
//! them while the files are unchanged), and 20 derives in one crate, which rustc
//! expands in one process. `load` alone is measured beside them to show where the
//! time goes. Run: `cargo bench -p provider-errors-codegen --bench derive`.

use criterion::{Criterion, criterion_group, criterion_main};
use quote::quote;
use std::hint::black_box;
use std::path::Path;

fn input() -> proc_macro2::TokenStream {
    quote! {
        #[provider_errors(schema = "../schema", layout = "flat")]
        enum ApiError {
            #[provider_errors(
                dataforseo::status(40202, 40209),
                serplify("rate_limited"),
                seven_bridges(1000),
                serpapi::http(429),
                http(429)
            )]
            RateLimited,
            #[provider_errors(kind(resource_exhausted))]
            OutOfCredit(AnyCode),
            #[provider_errors(kind(unauthenticated, permission_denied))]
            Unauthorized,
            #[provider_errors(fallback)]
            Other(AnyCode),
        }
    }
}

fn bench(c: &mut Criterion) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let input = input();
    // The derive resolves `schema` against the including crate's manifest directory.
    assert!(
        !provider_errors_codegen::derive_provider_errors(input.clone(), None)
            .to_string()
            .contains("compile_error")
    );
    let expand = || provider_errors_codegen::derive_provider_errors(black_box(input.clone()), None);
    c.bench_function("first derive of a crate, 5 providers (279 codes)", |b| {
        b.iter(|| {
            provider_errors_codegen::clear_derive_cache();
            expand()
        })
    });
    c.bench_function("each later derive (schemas unchanged)", |b| b.iter(expand));
    c.bench_function("20 derives in one crate", |b| {
        b.iter(|| {
            provider_errors_codegen::clear_derive_cache();
            (0..20)
                .map(|_| expand().is_empty())
                .filter(|empty| !empty)
                .count()
        })
    });
    c.bench_function("load and validate the 5 schemas", |b| {
        b.iter(|| provider_errors_codegen::load(&[black_box(&schema)]).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
