//! Elements marked `data-pagefind-ignore` left out of a page before pagefind
//! reads it. pagefind indexes nothing inside them, yet parses every tag in
//! them, and they are the bulk of the largest pages (every cell of a
//! responsibility matrix): at 400 regions, reading them took a fifth of the
//! index's time.
//!
//! An element is left out only where that cannot change the index: its start
//! tag is found whole, its end tag by counting the elements of its name
//! inside it, and nothing in it is anything pagefind reads from an ignored
//! element or anything this cut could misread — no other `data-pagefind-`
//! attribute (meta, filters, sort keys), no `<h1>` (a default title), no
//! `<img>` (a default image), no comment, script, style or CDATA. Any doubt
//! keeps the element. Tests check that the index of the shipped site is byte
//! for byte the same with and without the cut.

use crate::markup::tag_end;
use memchr::memmem;

const IGNORE: &str = "data-pagefind-ignore";

/// Elements without content or end tag: nothing to cut.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// What an ignored element must not hold for the cut to leave the index
/// unchanged (compared in lower case).
const KEEPS: &[&str] = &["<h1", "<img", "<!--", "<script", "<style", "<![cdata["];

/// `html` without the elements marked `data-pagefind-ignore` that can go.
pub(super) fn without_ignored(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut from = 0;
    let finder = memmem::Finder::new(IGNORE);
    while let Some(found) = finder.find(&bytes[from..]) {
        let at = from + found;
        from = at + IGNORE.len();
        if let Some((start, end)) = element(html, at).filter(|&(start, _)| start >= copied) {
            out.push_str(&html[copied..start]);
            copied = end;
            from = end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// The byte range of the element whose start tag holds the `IGNORE`
/// attribute found at `at`, if it can go.
fn element(html: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = html.as_bytes();
    // An attribute of a start tag: after a space, inside `<name …>`.
    let before = *bytes.get(at.checked_sub(1)?)?;
    let after = bytes.get(at + IGNORE.len()).copied();
    if !before.is_ascii_whitespace()
        || !matches!(
            after,
            Some(b'>' | b'=' | b'/') | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
    {
        return None;
    }
    let start = memchr::memrchr(b'<', &bytes[..at])?;
    let name_len = bytes[start + 1..at]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())?;
    let name = html[start + 1..start + 1 + name_len].to_ascii_lowercase();
    if name.is_empty() || VOID.contains(&name.as_str()) {
        return None;
    }
    let open_end = tag_end(bytes, start)? + 1;
    let open_tag = &bytes[start..open_end];
    // Not in this tag after all, or inside one of its quoted values.
    if at >= open_end || inside_quotes(&bytes[start..at]) {
        return None;
    }
    // Attribute names are case-insensitive: `DATA-PAGEFIND-FILTER` counts.
    let open_tag = open_tag.to_ascii_lowercase();
    if bytes[open_end - 2] == b'/' || count(&open_tag, b"data-pagefind-") != 1 {
        return None;
    }
    let (inner_end, end) = matching_end(bytes, open_end, name.as_bytes())?;
    let inner = html[open_end..inner_end].to_ascii_lowercase();
    let pagefind_attributes = count(inner.as_bytes(), b"data-pagefind-");
    let nested_ignores = count(inner.as_bytes(), IGNORE.as_bytes());
    if pagefind_attributes != nested_ignores || KEEPS.iter().any(|k| inner.contains(k)) {
        return None;
    }
    Some((start, end))
}

/// Where the end tag `</name>` that closes an element opened before `from`
/// starts and ends, elements of the same name inside counted.
fn matching_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut depth = 1usize;
    let mut i = from;
    loop {
        let lt = i + memchr::memchr(b'<', &bytes[i..])?;
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        let same = bytes
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && !bytes
                .get(name_at + name.len())
                .is_some_and(u8::is_ascii_alphanumeric);
        if same {
            let end = tag_end(bytes, lt)? + 1;
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some((lt, end));
                }
            } else if bytes[end - 2] != b'/' {
                depth += 1;
            }
            i = end;
        } else {
            i = lt + 1;
        }
    }
}

/// Whether a tag read up to here is inside a quoted attribute value.
fn inside_quotes(tag: &[u8]) -> bool {
    let mut quote = None;
    for &byte in tag {
        match quote {
            Some(open) if byte == open => quote = None,
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            _ => {}
        }
    }
    quote.is_some()
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    memmem::find_iter(haystack, needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_elements_go_with_what_they_hold() {
        let html = r#"<main><p>Text</p><td class="cell" data-pagefind-ignore><span>federführend</span></td><div data-pagefind-ignore="all"><div>x</div><div data-pagefind-ignore>y</div></div><p>Ende</p></main>"#;
        assert_eq!(without_ignored(html), "<main><p>Text</p><p>Ende</p></main>");
        let quoted = r#"<a><abbr title="a > b" data-pagefind-ignore>ab</abbr>!</a>"#;
        assert_eq!(without_ignored(quoted), "<a>!</a>");
        assert_eq!(
            without_ignored("<DT data-pagefind-ignore>x</dt> <dd>y</dd>"),
            " <dd>y</dd>"
        );
    }

    #[test]
    fn any_doubt_keeps_the_element() {
        for kept in [
            r#"<div data-pagefind-ignore><h1>Titel</h1></div>"#,
            r#"<div data-pagefind-ignore><span data-pagefind-meta="x">m</span></div>"#,
            r#"<div data-pagefind-ignore data-pagefind-filter="f">m</div>"#,
            r#"<div data-pagefind-ignore DATA-PAGEFIND-FILTER="f">m</div>"#,
            r#"<div data-pagefind-ignore><span Data-Pagefind-Meta="x">m</span></div>"#,
            r#"<div data-pagefind-ignore><img src="a.png" alt=""></div>"#,
            r#"<div data-pagefind-ignore><!-- </div> --></div>"#,
            r#"<div data-pagefind-ignore><script>a</script></div>"#,
            r#"<div data-pagefind-ignore>never closed"#,
            r#"<br data-pagefind-ignore>"#,
            r#"<span data-pagefind-ignore/>x"#,
            r#"<p>data-pagefind-ignore is an attribute</p>"#,
            r#"<p title="x data-pagefind-ignore">t</p>"#,
        ] {
            assert_eq!(without_ignored(kept), kept, "{kept}");
        }
    }
}
