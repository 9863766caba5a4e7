//! A perfect hash of an integer table's codes, found at generation time, so that
//! `from_code` is a multiplication, two independent array reads and a comparison
//! instead of a chain of range checks whose branches a stream of varied codes keeps
//! mispredicting (BENCHMARKS.md, code to variant).
//!
//! The hash is multiplicative (`code * multiplier`, keep the top `bits` bits): a
//! multiplier is searched for that sends every documented code to a slot of its own.
//! Each slot holds a code and its variant; a code the table does not list lands on
//! some slot too and fails the comparison with the code stored there. An empty slot
//! holds the first code, which lands elsewhere, so the comparison fails there as well.

/// Integer tables with more codes than this keep the `match` (their slot table
/// would outgrow a few kilobytes, and their index no longer fits a byte).
pub(super) const MAX_CODES: usize = 256;

/// How many multipliers are tried at each table size before doubling it.
const TRIES: usize = 4096;

/// Up to this many times more slots than codes (rounded up to a power of two).
const MAX_SPREAD_BITS: u32 = 5;

/// At most 2 048 slots (24 KB of slot table for `u32` codes, 48 KB for 64-bit ones),
/// so the table stays in the caches a lookup hits; a table that needs more keeps the
/// `match`.
const MAX_SLOT_BITS: u32 = 11;

/// A hash that gives every code its own slot.
pub(super) struct Perfect {
    pub multiplier: u64,
    /// `64 - bits`: the slot is the product shifted right by this much.
    pub shift: u32,
    /// For each of the `2^bits` slots, the position of the code in it (0, the first
    /// code, when empty).
    pub slots: Vec<u8>,
}

/// The slot of `key` under `multiplier` with `2^(64 - shift)` slots; the generated
/// `from_code` computes exactly this (`code as u64`, wrapping multiplication).
fn slot(key: u64, multiplier: u64, shift: u32) -> usize {
    (key.wrapping_mul(multiplier) >> shift) as usize
}

/// A perfect hash of `keys` (the codes as `u64`, two's complement for negative ones),
/// or `None` when there are too many or the search gives up. Deterministic: the same
/// keys always give the same hash, so the output stays byte-for-byte stable.
pub(super) fn find(keys: &[u64]) -> Option<Perfect> {
    if keys.is_empty() || keys.len() > MAX_CODES {
        return None;
    }
    let least = usize::BITS - (keys.len() - 1).leading_zeros();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut taken = Vec::new();
    for bits in least.max(1)..=(least.max(1) + MAX_SPREAD_BITS).min(MAX_SLOT_BITS) {
        let shift = 64 - bits;
        for _ in 0..TRIES {
            let multiplier = splitmix(&mut state) | 1;
            taken.clear();
            taken.resize(1 << bits, false);
            let distinct = keys
                .iter()
                .all(|&key| !std::mem::replace(&mut taken[slot(key, multiplier, shift)], true));
            if distinct {
                let mut slots = vec![0u8; 1 << bits];
                for (position, &key) in keys.iter().enumerate() {
                    // At most MAX_CODES (256) codes: every position fits a byte.
                    slots[slot(key, multiplier, shift)] = u8::try_from(position).ok()?;
                }
                return Some(Perfect {
                    multiplier,
                    shift,
                    slots,
                });
            }
        }
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
    use super::{MAX_CODES, find, slot};

    fn check(keys: &[u64]) {
        let hash = find(keys).unwrap_or_else(|| panic!("no hash for {} keys", keys.len()));
        let mut seen = std::collections::HashSet::new();
        for (position, &key) in keys.iter().enumerate() {
            let at = slot(key, hash.multiplier, hash.shift);
            assert!(seen.insert(at), "two keys in slot {at}");
            assert_eq!(hash.slots[at] as usize, position);
        }
        assert!(hash.slots.len() <= keys.len().next_power_of_two() << 5);
        assert!(hash.slots.len() <= 1 << super::MAX_SLOT_BITS);
    }

    #[test]
    fn every_key_gets_its_own_slot() {
        check(&[20000, 20100, 40000, 40001, 40100, 50000, 50401]);
        check(&[0]);
        check(&[u64::MAX, 0, 1, i64::MIN as u64, (-2i64) as u64]);
        check(&(0..MAX_CODES as u64).collect::<Vec<_>>());
        check(
            &(0..MAX_CODES as u64)
                .map(|n| n * 1_000_003 + 7)
                .collect::<Vec<_>>(),
        );
        check(&(100..=599).step_by(2).collect::<Vec<u64>>());
    }

    #[test]
    fn the_same_keys_give_the_same_hash() {
        let keys: Vec<u64> = (0..130).map(|n| 1000 + n * 37).collect();
        let (a, b) = (find(&keys).expect("a hash"), find(&keys).expect("a hash"));
        assert_eq!((a.multiplier, a.shift, a.slots), (b.multiplier, b.shift, b.slots));
    }

    #[test]
    fn too_many_keys_keep_the_match() {
        assert!(find(&(0..=MAX_CODES as u64).collect::<Vec<_>>()).is_none());
        assert!(find(&[]).is_none());
        // 256 scattered keys would need far more than 2 048 slots.
        let mut state = 7;
        let scattered: Vec<u64> = (0..MAX_CODES).map(|_| super::splitmix(&mut state)).collect();
        assert!(find(&scattered).is_none());
    }
}
