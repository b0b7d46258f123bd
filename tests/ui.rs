//! Compile-error tests: each file under tests/ui is one kind of mistake, and
//! its `.stderr` contains the exact errors rustc prints for it.
//!
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite cargo test --test ui`
//! and reread every one before committing.

#[test]
fn ui() {
    // One TestCases value, so trybuild compiles every case in one batch.
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
