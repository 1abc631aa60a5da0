//! Words that an inline tag glues together: `<a>Start</a>Katrin` reads
//! `StartKatrin` in the joined text, as a browser shows it, and a reader
//! still sees the name as a word of its own.

use super::super::decode::decode_in;
use super::Scratch;

/// The text part of the readable form made last by [`super::parts`] once
/// more, with a space wherever an inline tag joined the end of a word to a
/// letter or digit (`<a>Testseite</a>Katrin Beispiel` reads `Testseite
/// Katrin Beispiel`); `None` where none did. The joined form finds a name
/// split by markup (`Kat<b></b>rin`), this one a name glued to the word
/// before it, which a reader still sees as a word of its own.
pub fn unglued(scratch: &mut Scratch) -> Option<&str> {
    if scratch.glued.is_empty() {
        return None;
    }
    let Scratch {
        text,
        glued,
        unglued,
        third,
        ..
    } = scratch;
    unglued.clear();
    let mut last = 0;
    for &at in glued.iter() {
        unglued.push_str(&text[last..at]);
        unglued.push(' ');
        last = at;
    }
    unglued.push_str(&text[last..]);
    Some(decode_in(unglued, third))
}

/// Whether the text before an inline tag ends a word and the text after it
/// (`after`, raw: an entity may stand for a letter) goes on with one. Tags
/// that follow at once are looked at in their turn.
pub(super) fn joins_words(before: &str, after: &str) -> bool {
    let ends_word = before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    ends_word
        && after
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '&')
}
