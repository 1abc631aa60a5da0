//! Words glued to the word before them in plain text: `AbschnittKatrin
//! Beispiel` folds to one word, `abschnittkatrin beispiel`, and a reader
//! still sees the name, by its capital letter. The folder marks where such a
//! word starts in the folded text, so that the scan also looks for names
//! there. A capital starts a glued word
//!
//! - after a small letter or a digit (`AbschnittKatrin`, `2026Katrin`);
//! - after a capital, if a small letter follows (`BAMFKatrin`).
//!
//! Characters the fold drops (quotes, soft hyphens, combining marks) leave
//! no gap: `Abschnitt'Katrin` is marked too. A word glued in small letters
//! (`abschnittkatrin`) cannot be told from one word and is not marked.
//!
//! Only capitals are looked at, and each by the characters around it, so
//! that folding the rest costs nothing more.

use super::super::swar::{equal_to_any, greater, in_range, HIGH};
use super::is_invisible;

/// What a character is, for telling where a glued word starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Case {
    /// Space, punctuation, a symbol: no word goes on across it.
    Other,
    /// A small letter, or a letter without case.
    Lower,
    /// A capital letter.
    Upper,
    Digit,
}

impl Case {
    /// The case of a character.
    pub(super) fn of(c: char) -> Case {
        // ASCII and Latin-1 (`ä`, `Ö`, `ß`, `·`) without Unicode's tables.
        if let Ok(byte) = u8::try_from(c) {
            return match byte {
                b'a'..=b'z' | 0xaa | 0xb5 | 0xba => Case::Lower,
                0xdf..=0xff if byte != 0xf7 => Case::Lower,
                b'A'..=b'Z' => Case::Upper,
                0xc0..=0xde if byte != 0xd7 => Case::Upper,
                b'0'..=b'9' | 0xb2 | 0xb3 | 0xb9 | 0xbc..=0xbe => Case::Digit,
                _ => Case::Other,
            };
        }
        Case::of_unicode(c)
    }

    /// [`Case::of`] by Unicode's tables.
    pub(super) fn of_unicode(c: char) -> Case {
        if c.is_uppercase() {
            Case::Upper
        } else if c.is_numeric() {
            Case::Digit
        } else if c.is_alphabetic() {
            Case::Lower
        } else {
            Case::Other
        }
    }
}

/// Whether the fold drops a character: quotes (also fullwidth ones),
/// combining marks, characters that show nothing.
pub(super) fn dropped(c: char) -> bool {
    let quote = matches!(
        c,
        '"' | '\'' | '`' | '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»'
    );
    let more = matches!(
        c,
        '‹' | '›' | '´' | '′' | '″' | '\u{ff02}' | '\u{ff07}' | '\u{ff40}'
    );
    quote || more || matches!(c, '\u{300}'..='\u{36f}') || is_invisible(c)
}

/// Whether the capital `c` at byte `at` of `text` starts a word glued to
/// the word before it (see the module). Characters beyond `text` are not
/// looked at.
pub(super) fn starts_glued(text: &str, at: usize, c: char) -> bool {
    let visible = |c: &char| c.is_ascii_alphanumeric() || !dropped(*c);
    let Some(before) = text[..at].chars().rev().find(visible) else {
        return false;
    };
    match Case::of(before) {
        Case::Lower | Case::Digit => true,
        Case::Upper => text[at + c.len_utf8()..]
            .chars()
            .find(visible)
            .is_some_and(|after| Case::of(after) == Case::Lower),
        Case::Other => false,
    }
}

/// Whether no capital in eight ASCII bytes `x` (`upper` has the high bit of
/// each) may start a glued word, after the byte `before` (0 at the start of
/// a text). On the safe side: no capital follows a byte above `/`, a quote
/// or a byte outside ASCII. (`x` holds no quote.)
#[inline]
pub(super) fn none_in(x: u64, upper: u64, before: u8) -> bool {
    !follows(upper, greater(x, b'/'), before)
}

/// Whether any of eight bytes `x` (any), after the byte `before`, may start
/// a glued word: a capital or the first byte of a character outside ASCII
/// after a byte for which [`may_glue`] holds.
#[inline]
pub(super) fn any_in(x: u64, before: u8) -> bool {
    let after = x & HIGH | greater(x & !HIGH, b'/') | equal_to_any(x, b"\"'");
    let starts = in_range(x, b'A', b'Z') | x & x << 1 & HIGH;
    follows(starts, after, before)
}

/// Whether a byte of `starts` (eight bytes, the high bit of each) follows
/// a byte of `after`, or is the first while [`may_glue`] holds for the byte
/// `before` them.
#[inline]
fn follows(starts: u64, after: u64, before: u8) -> bool {
    starts & (after << 8 | u64::from(may_glue(before)) << 7) != 0
}

/// Whether a glued word may start after the byte `before` of a text (on
/// the safe side: a byte above `/`, a quote; 0 at the start of a text).
#[inline]
pub(super) fn may_glue(before: u8) -> bool {
    (before > b'/') | (before == b'"') | (before == b'\'')
}

/// Move the marks `starts` as `(at, removed, inserted)` replacements in the
/// folded text (in order, not overlapping) move the text; a mark inside a
/// replaced span moves to its start.
pub(super) fn move_marks(starts: &mut Vec<u32>, spans: &[(usize, usize, usize)]) {
    let mut spans = spans.iter().peekable();
    let mut shift: isize = 0;
    for start in starts.iter_mut() {
        let mut at = *start as usize;
        while let Some(&&(span, removed, inserted)) = spans.peek() {
            if at < span {
                break;
            }
            if at < span + removed {
                at = span;
                break;
            }
            shift += inserted as isize - removed as isize;
            spans.next();
        }
        *start = (at as isize + shift) as u32;
    }
    starts.dedup();
}
