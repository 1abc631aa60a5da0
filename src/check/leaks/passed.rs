//! What passed the leak scan before. The scan's verdict on a file is a pure
//! function of the file's path and bytes and of what the scan searches for,
//! summed up in [`Needles::digest`] (every needle, the allow-list, the code).
//! A build that passed as a whole keeps, in `<digest>.passed` below the cache
//! folder, the SHA-256 of the path and bytes of each of its files; a later
//! build under the same digest does not scan a file listed there again.
//! A changed contact, internal text or allow-list, or another build of
//! dienstweg, is another digest: every file is scanned again.
//!
//! A record that cannot be read counts as empty (the build scans everything
//! and writes it anew); one that cannot be written is a warning.

use super::Needles;
use crate::cache::{hex, prune, touch, write_atomically};
use crate::error::Diagnostic;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Records kept: one per digest, so that switching back and forth between
/// two states of the secrets or of dienstweg finds both.
pub const KEEP: usize = 4;

/// The start of every record.
const MAGIC: &[u8] = b"dienstweg leak scan passed\n";

/// The files that passed the scan of one digest before, and those that
/// pass it in this build.
#[derive(Debug)]
pub struct Passed {
    path: PathBuf,
    before: HashSet<[u8; 32]>,
    now: Mutex<Vec<[u8; 32]>>,
}

/// The folder below the site's root that holds the records.
pub fn folder(root: &Path) -> PathBuf {
    root.join(crate::cache::DIR).join("scan")
}

impl Passed {
    /// The record in `folder` of the files that passed the scan for
    /// `needles`; empty if there is none.
    pub fn load(folder: &Path, needles: &Needles) -> Passed {
        let path = folder.join(format!("{}.passed", hex(&needles.digest())));
        let before = fs::read(&path)
            .ok()
            .and_then(|data| decode(&data))
            .unwrap_or_default();
        Passed {
            path,
            before,
            now: Mutex::new(Vec::new()),
        }
    }

    /// The key of the file at output path `path` with `bytes`.
    pub(super) fn key(path: &str, bytes: &[u8]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(bytes);
        hasher.finalize().into()
    }

    /// Whether the file of `key` passed the scan before.
    pub(super) fn knew(&self, key: &[u8; 32]) -> bool {
        self.before.contains(key)
    }

    /// The file of `key` passed the scan in this build.
    pub(super) fn passes(&self, key: [u8; 32]) {
        self.now
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(key);
    }

    /// Keep the files that passed in this build, which passed as a whole (a
    /// record of the same files is only marked as used); drop the oldest
    /// records. A failure is returned as a warning.
    pub fn store(self) -> Option<Diagnostic> {
        let _span = crate::timings::span("scan store");
        let mut now = self
            .now
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        now.sort_unstable();
        now.dedup();
        if now.len() == self.before.len() && now.iter().all(|key| self.before.contains(key)) {
            touch(&self.path);
            return None;
        }
        let mut record = Vec::with_capacity(MAGIC.len() + 32 * now.len());
        record.extend_from_slice(MAGIC);
        for key in &now {
            record.extend_from_slice(key);
        }
        match write_atomically(&self.path, &record) {
            Ok(()) => {
                if let Some(folder) = self.path.parent() {
                    prune(folder, "passed", KEEP);
                }
                None
            }
            Err(err) => Some(
                Diagnostic::warning(format!(
                    "could not keep what passed the leak scan in the cache `{}`: {err}",
                    self.path.display()
                ))
                .hint("the build is complete; the next build scans every file. `--no-cache` skips the cache"),
            ),
        }
    }
}

/// The keys of a record, or `None` if it is no record.
fn decode(data: &[u8]) -> Option<HashSet<[u8; 32]>> {
    let keys = data.strip_prefix(MAGIC)?;
    let (chunks, rest) = keys.as_chunks::<32>();
    rest.is_empty().then(|| chunks.iter().copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::leaks::Needle;

    fn needles(name: &str) -> Needles {
        Needles {
            text: vec![Needle {
                text: name.into(),
                secret: 0,
            }],
            ..Needles::default()
        }
    }

    #[test]
    fn a_record_holds_what_passed_under_its_digest_only() {
        let root = tempfile::tempdir().expect("temp dir");
        let folder = folder(root.path());
        let (index, about) = (
            Passed::key("index.html", b"<p>Hallo</p>"),
            Passed::key("about/index.html", b"<p>Hallo</p>"),
        );
        assert_ne!(index, about, "the path counts");
        assert_ne!(index, Passed::key("index.html", b"<p>Hallo!</p>"));

        let first = Passed::load(&folder, &needles("katrin beispiel"));
        assert!(!first.knew(&index));
        first.passes(index);
        assert!(first.store().is_none());
        let again = Passed::load(&folder, &needles("katrin beispiel"));
        assert!(again.knew(&index) && !again.knew(&about));
        let other = Passed::load(&folder, &needles("liam bigelow"));
        assert!(!other.knew(&index), "another digest knows nothing");

        // A damaged record is an empty one.
        fs::write(&again.path, [MAGIC, &[1; 31]].concat()).expect("write");
        assert!(!Passed::load(&folder, &needles("katrin beispiel")).knew(&index));
    }

    #[test]
    fn the_newest_records_are_kept() {
        let root = tempfile::tempdir().expect("temp dir");
        let folder = folder(root.path());
        for i in 0..KEEP + 2 {
            let passed = Passed::load(&folder, &needles(&format!("name {i}")));
            passed.passes(Passed::key("index.html", b"x"));
            assert!(passed.store().is_none());
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let count = fs::read_dir(&folder).expect("folder").count();
        assert_eq!(count, KEEP);
        let newest = Passed::load(&folder, &needles(&format!("name {}", KEEP + 1)));
        assert!(newest.knew(&Passed::key("index.html", b"x")));
        let oldest = Passed::load(&folder, &needles("name 0"));
        assert!(!oldest.knew(&Passed::key("index.html", b"x")), "dropped");
    }
}
