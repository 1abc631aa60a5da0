//! Folding: lower case; diacritics, `ß`, quotes, dashes and invisible
//! characters folded; whitespace, commas and semicolons collapsed to one
//! space; `(at)`/`[at]` obfuscation undone. Needles and output are folded
//! alike, so that a needle matches however the output spells it.
//!
//! The output of a public build is mostly ASCII words between single
//! spaces; eight such bytes are folded at once, everything else character by
//! character.

/// A folded text being written: pieces are folded onto its end as if they
/// were one text.
#[derive(Debug, Default)]
pub struct Folder {
    bytes: Vec<u8>,
    /// The last thing written is a (collapsed) space, or nothing is yet.
    space: bool,
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

/// Eight spaces.
const SPACES: u64 = 0x2020_2020_2020_2020;

impl Folder {
    /// A folder that writes into `buffer` (cleared first), to reuse its memory.
    pub fn with_buffer(mut buffer: Vec<u8>) -> Folder {
        buffer.clear();
        Folder {
            bytes: buffer,
            space: true,
        }
    }

    /// Fold `text` onto the end.
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut written = self.bytes.len();
        // A character grows by at most half its bytes when folded (`Ⱥ` → `ⱥ`).
        self.bytes.resize(written + bytes.len() * 2 + 16, 0);
        let out = self.bytes.as_mut_slice();
        let mut space = self.space;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(chunk) = bytes[i..].first_chunk::<8>() {
                let x = u64::from_le_bytes(*chunk);
                if x == SPACES && space {
                    i += 8;
                    continue;
                }
                if let Some(lower) = simple_chunk(x, space) {
                    out[written..written + 8].copy_from_slice(&lower.to_le_bytes());
                    written += 8;
                    space = chunk[7] == b' ';
                    i += 8;
                    continue;
                }
            }
            // Up to eight bytes one by one, without a branch for ASCII.
            let stop = (i + 8).min(bytes.len());
            while i < stop {
                let byte = bytes[i];
                if let Some(&(folded, kind)) = FOLDED.get(usize::from(byte)) {
                    out[written] = folded;
                    written += usize::from(kind == KEEP || (kind == SPACE && !space));
                    space = (space && kind == DROP) || kind == SPACE;
                    i += 1;
                } else {
                    let c = text[i..].chars().next().unwrap_or_default();
                    fold_char(c, out, &mut written, &mut space);
                    i += c.len_utf8();
                }
            }
        }
        self.bytes.truncate(written);
        self.space = space;
    }

    /// The folded text as bytes (always UTF-8): without a last space,
    /// obfuscation undone.
    pub fn finish(mut self) -> Vec<u8> {
        if self.bytes.last() == Some(&b' ') {
            self.bytes.pop();
        }
        let obfuscated = memchr::memchr3_iter(b')', b']', b'}', &self.bytes)
            .any(|end| end >= 2 && &self.bytes[end - 2..end] == b"at");
        if obfuscated {
            return deobfuscate(&self.bytes);
        }
        self.bytes
    }
}

/// Fold one character outside ASCII into `out` at `written`.
fn fold_char(c: char, out: &mut [u8], written: &mut usize, space: &mut bool) {
    let mut put = |bytes: &[u8]| {
        out[*written..*written + bytes.len()].copy_from_slice(bytes);
        *written += bytes.len();
    };
    match c {
        c if c.is_whitespace() => {
            if !*space {
                put(b" ");
                *space = true;
            }
            return;
        }
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => return,
        '\u{300}'..='\u{36f}' => return,
        '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '‹' | '›' | '´' | '′' | '″' => {
            return
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => put(b"-"),
        '…' => put(b"..."),
        c => {
            for lower in c.to_lowercase() {
                match base_letter(lower) {
                    Some(base) => put(base.as_bytes()),
                    None => put(lower.encode_utf8(&mut [0; 4]).as_bytes()),
                }
            }
        }
    }
    *space = false;
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` (all ASCII) that is greater than `n`.
fn greater(x: u64, n: u8) -> u64 {
    (x + u64::from(0x7f - n) * ONES) & HIGH
}

/// The high bit of every byte of `x` that is zero.
fn zeros(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x | !HIGH)
}

/// Eight bytes (little-endian) that fold by lowering case alone after
/// `space` (whether a space was written last): ASCII, no control character,
/// quote, backtick, comma or semicolon, spaces only single and not first
/// after a space. Returns them in lower case.
fn simple_chunk(x: u64, space: bool) -> Option<u64> {
    if x & HIGH != 0 {
        return None;
    }
    let controls = !greater(x, 0x1f) & HIGH;
    let special = zeros(x ^ (u64::from(b'"') * ONES))
        | zeros(x ^ (u64::from(b'\'') * ONES))
        | zeros(x ^ (u64::from(b'`') * ONES))
        | zeros(x ^ (u64::from(b',') * ONES))
        | zeros(x ^ (u64::from(b';') * ONES));
    let spaces = zeros(x ^ SPACES);
    let first_space = space && spaces & 0x80 != 0;
    if controls | special != 0 || spaces & (spaces >> 8) != 0 || first_space {
        return None;
    }
    let upper = greater(x, b'A' - 1) & !greater(x, b'Z');
    Some(x | upper >> 2)
}

/// `name (at) example (dot) org` → `name@example.org`.
fn deobfuscate(text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for (from, to) in [
        (" (at) ", "@"),
        (" [at] ", "@"),
        (" {at} ", "@"),
        ("(at)", "@"),
        ("[at]", "@"),
        ("{at}", "@"),
        (" (dot) ", "."),
        (" [dot] ", "."),
        ("(dot)", "."),
        ("[dot]", "."),
    ] {
        let mut last = 0;
        let mut replaced = Vec::with_capacity(out.len());
        for at in memchr::memmem::find_iter(&out, from.as_bytes()) {
            replaced.extend_from_slice(&out[last..at]);
            replaced.extend_from_slice(to.as_bytes());
            last = at + from.len();
        }
        if last > 0 {
            replaced.extend_from_slice(&out[last..]);
            out = replaced;
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
