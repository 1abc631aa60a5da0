//! The build cache below a site's root (`.dienstweg-cache/`): what a build
//! may take from an earlier build of the same input instead of doing the
//! work again. Each user keeps a folder of its own in it (the search bundles,
//! `search/`; the files that passed the leak scan, `scan/`); this module
//! writes their files so that a reader never sees half of one, and keeps only
//! the newest few.

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The cache folder below a site's root.
pub const DIR: &str = ".dienstweg-cache";

/// `digest` in lower-case hex, as entries are named.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Mark the entry at `path` as used now, so that [`prune`] keeps it over
/// entries used before; best effort.
pub fn touch(path: &Path) {
    let _ = fs::File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()));
}

/// Write `bytes` to a temporary file beside `path`, then rename it over
/// `path`: a reader sees the old entry, the new one or none, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
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

/// Keep the `keep` newest entries (files named `*.<extension>`) of `folder`
/// and drop the rest, along with temporary files a killed build left behind;
/// best effort.
pub fn prune(folder: &Path, extension: &str, keep: usize) {
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
        if name
            .strip_suffix(extension)
            .is_some_and(|stem| stem.ends_with('.'))
        {
            entries.push((modified, path));
        } else if name.ends_with(".tmp")
            && now.duration_since(modified).unwrap_or_default() > Duration::from_secs(3600)
        {
            let _ = fs::remove_file(path);
        }
    }
    entries.sort_by(|a, b| b.cmp(a));
    for (_, path) in entries.into_iter().skip(keep) {
        let _ = fs::remove_file(path);
    }
}
