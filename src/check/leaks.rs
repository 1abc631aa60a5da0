//! The leak scan: the second wall behind redaction by type.
//!
//! Reads every file of the finished public output and fails on any contact
//! value (name, phone, e-mail, address, room, successor note), any internal
//! passage or note, and any e-mail address or phone number that is not on the
//! allow-list. Each file is scanned in three forms — as written, with HTML
//! entities and percent-encoding decoded, and as plain text with the markup
//! removed — with one Aho-Corasick automaton, so the scan stays linear in the
//! size of the output.

use super::prefilter::Finder;
use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::markdown::internal_passages;
use crate::model::Site;
use crate::output::OutputFile;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// What must not appear in the public output.
#[derive(Debug, Default)]
pub struct Needles {
    /// (normalised text, what it is, content file it comes from).
    secrets: Vec<(String, String, String)>,
    /// Phone numbers of contacts, normalised to digits.
    contact_phones: Vec<(String, String, String)>,
    /// Allowed e-mail addresses, lower case.
    allowed_emails: BTreeSet<String>,
    /// Allowed phone numbers, normalised to digits.
    allowed_phones: BTreeSet<String>,
    /// The search over `secrets`, built on first use (see [`Needles::prepare_search`]).
    finder: OnceLock<std::result::Result<Finder, String>>,
}

impl Needles {
    /// Everything secret in a site: contacts, internal notes and passages.
    pub fn from_site(site: &Site) -> Needles {
        let mut needles = Needles::default();
        for email in &site.config.allow_list.emails {
            needles.allowed_emails.insert(email.to_lowercase());
        }
        needles
            .allowed_emails
            .insert(site.config.publisher.email.to_lowercase());
        for phone in site
            .config
            .allow_list
            .phones
            .iter()
            .chain([&site.config.publisher.phone])
        {
            needles.allowed_phones.insert(normalise_phone(phone));
        }
        for region in &site.regions {
            let file = format!("content/regions/{}.yaml", region.slug);
            if let Some(note) = &region.notes_internal {
                needles.add_text(&note.0, "internal note (notes_internal)", &file);
            }
            for partner in &region.partners {
                if let Some(note) = &partner.notes_internal {
                    needles.add_text(&note.0, "internal note (notes_internal)", &file);
                }
                for contact in &partner.contacts {
                    for (kind, value) in contact.secret_values() {
                        let what = format!("contact {kind} `{value}`");
                        if kind == "phone" {
                            needles.contact_phones.push((
                                normalise_phone(value),
                                what.clone(),
                                file.clone(),
                            ));
                        }
                        if kind == "email" {
                            needles
                                .secrets
                                .push((value.to_lowercase(), what, file.clone()));
                        } else {
                            needles
                                .secrets
                                .push((normalise_text(value), what, file.clone()));
                        }
                    }
                }
            }
        }
        for markdown in site.markdowns() {
            let file = markdown.file.display().to_string();
            for passage in internal_passages(markdown) {
                needles.add_text(&markdown_plain(&passage), "internal passage", &file);
            }
        }
        needles
            .secrets
            .retain(|(text, _, _)| text.chars().count() >= 4);
        needles.secrets.sort();
        needles.secrets.dedup();
        needles
    }

    /// Build the search over the needles now (a site of 400 regions has
    /// 70 000 of them), e.g. while the pages render; [`scan`] would otherwise.
    pub fn prepare_search(&self) {
        let _ = self.finder();
    }

    fn finder(&self) -> Result<&Finder> {
        self.finder
            .get_or_init(|| {
                Finder::new(self.secrets.iter().map(|(text, _, _)| text.as_str()))
                    .map_err(|err| err.to_string())
            })
            .as_ref()
            .map_err(|err| Diagnostic::error(format!("leak scan could not start: {err}")).into())
    }

    /// A longer text: each of its lines (of 12 characters or more) is a needle.
    fn add_text(&mut self, text: &str, what: &str, file: &str) {
        for line in text
            .lines()
            .map(normalise_text)
            .filter(|l| l.chars().count() >= 12)
        {
            let shown: String = line.chars().take(40).collect();
            self.secrets
                .push((line, format!("{what} „{shown}…“"), file.to_string()));
        }
    }
}

/// Scan the output; any hit is an error naming the output file and the source.
pub fn scan(files: &[OutputFile], needles: &Needles) -> Result<()> {
    let finder = needles.finder()?;
    // Files are scanned in parallel; their hits are reported in file order.
    let found: Vec<(&OutputFile, BTreeSet<String>)> = files
        .par_iter()
        .map(|file| (file, scan_file(file, finder, needles)))
        .filter(|(_, hits)| !hits.is_empty())
        .collect();
    let mut diagnostics = Diagnostics::new();
    for (file, hits) in found {
        for hit in hits {
            diagnostics.push(
                Diagnostic::error(format!("leak: public output contains {hit}"))
                    .at(Location::file(format!("public/{}", file.path)))
                    .hint("contact data belongs in `contacts:` and internal text in `:::intern` or `notes_internal`; public e-mail addresses and phone numbers go on the allow-list in site.yaml"),
            );
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(())
    }
}

/// Every hit in one output file, as the text of its message.
fn scan_file(file: &OutputFile, finder: &Finder, needles: &Needles) -> BTreeSet<String> {
    // from_utf8 checks ASCII a word at a time; the lossy decoder, byte by byte.
    let raw = match std::str::from_utf8(&file.bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(&file.bytes),
    };
    let decoded = decode(&raw);
    let forms = super::forms::forms(&decoded);
    let mut hits: BTreeSet<String> = BTreeSet::new();
    for form in [&forms.folded, &forms.folded_plain] {
        finder.for_each_match(form, |found| {
            let (_, what, source) = &needles.secrets[found.pattern().as_usize()];
            hits.insert(format!("{what} from {source}"));
        });
    }
    for form in [&*decoded, forms.plain.as_str()] {
        for email in emails(form) {
            if !needles.allowed_emails.contains(&email) {
                hits.insert(format!(
                    "e-mail address `{email}` that is not on the allow-list"
                ));
            }
        }
        for phone in phones(form) {
            let digits = normalise_phone(&phone);
            if let Some((_, what, source)) =
                needles.contact_phones.iter().find(|(p, _, _)| *p == digits)
            {
                hits.insert(format!("{what} from {source}"));
            } else if !needles.allowed_phones.contains(&digits) {
                hits.insert(format!(
                    "phone number `{}` that is not on the allow-list",
                    phone.trim()
                ));
            }
        }
    }
    hits
}

/// Lower case, whitespace collapsed to single spaces.
pub(super) fn normalise_text(text: &str) -> String {
    // `str::to_lowercase` lowers a capital sigma by its context: such text
    // takes the general path; everything else is folded in one pass below,
    // with the same result.
    if text.contains('Σ') {
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b {
                space = !out.is_empty();
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len()
                && bytes[i].is_ascii()
                && !(bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b)
            {
                i += 1;
            }
            if space {
                out.push(' ');
                space = false;
            }
            let at = out.len();
            out.push_str(&text[start..i]);
            out[at..].make_ascii_lowercase();
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Digits only, with the German country code folded into a leading 0.
pub fn normalise_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = phone.trim_start().starts_with('+');
    if let Some(rest) = digits.strip_prefix("0049") {
        format!("0{rest}")
    } else if plus {
        match digits.strip_prefix("49") {
            Some(rest) => format!("0{rest}"),
            None => format!("00{digits}"),
        }
    } else {
        digits
    }
}

/// Markdown syntax that does not survive into the text of a page.
fn markdown_plain(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>' | '[' | ']'))
        .collect()
}

/// Entities, percent-encoding, then entities again (`&amp;#64;`, `%26%2364;`),
/// copying the text only where something is decoded.
fn decode(raw: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(raw);
    for step in [entities_decoded, percent_decoded, entities_decoded] {
        if let Some(decoded) = step(&text) {
            text = Cow::Owned(decoded);
        }
    }
    text
}

/// Decode `&amp;`, `&#64;`, `&#x40;` and the named entities German text uses.
pub fn decode_entities(text: &str) -> String {
    entities_decoded(text).unwrap_or_else(|| text.to_string())
}

/// [`decode_entities`], or `None` when the text has no `&`.
fn entities_decoded(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "commat" => '@',
        "period" => '.',
        "plus" => '+',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "shy" | "ZeroWidthSpace" => '\u{200b}',
        _ => return None,
    })
}

/// Decode `%40`-style escapes (invalid ones stay as they are).
pub fn percent_decode(text: &str) -> String {
    percent_decoded(text).unwrap_or_else(|| text.to_string())
}

/// [`percent_decode`], or `None` when the text has no `%`.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(offset) = text[from..].find('%') {
        let i = from + offset;
        from = i + 1;
        if i + 2 < bytes.len() && text.is_char_boundary(i + 3) {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.extend_from_slice(&bytes[copied..i]);
                out.push(byte);
                copied = i + 3;
                from = copied;
            }
        }
    }
    if from == 0 {
        return None;
    }
    out.extend_from_slice(&bytes[copied..]);
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Text without tags: each tag becomes nothing, so `Kat<b>rin</b>` reads `Katrin`;
/// block ends become spaces so words of separate blocks stay apart.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_text(&mut out, &rest[..open]);
        let tag = &rest[open + 1..];
        // A tag that is never closed runs to the end: nothing of it is text.
        let Some(close) = tag.find('>') else {
            return out;
        };
        if super::forms::ends_block(&tag[..close]) {
            out.push(' ');
        }
        rest = &tag[close + 1..];
    }
    push_text(&mut out, rest);
    out
}

/// Text outside tags, without zero-width spaces.
fn push_text(out: &mut String, text: &str) {
    if text.contains('\u{200b}') {
        out.extend(text.chars().filter(|&c| c != '\u{200b}'));
    } else {
        out.push_str(text);
    }
}

/// E-mail addresses in a text, lower case.
fn emails(text: &str) -> Vec<String> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map(|(i, _)| i);
        let domain: String = text[at + 1..]
            .chars()
            .take_while(|c| is_domain(*c))
            .collect();
        let domain = domain.trim_end_matches(['.', '-']);
        if let Some(start) = local_start {
            if domain.contains('.') && !domain.starts_with('.') {
                found.push(format!("{}@{}", &text[start..at], domain).to_lowercase());
            }
        }
    }
    found
}

/// Phone-like numbers: `+49 …` or `0…` with at least 8 digits in groups
/// separated by single spaces, `/`, `-` or parentheses.
fn phones(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let char_at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
    let mut from = 0;
    // Only `+`, `0` and `(` start a number, so the search jumps between them.
    while let Some(offset) = memchr::memchr3(b'+', b'0', b'(', &text.as_bytes()[from..]) {
        let i = from + offset;
        let c = char::from(text.as_bytes()[i]);
        from = i + 1;
        let boundary = text[..i].chars().next_back().is_none_or(|before| {
            !(before.is_alphanumeric() || matches!(before, '.' | ',' | '-' | '#' | '/' | ':' | '_'))
        });
        let next = char_at(i + 1);
        let starts = (c == '+' && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '0' && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '(' && next == Some('0'));
        if !(boundary && starts) {
            continue;
        }
        let mut j = i + 1;
        let mut digits = usize::from(c.is_ascii_digit());
        let mut first_group = usize::from(c.is_ascii_digit());
        let mut in_first = true;
        while let Some(d) = char_at(j) {
            if d.is_ascii_digit() {
                digits += 1;
                if in_first {
                    first_group += 1;
                }
                j += 1;
            } else if matches!(d, ' ' | '/' | '-' | '(' | ')' | '\u{a0}')
                && char_at(j + d.len_utf8()).is_some_and(|n| n.is_ascii_digit() || n == '(')
            {
                in_first = false;
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let candidate = &text[i..j];
        let looks_like_date =
            candidate.len() == 10 && candidate.chars().filter(|c| *c == '-').count() == 2;
        let followed_by_word = char_at(j).is_some_and(|n| {
            n.is_alphabetic() || n == '.' && char_at(j + 1).is_some_and(|m| m.is_ascii_digit())
        });
        if (8..=15).contains(&digits)
            && (first_group >= 3 || c == '+' || c == '(')
            && !looks_like_date
            && !followed_by_word
        {
            found.push(candidate.to_string());
        }
        from = j.max(i + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities_and_percent() {
        assert_eq!(
            decode_entities("a&#64;b&#x2e;org &amp; K&auml;the"),
            "a@b.org & Käthe"
        );
        assert_eq!(percent_decode("mailto:a%40b.org%2"), "mailto:a@b.org%2");
    }

    #[test]
    fn strips_markup_between_letters() {
        assert_eq!(
            strip_tags("Kat<b>rin</b> Bei<span class=\"x\">spiel</span><p>x"),
            "Katrin Beispiel x"
        );
    }

    #[test]
    fn finds_emails_and_phones() {
        assert_eq!(
            emails("Mail: K.Beispiel@Example.org."),
            vec!["k.beispiel@example.org"]
        );
        assert_eq!(
            phones("Tel. +49 30 23125 101, Fax 030/23125-102"),
            vec!["+49 30 23125 101", "030/23125-102"]
        );
        assert!(
            phones("Stand 2026-03-15, viewBox=\"0 0 680 1200\", § 60a, 0.5rem, 01219 Dresden")
                .is_empty()
        );
        assert_eq!(
            normalise_phone("+49 30 23125 101"),
            normalise_phone("030 23125101")
        );
    }
}
