//! The text edits around pagefind: spaces between block elements before a
//! page is indexed, and the translators' e-mail addresses out of the UI script.

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
pub(super) fn separate_blocks(html: &str) -> String {
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
pub(super) fn without_credit_addresses(js: Vec<u8>) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
