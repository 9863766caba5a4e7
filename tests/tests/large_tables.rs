//! Tables above the large-table threshold: `Debug` from a table of names,
//! `also_documented` from flat arrays, codes by the perfect hash's second level
//! (`PILOTS`). Every code of the synthetic tables (`src/large_spec.rs`) goes through
//! every accessor. The integer checks run on `Status` and on `Mid` (700 scattered
//! codes, below the threshold, that one multiplier cannot separate), in three builds:
//! enums, `TableShape::Constants` (`large_constants_gen`), and enums looked up by
//! binary search (`large_sorted_gen`, the path a table takes when the hash search gives
//! up); the string checks on `Reason` (hash, binary search) and on `Word`, `Phrase`,
//! `Short` and `Deep` (hash, by length and bytes) in the first and the last.

use provider_errors_tests::large_constants_gen::large::{Mid as ConstantMid, Status as ConstantStatus};
use provider_errors_tests::large_gen::large::{self as enums, Reason, Status};
use provider_errors_tests::large_sorted_gen::large as sorted;
use provider_errors_tests::large_spec::{
    self as spec, DEEP_CODES, INT_CODES, MID_CODES, PHRASE_CODES, SHORT_CODES, STR_CODES, WORD_CODES,
};
use std::collections::HashSet;

/// The integer table's checks, for either shape of its type.
macro_rules! integer_checks {
    ($round_trip:ident, $undocumented:ident, $Status:ty, $codes:expr, $code:path) => {
        #[test]
        fn $round_trip() {
            type Status = $Status;
            assert_eq!(Status::ALL.len(), $codes);
            for i in 0..$codes {
                let code = $code(i);
                let status = Status::from_code(code);
                assert!(status.is_documented(), "{code}");
                assert_eq!(status, Status::ALL[i]);
                assert_eq!(status.code(), code);
                assert_eq!(i64::from(status), code);
                assert_eq!(Status::try_from(code), Ok(status));
                assert_eq!(status.message(), Some(spec::message(i).as_str()));
                assert_eq!(status.also_documented(), spec::also(i));
                assert_eq!(status.description(), spec::description(i).as_deref());
                assert_eq!(status.category(), spec::category(i).as_deref());
                assert_eq!(status.http_status(), spec::http_status(i));
                assert_eq!(format!("{status:?}"), spec::int_name(i));
                assert_eq!(
                    status.to_string(),
                    format!("{} (Large {code})", spec::message(i))
                );
            }
        }

        #[test]
        fn $undocumented() {
            type Status = $Status;
            let documented: HashSet<i64> = (0..$codes).map($code).collect();
            assert_eq!(documented.len(), $codes);
            let mut checked = 0;
            for code in (-60_000..60_000)
                .step_by(97)
                .filter(|c| !documented.contains(c))
            {
                let status = Status::from_code(code);
                assert!(!status.is_documented() && !Status::ALL.contains(&status));
                assert_eq!(status.code(), code);
                assert_eq!(status.message(), None);
                assert!(status.also_documented().is_empty());
                assert_eq!(status.description(), None);
                assert_eq!(status.category(), None);
                assert_eq!(status.http_status(), None);
                assert_eq!(format!("{status:?}"), format!("Unknown({code})"));
                assert_eq!(status.to_string(), format!("{code} (Large, undocumented)"));
                assert!(Status::try_from(code).is_err());
                checked += 1;
            }
            assert!(checked > 1_000);
            // The extremes of the type, on both sides of every documented code.
            for code in [i64::MIN, i64::MAX, -50_001, 50_000] {
                let status = Status::from_code(code);
                assert_eq!((status.code(), status.is_documented()), (code, false));
            }
        }
    };
}

integer_checks!(
    every_integer_code_round_trips_with_its_metadata,
    undocumented_integer_codes_are_kept,
    enums::Status,
    INT_CODES,
    spec::int_code
);
integer_checks!(
    constants_every_integer_code_round_trips_with_its_metadata,
    constants_undocumented_integer_codes_are_kept,
    ConstantStatus,
    INT_CODES,
    spec::int_code
);
integer_checks!(
    mid_every_integer_code_round_trips_with_its_metadata,
    mid_undocumented_integer_codes_are_kept,
    enums::Mid,
    MID_CODES,
    spec::mid_code
);
integer_checks!(
    mid_constants_every_integer_code_round_trips_with_its_metadata,
    mid_constants_undocumented_integer_codes_are_kept,
    ConstantMid,
    MID_CODES,
    spec::mid_code
);

integer_checks!(
    sorted_every_integer_code_round_trips_with_its_metadata,
    sorted_undocumented_integer_codes_are_kept,
    sorted::Status,
    INT_CODES,
    spec::int_code
);
integer_checks!(
    sorted_mid_every_integer_code_round_trips_with_its_metadata,
    sorted_mid_undocumented_integer_codes_are_kept,
    sorted::Mid,
    MID_CODES,
    spec::mid_code
);

/// The string table's checks, for either lookup.
macro_rules! string_checks {
    ($name:ident, $Reason:ty, $codes:expr, $code:path, $debug:expr) => {
        #[test]
        fn $name() {
            type Reason = $Reason;
            assert_eq!(Reason::ALL.len(), $codes);
            let mut names = HashSet::new();
            for i in 0..$codes {
                let code = $code(i);
                let reason = Reason::from_code(&code);
                assert!(reason.is_documented(), "{code}");
                assert_eq!(reason, Reason::ALL[i]);
                assert_eq!(reason.code(), code);
                assert_eq!(Reason::try_from(code.as_str()), Ok(reason.clone()));
                assert_eq!(code.parse::<Reason>(), Ok(reason.clone()));
                assert_eq!(reason.message(), Some(spec::message(i).as_str()));
                assert_eq!(reason.also_documented(), spec::also(i));
                assert_eq!(reason.description(), spec::description(i).as_deref());
                assert_eq!(reason.category(), spec::category(i).as_deref());
                assert_eq!(reason.http_status(), spec::http_status(i));
                assert_eq!(
                    reason.to_string(),
                    format!("{} (Large {code})", spec::message(i))
                );
                // `Debug` prints the variant's name, as the derive would.
                let debug = format!("{reason:?}");
                assert_eq!(debug, $debug(i, &code));
                assert!(names.insert(debug), "duplicate Debug name for {code}");
            }
        }
    };
}

/// `Reason`'s variant names come from the code (`reason_7919` is `Reason7919`).
fn reason_name(_: usize, code: &str) -> String {
    format!("Reason{}", &code["reason_".len()..])
}

/// `Word`'s variant names are given (`rust_name`).
fn word_name(i: usize, _: &str) -> String {
    spec::word_name(i)
}

string_checks!(
    every_string_code_round_trips_with_its_metadata,
    enums::Reason,
    STR_CODES,
    spec::str_code,
    reason_name
);
string_checks!(
    sorted_every_string_code_round_trips_with_its_metadata,
    sorted::Reason,
    STR_CODES,
    spec::str_code,
    reason_name
);
string_checks!(
    word_every_string_code_round_trips_with_its_metadata,
    enums::Word,
    WORD_CODES,
    spec::word_code,
    word_name
);
string_checks!(
    sorted_word_every_string_code_round_trips_with_its_metadata,
    sorted::Word,
    WORD_CODES,
    spec::word_code,
    word_name
);

/// `Phrase`'s variant names are given (`rust_name`).
fn phrase_name(i: usize, _: &str) -> String {
    spec::phrase_name(i)
}

string_checks!(
    phrase_every_string_code_round_trips_with_its_metadata,
    enums::Phrase,
    PHRASE_CODES,
    spec::phrase_code,
    phrase_name
);
string_checks!(
    sorted_phrase_every_string_code_round_trips_with_its_metadata,
    sorted::Phrase,
    PHRASE_CODES,
    spec::phrase_code,
    phrase_name
);

/// `Short`'s variant names are given (`rust_name`).
fn short_name(i: usize, _: &str) -> String {
    spec::short_name(i)
}

string_checks!(
    short_every_string_code_round_trips_with_its_metadata,
    enums::Short,
    SHORT_CODES,
    spec::short_code,
    short_name
);
string_checks!(
    sorted_short_every_string_code_round_trips_with_its_metadata,
    sorted::Short,
    SHORT_CODES,
    spec::short_code,
    short_name
);

/// `Deep`'s variant names are given (`rust_name`).
fn deep_name(i: usize, _: &str) -> String {
    spec::deep_name(i)
}

string_checks!(
    deep_every_string_code_round_trips_with_its_metadata,
    enums::Deep,
    DEEP_CODES,
    spec::deep_code,
    deep_name
);
string_checks!(
    sorted_deep_every_string_code_round_trips_with_its_metadata,
    sorted::Deep,
    DEEP_CODES,
    spec::deep_code,
    deep_name
);

/// Each code is undocumented in the table `$table` of both builds (hashed, and by
/// length and bytes).
macro_rules! undocumented_in_both_builds {
    ($table:ident, $codes:expr) => {
        for code in $codes {
            assert!(!enums::$table::from_code(code).is_documented(), "{code:?}");
            assert!(!sorted::$table::from_code(code).is_documented(), "{code:?}");
        }
    };
}

#[test]
fn undocumented_codes_stay_unknown_in_large_tables() {
    for code in [-60_000, -1, 50_000] {
        assert_eq!(Status::from_code(code), Status::Unknown(code));
    }
    for code in ["", "reason_", "reason_x", "reason_7919 ", "REASON_7919"] {
        let reason = Reason::from_code(code);
        assert_eq!(reason, Reason::Unknown(code.into()));
        assert_eq!(format!("{reason:?}"), format!("Unknown({code:?})"));
        assert!(code.parse::<Reason>().is_err());
        assert_eq!(
            sorted::Reason::from_code(code),
            sorted::Reason::Unknown(code.into())
        );
    }
    for code in [i64::MIN, i64::MAX, -50_001, 50_000] {
        assert_eq!(Status::from_code(code), Status::Unknown(code));
    }
    // Beside documented codes: a version too many, a letter changed, one missing.
    undocumented_in_both_builds!(
        Phrase,
        [
            "missing_key_v6",
            "missing_key_v",
            "missing_kez_v0",
            "issing_key_v0",
            "Missing_key_v0",
        ]
    );
    // `Short`'s neighbours: `è` for `é` (the last byte differs), each length one byte
    // longer or shorter, a letter outside the table's.
    undocumented_in_both_builds!(
        Short,
        [
            "aè",
            "aé ",
            "",
            "ab",
            "a_o",
            "a_okk",
            "a_fai",
            "a_timeout_77",
            "A",
            "é",
        ]
    );
    // `Deep`'s neighbours: a number past its codes, one differing only in the middle,
    // each length one byte longer or shorter.
    undocumented_in_both_builds!(
        Deep,
        [
            "request_for_the_resource_130_was_rejected_by_upstream",
            "request_for_the_resource_0x3_was_rejected_by_upstream",
            "request_for_the_resource_13_was_rejected_by_upstream",
            "request_for_the_resource_0130_was_rejected_by_upstream",
            "zyxwvutsrqpon",
            "zyxwvutsrqpO",
            "y",
            "",
        ]
    );
    undocumented_in_both_builds!(
        Word,
        ["missing_kez", "missing_ke", "missing_keys", "invalid_keyword "]
    );
}

/// Every code with one character changed to another of the same length in bytes:
/// the hash's key reads a few bytes, so most such texts land on the code's own slot,
/// and only the comparison there (`same_text`, which compares a text as two words
/// that must cover every byte) can tell them apart. Each must be undocumented, or
/// be the documented code it happens to spell.
macro_rules! one_character_changed {
    ($table:ident, $codes:expr, $code:path) => {{
        let documented: HashSet<String> = (0..$codes).map($code).collect();
        for code in &documented {
            for (at, c) in code.char_indices() {
                let other = match c {
                    'x' => 'y',
                    'é' => 'è',
                    c if c.is_ascii() => 'x',
                    _ => 'é',
                };
                let changed = format!("{}{other}{}", &code[..at], &code[at + c.len_utf8()..]);
                assert_eq!(changed.len(), code.len());
                for found in [
                    enums::$table::from_code(&changed).is_documented(),
                    sorted::$table::from_code(&changed).is_documented(),
                ] {
                    assert_eq!(found, documented.contains(&changed), "{code:?} -> {changed:?}");
                }
            }
        }
    }};
}

#[test]
fn one_character_changed_is_another_code_or_none() {
    one_character_changed!(Word, WORD_CODES, spec::word_code);
    one_character_changed!(Phrase, PHRASE_CODES, spec::phrase_code);
    one_character_changed!(Short, SHORT_CODES, spec::short_code);
    one_character_changed!(Deep, DEEP_CODES, spec::deep_code);
    one_character_changed!(Reason, STR_CODES, spec::str_code);
}

/// Debug builds copied a `const` metadata array to the stack on every run-time index
/// (1.6 MB per `message()` call on a 100 000-code table). The arrays are now behind
/// references: every accessor of every code runs on a 16 KiB stack, which one copy
/// of a 1 501-slot array (24 KiB) plus the frames would overflow.
#[test]
fn accessors_do_not_copy_tables_to_the_stack() {
    let run = || {
        let mut total = 0usize;
        for i in 0..INT_CODES {
            let status = Status::from_code(spec::int_code(i));
            total += status.message().map_or(0, str::len) + status.also_documented().len();
            total += usize::from(status.description().is_some() || status.category().is_some());
            total += usize::from(status.http_status().is_some()) + status.kind() as usize;
        }
        total
    };
    let total = std::thread::Builder::new()
        .stack_size(16 * 1024)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
    assert!(total > INT_CODES * 40, "{total}");
}

/// The lookups the checks above hold: in `large.rs` and `large_constants.rs` the
/// tables above 1 024 codes (`Status`, `Reason`) and `Mid` (its codes scattered) take
/// the hash's second level, as `Phrase` (600 codes) does; `Word` (100) and `Short`
/// (129) take one level of the hash of a few bytes, `Deep` (130) one level of the
/// hash of every byte. In `large_sorted.rs` the integer tables and `Reason` search
/// their sorted codes, and the other string tables (up to 1 024 codes, so without
/// sorted codes) are looked up by length and bytes.
#[test]
fn each_build_takes_the_lookup_it_is_checked_for() {
    let hashed = [
        include_str!(concat!(env!("OUT_DIR"), "/large.rs")),
        include_str!(concat!(env!("OUT_DIR"), "/large_constants.rs")),
    ];
    for code in hashed {
        assert_eq!(code.matches("const PILOTS: &[u16;").count(), 4);
        assert_eq!(code.matches("const SLOT_INDEX: &[u16;").count(), 7);
        assert_eq!(code.matches("Self::key(code)").count(), 5);
        // The key of a few bytes reads them with `at`, the key of every byte mixes
        // each word in with a rotation.
        assert_eq!(code.matches("let at = |i: usize|").count(), 4);
        assert_eq!(code.matches("key.rotate_left(").count(), 1);
        assert_eq!(code.matches("match bytes.len()").count(), 0);
        assert!(code.contains("\"missing_key\""));
        assert_eq!(code.matches("Self::SORTED").count(), 0);
        // A found position becomes its variant by `documented_at`, not by cloning
        // `ALL[i]` (a jump per variant: BENCHMARKS.md, "Sixth session").
        assert_eq!(code.matches("const fn documented_at(").count(), 5);
        assert_eq!(code.matches(".clone()").count(), 0);
        // The slot's code is compared as words where codes are at most 32 bytes long
        // (all but `Deep`'s), with `==` (a call to `memcmp`) in `Deep` and as integers
        // in `Status` and `Mid`.
        assert_eq!(code.matches("fn same_text(").count(), 4);
        assert_eq!(code.matches("Self::SLOT_CODES[slot] == code").count(), 3);
    }
    let sorted = include_str!(concat!(env!("OUT_DIR"), "/large_sorted.rs"));
    assert_eq!(sorted.matches("const PILOTS").count(), 0);
    assert_eq!(sorted.matches("Self::SORTED.len()").count(), 2);
    assert_eq!(sorted.matches("Self::SORTED.binary_search(").count(), 1);
    assert_eq!(sorted.matches("Self::key(code)").count(), 0);
    assert_eq!(sorted.matches("match bytes.len()").count(), 4);
    assert_eq!(sorted.matches("const fn documented_at(").count(), 1);
    assert_eq!(sorted.matches(".clone()").count(), 0);
    assert!(sorted.contains("\"missing_key\""));
}
