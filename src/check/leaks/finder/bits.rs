//! The small parts of the finder: hashes, bitsets of hashes, comparisons
//! eight bytes at a time.

/// Whether `text` starts with `prefix`, eight bytes at a time (the usual
/// needle differs from the text within its first word).
pub fn starts_with(text: &[u8], prefix: &[u8]) -> bool {
    if text.len() < prefix.len() {
        return false;
    }
    let mut text_words = text.chunks_exact(8);
    let mut prefix_words = prefix.chunks_exact(8);
    for (a, b) in (&mut text_words).zip(&mut prefix_words) {
        if a != b {
            return false;
        }
    }
    let rest = prefix_words.remainder();
    text[prefix.len() - rest.len()..prefix.len()] == *rest
}

/// The first index in `lo..hi` for which `before` is false (it is true for
/// a first part of the range and false for the rest).
pub fn partition(mut lo: usize, mut hi: usize, before: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A hash of a few bytes, eight at a time, the words multiplied side by
/// side; good in its high and its low bits.
pub fn hash(bytes: &[u8]) -> u64 {
    const SEEDS: [u64; 8] = [
        0x243F_6A88_85A3_08D3,
        0x1319_8A2E_0370_7344,
        0xA409_3822_299F_31D0,
        0x082E_FA98_EC4E_6C89,
        0x4528_21E6_38D0_1377,
        0xBE54_66CF_34E9_0C6C,
        0xC0AC_29B7_C97C_50DD,
        0x3F84_D5B5_B547_0917,
    ];
    let mut sum = bytes.len() as u64;
    for (i, chunk) in bytes.chunks(8).enumerate() {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let word = u64::from_le_bytes(word) ^ SEEDS[i % SEEDS.len()];
        sum = sum.wrapping_add(
            word.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(i as u32 * 7),
        );
    }
    let sum = (sum ^ (sum >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    sum ^ (sum >> 32)
}

/// A hash of four bytes, good in its high bits (which [`Bitset`] uses).
pub fn hash4(bytes: [u8; 4]) -> u64 {
    u64::from(u32::from_le_bytes(bytes)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A hash of eight bytes, good in its high bits.
pub fn hash8(bytes: [u8; 8]) -> u64 {
    u64::from_le_bytes(bytes).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A set of hashes, with false positives: one bit per hash.
#[derive(Debug)]
pub struct Bitset {
    words: Vec<u64>,
    shift: u32,
}

impl Bitset {
    /// Room for `entries` at about 3 % false positives, from 512 bytes
    /// (stays in the first-level cache) to 128 KiB.
    pub fn new(entries: usize) -> Bitset {
        let bits = (entries * 32).next_power_of_two().clamp(1 << 12, 1 << 20);
        Bitset {
            words: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    fn slot(&self, hash: u64) -> (usize, u64) {
        let bit = (hash >> self.shift) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    pub fn insert(&mut self, hash: u64) {
        let (word, bit) = self.slot(hash);
        self.words[word] |= bit;
    }

    pub fn contains(&self, hash: u64) -> bool {
        let (word, bit) = self.slot(hash);
        self.words[word] & bit != 0
    }
}
