//! Response classification's run-time cost, on the committed `classify` snapshot.
//!
//! - Message matching for free text (SerpApi's `error`, `match: normalize_whitespace`):
//!   the generated matcher (an exact `match`, then a white-space-insensitive comparison
//!   that allocates nothing) against what one would write instead: normalize the
//!   text, then compare it with each normalized message, or look it up in a `HashMap`
//!   of normalized messages. Three streams: documented texts as sent, the same texts
//!   with white space changed, and undocumented texts.
//! - Whole responses: `classify` on page fixtures, body bytes to typed outcome, against
//!   a hand-written walk of a `serde_json::Value` that extracts the same facts.
//!
//! Run: `cargo bench -p provider-errors-codegen --bench classify`.

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use std::collections::HashMap;
use std::hint::black_box;

#[allow(dead_code, clippy::all)]
mod generated {
    include!("../tests/generated/classify.rs");
}

#[path = "common/walk.rs"]
mod walk;
use walk::fixture;

use generated::serpapi::ErrorMessage;

/// Trims and collapses runs of white space, as `match: normalize_whitespace` compares.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn documented() -> Vec<String> {
    ErrorMessage::ALL.iter().map(|m| m.code().to_owned()).collect()
}

fn loosened() -> Vec<String> {
    documented()
        .iter()
        .map(|m| format!("  {}\n", m.replace(' ', "  ")))
        .collect()
}

fn undocumented() -> Vec<String> {
    [
        "Google hasn't returned any results for this query in this location.",
        "Invalid API key.",
        "Your account has been suspended. Please contact support@serpapi.com.",
        "Missing query `q` parameter for the Bing Search API.",
        "Unsupported `hl` parameter: xx.",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn group<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(n as u64));
    group
}

fn message_matching(c: &mut Criterion) {
    let normalized: Vec<String> = documented().iter().map(|m| normalize(m)).collect();
    let map: HashMap<String, usize> = normalized.iter().cloned().zip(0..).collect();
    for (name, inputs) in [
        ("exact", documented()),
        ("white space changed", loosened()),
        ("undocumented", undocumented()),
    ] {
        // Every implementation must agree before it is timed.
        for input in &inputs {
            let generated = ErrorMessage::try_from(input.as_str())
                .ok()
                .and_then(|m| ErrorMessage::ALL.iter().position(|a| *a == m));
            assert_eq!(generated, map.get(&normalize(input)).copied(), "{input:?}");
        }
        let mut g = group(c, &format!("message match, {name}"), inputs.len());
        g.bench_function("generated TryFrom<&str>", |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(ErrorMessage::try_from(black_box(input.as_str())).ok());
                }
            })
        });
        g.bench_function("generated from_code (owns unknown text)", |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(ErrorMessage::from_code(black_box(input)));
                }
            })
        });
        g.bench_function("normalize, then compare each", |b| {
            b.iter(|| {
                for input in &inputs {
                    let text = normalize(black_box(input));
                    black_box(normalized.iter().position(|m| *m == text));
                }
            })
        });
        g.bench_function("normalize, then HashMap", |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(map.get(&normalize(black_box(input))));
                }
            })
        });
        g.finish();
    }
}

fn whole_responses(c: &mut Criterion) {
    let mut g = c.benchmark_group("classify");
    let serpapi = fixture("serpapi_429_out_of_searches.json");
    assert!(walk::serpapi(&serpapi).is_some_and(|m| m.is_documented()));
    g.bench_function("SerpApi 429, out of searches (55 B)", |b| {
        b.iter(|| generated::serpapi::classify(429, black_box(&serpapi)))
    });
    g.bench_function("SerpApi 429: serde_json::Value walk", |b| {
        b.iter(|| walk::serpapi(black_box(&serpapi)))
    });
    assert!(walk::serpapi_with_message(&serpapi).is_some());
    g.bench_function("SerpApi 429: serde_json::Value walk keeping the message", |b| {
        b.iter(|| walk::serpapi_with_message(black_box(&serpapi)))
    });
    let serplify = fixture("serplify_400_validation_error.json");
    assert!(
        walk::serplify(&serplify)
            .is_some_and(|(code, _, _, details)| code.is_documented() && details.len() == 2)
    );
    g.bench_function("Serplify 400, validation error with details (291 B)", |b| {
        b.iter(|| generated::serplify::classify(400, black_box(&serplify)))
    });
    g.bench_function("Serplify 400: serde_json::Value walk", |b| {
        b.iter(|| walk::serplify(black_box(&serplify)))
    });
    let dataforseo = fixture("dataforseo_200_errors_endpoint.json");
    assert!(
        walk::dataforseo(&dataforseo).is_some_and(|tasks| tasks.len() == 1 && tasks[0].0.is_documented())
    );
    g.bench_function("DataForSEO 200, errors endpoint (6.9 KB)", |b| {
        b.iter(|| generated::dataforseo::classify(200, black_box(&dataforseo)))
    });
    g.bench_function("DataForSEO 200: serde_json::Value walk", |b| {
        b.iter(|| walk::dataforseo(black_box(&dataforseo)))
    });
    let html = walk::HTML_PAGE;
    assert!(walk::serplify(html).is_none());
    g.bench_function("Serplify 502, proxy HTML page", |b| {
        b.iter(|| generated::serplify::classify(502, black_box(html)))
    });
    g.bench_function("Serplify 502: serde_json::Value walk", |b| {
        b.iter(|| walk::serplify(black_box(html)))
    });
    assert!(walk::serplify_or_excerpt(html).is_err_and(|excerpt| excerpt.len() == html.len()));
    g.bench_function("Serplify 502: serde_json::Value walk keeping an excerpt", |b| {
        b.iter(|| walk::serplify_or_excerpt(black_box(html)))
    });
    g.finish();
}

criterion_group!(benches, message_matching, whole_responses);
criterion_main!(benches);
