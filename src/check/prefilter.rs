//! Many literal needles in a large text, fast: the leak scan's hot loop.
//!
//! A bitset of the needles' first four bytes rules out almost every position
//! of a clean text at the cost of one table lookup; at a remaining candidate an
//! anchored Aho-Corasick search checks whether a needle starts there, and only
//! then does the ordinary search run over at most one needle's length. The
//! matches are exactly those of `AhoCorasick::find_iter`, in the same order.

use aho_corasick::{AhoCorasick, Anchored, BuildError, Input, Match, StartKind};

/// Prefix bytes the bitset is keyed on; shorter needles switch the filter off.
const PREFIX: usize = 4;
const TABLE_BITS: u32 = 16;

/// A set of needles, ready to search.
#[derive(Debug)]
pub struct Finder {
    automaton: AhoCorasick,
    /// One bit per hash of a needle's first [`PREFIX`] bytes.
    prefixes: Vec<u64>,
    /// Length of the longest needle in bytes.
    longest: usize,
    /// Some needle is shorter than [`PREFIX`] bytes: search without the filter.
    unfiltered: bool,
}

impl Finder {
    /// Build the finder for `needles` (standard Aho-Corasick match semantics).
    pub fn new<I, P>(needles: I) -> Result<Finder, BuildError>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let needles: Vec<P> = needles.into_iter().collect();
        let mut prefixes = vec![0u64; 1 << (TABLE_BITS - 6)];
        let mut longest = 0;
        let mut unfiltered = false;
        for needle in &needles {
            let bytes = needle.as_ref();
            longest = longest.max(bytes.len());
            match bytes.first_chunk::<PREFIX>() {
                Some(prefix) => {
                    let bit = slot(u32::from_le_bytes(*prefix));
                    prefixes[bit / 64] |= 1 << (bit % 64);
                }
                None => unfiltered = true,
            }
        }
        let automaton = AhoCorasick::builder()
            .start_kind(StartKind::Both)
            .build(&needles)?;
        Ok(Finder {
            automaton,
            prefixes,
            longest,
            unfiltered,
        })
    }

    /// Call `found` with every match in `haystack`, as `find_iter` reports them.
    pub fn for_each_match(&self, haystack: &[u8], mut found: impl FnMut(Match)) {
        if self.unfiltered {
            self.automaton.find_iter(haystack).for_each(found);
            return;
        }
        let bytes = haystack;
        let mut at = 0;
        while let Some(window) = bytes.get(at..at + PREFIX) {
            let mut prefix = [0; PREFIX];
            prefix.copy_from_slice(window);
            let bit = slot(u32::from_le_bytes(prefix));
            if self.prefixes[bit / 64] & (1 << (bit % 64)) == 0 {
                at += 1;
                continue;
            }
            let anchored = Input::new(haystack).range(at..).anchored(Anchored::Yes);
            if self.automaton.find(anchored).is_none() {
                at += 1;
                continue;
            }
            // A needle starts here and none starts between the previous match
            // and here, so the unanchored search from here reports what
            // `find_iter` would; it ends within the longest needle's length.
            let end = (at + self.longest).min(bytes.len());
            match self.automaton.find(Input::new(haystack).range(at..end)) {
                Some(hit) => {
                    at = hit.end().max(at + 1);
                    found(hit);
                }
                None => at += 1,
            }
        }
    }
}

fn slot(prefix: u32) -> usize {
    (prefix.wrapping_mul(0x9E37_79B1) >> (32 - TABLE_BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(needles: &[&str], haystack: &str) -> (Vec<Match>, Vec<Match>) {
        let finder = Finder::new(needles).expect("finder");
        let mut fast = Vec::new();
        finder.for_each_match(haystack.as_bytes(), |m| fast.push(m));
        let plain = AhoCorasick::new(needles).expect("automaton");
        (fast, plain.find_iter(haystack).collect())
    }

    #[test]
    fn reports_what_find_iter_reports() {
        let needles = [
            "abcdef", "cdef", "bcd", "abcd", "ddef", "ef g", "xyzw", "Käthe M",
        ];
        for haystack in [
            "",
            "abc",
            "abcdef",
            "xxabcdefgh abcd ef g ddddef",
            "bcdabcdxyzwxyz Käthe Müller Käthe M",
        ] {
            let (fast, plain) = both(&needles, haystack);
            assert_eq!(fast, plain, "{haystack:?}");
        }
        let (fast, plain) = both(&["ab", "abcd"], "xxabcdab");
        assert_eq!(fast, plain);
    }

    #[test]
    fn agrees_on_random_text() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let alphabet = ['a', 'b', 'c', ' ', 'd'];
        let text = |length: usize, next: &mut dyn FnMut(u64) -> usize| -> String {
            (0..length).map(|_| alphabet[next(5)]).collect()
        };
        for _ in 0..300 {
            let needles: Vec<String> = (0..1 + next(8))
                .map(|_| text(4 + next(5), &mut next))
                .collect();
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            let haystack = text(next(200), &mut next);
            let (fast, plain) = both(&needles, &haystack);
            assert_eq!(fast, plain, "{needles:?} in {haystack:?}");
        }
    }
}
