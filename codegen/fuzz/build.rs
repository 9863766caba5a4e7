//! For the `classify` target: the committed `classify` snapshot with every body
//! parsed whole, written as `tests/build.rs` writes it for the tests.

#[path = "../../tests/src/unpruned.rs"]
mod unpruned;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    unpruned::write_unpruned_classify("../tests/generated/classify.rs".as_ref(), &out);
}
