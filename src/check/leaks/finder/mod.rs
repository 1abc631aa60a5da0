//! Every occurrence of many literal needles in a large text, fast: the leak
//! scan's hot loop.
//!
//! The needles are sorted into tiers by length, each keyed on a prefix as
//! long as its shortest needle (1, 4, 8, 16, 32 or 64 bytes), so that a long
//! needle is only looked at where its first words stand. A bitset of the
//! hashed 4-byte prefixes of all needles rules out almost every position of
//! a clean text with one table lookup. At a remaining position each tier
//! checks bitsets of its own: of the first four and of the last eight bytes
//! of its prefix; then it looks the prefix up in a hash table of the ranges
//! of its sorted needles and narrows the range byte by byte (in sorted order
//! the needles that go on with the same byte stand together), reporting
//! each needle that ends on the way. Building is a sort, not an automaton:
//! 100 000 needles take milliseconds, where an Aho-Corasick automaton takes
//! a third of a second.
//!
//! [`Finder::for_each`] reports every occurrence of every needle, the same
//! set as `AhoCorasick::find_overlapping_iter` (empty needles are left out);
//! [`Finder::for_each_word`] those that do not start right after an ASCII
//! letter or digit, at a fraction of the cost in prose;
//! [`Finder::for_each_at`] those that start at given places.

mod bits;
#[cfg(test)]
mod tests;

use super::swar::{alphanumeric, HIGH};
use bits::{hash, hash4, hash8, partition, starts_with, Bitset};
use rayon::prelude::*;

/// Ranges at most this long are checked needle by needle.
const LINEAR: usize = 8;
/// The prefix each tier is keyed on; a needle belongs to the last tier
/// whose prefix it covers.
const PREFIXES: [usize; 6] = [1, 4, 8, 16, 32, 64];

/// A set of needles, ready to search.
#[derive(Debug)]
pub struct Finder {
    tiers: Vec<Tier>,
    /// For each slot of a hashed 4-byte prefix, the tiers (bit `i` stands
    /// for `tiers[i]`) with a needle that starts with such a prefix.
    masks: Vec<u8>,
    shift: u32,
    /// The tier of the needles shorter than 4 bytes, looked at everywhere.
    short: u8,
}

/// Needles of one length class, sorted.
#[derive(Debug)]
struct Tier {
    prefix: usize,
    /// The hashed last eight bytes of their prefixes (from 8 bytes on).
    tails: Bitset,
    /// The hashed prefixes.
    prefixes: Bitset,
    /// Open addressing: the needles (a range of sorted needles) of each prefix.
    groups: Vec<Group>,
    /// The sorted needles one after another.
    bytes: Vec<u8>,
    /// Where each sorted needle starts in `bytes`, and one more entry.
    starts: Vec<u32>,
    /// The needle index (as given to [`Finder::new`]) of each sorted needle.
    ids: Vec<u32>,
}

/// The sorted needles `lo..hi` that share a prefix with this hash; `hi` is
/// 0 in an empty slot.
#[derive(Clone, Copy, Debug, Default)]
struct Group {
    hash: u64,
    lo: u32,
    hi: u32,
}

impl Finder {
    /// The finder for `needles`; match `i` is the `i`-th needle.
    pub fn new<S: AsRef<[u8]> + Sync>(needles: &[S]) -> Finder {
        let mut by_tier: [Vec<u32>; PREFIXES.len()] = Default::default();
        let mut firsts = Vec::new();
        for (id, needle) in needles.iter().enumerate() {
            let needle = needle.as_ref();
            if let Some(tier) = PREFIXES.iter().rposition(|&p| p <= needle.len()) {
                by_tier[tier].push(id as u32);
            }
            if let Some(first) = needle.first_chunk::<4>() {
                firsts.push(hash4(*first));
            }
        }
        firsts.sort_unstable();
        firsts.dedup();
        let tiers: Vec<Tier> = by_tier
            .into_par_iter()
            .zip(PREFIXES)
            .filter(|(ids, _)| !ids.is_empty())
            .map(|(ids, prefix)| Tier::new(needles, ids, prefix))
            .collect();
        // 32 slots per prefix: few false candidates, and 4 to 64 KiB.
        let slots = (firsts.len() * 32)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 16);
        let shift = 64 - slots.trailing_zeros();
        let mut masks = vec![0u8; slots];
        let mut short = 0;
        for (i, tier) in tiers.iter().enumerate() {
            if tier.prefix < 4 {
                short |= 1 << i;
            }
            for index in 0..tier.ids.len() {
                if let Some(first) = tier.needle(index).first_chunk::<4>() {
                    masks[(hash4(*first) >> shift) as usize] |= 1 << i;
                }
            }
        }
        Finder {
            tiers,
            masks,
            shift,
            short,
        }
    }

    /// Call `found(needle, start, end)` for every occurrence of every needle
    /// in `haystack`, in no particular order.
    pub fn for_each(&self, haystack: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        if self.tiers.is_empty() {
            return;
        }
        for at in 0..haystack.len() {
            self.matches_at(haystack, at, &mut found);
        }
    }

    /// [`Finder::for_each`] for the occurrences that start a word: at an
    /// ASCII letter or digit or a byte outside ASCII, at the start of
    /// `haystack` or after a byte that is not an ASCII letter or digit.
    pub fn for_each_word(&self, haystack: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let found = &mut found;
        if self.tiers.is_empty() {
            return;
        }
        let mut after_word = false;
        let mut block = |at: usize, word: u64| {
            let alphanumeric = alphanumeric(word);
            let after = alphanumeric << 8 | u64::from(after_word) << 7;
            let mut starts = (alphanumeric | word) & !after & HIGH;
            after_word = alphanumeric >> 63 != 0;
            while starts != 0 {
                self.matches_at(haystack, at + starts.trailing_zeros() as usize / 8, found);
                starts &= starts - 1;
            }
        };
        // Eight bytes per load; the last few padded with zero bytes, which
        // start no word.
        let blocks = haystack.chunks_exact(8);
        let rest = blocks.remainder();
        for (index, bytes) in blocks.enumerate() {
            block(
                index * 8,
                u64::from_le_bytes(bytes.try_into().unwrap_or_default()),
            );
        }
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            block(haystack.len() - rest.len(), u64::from_le_bytes(word));
        }
    }

    /// [`Finder::for_each`] for the occurrences that start at one of
    /// `starts` (the start of a word glued to the word before it).
    pub fn for_each_at(
        &self,
        haystack: &[u8],
        starts: impl IntoIterator<Item = usize>,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        if self.tiers.is_empty() {
            return;
        }
        for at in starts.into_iter().filter(|&at| at < haystack.len()) {
            self.matches_at(haystack, at, &mut found);
        }
    }

    #[inline]
    fn matches_at(&self, haystack: &[u8], at: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let mut tiers = self.short;
        if let Some(first) = haystack.get(at..).and_then(<[u8]>::first_chunk::<4>) {
            tiers |= self.masks[(hash4(*first) >> self.shift) as usize];
        }
        while tiers != 0 {
            let tier = tiers.trailing_zeros() as usize;
            tiers &= tiers - 1;
            self.tiers[tier].matches_at(haystack, at, found);
        }
    }

    /// Whether any needle occurs in `haystack`.
    pub fn is_match(&self, haystack: &[u8]) -> bool {
        let mut any = false;
        self.for_each(haystack, |_, _, _| any = true);
        any
    }
}

impl Tier {
    fn new<S: AsRef<[u8]> + Sync>(needles: &[S], mut ids: Vec<u32>, prefix: usize) -> Tier {
        let needle = |id: u32| needles[id as usize].as_ref();
        ids.par_sort_unstable_by(|&a, &b| needle(a).cmp(needle(b)));
        let total: usize = ids.iter().map(|&id| needle(id).len()).sum();
        let mut bytes = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(ids.len() + 1);
        let mut ranges: Vec<(&[u8], u32, u32)> = Vec::new();
        for (index, &id) in ids.iter().enumerate() {
            let key = &needle(id)[..prefix];
            match ranges.last_mut() {
                Some(last) if last.0 == key => last.2 += 1,
                _ => ranges.push((key, index as u32, index as u32 + 1)),
            }
            starts.push(bytes.len() as u32);
            bytes.extend_from_slice(needle(id));
        }
        starts.push(bytes.len() as u32);
        let mut tails = Bitset::new(ranges.len());
        let mut prefixes = Bitset::new(ranges.len());
        let mut groups = vec![Group::default(); (ranges.len() * 2).next_power_of_two()];
        let mask = groups.len() - 1;
        for &(key, lo, hi) in &ranges {
            if let Some(tail) = key.last_chunk::<8>() {
                tails.insert(hash8(*tail));
            }
            let hash = hash(key);
            prefixes.insert(hash);
            let mut slot = hash as usize & mask;
            while groups[slot].hi != 0 {
                slot = (slot + 1) & mask;
            }
            groups[slot] = Group { hash, lo, hi };
        }
        Tier {
            prefix,
            tails,
            prefixes,
            groups,
            bytes,
            starts,
            ids,
        }
    }

    fn needle(&self, index: usize) -> &[u8] {
        &self.bytes[self.starts[index] as usize..self.starts[index + 1] as usize]
    }

    /// Report the needles of this tier that start at `at`.
    fn matches_at(&self, haystack: &[u8], at: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let rest = &haystack[at..];
        let Some(key) = rest.get(..self.prefix) else {
            return;
        };
        // The last eight bytes of the prefix first: the cheapest to hash.
        if let Some(tail) = key.last_chunk::<8>() {
            if !self.tails.contains(hash8(*tail)) {
                return;
            }
        }
        let key_hash = hash(key);
        if !self.prefixes.contains(key_hash) {
            return;
        }
        let Some(group) = self.group(key, key_hash) else {
            return;
        };
        let (mut lo, mut hi) = (group.lo as usize, group.hi as usize);
        // Every needle in lo..hi starts with rest[..depth].
        let mut depth = self.prefix;
        loop {
            if hi - lo <= LINEAR {
                for index in lo..hi {
                    let needle = self.needle(index);
                    if starts_with(&rest[depth..], &needle[depth..]) {
                        found(self.ids[index] as usize, at, at + needle.len());
                    }
                }
                return;
            }
            // Those that end here sort first.
            while lo < hi && self.needle(lo).len() == depth {
                found(self.ids[lo] as usize, at, at + depth);
                lo += 1;
            }
            let Some(&byte) = rest.get(depth) else {
                return;
            };
            let byte_at = |index: usize| self.bytes[self.starts[index] as usize + depth];
            lo = partition(lo, hi, |index| byte_at(index) < byte);
            hi = partition(lo, hi, |index| byte_at(index) == byte);
            if lo == hi {
                return;
            }
            depth += 1;
        }
    }

    /// The group of the needles that start with `key`.
    fn group(&self, key: &[u8], key_hash: u64) -> Option<Group> {
        let mask = self.groups.len() - 1;
        let mut slot = key_hash as usize & mask;
        loop {
            let group = self.groups[slot];
            if group.hi == 0 {
                return None;
            }
            if group.hash == key_hash && self.needle(group.lo as usize).starts_with(key) {
                return Some(group);
            }
            slot = (slot + 1) & mask;
        }
    }
}
