//! Reading raw HTML where a parser would be too much: the small pieces that
//! the leak scan (splitting markup into text and attribute values) and the
//! search (cutting ignored elements) share.

/// The index of the `>` that ends the tag opened at `start`, quoted
/// attribute values passed over (`title="a > b"`); `None` if it never ends.
pub(crate) fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += memchr::memchr3(b'>', b'"', b'\'', &bytes[i..])?;
        if bytes[i] == b'>' {
            return Some(i);
        }
        // Inside quotes up to the same quote.
        i += 1 + memchr::memchr(bytes[i], &bytes[i + 1..])? + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_ends_at_its_first_unquoted_bracket() {
        let html = br#"x<a title="a > b" data-x='>'>y</a>"#;
        assert_eq!(tag_end(html, 1), Some(28));
        assert_eq!(tag_end(b"<a title=\"open>", 0), None);
        assert_eq!(tag_end(b"<a", 0), None);
    }
}
