//! Eight bytes at a time in a `u64` (little-endian: byte `i` is bits
//! `8i..8i+8`), each answer as the high bit of every byte it holds for.

/// One in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes of `x` (all ASCII) greater than `n` (at most 0x7f).
pub fn greater(x: u64, n: u8) -> u64 {
    (x + u64::from(0x7f - n) * ONES) & HIGH
}

/// Bytes of `x` that are zero.
pub fn zeros(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x | !HIGH)
}

/// Bytes of `x` equal to one of `bytes`.
#[inline]
pub fn equal_to_any(x: u64, bytes: &[u8]) -> u64 {
    (bytes.iter()).fold(0, |found, &byte| {
        found | zeros(x ^ (u64::from(byte) * ONES))
    })
}

/// Bytes of `x` (any) in `low..=high`, both ASCII and `low` above 0.
pub fn in_range(x: u64, low: u8, high: u8) -> u64 {
    let ascii = x & !HIGH;
    greater(ascii, low - 1) & !greater(ascii, high) & !x
}

/// Bytes of `x` that are ASCII letters or digits.
pub fn alphanumeric(x: u64) -> u64 {
    in_range(x, b'0', b'9') | in_range(x, b'A', b'Z') | in_range(x, b'a', b'z')
}

/// The eight bytes at `at`, if there are eight.
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_classes_agree_with_std() {
        for byte in 0..=255u8 {
            let x = u64::from_le_bytes([b'x', byte, 0, 0xff, b' ', byte, b'7', byte]);
            let at = |mask: u64, i: usize| mask >> (8 * i + 7) & 1 == 1;
            assert_eq!(at(alphanumeric(x), 1), byte.is_ascii_alphanumeric());
            assert_eq!(at(in_range(x, b'0', b'9'), 5), byte.is_ascii_digit());
            assert_eq!(at(zeros(x), 7), byte == 0);
            let quote_or_x = equal_to_any(x, b"\"x");
            assert_eq!(at(quote_or_x, 1), byte == b'"' || byte == b'x');
            assert!(at(quote_or_x, 0) && !at(quote_or_x, 4));
            assert!(at(alphanumeric(x), 0) && !at(alphanumeric(x), 3) && at(zeros(x), 2));
        }
    }
}
