//! Write: output files into a staging directory beside the target, then swap
//! it in with renames, so a reader never sees a half-written site and a failed
//! build leaves the previous output as it was.

use crate::error::{Diagnostic, Result};
use rayon::prelude::*;
use std::fs;
use std::path::Path;

/// One file of the finished site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output directory, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A new output file.
    pub fn new(path: String, bytes: Vec<u8>) -> Self {
        OutputFile { path, bytes }
    }
}

/// Sort files by path and refuse duplicates and paths that would leave the
/// output directory.
pub fn finish(mut files: Vec<OutputFile>) -> Result<Vec<OutputFile>> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            return Err(Diagnostic::error(format!(
                "two pages would be written to `{}`",
                pair[0].path
            ))
            .hint("two content files have the same slug; rename one")
            .into());
        }
    }
    if let Some(bad) = files.iter().find(|f| !is_safe_relative(&f.path)) {
        return Err(Diagnostic::error(format!(
            "output path `{}` leaves the output directory",
            bad.path
        ))
        .into());
    }
    Ok(files)
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Write `files` to `out_dir`: stage beside it, then swap in.
pub fn write(out_dir: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|err| Diagnostic::io("create", parent, &err))?;
    let name = out_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public");
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.staging-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let result = write_all(&staging, files).and_then(|()| swap(&staging, out_dir, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(dir).map_err(|err| Diagnostic::io("create", dir, &err))?;
    // Files are written in parallel (create_dir_all tolerates a parent made
    // by another thread meanwhile); the first error in file order is reported.
    let written: Vec<Result<()>> = files
        .par_iter()
        .map(|file| {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent().filter(|parent| *parent != dir) {
                fs::create_dir_all(parent).map_err(|err| Diagnostic::io("create", parent, &err))?;
            }
            fs::write(&path, &file.bytes).map_err(|err| Diagnostic::io("write", &path, &err))?;
            Ok(())
        })
        .collect();
    written.into_iter().collect()
}

fn swap(staging: &Path, out_dir: &Path, old: &Path) -> Result<()> {
    let had_old = out_dir.exists();
    if had_old {
        let _ = fs::remove_dir_all(old);
        fs::rename(out_dir, old).map_err(|err| Diagnostic::io("move aside", out_dir, &err))?;
    }
    if let Err(err) = fs::rename(staging, out_dir) {
        if had_old {
            let _ = fs::rename(old, out_dir);
        }
        return Err(Diagnostic::io("move into place", out_dir, &err).into());
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_sorts_and_rejects_duplicates_and_escapes() {
        let files = vec![
            OutputFile::new("b".into(), vec![]),
            OutputFile::new("a".into(), vec![]),
        ];
        assert_eq!(
            finish(files).map(|f| f[0].path.clone()),
            Ok("a".to_string())
        );
        assert!(finish(vec![
            OutputFile::new("a".into(), vec![]),
            OutputFile::new("a".into(), vec![])
        ])
        .is_err());
        assert!(finish(vec![OutputFile::new("../x".into(), vec![])]).is_err());
        assert!(finish(vec![OutputFile::new("/x".into(), vec![])]).is_err());
    }

    #[test]
    fn write_replaces_old_output() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(
            &out,
            &[OutputFile::new("a/index.html".into(), b"one".to_vec())],
        )
        .expect("first write");
        fs::write(out.join("stale.html"), "x").expect("plant stale file");
        write(&out, &[OutputFile::new("b.html".into(), b"two".to_vec())]).expect("second write");
        assert!(!out.join("stale.html").exists());
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).expect("b"), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(leftovers.len(), 1);
    }
}
