//! Generator throughput on synthetic schemas of growing size: load and validate, then
//! generate and format. Cost per code should stay flat as tables grow (linear cost).
//!
//! Run: `cargo bench -p provider-errors-tests --bench generate`
//! (`-- --quick` for a fast look; the 100 000-code case takes about a minute).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use provider_errors_codegen::{Config, Limits};

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("generator");
    group.sample_size(10);
    // 100 000 codes with descriptions are 21 MB, above the default 8 MiB.
    let limits = Limits {
        max_file_bytes: 64 << 20,
        ..Limits::default()
    };
    for n in [100, 1_000, 10_000, 100_000] {
        let path = synthetic(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load and validate", n), &path, |b, path| {
            b.iter(|| provider_errors_codegen::load_with(&[path], &limits).expect("valid"))
        });
        let mut config = Config::new();
        config.schema(&path).max_file_bytes(limits.max_file_bytes);
        group.bench_with_input(
            BenchmarkId::new("load, validate, generate, format", n),
            &config,
            |b, config| b.iter(|| config.generate().expect("generates")),
        );
        // `scripts/bench-all.sh` counts the instructions on these same files.
        if let Some(dir) = std::env::var_os("PROVIDER_ERRORS_KEEP_SCHEMAS") {
            let kept = std::path::Path::new(&dir).join(format!("synth_{n}.yaml"));
            std::fs::copy(&path, kept).expect("keep the synthetic schema");
        }
        std::fs::remove_file(path).ok();
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
