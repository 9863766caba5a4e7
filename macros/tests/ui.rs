//! One compile-fail test per diagnostic of the derive (`tests/ui/*.rs` with the
//! expected `.stderr`), and the passing cases in `tests/ui/pass/`. Regenerate the
//! `.stderr` files with `TRYBUILD=overwrite cargo test -p provider-errors-macros`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/*.rs");
}
