//! Links in the output are written site-root-relative (`/glossar/duldung/`)
//! by templates and Markdown; this pass makes them relative to each page and
//! points directory links at their `index.html`, so the output works from any
//! folder, any host, and straight from the file system.

/// Rewrite `href="/…"` and `src="/…"` in `html` for a page at `page_path`
/// (an output path such as `glossar/duldung/index.html`). One pass over the
/// page: every `="/` is a candidate, kept when `href` or `src` precedes it.
pub fn relativize(html: &str, page_path: &str) -> String {
    let prefix = "../".repeat(page_path.matches('/').count());
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = html[search..].find("=\"/") {
        let equals = search + found;
        let slash = equals + 2;
        search = slash + 1;
        let attribute = &html[..equals];
        let is_link = attribute.ends_with("href") || attribute.ends_with("src");
        if !is_link || html[search..].starts_with('/') {
            continue;
        }
        out.push_str(&html[copied..slash]);
        let value = &html[search..];
        let end = value.find('"').unwrap_or(value.len());
        push_relative_link(&mut out, &value[..end], &prefix);
        copied = search + end;
        search = copied;
    }
    out.push_str(&html[copied..]);
    out
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
        let html = r#"<a href="/">S</a><a href="/glossar/duldung/#def">D</a><link href="/css/site.css"><img src="/img/a.svg"><a href="//x.org/">X</a><a href="https://a/">A</a><a href="/f?q=1">F</a>"#;
        assert_eq!(
            relativize(html, "leitfaden/konzept/index.html"),
            r#"<a href="../../index.html">S</a><a href="../../glossar/duldung/index.html#def">D</a><link href="../../css/site.css"><img src="../../img/a.svg"><a href="//x.org/">X</a><a href="https://a/">A</a><a href="../../f?q=1">F</a>"#
        );
        assert_eq!(
            relativize(r#"<a href="/">S</a>"#, "index.html"),
            r#"<a href="index.html">S</a>"#
        );
    }
}
