//! Keep the audiences' outputs apart: the internal build may not write into
//! the public output and the public build may not write into `internal/`,
//! however the path is spelled (symlinks, `..`, trailing slashes). Every
//! written build leaves a marker file naming its audience, so an output
//! written earlier with `--out` is recognised too.

use crate::error::{Diagnostic, Result};
use crate::view::Audience;
use std::path::{Component, Path, PathBuf};

/// The marker file at the top of a written output: `public` or `internal`.
pub const MARKER: &str = ".dienstweg-audience";

/// The marker file for a build of `audience`.
pub fn marker(audience: Audience) -> crate::output::OutputFile {
    crate::output::OutputFile::new(
        MARKER.to_string(),
        format!("{}\n", audience.name()).into_bytes(),
    )
}

/// Refuse `out_dir` for `audience` when it lies inside (or contains) the other
/// audience's default output, lies inside a folder marked as the other
/// audience's output, or is the site root or `content/` itself.
pub fn check_out_dir(root: &Path, out_dir: &Path, audience: Audience) -> Result<()> {
    // Both from the working directory: a relative root compared with an
    // absolute output would never overlap it.
    let root = canonical(&absolute(root)?);
    let out = canonical(&absolute(out_dir)?);
    let other = match audience {
        Audience::Public => crate::default_out_dir(&root, Audience::Internal),
        Audience::Internal => crate::default_out_dir(&root, Audience::Public),
    };
    let other = canonical(&other);
    if out.starts_with(&other) || other.starts_with(&out) {
        let (this, that) = match audience {
            Audience::Public => ("public", "internal"),
            Audience::Internal => ("internal", "public"),
        };
        return Err(Diagnostic::error(format!(
            "refusing to write the {this} build to `{}`: it overlaps the {that} output `{}`",
            out.display(),
            other.display()
        ))
        .hint(format!(
            "the {this} and {that} builds must never share a folder; choose another `--out`"
        ))
        .into());
    }
    let other_name = match audience {
        Audience::Public => Audience::Internal.name(),
        Audience::Internal => Audience::Public.name(),
    };
    if let Some(marked) = out
        .ancestors()
        .find(|dir| marker_of(dir).is_some_and(|m| m == other_name))
    {
        let held = match audience {
            Audience::Public => "an internal build",
            Audience::Internal => "a public build",
        };
        return Err(Diagnostic::error(format!(
            "refusing to write the {} build to `{}`: `{}` holds {held}",
            audience.name(),
            out.display(),
            marked.display()
        ))
        .hint(format!(
            "the two builds must never share a folder; choose another `--out`, or delete the old {other_name} build first"
        ))
        .into());
    }
    for protected in [
        root.clone(),
        canonical(&root.join("content")),
        canonical(&root.join("themes")),
    ] {
        if protected == out
            || (protected != root && out.starts_with(&protected))
            || (protected == root && root.starts_with(&out))
        {
            return Err(Diagnostic::error(format!(
                "refusing to write the build to `{}`: it would replace source files",
                out.display()
            ))
            .hint("choose an output folder of its own, e.g. `public/`")
            .into());
        }
    }
    foreign(&out)
}

/// Refuse an existing `out` that a build would destroy without having made
/// it: a file, or a folder holding anything but no marker of a build (the
/// build replaces the whole folder).
fn foreign(out: &Path) -> Result<()> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(format!(
            "refusing to write the build to `{}`: it is a file",
            out.display()
        ))
        .hint("the build is a folder; choose a folder path for `--out`")
        .into());
    }
    if marker_of(out).is_some() {
        return Ok(());
    }
    let first = std::fs::read_dir(out).ok().and_then(|mut entries| {
        let mut names: Vec<String> = entries
            .by_ref()
            .take(64)
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names.into_iter().next()
    });
    match first {
        None => Ok(()),
        Some(name) => Err(Diagnostic::error(format!(
            "refusing to write the build to `{}`: it holds files no build of dienstweg wrote (`{name}` …), and the build replaces the whole folder",
            out.display()
        ))
        .hint("choose a new or empty folder for `--out`; if the folder is an old build, delete it first")
        .into()),
    }
}

/// The output folder of a build that `dir` lies in (or is), if any: the
/// next build replaces it whole.
pub fn inside_a_build(dir: &Path) -> Option<PathBuf> {
    let dir = canonical(&absolute(dir).ok()?);
    dir.ancestors()
        .find(|ancestor| marker_of(ancestor).is_some())
        .map(Path::to_path_buf)
}

/// `path` from the root of the file system: a relative one below the working
/// directory.
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|err| {
        Diagnostic::error(format!(
            "cannot tell where `{}` is: the working directory cannot be read ({err})",
            path.display()
        ))
        .hint("run dienstweg from a folder that exists, or pass absolute paths to --root and --out")
        .into()
    })
}

/// The audience named by the marker file in `dir`, if there is one.
fn marker_of(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join(MARKER))
        .ok()
        .map(|text| text.trim().to_string())
}

/// The canonical form of a path that may not exist yet, resolved component
/// by component: an existing prefix is canonicalised (symlinks followed, also
/// dangling ones), `..` steps back from what is resolved so far, and the
/// missing rest is added as written.
fn canonical(path: &Path) -> PathBuf {
    resolve(path, 0)
}

/// Symlinks followed before giving up (a loop).
const MAX_LINKS: usize = 40;

fn resolve(path: &Path, depth: usize) -> PathBuf {
    let mut resolved = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                resolved = match std::fs::symlink_metadata(&next) {
                    Ok(meta) if meta.file_type().is_symlink() && depth < MAX_LINKS => {
                        match std::fs::read_link(&next) {
                            Ok(target) => resolve(&resolved.join(target), depth + 1),
                            Err(_) => next,
                        }
                    }
                    _ => next,
                };
            }
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_refuses_public_in_any_spelling() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("public")).expect("public");
        std::fs::create_dir_all(root.join("content")).expect("content");
        for bad in [
            "public",
            "public/",
            "public/sub",
            "content/../public/x",
            "./public//",
        ] {
            assert!(
                check_out_dir(root, &root.join(bad), Audience::Internal).is_err(),
                "{bad}"
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(root.join("public"), root.join("link")).expect("symlink");
            assert!(check_out_dir(root, &root.join("link/x"), Audience::Internal).is_err());
            // `..` after a missing folder below a symlink does not hide it.
            assert!(
                check_out_dir(root, &root.join("link/missing/../x"), Audience::Internal).is_err()
            );
            // A relative symlink, and one whose target does not exist yet.
            symlink("public/deeper", root.join("relative")).expect("symlink");
            assert!(check_out_dir(root, &root.join("relative"), Audience::Internal).is_err());
            symlink(root.join("internal"), root.join("dangling")).expect("symlink");
            assert!(check_out_dir(root, &root.join("dangling/x"), Audience::Public).is_err());
            // `public` itself a symlink into `internal/`.
            let other = tempfile::tempdir().expect("temp dir");
            std::fs::create_dir_all(other.path().join("content")).expect("content");
            std::fs::create_dir_all(other.path().join("internal/site")).expect("internal");
            symlink(
                other.path().join("internal/site"),
                other.path().join("public"),
            )
            .expect("symlink");
            assert!(
                check_out_dir(other.path(), &other.path().join("public"), Audience::Public)
                    .is_err()
            );
        }
        assert!(check_out_dir(root, &root.join("internal"), Audience::Internal).is_ok());
        assert!(check_out_dir(root, &root.join("internal/"), Audience::Public).is_err());
        assert!(check_out_dir(root, &root.join("public"), Audience::Public).is_ok());
        assert!(check_out_dir(root, &root.join("content"), Audience::Public).is_err());
        assert!(check_out_dir(root, root, Audience::Public).is_err());
    }

    #[test]
    fn marked_outputs_elsewhere_are_recognised() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).expect("content");
        std::fs::create_dir_all(root.join("site/sub")).expect("site");
        std::fs::write(root.join("site").join(MARKER), "public\n").expect("marker");
        for bad in ["site", "site/", "site/sub", "site/new/deeper"] {
            assert!(
                check_out_dir(root, &root.join(bad), Audience::Internal).is_err(),
                "{bad}"
            );
            assert!(
                check_out_dir(root, &root.join(bad), Audience::Public).is_ok(),
                "{bad}"
            );
        }
    }

    #[test]
    fn folders_no_build_wrote_and_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).expect("content");
        std::fs::create_dir_all(root.join("empty")).expect("empty");
        std::fs::create_dir_all(root.join("thesis/sub")).expect("thesis");
        std::fs::write(root.join("thesis/arbeit.txt"), "wichtig").expect("file");
        std::fs::create_dir_all(root.join("old")).expect("old");
        std::fs::write(root.join("old").join(MARKER), "public\n").expect("marker");
        std::fs::write(root.join("old/index.html"), "<p>alt</p>").expect("page");
        std::fs::write(root.join("afile"), "hi").expect("file");
        let message = |out: &str| match check_out_dir(root, &root.join(out), Audience::Public) {
            Ok(()) => String::new(),
            Err(errors) => errors.to_string(),
        };
        assert_eq!(message("empty"), "");
        assert_eq!(message("new/deeper"), "");
        assert_eq!(message("old"), "");
        assert!(
            message("thesis").contains("holds files no build of dienstweg wrote (`arbeit.txt` …)")
        );
        assert!(message("thesis/").contains("replaces the whole folder"));
        assert!(message("afile").contains("it is a file"));
    }
}
