//! Decoding: HTML entities (also `&#64` without `;`, and the named ones that
//! obfuscation uses), percent-encoding and JSON/JavaScript escapes, in one
//! pass over the bytes, repeated while a pass still changes something.

/// Undo HTML entities, `%40`-style percent-encoding and `\u0040` escapes,
/// repeatedly, so that double encoding (`&amp;#64;`, `%2540`) is undone too.
pub fn decode(text: &str) -> String {
    decode_in(text, &mut Decoded::default()).to_string()
}

/// The memory decoding writes into, kept from file to file.
#[derive(Debug, Default)]
pub struct Decoded {
    out: String,
    spare: String,
    /// Percent-encoded bytes outside ASCII, until they make characters.
    raw: Vec<u8>,
}

/// [`decode`] of `text`: `text` itself when there is nothing to decode,
/// else the decoded text in `memory`.
pub fn decode_in<'a>(text: &'a str, memory: &'a mut Decoded) -> &'a str {
    let mut decoded = false;
    for _ in 0..3 {
        let current = if decoded { memory.out.as_str() } else { text };
        memory.spare.clear();
        if !decode_once(current, &mut memory.spare, &mut memory.raw) {
            break;
        }
        std::mem::swap(&mut memory.out, &mut memory.spare);
        decoded = true;
    }
    if decoded {
        &memory.out
    } else {
        text
    }
}

/// One pass over entities, percent and backslash escapes, written to `out`;
/// false (and `out` unfinished) when there was nothing to decode.
fn decode_once(text: &str, out: &mut String, raw: &mut Vec<u8>) -> bool {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    let mut changed = false;
    while let Some(offset) = memchr::memchr3(b'&', b'%', b'\\', &bytes[i..]) {
        i += offset;
        let byte = bytes[i];
        // `byte` is ASCII, so `i + 1` is a character boundary.
        let after = &text[i + 1..];
        let decoded = match byte {
            b'&' => entity(after).map(|(c, used)| (Piece::Char(c), used + 1)),
            b'%' => hex_byte(after).map(|b| (Piece::Byte(b), 3)),
            _ => escape(after).map(|(c, used)| (Piece::Char(c), used + 1)),
        };
        let Some((piece, length)) = decoded else {
            i += 1;
            continue;
        };
        if !changed {
            out.reserve(text.len());
            changed = true;
        }
        match piece {
            Piece::Byte(b) if !b.is_ascii() && last == i => raw.push(b),
            Piece::Byte(b) if !b.is_ascii() => {
                flush(raw, out);
                out.push_str(&text[last..i]);
                raw.push(b);
            }
            Piece::Byte(b) => {
                flush(raw, out);
                out.push_str(&text[last..i]);
                out.push(char::from(b));
            }
            Piece::Char(c) => {
                flush(raw, out);
                out.push_str(&text[last..i]);
                out.push(c);
            }
        }
        i += length;
        last = i;
    }
    if changed {
        flush(raw, out);
        out.push_str(&text[last..]);
    }
    changed
}

/// Write the pending raw bytes as text (each ill-formed sequence as U+FFFD,
/// as if the whole output had been read that way).
fn flush(raw: &mut Vec<u8>, out: &mut String) {
    if !raw.is_empty() {
        out.push_str(&String::from_utf8_lossy(raw));
        raw.clear();
    }
}

enum Piece {
    Char(char),
    Byte(u8),
}

/// The byte of `XX` at the start of `after` (the text after `%`).
fn hex_byte(after: &str) -> Option<u8> {
    let hex = after.get(..2)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u8::from_str_radix(hex, 16).ok()
}

/// `u0040`, `x40` or `/` after a backslash, as JSON and JavaScript write them.
fn escape(after: &str) -> Option<(char, usize)> {
    let (digits, used) = match after.as_bytes().first()? {
        b'u' => (after.get(1..5)?, 5),
        b'x' => (after.get(1..3)?, 3),
        b'/' => return Some(('/', 1)),
        _ => return None,
    };
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u32::from_str_radix(digits, 16).ok()?;
    Some((char::from_u32(value).unwrap_or('\u{fffd}'), used))
}

/// Decode `&amp;`, `&#64;`, `&#x40;` (the `;` may be missing after a number,
/// as browsers allow) and the named entities text and obfuscation use.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match entity(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the entity at the start of `after` (the text after `&`)
/// and the bytes it takes.
fn entity(after: &str) -> Option<(char, usize)> {
    if let Some(number) = after.strip_prefix('#') {
        let (hex, digits_from) = match number.strip_prefix(['x', 'X']) {
            Some(_) => (true, 2),
            None => (false, 1),
        };
        let digits: String = after[digits_from..]
            .chars()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .take(8)
            .collect();
        let value = u32::from_str_radix(&digits, if hex { 16 } else { 10 }).ok()?;
        let mut used = digits_from + digits.len();
        if after[used..].starts_with(';') {
            used += 1;
        }
        return Some((char::from_u32(value).unwrap_or('\u{fffd}'), used));
    }
    let end = after.find(';').filter(|&e| e <= 12)?;
    named_entity(&after[..end]).map(|c| (c, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" | "numsp" | "puncsp" | "MediumSpace" => ' ',
        "NewLine" => '\n',
        "Tab" => '\t',
        "commat" => '@',
        "period" => '.',
        "plus" => '+',
        "comma" => ',',
        "colon" => ':',
        "semi" => ';',
        "sol" => '/',
        "lowbar" | "UnderBar" => '_',
        "num" => '#',
        "percnt" => '%',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "hyphen" | "dash" | "ndash" | "mdash" | "minus" => '-',
        "szlig" => 'ß',
        "shy" | "ZeroWidthSpace" | "zwnj" | "zwj" | "NoBreak" | "lrm" | "rlm" => '\u{200b}',
        _ => return accented_letter(name),
    })
}

/// `&eacute;`, `&Auml;`, `&ccedil;` …: the base letter is enough, because the
/// folded form drops diacritics anyway.
fn accented_letter(name: &str) -> Option<char> {
    const MARKS: [&str; 8] = [
        "acute", "grave", "circ", "tilde", "uml", "ring", "cedil", "slash",
    ];
    let mut chars = name.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let mark = chars.as_str();
    MARKS.contains(&mark).then_some(base)
}

/// Decode `%40`-style escapes only (invalid ones stay as they are).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = hex_byte(&text[i + 1..]) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities_percent_and_escapes_even_twice() {
        assert_eq!(
            decode("a&#64;b&#x2e;org &amp; K&auml;the &#64x"),
            "a@b.org & Kathe @x"
        );
        assert_eq!(decode("mailto:a%40b.org%2"), "mailto:a@b.org%2");
        assert_eq!(
            decode("k.beispiel&amp;#64;example.org"),
            "k.beispiel@example.org"
        );
        assert_eq!(decode("x%2540y"), "x@y");
        assert_eq!(
            decode("%C3%BCber %C3x %FF%41 a%E2%82%AC"),
            "über \u{fffd}x \u{fffd}A a€"
        );
        assert_eq!(
            decode("\"k.b\\u0040ex.org\" \\/a\\x40"),
            "\"k.b@ex.org\" /a@"
        );
        assert_eq!(decode("100 % sicher & gut"), "100 % sicher & gut");
    }
}
