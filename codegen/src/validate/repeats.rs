//! What is defined more than once (ids, codes, names) and the names the generated
//! code keeps for itself.

use super::CATCH_ALL;
use crate::error::{Ctxt, Origin};
use crate::model::{self, Code};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

/// Names of the generated enums' associated items (`expand/table/`) that are
/// UpperCamelCase: a variant of the same name would make `Self::NAME` ambiguous (the
/// test `no_variant_can_take_the_name_of_an_associated_item` finds them all).
pub(super) const RESERVED: &[&str] = &[
    CATCH_ALL,
    "ALL",
    "PROVIDER",
    "TABLE",
    "CODES",
    "SORTED",
    "MESSAGES",
    "DESCRIPTIONS",
    "CATEGORIES",
    "KINDS",
    "RETRIES",
    "OUTCOMES",
    "NAMES",
    "DISPLAYS",
    "PILOTS",
];

/// Which values may appear more than once. Almost every value is unique, so the
/// repeat checks count hashes first (a few bytes per item; grouping every value with
/// its places took 25 MB for 100 000 codes) and group only the values whose hash
/// repeats: a collision costs a little work, never a wrong report.
struct Repeats {
    hasher: std::hash::RandomState,
    counts: HashMap<u64, u32>,
}

impl Repeats {
    fn count<K: std::hash::Hash>(values: impl Iterator<Item = K>) -> Self {
        let hasher = std::hash::RandomState::new();
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for value in values {
            *counts.entry(hasher.hash_one(value)).or_default() += 1;
        }
        Repeats { hasher, counts }
    }

    fn may_repeat<K: std::hash::Hash + ?Sized>(&self, value: &K) -> bool {
        self.counts
            .get(&self.hasher.hash_one(value))
            .is_some_and(|n| *n > 1)
    }
}

/// Reports every value that appears more than once, naming all its places.
pub(super) fn report_repeats<I>(cx: &mut Ctxt, items: I, what: &str, help: &str)
where
    I: Iterator<Item = (String, Origin)> + Clone,
{
    let repeats = Repeats::count(items.clone().map(|(key, _)| key));
    let repeated = |key: &String| repeats.may_repeat(key);
    let mut seen: BTreeMap<String, Vec<Origin>> = BTreeMap::new();
    for (key, origin) in items.filter(|(key, _)| repeated(key)) {
        seen.entry(key).or_default().push(origin);
    }
    for (key, origins) in seen.into_iter().filter(|(_, o)| o.len() > 1) {
        let (times, places) = (origins.len(), list_some(origins.iter().map(|o| o.to_string())));
        for origin in origins {
            cx.error_help(
                origin,
                format!("{what} {key} is defined {times} times: {places}"),
                help,
            );
        }
    }
}

/// Reports variant names shared by several entries, or taken by the catch-all.
pub(super) fn report_name_collisions(cx: &mut Ctxt, entries: &[model::Entry]) {
    let repeats = Repeats::count(entries.iter().map(|e| e.rust_name.as_str()));
    let suspect = |name: &str| RESERVED.contains(&name) || repeats.may_repeat(name);
    let mut by_name: BTreeMap<&str, Vec<&model::Entry>> = BTreeMap::new();
    for e in entries.iter().filter(|e| suspect(&e.rust_name)) {
        by_name.entry(e.rust_name.as_str()).or_default().push(e);
    }
    for (name, group) in by_name {
        if RESERVED.contains(&name) {
            let why = if name == CATCH_ALL {
                "for undocumented codes"
            } else {
                "by the generated code"
            };
            for e in &group {
                cx.error_help(
                    e.origin.clone(),
                    format!("variant name `{name}` (code {}) is reserved {why}", e.code),
                    "give this entry another `rust_name`",
                );
            }
        } else if distinct_codes(&group) > 1 {
            let codes = list_some(group.iter().map(|e| e.code.to_string()));
            for e in &group {
                cx.error_help(
                    e.origin.clone(),
                    format!("variant name `{name}` is shared by codes {codes}"),
                    "give all but one of them a distinct `rust_name`",
                );
            }
        }
    }
}

/// Entries sharing a code are reported as duplicate codes, not as a name collision.
fn distinct_codes(group: &[&model::Entry]) -> usize {
    let mut codes: Vec<&Code> = group.iter().map(|e| &e.code).collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

/// At most this many places or codes are listed in one diagnostic: each of the n
/// entries sharing a code gets a diagnostic, so listing all n in each would make
/// the report quadratic (10 000 copies of one code printed 4.5 GB).
const MAX_LISTED: usize = 5;

/// The first [`MAX_LISTED`] items, then how many more.
pub(super) fn list_some<S: AsRef<str>>(items: impl ExactSizeIterator<Item = S>) -> String {
    let more = items.len().saturating_sub(MAX_LISTED);
    let shown = list(items.take(MAX_LISTED));
    if more == 0 {
        shown
    } else {
        format!("{shown} and {more} more")
    }
}

pub(super) fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}
