//! Folding: lower case; diacritics, `ß`, quotes, dashes and invisible
//! characters folded; whitespace, commas and semicolons collapsed to one
//! space; `(at)`/`[at]` obfuscation undone. Needles and output are folded
//! alike, so that a needle matches however the output spells it.
//!
//! The output of a public build is mostly ASCII words between single
//! spaces; eight such bytes are folded at once, everything else character by
//! character.

mod glue;

use super::swar::{equal_to_any, greater, load, zeros, HIGH};
use super::text::is_digit_form;
use glue::{any_in, dropped, may_glue, move_marks, none_in, starts_glued, Case};

/// A folded text being written: pieces are folded onto its end as if they
/// were one text.
#[derive(Debug)]
pub struct Folder {
    /// The folded text up to `len`; beyond it, room left from earlier
    /// texts, so that a folder kept from file to file does not clear its
    /// memory again for each.
    bytes: Vec<u8>,
    len: usize,
    /// The last thing written is a (collapsed) space, or nothing is yet.
    space: bool,
    /// A digit or sign in another form than ASCII was folded (see
    /// [`is_digit_form`]): phone numbers may hide in it.
    digit_forms: bool,
    /// Where words glued to the word before them start in the folded
    /// text, in order (see [`glue`]).
    glued: Vec<u32>,
}

impl Default for Folder {
    fn default() -> Folder {
        Folder::with_buffer(Vec::new())
    }
}

/// What each ASCII byte folds to: itself in lower case ([`KEEP`]), a space
/// collapsed with its neighbours ([`SPACE`]), or nothing ([`DROP`]: straight
/// quotes and the backtick).
const FOLDED: [(u8, u8); 128] = {
    let mut folded = [(0, KEEP); 128];
    let mut byte = 0;
    while byte < 128 {
        folded[byte] = match byte as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b',' | b';' => (b' ', SPACE),
            b'"' | b'\'' | b'`' => (0, DROP),
            other => (other.to_ascii_lowercase(), KEEP),
        };
        byte += 1;
    }
    folded
};
const KEEP: u8 = 0;
const SPACE: u8 = 1;
const DROP: u8 = 2;

/// Input bytes folded between two checks for room.
const PIECE: usize = 64 * 1024;
/// Eight spaces.
const SPACES: u64 = 0x2020_2020_2020_2020;
/// Eight line breaks.
const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;

impl Folder {
    /// A folder that writes into `buffer` (its contents are room), to reuse
    /// its memory.
    pub fn with_buffer(buffer: Vec<u8>) -> Folder {
        Folder {
            bytes: buffer,
            len: 0,
            space: true,
            digit_forms: false,
            glued: Vec::new(),
        }
    }

    /// Start a new text, keeping the memory.
    pub fn reset(&mut self) {
        self.len = 0;
        self.space = true;
        self.digit_forms = false;
        self.glued.clear();
    }

    /// Whether the texts pushed since [`Folder::reset`] hold a digit or
    /// sign in another form than ASCII (fullwidth, mathematical, superscript).
    pub fn saw_digit_forms(&self) -> bool {
        self.digit_forms
    }

    /// Fold `text` onto the end.
    pub fn push(&mut self, text: &str) {
        let mut i = 0;
        while i < text.len() {
            // Room for the next piece only, so that memory grows with the
            // folded text: a character grows by at most half its bytes when
            // folded (`Ⱥ` → `ⱥ`), and a piece may end up to a character
            // after its end.
            let end = (i + PIECE).min(text.len());
            let room = self.len + (end - i) * 3 / 2 + 32;
            if self.bytes.len() < room {
                self.bytes.resize(room, 0);
            }
            i = self.push_piece(text, i, end);
        }
    }

    /// Fold `text` from `i` to about `end` (where there is room) onto the
    /// end; returns where it stopped, at or after `end`.
    fn push_piece(&mut self, text: &str, mut i: usize, end: usize) -> usize {
        let bytes = text.as_bytes();
        let out = self.bytes.as_mut_slice();
        let mut written = self.len;
        let mut space = self.space;
        let mut digit_forms = false;
        let before = |i: usize| if i > 0 { bytes[i - 1] } else { 0 };
        while i < end {
            if let Some(x) = load(bytes, i) {
                // Line breaks fold like spaces.
                let x = x ^ ((zeros(x ^ NEWLINES) >> 7) * u64::from(b'\n' ^ b' '));
                if x == SPACES && space {
                    i += 8;
                    continue;
                }
                if let Some(lower) = simple_chunk(x, space, before(i)) {
                    out[written..written + 8].copy_from_slice(&lower.to_le_bytes());
                    written += 8;
                    space = x >> 56 == u64::from(b' ');
                    i += 8;
                    continue;
                }
            }
            // Up to eight bytes one by one, without a branch for ASCII; each
            // that may start a glued word looked at, if any may.
            let stop = (i + 8).min(bytes.len());
            let glue = load(bytes, i).is_none_or(|x| any_in(x, before(i)));
            while i < stop {
                let byte = bytes[i];
                if let Some(&(folded, kind)) = FOLDED.get(usize::from(byte)) {
                    out[written] = folded;
                    if glue
                        && byte.is_ascii_uppercase()
                        && may_glue(before(i))
                        && starts_glued(text, i, char::from(byte))
                    {
                        self.glued.push(written as u32);
                    }
                    written += usize::from(kind == KEEP || (kind == SPACE && !space));
                    space = (space && kind == DROP) || kind == SPACE;
                    i += 1;
                } else {
                    let c = text[i..].chars().next().unwrap_or_default();
                    digit_forms |= is_digit_form(c);
                    if glue
                        && may_glue(before(i))
                        && Case::of(c) == Case::Upper
                        && starts_glued(text, i, c)
                    {
                        self.glued.push(written as u32);
                    }
                    let (length, now_space) = fold_char(c, &mut out[written..], space);
                    written += length;
                    space = now_space;
                    i += c.len_utf8();
                }
            }
        }
        self.len = written;
        self.space = space;
        self.digit_forms |= digit_forms;
        i
    }

    /// The folded text as bytes (always UTF-8): without a last space,
    /// obfuscation undone. Nothing more is pushed until [`Folder::reset`].
    pub fn folded(&mut self) -> &[u8] {
        self.folded_and_glued().0
    }

    /// [`Folder::folded`], and where in it a word glued to the word before
    /// it starts (see [`glue`]), in order.
    pub fn folded_and_glued(&mut self) -> (&[u8], &[u32]) {
        if self.len > 0 && self.bytes[self.len - 1] == b' ' {
            self.len -= 1;
            self.space = false;
        }
        let text = &self.bytes[..self.len];
        let obfuscated = memchr::memchr3_iter(b')', b']', b'}', text).any(|end| {
            let before = &text[..end];
            before.ends_with(b"at") || before.ends_with(b"dot") || before.ends_with(b"punkt")
        }) || memchr::memmem::find(text, b" @ ").is_some();
        if obfuscated {
            let plain = deobfuscate(text, &mut self.glued);
            self.len = plain.len();
            self.bytes = plain;
        }
        (&self.bytes[..self.len], &self.glued)
    }

    /// [`Folder::folded`] as a vector of its own.
    pub fn finish(mut self) -> Vec<u8> {
        self.folded();
        self.bytes.truncate(self.len);
        self.bytes
    }
}

/// Fold one character outside ASCII into the start of `out`, after a space
/// or not; returns the bytes written and whether a space is last now.
fn fold_char(c: char, out: &mut [u8], space: bool) -> (usize, bool) {
    let mut written = 0;
    let mut put = |bytes: &[u8]| {
        out[written..written + bytes.len()].copy_from_slice(bytes);
        written += bytes.len();
    };
    match c {
        // U+2800 (braille blank) shows as a space too.
        c if c.is_whitespace() || c == '\u{2800}' => {
            if !space {
                put(b" ");
            }
            return (written, true);
        }
        c if dropped(c) => return (0, space),
        // Fullwidth forms (`Ｋａｔｒｉｎ`, `＠`) and the small `﹫` fold as
        // the ASCII they stand for.
        '\u{ff01}'..='\u{ff5e}' | '\u{fe6b}' => {
            let ascii = match c {
                '\u{fe6b}' => b'@',
                c => (u32::from(c) - 0xfee0) as u8,
            };
            let (folded, kind) = FOLDED[usize::from(ascii)];
            out[0] = folded;
            let written = usize::from(kind == KEEP || (kind == SPACE && !space));
            return (written, (space && kind == DROP) || kind == SPACE);
        }
        c if is_dash(c) => put(b"-"),
        '…' => put(b"..."),
        c => {
            let mut put_lower = |lower: char| match base_letter(lower) {
                Some(base) => put(base.as_bytes()),
                None => put(lower.encode_utf8(&mut [0; 4]).as_bytes()),
            };
            match latin1_lower(c) {
                Some(lower) => put_lower(lower),
                None => c.to_lowercase().for_each(put_lower),
            }
        }
    }
    (written, false)
}

/// Whether a character is a dash: hyphen to horizontal bar, or the minus
/// sign. Folded to `-`, and a separator in a phone number.
pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Whether a character is one Unicode lets a text show nothing of
/// (Default_Ignorable_Code_Point): soft hyphen, zero-width and joiners,
/// direction marks and embeddings, invisible operators, variation selectors,
/// fillers, tags. Dropped, as a reader does not see them in a name.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// The lower case of a Latin-1 character, without Unicode's tables (as
/// `char::to_lowercase` gives it: `À`…`Þ` but `×` move by 0x20).
fn latin1_lower(c: char) -> Option<char> {
    match c {
        '\u{c0}'..='\u{de}' if c != '×' => char::from_u32(c as u32 + 0x20),
        '\u{80}'..='\u{ff}' => Some(c),
        _ => None,
    }
}

/// Fold one text.
pub fn fold(text: &str) -> String {
    let mut folder = Folder::with_buffer(Vec::with_capacity(text.len()));
    folder.push(text);
    match String::from_utf8(folder.finish()) {
        Ok(folded) => folded,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

/// Eight bytes (little-endian) that fold by lowering case alone after
/// `space` (whether a space was written last): ASCII, no control character,
/// quote, backtick, comma or semicolon, spaces only single and not first
/// after a space, and no word glued on after the byte `before` (see
/// [`none_in`]). Returns them in lower case.
fn simple_chunk(x: u64, space: bool, before: u8) -> Option<u64> {
    if x & HIGH != 0 {
        return None;
    }
    let controls = !greater(x, 0x1f) & HIGH;
    let special = equal_to_any(x, b"\"'`,;");
    let spaces = zeros(x ^ SPACES);
    let first_space = space && spaces & 0x80 != 0;
    if controls | special != 0 || spaces & (spaces >> 8) != 0 || first_space {
        return None;
    }
    let upper = greater(x, b'A' - 1) & !greater(x, b'Z');
    none_in(x, upper, before).then_some(x | upper >> 2)
}

/// `name (at) example (dot) org`, `name @ example [punkt] org` →
/// `name@example.org`; the marks of glued words move along.
fn deobfuscate(text: &[u8], glued: &mut Vec<u32>) -> Vec<u8> {
    let mut out = text.to_vec();
    for (from, to) in [
        (" (at) ", "@"),
        (" [at] ", "@"),
        (" {at} ", "@"),
        ("(at)", "@"),
        ("[at]", "@"),
        ("{at}", "@"),
        (" @ ", "@"),
        (" (dot) ", "."),
        (" (punkt) ", "."),
        (" [punkt] ", "."),
        ("(punkt)", "."),
        ("[punkt]", "."),
        (" [dot] ", "."),
        ("(dot)", "."),
        ("[dot]", "."),
    ] {
        let mut last = 0;
        let mut replaced = Vec::with_capacity(out.len());
        let mut spans = Vec::new();
        for at in memchr::memmem::find_iter(&out, from.as_bytes()) {
            replaced.extend_from_slice(&out[last..at]);
            replaced.extend_from_slice(to.as_bytes());
            last = at + from.len();
            spans.push((at, from.len(), to.len()));
        }
        if last > 0 {
            replaced.extend_from_slice(&out[last..]);
            out = replaced;
            move_marks(glued, &spans);
        }
    }
    out
}

/// The base letters of a lower-case Latin letter with a diacritic.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ľ' | 'ĺ' | 'ļ' | 'ł' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' | 'ŗ' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
