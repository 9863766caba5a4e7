//! For the `classify` target: the committed `classify` snapshot with every body
//! parsed whole, the reference the pruned parse is held to (as `tests/build.rs` makes
//! it for the tests).

fn main() {
    let snapshot = "../tests/generated/classify.rs";
    println!("cargo:rerun-if-changed={snapshot}");
    let code = std::fs::read_to_string(snapshot).expect("read the classify snapshot");
    let pruned = "::core::option::Option::Some(KEEP),";
    assert!(
        code.contains(pruned),
        "the classify snapshot no longer passes `Some(KEEP)`"
    );
    let whole = code.replace(pruned, "{ let _ = KEEP; ::core::option::Option::None },");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("classify_unpruned.rs"), whole).expect("write classify_unpruned.rs");
}
