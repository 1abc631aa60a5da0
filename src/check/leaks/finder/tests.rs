//! The finder against Aho-Corasick, on chosen and on random needles.

use super::Finder;
use aho_corasick::AhoCorasick;
use proptest::prelude::*;

/// (needle, start, end) of each occurrence.
type Matches = Vec<(usize, usize, usize)>;

/// (needle, start, end) of every occurrence, sorted: the finder's and
/// Aho-Corasick's overlapping search's.
fn both(needles: &[Vec<u8>], haystack: &[u8]) -> (Matches, Matches) {
    let mut fast = Vec::new();
    Finder::new(needles).for_each(haystack, |id, start, end| fast.push((id, start, end)));
    fast.sort_unstable();
    let mut plain: Vec<(usize, usize, usize)> = AhoCorasick::new(needles)
        .expect("automaton")
        .find_overlapping_iter(haystack)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    plain.sort_unstable();
    (fast, plain)
}

fn bytes(texts: &[&str]) -> Vec<Vec<u8>> {
    texts.iter().map(|t| t.as_bytes().to_vec()).collect()
}

#[test]
fn reports_every_occurrence() {
    let needles = bytes(&[
        "abcdef",
        "cdef",
        "bcd",
        "abcd",
        "ddef",
        "ef g",
        "xyzw",
        "käthe m",
        "abcdefghijklmnopq",
        "abcdefghijklmnopqr",
        "abcdefgh",
        "b",
        "abcd",
    ]);
    for haystack in [
        "",
        "abc",
        "abcdef",
        "xxabcdefgh abcd ef g ddddef",
        "bcdabcdxyzwxyz käthe müller käthe m abcdefghijklmnopqrs",
    ] {
        let (fast, plain) = both(&needles, haystack.as_bytes());
        assert_eq!(fast, plain, "{haystack:?}");
    }
    let finder = Finder::new(&bytes(&["30231"]));
    assert!(finder.is_match(b"49302312"));
    assert!(!finder.is_match(b"4930213|3023"));
}

#[test]
fn long_ranges_are_narrowed_byte_by_byte() {
    // 40 needles with one prefix: the range is narrowed, not scanned.
    let needles: Vec<Vec<u8>> = (0..40)
        .map(|i| format!("frau beispiel{}", "x".repeat(i)).into_bytes())
        .chain([b"frau beis".to_vec(), b"frau".to_vec()])
        .collect();
    let haystack = b"frau beispielxxxxx frau beis frau beispiel frau";
    let (fast, plain) = both(&needles, haystack);
    assert_eq!(fast, plain);
}

const ALPHABET: &[u8] = b"ab c\xff";

/// Needles that share prefixes of any length with each other (a stem
/// cut anywhere, then a tail), and a haystack made of some of them and
/// noise, so that every tier and long ranges are exercised.
fn case() -> impl Strategy<Value = (Vec<Vec<u8>>, Vec<u8>)> {
    let bytes =
        |len: std::ops::Range<usize>| prop::collection::vec(prop::sample::select(ALPHABET), len);
    (
        bytes(0..80),
        prop::collection::vec((0..80usize, bytes(1..12)), 1..120),
    )
        .prop_map(|(stem, cuts)| {
            cuts.into_iter()
                .map(|(cut, tail)| [&stem[..cut.min(stem.len())], &tail].concat())
                .collect::<Vec<_>>()
        })
        .prop_flat_map(move |needles| {
            let piece = prop_oneof![prop::sample::select(needles.clone()), bytes(0..6)];
            let haystack = prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat());
            (Just(needles), haystack)
        })
}

proptest! {
    #[test]
    fn agrees_with_aho_corasick((needles, haystack) in case()) {
        let (fast, plain) = both(&needles, &haystack);
        prop_assert_eq!(fast, plain);
    }

    #[test]
    fn word_starts_agree_with_aho_corasick((needles, haystack) in case()) {
        let (_, plain) = both(&needles, &haystack);
        let plain: Vec<_> = plain
            .into_iter()
            .filter(|&(_, start, _)| {
                let at_word = haystack[start].is_ascii_alphanumeric() || !haystack[start].is_ascii();
                at_word && (start == 0 || !haystack[start - 1].is_ascii_alphanumeric())
            })
            .collect();
        let mut fast = Vec::new();
        Finder::new(&needles).for_each_word(&haystack, |id, start, end| fast.push((id, start, end)));
        fast.sort_unstable();
        prop_assert_eq!(fast, plain);
    }
}
