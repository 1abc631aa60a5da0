//! `dienstweg init DIR`: a starter site for a new region or federal state.
//!
//! Steps: refuse a DIR that is a file, holds anything but a `.git` folder,
//! or lies inside the output of a build (which the next build replaces);
//! write the embedded starter (`content/site.yaml` with placeholders, a
//! two-page guide, one fictional example region, `.gitignore`) and the
//! shipped catalogues and glossary. The theme stays in the binary.
//! `{{upstream}}` in the starter becomes the shipped site's `base_url`, so
//! the guide links to the published one; `{{today}}` becomes today's date,
//! so the example contact counts as just confirmed.

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Result};
use crate::source::SourceFile;
use std::fs;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/starter_files.rs"));
}

/// The published site the starter links to when the shipped `site.yaml`
/// cannot be read (it always can: a test makes sure).
pub const FALLBACK_UPSTREAM: &str = "https://regionalworkshop.example.org/";

const SHIPPED_SITE: &str = include_str!("../content/site.yaml");
const PLACEHOLDER: &str = "{{upstream}}";
const TODAY: &str = "{{today}}";

/// The address of the published site: the shipped site's `base_url`.
pub fn upstream_url() -> String {
    let file = SourceFile::new("content/site.yaml", SHIPPED_SITE);
    crate::yaml::parse_file::<SiteConfig>(&file)
        .map_or_else(|_| FALLBACK_UPSTREAM.to_string(), |config| config.base_url)
}

/// What `init` wrote.
#[derive(Debug)]
pub struct InitReport {
    /// The new site's root.
    pub root: PathBuf,
    /// Files written, relative to the root.
    pub files: Vec<String>,
}

/// Refuse a target that is a file, a folder holding anything but `.git`
/// (a fresh repository is a good place for a site), or one inside a build's
/// output (a usage error).
pub fn check_target(dir: &Path) -> Result<()> {
    let refuse = |why: String| -> Result<()> {
        Err(Diagnostic::error(format!(
            "cannot create a starter site in `{}`: {why}",
            dir.display()
        ))
        .hint("choose a new folder name, e.g. `dienstweg init meine-region`")
        .into())
    };
    if let Some(build) = crate::check::paths::inside_a_build(dir) {
        return refuse(format!(
            "it lies in `{}`, the output of a build, which the next build replaces",
            build.display()
        ));
    }
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return refuse("it is a file".into());
    }
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut names = entries.filter_map(|entry| entry.ok().map(|e| e.file_name()));
            match names.find(|name| name != ".git") {
                None => Ok(()),
                Some(name) => refuse(format!(
                    "the folder is not empty (it holds `{}` …)",
                    name.to_string_lossy()
                )),
            }
        }
        Err(err) => Err(Diagnostic::io("read", dir, &err).into()),
    }
}

/// Write a starter site into `dir` (created if missing; must be empty).
pub fn init(dir: &Path) -> Result<InitReport> {
    check_target(dir)?;
    let upstream = upstream_url();
    let today = crate::model::Date::today().to_string();
    let mut written = Vec::new();
    for (name, bytes) in embedded::STARTER_FILES {
        let name = if *name == "gitignore" {
            ".gitignore"
        } else {
            name
        };
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|err| Diagnostic::io("create", parent, &err))?;
        }
        let contents = match std::str::from_utf8(bytes) {
            Ok(text) if text.contains(PLACEHOLDER) || text.contains(TODAY) => text
                .replace(PLACEHOLDER, &upstream)
                .replace(TODAY, &today)
                .into_bytes(),
            _ => bytes.to_vec(),
        };
        fs::write(&path, contents).map_err(|err| Diagnostic::io("write", &path, &err))?;
        written.push(name.to_string());
    }
    Ok(InitReport {
        root: dir.to_path_buf(),
        files: written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_is_the_shipped_base_url() {
        let file = SourceFile::new("content/site.yaml", SHIPPED_SITE);
        let config: SiteConfig = crate::yaml::parse_file(&file).expect("shipped site.yaml parses");
        assert_eq!(upstream_url(), config.base_url);
    }

    #[test]
    fn starter_has_site_guide_region_catalog_and_glossary() {
        let names: Vec<&str> = embedded::STARTER_FILES.iter().map(|(n, _)| *n).collect();
        for needed in [
            "content/site.yaml",
            "content/catalog/institutions.yaml",
            "content/catalog/areas.yaml",
            "content/catalog/target-groups.yaml",
            "content/catalog/path.yaml",
            "content/glossary/duldung.md",
            "gitignore",
        ] {
            assert!(names.contains(&needed), "starter lacks {needed}");
        }
        assert_eq!(
            names
                .iter()
                .filter(|n| n.starts_with("content/guide/"))
                .count(),
            2
        );
        assert_eq!(
            names
                .iter()
                .filter(|n| n.starts_with("content/regions/"))
                .count(),
            1
        );
    }

    #[test]
    fn refuses_a_non_empty_folder_and_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(check_target(&dir.path().join("new")).is_ok());
        assert!(check_target(dir.path()).is_ok());
        fs::write(dir.path().join("x"), "").expect("write");
        assert!(check_target(dir.path()).is_err());
        assert!(check_target(&dir.path().join("x")).is_err());
    }
}
