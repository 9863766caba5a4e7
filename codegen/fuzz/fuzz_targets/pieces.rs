//! Reading a large file an entry at a time (`chunked.rs`) against reading it whole,
//! on arbitrary text (any size: the size threshold is left out here).
//!
//! Property: when the text cuts into pieces and the pieces load, the whole text
//! loads too, to exactly the same tables and entries. The pieces may give up (the
//! file is then read whole); they may never accept what the whole read refuses.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(Err(e)) = provider_errors_codegen::pieces_agree(text) {
        panic!("the pieces disagree with the whole file: {e}");
    }
});
