//! Load: read the content tree into memory, file by file, in a stable order.
//!
//! `content/site.yaml`, `content/guide/*.md`, `content/glossary/*.md`,
//! `content/catalog/{institutions,areas,target-groups}.yaml` and
//! `content/regions/*.yaml`. Editor temp files and hidden files are skipped.

use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Every content file of a site, read.
#[derive(Debug)]
pub struct Sources {
    /// `content/site.yaml`.
    pub site: SourceFile,
    /// Guide pages.
    pub guide: Vec<SourceFile>,
    /// Glossary terms.
    pub glossary: Vec<SourceFile>,
    /// `catalog/institutions.yaml`.
    pub institutions: Option<SourceFile>,
    /// `catalog/areas.yaml`.
    pub areas: Option<SourceFile>,
    /// `catalog/target-groups.yaml`.
    pub target_groups: Option<SourceFile>,
    /// `catalog/path.yaml`.
    pub path: Option<SourceFile>,
    /// Regions.
    pub regions: Vec<SourceFile>,
    /// What loading found wrong (a file not UTF-8 or not readable, one
    /// region in two files): errors that validation reports beside its own,
    /// having checked the files that were read.
    pub problems: Diagnostics,
}

impl Sources {
    /// Every content file, owned: the site file, the guide and glossary
    /// pages, the catalog files and the regions.
    pub fn into_all(self) -> Vec<SourceFile> {
        std::iter::once(self.site)
            .chain(self.guide)
            .chain(self.glossary)
            .chain(self.institutions)
            .chain(self.areas)
            .chain(self.target_groups)
            .chain(self.path)
            .chain(self.regions)
            .collect()
    }
}

/// The directory that holds the content files of a site root.
pub fn content_dir(root: &Path) -> PathBuf {
    root.join("content")
}

/// An error unless `root` holds a site (`content/site.yaml`): a usage
/// error, checked before anything else is read.
pub fn find_site(root: &Path) -> Result<()> {
    let site_path = content_dir(root).join("site.yaml");
    if site_path.exists() {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "no site found: `{}` does not exist",
        site_path.display()
    ))
    .hint("run dienstweg in a site's root folder, pass `--root DIR`, or create one with `dienstweg init DIR`")
    .into())
}

/// Read all content files below `root`.
pub fn load(root: &Path) -> Result<Sources> {
    let content = content_dir(root);
    let mut diagnostics = Diagnostics::new();
    let site_path = content.join("site.yaml");
    find_site(root)?;
    let site = read(root, &site_path, &mut diagnostics);
    // Files are read in parallel; problems are reported in file order.
    let mut list = |dir: &str, extensions: &[&str]| -> Vec<SourceFile> {
        let read: Vec<(Option<SourceFile>, Diagnostics)> =
            files_in(&content.join(dir), extensions, &mut diagnostics)
                .par_iter()
                .map(|path| {
                    let mut found = Diagnostics::new();
                    (read(root, path, &mut found), found)
                })
                .collect();
        read.into_iter()
            .filter_map(|(file, found)| {
                diagnostics.extend(found);
                file
            })
            .collect()
    };
    let guide = list("guide", &["md"]);
    let glossary = list("glossary", &["md"]);
    let regions = list("regions", &["yaml", "yml"]);
    same_slug(&regions, &mut diagnostics);
    let catalog = content.join("catalog");
    let mut optional = |name: &str| {
        let path = catalog.join(name);
        path.exists()
            .then(|| read(root, &path, &mut diagnostics))
            .flatten()
    };
    let institutions = optional("institutions.yaml");
    let areas = optional("areas.yaml");
    let target_groups = optional("target-groups.yaml");
    let path = optional("path.yaml");
    match site {
        Some(site) => Ok(Sources {
            site,
            guide,
            glossary,
            institutions,
            areas,
            target_groups,
            path,
            regions,
            problems: diagnostics,
        }),
        None => Err(diagnostics),
    }
}

fn read(root: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let relative = crate::source::relative_to(path, root);
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) if text.contains('\r') => {
                Some(SourceFile::new(relative, text.replace("\r\n", "\n")))
            }
            Ok(text) => Some(SourceFile::new(relative, text)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&err.into_bytes()[..offset]).into_owned();
                let (line, column) = crate::source::line_column(&text, offset);
                diagnostics.push(
                    Diagnostic::error("file is not valid UTF-8")
                        // Like a file that does not parse: what refers to
                        // it is not checked.
                        .kind(crate::error::Kind::Syntax)
                        .at(Location::new(relative, line, column))
                        .hint("save the file as UTF-8"),
                );
                None
            }
        },
        Err(err) => {
            if path.exists() {
                diagnostics.push(Diagnostic::io("read", &relative, &err));
            }
            None
        }
    }
}

/// An error for each region file whose name but for its ending is that of
/// an earlier one (`dresden.yaml`, `dresden.yml`): a region's slug is its
/// file name, and two regions cannot have one.
fn same_slug(regions: &[SourceFile], diagnostics: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<&std::ffi::OsStr, &Path> = Default::default();
    for region in regions {
        let Some(stem) = region.path.file_stem() else {
            continue;
        };
        if let Some(first) = seen.insert(stem, &region.path) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "`{}` and `{}` are one region twice: a region's slug is its file name",
                    first.display(),
                    region.path.display()
                ))
                .at(Location::file(region.path.clone()))
                .hint("keep one of the two files"),
            );
        }
    }
}

/// Files in `dir` (not recursive) with one of `extensions`, sorted by name.
fn files_in(dir: &Path, extensions: &[&str], diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(err) => {
            diagnostics.push(Diagnostic::io("list", dir, &err));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && !is_ignored(path))
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        })
        .collect();
    files.sort();
    files
}

/// Hidden files and editor temp files (`.x.swp`, `x~`, `#x#`) are not content.
pub fn is_ignored(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_files_come_in_their_order() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sources = load(root).expect("the shipped site loads");
        let path = |file: &SourceFile| file.path.clone();
        let catalog = [
            &sources.institutions,
            &sources.areas,
            &sources.target_groups,
            &sources.path,
        ];
        let listed: Vec<PathBuf> = std::iter::once(&sources.site)
            .chain(&sources.guide)
            .chain(&sources.glossary)
            .chain(catalog.into_iter().flatten())
            .chain(&sources.regions)
            .map(path)
            .collect();
        let owned: Vec<PathBuf> = sources.into_all().into_iter().map(|f| f.path).collect();
        assert_eq!(owned, listed);
        assert!(owned[0].ends_with("site.yaml"), "{owned:?}");
        assert!(owned.iter().any(|p| p.ends_with("areas.yaml")));
        assert!(owned
            .last()
            .is_some_and(|p| p.starts_with("content/regions")));
    }
}
