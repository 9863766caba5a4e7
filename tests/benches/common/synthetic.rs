//! Synthetic schemas for the build-time benchmarks.

use std::path::PathBuf;

/// A schema with `n` integer codes and realistic text, written to a temp file.
pub fn synthetic(n: usize) -> PathBuf {
    let mut yaml = String::from(
        "provider:\n  id: synthetic\n  name: Synthetic\n  source:\n    retrieved: 2026-11-22\n\
         tables:\n  - id: status\n    name: Status\n    code_type: integer\n    wire:\n      location: json_body\n      \
         field: status_code\n    entries:\n",
    );
    for (i, code) in codes(n).enumerate() {
        yaml.push_str(&format!(
            "      - code: {code}\n        message: \"{}\"\n        \
             description: \"Documentation for code {code}, which a provider might explain at length.\"\n        \
             kind: {}\n",
            message(i, code),
            KINDS[i % KINDS.len()]
        ));
    }
    let path = std::env::temp_dir().join(format!("provider-errors-bench-{n}-{}.yaml", std::process::id()));
    std::fs::write(&path, yaml).expect("write the synthetic schema");
    path
}

const KINDS: [&str; 5] = [
    "invalid_argument",
    "not_found",
    "resource_exhausted",
    "internal",
    "unavailable",
];

/// The codes of a synthetic table: sparse, like real ones.
pub fn codes(n: usize) -> impl Iterator<Item = usize> {
    (0..n).map(|i| 10_000 + i * 7)
}

/// The message of the `i`-th code.
pub fn message(i: usize, code: usize) -> String {
    format!("The request number {i} failed: code {code}.")
}
