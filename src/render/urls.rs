//! Links in the output are written site-root-relative (`/glossar/duldung/`)
//! by templates and Markdown; this pass makes them relative to each page and
//! points directory links at their `index.html`, so the output works from any
//! folder, any host, and straight from the file system. The same scan puts a
//! prefix in front of them where a page is read elsewhere (404, feed, data).

/// Attributes that hold a link: `href`, `src` and a form's `action`.
const LINK_ATTRIBUTES: [&str; 3] = ["href", "src", "action"];

/// One pass over `html`: every `="/` preceded by a link attribute (and not
/// starting `//`) is handed to `rewrite` with the path after the `/`.
fn rewrite_root_links(html: &str, mut rewrite: impl FnMut(&mut String, &str)) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    for equals in memchr::memmem::find_iter(html.as_bytes(), b"=\"/") {
        let path_start = equals + 3;
        // A match inside a value rewritten already is passed over.
        if equals < copied {
            continue;
        }
        let attribute = &html[..equals];
        let is_link = LINK_ATTRIBUTES.iter().any(|name| attribute.ends_with(name));
        if !is_link || html[path_start..].starts_with('/') {
            continue;
        }
        out.push_str(&html[copied..equals + 2]);
        let value = &html[path_start..];
        let end = memchr::memchr(b'"', value.as_bytes()).unwrap_or(value.len());
        rewrite(&mut out, &value[..end]);
        copied = path_start + end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Rewrite root-relative links in `html` for a page at `page_path` (an output
/// path such as `glossar/duldung/index.html`).
pub fn relativize(html: &str, page_path: &str) -> String {
    let prefix = "../".repeat(page_path.matches('/').count());
    rewrite_root_links(html, |out, path| push_relative_link(out, path, &prefix))
}

/// Put `prefix` in front of every root-relative link. With the path of
/// `base_url` (`/` or `/netz/`) it serves the 404 page, which a server shows
/// at any URL; with `base_url` itself it makes the absolute links of HTML read
/// outside the site (the feed, the open data).
pub fn rebase(html: &str, prefix: &str) -> String {
    rewrite_root_links(html, |out, path| {
        out.push_str(prefix);
        out.push_str(path);
    })
}

/// The path part of a base URL: `https://a.org/x/` → `/x/`.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(slash) => without_scheme[slash..].to_string(),
        None => "/".to_string(),
    }
}

/// `glossar/duldung/#x` with prefix `../../` → `../../glossar/duldung/index.html#x`.
pub fn relative_link(path: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + path.len() + 10);
    push_relative_link(&mut out, path, prefix);
    out
}

fn push_relative_link(out: &mut String, path: &str, prefix: &str) {
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (target, suffix) = path.split_at(split);
    out.push_str(prefix);
    out.push_str(target);
    if target.is_empty() || target.ends_with('/') {
        out.push_str("index.html");
    }
    out.push_str(suffix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_root_links_for_depth() {
        let html = r#"<a href="/">S</a><a href="/glossar/duldung/#def">D</a><link href="/css/site.css"><img src="/img/a.svg"><a href="//x.org/">X</a><a href="https://a/">A</a><a href="/f?q=1">F</a><form action="/suche/">"#;
        assert_eq!(
            relativize(html, "leitfaden/konzept/index.html"),
            r#"<a href="../../index.html">S</a><a href="../../glossar/duldung/index.html#def">D</a><link href="../../css/site.css"><img src="../../img/a.svg"><a href="//x.org/">X</a><a href="https://a/">A</a><a href="../../f?q=1">F</a><form action="../../suche/index.html">"#
        );
        assert_eq!(
            relativize(r#"<a href="/">S</a>"#, "index.html"),
            r#"<a href="index.html">S</a>"#
        );
    }

    #[test]
    fn rebases_for_the_404_page() {
        assert_eq!(base_path("https://a.org/netz/"), "/netz/");
        assert_eq!(base_path("https://a.org"), "/");
        assert_eq!(
            rebase(
                r#"<a href="/glossar/">G</a><link href="/css/a.css">"#,
                "/netz/"
            ),
            r#"<a href="/netz/glossar/">G</a><link href="/netz/css/a.css">"#
        );
    }

    #[test]
    fn rebase_makes_absolute_links() {
        assert_eq!(
            rebase(
                r#"<a href="/glossar/duldung/">D</a> <a href="//x.org/">X</a> <img src="/a.svg">"#,
                "https://example.org/sub/"
            ),
            r#"<a href="https://example.org/sub/glossar/duldung/">D</a> <a href="//x.org/">X</a> <img src="https://example.org/sub/a.svg">"#
        );
    }
}
