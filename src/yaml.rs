//! The one place that parses YAML: serde_yaml (the maintained fork) behind a
//! function that turns its errors into located diagnostics with a hint.
//!
//! Front matter starts below the opening `---`; the caller passes the line the
//! YAML starts on, so messages point at the file's real line.

use crate::error::Diagnostic;
use crate::source::SourceFile;
use serde::de::DeserializeOwned;

/// Parse `yaml`, which starts on line `first_line` of `file`, into `T`.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(yaml).map_err(|err| diagnose(file, &err, first_line))
}

/// Parse the whole text of a YAML file into `T`.
pub fn parse_file<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    parse(file, &file.text, 1)
}

fn diagnose(file: &SourceFile, err: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let text = err.to_string();
    let message = strip_position(&text);
    let location = match err.location() {
        Some(at) => file.location(at.line() + first_line - 1, at.column()),
        None => file.location(first_line, 1),
    };
    let hint = hint_for(&message);
    let mut diagnostic = Diagnostic::error(message)
        .at(location)
        .kind(crate::error::Kind::Syntax);
    if let Some(hint) = hint {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// serde_yaml writes " at line L column C" into its messages (at the end, or
/// before what it was scanning); the location says that already, and counts
/// lines from the file's start where serde_yaml counts from the front matter's.
fn strip_position(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        let after = &rest[at + " at line ".len()..];
        let line_digits =
            after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let column = after[line_digits..].strip_prefix(" column ");
        let column_digits = column.map_or(0, |c| {
            c.len() - c.trim_start_matches(|c: char| c.is_ascii_digit()).len()
        });
        out.push_str(&rest[..at]);
        match column {
            Some(column) if line_digits > 0 && column_digits > 0 => rest = &column[column_digits..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split("expected one of ")
            .nth(1)
            .or_else(|| rest.split("expected ").nth(1))
            .unwrap_or_default()
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        return Some(match closest(unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("allowed here: {}", expected.join(", ")),
        });
    }
    if message.contains("missing field") {
        return Some("add the field; see the README for the file's format".into());
    }
    if message.contains("unknown variant") {
        return Some("use one of the values listed above".into());
    }
    if message.contains("tab character") {
        return Some("YAML indents with spaces only: replace the tab with spaces".into());
    }
    if message.contains("duplicate field") {
        return Some("each key may appear once per entry: remove or merge the repeated one".into());
    }
    if message.contains("expected u32") || message.contains("expected u64") {
        return Some(
            "write a whole number from 0 up (counts have no sign, no decimals and no digit groups)"
                .into(),
        );
    }
    if message.contains("expected a text that is not empty") {
        return Some(
            "names, titles and ids cannot be empty or null (`~`, `null`): write the text".into(),
        );
    }
    if message.contains("invalid type") {
        return Some("check the value's type (text, number, list, yes/no, date)".into());
    }
    if message.contains("did not find expected") || message.contains("mapping values") {
        return Some("check indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@`".into());
    }
    None
}

/// The closest candidate by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Person {
        name: String,
        email: String,
    }

    #[test]
    fn unknown_field_gets_location_and_suggestion() {
        let file = SourceFile::new("p.md", "---\nname: A\nemial: a\n---\n");
        let split = file.split_front_matter().expect("front matter");
        let err = parse::<Person>(&file, split.front_matter, split.front_matter_line)
            .expect_err("typo must fail");
        assert_eq!(
            err.to_string(),
            "error: unknown field `emial`, expected `name` or `email`\n  --> p.md:3:1\n   = hint: did you mean `email`?"
        );
    }

    #[test]
    fn positions_are_left_to_the_location() {
        assert_eq!(
            strip_position("found a tab character that violates indentation at line 3 column 1, while scanning a plain scalar at line 2 column 7"),
            "found a tab character that violates indentation, while scanning a plain scalar"
        );
        assert_eq!(strip_position("name at line five"), "name at line five");
        let file = SourceFile::new("p.md", "---\nname: A\n\temail: a\n---\n");
        let split = file.split_front_matter().expect("front matter");
        let err = parse::<Person>(&file, split.front_matter, split.front_matter_line)
            .expect_err("a tab must fail")
            .to_string();
        assert!(!err.contains("at line"), "{err}");
        assert!(err.contains("--> p.md:3:"), "{err}");
    }

    #[test]
    fn closest_ignores_far_words() {
        assert_eq!(closest("emial", &["email", "name"]), Some("email"));
        assert_eq!(closest("xyzzy", &["email", "name"]), None);
    }
}
