//! The theme: templates, static files and interface strings.
//!
//! Read from the site's `themes/default/` when it has one, else from the copy
//! embedded in the binary; a site's own `templates/` folder overrides single
//! templates. All interface strings live in `i18n/<language>.yaml`.

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// A loaded theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Templates by name, each with the path it was read from (for messages).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Static files by output path.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Interface strings.
    pub strings: serde_json::Value,
    /// The file the interface strings were read from (the leak report
    /// looks for what it finds in it, as in the templates).
    pub strings_file: SourceFile,
}

impl Theme {
    /// A string from the interface strings by dotted key (`"nav.guide"`).
    pub fn string(&self, key: &str) -> String {
        key.split('.')
            .try_fold(&self.strings, |value, part| value.get(part))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// The labels the views take from the interface strings.
    pub fn view_labels(&self) -> crate::view::ViewLabels {
        crate::view::ViewLabels {
            internal_passage: self.string("internal.passage"),
            table: self.string("table_label"),
        }
    }
}

/// Load the theme for the site at `root`.
pub fn load(root: &Path, language: &str) -> Result<Theme> {
    let disk = root.join("themes/default");
    let mut files: BTreeMap<String, (PathBuf, Vec<u8>)> = BTreeMap::new();
    if disk.is_dir() {
        let mut paths = Vec::new();
        walk(&disk, &mut paths).map_err(|err| Diagnostic::io("read theme folder", &disk, &err))?;
        for path in paths {
            let bytes = fs::read(&path).map_err(|err| Diagnostic::io("read", &path, &err))?;
            let name = path
                .strip_prefix(&disk)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(name, (crate::source::relative_to(&path, root), bytes));
        }
    } else {
        for (name, bytes) in embedded::THEME_FILES {
            files.insert(
                name.to_string(),
                (PathBuf::from("themes/default").join(name), bytes.to_vec()),
            );
        }
    }
    let overrides = root.join("templates");
    if overrides.is_dir() {
        let mut paths = Vec::new();
        walk(&overrides, &mut paths).map_err(|err| Diagnostic::io("read", &overrides, &err))?;
        for path in paths {
            let bytes = fs::read(&path).map_err(|err| Diagnostic::io("read", &path, &err))?;
            let name = path
                .strip_prefix(&overrides)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(
                format!("templates/{name}"),
                (crate::source::relative_to(&path, root), bytes),
            );
        }
    }

    let mut diagnostics = Diagnostics::new();
    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut strings: Option<(serde_json::Value, SourceFile)> = None;
    let strings_name = format!("i18n/{language}.yaml");
    // Whether the strings file is there, parsed or not.
    let found_strings = files.contains_key(&strings_name);
    for (name, (path, bytes)) in files {
        if let Some(template) = name.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    templates.insert(template.to_string(), (path, text));
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error("template is not valid UTF-8")
                        .at(crate::error::Location::file(path)),
                ),
            }
        } else if let Some(asset) = name.strip_prefix("static/") {
            if !crate::load::is_ignored(Path::new(asset)) {
                static_files.insert(asset.to_string(), bytes);
            }
        } else if name == strings_name {
            let file = SourceFile::new(path, String::from_utf8_lossy(&bytes).into_owned());
            match crate::yaml::parse_file::<serde_json::Value>(&file) {
                Ok(value) => strings = Some((value, file)),
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    let Some((strings, strings_file)) = strings else {
        if found_strings {
            return Err(diagnostics);
        }
        diagnostics.push(
            Diagnostic::error(format!(
                "the theme has no interface strings for language `{language}`"
            ))
            .hint(format!("add themes/default/{strings_name}")),
        );
        return Err(diagnostics);
    };
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Theme {
        templates,
        static_files,
        strings,
        strings_file,
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if !crate::load::is_ignored(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strings_file_that_does_not_parse_is_reported_as_such() {
        let dir = tempfile::tempdir().expect("temp dir");
        let strings = dir.path().join("themes/default/i18n/de.yaml");
        fs::create_dir_all(strings.parent().expect("parent")).expect("mkdir");
        fs::write(&strings, "site:\n  title: \"nicht geschlossen\n").expect("write");
        let message = |root: &Path| match load(root, "de") {
            Ok(_) => String::new(),
            Err(errors) => errors.to_string(),
        };
        let broken = message(dir.path());
        assert!(
            broken.contains("themes/default/i18n/de.yaml")
                && !broken.contains("no interface strings"),
            "{broken}"
        );
        fs::remove_file(&strings).expect("remove");
        assert!(message(dir.path()).contains("no interface strings for language `de`"));
    }
}
