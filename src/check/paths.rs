//! Keep the audiences' outputs apart: the internal build may not write into
//! the public output and the public build may not write into `internal/`,
//! however the path is spelled (symlinks, `..`, trailing slashes).

use crate::error::{Diagnostic, Result};
use crate::view::Audience;
use std::path::{Component, Path, PathBuf};

/// Refuse `out_dir` for `audience` when it lies inside (or contains) the other
/// audience's default output, or is the site root or `content/` itself.
pub fn check_out_dir(root: &Path, out_dir: &Path, audience: Audience) -> Result<()> {
    let root = canonical(root);
    let out = canonical(&if out_dir.is_absolute() {
        out_dir.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(out_dir)
    });
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
    Ok(())
}

/// The canonical form of a path that may not exist yet: canonicalise the
/// longest existing ancestor (resolving symlinks), then add the rest lexically.
fn canonical(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut result = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        result.push(name);
    }
    normalise(&result)
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
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
            std::os::unix::fs::symlink(root.join("public"), root.join("link")).expect("symlink");
            assert!(check_out_dir(root, &root.join("link/x"), Audience::Internal).is_err());
        }
        assert!(check_out_dir(root, &root.join("internal"), Audience::Internal).is_ok());
        assert!(check_out_dir(root, &root.join("internal/"), Audience::Public).is_err());
        assert!(check_out_dir(root, &root.join("public"), Audience::Public).is_ok());
        assert!(check_out_dir(root, &root.join("content"), Audience::Public).is_err());
        assert!(check_out_dir(root, root, Audience::Public).is_err());
    }
}
