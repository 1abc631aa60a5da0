//! One output file scanned: unpacked if gzip'd, decoded if UTF-16, flagged
//! if it is a format the scan cannot read inside (unless allow-listed), read
//! into its readable form (one or two parts), folded, and searched for text
//! needles, phone digits, e-mail addresses and phone numbers. Every buffer
//! is kept from file to file in a [`Scratch`], so a file costs no
//! allocation unless it leaks.

use super::detect::{self, phone_key};
use super::finder::Finder;
use super::fold::Folder;
use super::formats;
use super::readable;
use super::text::{ascii_digits, digit_runs_into};
use super::{Found, Needles};
use std::collections::BTreeSet;
use std::io::Read;

/// Largest unpacked size of a compressed output file the scan reads.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// The needles of a scan, ready to search.
pub struct Finders {
    /// Text needles that start with a letter or digit: a match counts only
    /// at the start of a word, so only word starts are searched.
    words: Finder,
    /// Their indices in [`Needles::text`].
    word_ids: Vec<usize>,
    /// The other text needles (`(0351)`, `-x-`), searched everywhere.
    others: Finder,
    other_ids: Vec<usize>,
    phones: Finder,
}

impl std::fmt::Debug for Finders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finders").finish_non_exhaustive()
    }
}

impl Finders {
    /// Build the finders (side by side).
    pub fn new(needles: &Needles) -> Finders {
        let (word_ids, other_ids): (Vec<usize>, Vec<usize>) =
            (0..needles.text.len()).partition(|&i| starts_word(&needles.text[i].text));
        let texts = |ids: &[usize]| -> Vec<&str> {
            ids.iter().map(|&i| needles.text[i].text.as_str()).collect()
        };
        let phones: Vec<&str> = needles.phones.iter().map(|n| n.text.as_str()).collect();
        let ((words, others), phones) = rayon::join(
            || {
                rayon::join(
                    || Finder::new(&texts(&word_ids)),
                    || Finder::new(&texts(&other_ids)),
                )
            },
            || Finder::new(&phones),
        );
        Finders {
            words,
            word_ids,
            others,
            other_ids,
            phones,
        }
    }
}

/// The memory one scanning thread keeps from file to file.
#[derive(Default)]
pub struct Scratch {
    unpacked: Vec<u8>,
    utf16: String,
    readable: readable::Scratch,
    folder: Folder,
    runs: String,
    binary: String,
}

/// Everything found in the output file at `path`.
pub fn scan_file(
    path: &str,
    bytes: &[u8],
    finders: &Finders,
    needles: &Needles,
    scratch: &mut Scratch,
) -> BTreeSet<Found> {
    let bytes = unpack(bytes, &mut scratch.unpacked);
    let mut found = BTreeSet::new();
    // Checked by hand if allow-listed; its bytes are read all the same.
    if let Some(format) = formats::unreadable(bytes) {
        if !needles.allowed_files.contains(path) {
            found.insert(Found::Unreadable(format));
        }
    }
    let (text, is_text) = match formats::utf16_text(bytes, &mut scratch.utf16) {
        Some(text) => (text, true),
        None => match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => (text, true),
            Err(_) => (binary_text(bytes, &mut scratch.binary), false),
        },
    };
    let (first, second) = readable::parts(path, text, &mut scratch.readable);
    let folder = &mut scratch.folder;
    folder.reset();
    folder.push(first);
    if let Some(second) = second {
        folder.push("\n");
        folder.push(second);
    }
    // Phone numbers are also read with fullwidth, mathematical, superscript
    // and subscript digits as ASCII ones, where the fold met such.
    let narrowed: Vec<String> = match folder.saw_digit_forms() {
        true => [Some(first), second]
            .into_iter()
            .flatten()
            .filter_map(ascii_digits)
            .collect(),
        false => Vec::new(),
    };
    let parts = || {
        [Some(first), second]
            .into_iter()
            .flatten()
            .chain(narrowed.iter().map(String::as_str))
    };
    let (folded, glued) = folder.folded_and_glued();
    find_words(finders, needles, folded, glued, &mut found);
    finders.others.for_each(folded, |i, start, end| {
        let i = finders.other_ids[i];
        if at_word_boundary(folded, start, end, &needles.text[i].text) {
            found.insert(Found::Text(i));
        }
    });
    scratch.runs.clear();
    for part in parts() {
        digit_runs_into(part, &mut scratch.runs);
    }
    finders.phones.for_each(scratch.runs.as_bytes(), |i, _, _| {
        found.insert(Found::Phone(i));
    });
    // Binary files (images, fonts) would only give false alarms here.
    if is_text {
        for email in detect::emails(folded) {
            if !needles.allowed_emails.contains(&email) && !needles.contact_emails.contains(&email)
            {
                found.insert(Found::Email(email));
            }
        }
        for phone in parts().flat_map(detect::phones) {
            let key = phone_key(&phone);
            if !needles.allowed_phones.contains(&key) && !finders.phones.is_match(key.as_bytes()) {
                found.insert(Found::UnknownPhone(key, phone.trim().to_string()));
            }
        }
    }
    // A name glued by an inline tag to the word before it reads as part of
    // that word above (`Testseitekatrin beispiel`); a reader sees it all
    // the same. Looked for once more where that happened (the other needles
    // are found anywhere, addresses and numbers by their own detectors).
    if let Some(unglued) = readable::unglued(&mut scratch.readable) {
        let folder = &mut scratch.folder;
        folder.reset();
        folder.push(unglued);
        let (folded, glued) = folder.folded_and_glued();
        find_words(finders, needles, folded, glued, &mut found);
    }
    found
}

/// Insert into `found` the needles that start a word (names, internal
/// passages) found in the folded text `folded`: at the start of a word, or
/// where `glued` says a word glued to the word before it starts.
fn find_words(
    finders: &Finders,
    needles: &Needles,
    folded: &[u8],
    glued: &[u32],
    found: &mut BTreeSet<Found>,
) {
    finders.words.for_each_word(folded, |i, start, end| {
        let i = finders.word_ids[i];
        if at_word_boundary(folded, start, end, &needles.text[i].text) {
            found.insert(Found::Text(i));
        }
    });
    let starts = glued.iter().map(|&at| at as usize);
    finders.words.for_each_at(folded, starts, |i, _, end| {
        let i = finders.word_ids[i];
        if ends_word(folded, end, &needles.text[i].text) {
            found.insert(Found::Text(i));
        }
    });
}

/// The text in binary `bytes` (an image, the search's WebAssembly and word
/// index), in `out`: see [`formats::push_binary_text`].
fn binary_text<'a>(bytes: &[u8], out: &'a mut String) -> &'a str {
    out.clear();
    formats::push_binary_text(bytes, out);
    out
}

/// Gzip-compressed files (a search index) unpacked into `memory`; others as
/// they are.
fn unpack<'a>(bytes: &'a [u8], memory: &'a mut Vec<u8>) -> &'a [u8] {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    memory.clear();
    let reader = flate2::read::MultiGzDecoder::new(bytes);
    match reader.take(MAX_UNPACKED).read_to_end(memory) {
        Ok(_) => memory,
        Err(_) => bytes,
    }
}

/// A match counts when it does not start inside a word, and, for a needle
/// ending in a digit (`Raum 2.1`), does not go on with another digit
/// (`Raum 2.14`). Names may go on (`Beispiels`): a genitive still leaks.
/// `text` is UTF-8, and the match starts and ends between characters.
fn at_word_boundary(text: &[u8], start: usize, end: usize, needle: &str) -> bool {
    let before_ok =
        !starts_word(needle) || !last_char(&text[..start]).is_some_and(char::is_alphanumeric);
    before_ok && ends_word(text, end, needle)
}

/// The end of [`at_word_boundary`]: a needle ending in a digit does not go
/// on with another.
fn ends_word(text: &[u8], end: usize, needle: &str) -> bool {
    let ends_digit = needle
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    !ends_digit || !text.get(end).is_some_and(u8::is_ascii_digit)
}

/// Whether a needle starts with a letter or digit (and so must start a word).
fn starts_word(needle: &str) -> bool {
    needle.chars().next().is_some_and(char::is_alphanumeric)
}

/// The last character of UTF-8 bytes.
fn last_char(bytes: &[u8]) -> Option<char> {
    let start = bytes
        .iter()
        .rposition(|&b| (b as i8) >= -0x40)
        .unwrap_or_default();
    std::str::from_utf8(&bytes[start..])
        .ok()?
        .chars()
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries() {
        assert!(at_word_boundary(
            b"frau katrin beispiels",
            5,
            20,
            "katrin beispiel"
        ));
        assert!(!at_word_boundary(
            b"ekatrin beispiel",
            1,
            16,
            "katrin beispiel"
        ));
        assert!(!at_word_boundary(b"raum 2.14", 0, 8, "raum 2.1"));
        assert!(at_word_boundary(b"raum 2.1.", 0, 8, "raum 2.1"));
        assert!(!at_word_boundary("жkatrin".as_bytes(), 2, 8, "katrin"));
        assert!(at_word_boundary("—katrin".as_bytes(), 3, 9, "katrin"));
    }

    #[test]
    fn binary_files_keep_their_text_and_lose_ill_formed_bytes() {
        let mut out = String::new();
        let bytes = b"\x89PNG\xff\xfeM\xc3\xbcller\xc3\x28\xe2\x82 x";
        assert_eq!(binary_text(bytes, &mut out), "\u{0}PNG\0\0Müller\0(\0\0 x");
        assert_eq!(binary_text(b"plain", &mut out), "plain");
    }

    #[test]
    fn gzip_is_unpacked() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(b"k.beispiel@example.org")
            .expect("compress");
        let packed = encoder.finish().expect("compress");
        let mut memory = Vec::new();
        assert_eq!(unpack(&packed, &mut memory), b"k.beispiel@example.org");
        assert_eq!(unpack(b"plain", &mut memory), b"plain");
    }

    fn katrin() -> Needles {
        Needles {
            text: vec![super::super::Needle {
                text: "katrin beispiel".into(),
                secret: 0,
            }],
            ..Needles::default()
        }
    }

    fn scanned(path: &str, bytes: &[u8], needles: &Needles) -> BTreeSet<Found> {
        scan_file(
            path,
            bytes,
            &Finders::new(needles),
            needles,
            &mut Scratch::default(),
        )
    }

    #[test]
    fn a_name_glued_to_the_word_before_it_is_found_and_so_is_a_split_one() {
        let needles = katrin();
        // Glued by a tag, split by tags; glued in plain text, found by its
        // capital (in small letters it is another word).
        for html in [
            "<a class=\"brand\" href=\"/\">Testseite</a>Katrin Beispiel",
            "<span>Team</span><span>Katrin</span> Beispiel",
            "Kat<b></b>rin Beis<i>piel</i>",
            "<p>TestseiteKatrin Beispiel</p>",
            "<p>Teil 2Katrin Beispiel</p>",
            "<p>BAMFKatrin Beispiel</p>",
            "<p>Abschnitt\u{ad}Katrin Beispiel</p>",
            "<p>Abschnitt„Katrin Beispiel“</p>",
            "{\"title\":\"AbschnittKatrin Beispiel\"}",
        ] {
            assert_eq!(
                scanned("index.html", html.as_bytes(), &needles),
                BTreeSet::from([Found::Text(0)]),
                "{html}"
            );
        }
        assert!(scanned("index.html", b"<p>testseitekatrin beispiel</p>", &needles).is_empty());
        assert!(scanned("index.html", b"<p>TestseiteXkatrin beispiel</p>", &needles).is_empty());
    }

    #[test]
    fn utf16_text_is_read_as_text() {
        let needles = katrin();
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Name;Telefon\r\nKatrin Beispiel;x@y.example".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let found = scanned("liste.csv", &bytes, &needles);
        assert!(found.contains(&Found::Text(0)), "{found:?}");
        assert!(
            found.contains(&Found::Email("x@y.example".into())),
            "{found:?}"
        );
    }

    #[test]
    fn an_unreadable_file_fails_unless_allowed_and_is_read_all_the_same() {
        let mut needles = katrin();
        let pdf = b"%PDF-1.7\n1 0 obj <</Filter /FlateDecode>> stream\nx\x9c\xff\nendstream";
        assert_eq!(
            scanned("downloads/papier.pdf", pdf, &needles),
            BTreeSet::from([Found::Unreadable("PDF")])
        );
        needles.allowed_files.insert("downloads/papier.pdf".into());
        assert!(scanned("downloads/papier.pdf", pdf, &needles).is_empty());
        assert_eq!(
            scanned("downloads/anderes.pdf", pdf, &needles),
            BTreeSet::from([Found::Unreadable("PDF")])
        );
        let plain = b"%PDF-1.4\n(Katrin Beispiel) Tj";
        assert_eq!(
            scanned("downloads/papier.pdf", plain, &needles),
            BTreeSet::from([Found::Text(0)])
        );
    }

    /// Pieces of a binary file: needle parts, separators, digits, markup,
    /// valid characters outside ASCII and ill-formed bytes.
    const PIECES: &[&[u8]] = &[
        b"katrin",
        b"beispiel",
        b"M\xc3\xbcller",
        b" ",
        b"\n",
        b"-",
        b"030",
        b"23125",
        b"101",
        b"<b>",
        b"&amp;",
        b"%40",
        b"\xff",
        b"\xc3",
        b"\xe2\x82",
        b"\xf0\x9f",
        b"\x00",
    ];

    /// The text needles and contact phones found in `bytes`.
    fn found_in(bytes: &[u8], needles: &Needles) -> Vec<Found> {
        let finders = Finders::new(needles);
        let mut scratch = Scratch::default();
        let found = scan_file("index.pf_index", bytes, &finders, needles, &mut scratch);
        found
            .into_iter()
            .filter(|f| matches!(f, Found::Text(_) | Found::Phone(_)))
            .collect()
    }

    proptest::proptest! {
        /// A binary file's ill-formed bytes read as NULs find the same
        /// needles as the same bytes read as U+FFFD (as `from_utf8_lossy`
        /// has them): neither is part of a needle, a word or a space.
        #[test]
        fn ill_formed_bytes_as_nul_find_what_u_fffd_finds(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..24),
        ) {
            let bytes: Vec<u8> = pieces.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            let needle = |text: &str| super::super::Needle { text: text.into(), secret: 0 };
            let needles = Needles {
                text: ["katrin beispiel", "beispiel", "müller katrin", "katrin-beispiel"]
                    .into_iter()
                    .map(needle)
                    .collect(),
                phones: vec![needle("3023125101"), needle("23125101")],
                ..Needles::default()
            };
            let lossy = String::from_utf8_lossy(&bytes);
            proptest::prop_assert_eq!(
                found_in(&bytes, &needles),
                found_in(lossy.as_bytes(), &needles)
            );
        }

        /// The scan reads a file's two parts apart where the readable form
        /// joins them with a line break: digit runs and phone numbers come
        /// out the same (a line break ends every run and number).
        #[test]
        fn parts_read_as_joined_by_a_line_break(
            first in "([0-9]{1,4}|[ /()+.-]|\u{a0}|–|tel:|a|\n){0,12}",
            second in "([0-9]{1,4}|[ /()+.-]|\u{a0}|–|tel:|a|\n){0,12}",
        ) {
            let joined = format!("{first}\n{second}");
            let mut runs = String::new();
            digit_runs_into(&first, &mut runs);
            digit_runs_into(&second, &mut runs);
            proptest::prop_assert_eq!(runs, crate::check::leaks::text::digit_runs(&joined));
            let mut phones = detect::phones(&first);
            phones.extend(detect::phones(&second));
            proptest::prop_assert_eq!(phones, detect::phones(&joined));
        }
    }
}
