//! The leak scan: the second wall behind redaction by type.
//!
//! Reads every file of the finished public output (gzip-compressed ones
//! unpacked) and fails on any contact value, any internal note or passage,
//! and any e-mail address or phone number not on the allow-list. Each file is
//! read once into one readable form (text, then attribute values and
//! comments, all decoded), folded, and searched with one Aho-Corasick
//! automaton for texts and one for phone digits, files in parallel: linear in
//! the size of the output. Each hit names the output
//! file, the secret's content file and, when found, the line that leaks it.

mod decode;
mod detect;
mod locate;
mod needles;
mod readable;
pub mod text;

pub use detect::phone_key;
pub use needles::{Needle, Needles, Secret, SecretKind};
pub use text::{decode, decode_entities, percent_decode, strip_tags};

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::output::OutputFile;
use aho_corasick::AhoCorasick;
use locate::{ContentIndex, Wanted};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use text::{digit_runs, fold};

/// Largest unpacked size of a compressed output file the scan reads.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// One thing found in one output file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    /// A text needle (index into `Needles::text`).
    Text(usize),
    /// A contact phone (index into `Needles::phones`).
    Phone(usize),
    /// An e-mail address not on the allow-list.
    Email(String),
    /// A phone number not on the allow-list: its key and how it was written.
    UnknownPhone(String, String),
}

/// What a diagnostic is about: one secret, or one unknown address or number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Secret(usize),
    Email(String),
    Phone(String),
}

/// The automatons of a scan, built once per scan.
struct Automata {
    text: AhoCorasick,
    phones: AhoCorasick,
}

/// Scan the output; every hit is an error naming the output file, the
/// secret's content file and where it was written.
pub fn scan(files: &[OutputFile], needles: &Needles) -> Result<()> {
    let build = |patterns: Vec<&str>| {
        AhoCorasick::new(patterns)
            .map_err(|err| Diagnostic::error(format!("the leak scan could not start: {err}")))
    };
    let automata = Automata {
        text: build(needles.text.iter().map(|n| n.text.as_str()).collect())?,
        phones: build(needles.phones.iter().map(|n| n.text.as_str()).collect())?,
    };
    let found: Vec<(&str, BTreeSet<Found>)> = files
        .par_iter()
        .map(|file| {
            (
                file.path.as_str(),
                scan_file(&file.path, &file.bytes, &automata, needles),
            )
        })
        .filter(|(_, found)| !found.is_empty())
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    Err(report(&found, needles))
}

fn scan_file(path: &str, bytes: &[u8], automata: &Automata, needles: &Needles) -> BTreeSet<Found> {
    let bytes = unpack(bytes);
    let (text, is_text) = match std::str::from_utf8(&bytes) {
        Ok(text) => (Cow::Borrowed(text), true),
        Err(_) => (String::from_utf8_lossy(&bytes), false),
    };
    let form = readable::readable(path, &text);
    let folded = fold(&form);
    let mut found = BTreeSet::new();
    for hit in automata.text.find_overlapping_iter(&folded) {
        let needle = &needles.text[hit.pattern().as_usize()].text;
        if at_word_boundary(&folded, hit.start(), hit.end(), needle) {
            found.insert(Found::Text(hit.pattern().as_usize()));
        }
    }
    let runs = digit_runs(&form);
    for hit in automata.phones.find_overlapping_iter(&runs) {
        found.insert(Found::Phone(hit.pattern().as_usize()));
    }
    // Binary files (images, fonts) would only give false alarms here.
    if !is_text {
        return found;
    }
    for email in detect::emails(&folded) {
        if !needles.allowed_emails.contains(&email) && !needles.contact_emails.contains(&email) {
            found.insert(Found::Email(email));
        }
    }
    for phone in detect::phones(&form) {
        let key = phone_key(&phone);
        if !needles.allowed_phones.contains(&key) && !automata.phones.is_match(&key) {
            found.insert(Found::UnknownPhone(key, phone.trim().to_string()));
        }
    }
    found
}

/// Gzip-compressed files (a search index) unpacked; others as they are.
fn unpack(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Cow::Borrowed(bytes);
    }
    let mut unpacked = Vec::new();
    let reader = flate2::read::MultiGzDecoder::new(bytes);
    match reader.take(MAX_UNPACKED).read_to_end(&mut unpacked) {
        Ok(_) => Cow::Owned(unpacked),
        Err(_) => Cow::Borrowed(bytes),
    }
}

/// A match counts when it does not start inside a word, and, for a needle
/// ending in a digit (`Raum 2.1`), does not go on with another digit
/// (`Raum 2.14`). Names may go on (`Beispiels`): a genitive still leaks.
fn at_word_boundary(text: &str, start: usize, end: usize, needle: &str) -> bool {
    let starts_word = needle.chars().next().is_some_and(char::is_alphanumeric);
    let before_ok = !starts_word
        || !text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let ends_digit = needle
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let after_ok = !ends_digit
        || !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    before_ok && after_ok
}

/// One diagnostic per subject and place it is written (or one without a
/// place when no content file writes it: then a template prints it).
fn report(found: &[(&str, BTreeSet<Found>)], needles: &Needles) -> Diagnostics {
    let mut subjects: BTreeMap<Subject, (BTreeSet<&str>, BTreeSet<Wanted>, String)> =
        BTreeMap::new();
    for (path, hits) in found {
        for hit in hits {
            let (subject, wanted, shown) = match hit {
                Found::Text(i) => (
                    Subject::Secret(needles.text[*i].secret),
                    Wanted::Text(needles.text[*i].text.clone()),
                    String::new(),
                ),
                Found::Phone(i) => (
                    Subject::Secret(needles.phones[*i].secret),
                    Wanted::Digits(needles.phones[*i].text.clone()),
                    String::new(),
                ),
                Found::Email(email) => (
                    Subject::Email(email.clone()),
                    Wanted::Text(email.clone()),
                    email.clone(),
                ),
                Found::UnknownPhone(key, written) => (
                    Subject::Phone(key.clone()),
                    Wanted::Digits(key.clone()),
                    written.clone(),
                ),
            };
            let entry = subjects
                .entry(subject)
                .or_insert_with(|| (BTreeSet::new(), BTreeSet::new(), shown));
            entry.0.insert(path);
            entry.1.insert(wanted);
        }
    }
    let index = ContentIndex::new(&needles.sources);
    let mut diagnostics = Diagnostics::new();
    for (subject, (outputs, wanted, shown)) in subjects {
        let (what, hint) = match &subject {
            Subject::Secret(i) => {
                let secret = &needles.secrets[*i];
                let hint = match secret.kind {
                    SecretKind::Contact => "contact data belongs only under `contacts:` in its region file, and only the internal build shows it; remove it from the public text",
                    SecretKind::Internal => "keep internal text inside a `:::intern` … `:::` passage or under `notes_internal:`, not in public text",
                };
                let origin = wanted
                    .iter()
                    .map(|w| index.origin(&secret.origin, w))
                    .min_by_key(|l| (l.line == 0, l.line))
                    .unwrap_or_else(|| crate::error::Location::file(&secret.origin));
                (format!("{} (kept in {origin})", secret.what), hint)
            }
            Subject::Email(_) => (
                format!("the e-mail address `{shown}`, which is not on the allow-list"),
                "remove it; if it is the publisher's public address, add it to `allow_list: emails:` in content/site.yaml",
            ),
            Subject::Phone(_) => (
                format!("the phone number `{shown}`, which is not on the allow-list"),
                "remove it; if it is the publisher's public number, add it to `allow_list: phones:` in content/site.yaml",
            ),
        };
        let message = format!("leak: {} {what}", describe_outputs(&outputs));
        let mut places: BTreeSet<crate::error::Location> = BTreeSet::new();
        for wanted in &wanted {
            places.extend(index.locate(wanted));
        }
        if places.is_empty() {
            diagnostics.push(Diagnostic::error(message.clone()).hint(format!(
                "no content file writes it outside its internal place, so a template prints it; {hint}"
            )));
        }
        for place in places {
            diagnostics.push(Diagnostic::error(message.clone()).at(place).hint(hint));
        }
    }
    diagnostics
}

/// "output file `a.html` contains" / "output files `a`, `b` and 3 more contain".
fn describe_outputs(outputs: &BTreeSet<&str>) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = outputs
        .iter()
        .take(SHOWN)
        .map(|p| format!("`{p}`"))
        .collect();
    match outputs.len() {
        1 => format!("output file {} contains", names[0]),
        n if n <= SHOWN => format!(
            "output files {} and {} contain",
            names[..n - 1].join(", "),
            names[n - 1]
        ),
        n => format!(
            "output files {} and {} more contain",
            names.join(", "),
            n - SHOWN
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries() {
        assert!(at_word_boundary(
            "frau katrin beispiels",
            5,
            20,
            "katrin beispiel"
        ));
        assert!(!at_word_boundary(
            "ekatrin beispiel",
            1,
            16,
            "katrin beispiel"
        ));
        assert!(!at_word_boundary("raum 2.14", 0, 8, "raum 2.1"));
        assert!(at_word_boundary("raum 2.1.", 0, 8, "raum 2.1"));
    }

    #[test]
    fn gzip_is_unpacked() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(b"k.beispiel@example.org")
            .expect("compress");
        let packed = encoder.finish().expect("compress");
        assert_eq!(&*unpack(&packed), b"k.beispiel@example.org");
        assert_eq!(&*unpack(b"plain"), b"plain");
    }

    #[test]
    fn outputs_are_described_shortly() {
        let one: BTreeSet<&str> = ["a.html"].into();
        assert_eq!(describe_outputs(&one), "output file `a.html` contains");
        let many: BTreeSet<&str> = ["a", "b", "c", "d", "e"].into();
        assert_eq!(
            describe_outputs(&many),
            "output files `a`, `b`, `c` and 2 more contain"
        );
    }
}
