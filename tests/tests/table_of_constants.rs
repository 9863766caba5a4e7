//! `TableShape::Constants`: every integer table of the seed schemas generated as a
//! struct of constants (`constants_gen`) behaves as the same table generated as an
//! enum, code for code, and is used the way the shape's docs say.

use provider_errors_codegen::model::{Catalog, Code};
use provider_errors_tests::{all_flat_serde as enums, constants_gen as constants};
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
        provider_errors_codegen::load(&[dir]).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The documented codes, each with its neighbours, a sweep of small codes and the
/// type's extremes.
fn probes<T: TryFrom<i128> + Copy>(provider: &str, table: &str) -> Vec<T> {
    let table = catalog()
        .provider(provider)
        .and_then(|p| p.table(table))
        .unwrap_or_else(|| panic!("no table {provider}/{table}"));
    let documented = table.entries.iter().map(|e| match e.code {
        Code::Int(n) => n,
        Code::Str(_) => panic!("integer table"),
    });
    let near = documented.flat_map(|c| (-3..=3).map(move |d| c + d));
    let wide = (0..=1_100).chain([
        i128::from(u16::MAX),
        i128::from(u32::MAX),
        i128::from(u32::MAX) - 1,
    ]);
    near.chain(wide).filter_map(|n| T::try_from(n).ok()).collect()
}

/// Everything the two shapes answer for one code, as text.
macro_rules! same_as_enum {
    ($constants:ty, $enum:ty, $int:ty, $provider:literal, $table:literal) => {{
        let all_c: Vec<$int> = <$constants>::ALL.iter().map(|v| v.code()).collect();
        let all_e: Vec<$int> = <$enum>::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(all_c, all_e, "ALL");
        let mut documented = 0;
        for code in probes::<$int>($provider, $table) {
            let (c, e) = (<$constants>::from_code(code), <$enum>::from_code(code));
            assert_eq!(format!("{c:?}"), format!("{e:?}"), "Debug of {code}");
            assert_eq!(c.to_string(), e.to_string(), "Display of {code}");
            assert_eq!(c.code(), code);
            assert_eq!(<$int>::from(c), code);
            assert_eq!(
                (
                    c.message(),
                    c.description(),
                    c.category(),
                    c.http_status(),
                    c.also_documented()
                ),
                (
                    e.message(),
                    e.description(),
                    e.category(),
                    e.http_status(),
                    e.also_documented()
                ),
                "texts of {code}"
            );
            assert_eq!(
                (c.kind().as_str(), c.retry().as_str(), c.outcome().as_str()),
                (e.kind().as_str(), e.retry().as_str(), e.outcome().as_str()),
                "advice of {code}"
            );
            assert_eq!(
                (c.is_documented(), c.is_success(), c.is_pending(), c.is_error()),
                (e.is_documented(), e.is_success(), e.is_pending(), e.is_error()),
                "predicates of {code}"
            );
            assert_eq!(
                <$constants>::try_from(code)
                    .map(|v| v.code())
                    .map_err(|e| e.to_string()),
                <$enum>::try_from(code)
                    .map(|v| v.code())
                    .map_err(|e| e.to_string()),
                "TryFrom of {code}"
            );
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, serde_json::to_string(&e).unwrap(), "serde of {code}");
            assert_eq!(serde_json::from_str::<$constants>(&json).unwrap(), c);
            assert_eq!(<$constants>::ALL.contains(&c), c.is_documented());
            documented += usize::from(c.is_documented());
        }
        assert!(
            documented >= <$constants>::ALL.len(),
            "every documented code probed"
        );
    }};
}

#[test]
fn every_integer_table_behaves_as_its_enum() {
    same_as_enum!(
        constants::dataforseo::Http,
        enums::DataForSeoHttp,
        u16,
        "dataforseo",
        "http"
    );
    same_as_enum!(
        constants::dataforseo::Status,
        enums::DataForSeoStatus,
        u32,
        "dataforseo",
        "status"
    );
    same_as_enum!(constants::http::Status, enums::HttpStatus, u16, "http", "status");
    same_as_enum!(
        constants::serpapi::Http,
        enums::SerpApiHttp,
        u16,
        "serpapi",
        "http"
    );
    same_as_enum!(
        constants::seven_bridges::Code,
        enums::SevenBridgesCode,
        u32,
        "seven_bridges",
        "code"
    );
}

#[test]
fn constants_are_values_and_patterns() {
    use constants::dataforseo::Status;
    // A `const` context, as with the enum.
    const RATE_LIMITED: Status = Status::from_code(40202);
    assert_eq!(RATE_LIMITED, Status::RateLimitExceeded);
    let kind = |status: Status| match status {
        Status::Ok => "ok",
        Status::RateLimitExceeded | Status::InternalError => "later",
        _ if !status.is_documented() => "undocumented",
        _ => "other",
    };
    assert_eq!(kind(Status::from_code(20000)), "ok");
    assert_eq!(kind(Status::from_code(40202)), "later");
    assert_eq!(kind(Status::from_code(40299)), "undocumented");
    assert_eq!(kind(Status::from_code(40501)), "other");
    // Equal values are equal codes, documented or not, and hash alike.
    let set: std::collections::HashSet<Status> = [40299, 40299, 40202, 40202]
        .into_iter()
        .map(Status::from_code)
        .collect();
    assert_eq!(set.len(), 2);
    assert_ne!(Status::from_code(40299), Status::from_code(40298));
}
