//! The forms a file is scanned in, each made in one pass: decoded (HTML
//! entities, percent-encoding and JSON/JS escapes undone, see `decode`),
//! plain (tags removed), folded (lower case, diacritics and typographic
//! punctuation folded, whitespace collapsed) and the digit runs of phone-like
//! text.

pub use super::decode::{decode, decode_entities, percent_decode};

/// Text without tags: a tag becomes nothing, so `Kat<b>rin</b>` reads
/// `Katrin`; block-level tags become a space so that separate cells and
/// paragraphs stay separate words.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start + 1..];
        let starts_tag = tag
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !starts_tag {
            out.push('<');
            rest = tag;
            continue;
        }
        let Some(end) = tag.find('>') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name: String = tag[..end]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if is_block(&name) {
            out.push(' ');
        }
        rest = &tag[end + 1..];
    }
    out.push_str(rest);
    out
}

pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "td"
            | "th"
            | "tr"
            | "br"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "aside"
            | "figure"
            | "figcaption"
            | "caption"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "dl"
            | "table"
            | "thead"
            | "tbody"
            | "title"
            | "desc"
            | "text"
            | "tspan"
            | "option"
            | "script"
            | "style"
            | "meta"
            | "link"
    )
}

/// Lower case; diacritics, `ß`, quotes, dashes and invisible characters
/// folded; whitespace, commas and semicolons collapsed to one space;
/// `(at)`/`[at]` obfuscation undone. Needles and output are folded alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whether the last thing written is a (collapsed) space, or nothing yet.
    let mut space = true;
    for c in text.chars() {
        let folded: &str = match c {
            '"' | '\'' | '`' => continue,
            c if c.is_whitespace() || c == ',' || c == ';' => {
                if !space {
                    out.push(' ');
                    space = true;
                }
                continue;
            }
            c if c.is_ascii() => {
                out.push(c.to_ascii_lowercase());
                space = false;
                continue;
            }
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => continue,
            '\u{300}'..='\u{36f}' => continue,
            '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '‹' | '›' | '´' | '′' | '″' => {
                continue
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '…' => "...",
            c => {
                for lower in c.to_lowercase() {
                    match base_letter(lower) {
                        Some(base) => out.push_str(base),
                        None => out.push(lower),
                    }
                }
                space = false;
                continue;
            }
        };
        out.push_str(folded);
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    if out.contains("at)") || out.contains("at]") || out.contains("at}") {
        out = deobfuscate(&out);
    }
    out
}

/// `name (at) example (dot) org` → `name@example.org`.
fn deobfuscate(text: &str) -> String {
    let mut out = text.to_string();
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
        if out.contains(from) {
            out = out.replace(from, to);
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

/// Whether `c` separates the digit groups of a phone number.
pub fn is_phone_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '/' | '-' | '(' | ')' | '.' | '+' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '–' | '‑'
    )
}

/// The digits of every phone-like run (digits joined by at most three
/// separators in a row) with at least six digits, each run ended by `|`.
/// `030 / 23125-101` and `+49 (0)30 23125 101` become `03023125101|` and
/// `4903023125101|`, so a contact number is found however it is written.
pub fn digit_runs(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let mut separators = 0;
    let finish = |run: &mut String, out: &mut String| {
        if run.len() >= 6 {
            out.push_str(run);
            out.push('|');
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            separators = 0;
        } else if !run.is_empty() && is_phone_separator(c) && separators < 3 {
            separators += 1;
        } else if !run.is_empty() {
            finish(&mut run, &mut out);
            separators = 0;
        }
    }
    finish(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
