//! The small parts of the finder: hashes, bitsets of hashes, comparisons
//! eight bytes at a time.

const ONES: u64 = 0x0101_0101_0101_0101;
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` that is an ASCII letter or digit.
pub fn alphanumeric(x: u64) -> u64 {
    let ascii = x & !HIGH;
    // The high bit of every byte of `ascii` greater than `n`.
    let greater = |n: u8| (ascii + u64::from(0x7f - n) * ONES) & HIGH;
    let digit = greater(b'0' - 1) & !greater(b'9');
    let upper = greater(b'A' - 1) & !greater(b'Z');
    let lower = greater(b'a' - 1) & !greater(b'z');
    (digit | upper | lower) & !x
}

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

/// A hash of a few bytes, eight at a time.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.chunks(8).fold(0, |hash, chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        hash ^ (hash >> 29)
    })
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
