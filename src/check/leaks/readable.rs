//! One readable form per output file, made in a single pass: for markup
//! (HTML, XML, SVG) the text content with tags removed (block tags become a
//! space, inline ones nothing, so `Kat<b>rin</b>` reads `Katrin`), then every
//! attribute value and comment on a line of its own; script and style bodies
//! stay text. Tags are split off before entities are decoded, as a browser
//! does, so `&lt;name@example.org&gt;` is text, not a tag. Other files are
//! decoded whole, and once more without anything tag-like in them.

use super::text::{decode, is_block, strip_tags};

/// File endings parsed as markup.
const MARKUP: &[&str] = &[".html", ".htm", ".xhtml", ".xml", ".svg", ".rss", ".atom"];

/// The readable form of the file at output path `path`.
pub fn readable(path: &str, raw: &str) -> String {
    let lower = path.to_ascii_lowercase();
    if MARKUP.iter().any(|ending| lower.ends_with(ending)) {
        let (text, extra) = split_markup(raw);
        let mut out = decode(&text);
        out.push('\n');
        out.push_str(&decode(&extra));
        return out;
    }
    let decoded = decode(raw);
    if !decoded.contains('<') {
        return decoded;
    }
    let stripped = strip_tags(&decoded);
    let mut out = decoded;
    out.push('\n');
    out.push_str(&stripped);
    out
}

/// (text content, attribute values and comments) of markup.
fn split_markup(raw: &str) -> (String, String) {
    let bytes = raw.as_bytes();
    let mut text = String::with_capacity(raw.len());
    let mut extra = String::new();
    let mut last = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        if raw[start..].starts_with("<!--") {
            text.push_str(&raw[last..start]);
            let end = raw[start + 4..]
                .find("-->")
                .map_or(raw.len(), |e| start + 4 + e);
            extra.push_str(&raw[start + 4..end]);
            extra.push('\n');
            i = (end + 3).min(raw.len());
            last = i;
            continue;
        }
        let opens_tag = bytes
            .get(start + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if !opens_tag {
            i = start + 1;
            continue;
        }
        let Some(end) = tag_end(bytes, start) else {
            break;
        };
        text.push_str(&raw[last..start]);
        let tag = &raw[start + 1..end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches(['/', '!', '?'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if is_block(&name) {
            text.push(' ');
        }
        attribute_values(tag, &mut extra);
        i = end + 1;
        last = i;
        if !closing && matches!(name.as_str(), "script" | "style") {
            let body_end = closing_tag(raw, i, &name).unwrap_or(raw.len());
            text.push_str(&raw[i..body_end]);
            text.push(' ');
            i = body_end;
            last = i;
        }
    }
    text.push_str(&raw[last..]);
    (text, extra)
}

/// The index of the `>` that ends the tag opened at `start` (quotes respected).
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (offset, &b) in bytes[start + 1..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(start + 1 + offset),
            (None, _) => {}
        }
    }
    None
}

/// Where `</name` starts at or after `from` (any case).
fn closing_tag(raw: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let mut i = from;
    while let Some(offset) = bytes[i..].windows(2).position(|w| w == b"</") {
        let at = i + offset;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// Append each attribute value of a tag's inside (after its name) to `out`,
/// one per line.
fn attribute_values(tag: &str, out: &mut String) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            i += 1;
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&first) = bytes.get(i) else { break };
        let (start, end) = if first == b'"' || first == b'\'' {
            let close = bytes[i + 1..]
                .iter()
                .position(|&b| b == first)
                .map_or(bytes.len(), |p| i + 1 + p);
            (i + 1, close)
        } else {
            let close = bytes[i..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .map_or(bytes.len(), |p| i + p);
            (i, close)
        };
        out.push_str(&tag[start..end]);
        out.push('\n');
        i = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_text_then_attributes_and_comments() {
        let html = "<p title=\"Katrin Beispiel\">Kat<b>rin</b> &lt;k.b&#64;x.org&gt;</p><!-- Raum 2.14 --><a href='mailto:a%40b.de' data-x=y>x</a><script>if (a<b) { n = \"Kat\" + \"rin\"; }</script>";
        let form = readable("a/index.html", html);
        let (text, rest) = form.split_once('\n').expect("two parts");
        assert_eq!(
            text,
            " Katrin <k.b@x.org> x if (a<b) { n = \"Kat\" + \"rin\"; }  "
        );
        assert_eq!(rest, "Katrin Beispiel\n Raum 2.14 \nmailto:a@b.de\ny\n");
    }

    #[test]
    fn other_files_are_decoded_and_stripped() {
        assert_eq!(
            readable(
                "data.json",
                "{\"a\":\"k.b\\u0040x.org\",\"h\":\"Kat<b>rin</b>\"}"
            ),
            "{\"a\":\"k.b@x.org\",\"h\":\"Kat<b>rin</b>\"}\n{\"a\":\"k.b@x.org\",\"h\":\"Katrin\"}"
        );
        assert_eq!(readable("a.css", "b{color:red}"), "b{color:red}");
    }
}
