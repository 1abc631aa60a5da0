//! What the scan makes of a file's format before it reads it: UTF-16 text
//! (recognised by its byte order mark, or its NULs) is decoded to UTF-8 and
//! read like any other text; archives, PDF and office files, whose content
//! is compressed, are recognised by their first bytes (never by their file
//! ending), since the scan cannot read inside them. Both look at the start
//! of a file only: a prefix, or for UTF-16 without a byte order mark its
//! first kilobyte.

/// Formats the scan cannot read inside, by their magic bytes, with their
/// name for messages. Office files (`.docx`, `.xlsx`, `.odt`) are zip
/// archives; PDF writers compress their streams.
const UNREADABLE: &[(&[u8], &str)] = &[
    (b"PK\x03\x04", "zip archive or office file"),
    (b"PK\x05\x06", "zip archive"),
    (b"PK\x07\x08", "zip archive"),
    (b"%PDF-", "PDF"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"Rar!\x1a\x07", "RAR archive"),
];

/// The name of the format of `bytes` if the scan cannot read inside it.
pub fn unreadable(bytes: &[u8]) -> Option<&'static str> {
    UNREADABLE
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, name)| *name)
}

/// UTF-16 text decoded into `out`, ill-formed units as U+FFFD (as
/// `String::from_utf16_lossy` has them): after a byte order mark, or without
/// one when the NULs give it away (see [`unmarked_order`]), then followed by
/// the bytes as they are, as it may be no text after all. `None` for
/// anything else.
pub fn utf16_text<'a>(bytes: &[u8], out: &'a mut String) -> Option<&'a str> {
    type Unit = fn([u8; 2]) -> u16;
    let (unit, units, unmarked): (Unit, &[u8], bool) = match bytes {
        [0xff, 0xfe, rest @ ..] => (u16::from_le_bytes, rest, false),
        [0xfe, 0xff, rest @ ..] => (u16::from_be_bytes, rest, false),
        _ => (unmarked_order(bytes)?, bytes, true),
    };
    let units = units.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    out.clear();
    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    if unmarked {
        out.push('\n');
        push_binary_text(bytes, out);
    }
    Some(out)
}

/// Append the text in binary `bytes` to `out`: valid UTF-8 as it is, each
/// byte of an ill-formed sequence as a NUL. Like U+FFFD, a NUL is no letter,
/// digit or space, so it joins no words and ends every run of digits; but it
/// is one ASCII byte, which the scan folds and skips eight at a time, where
/// three bytes of U+FFFD go character by character: the search index scans
/// in half the time.
pub fn push_binary_text(bytes: &[u8], out: &mut String) {
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(std::iter::repeat_n('\0', chunk.invalid().len()));
    }
}

/// The byte order of UTF-16 text without a byte order mark, told by the
/// NULs of its first kilobyte: text in a Latin script has a NUL in nearly
/// every other byte (the high byte of each unit) and nearly none between.
fn unmarked_order(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let hardly = |n: usize| n * 10 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(u16::from_le_bytes)
    } else if mostly(even) && hardly(odd) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf16_text_is_decoded_in_both_byte_orders() {
        let mut out = String::new();
        for big_endian in [false, true] {
            let bytes = utf16("Name;Telefon\r\nKatrin Beispiel;030 😀", big_endian);
            assert_eq!(
                utf16_text(&bytes, &mut out),
                Some("Name;Telefon\r\nKatrin Beispiel;030 😀")
            );
        }
        // A lone surrogate and a stray last byte.
        assert_eq!(
            utf16_text(b"\xff\xfeK\x00\x00\xd8a\x00b", &mut out),
            Some("K\u{fffd}a")
        );
        assert_eq!(utf16_text(b"Katrin", &mut out), None);
        // Without the mark, in either order: decoded, then the bytes as they are.
        for big_endian in [false, true] {
            let text = "Name;Telefon\r\nKatrin Beispiel;030 23125 101";
            let bytes = &utf16(text, big_endian)[2..];
            let decoded = utf16_text(bytes, &mut out).expect("told by its NULs");
            assert!(decoded.starts_with(&format!("{text}\n")), "{decoded:?}");
        }
        // ASCII, or binary with NULs here and there, is no UTF-16.
        assert_eq!(utf16_text(b"plain text of some length", &mut out), None);
        assert_eq!(
            utf16_text(
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06",
                &mut out
            ),
            None
        );
        assert_eq!(utf16_text(b"\xef\xbb\xbfKatrin", &mut out), None);
    }

    #[test]
    fn every_unreadable_format_is_recognised_by_its_magic() {
        let files: &[(&[u8], &str)] = &[
            (b"PK\x03\x04\x14\x00\x00\x00", "zip archive or office file"),
            (b"PK\x05\x06\x00\x00", "zip archive"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
            (b"BZh91AY&SY", "bzip2"),
            (b"\xfd7zXZ\x00\x00\x04", "xz"),
            (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z archive"),
            (b"\x28\xb5\x2f\xfd\x24\x00", "zstd"),
            (b"Rar!\x1a\x07\x01\x00", "RAR archive"),
        ];
        for (bytes, name) in files {
            assert_eq!(unreadable(bytes), Some(*name), "{bytes:?}");
        }
        for readable in [
            b"".as_slice(),
            b"PK",
            b"%PDF",
            b"<!doctype html>",
            b"\x1f\x8b\x08\x00",
            b"wOF2\x00\x01",
            b"\x89PNG\r\n\x1a\n",
            b"\xff\xfeK\x00",
        ] {
            assert_eq!(unreadable(readable), None, "{readable:?}");
        }
    }
}
