//! Editing a schema reruns the derive. Cargo does not know that a proc macro read a
//! file, so the derive emits `include_bytes!` of every schema it read; without that,
//! this test's second run would print the stale mapping.
//!
//! The throwaway crate's build.rs generates the provider types but deliberately does
//! not track the schema (`rerun_if_changed(false)`), so only the derive can notice
//! that a `kind` changed.

use std::path::{Path, PathBuf};
use std::process::Command;

const SCHEMA: &str = "provider:
  id: acme
  name: Acme
  source:
    retrieved: 2026-11-22
tables:
  - id: status
    name: Status
    code_type: integer
    wire:
      location: http_status
    entries:
      - code: 200
        message: OK
        kind: ok
      - code: 503
        message: Down
        kind: KIND
";

const MAIN: &str = r#"
include!(concat!(env!("OUT_DIR"), "/provider_errors.rs"));

#[derive(Debug, provider_errors_macros::ProviderErrors)]
#[provider_errors(schema = "schema")]
enum ApiError {
    #[provider_errors(kind(unavailable))]
    Unavailable,
    #[provider_errors(fallback)]
    Other(AnyCode),
}

fn main() {
    match ApiError::from_acme(503) {
        ApiError::Unavailable => println!("unavailable"),
        ApiError::Other(_) => println!("other"),
    }
}
"#;

const BUILD: &str = r#"
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    provider_errors_codegen::Config::new()
        .schema("schema")
        .rerun_if_changed(false)
        .write_to_out_dir()
        .unwrap_or_else(|e| panic!("{e}"));
}
"#;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(dir: &Path, target: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo run failed:\n{stderr}");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn editing_a_schema_reruns_the_derive() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace = workspace.canonicalize().unwrap();
    let dir = std::env::temp_dir().join(format!("provider-errors-rebuild-{}", std::process::id()));
    let manifest = format!(
        "[package]\nname = \"rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nprovider-errors-macros = {{ path = \"{0}/macros\" }}\n\n\
         [build-dependencies]\nprovider-errors-codegen = {{ path = \"{0}/codegen\" }}\n",
        workspace.display()
    );
    write(&dir.join("Cargo.toml"), &manifest);
    write(&dir.join("build.rs"), BUILD);
    write(&dir.join("src/main.rs"), MAIN);
    let schema = dir.join("schema/acme.yaml");
    write(&schema, &SCHEMA.replace("KIND", "unavailable"));
    // Reuse the workspace's lock file so the probe resolves the same dependency
    // versions offline, and share one target directory between runs.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let target = workspace.join("target/rebuild-probe");

    assert_eq!(run(&dir, &target), "unavailable");
    // Make sure the edit gets a newer modification time than the first build saw.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    write(&schema, &SCHEMA.replace("KIND", "internal"));
    assert_eq!(
        run(&dir, &target),
        "other",
        "the derive did not rerun after the schema changed"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
