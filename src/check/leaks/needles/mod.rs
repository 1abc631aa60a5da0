//! What must not appear in the public output, gathered once per site: every
//! contact value in the spellings it may take (a name reversed or
//! transliterated, an address in parts, a phone number as digits), every
//! sentence of an internal note or passage, and the allow-list.

mod digest;

use super::detect::{phone_key, subscriber};
use super::spellings::{name_variants, place_variants, sentence_variants, sentences};
use super::text::fold;
use crate::markdown::{internal_passages, plain_blocks};
use crate::model::{Contact, InternalNote, Markdown, Region, Site};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Shortest text needle; shorter values would match ordinary words.
const MIN_NEEDLE: usize = 4;

/// A secret: one contact value, or one sentence of an internal text.
#[derive(Clone, Debug)]
pub struct Secret {
    /// What it is, for messages: "the name `Katrin Beispiel` of a contact of …".
    pub what: String,
    /// Where `what` names the value (`` `Katrin Beispiel` ``, with the
    /// space before it), cut for messages shown beyond the terminal (the
    /// preview's browser): see [`Secret::kind_of`].
    pub value_at: std::ops::Range<usize>,
    /// The content file that holds it.
    pub origin: PathBuf,
    /// Contact data or internal text.
    pub kind: SecretKind,
}

impl Secret {
    /// What it is, without its value: "the name of a contact of …".
    pub fn kind_of(&self) -> String {
        let mut text = self.what.clone();
        if self.what.get(self.value_at.clone()).is_some() {
            text.replace_range(self.value_at.clone(), "");
        }
        text
    }
}

/// What kind of secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SecretKind {
    /// A contact person's data.
    Contact,
    /// An internal note or passage.
    Internal,
}

/// One spelling of a secret.
#[derive(Clone, Debug)]
pub struct Needle {
    /// The folded text (or, for phone needles, the digits) searched for.
    pub text: String,
    /// Index into [`Needles::secrets`].
    pub secret: usize,
}

/// Everything the scan searches for, and what it lets through.
#[derive(Debug, Default)]
pub struct Needles {
    /// The secrets the needles stand for.
    pub secrets: Vec<Secret>,
    /// Folded text needles.
    pub text: Vec<Needle>,
    /// Contact phone numbers as digits (national number and subscriber part).
    pub phones: Vec<Needle>,
    /// Contact e-mail addresses (also text needles), lower case.
    pub contact_emails: BTreeSet<String>,
    /// Allowed e-mail addresses, lower case.
    pub allowed_emails: BTreeSet<String>,
    /// Allowed phone numbers by [`phone_key`].
    pub allowed_phones: BTreeSet<String>,
    /// Output files the scan cannot read inside but may let through
    /// (checked by hand), by their path in the output.
    pub allowed_files: BTreeSet<String>,
    /// The content files, to say where a leaked value was written (shared:
    /// a site's are large, and only a scan that finds a leak reads them).
    pub sources: Arc<Vec<SourceFile>>,
    /// The needles ready to search, made by the first scan and kept: the
    /// preview scans page by page.
    pub(super) finders: std::sync::OnceLock<super::scan::Finders>,
    /// Made by the first call of [`Needles::digest`] and kept.
    pub(super) digest: std::sync::OnceLock<[u8; 32]>,
}

/// The needles of each region, kept from one render of a site to the next
/// by a process that renders it after every save (the preview). A region
/// whose file did not change is the same `Arc<Region>` from save to save
/// (see [`crate::model::RegionMemo`]); its needles are taken from here.
#[derive(Debug, Default)]
pub struct NeedleMemo {
    /// By region slug: the region, the folded public text the needles were
    /// made against, and the needles.
    parts: Mutex<HashMap<String, Kept>>,
}

type Kept = (Arc<Region>, String, Arc<Needles>);

impl NeedleMemo {
    /// The needles of `region`: kept ones if it is the region they were
    /// made of, for the same public text; else made and kept.
    fn part(&self, region: &Arc<Region>, public_text: &str) -> Arc<Needles> {
        let lock = || self.parts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((kept, text, part)) = lock().get(&region.slug) {
            if Arc::ptr_eq(kept, region) && text == public_text {
                return Arc::clone(part);
            }
        }
        let part = Arc::new(Needles::of_region(region, public_text));
        lock().insert(
            region.slug.clone(),
            (
                Arc::clone(region),
                public_text.to_string(),
                Arc::clone(&part),
            ),
        );
        part
    }

    /// Forget the regions that are gone.
    fn keep_only(&self, regions: &[Arc<Region>]) {
        let mut parts = self.parts.lock().unwrap_or_else(PoisonError::into_inner);
        parts.retain(|_, (kept, _, _)| regions.iter().any(|r| Arc::ptr_eq(r, kept)));
    }
}

impl Needles {
    /// Every secret of a site and its content files (for locating hits).
    pub fn new(site: &Site, sources: Vec<SourceFile>) -> Needles {
        Needles::new_with(site, Arc::new(sources), None)
    }

    /// Like [`Needles::new`], with content files shared with the caller,
    /// taking the needles of regions unchanged since an earlier call from
    /// `memo`, and keeping this call's there.
    pub fn new_with(
        site: &Site,
        sources: Arc<Vec<SourceFile>>,
        memo: Option<&NeedleMemo>,
    ) -> Needles {
        let mut needles = Needles {
            sources,
            ..Needles::default()
        };
        let publisher = &site.config.publisher;
        needles.allowed_emails = site
            .config
            .allow_list
            .emails
            .iter()
            .chain([&publisher.email])
            .map(|e| e.trim().to_lowercase())
            .collect();
        needles.allowed_phones = site
            .config
            .allow_list
            .phones
            .iter()
            .chain([&publisher.phone])
            .map(|p| phone_key(p))
            .collect();
        needles.allowed_files = site
            .config
            .allow_list
            .files
            .iter()
            .map(|entry| super::allowed::output_path(entry))
            .collect();
        let public_text = fold(&format!(
            "{} {} {}",
            publisher.name, publisher.street, publisher.city
        ));
        // Region by region side by side (or as kept in `memo`), and beside
        // them the passages outside the regions; then joined in order.
        let (parts, shared) = rayon::join(
            || -> Vec<Arc<Needles>> {
                site.regions
                    .par_iter()
                    .map(|region| match memo {
                        Some(memo) => memo.part(region, &public_text),
                        None => Arc::new(Needles::of_region(region, &public_text)),
                    })
                    .collect()
            },
            || {
                let mut shared = Needles::default();
                for markdown in site.shared_markdowns() {
                    shared.add_passages(markdown);
                }
                shared.keep_searchable(&public_text);
                shared
            },
        );
        if let Some(memo) = memo {
            memo.keep_only(&site.regions);
        }
        let all = || parts.iter().map(|part| &**part).chain([&shared]);
        needles
            .secrets
            .reserve(all().map(|p| p.secrets.len()).sum());
        needles.text.reserve(all().map(|p| p.text.len()).sum());
        needles.phones.reserve(all().map(|p| p.phones.len()).sum());
        for part in parts {
            needles.append(part);
        }
        needles.append(Arc::new(shared));
        for list in [&mut needles.text, &mut needles.phones] {
            dedup(list);
        }
        needles
    }

    /// Add the sentences of the internal passages of `markdown`.
    fn add_passages(&mut self, markdown: &Markdown) {
        for passage in internal_passages(markdown) {
            self.add_sentences(
                &plain_blocks(&passage),
                "the internal passage",
                &markdown.file,
                SecretKind::Internal,
            );
        }
    }

    /// Drop the text needles that are too short to search for, or part of
    /// the publisher's public data (`public_text`, folded).
    fn keep_searchable(&mut self, public_text: &str) {
        self.text
            .retain(|n| n.text.chars().count() >= MIN_NEEDLE && !public_text.contains(&n.text));
    }

    /// The secrets of one region: its contacts, internal notes and the
    /// internal passages of its texts.
    fn of_region(region: &Region, public_text: &str) -> Needles {
        let mut part = Needles::default();
        let file = &region.summary.file;
        let add_note = |part: &mut Needles, note: &Option<InternalNote>| {
            if let Some(note) = note {
                part.add_sentences(
                    std::slice::from_ref(&note.0),
                    "the internal note",
                    file,
                    SecretKind::Internal,
                );
            }
        };
        add_note(&mut part, &region.notes_internal);
        for partner in &region.partners {
            add_note(&mut part, &partner.notes_internal);
            for contact in &partner.contacts {
                part.add_contact(contact, &partner.name, file);
            }
        }
        for markdown in region.markdowns() {
            part.add_passages(markdown);
        }
        part.keep_searchable(public_text);
        part
    }

    /// Add the secrets and needles of `part`, after those already here
    /// (moved if nothing else holds `part`, else copied).
    fn append(&mut self, part: Arc<Needles>) {
        let part = Arc::try_unwrap(part).unwrap_or_else(|shared| Needles {
            secrets: shared.secrets.clone(),
            text: shared.text.clone(),
            phones: shared.phones.clone(),
            contact_emails: shared.contact_emails.clone(),
            ..Needles::default()
        });
        let offset = self.secrets.len();
        self.secrets.extend(part.secrets);
        for (list, more) in [(&mut self.text, part.text), (&mut self.phones, part.phones)] {
            list.extend(more.into_iter().map(|n| Needle {
                secret: n.secret + offset,
                ..n
            }));
        }
        self.contact_emails.extend(part.contact_emails);
    }

    /// A new secret; `what` names its value after `what[..value_at]`, up to
    /// `value_at + value.len()`.
    fn secret(
        &mut self,
        what: String,
        value_at: usize,
        value_len: usize,
        file: &Path,
        kind: SecretKind,
    ) -> usize {
        self.secrets.push(Secret {
            what,
            value_at: value_at..value_at + value_len,
            origin: file.to_path_buf(),
            kind,
        });
        self.secrets.len() - 1
    }

    fn push(&mut self, text: String, secret: usize) {
        self.text.push(Needle { text, secret });
    }

    fn add_contact(&mut self, contact: &Contact, partner: &str, file: &Path) {
        // "the name `Katrin Beispiel` of a contact of `Agentur …`"
        let contact_secret = |needles: &mut Needles, what: &str, value: &str| {
            needles.secret(
                format!("the {what} `{value}` of a contact of `{partner}`"),
                "the ".len() + what.len(),
                " ``".len() + value.len(),
                file,
                SecretKind::Contact,
            )
        };
        let name = &contact.name;
        let secret = contact_secret(self, "name", name);
        for variant in name_variants(name) {
            self.push(variant, secret);
        }
        if let Some(email) = &contact.email {
            let secret = contact_secret(self, "e-mail address", email);
            self.contact_emails.insert(email.trim().to_lowercase());
            self.push(fold(email), secret);
        }
        if let Some(phone) = &contact.phone {
            let secret = contact_secret(self, "phone number", phone);
            let key = phone_key(phone);
            let variants = [Some(key.clone()), subscriber(phone).filter(|s| *s != key)];
            for digits in variants.into_iter().flatten().filter(|d| d.len() >= 6) {
                self.phones.push(Needle {
                    text: digits,
                    secret,
                });
            }
        }
        for (kind, value) in [("address", &contact.address), ("room", &contact.room)] {
            let Some(value) = value else { continue };
            let secret = contact_secret(self, kind, value);
            for variant in place_variants(value) {
                self.push(variant, secret);
            }
        }
        if let Some(successor) = &contact.successor {
            // The whole note (it may just name the successor) and each sentence.
            let secret = contact_secret(self, "successor note", successor);
            self.push(fold(successor), secret);
            for sentence in sentences(successor) {
                for variant in sentence_variants(&sentence) {
                    self.push(variant, secret);
                }
            }
        }
    }

    /// Each sentence (or run of short sentences) of 20 characters or more.
    fn add_sentences(&mut self, blocks: &[String], what: &str, file: &Path, kind: SecretKind) {
        for block in blocks {
            for sentence in sentences(block) {
                let shown: String = sentence.chars().take(48).collect();
                let ellipsis = if shown.len() < sentence.len() {
                    "…"
                } else {
                    ""
                };
                let described = format!("{what} „{shown}{ellipsis}“");
                let value_len = described.len() - what.len();
                let secret = self.secret(described, what.len(), value_len, file, kind);
                for variant in sentence_variants(&sentence) {
                    self.push(variant, secret);
                }
            }
        }
    }
}

/// Keep the first needle of each text.
fn dedup(list: &mut Vec<Needle>) {
    let mut seen = HashSet::with_capacity(list.len());
    let first: Vec<bool> = list.iter().map(|n| seen.insert(n.text.as_str())).collect();
    drop(seen);
    let mut first = first.into_iter();
    list.retain(|_| first.next().unwrap_or(true));
}

#[cfg(test)]
mod tests;
