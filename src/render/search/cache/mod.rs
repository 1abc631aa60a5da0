//! The search bundle cache: a bundle is a pure function of what pagefind is
//! given, so a build whose indexed pages did not change reads the bundle an
//! earlier build made instead of running pagefind again.
//!
//! Steps: hash the input (versions, [`CACHE_SCHEMA`], the indexing code, the
//! language and every indexed page's path and bytes) into a key; on a hit,
//! read `<key>.bundle` below the cache folder and verify its checksum; on a
//! miss, encode the fresh bundle and, once the caller has checked the build,
//! write it atomically (a temporary file, then a rename) and keep only the
//! newest [`KEEP`] entries. A damaged entry counts as a miss with a warning; a
//! failure to store is a warning, never an error.

use super::CACHE_SCHEMA;
use crate::cache::{hex, prune, touch, write_atomically};
use crate::error::Diagnostic;
use crate::output::OutputFile;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Entries kept: a few, so switching between two states of the content
/// (a branch and main, an edit and its undo) hits both ways.
pub const KEEP: usize = 4;

/// The start of every entry.
const MAGIC: &[u8] = b"dienstweg search bundle\n";

/// The code that turns pages into a bundle. It is part of the key, so an edit
/// to it cannot reuse a bundle of the old code even if [`CACHE_SCHEMA`] was
/// not raised.
const CODE: [&str; 4] = [
    include_str!("../mod.rs"),
    include_str!("../html.rs"),
    include_str!("../ignored.rs"),
    include_str!("mod.rs"),
];

/// The folder holding the search bundles of the site at `root`.
pub fn folder(root: &Path) -> PathBuf {
    root.join(crate::cache::DIR).join("search")
}

/// Whether `folder` holds any entry: only then can a build hit the cache, and
/// only then must it render all its pages before indexing them.
pub fn has_entries(folder: &Path) -> bool {
    fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .filter_map(std::result::Result::ok)
            .any(|entry| entry.path().extension().is_some_and(|e| e == "bundle"))
    })
}

/// A place in the cache: the entry of one set of indexed pages.
#[derive(Debug)]
pub struct Entry {
    path: PathBuf,
}

/// A fresh bundle waiting to be stored under its entry.
#[derive(Debug)]
pub struct Pending {
    entry: Entry,
    encoded: Vec<u8>,
}

impl Entry {
    /// The entry in `folder` for indexing `pages` (in this order) in
    /// `language`.
    pub fn new(folder: &Path, pages: &[&OutputFile], language: &str) -> Entry {
        Entry {
            path: folder.join(format!("{}.bundle", key(pages, language))),
        }
    }

    /// The bundle stored under this entry, or `None`; a damaged or unreadable
    /// entry is a warning (the caller rebuilds the bundle and replaces it).
    pub fn load(&self) -> Result<Option<Vec<OutputFile>>, Diagnostic> {
        let data = match fs::read(&self.path) {
            Ok(data) => data,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(Diagnostic::warning(format!(
                    "could not read the cached search index `{}`: {err}; it was built anew",
                    self.path.display()
                ))
                .hint(SKIP_HINT))
            }
        };
        match decode(&data) {
            Some(files) => {
                touch(&self.path);
                Ok(Some(files))
            }
            None => Err(Diagnostic::warning(format!(
                "the cached search index `{}` is damaged; it was built anew and replaced",
                self.path.display()
            ))
            .hint(SKIP_HINT)),
        }
    }

    /// `bundle`, ready to be stored under this entry.
    pub fn pending(self, bundle: &[OutputFile]) -> Pending {
        Pending {
            entry: self,
            encoded: encode(bundle),
        }
    }
}

const SKIP_HINT: &str =
    "nothing to do; `dienstweg build --no-cache` builds without the cache in `.dienstweg-cache/`";

impl Pending {
    /// Store the bundle (atomically) and drop the oldest entries; a failure
    /// is returned as a warning.
    pub fn store(self) -> Option<Diagnostic> {
        let _span = crate::timings::span("search store");
        let path = &self.entry.path;
        match write_atomically(path, &self.encoded) {
            Ok(()) => {
                if let Some(folder) = path.parent() {
                    prune(folder, "bundle", KEEP);
                }
                None
            }
            Err(err) => Some(
                Diagnostic::warning(format!(
                    "could not keep the search index in the cache `{}`: {err}",
                    path.display()
                ))
                .hint("the build is complete; the next build indexes again. `--no-cache` skips the cache"),
            ),
        }
    }
}

/// The key of indexing `pages` in `language`: SHA-256, in hex, over every
/// input of the bundle. Each page is hashed on its own, in parallel.
fn key(pages: &[&OutputFile], language: &str) -> String {
    let digests: Vec<_> = pages
        .par_iter()
        .map(|page| Sha256::digest(&page.bytes))
        .collect();
    let mut hasher = Sha256::new();
    for part in [
        MAGIC,
        env!("CARGO_PKG_VERSION").as_bytes(),
        env!("DIENSTWEG_PAGEFIND_VERSION").as_bytes(),
        &CACHE_SCHEMA.to_le_bytes(),
        language.as_bytes(),
    ]
    .into_iter()
    .chain(CODE.iter().map(|code| code.as_bytes()))
    {
        field(&mut hasher, part);
    }
    field(&mut hasher, &(pages.len() as u64).to_le_bytes());
    for (page, digest) in pages.iter().zip(&digests) {
        field(&mut hasher, page.path.as_bytes());
        field(&mut hasher, digest);
    }
    hex(&hasher.finalize())
}

/// Feed `bytes` with its length, so that no two inputs hash alike by
/// shifting a boundary.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// An entry: [`MAGIC`], the number of files, each file as path and bytes
/// (both prefixed with their length, little-endian u64), then the SHA-256 of
/// all before it.
fn encode(files: &[OutputFile]) -> Vec<u8> {
    let size: usize = files
        .iter()
        .map(|file| 16 + file.path.len() + file.bytes.len())
        .sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 8 + size + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(files.len() as u64).to_le_bytes());
    for file in files {
        for part in [file.path.as_bytes(), &file.bytes] {
            out.extend_from_slice(&(part.len() as u64).to_le_bytes());
            out.extend_from_slice(part);
        }
    }
    let checksum = Sha256::digest(&out);
    out.extend_from_slice(&checksum);
    out
}

/// The files of an entry, or `None` if it is damaged in any way.
fn decode(data: &[u8]) -> Option<Vec<OutputFile>> {
    let (body, checksum) = data.split_at_checked(data.len().checked_sub(32)?)?;
    if Sha256::digest(body).as_slice() != checksum {
        return None;
    }
    let mut reader = Reader(body.strip_prefix(MAGIC)?);
    let count = reader.number()?;
    let mut files = Vec::new();
    for _ in 0..count {
        let path = std::str::from_utf8(reader.bytes()?).ok()?;
        if !path.starts_with(&format!("{}/", super::BUNDLE_DIR)) {
            return None;
        }
        let bytes = reader.bytes()?.to_vec();
        files.push(OutputFile::new(path.to_string(), bytes));
    }
    reader.0.is_empty().then_some(files)
}

/// Reads an entry front to back.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn number(&mut self) -> Option<usize> {
        let (number, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        usize::try_from(u64::from_le_bytes(*number)).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let length = self.number()?;
        let (bytes, rest) = self.0.split_at_checked(length)?;
        self.0 = rest;
        Some(bytes)
    }
}

#[cfg(test)]
mod tests;
