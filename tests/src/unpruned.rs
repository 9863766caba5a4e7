//! The `classify` snapshot rewritten to parse every body whole: the reference the
//! pruned parse is held to, by `tests/classify.rs` and by the `classify` fuzz target.
//! Included by both build scripts (`tests/build.rs`, `codegen/fuzz/build.rs`).

use std::path::Path;

/// Writes `out_dir/classify_unpruned.rs` from the snapshot at `snapshot`.
pub fn write_unpruned_classify(snapshot: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed={}", snapshot.display());
    let code = std::fs::read_to_string(snapshot).expect("read the classify snapshot");
    let pruned = "::core::option::Option::Some(KEEP),";
    assert!(
        code.contains(pruned),
        "the classify snapshot no longer passes `Some(KEEP)`"
    );
    let whole = code.replace(pruned, "{ let _ = KEEP; ::core::option::Option::None },");
    std::fs::write(out_dir.join("classify_unpruned.rs"), whole).expect("write classify_unpruned.rs");
}
