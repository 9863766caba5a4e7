//! Every generated-code snapshot of `codegen/tests/generated/`, compiled under
//! `#![deny(warnings)]` (CI's clippy runs `-D warnings` over this crate too), and
//! used by the behaviour tests in `tests/`.

#![deny(warnings)]
#![no_std]
extern crate alloc;
extern crate std;

/// DataForSEO, module layout.
pub mod dataforseo_gen {
    include!("../../codegen/tests/generated/dataforseo.rs");
}
/// The HTTP catalogue, module layout.
pub mod http_gen {
    include!("../../codegen/tests/generated/http.rs");
}
/// SerpApi, module layout.
pub mod serpapi_gen {
    include!("../../codegen/tests/generated/serpapi.rs");
}
/// Serplify, module layout.
pub mod serplify_gen {
    include!("../../codegen/tests/generated/serplify.rs");
}
/// Seven Bridges, module layout.
pub mod seven_bridges_gen {
    include!("../../codegen/tests/generated/seven_bridges.rs");
}
/// All providers, flat layout, with serde.
pub mod all_flat_serde {
    include!("../../codegen/tests/generated/all_flat_serde.rs");
}
/// Hostile text in every field.
pub mod hostile_gen {
    include!("../../codegen/tests/generated/hostile.rs");
}
/// Hostile text, `no_std` (`::alloc`), `pub(crate)`, flat layout; nothing of it is
/// used here, so this also proves unused restricted items do not warn.
pub mod hostile_no_std {
    include!("../../codegen/tests/generated/hostile_no_std.rs");
}
