//! Run-time cost of the generated code against what users would write instead, on
//! the real seed tables, side by side in one run. Each measurement walks one stream
//! of 1 000 inputs: documented codes in random order with ~10 % undocumented ones.
//! The CPU's branch predictor learns much of a stream that short, replayed for
//! every sample; `LOOKUP_STREAM=100000` measures streams it cannot learn (the
//! groups' names then end in `[100000 inputs]`).
//!
//! Run: `cargo bench -p provider-errors-tests --bench lookup`

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use std::fmt::Write;
use std::hint::black_box;

// The generated code, included into this crate as a user's crate includes it.
#[allow(dead_code)] // the bench uses only the lookups
mod dataforseo_gen {
    include!("../../codegen/tests/generated/dataforseo.rs");
}
#[allow(dead_code)] // the bench uses only the lookups
mod http_gen {
    include!("../../codegen/tests/generated/http.rs");
}
#[allow(dead_code)] // the bench uses only the lookups
mod serpapi_gen {
    include!("../../codegen/tests/generated/serpapi.rs");
}
#[allow(dead_code)] // the bench uses only the lookups
mod serplify_gen {
    include!("../../codegen/tests/generated/serplify.rs");
}
#[allow(dead_code)] // the bench uses only the lookups
mod seven_bridges_gen {
    include!("../../codegen/tests/generated/seven_bridges.rs");
}
/// Every integer table as `TableShape::Constants` (with classification and serde).
#[allow(dead_code)] // the bench uses only the lookups
mod constants_gen {
    include!("../../codegen/tests/generated/constants.rs");
}

#[allow(dead_code, clippy::all)]
mod alt {
    include!(concat!(env!("OUT_DIR"), "/alternatives.rs"));
}

/// Inputs per stream: `LOOKUP_STREAM`, else 1 000. A value that is not a positive
/// number stops the bench with a message rather than measuring something else.
fn stream_len() -> usize {
    match std::env::var("LOOKUP_STREAM") {
        Err(_) => 1_000,
        Ok(n) => match n.trim().parse() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("LOOKUP_STREAM={n:?}: expected a positive number of inputs, e.g. 100000");
                std::process::exit(2)
            }
        },
    }
}

/// A small deterministic generator, so every run measures the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// `stream_len()` items: documented ones, and an undocumented one one time in ten.
fn stream<T: Clone>(documented: &[T], undocumented: impl Fn(u64) -> T) -> Vec<T> {
    let mut rng = Lcg(0x5eed);
    (0..stream_len())
        .map(|_| {
            let r = rng.next();
            if r.is_multiple_of(10) {
                undocumented(r)
            } else {
                documented[(r as usize / 10) % documented.len()].clone()
            }
        })
        .collect()
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let n = stream_len();
    let mut group = match n {
        1_000 => c.benchmark_group(name),
        n => c.benchmark_group(format!("{name} [{n} inputs]")),
    };
    group.throughput(Throughput::Elements(n as u64));
    group
}

macro_rules! int_lookups {
    ($c:expr, $name:literal, $generated:ty, $constants:ty, $alt:ident, $int:ty, $key:ty) => {{
        let codes = stream(&alt::$alt::CODES, |r| 60_000 + (r % 1_000) as $int);
        let mut g = group($c, $name);
        g.bench_function("provider-errors from_code", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| <$generated>::from_code(black_box(**c)).is_documented())
                    .count()
            })
        });
        g.bench_function("provider-errors from_code (TableShape::Constants)", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| <$constants>::from_code(black_box(**c)).is_documented())
                    .count()
            })
        });
        g.bench_function("hand-written match", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::hand_match(black_box(**c)).is_some())
                    .count()
            })
        });
        g.bench_function("num_enum TryFromPrimitive", |b| {
            use num_enum::TryFromPrimitive;
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::Derived::try_from_primitive(black_box(**c)).is_ok())
                    .count()
            })
        });
        g.bench_function("strum FromRepr", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::Derived::from_repr(black_box(**c)).is_some())
                    .count()
            })
        });
        g.bench_function("phf Map", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::PHF.get(&<$key>::from(black_box(**c))).is_some())
                    .count()
            })
        });
        g.bench_function("binary search", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::binary_search(black_box(**c)).is_some())
                    .count()
            })
        });
        g.finish();
    }};
}

fn integer_codes(c: &mut Criterion) {
    int_lookups!(
        c,
        "int/dataforseo status (51 codes)",
        dataforseo_gen::dataforseo::Status,
        constants_gen::dataforseo::Status,
        dataforseo_status,
        u32,
        u64
    );
    int_lookups!(
        c,
        "int/seven_bridges code (130 codes)",
        seven_bridges_gen::seven_bridges::Code,
        constants_gen::seven_bridges::Code,
        seven_bridges_code,
        u32,
        u64
    );
    int_lookups!(
        c,
        "int/http status (63 codes)",
        http_gen::http::Status,
        constants_gen::http::Status,
        http_status,
        u16,
        u64
    );
    // Not a seed table: 700 codes scattered over all of `i64`, which take the
    // perfect hash's second level (`tests/src/large_spec.rs`).
    int_lookups!(
        c,
        "int/large mid (700 scattered codes)",
        provider_errors_tests::large_gen::large::Mid,
        provider_errors_tests::large_constants_gen::large::Mid,
        large_mid,
        i64,
        i64
    );
    // Not a seed table: 1 500 codes in steps of 7 919 modulo 100 000 (`large_spec`),
    // above the size where string tables switch to binary search.
    int_lookups!(
        c,
        "int/large status (1 500 codes)",
        provider_errors_tests::large_gen::large::Status,
        provider_errors_tests::large_constants_gen::large::Status,
        large_status,
        i64,
        i64
    );
    // The same table looked up by binary search, as tables above 1 024 codes were
    // before the hash served them (and any table would be if its search gave up).
    let codes = stream(&alt::large_status::CODES, |r| 60_000 + (r % 1_000) as i64);
    let mut g = group(c, "int/large status (1 500 codes)");
    g.bench_function("provider-errors from_code (binary_search_lookups)", |b| {
        b.iter(|| {
            codes
                .iter()
                .filter(|c| {
                    provider_errors_tests::large_sorted_gen::large::Status::from_code(black_box(**c))
                        .is_documented()
                })
                .count()
        })
    });
    g.finish();
    // The HTTP table against the `http` crate, which knows every registered status.
    let statuses = stream(&alt::http_status::CODES, |r| 600 + (r % 300) as u16);
    let mut g = group(c, "int/http status (63 codes)");
    g.bench_function("http::StatusCode::from_u16", |b| {
        b.iter(|| {
            statuses
                .iter()
                .filter(|s| http::StatusCode::from_u16(black_box(**s)).is_ok())
                .count()
        })
    });
    g.finish();
}

/// Distinct undocumented texts the string streams draw from.
const UNDOCUMENTED: usize = 1_000;

/// The undocumented texts: the streams hold `&str`s into these and into the
/// documented codes, so that a long stream is not also a walk over as many
/// allocations, whose cache misses would measure the memory rather than the lookup.
fn undocumented_texts() -> Vec<String> {
    (0..UNDOCUMENTED).map(|r| format!("undocumented_{r}")).collect()
}

macro_rules! str_lookups {
    // `also`: another build of the table, measured beside the others.
    ($c:expr, $name:literal, $generated:ty, $alt:ident, strum: $strum:expr
        $(, also: $label:literal => $other:ty)?) => {{
        let undocumented = undocumented_texts();
        let codes = stream(&alt::$alt::CODES, |r| {
            undocumented[r as usize % UNDOCUMENTED].as_str()
        });
        let mut g = group($c, $name);
        g.bench_function("provider-errors from_code", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| <$generated>::from_code(black_box(**c)).is_documented())
                    .count()
            })
        });
        g.bench_function("provider-errors TryFrom<&str>", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| <$generated>::try_from(black_box(**c)).is_ok())
                    .count()
            })
        });
        g.bench_function("hand-written match", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::hand_match(black_box(**c)).is_some())
                    .count()
            })
        });
        g.bench_function("phf Map", |b| {
            b.iter(|| {
                codes
                    .iter()
                    .filter(|c| alt::$alt::PHF.get(black_box(**c)).is_some())
                    .count()
            })
        });
        if $strum {
            g.bench_function("strum EnumString", |b| {
                b.iter(|| {
                    codes
                        .iter()
                        .filter(|c| black_box(**c).parse::<alt::$alt::Derived>().is_ok())
                        .count()
                })
            });
        }
        $(
            g.bench_function($label, |b| {
                b.iter(|| {
                    codes
                        .iter()
                        .filter(|c| <$other>::try_from(black_box(**c)).is_ok())
                        .count()
                })
            });
        )?
        g.finish();
    }};
}

fn string_codes(c: &mut Criterion) {
    str_lookups!(c, "str/serplify error_code (13 codes)", serplify_gen::serplify::ErrorCode, serplify_error_code, strum: true);
    // Free text: strum cannot express white-space-insensitive matching, so it is left out.
    str_lookups!(c, "str/serpapi error_message (5 messages)", serpapi_gen::serpapi::ErrorMessage, serpapi_error_message, strum: false);
    // Not seed tables (`tests/src/large_spec.rs`): 100 codes of two words each, above
    // the size where string tables take the hash of a few bytes (64 codes); also by
    // length and bytes, as smaller tables are and as this one is in the
    // `binary_search_lookups` build...
    str_lookups!(c, "str/large word (100 codes)", provider_errors_tests::large_gen::large::Word, large_word, strum: true,
        also: "provider-errors TryFrom<&str> (by length and bytes)" => provider_errors_tests::large_sorted_gen::large::Word);
    // ... 600 codes `<word>_v<n>`, the same two ways...
    str_lookups!(c, "str/large phrase (600 codes)", provider_errors_tests::large_gen::large::Phrase, large_phrase, strum: true,
        also: "provider-errors TryFrom<&str> (by length and bytes)" => provider_errors_tests::large_sorted_gen::large::Phrase);
    // ... 130 codes that no few bytes tell apart: by the hash of every byte...
    str_lookups!(c, "str/large deep (130 codes)", provider_errors_tests::large_gen::large::Deep, large_deep, strum: true,
        also: "provider-errors TryFrom<&str> (by length and bytes)" => provider_errors_tests::large_sorted_gen::large::Deep);
    // ... and 1 100 codes `reason_<n>`, by the hash of a few bytes, and by the binary
    // search the hash replaced (`binary_search_lookups`).
    str_lookups!(c, "str/large reason (1 100 codes)", provider_errors_tests::large_gen::large::Reason, large_reason, strum: true,
        also: "provider-errors TryFrom<&str> (binary_search_lookups)" => provider_errors_tests::large_sorted_gen::large::Reason);
}

fn messages(c: &mut Criterion) {
    use dataforseo_gen::dataforseo::Status;
    use strum::VariantArray;
    let ours: Vec<Status> = stream(Status::ALL, |_| Status::Unknown(40299));
    // The enum a strum user has: code discriminants, so FromRepr works on it too.
    let theirs: Vec<alt::dataforseo_status::Derived> =
        stream(alt::dataforseo_status::Derived::VARIANTS, |_| {
            alt::dataforseo_status::Derived::V0
        });
    // A separate dense enum: what strum's display costs when it need not also look up codes.
    let dense: Vec<alt::dataforseo_status::Shown> = stream(alt::dataforseo_status::Shown::VARIANTS, |_| {
        alt::dataforseo_status::Shown::V0
    });
    // What a strum user holds to keep an undocumented code, as `Unknown(code)` does.
    let shown: Vec<_> = alt::dataforseo_status::Shown::VARIANTS
        .iter()
        .copied()
        .map(Ok)
        .collect();
    let kept: Vec<Result<alt::dataforseo_status::Shown, u32>> = stream(&shown, |_| Err(40299));
    let mut g = group(c, "message/dataforseo status");
    g.bench_function("provider-errors message()", |b| {
        b.iter(|| {
            ours.iter()
                .map(|s| black_box(s).message().map_or(0, str::len))
                .sum::<usize>()
        })
    });
    let constants: Vec<constants_gen::dataforseo::Status> =
        stream(constants_gen::dataforseo::Status::ALL, |_| {
            constants_gen::dataforseo::Status::from_code(40299)
        });
    g.bench_function("provider-errors message() (TableShape::Constants)", |b| {
        b.iter(|| {
            constants
                .iter()
                .map(|s| black_box(s).message().map_or(0, str::len))
                .sum::<usize>()
        })
    });
    g.bench_function("strum IntoStaticStr", |b| {
        b.iter(|| {
            theirs
                .iter()
                .map(|s| <&'static str>::from(*black_box(s)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("strum IntoStaticStr (separate dense enum)", |b| {
        b.iter(|| {
            dense
                .iter()
                .map(|s| <&'static str>::from(*black_box(s)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("strum IntoStaticStr (Result<dense enum, code>)", |b| {
        b.iter(|| {
            kept.iter()
                .map(|s| black_box(s).map_or(0, |s| <&'static str>::from(s).len()))
                .sum::<usize>()
        })
    });
    let mut buf = String::with_capacity(256);
    g.bench_function("provider-errors Display (message, provider, code)", |b| {
        b.iter(|| {
            ours.iter().fold(0, |n, s| {
                buf.clear();
                write!(buf, "{}", black_box(s)).unwrap();
                n + buf.len()
            })
        })
    });
    g.bench_function("strum Display (message only)", |b| {
        b.iter(|| {
            theirs.iter().fold(0, |n, s| {
                buf.clear();
                write!(buf, "{}", black_box(s)).unwrap();
                n + buf.len()
            })
        })
    });
    g.finish();
}

criterion_group!(benches, integer_codes, string_codes, messages);
criterion_main!(benches);
