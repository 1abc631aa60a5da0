//! Link check of the finished output: every relative `href`/`src` must point
//! to an output file, and every `#fragment` to an `id` in its target page.

use crate::output::OutputFile;
use std::collections::{BTreeMap, BTreeSet};

/// A broken link: the page it is on and the link as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Output path of the page.
    pub page: String,
    /// The link.
    pub link: String,
}

/// Find every broken internal link or anchor in `files`.
pub fn broken_links(files: &[OutputFile]) -> Vec<BrokenLink> {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        ids.insert(
            file.path.as_str(),
            attribute_values(&html, "id").into_iter().collect(),
        );
    }
    let mut broken = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        let mut links = attribute_values(&html, "href");
        links.extend(attribute_values(&html, "src"));
        for link in links {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
                || link.starts_with("//")
            {
                continue;
            }
            let (target, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(t, f)| (t, Some(f)));
            let target = target.split('?').next().unwrap_or("");
            let resolved = if target.is_empty() {
                Some(file.path.clone())
            } else {
                resolve(&file.path, target)
            };
            let ok = match &resolved {
                Some(path) if paths.contains(path.as_str()) => match fragment {
                    Some(fragment) if !fragment.is_empty() => ids
                        .get(path.as_str())
                        .is_some_and(|set| set.contains(fragment)),
                    _ => true,
                },
                _ => false,
            };
            if !ok {
                broken.push(BrokenLink {
                    page: file.path.clone(),
                    link,
                });
            }
        }
    }
    broken
}

/// `target` relative to the page at `page`, as an output path.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if target.ends_with('/') || path.is_empty() {
        path = format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string();
    }
    Some(path)
}

/// Values of `name="…"` attributes (entities in them decoded).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let pattern = format!(" {name}=\"");
    html.match_indices(&pattern)
        .filter_map(|(i, _)| {
            let rest = &html[i + pattern.len()..];
            rest.find('"')
                .map(|end| super::leaks::decode_entities(&rest[..end]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            OutputFile::new("index.html".into(), br##"<a href="a/index.html#x">a</a><a href="a/index.html#nope">b</a><a href="missing.html">c</a><a href="#top">d</a><p id="top"></p>"##.to_vec()),
            OutputFile::new("a/index.html".into(), br#"<h2 id="x">X</h2><a href="../index.html">up</a>"#.to_vec()),
        ];
        let broken: Vec<String> = broken_links(&files).into_iter().map(|b| b.link).collect();
        assert_eq!(broken, vec!["a/index.html#nope", "missing.html"]);
    }
}
