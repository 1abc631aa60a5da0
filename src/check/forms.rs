//! The forms of an output file that the leak scan searches, made in one pass.
//!
//! From the decoded text (entities and percent-encoding resolved) come: the
//! plain text (tags removed, block ends as spaces, no zero-width spaces), and
//! the folded decoded and folded plain text (whitespace runs as one space,
//! lower case). One walk over the bytes builds all three, the same as
//! `strip_tags` and `normalise_text` one after the other, at a third of the cost.

use super::leaks::{normalise_text, strip_tags};

/// The three forms of a decoded text.
#[derive(Debug, PartialEq, Eq)]
pub struct Forms {
    /// Tags removed (`strip_tags`).
    pub plain: String,
    /// The decoded text folded (`normalise_text`), as UTF-8 bytes.
    pub folded: Vec<u8>,
    /// The plain text folded, as UTF-8 bytes.
    pub folded_plain: Vec<u8>,
}

/// A text being folded: whitespace runs as one space between words, lower case.
#[derive(Default)]
struct Folded {
    bytes: Vec<u8>,
    /// A space is due before the next word.
    space: bool,
}

impl Folded {
    fn with_capacity(capacity: usize) -> Self {
        Folded {
            bytes: Vec::with_capacity(capacity),
            space: false,
        }
    }

    fn whitespace(&mut self) {
        self.space = !self.bytes.is_empty();
    }

    /// Fold `text` onto the end. Eight bytes at a time where they are ASCII
    /// words with single spaces inside (most of a page); byte by byte, with
    /// no branch on the byte, elsewhere.
    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let start = self.bytes.len();
        // Lower case grows a character by at most half its bytes (`İ` → `i̇`);
        // with one pending space and room for one more character or chunk,
        // this bounds every write below.
        self.bytes.resize(start + bytes.len() * 2 + 10, 0);
        let mut written = start;
        let mut space = self.space;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(lower) = bytes[i..].first_chunk::<8>().and_then(|c| simple_chunk(*c)) {
                if space {
                    self.bytes[written] = b' ';
                    written += 1;
                    space = false;
                }
                self.bytes[written..written + 8].copy_from_slice(&lower);
                written += 8;
                i += 8;
                continue;
            }
            let stop = (i + 8).min(bytes.len());
            while i < stop {
                let byte = bytes[i];
                if byte.is_ascii() {
                    i += 1;
                    let whitespace = is_whitespace(byte);
                    self.bytes[written] = b' ';
                    written += usize::from(space && !whitespace);
                    self.bytes[written] = byte.to_ascii_lowercase();
                    written += usize::from(!whitespace);
                    space = whitespace && written > 0;
                    continue;
                }
                let c = text[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                if c.is_whitespace() {
                    space = written > 0;
                    continue;
                }
                if space {
                    self.bytes[written] = b' ';
                    written += 1;
                    space = false;
                }
                for lower in c.to_lowercase() {
                    written += lower
                        .encode_utf8(&mut self.bytes[written..written + 4])
                        .len();
                }
            }
        }
        self.bytes.truncate(written);
        self.space = space;
    }

    /// Append a segment folded on its own (`segment`, with whether its text
    /// began with whitespace) as if its text had been folded onto the end.
    fn append(&mut self, segment: &Folded, leading_whitespace: bool) {
        if segment.bytes.is_empty() {
            if leading_whitespace {
                self.whitespace();
            }
            return;
        }
        if (self.space || leading_whitespace) && !self.bytes.is_empty() {
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(&segment.bytes);
        self.space = segment.space;
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` (all ASCII) that is greater than `n`.
fn greater(x: u64, n: u8) -> u64 {
    (x + u64::from(0x7f - n) * ONES) & HIGH
}

/// Eight bytes that fold by lowering case alone: ASCII, no whitespace but
/// single spaces, neither first nor last. Returns them in lower case.
fn simple_chunk(chunk: [u8; 8]) -> Option<[u8; 8]> {
    let x = u64::from_le_bytes(chunk);
    if x & HIGH != 0 {
        return None;
    }
    let blank = x ^ (0x20 * ONES);
    let spaces = !(((blank & !HIGH) + !HIGH) | blank | !HIGH);
    let controls = greater(x, 0x08) & !greater(x, 0x0d);
    let edges = HIGH & (0x80 | 0x80 << 56);
    if controls != 0 || spaces & (spaces << 8) != 0 || spaces & edges != 0 {
        return None;
    }
    let upper = greater(x, b'A' - 1) & !greater(x, b'Z');
    Some((x | upper >> 2).to_le_bytes())
}

/// ASCII whitespace as `char::is_whitespace` counts it (with vertical tab).
fn is_whitespace(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == 0x0b
}

/// All three forms of `decoded`.
pub fn forms(decoded: &str) -> Forms {
    // `str::to_lowercase` lowers a capital sigma by its neighbours, which tags
    // and folding change: such text takes the step-by-step path.
    if decoded.contains('Σ') {
        let plain = strip_tags(decoded);
        return Forms {
            folded: normalise_text(decoded).into_bytes(),
            folded_plain: normalise_text(&plain).into_bytes(),
            plain,
        };
    }
    let mut plain = String::with_capacity(decoded.len());
    let mut folded = Folded::with_capacity(decoded.len());
    let mut folded_plain = Folded::with_capacity(decoded.len());
    let mut segment = Folded::default();
    let mut rest = decoded;
    loop {
        // Text up to the next tag: the same words in every form.
        let text_end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        let text = &rest[..text_end];
        if text.contains('\u{200b}') {
            let visible: String = text.chars().filter(|&c| c != '\u{200b}').collect();
            folded.push(text);
            folded_plain.push(&visible);
            plain.push_str(&visible);
        } else if !text.is_empty() {
            segment.bytes.clear();
            segment.space = false;
            segment.push(text);
            let leading_whitespace = text.chars().next().is_some_and(char::is_whitespace);
            folded.append(&segment, leading_whitespace);
            folded_plain.append(&segment, leading_whitespace);
            plain.push_str(text);
        }
        if text_end == rest.len() {
            break;
        }
        // The tag: only the folded decoded text keeps it; a block end is a
        // space in the plain text. A tag never closed is no text at all.
        let after = &rest[text_end + 1..];
        let Some(close) = memchr::memchr(b'>', after.as_bytes()) else {
            folded.push(&rest[text_end..]);
            break;
        };
        folded.push(&rest[text_end..text_end + close + 2]);
        if ends_block(&after[..close]) {
            plain.push(' ');
            folded_plain.whitespace();
        }
        rest = &after[close + 1..];
    }
    Forms {
        plain,
        folded: folded.bytes,
        folded_plain: folded_plain.bytes,
    }
}

/// Whether a tag (the text between `<` and `>`) ends a block of text.
pub fn ends_block(tag: &str) -> bool {
    const BLOCKS: &[&[u8]] = &[
        b"p", b"div", b"li", b"td", b"th", b"tr", b"br", b"h1", b"h2", b"h3", b"h4", b"section",
        b"article", b"dd", b"dt", b"title", b"desc", b"text", b"option",
    ];
    let tag = tag.trim_start_matches('/').as_bytes();
    // The name ends at whitespace or `/`; a non-ASCII byte is not part of any
    // block name, so the name can only match if it ended before one.
    let end = tag
        .iter()
        .position(|&b| b == b'/' || !b.is_ascii() || is_whitespace(b))
        .unwrap_or(tag.len());
    let ended = end == tag.len() || tag[end].is_ascii() || {
        let rest = String::from_utf8_lossy(&tag[end..]);
        rest.chars().next().is_some_and(char::is_whitespace)
    };
    let name = &tag[..end];
    ended && name.len() <= 7 && BLOCKS.iter().any(|block| name.eq_ignore_ascii_case(block))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step_by_step(decoded: &str) -> Forms {
        let plain = strip_tags(decoded);
        Forms {
            folded: normalise_text(decoded).into_bytes(),
            folded_plain: normalise_text(&plain).into_bytes(),
            plain,
        }
    }

    #[test]
    fn same_as_step_by_step() {
        for text in [
            "",
            "  Kat<b>rin</b> Bei<span class=\"x\">spiel</span><p>x  ",
            "<P>A\u{a0}B</P>\n<td\tclass=y>Ü\u{200b}ß</td><unterminated Ä",
            "a<br/>b< >c<>d",
            "ΑΣ<b>Α</b> Σ",
            "\u{b}x\u{85}y\u{3000}İ\u{212a}",
            "İİİİ İ<p>İ</p>ẞİ İ",
        ] {
            assert_eq!(forms(text), step_by_step(text), "{text:?}");
        }
    }

    #[test]
    fn chunks_fold_like_bytes() {
        assert_eq!(simple_chunk(*b"Ab Cd-Ze"), Some(*b"ab cd-ze"));
        assert_eq!(simple_chunk(*b"@[`{AZaz"), Some(*b"@[`{azaz"));
        for chunk in [
            b" abcdefg",
            b"abcdefg ",
            b"ab  cdef",
            b"ab\ncdefg",
            b"ab\tcdefg",
        ] {
            assert_eq!(simple_chunk(*chunk), None);
        }
        assert_eq!(simple_chunk(*b"ab\xc3\xa4cdef"), None);
    }

    #[test]
    fn same_on_random_prose() {
        let words = [
            "Agentur",
            "für",
            "ARBEIT",
            "a",
            "<p>",
            "</td>",
            " ",
            "  ",
            "\n    ",
            "Zuständigkeit",
            "x\u{a0}y",
            "İ",
            "<br/>",
            "\u{200b}",
            "Leistung.",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut next = |n: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % n as u64) as usize
            };
            let length = next(30);
            let text: String = (0..length)
                .map(|_| {
                    let word = words[next(words.len())];
                    if next(2) == 0 {
                        format!("{word} ")
                    } else {
                        word.to_string()
                    }
                })
                .collect();
            assert_eq!(forms(&text), step_by_step(&text), "{text:?}");
        }
    }

    #[test]
    fn same_on_random_text() {
        let alphabet: Vec<char> = " <>/pPbrdivTD\u{a0}\u{200b}\n\tÄßΣİaZ\u{b}"
            .chars()
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut next = |n: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % n as u64) as usize
            };
            let length = next(40);
            let text: String = (0..length)
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            assert_eq!(forms(&text), step_by_step(&text), "{text:?}");
        }
    }
}
