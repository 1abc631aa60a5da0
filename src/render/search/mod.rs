//! Search: a full-text index of the rendered pages, built in-process with
//! pagefind, so the site searches offline from any static host.
//!
//! Steps: pick the pages to index (in the order the caller gives: the pages
//! as planned, then other files by path; each page's `data-pagefind-body`
//! marks what counts and `data-pagefind-ignore` what does not), look their
//! bundle up in the cache when the build has one ([`cache`]), else hand every
//! page, its ignored elements cut (`ignored`), to one pagefind index fixed
//! to the site's language, build the index in memory on a small tokio
//! runtime, and return its files below `pagefind/`, minus the UI variants the
//! site does not load. A build that no cache entry can serve hands the pages
//! over while the rest still render ([`index_arriving`]); the bundle is the
//! same. The index only ever sees the files of one render, so an audience's
//! index holds that audience's output and nothing else.

pub mod cache;
mod html;
mod ignored;

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::output::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::Receiver;

/// The folder of the search bundle in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// The output path of the search page.
pub const SEARCH_PAGE: &str = "suche/index.html";

/// Part of the cache key: raise it whenever the same pages would give another
/// bundle (other pagefind options, other edits of pages or bundle files, another
/// cache entry format), so no build reuses a bundle of the old kind.
pub const CACHE_SCHEMA: u32 = 3;

/// Pages never indexed: the error page and the search page itself.
const SKIPPED: &[&str] = &["404.html", SEARCH_PAGE];

/// Bundle files pagefind always produces that the default UI never loads:
/// the other UIs, and the search code for pages in a language the index does
/// not have (every page is indexed in the site's language, whose own
/// `wasm.<language>.pagefind` is loaded).
const UNUSED: &[&str] = &[
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "wasm.unknown.pagefind",
];

/// A search bundle and what became of the cache on the way.
#[derive(Debug)]
pub struct Indexed {
    /// The bundle's files, below `pagefind/`, sorted by path.
    pub files: Vec<OutputFile>,
    /// A fresh bundle to keep in the cache, once the caller has checked the
    /// build it belongs to ([`cache::Pending::store`]); `None` on a hit or
    /// without a cache.
    pub pending: Option<cache::Pending>,
    /// A damaged cache entry that was ignored.
    pub warnings: Diagnostics,
}

/// Index the HTML pages among `files` and return the search bundle: from
/// the cache folder `cache` when it holds the bundle of these very pages,
/// else made by pagefind.
pub fn index(files: &[OutputFile], language: &str, cache: Option<&Path>) -> Result<Indexed> {
    let pages: Vec<&OutputFile> = files.iter().filter(|f| is_indexed(&f.path)).collect();
    let mut warnings = Diagnostics::new();
    let entry = cache.map(|dir| {
        let _span = crate::timings::span("search key");
        cache::Entry::new(dir, &pages, language)
    });
    if let Some(entry) = &entry {
        let _span = crate::timings::span("search cache");
        match entry.load() {
            Ok(Some(files)) => {
                return Ok(Indexed {
                    files,
                    pending: None,
                    warnings,
                })
            }
            Ok(None) => {}
            Err(damaged) => warnings.push(damaged),
        }
    }
    let files = fresh(&pages, language)?;
    let pending = entry.map(|entry| entry.pending(&files));
    Ok(Indexed {
        files,
        pending,
        warnings,
    })
}

/// Whether the page at output path `path` goes into the index.
pub fn is_indexed(path: &str) -> bool {
    path.ends_with(".html") && !SKIPPED.contains(&path) && !is_compilation(path)
}

/// The interface paper repeats a region's partners, matrix, hand-offs and
/// recommendations for printing; search leads to those pages instead, and
/// indexing the largest page of each region would double the indexing time.
fn is_compilation(path: &str) -> bool {
    path.ends_with("/schnittstellenpapier/index.html")
}

/// The bundle of `pages`, made by pagefind.
fn fresh(pages: &[&OutputFile], language: &str) -> Result<Vec<OutputFile>> {
    let all = bundle(pages.iter().copied(), language, true, |_| {}, || true)?;
    Ok(all.unwrap_or_default())
}

/// The bundle of the pages that arrive on `pages`, in any order, whose paths
/// are `expected`, in the order pagefind reads them: each as soon as it and
/// every page before it have come, so that indexing runs beside the render
/// of the rest, and the bundle is the one [`index`] makes of the same pages
/// given in that order.
///
/// A build whose bundle no cache entry can hold uses it: `--no-cache`, a cache
/// with no entry yet, the internal audience. `None` if `pages` closes before
/// every expected page came: a page failed, which the build reports.
pub fn index_arriving(
    pages: Receiver<OutputFile>,
    expected: Vec<String>,
    language: &str,
    cache: Option<&Path>,
) -> Result<Option<Indexed>> {
    let mut arriving = InOrder {
        pages,
        expected,
        next: 0,
        waiting: HashMap::new(),
    };
    let mut read = Vec::new();
    let count = std::cell::Cell::new(0);
    let expected = arriving.expected.len();
    let files = bundle(
        &mut arriving,
        language,
        true,
        |page| {
            count.set(count.get() + 1);
            // Kept only for the cache entry's key: without a cache, each
            // page's memory goes as soon as pagefind has read it.
            if cache.is_some() {
                read.push(page);
            }
        },
        || count.get() == expected,
    )?;
    let Some(files) = files else {
        return Ok(None);
    };
    let pending = cache.map(|dir| {
        let pages: Vec<&OutputFile> = read.iter().collect();
        cache::Entry::new(dir, &pages, language).pending(&files)
    });
    Ok(Some(Indexed {
        files,
        pending,
        warnings: Diagnostics::new(),
    }))
}

/// Pages that arrive in any order, handed on in the expected order.
struct InOrder {
    pages: Receiver<OutputFile>,
    expected: Vec<String>,
    next: usize,
    waiting: HashMap<String, OutputFile>,
}

impl Iterator for InOrder {
    type Item = OutputFile;

    fn next(&mut self) -> Option<OutputFile> {
        let path = self.expected.get(self.next)?;
        let page = loop {
            if let Some(page) = self.waiting.remove(path) {
                break page;
            }
            let page = self.pages.recv().ok()?;
            self.waiting.insert(page.path.clone(), page);
        };
        self.next += 1;
        Some(page)
    }
}

/// The bundle of `pages`, made by pagefind from the pages as they are or
/// with their ignored elements cut first ([`ignored`]; the same bundle);
/// `read` gets each page once pagefind has it. Given up (`None`) when
/// `complete` says the pages did not all come.
fn bundle<P: Borrow<OutputFile>>(
    pages: impl Iterator<Item = P>,
    language: &str,
    cut: bool,
    read: impl FnMut(P),
    complete: impl FnOnce() -> bool,
) -> Result<Option<Vec<OutputFile>>> {
    // pagefind reads the working directory as it starts, and panics when the
    // folder is gone (deleted while a shell still stands in it).
    if let Err(err) = std::env::current_dir() {
        return Err(Diagnostic::error(format!(
            "the search index cannot be built: the working directory is gone ({err})"
        ))
        .hint(
            "run dienstweg from a folder that exists (`cd` to the site), or build with --no-search",
        )
        .into());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|err| search_error(&err.to_string()))?;
    let Some(bundle) = runtime
        .block_on(build(pages, language, cut, read, complete))
        .map_err(|err| search_error(&err))?
    else {
        return Ok(None);
    };
    let mut out: Vec<OutputFile> = bundle
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let contents = if name == "pagefind-ui.js" {
                html::without_credit_addresses(file.contents)
            } else {
                file.contents
            };
            (!UNUSED.contains(&name.as_str()))
                .then(|| OutputFile::new(format!("{BUNDLE_DIR}/{name}"), contents))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(out))
}

async fn build<P: Borrow<OutputFile>>(
    pages: impl Iterator<Item = P>,
    language: &str,
    cut: bool,
    mut read: impl FnMut(P),
    complete: impl FnOnce() -> bool,
) -> std::result::Result<Option<Vec<pagefind::api::SyntheticFile>>, String> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|err| format!("{err:#}"))?;
    let pages_span = crate::timings::span("search pages");
    let (mut count, mut words) = (0usize, 0u64);
    for page in pages {
        let file = page.borrow();
        let mut html = html::separate_blocks(&String::from_utf8_lossy(&file.bytes));
        if cut {
            html = ignored::without_ignored(&html);
        }
        let added = index
            .add_html_file(Some(file.path.clone()), None, html)
            .await
            .map_err(|err| format!("{}: {err:#}", file.path))?;
        words += u64::from(added.page_word_count);
        count += 1;
        read(page);
    }
    drop(pages_span);
    if !complete() {
        return Ok(None);
    }
    if crate::timings::enabled() {
        eprintln!("search: {count} pages, {words} words indexed");
    }
    let _span = crate::timings::span("search bundle");
    index
        .get_files()
        .await
        .map(Some)
        .map_err(|err| format!("{err:#}"))
}

fn search_error(detail: &str) -> Diagnostic {
    Diagnostic::error(format!("the search index could not be built: {detail}"))
        .hint("this is a bug in dienstweg or pagefind, not in the content; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> OutputFile {
        OutputFile::new(
            path.into(),
            format!("<!doctype html><html lang=\"de\"><head><title>T</title></head><body><nav>Navigation</nav><main data-pagefind-body><h1>{body}</h1><p>{body} steht hier.</p></main></body></html>").into_bytes(),
        )
    }

    #[test]
    fn bundle_lies_below_pagefind_with_german_index_and_ui() {
        let files = vec![
            page("index.html", "Start"),
            page("glossar/duldung/index.html", "Duldung"),
            page("404.html", "Fehlt"),
        ];
        let bundle = index(&files, "de", None).expect("index").files;
        let paths: Vec<&str> = bundle.iter().map(|f| f.path.as_str()).collect();
        for expected in [
            "pagefind/pagefind-ui.js",
            "pagefind/pagefind-ui.css",
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.de.pagefind",
        ] {
            assert!(paths.contains(&expected), "missing {expected} in {paths:?}");
        }
        assert!(paths.iter().any(|p| p.ends_with(".pf_fragment")));
        assert!(!paths.iter().any(|p| p.contains("modular-ui")));
        assert!(!paths.contains(&"pagefind/wasm.unknown.pagefind"));
        let entry = bundle
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        assert!(entry.contains("\"de\""), "{entry}");
        // Only the site's language, with its own search code: the code for
        // unknown languages is never loaded.
        assert!(entry.contains("\"wasm\":\"de\""), "{entry}");
        assert!(!entry.contains("unknown"), "{entry}");
        assert!(entry.contains("\"page_count\":2"), "{entry}");
    }

    #[test]
    fn the_ui_script_keeps_no_translator_address() {
        let bundle = index(&[page("index.html", "Start")], "de", None)
            .expect("index")
            .files;
        let ui = bundle
            .iter()
            .find(|f| f.path == "pagefind/pagefind-ui.js")
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        assert!(ui.len() > 50_000, "the UI script is still there");
        assert!(!ui.contains("@cloudcannon.com"), "addresses removed");
        assert!(ui.contains("Liam Bigelow"), "names kept");
    }

    #[test]
    fn same_pages_give_the_same_bytes() {
        let files: Vec<OutputFile> = (0..30)
            .map(|i| {
                page(
                    &format!("seite-{i}/index.html"),
                    &format!("Begriff{i} Duldung"),
                )
            })
            .collect();
        let bundle = || index(&files, "de", None).expect("index").files;
        assert_eq!(bundle(), bundle());
    }

    #[test]
    fn cutting_ignored_elements_leaves_the_shipped_sites_index_unchanged() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let built = crate::build_site(root, crate::view::Audience::Public).expect("shipped site");
        let pages: Vec<&OutputFile> = built.files.iter().filter(|f| is_indexed(&f.path)).collect();
        let cut_away: usize = pages
            .iter()
            .map(|p| {
                p.bytes.len() - ignored::without_ignored(&String::from_utf8_lossy(&p.bytes)).len()
            })
            .sum();
        assert!(cut_away > 100_000, "the matrix cells go: {cut_away} bytes");
        let made = |cut| {
            bundle(pages.iter().copied(), "de", cut, |_| {}, || true).map(Option::unwrap_or_default)
        };
        let with_cut = made(true).expect("bundle");
        let without = made(false).expect("bundle");
        assert_eq!(with_cut.len(), without.len());
        for (a, b) in with_cut.iter().zip(&without) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }
}
