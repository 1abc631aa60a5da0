//! What the preview sends: each output file as served (HTML with the
//! live-reload client before its last `</body>`, the 404 page with a root
//! base so that it works at any depth), and the report of a failed rebuild
//! that the browser's overlay shows.

use super::state::ENDPOINT_PREFIX;
use super::url::content_type;
use crate::error::Diagnostics;
use crate::markdown::attr as escape;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// One file of a build, ready to send.
#[derive(Clone, Debug)]
pub struct Served {
    /// The body (for HTML: with the live-reload script).
    pub body: Arc<[u8]>,
    /// The `Content-Type` header value.
    pub content_type: &'static str,
    /// The HTTP status: 200, or 500 for a file that failed.
    pub status: u16,
}

/// `files` as served by build number `build`.
pub(super) fn serve_files(
    files: &[crate::output::OutputFile],
    build: u64,
) -> HashMap<String, Served> {
    files
        .iter()
        .map(|file| (file.path.clone(), served(file, build)))
        .collect()
}

/// One output file as served: HTML with the live-reload client.
pub(super) fn served(file: &crate::output::OutputFile, build: u64) -> Served {
    let content_type = content_type(&file.path);
    let body: Arc<[u8]> = if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&file.bytes);
        let html = if file.path == "404.html" {
            with_root_base(&html)
        } else {
            html.into_owned()
        };
        inject_client(&html, build).into_bytes().into()
    } else {
        file.bytes.clone().into()
    };
    Served {
        body,
        content_type,
        status: 200,
    }
}

/// What the preview sends for a file that failed to render or to pass its
/// check: a page that lists the errors (without the secrets a leak is
/// about) and reloads itself after the next save, with status 500.
pub(super) fn failed(errors: &Diagnostics, build: u64) -> Served {
    let mut items = String::new();
    for diagnostic in errors.sorted().iter().filter(|d| d.is_error()) {
        items.push_str("<li>");
        if let Some(location) = &diagnostic.location {
            items.push_str(&format!("<code>{}</code>: ", escape(&location.to_string())));
        }
        items.push_str(&escape(&diagnostic.shown_headline()));
        if let Some(hint) = &diagnostic.hint {
            items.push_str(&format!("<br>hint: {}", escape(hint)));
        }
        items.push_str("</li>\n");
    }
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dienstweg: this page failed</title></head>\n<body><h1>This page failed</h1><p>Fix the file and save: the page reloads. The terminal shows the same errors.</p>\n<ul>\n{items}</ul></body></html>\n"
    );
    Served {
        body: inject_client(&page, build).into_bytes().into(),
        content_type: "text/html; charset=utf-8",
        status: 500,
    }
}

/// Insert the live-reload client before the last `</body>` (or at the end).
pub fn inject_client(html: &str, build: u64) -> String {
    let tag = format!(
        "<script src=\"{ENDPOINT_PREFIX}live.js\" data-build=\"{build}\" defer></script>\n"
    );
    let at = rfind_ascii_case_insensitive(html, "</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

/// The 404 page is served at any depth, but its links are relative to the
/// site root: a `<base href="/">` makes them work from there.
fn with_root_base(html: &str) -> String {
    match find_ascii_case_insensitive(html, "<head>") {
        Some(at) => {
            let at = at + "<head>".len();
            format!("{}\n<base href=\"/\">{}", &html[..at], &html[at..])
        }
        None => html.to_string(),
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn rfind_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// One error of a failed rebuild, for the browser overlay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    /// `file:line:col`, when known.
    pub location: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// The overlay's whole text: the browser shows exactly this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// Heading.
    pub title: String,
    /// One line under the heading.
    pub summary: String,
    /// The errors, in the order the terminal shows them.
    pub items: Vec<ErrorItem>,
    /// Put before each hint.
    pub hint_label: String,
    /// Label of the button that hides the overlay.
    pub dismiss: String,
}

impl ErrorReport {
    /// The errors of `diagnostics`, with a note on what is being served.
    pub fn new(diagnostics: &Diagnostics, serving_build: u64) -> Self {
        let items: Vec<ErrorItem> = diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| ErrorItem {
                location: d.location.as_ref().map(ToString::to_string),
                message: d.shown_headline(),
                hint: d.hint.clone(),
            })
            .collect();
        let serving = if serving_build == 0 {
            "nothing to show until the site builds".to_string()
        } else {
            "this page shows the last good build".to_string()
        };
        ErrorReport {
            title: "The site did not build".into(),
            summary: format!(
                "{} error(s); {serving}. Fix the file and save: the page reloads.",
                items.len()
            ),
            items,
            hint_label: "hint: ".into(),
            dismiss: "Hide".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_goes_at_the_end_without_a_body_end() {
        assert_eq!(
            inject_client("<p>no body</p>", 1),
            "<p>no body</p><script src=\"/__dienstweg/live.js\" data-build=\"1\" defer></script>\n"
        );
    }
}
