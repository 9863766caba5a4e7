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
/// Keywords, digits and non-ASCII as codes and names; control characters, bidi
/// controls and separators in messages.
pub mod edge_cases_gen {
    include!("../../codegen/tests/generated/edge_cases.rs");
}
/// All providers, module layout, with response classification (`Config::classify`).
pub mod classify_gen {
    include!("../../codegen/tests/generated/classify.rs");
}
/// Hostile text with classification, `no_std`, `pub(crate)`, flat layout, a 1 KiB
/// body cap.
pub mod hostile_classify {
    include!("../../codegen/tests/generated/hostile_classify_no_std.rs");
}
/// Hostile text, `no_std` (`::alloc`), `pub(crate)`, flat layout; nothing of it is
/// used here, so this also proves unused restricted items do not warn.
pub mod hostile_no_std {
    include!("../../codegen/tests/generated/hostile_no_std.rs");
}

/// The hostile snapshot's classification is `pub(crate)`, so it is exercised here:
/// `i64` codes, a free-text table beside an integer one, `::alloc` types, a 1 KiB cap.
#[cfg(test)]
mod hostile_classify_behaviour {
    use super::hostile_classify::{
        Classified, TypeCrate, TypeResponseCode, TypeSelf, UnexpectedReason, classify_type,
    };
    use std::vec;

    #[test]
    fn hostile_schemas_classify() {
        let outcome = classify_type(500, br#"{"error": {"code": -9223372036854775808}}"#);
        assert!(matches!(
            outcome,
            Classified::Failure(ref f) if f.code == TypeResponseCode::Self_(TypeSelf::MinimumI64MinUnterminated)
        ));
        let outcome = classify_type(500, br#"{"error": "  spaced out "}"#);
        assert_eq!(outcome.code(), Some(&TypeResponseCode::Crate(TypeCrate::Spaced)));
        assert_eq!(outcome.message(), Some("  spaced out "));
        // `error` is the free-text string or the object holding `code`: the table that
        // finds the other type is set aside, unless neither finds a code.
        let outcome = classify_type(500, br#"{"error": 5}"#);
        assert!(matches!(
            outcome,
            Classified::Unexpected(ref u) if u.reason == UnexpectedReason::WrongType("error")
        ));
        let big = vec![b' '; 1025];
        assert!(matches!(
            classify_type(500, &big),
            Classified::Unexpected(ref u) if u.reason == UnexpectedReason::TooLarge
        ));
    }
}

/// Every provider again, inside a private module: clippy lints items that are not
/// exported more strictly (`enum_variant_names`, ...), as in a user's binary. Only
/// `dead_code` is allowed, since nothing here uses them.
#[allow(dead_code)]
mod private_modules {
    include!("../../codegen/tests/generated/classify.rs");
}
