//! One readable form per output file, made in a single pass: for markup
//! (HTML, XML, SVG) the text content with tags removed (block tags become a
//! space, inline ones nothing, so `Kat<b>rin</b>` reads `Katrin`), then every
//! attribute value (anything quoted in a tag), every other stretch of a tag
//! but its name and a lone attribute name before a quoted value, and every
//! comment on a line of its own (a value written shortly before is not
//! written again: what it holds is found once); script and style bodies stay
//! text. Tags are split off before entities are decoded,
//! as a browser does, so `&lt;name@example.org&gt;` is text, not a tag. JSON
//! is read string by string: each unescaped and read as markup, so the HTML
//! the open data carries is read once, as a page is. Other files are decoded
//! whole, and once more without anything tag-like in them.

mod glue;

use super::decode::{decode_in, Decoded};
use super::json::unescape_json;
use super::swar::{equal_to_any, load};
use super::text::{is_block, strip_tags_into, tag_name};
use glue::joins_words;
pub use glue::unglued;

/// File endings parsed as markup.
const MARKUP: &[&str] = &[".html", ".htm", ".xhtml", ".xml", ".svg", ".rss", ".atom"];

/// The memory the readable form of a file is made in, kept from file to file.
#[derive(Default)]
pub struct Scratch {
    text: String,
    /// Where in `text` an inline tag joined two words (see [`unglued`]).
    glued: Vec<usize>,
    /// `text` with a space where it was glued.
    unglued: String,
    extra: String,
    /// One JSON string, unescaped.
    string: String,
    recent: Recent,
    first: Decoded,
    second: Decoded,
    third: Decoded,
}

/// The readable form of the file at output path `path`, in one or two parts
/// that read as if joined by a line break.
pub fn parts<'a>(path: &str, raw: &'a str, scratch: &'a mut Scratch) -> (&'a str, Option<&'a str>) {
    let Scratch {
        text,
        glued,
        extra,
        string,
        recent,
        first,
        second,
        ..
    } = scratch;
    text.clear();
    glued.clear();
    extra.clear();
    recent.clear();
    let ends_with = |ending: &str| {
        path.len() >= ending.len()
            && path.as_bytes()[path.len() - ending.len()..].eq_ignore_ascii_case(ending.as_bytes())
    };
    if MARKUP.iter().any(|ending| ends_with(ending)) {
        split_markup(raw, text, glued, extra, recent);
        return (decode_in(text, first), Some(decode_in(extra, second)));
    }
    if ends_with(".json") {
        if split_json(raw, text, glued, extra, string, recent) {
            return (decode_in(text, first), Some(decode_in(extra, second)));
        }
        text.clear();
        glued.clear();
        extra.clear();
    }
    let decoded = decode_in(raw, first);
    if !decoded.contains('<') {
        return (decoded, None);
    }
    strip_tags_into(decoded, text);
    (decoded, Some(text))
}

/// The readable form of the file at output path `path` as one text.
#[cfg(test)]
pub fn readable(path: &str, raw: &str) -> String {
    let mut scratch = Scratch::default();
    match parts(path, raw, &mut scratch) {
        (first, Some(second)) => format!("{first}\n{second}"),
        (first, None) => first.to_string(),
    }
}

/// Append the text content of markup to `text`, its attribute values and
/// names and its comments to `extra`; note in `glued` where an inline tag
/// joined a word to the text after it.
fn split_markup(
    raw: &str,
    text: &mut String,
    glued: &mut Vec<usize>,
    extra: &mut String,
    recent: &mut Recent,
) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        if raw[start..].starts_with("<!--") {
            text.push_str(&raw[last..start]);
            let end = memchr::memmem::find(&bytes[start + 4..], b"-->")
                .map_or(raw.len(), |e| start + 4 + e);
            extra.push_str(&raw[start + 4..end]);
            extra.push('\n');
            i = (end + 3).min(raw.len());
            last = i;
            continue;
        }
        if raw[start..].starts_with("<![CDATA[") {
            // Text, which SVG and MathML show and every other reader reads.
            text.push_str(&raw[last..start]);
            let body = start + "<![CDATA[".len();
            let end = memchr::memmem::find(&bytes[body..], b"]]>").map_or(raw.len(), |e| body + e);
            text.push_str(&raw[body..end]);
            i = (end + 3).min(raw.len());
            last = i;
            continue;
        }
        let opens_tag = bytes
            .get(start + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if !opens_tag {
            i = start + 1;
            continue;
        }
        let Some(end) = tag_values(raw, start, extra, recent) else {
            break;
        };
        text.push_str(&raw[last..start]);
        let tag = &raw[start + 1..end];
        let closing = tag.starts_with('/');
        let name = tag_name(tag.trim_start_matches(['/', '!', '?']), |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b':'
        });
        if is_block(&name) {
            text.push(' ');
        } else if joins_words(text, &raw[end + 1..]) {
            glued.push(text.len());
        }
        i = end + 1;
        last = i;
        if !closing && matches!(&*name, b"script" | b"style") {
            let body_end = closing_tag(raw, i, &name).unwrap_or(raw.len());
            text.push_str(&raw[i..body_end]);
            text.push(' ');
            i = body_end;
            last = i;
        }
    }
    text.push_str(&raw[last..]);
}

/// Append JSON to `text` as written, but each string unescaped and read as
/// markup: its text in `text`, its attribute values and comments in `extra`.
/// False (with `text` and `extra` unfinished) if a string does not end or
/// holds an escape JSON does not know: then it is no JSON to read this way.
fn split_json(
    raw: &str,
    text: &mut String,
    glued: &mut Vec<usize>,
    extra: &mut String,
    string: &mut String,
    recent: &mut Recent,
) -> bool {
    let bytes = raw.as_bytes();
    let mut last = 0;
    while let Some(offset) = memchr::memchr(b'"', &bytes[last..]) {
        let open = last + offset;
        text.push_str(&raw[last..=open]);
        string.clear();
        let Some(close) = unescape_json(raw, open + 1, string) else {
            return false;
        };
        split_markup(string, text, glued, extra, recent);
        text.push('"');
        last = close + 1;
    }
    text.push_str(&raw[last..]);
    true
}

/// The attribute values written into the second part most recently, by a
/// hash of their ends: markup repeats its classes, roles and link targets
/// many times over.
struct Recent {
    /// Where each value starts in the part, and its length (0: none).
    slots: [(u32, u32); RECENT],
}

/// Values remembered.
const RECENT: usize = 64;

impl Default for Recent {
    fn default() -> Recent {
        Recent {
            slots: [(0, 0); RECENT],
        }
    }
}

impl Recent {
    fn clear(&mut self) {
        *self = Recent::default();
    }

    fn slot(value: &str) -> usize {
        let bytes = value.as_bytes();
        let word = |chunk: &[u8]| {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        };
        let first = word(&bytes[..bytes.len().min(8)]);
        let last = word(&bytes[bytes.len().saturating_sub(8)..]);
        let hash =
            (first ^ last.rotate_left(29) ^ bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - RECENT.trailing_zeros())) as usize
    }

    /// Append `value` (trimmed) to `part` as a line of its own, unless it
    /// is empty or one of the remembered values of `part`.
    #[inline]
    fn read(&mut self, value: &str, part: &mut String) {
        let value = value.trim_ascii();
        if !value.is_empty() && !self.contains(part, value) {
            self.remember(part.len(), value);
            part.push_str(value);
            part.push('\n');
        }
    }

    /// Whether `value` (not empty) is one of the remembered values of `part`.
    fn contains(&self, part: &str, value: &str) -> bool {
        let (start, len) = self.slots[Recent::slot(value)];
        let (start, len) = (start as usize, len as usize);
        len == value.len() && len > 0 && part.get(start..start + len) == Some(value)
    }

    /// Remember that `value` is written into the part at `at`.
    fn remember(&mut self, at: usize, value: &str) {
        if let (Ok(at), Ok(len)) = (u32::try_from(at), u32::try_from(value.len())) {
            self.slots[Recent::slot(value)] = (at, len);
        }
    }
}

/// Where `</name` starts at or after `from` (any case).
fn closing_tag(raw: &str, from: usize, name: &[u8]) -> Option<usize> {
    let bytes = raw.as_bytes();
    let mut i = from;
    while let Some(offset) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + offset;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// Append what the tag opened at `start` holds after its name to `out`, one
/// item per line, each unless `recent` holds it (a value already in `out`
/// has been read once, and is found there): every value, and every stretch
/// of the tag outside quotes (attribute names, `=` and unquoted values, and
/// whatever else stands there). Return where the tag ends, at its first `>`
/// outside quotes (`None`, and `out` as it was, if it never ends).
///
/// A value is what stands in quotes, or after `=` up to a space, quote or
/// `>`: so a quoted run is read even where no `=` comes before it
/// (`a x=ab"c d"`), as a browser's view of the source shows it. The
/// stretches are read because a template that prints a value into a tag
/// without quotes makes all of it but its first word names, which a browser
/// does not show but the page's source does: `<p title=Ruf Katrin Beispiel>`
/// holds the value `Ruf`, and the stretch `title=Ruf Katrin Beispiel`. The
/// end is the one [`crate::markup::tag_end`] finds, in the same pass.
fn tag_values(raw: &str, start: usize, out: &mut String, recent: &mut Recent) -> Option<usize> {
    let bytes = raw.as_bytes();
    let before = out.len();
    // The tag's name (`a`, `/p`, `!DOCTYPE`) is no name to read.
    let mut i = start + 1;
    while bytes
        .get(i)
        .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'"' | b'\'' | b'='))
    {
        i += 1;
    }
    // Where the stretch of the tag outside quotes that is being read began.
    let mut unquoted = i;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'>' => {
                if i > unquoted {
                    recent.read(&raw[unquoted..i], out);
                }
                return Some(i);
            }
            b'"' | b'\'' => {
                let Some(close) = memchr::memchr(byte, &bytes[i + 1..]) else {
                    break;
                };
                if i > unquoted && !name_before_value(&bytes[unquoted..i]) {
                    recent.read(&raw[unquoted..i], out);
                }
                recent.read(&raw[i + 1..i + 1 + close], out);
                i += close + 2;
                unquoted = i;
            }
            b'=' => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let value_start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'"' | b'\''))
                {
                    i += 1;
                }
                recent.read(&raw[value_start..i], out);
            }
            _ => {
                // On to the next byte that matters, eight at a time.
                i += 1;
                while let Some(x) = load(bytes, i) {
                    let special = equal_to_any(x, b">\"'=");
                    if special != 0 {
                        i += special.trailing_zeros() as usize / 8;
                        break;
                    }
                    i += 8;
                }
            }
        }
    }
    out.truncate(before);
    None
}

/// Whether `stretch` (a stretch of a tag outside quotes) is one attribute
/// name and the `=` of a quoted value (` class=`, ` x1=`): most stretches
/// are, and they are not read. A name is a letter and then letters, digits,
/// `-` and `:`. No contact value or passage as written is such a word; a
/// name joined by hyphens is (`katrin-beispiel=`), but only a template that
/// makes a content value an attribute's name and quotes the next one would
/// write it there.
fn name_before_value(stretch: &[u8]) -> bool {
    let Some((b'=', name)) = stretch.trim_ascii_start().split_last() else {
        return false;
    };
    name.first().is_some_and(u8::is_ascii_alphabetic)
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
}

#[cfg(test)]
mod tests;
