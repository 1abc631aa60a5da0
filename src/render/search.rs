//! Search: a full-text index of the rendered pages, built in-process with
//! pagefind, so the site searches offline from any static host.
//!
//! Steps: hand every page's HTML (in path order; its `data-pagefind-body`
//! marks what counts and `data-pagefind-ignore` what does not) to one
//! pagefind index fixed to the site's language, build
//! the index in memory on a small tokio runtime, and return its files below
//! `pagefind/`, minus the UI variants the site does not load. The index only
//! ever sees the files of one render, so an audience's index holds that
//! audience's output and nothing else.

use crate::error::{Diagnostic, Result};
use crate::output::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The folder of the search bundle in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// The output path of the search page.
pub const SEARCH_PAGE: &str = "suche/index.html";

/// Pages never indexed: the error page and the search page itself.
const SKIPPED: &[&str] = &["404.html", SEARCH_PAGE];

/// Bundle files pagefind always produces that the default UI never loads.
const UNUSED: &[&str] = &[
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
];

/// Index the HTML pages among `files` and return the search bundle.
pub fn index(files: &[OutputFile], language: &str) -> Result<Vec<OutputFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|err| search_error(&err.to_string()))?;
    let bundle = runtime
        .block_on(build(files, language))
        .map_err(|err| search_error(&err))?;
    let mut out: Vec<OutputFile> = bundle
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let contents = if name == "pagefind-ui.js" {
                without_credit_addresses(file.contents)
            } else {
                file.contents
            };
            (!UNUSED.contains(&name.as_str()))
                .then(|| OutputFile::new(format!("{BUNDLE_DIR}/{name}"), contents))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The interface paper repeats a region's partners, matrix, hand-offs and
/// recommendations for printing; search leads to those pages instead, and
/// indexing the largest page of each region would double the indexing time.
fn is_compilation(path: &str) -> bool {
    path.ends_with("/schnittstellenpapier/index.html")
}

async fn build(
    files: &[OutputFile],
    language: &str,
) -> std::result::Result<Vec<pagefind::api::SyntheticFile>, String> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|err| format!("{err:#}"))?;
    let pages_span = crate::timings::span("search pages");
    let (mut pages, mut words) = (0usize, 0u64);
    for file in files {
        if !file.path.ends_with(".html")
            || SKIPPED.contains(&file.path.as_str())
            || is_compilation(&file.path)
        {
            continue;
        }
        let html = separate_blocks(&String::from_utf8_lossy(&file.bytes));
        let added = index
            .add_html_file(Some(file.path.clone()), None, html)
            .await
            .map_err(|err| format!("{}: {err:#}", file.path))?;
        pages += 1;
        words += u64::from(added.page_word_count);
    }
    drop(pages_span);
    if crate::timings::enabled() {
        eprintln!("search: {pages} pages, {words} words indexed");
    }
    let _span = crate::timings::span("search bundle");
    index.get_files().await.map_err(|err| format!("{err:#}"))
}

/// Elements whose text pagefind joins to the next element's text without a
/// space, so `<dt>E-Mail</dt><dd>post@…</dd>` would index `E-Mailpost@…`.
const UNSEPARATED_BLOCKS: &[&str] = &[
    "</dt>",
    "</dd>",
    "</th>",
    "</caption>",
    "</figcaption>",
    "</blockquote>",
    "</address>",
    "</summary>",
];

/// `html` with a space after each closing tag of [`UNSEPARATED_BLOCKS`], in
/// one pass over the page.
fn separate_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut rest = html;
    while let Some(at) = rest.find("</") {
        let closing = &rest[at..];
        let tag = UNSEPARATED_BLOCKS
            .iter()
            .find(|tag| closing.starts_with(**tag));
        let end = at + tag.map_or(2, |tag| tag.len());
        out.push_str(&rest[..end]);
        if tag.is_some() {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// pagefind-ui.js credits its translators as `"Name <e-mail>"`. The public
/// output carries no e-mail address but the publisher's (the leak scan fails
/// on any other), so the addresses go and the names stay.
fn without_credit_addresses(js: Vec<u8>) -> Vec<u8> {
    let text = match String::from_utf8(js) {
        Ok(text) => text,
        Err(not_text) => return not_text.into_bytes(),
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(" <") {
        let after = &rest[open + 2..];
        let address = after
            .find('>')
            .map(|close| &after[..close])
            .filter(|inner| {
                inner.contains('@')
                    && inner.len() <= 80
                    && !inner.contains(|c: char| c.is_whitespace() || "<\"'".contains(c))
            });
        match address {
            Some(inner) => {
                out.push_str(&rest[..open]);
                rest = &after[inner.len() + 1..];
            }
            None => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
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
        let bundle = index(&files, "de").expect("index");
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
        let entry = bundle
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        assert!(entry.contains("\"de\""), "{entry}");
        assert!(entry.contains("\"page_count\":2"), "{entry}");
    }

    #[test]
    fn block_ends_get_a_space_in_one_pass() {
        let html = "<dl><dt>E-Mail</dt><dd>post</dd></dl><p>a</p></th></caption x><TH></summary>";
        let mut expected = html.to_string();
        for tag in UNSEPARATED_BLOCKS {
            expected = expected.replace(tag, &format!("{tag} "));
        }
        assert_eq!(separate_blocks(html), expected);
        assert_eq!(
            separate_blocks("<dt>Ä</dt><dd>ö</dd>"),
            "<dt>Ä</dt> <dd>ö</dd> "
        );
        assert_eq!(separate_blocks("ohne Tags </"), "ohne Tags </");
    }

    #[test]
    fn translator_addresses_leave_the_ui_script() {
        let js = br#"var Qr="Liam Bigelow <liam@cloudcannon.com>",x=a <b&&c>d,y="<p> <i>";"#;
        assert_eq!(
            String::from_utf8(without_credit_addresses(js.to_vec())).expect("utf-8"),
            r#"var Qr="Liam Bigelow",x=a <b&&c>d,y="<p> <i>";"#
        );
        let bundle = index(&[page("index.html", "Start")], "de").expect("index");
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
        assert_eq!(index(&files, "de"), index(&files, "de"));
    }
}
