//! JSON strings as they were written: the escapes JSON knows undone, so that
//! the HTML the open data carries is read as a page is.

/// Unescape the JSON string that starts at `from` (after its quote) into
/// `out`; returns where its closing quote is.
pub(super) fn unescape_json(raw: &str, from: usize, out: &mut String) -> Option<usize> {
    let bytes = raw.as_bytes();
    let mut i = from;
    loop {
        let offset = memchr::memchr2(b'"', b'\\', &bytes[i..])?;
        out.push_str(&raw[i..i + offset]);
        i += offset;
        if bytes[i] == b'"' {
            return Some(i);
        }
        let (c, used) = match bytes.get(i + 1)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => unicode_escape(raw, i)?,
            _ => return None,
        };
        out.push(c);
        i += used;
    }
}

/// The character of the `\uXXXX` escape at `at` (with the low half of a
/// surrogate pair after it, if there is one) and its length; a lone
/// surrogate reads as U+FFFD.
fn unicode_escape(raw: &str, at: usize) -> Option<(char, usize)> {
    let unit = |at: usize| {
        let hex = raw.get(at + 2..at + 6)?;
        let valid =
            raw.as_bytes()[at..].starts_with(b"\\u") && hex.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| u32::from_str_radix(hex, 16).ok()).flatten()
    };
    let high = unit(at)?;
    if let Some(c) = char::from_u32(high) {
        return Some((c, 6));
    }
    let pair = unit(at + 6)
        .filter(|low| (0xd800..0xdc00).contains(&high) && (0xdc00..0xe000).contains(low))
        .and_then(|low| char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)));
    Some(pair.map_or(('\u{fffd}', 6), |c| (c, 12)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every string JSON can hold reads back as it was written, with
        /// the escapes serde_json writes and the ones it does not
        /// (`\/`, `\u00e4`, surrogate pairs).
        #[test]
        fn json_strings_unescape_to_what_was_written(value in "\\PC*", ascii_only: bool) {
            let mut json = serde_json::to_string(&value).expect("a string serialises");
            if ascii_only {
                json = json
                    .chars()
                    .map(|c| match c {
                        '/' => "\\/".to_string(),
                        c if c.is_ascii() => c.to_string(),
                        c => c
                            .encode_utf16(&mut [0; 2])
                            .iter()
                            .map(|unit| format!("\\u{unit:04x}"))
                            .collect(),
                    })
                    .collect();
            }
            let mut out = String::new();
            proptest::prop_assert_eq!(unescape_json(&json, 1, &mut out), Some(json.len() - 1));
            proptest::prop_assert_eq!(out, value);
        }
    }
}
