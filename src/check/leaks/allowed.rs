//! The output files on `allow_list: files:` in `content/site.yaml`, which
//! the scan lets through though it cannot read inside them: each entry read
//! as a path in the output, and a warning for each that names no output
//! file (a typo, or a file since removed).

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::source::SourceFile;
use std::collections::BTreeSet;
use std::path::Path;

/// The settings file that holds the allow-list.
const SITE_YAML: &str = "content/site.yaml";

/// An entry of `allow_list: files:` as a path in the output:
/// `/downloads/a.pdf` and `./downloads/a.pdf` name `downloads/a.pdf`.
pub fn output_path(entry: &str) -> String {
    let entry = entry.trim();
    let entry = entry.strip_prefix("./").unwrap_or(entry);
    entry.trim_start_matches('/').to_string()
}

/// A warning for each allowed file that is none of `paths` (the output's,
/// sorted), at its line in `content/site.yaml` if `sources` hold it.
pub fn stale(allowed: &BTreeSet<String>, paths: &[String], sources: &[SourceFile]) -> Diagnostics {
    let site = sources
        .iter()
        .find(|source| source.path == Path::new(SITE_YAML));
    let mut warnings = Diagnostics::new();
    for entry in allowed {
        if paths.binary_search(entry).is_ok() {
            continue;
        }
        let location = site.map_or_else(
            || Location::file(SITE_YAML),
            |site| site.find_value("files", entry, 1),
        );
        warnings.push(
            Diagnostic::warning(format!(
                "`allow_list: files:` names `{entry}`, which is no output file"
            ))
            .at(location)
            .hint("remove the entry, or write the file's path in the output (`downloads/broschuere.pdf`)"),
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_output_paths() {
        assert_eq!(output_path(" /downloads/a.pdf "), "downloads/a.pdf");
        assert_eq!(output_path("./downloads/a.pdf"), "downloads/a.pdf");
        assert_eq!(output_path("a.zip"), "a.zip");
    }

    #[test]
    fn an_entry_that_names_no_output_file_is_a_warning_at_its_line() {
        let site = SourceFile::new(
            SITE_YAML,
            "title: T\nallow_list:\n  emails: []\n  files:\n    - downloads/a.pdf\n    - downloads/alt.pdf\n",
        );
        let allowed: BTreeSet<String> =
            ["downloads/a.pdf".into(), "downloads/alt.pdf".into()].into();
        let paths = ["downloads/a.pdf".to_string(), "index.html".to_string()];
        let warnings = stale(&allowed, &paths, &[site]);
        assert!(!warnings.has_errors());
        let shown = warnings.to_string();
        assert!(
            shown.contains("warning: `allow_list: files:` names `downloads/alt.pdf`, which is no output file\n  --> content/site.yaml:6:"),
            "{shown}"
        );
        assert!(!shown.contains("`downloads/a.pdf`"), "{shown}");
        assert!(stale(&allowed, &paths[..1], &[])
            .to_string()
            .contains("--> content/site.yaml"));
    }
}
