//! Release compile time of the generated code, as an enum (the default) and as
//! `TableShape::Constants`, against the same enum written by hand with `num_enum` +
//! `strum` derives (what a user would do instead), for growing tables. Each crate is built once to compile its dependencies, then its own source
//! is touched and rebuilt `RUNS` times; the median of those rebuilds is reported.
//!
//! Run: `cargo bench -p provider-errors-tests --bench compile_time [-- 100 1000 5000 20000] [--ours-only]`

#[path = "common/synthetic.rs"]
mod synthetic;

use provider_errors_codegen::TableShape;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--ours-only`: skip the num_enum + strum crates (minutes at 10 000 codes).
    let ours_only = args.iter().any(|a| a == "--ours-only");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1_000, 5_000, 20_000]
    } else {
        sizes
    };
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let root = workspace.join("target/compile-time-bench");
    println!(
        "codes | enum (s) | constants (s) | num_enum + strum (s) | enum / derives | constants / derives"
    );
    for n in sizes {
        let ours = measure(
            &crate_dir(&root, "ours", n),
            &ours_source(n, TableShape::Enum),
            "",
            &workspace,
        );
        let constants = measure(
            &crate_dir(&root, "constants", n),
            &ours_source(n, TableShape::Constants),
            "",
            &workspace,
        );
        let theirs = if ours_only {
            Err("not measured".to_owned())
        } else {
            measure(
                &crate_dir(&root, "derives", n),
                &derives_source(n),
                DERIVE_DEPS,
                &workspace,
            )
        };
        let ratio = |ours: &Result<Duration, String>| match (ours, &theirs) {
            (Ok(a), Ok(b)) => format!("{:.2}", a.as_secs_f64() / b.as_secs_f64()),
            _ => "-".to_owned(),
        };
        println!(
            "{n} | {} | {} | {} | {} | {}",
            show(&ours),
            show(&constants),
            show(&theirs),
            ratio(&ours),
            ratio(&constants)
        );
    }
}

fn show(time: &Result<Duration, String>) -> String {
    time.as_ref()
        .map_or_else(Clone::clone, |d| format!("{:.2}", d.as_secs_f64()))
}

const DERIVE_DEPS: &str = "num_enum = \"0.7\"\nstrum = { version = \"0.28\", features = [\"derive\"] }\n";

fn crate_dir(root: &Path, kind: &str, n: usize) -> PathBuf {
    root.join(format!("{kind}-{n}"))
}

/// Writes the crate, builds it once, then times `RUNS` rebuilds of its own code; or
/// says how the build failed (rustc killed for lack of memory, say).
fn measure(dir: &Path, source: &str, deps: &str, workspace: &Path) -> Result<Duration, String> {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n{deps}"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let lib = dir.join("src/lib.rs");
    std::fs::write(&lib, source).unwrap();
    build(dir)?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        std::fs::write(&lib, source).unwrap(); // a new mtime: cargo rebuilds the crate
        let start = Instant::now();
        build(dir)?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

fn build(dir: &Path) -> Result<(), String> {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--offline"])
        .current_dir(dir)
        .output()
        .expect("cargo runs");
    if output.status.success() {
        return Ok(());
    }
    let killed = String::from_utf8_lossy(&output.stderr).contains("SIGKILL");
    Err(if killed {
        "rustc killed (out of memory)".to_owned()
    } else {
        "failed to build".to_owned()
    })
}

/// The generated code for `n` codes, as a user's crate would include it.
fn ours_source(n: usize, shape: TableShape) -> String {
    let schema = synthetic::synthetic(n);
    let mut config = provider_errors_codegen::Config::new();
    config.schema(&schema).table_shape("synthetic", "status", shape);
    let code = config.generate().unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(schema).ok();
    code
}

/// The same table as one enum with num_enum (code -> variant) and strum (variant ->
/// message, message -> variant, and back from the code) derives.
fn derives_source(n: usize) -> String {
    let mut s = String::from(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, num_enum::TryFromPrimitive, num_enum::IntoPrimitive,\n\
         strum::FromRepr, strum::IntoStaticStr, strum::Display, strum::EnumString, strum::VariantArray)]\n\
         #[repr(u32)]\npub enum Status {\n",
    );
    for (i, code) in synthetic::codes(n).enumerate() {
        let message = synthetic::message(i, code);
        s.push_str(&format!(
            "    #[strum(to_string = \"{message}\")]\n    V{i} = {code},\n"
        ));
    }
    s.push_str("}\n");
    s
}
