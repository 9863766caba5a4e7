//! A perfect hash of an integer table's codes, found at generation time, so that
//! `from_code` is a multiplication or two, independent array reads and a comparison
//! instead of a chain of range checks whose branches a stream of varied codes keeps
//! mispredicting (BENCHMARKS.md, code to variant).
//!
//! The hash is multiplicative (`code * multiplier`, keep the top bits). Small tables
//! whose codes a single multiplier spreads into slots of their own use that alone.
//! Other tables first split the codes into buckets by the top bits of that product,
//! then give each bucket a "pilot" that moves its codes into free slots: the slot of
//! a code is the top bits of `(product ^ pilot * PILOT_MIX) * second multiplier`, the
//! scheme of PTHash (Pibiri and Trani, 2021), placing the largest buckets first.
//! Each slot holds a code and its position; a code the table does not list lands on
//! some slot too and fails the comparison with the code stored there. An empty slot
//! holds the first code, which lands elsewhere, so the comparison fails there as well.

use rustc_hash::{FxHashMap, FxHashSet};

/// Up to this many codes a single multiplier may do; its slot table holds variants,
/// which rustc checks one by one against the enum's variant list, so larger tables
/// always take two levels, whose slot table holds positions in `ALL`.
const ONE_LEVEL_MAX: usize = 1024;

/// How many multipliers are tried at each table size before doubling it.
const TRIES: usize = 4096;

/// Up to this many times more slots than codes (rounded up to a power of two).
const MAX_SPREAD_BITS: u32 = 5;

/// The same for string codes, whose slots hold a 16-byte `&str` each: up to 4 times
/// more slots than codes, then two levels (1.25 to 2.5 slots per code).
pub(super) const STR_SPREAD_BITS: u32 = 2;

/// A single multiplier's table has at most 2 048 slots (24 KB of slot table for `u32`
/// codes, 48 KB for 64-bit ones), so it stays in the caches a lookup hits.
const MAX_SLOT_BITS: u32 = 11;

/// Mixes a bucket's pilot into the product before the second multiplication (the
/// golden ratio in 64 bits: consecutive pilots move the slots far apart).
pub(super) const PILOT_MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// A hash that gives every code its own slot.
pub(super) struct Perfect {
    pub multiplier: u64,
    /// `64 - bits`: the slot (one level) or the bucket (two) is the product shifted
    /// right by this much.
    pub shift: u32,
    /// For each slot, the position of the code in it (0, the first code, when empty).
    pub slots: Vec<u32>,
    /// The second level, when one multiplier could not separate the codes.
    pub pilots: Option<Pilots>,
}

/// The second level of a [`Perfect`] hash.
pub(super) struct Pilots {
    /// Each bucket's pilot.
    pub pilots: Vec<u16>,
    pub multiplier: u64,
    /// `64 - bits` of the slot table.
    pub shift: u32,
}

/// The key of a string code: its length, then its whole 8-byte words, then a last
/// word that holds the bytes after them (the last 8 bytes, overlapping; for shorter
/// codes the first and last 4, or the first, middle and last byte), each mixed in by
/// a rotation and a multiplication. The generated `key` (`expand_str_key`) computes
/// exactly this. Two codes with the same key cannot be separated: `find` then gives
/// up.
pub(super) fn str_key(code: &str) -> u64 {
    let bytes = code.as_bytes();
    let n = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or([0; 4])));
    let mix = |key: u64, word: u64| (key.rotate_left(STR_KEY_ROTATE) ^ word).wrapping_mul(PILOT_MIX);
    let mut key = n as u64;
    for at in (0..n / 8).map(|i| i * 8) {
        key = mix(key, word(at));
    }
    let last = if n >= 8 {
        word(n - 8)
    } else if n >= 4 {
        half(0) | half(n - 4) << 32
    } else if n > 0 {
        u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
    } else {
        0
    };
    mix(key, last)
}

/// How far `str_key` rotates the key before mixing in the next word.
pub(super) const STR_KEY_ROTATE: u32 = 26;

/// Where a string code's key reads one byte: so many bytes from its start, or back
/// from its end (`Back(0)` is the last byte). Past either end it reads 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BytePos {
    Front(usize),
    Back(usize),
}

impl BytePos {
    /// The byte at this position of `bytes`, 0 past either end; the generated `key`
    /// reads exactly this (`bytes.get(..)`, with `n.wrapping_sub(..)` from the end).
    fn read(self, bytes: &[u8]) -> u64 {
        let at = match self {
            BytePos::Front(i) => i,
            BytePos::Back(i) => bytes.len().wrapping_sub(i + 1),
        };
        bytes.get(at).map_or(0, |&b| u64::from(b))
    }
}

/// How the generated code turns a string code into the hash's key.
pub(super) enum StrKey {
    /// The length, and the bytes at a few positions that tell the documented codes
    /// apart (`bytes_key`): a few loads, whatever the code's length.
    Bytes(Vec<BytePos>),
    /// Every byte (`str_key`), for codes no few positions tell apart: a loop over
    /// the code's 8-byte words.
    Whole,
}

/// At most this many bytes in a key (each takes 8 of its bits above the length's).
const MAX_KEY_BYTES: usize = 7;

/// Positions this far from either end at most are considered for a key.
const KEY_REACH: usize = 16;

/// The key of a string code under [`StrKey::Bytes`]: its length, with the byte at
/// the `k`-th position shifted into the `k + 1`-th byte of the key.
pub(super) fn bytes_key(positions: &[BytePos], code: &str) -> u64 {
    let bytes = code.as_bytes();
    positions
        .iter()
        .enumerate()
        .fold(bytes.len() as u64, |key, (k, p)| {
            key ^ p.read(bytes) << (8 * (k + 1))
        })
}

/// A few positions whose bytes, with the length, tell every code apart, or `None`
/// when [`MAX_KEY_BYTES`] of them do not. Greedy, like gperf's search of key
/// positions: each step takes the position (nearest the start first, then nearest
/// the end, on ties) that splits the groups of codes not yet told apart into the
/// most groups. Deterministic, so the output stays byte-for-byte stable.
pub(super) fn key_bytes(codes: &[&str]) -> Option<Vec<BytePos>> {
    let reach = codes.iter().map(|c| c.len()).max().unwrap_or(0).min(KEY_REACH);
    let candidates: Vec<BytePos> = (0..reach)
        .map(BytePos::Front)
        .chain((0..reach).map(BytePos::Back))
        .collect();
    // Each code's group: the codes no position chosen so far tells it apart from.
    let mut groups = regroup(codes, |code| code.len() as u64);
    let mut positions = Vec::new();
    let mut seen = FxHashSet::default();
    while count(&groups) < codes.len() {
        if positions.len() == MAX_KEY_BYTES {
            return None;
        }
        let mut best = (count(&groups), None);
        for &p in &candidates {
            seen.clear();
            seen.extend(
                codes
                    .iter()
                    .zip(&groups)
                    .map(|(c, &g)| g << 8 | p.read(c.as_bytes())),
            );
            if seen.len() > best.0 {
                best = (seen.len(), Some(p));
            }
        }
        let p = best.1?;
        let split: Vec<u64> = codes
            .iter()
            .zip(&groups)
            .map(|(c, &g)| g << 8 | p.read(c.as_bytes()))
            .collect();
        groups = regroup(&split, |&key| key);
        positions.push(p);
    }
    Some(positions)
}

/// Numbers the distinct values of `key` over `items` from 0, in order of appearance.
fn regroup<T>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<u64> {
    let mut ids = FxHashMap::default();
    items
        .iter()
        .map(|item| {
            let next = ids.len() as u64;
            *ids.entry(key(item)).or_insert(next)
        })
        .collect()
}

/// How many groups `groups` numbers (from 0, in order of appearance).
fn count(groups: &[u64]) -> usize {
    groups.iter().max().map_or(0, |&g| g as usize + 1)
}

/// The slot of `key` under `multiplier` with `2^(64 - shift)` slots; the generated
/// `from_code` computes exactly this (`code as u64`, wrapping multiplication).
fn slot(key: u64, multiplier: u64, shift: u32) -> usize {
    (key.wrapping_mul(multiplier) >> shift) as usize
}

/// The slot of a code whose first product is `product`, in a bucket with `pilot`;
/// the generated `from_code` computes exactly this.
fn piloted(product: u64, pilot: u16, multiplier: u64, shift: u32) -> usize {
    ((product ^ u64::from(pilot).wrapping_mul(PILOT_MIX)).wrapping_mul(multiplier) >> shift) as usize
}

/// A perfect hash of `keys` (the codes as `u64`, two's complement for negative ones,
/// all distinct), or `None` when the search gives up (none of the tests' tables, fixed
/// or random, makes it). Deterministic: the same keys always give the same hash, so
/// the output stays byte-for-byte stable.
pub(super) fn find(keys: &[u64]) -> Option<Perfect> {
    find_spread(keys, MAX_SPREAD_BITS)
}

/// [`find`], with one level only if it needs at most `2^spread_bits` times more slots
/// than codes (rounded up to a power of two).
pub(super) fn find_spread(keys: &[u64], spread_bits: u32) -> Option<Perfect> {
    if keys.is_empty() || u32::try_from(keys.len()).is_err() {
        return None;
    }
    // Integer codes are distinct; string codes' keys could, rarely, repeat.
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
        return None;
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let one = if keys.len() <= ONE_LEVEL_MAX {
        one_level(keys, spread_bits, &mut state)
    } else {
        None
    };
    one.or_else(|| two_levels(keys, &mut state))
}

/// `bits` such that `2^bits >= n`.
fn bits_for(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

fn one_level(keys: &[u64], spread_bits: u32, state: &mut u64) -> Option<Perfect> {
    let least = bits_for(keys.len()).max(1);
    let mut taken = Vec::new();
    for bits in least..=(least + spread_bits).min(MAX_SLOT_BITS) {
        let shift = 64 - bits;
        for _ in 0..TRIES {
            let multiplier = splitmix(state) | 1;
            taken.clear();
            taken.resize(1 << bits, false);
            let distinct = keys
                .iter()
                .all(|&key| !std::mem::replace(&mut taken[slot(key, multiplier, shift)], true));
            if distinct {
                let mut slots = vec![0; 1 << bits];
                for (position, &key) in keys.iter().enumerate() {
                    slots[slot(key, multiplier, shift)] = u32::try_from(position).ok()?;
                }
                return Some(Perfect {
                    multiplier,
                    shift,
                    slots,
                    pilots: None,
                });
            }
        }
    }
    None
}

/// How many pairs of multipliers the two-level search tries before giving up.
const TWO_LEVEL_TRIES: usize = 16;

/// Buckets of about 4 codes, and at least 1.25 slots per code (a power of two, so
/// between 1.25 and 2.5), which leaves every bucket's pilot search a few tries.
fn two_levels(keys: &[u64], state: &mut u64) -> Option<Perfect> {
    let bucket_bits = bits_for(keys.len().div_ceil(4)).max(1);
    let slot_bits = bits_for(keys.len() + keys.len() / 4).max(1);
    let (bucket_shift, shift) = (64 - bucket_bits, 64 - slot_bits);
    'tries: for _ in 0..TWO_LEVEL_TRIES {
        let (first, second) = (splitmix(state) | 1, splitmix(state) | 1);
        let mut buckets = vec![Vec::new(); 1 << bucket_bits];
        for (position, &key) in keys.iter().enumerate() {
            let product = key.wrapping_mul(first);
            buckets[slot(key, first, bucket_shift)].push((product, position));
        }
        // The largest buckets first, ties in bucket order: deterministic.
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut taken = vec![false; 1 << slot_bits];
        let mut pilots = vec![0; buckets.len()];
        let mut landed = Vec::new();
        for b in order.into_iter().take_while(|&b| !buckets[b].is_empty()) {
            let placed = (0..=u16::MAX).find(|&pilot| {
                landed.clear();
                buckets[b].iter().all(|&(product, _)| {
                    let at = piloted(product, pilot, second, shift);
                    let free = !taken[at] && !landed.contains(&at);
                    landed.push(at);
                    free
                })
            });
            let Some(pilot) = placed else {
                continue 'tries;
            };
            pilots[b] = pilot;
            for &at in &landed {
                taken[at] = true;
            }
        }
        let mut slots = vec![0; 1 << slot_bits];
        for (b, bucket) in buckets.iter().enumerate() {
            for &(product, position) in bucket {
                slots[piloted(product, pilots[b], second, shift)] = u32::try_from(position).ok()?;
            }
        }
        return Some(Perfect {
            multiplier: first,
            shift: bucket_shift,
            slots,
            pilots: Some(Pilots {
                pilots,
                multiplier: second,
                shift,
            }),
        });
    }
    None
}

/// The next number of the SplitMix64 sequence: well-spread odd multipliers, the same
/// on every machine.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::{
        BytePos, MAX_KEY_BYTES, ONE_LEVEL_MAX, Perfect, bytes_key, find, key_bytes, piloted, slot, splitmix,
    };

    /// The slot `from_code` computes for `key`.
    fn slot_of(hash: &Perfect, key: u64) -> usize {
        let at = slot(key, hash.multiplier, hash.shift);
        match &hash.pilots {
            None => at,
            Some(p) => piloted(
                key.wrapping_mul(hash.multiplier),
                p.pilots[at],
                p.multiplier,
                p.shift,
            ),
        }
    }

    fn check(keys: &[u64]) -> Perfect {
        let hash = find(keys).unwrap_or_else(|| panic!("no hash for {} keys", keys.len()));
        let mut seen = std::collections::HashSet::new();
        for (position, &key) in keys.iter().enumerate() {
            let at = slot_of(&hash, key);
            assert!(seen.insert(at), "two keys in slot {at}");
            assert_eq!(hash.slots[at] as usize, position);
        }
        assert!(hash.slots.len() <= keys.len().next_power_of_two() << 5);
        if let Some(p) = &hash.pilots {
            // At most 2.5 slots per code, and about 4 codes per bucket.
            assert!(
                hash.slots.len() * 2 <= keys.len() * 5,
                "{} slots",
                hash.slots.len()
            );
            assert!(
                p.pilots.len() * 4 < keys.len() * 2 + 4,
                "{} buckets",
                p.pilots.len()
            );
        } else {
            assert!(keys.len() <= ONE_LEVEL_MAX);
            assert!(hash.slots.len() <= 1 << super::MAX_SLOT_BITS);
        }
        hash
    }

    fn scattered(n: usize, seed: u64) -> Vec<u64> {
        let mut state = seed;
        (0..n).map(|_| splitmix(&mut state)).collect()
    }

    #[test]
    fn every_key_gets_its_own_slot() {
        check(&[20000, 20100, 40000, 40001, 40100, 50000, 50401]);
        check(&[0]);
        check(&[u64::MAX, 0, 1, i64::MIN as u64, (-2i64) as u64]);
        check(&(0..256).collect::<Vec<_>>());
        check(&(0..256).map(|n| n * 1_000_003 + 7).collect::<Vec<_>>());
        check(&(100..=599).step_by(2).collect::<Vec<u64>>());
    }

    #[test]
    fn codes_one_multiplier_cannot_separate_get_a_second_level() {
        for n in [2, 3, 100, 256, 257, 300, 512, 513, 700, 1000, ONE_LEVEL_MAX] {
            for seed in 0..3 {
                check(&scattered(n, seed));
            }
            check(&(0..n as u64).map(|i| i * 7_919 % 100_000).collect::<Vec<_>>());
        }
        // Dense and negative codes, as tables of HTTP statuses or signed codes have.
        check(&(0..ONE_LEVEL_MAX as u64).collect::<Vec<_>>());
        check(
            &(0..ONE_LEVEL_MAX as i64)
                .map(|n| (n * 37 - 20_000) as u64)
                .collect::<Vec<_>>(),
        );
        assert!(find(&scattered(256, 7)).is_some_and(|hash| hash.pilots.is_some()));
    }

    #[test]
    fn the_same_keys_give_the_same_hash() {
        for keys in [(0..130).map(|n| 1000 + n * 37).collect(), scattered(900, 1)] {
            let (a, b) = (find(&keys).expect("a hash"), find(&keys).expect("a hash"));
            let pilots = |h: &Perfect| {
                h.pilots
                    .as_ref()
                    .map(|p| (p.pilots.clone(), p.multiplier, p.shift))
            };
            assert_eq!(
                (a.multiplier, a.shift, &a.slots, pilots(&a)),
                (b.multiplier, b.shift, &b.slots, pilots(&b))
            );
        }
    }

    #[test]
    fn larger_tables_always_take_two_levels() {
        // Dense codes one multiplier would separate, then scattered, up to the sizes of
        // the compile-time benchmark.
        for n in [ONE_LEVEL_MAX + 1, 1_500, 20_000] {
            let hash = check(&(0..n as u64).collect::<Vec<_>>());
            assert!(hash.pilots.is_some(), "{n} dense keys in one level");
            check(&scattered(n, 5));
        }
        check(&(0..100_000).map(|n| n * 3 + 100).collect::<Vec<_>>());
    }

    #[test]
    fn no_keys_no_hash() {
        assert!(find(&[]).is_none());
        // Keys that repeat (two string codes with one key) cannot be separated.
        assert!(find(&[3, 1, 3]).is_none());
    }

    /// `key_bytes`'s positions, with the keys they give `codes` (all distinct).
    fn few_bytes(codes: &[&str]) -> Option<Vec<BytePos>> {
        let positions = key_bytes(codes)?;
        let mut keys: Vec<u64> = codes.iter().map(|c| bytes_key(&positions, c)).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), codes.len(), "{codes:?} by {positions:?}");
        assert!(positions.len() <= MAX_KEY_BYTES);
        Some(positions)
    }

    #[test]
    fn a_few_bytes_tell_error_codes_apart() {
        // Serplify's codes: the length and the third byte from the end.
        let serplify = [
            "bad_request",
            "unauthorized",
            "insufficient_balance",
            "budget_exceeded",
            "forbidden",
            "not_found",
            "invalid_location",
            "invalid_language",
            "invalid_keyword",
            "rate_limited",
            "task_not_ready",
            "task_failed",
            "internal_error",
        ];
        assert_eq!(few_bytes(&serplify), Some(vec![BytePos::Back(2)]));
        // Codes of distinct lengths need no byte; one code, none either.
        assert_eq!(few_bytes(&["a", "bb", "ccc"]), Some(vec![]));
        assert_eq!(few_bytes(&["only"]), Some(vec![]));
        // Short codes read 0 past either end, and UTF-8 is bytes like any other.
        let short = ["", "a", "é", "aé", "éa", "a\0"];
        assert_eq!(few_bytes(&short), Some(vec![BytePos::Front(0)]));
        let numbered: Vec<String> = (0..5_000).map(|i| format!("reason_{i}")).collect();
        let numbered: Vec<&str> = numbered.iter().map(String::as_str).collect();
        assert!(few_bytes(&numbered).is_some());
    }

    #[test]
    fn bytes_past_either_end_read_zero() {
        let (a, b) = (u64::from(b'a'), u64::from(b'b'));
        let far = [BytePos::Front(2), BytePos::Back(2)];
        assert_eq!(bytes_key(&far, "ab"), 2);
        let near = [BytePos::Front(0), BytePos::Back(0)];
        assert_eq!(bytes_key(&near, "ab"), 2 ^ a << 8 ^ b << 16);
        assert_eq!(bytes_key(&near, ""), 0);
    }

    #[test]
    fn codes_no_few_bytes_tell_apart_take_every_byte() {
        // Differing only further than `KEY_REACH` bytes from both ends.
        let deep: Vec<String> = (0..100)
            .map(|i| format!("request_for_the_resource_{i:03}_was_rejected_by_upstream"))
            .collect();
        let deep: Vec<&str> = deep.iter().map(String::as_str).collect();
        assert_eq!(key_bytes(&deep), None);
        // Each position tells one code from the others: more than `MAX_KEY_BYTES`.
        let one_each: Vec<String> = (0..12)
            .map(|k| (0..12).map(|i| if i == k { 'b' } else { 'a' }).collect())
            .collect();
        let one_each: Vec<&str> = one_each.iter().map(String::as_str).collect();
        assert_eq!(key_bytes(&one_each), None);
        assert!(key_bytes(&one_each[..MAX_KEY_BYTES + 1]).is_some());
    }

    #[test]
    fn varied_texts_get_distinct_keys_whenever_positions_are_found() {
        let mut state = 7;
        let mut found = 0;
        for round in 0..200 {
            let n = 2 + round % 150;
            let texts: std::collections::BTreeSet<String> = (0..n)
                .map(|_| {
                    let len = (splitmix(&mut state) % 24) as usize;
                    (0..len)
                        .map(|_| ['a', 'b', '_', 'é', '0', '\u{1F600}'][(splitmix(&mut state) % 6) as usize])
                        .collect()
                })
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            found += usize::from(few_bytes(&texts).is_some());
        }
        assert!(found > 100, "{found} of 200");
    }

    #[test]
    fn string_keys_depend_on_every_byte_and_the_length() {
        let codes = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "\0a",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefgh\0",
            "bbcdefgh",
            "error_code_1",
            "error_code_2",
        ];
        let keys: Vec<u64> = codes.iter().map(|c| super::str_key(c)).collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len(), "{keys:?}");
        // The words are read little-endian: "a" is the byte 0x61 three times over.
        let a = (1u64.rotate_left(super::STR_KEY_ROTATE) ^ 0x61_6161).wrapping_mul(super::PILOT_MIX);
        assert_eq!(super::str_key("a"), a);
        let strings: Vec<u64> = (0..5_000)
            .map(|i| super::str_key(&format!("reason_{i}")))
            .collect();
        check(&strings);
    }
}
