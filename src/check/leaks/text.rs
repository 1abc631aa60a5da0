//! The forms a file is scanned in, each made in one pass: decoded (HTML
//! entities, percent-encoding and JSON/JS escapes undone, see `decode`),
//! plain (tags removed), folded (lower case, diacritics and typographic
//! punctuation folded, whitespace collapsed) and the digit runs of phone-like
//! text.

pub use super::decode::{decode, decode_entities, percent_decode};
pub use super::fold::fold;
use super::fold::{is_dash, is_invisible};
use super::swar::{in_range, load};

/// `text` with the digits and signs that stand for ASCII ones as those, if
/// it has any: fullwidth forms (`＋４９ ３０`, as an East Asian keyboard types
/// them), mathematical digits (`𝟬𝟯𝟱𝟭`, as "fancy text" generators make them)
/// and superscript and subscript digits. Phone numbers are read in ASCII
/// digits and separators. A full pass over the text: the scan asks only
/// when its fold met such a character ([`super::fold::Folder::saw_digit_forms`]).
pub fn ascii_digits(text: &str) -> Option<String> {
    text.chars()
        .any(is_digit_form)
        .then(|| text.chars().map(ascii_digit).collect())
}

/// Whether `c` is a digit or sign that [`ascii_digits`] reads as ASCII.
pub fn is_digit_form(c: char) -> bool {
    matches!(
        c,
        '\u{ff01}'..='\u{ff5e}'
            | '\u{1d7ce}'..='\u{1d7ff}'
            | '\u{2070}'
            | '\u{2074}'..='\u{2079}'
            | '\u{2080}'..='\u{2089}'
            | '\u{660}'..='\u{669}'
            | '\u{6f0}'..='\u{6f9}'
            | '¹'
            | '²'
            | '³'
    )
}

/// One character as the ASCII digit or sign it stands for (see
/// [`ascii_digits`]); others as they are.
fn ascii_digit(c: char) -> char {
    let from = |zero: char| char::from(b'0' + ((u32::from(c) - u32::from(zero)) % 10) as u8);
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from((u32::from(c) - 0xfee0) as u8),
        '\u{1d7ce}'..='\u{1d7ff}' => from('\u{1d7ce}'),
        '\u{2080}'..='\u{2089}' => from('\u{2080}'),
        '\u{2070}' | '\u{2074}'..='\u{2079}' => from('\u{2070}'),
        '\u{660}'..='\u{669}' => from('\u{660}'),
        '\u{6f0}'..='\u{6f9}' => from('\u{6f0}'),
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        c => c,
    }
}

/// Text without tags: a tag becomes nothing, so `Kat<b>rin</b>` reads
/// `Katrin`; block-level tags become a space so that separate cells and
/// paragraphs stay separate words.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    strip_tags_into(html, &mut out);
    out
}

/// [`strip_tags`] of `html` appended to `out`.
pub fn strip_tags_into(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(start) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let tag = &rest[start + 1..];
        let starts_tag = tag
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !starts_tag {
            out.push('<');
            rest = tag;
            continue;
        }
        let Some(end) = memchr::memchr(b'>', tag.as_bytes()) else {
            out.push_str(&rest[start..]);
            return;
        };
        let name = tag[..end].trim_start_matches('/');
        if is_block(&tag_name(name, |b| b.is_ascii_alphanumeric())) {
            out.push(' ');
        }
        rest = &tag[end + 1..];
    }
    out.push_str(rest);
}

/// The name at the start of a tag's inside, in lower case: the bytes for
/// which `in_name` holds. A name too long for any tag this scan knows is
/// given as `-`.
pub(super) fn tag_name(tag: &str, in_name: impl Fn(u8) -> bool) -> TagName {
    let mut name = TagName {
        bytes: [0; 12],
        len: 0,
    };
    for byte in tag.bytes().take_while(|&b| in_name(b)) {
        let Some(slot) = name.bytes.get_mut(name.len) else {
            return TagName {
                bytes: [b'-'; 12],
                len: 1,
            };
        };
        *slot = byte.to_ascii_lowercase();
        name.len += 1;
    }
    name
}

/// A short tag name, without allocating.
pub(super) struct TagName {
    bytes: [u8; 12],
    len: usize,
}

impl std::ops::Deref for TagName {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

pub(super) fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"td"
            | b"th"
            | b"tr"
            | b"br"
            | b"hr"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"main"
            | b"aside"
            | b"figure"
            | b"figcaption"
            | b"caption"
            | b"blockquote"
            | b"pre"
            | b"dd"
            | b"dt"
            | b"dl"
            | b"table"
            | b"thead"
            | b"tbody"
            | b"title"
            | b"desc"
            | b"text"
            | b"tspan"
            | b"option"
            | b"script"
            | b"style"
            | b"meta"
            | b"link"
    )
}

/// German transliteration (`ü` → `ue`), so that `Müller` also matches `Mueller`.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            c => out.push(c),
        }
    }
    out
}

/// The digits of every phone-like run (digits joined by at most three
/// separators in a row) with at least six digits, each run ended by `|`.
/// `030 / 23125-101` and `+49 (0)30 23125 101` become `03023125101|` and
/// `4903023125101|`, so a contact number is found however it is written.
pub fn digit_runs(text: &str) -> String {
    let mut out = String::new();
    digit_runs_into(text, &mut out);
    out
}

/// [`digit_runs`] of `text` appended to `out`.
pub fn digit_runs_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    // The current run is out[run..]; separators since its last digit.
    let mut run = out.len();
    let mut separators = 0;
    let finish = |out: &mut String, run: usize| {
        if out.len() - run >= 6 {
            out.push('|');
        } else {
            out.truncate(run);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_digit() {
            out.push(char::from(byte));
            separators = 0;
            i += 1;
            continue;
        }
        if out.len() == run {
            // No run: on to the next digit, eight bytes at a time.
            while let Some(x) = load(bytes, i) {
                let digits = in_range(x, b'0', b'9');
                if digits != 0 {
                    i += digits.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            if load(bytes, i).is_none() {
                i += bytes[i..]
                    .iter()
                    .position(u8::is_ascii_digit)
                    .unwrap_or(bytes.len() - i);
            }
            continue;
        }
        let separator = separator_len(text, i);
        if separator.is_some() && separators < 3 {
            separators += 1;
        } else {
            finish(out, run);
            run = out.len();
            separators = 0;
        }
        i += separator.unwrap_or(1);
    }
    finish(out, run);
}

/// The length in bytes of a phone separator at `k`, if there is one: ` /-().+_|`,
/// any space but a line break (no-break, thin, figure …), the dashes from
/// hyphen to em dash and the minus sign, middle dots and bullets, and the
/// characters that show nothing (a soft hyphen, a zero-width space: see
/// [`is_invisible`]).
pub fn separator_len(text: &str, k: usize) -> Option<usize> {
    let first = *text.as_bytes().get(k)?;
    if first.is_ascii() {
        return matches!(
            first,
            b' ' | b'/' | b'-' | b'(' | b')' | b'.' | b'+' | b'_' | b'|'
        )
        .then_some(1);
    }
    // Inside a character (the digit runs step byte by byte) there is none.
    let c = text.get(k..)?.chars().next()?;
    let space = c.is_whitespace() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}');
    // Middle dots and bullets part groups in letterheads (`0351 · 456 78 90`).
    let dot = matches!(c, '·' | '•' | '∙' | '‧');
    (space || dot || is_dash(c) || is_invisible(c)).then_some(c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_forms_read_as_ascii() {
        assert_eq!(
            ascii_digits("Tel. ＋４９ ６９ ９０００９ ２０１").as_deref(),
            Some("Tel. +49 69 90009 201")
        );
        assert_eq!(
            ascii_digits("𝟬𝟯𝟱𝟭 𝟺𝟻𝟼 ⁰³⁵¹ ₀₃₅₁ ²³ ٠٣٥١ ۰۳۵۱").as_deref(),
            Some("0351 456 0351 0351 23 0351 0351")
        );
        assert_eq!(ascii_digits("Tel. +49 69 90009 201 – „ä“ 😀"), None);
    }

    #[test]
    fn strips_markup_between_letters_and_keeps_blocks_apart() {
        assert_eq!(
            strip_tags("Kat<b>rin</b> Bei<span class=\"x\">spiel</span><p>x"),
            "Katrin Beispiel x"
        );
        assert_eq!(strip_tags("<td>a</td><td>b</td>"), " a  b ");
        assert_eq!(strip_tags("a < b and c<3"), "a < b and c<3");
    }

    #[test]
    fn folds_case_diacritics_quotes_and_space() {
        assert_eq!(
            fold("  Jürgen\u{a0}MÜLLER,  „Straße“ – 1 "),
            "jurgen muller strasse - 1"
        );
        assert_eq!(fold("Ju\u{308}rgen"), "jurgen");
        assert_eq!(
            fold("k.bei\u{ad}spiel (at) example [dot] org"),
            "k.beispiel@example.org"
        );
        assert_eq!(fold(&transliterate("Probestück")), "probestueck");
    }

    #[test]
    fn digit_runs_join_groups() {
        assert_eq!(
            digit_runs("Tel. +49 (0)30 23125-101, Fax 030 / 23125 102; Raum 2.14"),
            "4903023125101|03023125102|"
        );
    }

    /// What shows nothing, or shows as a space or dash, neither splits a
    /// name nor a phone number.
    #[test]
    fn invisible_characters_hide_nothing() {
        for invisible in [
            '\u{ad}',
            '\u{200c}',
            '\u{202a}',
            '\u{202e}',
            '\u{2062}',
            '\u{2066}',
            '\u{61c}',
            '\u{180e}',
            '\u{fe0f}',
            '\u{feff}',
            '\u{3164}',
            '\u{e0041}',
        ] {
            assert_eq!(
                fold(&format!("Kat{invisible}rin Beispiel")),
                "katrin beispiel",
                "{invisible:?}"
            );
            assert_eq!(
                digit_runs(&format!("030 231{invisible}25 101")),
                "03023125101|",
                "{invisible:?}"
            );
        }
        assert_eq!(fold("Katrin\u{2800}Beispiel"), "katrin beispiel");
        assert_eq!(
            fold("Ｋａｔｒｉｎ　Ｂｅｉｓｐｉｅｌ，k.b＠example.org k.b﹫example.org"),
            "katrin beispiel k.b@example.org k.b@example.org"
        );
        assert_eq!(fold("k.b @ example.org"), "k.b@example.org");
        assert_eq!(fold("k.b@example (punkt) org"), "k.b@example.org");
        assert_eq!(
            fold("k.b @ example.org, k.b (at) example (punkt) org"),
            "k.b@example.org k.b@example.org"
        );
        for separator in ["\u{2014}", "\u{2012}", "\u{2007}", "\u{2009}", "\u{2212}"] {
            assert_eq!(
                digit_runs(&format!("030{separator}23125{separator}101")),
                "03023125101|",
                "{separator:?}"
            );
        }
        // A line break still ends a run.
        assert_eq!(digit_runs("030 23\u{2028}12 101"), "");
    }
}
