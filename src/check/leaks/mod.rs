//! The leak scan: the second wall behind redaction by type.
//!
//! Reads every file of the finished public output (gzip-compressed ones
//! unpacked, UTF-16 ones decoded) and fails on any contact value, any
//! internal note or passage, any e-mail address or phone number not on the
//! allow-list, and any file it cannot read inside (an archive, a PDF, an
//! office file) that the allow-list does not name. Each file is
//! read once into one readable form (text, then attribute values and
//! comments, all decoded), folded, and searched for every text needle and,
//! in its digit runs, every phone needle (see `finder`), files in parallel
//! and each without allocating: linear in the size of the output. Each hit
//! names the output file, the secret's content file and, when found, the
//! line that leaks it.

mod allowed;
mod decode;
mod detect;
mod finder;
mod fold;
mod formats;
mod json;
mod locate;
mod needles;
pub mod passed;
mod readable;
mod scan;
mod spellings;
mod swar;
pub mod text;

pub use detect::phone_key;
pub use locate::secret_lines;
pub use needles::{Needle, NeedleMemo, Needles, Secret, SecretKind};
pub use passed::Passed;
pub use text::{decode, decode_entities, percent_decode, strip_tags};

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::output::OutputFile;
use locate::{ContentIndex, Wanted};
use rayon::prelude::*;
use scan::{scan_file, Finders, Scratch};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

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
    /// A format the scan cannot read inside (by name), not on the allow-list.
    Unreadable(&'static str),
}

/// What a diagnostic is about: one secret, or one unknown address or number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Secret(usize),
    Email(String),
    Phone(String),
}

/// Make `needles` ready to search now rather than on the first scan (the
/// preview does it beside building its view).
pub fn make_ready(needles: &Needles) {
    needles.finders.get_or_init(|| Finders::new(needles));
}

/// Scan the output; every hit is an error naming the output file, the
/// secret's content file and where it was written.
pub fn scan(files: &[OutputFile], needles: &Needles) -> Result<()> {
    let scan = Scan::new(needles);
    // Largest first, so that no large file is left to one thread at the end.
    let mut order: Vec<&OutputFile> = files.iter().collect();
    order.sort_by_key(|file| std::cmp::Reverse(file.bytes.len()));
    order.par_iter().for_each(|file| {
        scan.file(file);
    });
    scan.finish()
}

/// A scan that takes the output file by file, as a render makes them (on
/// any thread), and reports what it found at the end.
pub struct Scan<'a> {
    needles: &'a Needles,
    finders: &'a Finders,
    found: Mutex<Vec<(String, BTreeSet<Found>)>>,
    /// The files that passed this very scan before, and those passing now.
    passed: Option<&'a Passed>,
}

impl std::fmt::Debug for Scan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scan").finish_non_exhaustive()
    }
}

thread_local! {
    /// The buffers of the scans on this thread, kept from file to file.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl<'a> Scan<'a> {
    /// A scan for `needles`, which builds their finders if no scan has yet.
    pub fn new(needles: &'a Needles) -> Scan<'a> {
        Scan::remembering(needles, None)
    }

    /// Like [`Scan::new`]; with `passed`, a file that passed the scan of the
    /// same needles before is not scanned again, and every file that passes
    /// is recorded there.
    pub fn remembering(needles: &'a Needles, passed: Option<&'a Passed>) -> Scan<'a> {
        Scan {
            needles,
            finders: needles.finders.get_or_init(|| Finders::new(needles)),
            found: Mutex::new(Vec::new()),
            passed,
        }
    }

    /// Scan one output file; `false` if it leaks (the hits are kept for
    /// [`Scan::finish`]).
    pub fn file(&self, file: &OutputFile) -> bool {
        let Some(passed) = self.passed else {
            return self.scan(file);
        };
        let key = Passed::key(&file.path, &file.bytes);
        let clean = passed.knew(&key) || self.scan(file);
        if clean {
            passed.passes(key);
        }
        clean
    }

    fn scan(&self, file: &OutputFile) -> bool {
        let found = SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => scan_file(
                &file.path,
                &file.bytes,
                self.finders,
                self.needles,
                &mut scratch,
            ),
            // Only if a scan on this thread ever waited for another one.
            Err(_) => scan_file(
                &file.path,
                &file.bytes,
                self.finders,
                self.needles,
                &mut Scratch::default(),
            ),
        });
        if found.is_empty() {
            return true;
        }
        self.found
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((file.path.clone(), found));
        false
    }

    /// A warning for each entry of `allow_list: files:` that names none of
    /// the output's `paths` (sorted).
    pub fn stale_allowed_files(&self, paths: &[String]) -> Diagnostics {
        allowed::stale(&self.needles.allowed_files, paths, &self.needles.sources)
    }

    /// Every hit as an error, in the order of the output's paths.
    pub fn finish(self) -> Result<()> {
        let mut found = self
            .found
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if found.is_empty() {
            return Ok(());
        }
        // In the order of the output, as the report names what it finds first.
        found.sort_by(|a, b| a.0.cmp(&b.0));
        Err(report(&found, self.needles))
    }
}

/// One diagnostic per subject and place it is written (or one without a
/// place when no content file writes it: then a template prints it).
fn report(found: &[(String, BTreeSet<Found>)], needles: &Needles) -> Diagnostics {
    let mut subjects: BTreeMap<Subject, (BTreeSet<&str>, BTreeSet<Wanted>, String)> =
        BTreeMap::new();
    let mut diagnostics = Diagnostics::new();
    for (path, hits) in found {
        for hit in hits {
            let (subject, wanted, shown) = match hit {
                Found::Unreadable(format) => {
                    diagnostics.push(unreadable(path, format));
                    continue;
                }
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
            entry.0.insert(path.as_str());
            entry.1.insert(wanted);
        }
    }
    if subjects.is_empty() {
        return diagnostics;
    }
    let index = ContentIndex::new(&needles.sources);
    for (subject, (outputs, wanted, shown)) in subjects {
        // Each is named with its value in the terminal only: beyond it (the
        // preview's browser) a secret by its kind and where it is kept, an
        // unknown address or number by its kind, since what the scan read as
        // one may hold a contact's, joined by the next inline text
        // (`k.beispiel@example.orggestattete`).
        let (what, unnamed, hint) = match &subject {
            Subject::Secret(i) => {
                let secret = &needles.secrets[*i];
                let hint = match secret.kind {
                    SecretKind::Contact => "contact data belongs only under `contacts:` in its region file, and only the internal build shows it; remove it from the public text",
                    SecretKind::Internal => "keep internal text inside a `:::intern` … `:::` passage or under `notes_internal:`, not in public text",
                };
                // The spellings found, then the secret's others: a
                // transliterated sentence is kept in its own spelling.
                let spellings = needles
                    .text
                    .iter()
                    .filter(|n| n.secret == *i)
                    .map(|n| Wanted::Text(n.text.clone()));
                let origin = wanted
                    .iter()
                    .cloned()
                    .chain(spellings)
                    .map(|w| index.origin(&secret.origin, &w))
                    .min_by_key(|l| (l.line == 0, l.line))
                    .unwrap_or_else(|| crate::error::Location::file(&secret.origin));
                (
                    format!("{} (kept in {origin})", secret.what),
                    format!("{} (kept in {origin})", secret.kind_of()),
                    hint.to_string(),
                )
            }
            Subject::Email(address) => (
                format!("the e-mail address `{shown}`, which is not on the allow-list"),
                "an e-mail address that is not on the allow-list".to_string(),
                match run_on(address, &needles.allowed_emails) {
                    Some(allowed) => format!("it begins with the allowed address `{allowed}`: text right after that with no space, even in the next element (`{allowed}</span><span>Text`), reads on as part of the address, as a browser shows it, so put a space or punctuation after it; if it is another address, remove it or add it to `allow_list: emails:` in content/site.yaml"),
                    None => "remove it; if it is the publisher's public address, add it to `allow_list: emails:` in content/site.yaml".to_string(),
                },
            ),
            Subject::Phone(_) => (
                format!("the phone number `{shown}`, which is not on the allow-list"),
                "a phone number that is not on the allow-list".to_string(),
                "remove it; if it is the publisher's public number, add it to `allow_list: phones:` in content/site.yaml".to_string(),
            ),
        };
        let message = format!("leak: {} {what}", describe_outputs(&outputs));
        let outside = format!("leak: {} {unnamed}", describe_outputs(&outputs));
        let mut places: BTreeSet<crate::error::Location> = BTreeSet::new();
        for wanted in &wanted {
            places.extend(index.locate(wanted));
        }
        if places.is_empty() && !matches!(subject, Subject::Secret(_)) {
            places.extend(wanted.iter().flat_map(|w| index.locate_cut(w)));
        }
        let mut hint = hint;
        if places.is_empty() {
            places.extend(wanted.iter().flat_map(|w| index.locate_in_passages(w)));
            hint = if places.is_empty() {
                format!("no content file writes it outside its internal place, so a template prints it; {hint}")
            } else {
                format!("it is written only here, in what reads as a `:::intern` passage: in a field that is no Markdown text (a quoted YAML value, a title, a legal basis) a marker makes nothing internal, so this is public text (if the passage is internal, a template prints it); {hint}")
            };
        }
        if places.is_empty() {
            diagnostics.push(
                Diagnostic::error(message.clone())
                    .redacted(outside.clone())
                    .hint(hint.clone()),
            );
        }
        for place in places {
            diagnostics.push(
                Diagnostic::error(message.clone())
                    .redacted(outside.clone())
                    .at(place)
                    .hint(hint.clone()),
            );
        }
    }
    diagnostics
}

/// The allowed address that `address` (lower case) begins with and runs on
/// from, if any: `post@exis.dedanke` is `post@exis.de` joined by the text
/// after it. Only an allowed address is named: it is public.
fn run_on<'a>(address: &str, allowed: &'a BTreeSet<String>) -> Option<&'a str> {
    allowed
        .iter()
        .filter(|allowed| address.len() > allowed.len() && address.starts_with(allowed.as_str()))
        .max_by_key(|allowed| allowed.len())
        .map(String::as_str)
}

/// An output file the scan cannot read inside, of `format`.
fn unreadable(path: &str, format: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "leak scan: cannot read inside output file `{path}` ({format}): it may hold contact data"
    ))
    .hint("if it holds no contact data or internal text, list it under `allow_list: files:` in content/site.yaml; otherwise remove it")
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
