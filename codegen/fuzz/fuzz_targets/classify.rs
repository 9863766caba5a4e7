//! `classify` on arbitrary responses: never a panic, and the pruned parse (only the
//! paths the tables read are kept) classifies exactly as parsing the whole body does,
//! for every provider. The first input byte picks the HTTP status; the rest is the body.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, clippy::all)]
mod pruned {
    include!("../../tests/generated/classify.rs");
}

#[allow(dead_code, clippy::all)]
mod whole {
    include!(concat!(env!("OUT_DIR"), "/classify_unpruned.rs"));
}

const STATUSES: [u16; 12] = [200, 201, 202, 204, 301, 400, 401, 404, 429, 500, 502, 503];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(pick) % STATUSES.len()];
    let pairs = [
        (
            format!("{:?}", pruned::dataforseo::classify(status, body)),
            format!("{:?}", whole::dataforseo::classify(status, body)),
        ),
        (
            format!("{:?}", pruned::serplify::classify(status, body)),
            format!("{:?}", whole::serplify::classify(status, body)),
        ),
        (
            format!("{:?}", pruned::serpapi::classify(status, body)),
            format!("{:?}", whole::serpapi::classify(status, body)),
        ),
        (
            format!("{:?}", pruned::seven_bridges::classify(status, body)),
            format!("{:?}", whole::seven_bridges::classify(status, body)),
        ),
    ];
    for (pruned, whole) in pairs {
        assert_eq!(pruned, whole, "status {status}");
    }
    let _ = pruned::http::classify(status, body);
});
