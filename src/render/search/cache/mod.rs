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
//!
//! Beside an entry, `<key>.scanned` holds the digest of the leak scan
//! ([`crate::check::leaks::Needles::digest`]) the bundle last passed in a
//! build that passed as a whole: a hit under the same digest need not be
//! scanned again.

use super::CACHE_SCHEMA;
use crate::error::Diagnostic;
use crate::output::OutputFile;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The cache folder below a site's root; `search/` below it holds the bundles.
pub const DIR: &str = ".dienstweg-cache";

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
    root.join(DIR).join("search")
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

/// A bundle read from the cache.
#[derive(Debug)]
pub struct Hit {
    /// The bundle's files.
    pub files: Vec<OutputFile>,
    /// The digest of the leak scan the bundle last passed, if any.
    pub scanned: Option<[u8; 32]>,
}

/// What a build that passed keeps of its bundle: a fresh bundle to store
/// under its entry, or the leak scan a cached one has now passed.
#[derive(Debug)]
pub struct Pending {
    entry: Entry,
    encoded: Option<Vec<u8>>,
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
    pub fn load(&self) -> Result<Option<Hit>, Diagnostic> {
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
                // Pruning keeps the entries used last.
                let _ = fs::File::options()
                    .append(true)
                    .open(&self.path)
                    .and_then(|file| file.set_modified(SystemTime::now()));
                let scanned = fs::read(self.scanned_path())
                    .ok()
                    .and_then(|digest| <[u8; 32]>::try_from(digest).ok());
                Ok(Some(Hit { files, scanned }))
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
            encoded: Some(encode(bundle)),
        }
    }

    /// This entry's bundle, as read, ready to have the leak scan it passed
    /// recorded.
    pub fn passed(self) -> Pending {
        Pending {
            entry: self,
            encoded: None,
        }
    }

    /// Where the digest of the leak scan the bundle passed is kept.
    fn scanned_path(&self) -> PathBuf {
        scanned_path(&self.path)
    }
}

/// The `.scanned` file beside the entry at `path`.
fn scanned_path(path: &Path) -> PathBuf {
    path.with_extension("scanned")
}

const SKIP_HINT: &str =
    "nothing to do; `dienstweg build --no-cache` builds without the cache in `.dienstweg-cache/`";

impl Pending {
    /// Store the bundle, if fresh, and that it passed the leak scan of
    /// digest `scanned` (each atomically); drop the oldest entries. A failure
    /// is returned as a warning.
    pub fn store(self, scanned: [u8; 32]) -> Option<Diagnostic> {
        let _span = crate::timings::span("search store");
        let path = &self.entry.path;
        let fresh = self.encoded.is_some();
        let stored = match &self.encoded {
            Some(encoded) => write_atomically(path, encoded),
            None => Ok(()),
        }
        .and_then(|()| write_atomically(&self.entry.scanned_path(), &scanned));
        match stored {
            Ok(()) => {
                if let (true, Some(folder)) = (fresh, path.parent()) {
                    prune(folder);
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
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
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

/// Write `bytes` to a temporary file beside `path`, then rename it over
/// `path`: a reader sees the old entry, the new one or none, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path
        .parent()
        .ok_or_else(|| io::Error::other("the cache entry has no folder"))?;
    create_folder(folder)?;
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let name = path.file_name().map_or_else(
        || "entry".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let temporary = folder.join(format!(".{name}.{}-{nanos}.tmp", std::process::id()));
    let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Create the cache folder; its top folder gets a `CACHEDIR.TAG` (backup
/// tools skip it) and a `.gitignore` that keeps it out of version control
/// even where the site's own `.gitignore` does not name it.
fn create_folder(folder: &Path) -> io::Result<()> {
    fs::create_dir_all(folder)?;
    if let Some(top) = folder.parent() {
        for (name, text) in [
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n# dienstweg's build cache; safe to delete.\n",
            ),
            (".gitignore", "# dienstweg's build cache; safe to delete.\n*\n"),
        ] {
            let path = top.join(name);
            if !path.exists() {
                fs::write(path, text)?;
            }
        }
    }
    Ok(())
}

/// Keep the [`KEEP`] newest entries of `folder` and drop the rest, along with
/// temporary files a killed build left behind; best effort.
fn prune(folder: &Path) {
    let Ok(listing) = fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    let mut entries = Vec::new();
    for item in listing.flatten() {
        let path = item.path();
        let modified = item
            .metadata()
            .and_then(|meta| meta.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let name = item.file_name().to_string_lossy().into_owned();
        if name.ends_with(".bundle") {
            entries.push((modified, path));
        } else if name.ends_with(".tmp")
            && now.duration_since(modified).unwrap_or_default() > Duration::from_secs(3600)
        {
            let _ = fs::remove_file(path);
        }
    }
    entries.sort_by(|a, b| b.cmp(a));
    for (_, path) in entries.into_iter().skip(KEEP) {
        let _ = fs::remove_file(scanned_path(&path));
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
