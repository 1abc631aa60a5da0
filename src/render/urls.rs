//! Links in the output are written site-root-relative (`/glossar/duldung/`)
//! by templates and Markdown; this pass makes them relative to each page and
//! points directory links at their `index.html`, so the output works from any
//! folder, any host, and straight from the file system.

/// Rewrite `href="/…"` and `src="/…"` in `html` for a page at `page_path`
/// (an output path such as `glossar/duldung/index.html`).
pub fn relativize(html: &str, page_path: &str) -> String {
    let prefix = "../".repeat(page_path.matches('/').count());
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(found) = next_link(rest) {
        let (attribute_end, value_start) = found;
        out.push_str(&rest[..attribute_end]);
        let value = &rest[value_start..];
        let end = value.find('"').unwrap_or(value.len());
        out.push_str(&relative_link(&value[..end], &prefix));
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// Put `prefix` in front of every root-relative link (`href="/…"`,
/// `src="/…"`). With the path of `base_url` (`/` or `/netz/`) it serves the 404
/// page, which a server shows at any URL; with `base_url` itself it makes the
/// absolute links of HTML read outside the site (the feed, the open data).
pub fn rebase(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some((attribute_end, value_start)) = next_link(rest) {
        out.push_str(&rest[..attribute_end]);
        out.push_str(prefix);
        rest = &rest[value_start..];
    }
    out.push_str(rest);
    out
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

/// Attributes that hold a link: `href`, `src` and a form's `action`.
const LINK_ATTRIBUTES: [&str; 3] = ["href=\"/", "src=\"/", "action=\"/"];

/// Position just after `href="` / `src="` / `action="` of the next
/// root-relative link and the start of the path without its leading `/`.
fn next_link(html: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    loop {
        let rest = &html[offset..];
        let (position, length) = LINK_ATTRIBUTES
            .iter()
            .filter_map(|attribute| rest.find(attribute).map(|p| (p, attribute.len() - 1)))
            .min()?;
        let start = offset + position + length;
        if html[start + 1..].starts_with('/') {
            offset = start + 1;
            continue;
        }
        return Some((start, start + 1));
    }
}

/// `glossar/duldung/#x` with prefix `../../` → `../../glossar/duldung/index.html#x`.
pub fn relative_link(path: &str, prefix: &str) -> String {
    let split = path.find(['#', '?']).unwrap_or(path.len());
    let (target, suffix) = path.split_at(split);
    if target.is_empty() || target.ends_with('/') {
        format!("{prefix}{target}index.html{suffix}")
    } else {
        format!("{prefix}{target}{suffix}")
    }
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
