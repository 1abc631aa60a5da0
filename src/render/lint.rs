//! Lint a theme's HTML templates for what minijinja accepts but the page it
//! makes gets wrong: a value printed as an attribute without quotes
//! (`<a title={{ x }}>`). Autoescaping makes `"`, `<` and `&` safe, but not a
//! space: a value with one ends the attribute there, and the rest of it
//! becomes attributes of its own (`title=Agentur für Arbeit` gives the
//! attributes `für` and `arbeit`), which the validator and a screen reader
//! then meet.
//!
//! A small scanner, not a parser: it follows the template's text, its tags
//! and their quoted values, and skips what minijinja reads (`{{ }}`, `{% %}`,
//! `{# #}`), comments and the contents of `<script>` and `<style>`.

use crate::error::{Diagnostic, Location};
use std::path::Path;

/// Where the scanner stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between tags.
    Text,
    /// Inside a start or end tag.
    Tag,
    /// Inside an attribute value quoted with this byte.
    Quoted(u8),
}

/// The errors of the template `source` at `path`: one for each value printed
/// into an attribute without quotes.
pub fn unquoted_attributes(path: &Path, source: &str) -> Vec<Diagnostic> {
    // Bytes, not chars: every byte the scanner looks for is ASCII, and no
    // byte of a multi-byte character is.
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut state = State::Text;
    let mut raw_text = false;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(end) = template_syntax_end(bytes, at) {
            at = end;
            continue;
        }
        let rest = &bytes[at..];
        match state {
            State::Text => {
                if rest.starts_with(b"<!--") {
                    at = find(bytes, at, b"-->").map_or(bytes.len(), |end| end + 3);
                    continue;
                }
                if rest[0] == b'<' {
                    let closing = rest.get(1) == Some(&b'/');
                    let name = &rest[1 + usize::from(closing)..];
                    let length = name
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    if length > 0 {
                        state = State::Tag;
                        raw_text = !closing
                            && (name[..length].eq_ignore_ascii_case(b"script")
                                || name[..length].eq_ignore_ascii_case(b"style"));
                    }
                }
            }
            State::Tag => match rest[0] {
                quote @ (b'"' | b'\'') => state = State::Quoted(quote),
                b'>' => {
                    state = State::Text;
                    if raw_text {
                        at = raw_text_end(bytes, at + 1);
                        continue;
                    }
                }
                b'=' => {
                    let spaces = rest[1..]
                        .iter()
                        .take_while(|b| b.is_ascii_whitespace())
                        .count();
                    let value = at + 1 + spaces;
                    if bytes[value..].starts_with(b"{{") {
                        found.push(unquoted(path, source, value));
                    }
                }
                _ => {}
            },
            State::Quoted(quote) => {
                if rest[0] == quote {
                    state = State::Tag;
                }
            }
        }
        at += 1;
    }
    found
}

/// Where `needle` next stands in `bytes` from `from` on.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..], needle).map(|i| from + i)
}

/// The end of the minijinja expression, statement or comment that starts at
/// `at`, if one does.
fn template_syntax_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = &bytes[at..];
    let close: &[u8] = match rest.get(..2)? {
        b"{{" => b"}}",
        b"{%" => b"%}",
        b"{#" => b"#}",
        _ => return None,
    };
    Some(find(bytes, at + 2, close).map_or(bytes.len(), |end| end + 2))
}

/// Where the contents of a `<script>` or `<style>` that start at `from` end:
/// at the next end tag, in any case (`</script>`, `</STYLE>`).
fn raw_text_end(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len())
        .find(|&i| {
            bytes[i..].starts_with(b"</")
                && [&b"script"[..], b"style"].iter().any(|name| {
                    bytes[i + 2..]
                        .get(..name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
        })
        .unwrap_or(bytes.len())
}

fn unquoted(path: &Path, source: &str, value: usize) -> Diagnostic {
    let (line, column) = crate::source::line_column(source, value);
    let expression: String = source[value..]
        .split_inclusive("}}")
        .next()
        .unwrap_or_default()
        .chars()
        .take(60)
        .collect();
    Diagnostic::error(format!(
        "the attribute value `{expression}` is printed without quotes"
    ))
    .at(Location::new(path, line, column))
    .hint("put it in double quotes (`title=\"{{ … }}\"`): a value with a space would end the attribute there, and the rest of it would become attributes of its own")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(source: &str) -> Vec<String> {
        unquoted_attributes(Path::new("themes/default/templates/t.html"), source)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_value_printed_into_an_attribute_without_quotes_is_an_error_where_it_stands() {
        let found =
            lint("<p>\n  <a href=\"/\" title={{ page.title }}>x</a><img alt= {{ a }}>\n</p>");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("error: the attribute value `{{ page.title }}` is printed without quotes\n  --> themes/default/templates/t.html:2:21\n   = hint: put it in double quotes"),
            "{}",
            found[0]
        );
        assert!(
            found[1].contains("`{{ a }}`") && found[1].contains("t.html:2:53"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn quoted_values_text_scripts_styles_and_template_syntax_pass() {
        let sources = [
            "<a title=\"{{ x }}\" class='{{ y }}' data-n=\"a=b\">{{ z }}</a>",
            "<p>a = {{ x }} and x={{ y }}</p>",
            "<script>var data = {{ data | tojson }}; if (a<b) { c={{ d }}; }</script><p>ok</p>",
            "<STYLE>a{b:c}</STYLE><style>p::after { content: \"{{ x }}\" }</style>",
            "<input {% if checked %}checked{% endif %} value=\"{{ v }}\">",
            "<p {% if a > b %}class=\"x\"{% endif %}>{# title={{ x }} #}</p>",
            "<!-- <a title={{ x }}> --><p>ok</p>",
            "{% set x = {\"a\": 1} %}<p title=\"{{ x }}\">",
        ];
        for source in sources {
            assert_eq!(lint(source), Vec::<String>::new(), "{source}");
        }
    }

    #[test]
    fn after_a_script_the_tags_are_read_again() {
        let found = lint("<script>x={{ a }}</script>\n<a title={{ b }}>");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].contains("`{{ b }}`") && found[0].contains(":2:10"),
            "{}",
            found[0]
        );
    }

    proptest::proptest! {
        /// Any text (the shipped base template cut and spliced with markup,
        /// template syntax and multi-byte letters): no panic, and each error
        /// points at a `{{` right after an `=` of the text.
        #[test]
        fn any_text_is_scanned_and_errors_point_at_what_they_name(
            cut in 0usize..4000,
            insert in "[<>=\"' {}%#/a-zä!-]{0,16}",
        ) {
            let base = include_str!("../../themes/default/templates/base.html");
            let at = base.char_indices().nth(cut).map_or(base.len(), |(i, _)| i);
            let source = format!("{}{insert}{}", &base[..at], &base[at..]);
            for found in unquoted_attributes(Path::new("t.html"), &source) {
                let at = found.location.expect("located");
                let line = source.lines().nth(at.line - 1).expect("a line of the text");
                let from: String = line.chars().skip(at.column - 1).collect();
                proptest::prop_assert!(from.starts_with("{{"), "{from}");
                let before: String = line.chars().take(at.column - 1).collect();
                proptest::prop_assert!(before.trim_end().ends_with('='), "{before}");
            }
        }
    }

    #[test]
    fn the_shipped_theme_has_none() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("template");
            assert_eq!(
                unquoted_attributes(&path, &source).len(),
                0,
                "{}",
                path.display()
            );
            checked += 1;
        }
        assert!(checked > 20, "{checked} templates");
    }
}
