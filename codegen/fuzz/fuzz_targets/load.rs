//! The loader on arbitrary bytes: a schema file's content as the build would read it.
//!
//! Properties: loading never panics; an error names the file and has a message; no
//! alias or tag gets past the guard to the YAML parser (it would report an unknown
//! anchor, its repetition limit, or a tagged value as an "enum"); a schema that
//! loads also generates, and the generated code parses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_errors_codegen::{Config, Limits, load_sources};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let name = Path::new("fuzz.yaml");
    match load_sources(&[(name, data)], &Limits::default()) {
        Err(err) => {
            assert!(!err.diagnostics().is_empty());
            for d in err.diagnostics() {
                assert_eq!(&*d.origin.file, name, "{d}");
                assert!(!d.message.is_empty(), "{d}");
                // The parser's own words, not text of the input that quotes them
                // (the fuzzer soon writes a key named `repetition limit`).
                let slipped = d.message.starts_with("invalid YAML: unknown anchor")
                    || d.message.starts_with("invalid YAML: repetition limit")
                    || d.message.ends_with(", found enum");
                assert!(!slipped, "past the guard: {d}");
            }
        }
        Ok(_) => generate(data),
    }
});

/// Generates from the same bytes through the build.rs API (which reads files), so
/// the expansion and formatting see every schema the fuzzer finds valid.
fn generate(data: &[u8]) {
    let path = scratch_file();
    std::fs::write(path, data).expect("the scratch file is writable");
    let mut config = Config::new();
    config.schema(path).rerun_if_changed(false);
    // Type names can still clash across the layout (a reported error, not a crash).
    if let Ok(code) = config.generate() {
        syn::parse_file(&code).expect("generated code parses");
        assert_eq!(
            config.generate().ok().as_deref(),
            Some(code.as_str()),
            "deterministic"
        );
    }
}

fn scratch_file() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("provider-errors-fuzz-{}.yaml", std::process::id()))
    })
}
