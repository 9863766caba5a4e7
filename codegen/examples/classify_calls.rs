//! Calls `classify`, or the hand-written walk it is compared with, on one benchmark
//! response a given number of times: for counting instructions per call under
//! valgrind, which, unlike time, does not move with the machine's load.
//!
//! `cargo run --release -p provider-errors-codegen --example classify_calls -- <case> <calls>`;
//! `scripts/bench-all.sh` runs every case at 0 and 10 000 calls under
//! `valgrind --tool=cachegrind` and prints the difference per call.

use std::hint::black_box;

#[allow(dead_code, clippy::all)]
mod generated {
    include!("../tests/generated/classify.rs");
}

#[path = "../benches/common/walk.rs"]
mod walk;

/// What one call of a case does.
type Call = fn(&Bodies);

/// Each case: its name, and what one call does.
const CASES: &[(&str, Call)] = &[
    ("serpapi", |b| {
        drop(black_box(generated::serpapi::classify(
            429,
            black_box(&b.serpapi),
        )))
    }),
    ("serpapi-walk", |b| {
        drop(black_box(walk::serpapi(black_box(&b.serpapi))))
    }),
    ("serpapi-walk-message", |b| {
        drop(black_box(walk::serpapi_with_message(black_box(&b.serpapi))))
    }),
    ("serplify", |b| {
        drop(black_box(generated::serplify::classify(
            400,
            black_box(&b.serplify),
        )))
    }),
    ("serplify-walk", |b| {
        drop(black_box(walk::serplify(black_box(&b.serplify))))
    }),
    ("dataforseo", |b| {
        drop(black_box(generated::dataforseo::classify(
            200,
            black_box(&b.dataforseo),
        )))
    }),
    ("dataforseo-walk", |b| {
        drop(black_box(walk::dataforseo(black_box(&b.dataforseo))))
    }),
    ("html", |_| {
        drop(black_box(generated::serplify::classify(
            502,
            black_box(walk::HTML_PAGE),
        )))
    }),
    ("html-walk", |_| {
        drop(black_box(walk::serplify(black_box(walk::HTML_PAGE))))
    }),
    ("html-walk-excerpt", |_| {
        drop(black_box(walk::serplify_or_excerpt(black_box(walk::HTML_PAGE))))
    }),
];

struct Bodies {
    serpapi: Vec<u8>,
    serplify: Vec<u8>,
    dataforseo: Vec<u8>,
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (case, calls) = (args.next(), args.next().map(|n| n.parse::<u64>()));
    let names = || CASES.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    let (Some(case), Some(Ok(calls))) = (case, calls) else {
        return Err(format!(
            "usage: classify_calls <case> <calls>; cases: {}",
            names()
        ));
    };
    let Some((_, call)) = CASES.iter().find(|(name, _)| *name == case) else {
        return Err(format!("no case `{case}`; cases: {}", names()));
    };
    let bodies = Bodies {
        serpapi: walk::fixture("serpapi_429_out_of_searches.json"),
        serplify: walk::fixture("serplify_400_validation_error.json"),
        dataforseo: walk::fixture("dataforseo_200_errors_endpoint.json"),
    };
    for _ in 0..calls {
        call(&bodies);
    }
    Ok(())
}
