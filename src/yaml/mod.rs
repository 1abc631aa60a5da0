//! The one place that parses YAML: serde_yaml (the maintained fork) behind a
//! function that turns its errors into located diagnostics with a hint.
//!
//! Front matter starts below the opening `---`; the caller passes the line the
//! YAML starts on, so messages point at the file's real line. serde stops at
//! the first error; in a file that is well-formed YAML, the errors after it
//! are found by mending the text and parsing again ([`recover`]).

mod messages;
mod recover;

use crate::error::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use recover::{At, Text};
use serde::de::DeserializeOwned;

/// Parse `yaml`, which starts on line `first_line` of `file`, into `T`; on
/// failure, every error found (see [`recover`]).
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostics> {
    // A byte order mark (as some editors write) is no part of the YAML.
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let first = match serde_yaml::from_str(yaml) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut diagnostics = Diagnostics::new();
    let mut text = Text::new(yaml);
    // serde_yaml reads as it deserializes, so a syntax error further down
    // comes after the type errors above it, which may only follow from it
    // (a key indented wrongly is missing from its entry): it is reported
    // alone.
    if let Err(syntax) = serde_yaml::from_str::<serde::de::IgnoredAny>(yaml) {
        let message = strip_position(&syntax.to_string());
        let at = position(&syntax).and_then(|at| text.in_file(at, &message));
        diagnostics.push(diagnose(file, message, at, first_line));
        return Err(diagnostics);
    }
    let mut next = Some(first);
    let mut seen = Vec::new();
    while let Some(err) = next.take() {
        let message = strip_position(&err.to_string());
        let Some(at) = position(&err) else {
            diagnostics.push(diagnose(file, message, None, first_line));
            break;
        };
        let at = text.refine(at, &message);
        if seen.contains(&(at, message.clone())) {
            break;
        }
        seen.push((at, message.clone()));
        // Errors on a line a mend added are the mend's own, not the file's.
        if let Some(in_file) = text.in_file(at, &message) {
            diagnostics.push(diagnose(file, message.clone(), Some(in_file), first_line));
        }
        // A mend that left a syntax error is given up: that error would be
        // the mend's.
        if seen.len() < recover::MOST && text.mend(at, &message) {
            let mended = text.joined();
            if serde_yaml::from_str::<serde::de::IgnoredAny>(&mended).is_ok() {
                next = serde_yaml::from_str::<T>(&mended).err();
            }
        }
    }
    Err(diagnostics)
}

/// Parse the whole text of a YAML file into `T`.
pub fn parse_file<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostics> {
    parse(file, &file.text, 1)
}

/// Where serde_yaml places `err`.
fn position(err: &serde_yaml::Error) -> Option<At> {
    err.location().map(|at| At {
        line: at.line(),
        column: at.column(),
    })
}

fn diagnose(file: &SourceFile, message: String, at: Option<At>, first_line: usize) -> Diagnostic {
    let location = match at {
        Some(at) => file.location(at.line + first_line - 1, at.column),
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
    if let Some(unknown) = messages::quoted_after(message, "unknown field `") {
        let expected = messages::expected(message);
        return Some(match closest(unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("allowed here: {}", expected.join(", ")),
        });
    }
    if message.contains("missing field") {
        return Some("add the field; see the README for the file's format".into());
    }
    if let Some(unknown) = messages::quoted_after(message, "unknown variant `") {
        return Some(match closest(unknown, &messages::expected(message)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use one of the values listed above".into(),
        });
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
            "error: unknown field `emial`, expected `name` or `email`\n  --> p.md:3:1\n   = hint: did you mean `email`?\n\n1 error(s), 0 warning(s)"
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Team {
        name: String,
        size: u32,
        people: Vec<Person>,
    }

    fn errors(yaml: &str) -> Vec<String> {
        let file = SourceFile::new("t.yaml", yaml);
        parse_file::<Team>(&file)
            .expect_err("must fail")
            .sorted()
            .iter()
            .map(|d| {
                let at = d.location.as_ref().map(|l| (l.line, l.column));
                format!("{at:?} {}", d.message)
            })
            .collect()
    }

    #[test]
    fn every_error_of_a_well_formed_file_is_reported() {
        let yaml = "name: T\nsize: viele\npeople:\n  - nmae: A\n    email: a\n  - name: B\n  - name: C\n    email: [c]\n    name: D\n  - name: E\n    email: e\n    phone: 1\n";
        assert_eq!(
            errors(yaml),
            [
                "Some((2, 7)) size: invalid type: string \"viele\", expected u32",
                "Some((4, 5)) people[0]: unknown field `nmae`, expected `name` or `email`",
                "Some((6, 5)) people[1]: missing field `email`",
                "Some((8, 12)) people[2].email: invalid type: sequence, expected a string",
                "Some((9, 5)) people[2]: duplicate field `name`",
                "Some((12, 5)) people[3]: unknown field `phone`, expected `name` or `email`",
            ]
        );
    }

    #[test]
    fn a_key_taken_out_leaves_the_missing_ones_at_their_entry() {
        // `mail_address` is no typo of `email`: taken out, `email` is
        // missing. `zzz` was its entry's first key: the entry is still shown
        // where it starts.
        let found = errors("name: T\nsize: 1\npeople:\n  - name: A\n    mail_address: a\n  - zzz: B\n    email: b\n  - name: C\n");
        assert_eq!(
            found,
            [
                "Some((4, 5)) people[0]: missing field `email`",
                "Some((5, 5)) people[0]: unknown field `mail_address`, expected `name` or `email`",
                "Some((6, 5)) people[1]: missing field `name`",
                "Some((6, 5)) people[1]: unknown field `zzz`, expected `name` or `email`",
                "Some((8, 5)) people[2]: missing field `email`",
            ]
        );
    }

    #[test]
    fn mends_invent_no_errors() {
        for (yaml, expected) in [
            // A repeat written with a tab or in quotes is found as such.
            (
                "name: T\nsize: 1\nsize:\t2\npeople: []\n",
                &["Some((3, 1)) duplicate field `size`"][..],
            ),
            (
                "name: T\n\"size\": 1\nsize: 2\npeople: []\n",
                &["Some((3, 1)) duplicate field `size`"],
            ),
            // No rename to a key that is there, however it is written.
            (
                "\"name\": T\nnmae: U\nsize: 1\npeople: []\n",
                &["Some((2, 1)) unknown field `nmae`, expected one of `name`, `size`, `people`"],
            ),
            // A sequence at its key's column goes with the key.
            (
                "name: T\nsize: 1\npeople:\n- name: A\n  email: a\nextra:\n- x\n- y\n",
                &["Some((6, 1)) unknown field `extra`, expected one of `name`, `size`, `people`"],
            ),
            // Nothing inside `{…}` is mended.
            (
                "name: T\nsize: 1\npeople:\n  - {name: A, nmae: B, email: c}\n",
                &["Some((4, 15)) people[0]: unknown field `nmae`, expected `name` or `email`"],
            ),
            // Errors after a first key taken out stay where they are.
            ("name: T\nsize: 1\npeople:\n  - zzz: 1\n    ext: 2\n    name: A\n    email: a\n", &[
                "Some((4, 5)) people[0]: unknown field `zzz`, expected `name` or `email`",
                "Some((5, 5)) people[0]: unknown field `ext`, expected `name` or `email`",
            ]),
            // A quoted value over lines hides no key and is none.
            ("name: T\nsize: 1\npeople:\n  - name: \"P\n  Q\"\n    email: a\n    nmae: x\n", &["Some((7, 5)) people[0]: unknown field `nmae`, expected `name` or `email`"]),
            ("name: \"Text\nname: kein\"\nsize: 1\npeople: []\nname: Zwei\n", &["Some((5, 1)) duplicate field `name`"]),
            // Nor does a block text's quote, which is text.
            ("name: T\nsize: 1\npeople:\n  - name: A\n    email: >-\n      \"offen\n    name: C\n", &["Some((7, 5)) people[0]: duplicate field `name`"]),
            // An entry's only key is not taken out.
            (
                "name: T\nsize: 1\npeople:\n  - telefon: 1\n  - zzz: 2\n",
                &["Some((4, 5)) people[0]: unknown field `telefon`, expected `name` or `email`"],
            ),
        ] {
            assert_eq!(errors(yaml), expected, "{yaml}");
        }
    }

    #[test]
    fn lines_are_the_files_and_a_byte_order_mark_is_no_yaml() {
        // YAML breaks lines at U+2028 too; the file does not.
        let found = errors("name: \"a\u{2028}b\"\nsize: viele\npeople: []\n");
        assert_eq!(
            found,
            ["Some((2, 7)) size: invalid type: string \"viele\", expected u32"]
        );
        let found = errors(
            "name: a\u{2028}  b\nsize: 1\npeople:\n  - nmae: A\n    email: a\n  - name: B\n",
        );
        assert_eq!(
            found,
            [
                "Some((4, 5)) people[0]: unknown field `nmae`, expected `name` or `email`",
                "Some((6, 5)) people[1]: missing field `email`",
            ]
        );
        let file = SourceFile::new("t.yaml", "\u{feff}name: T\nsize: 1\npeople: []\n");
        assert!(parse_file::<Team>(&file).is_ok());
    }

    #[test]
    fn an_empty_value_is_mended() {
        let found = errors("name: T\nsize:\npeople:\n  - name: A\n    nmae: B\n    email: c\n");
        assert_eq!(
            found,
            [
                "Some((2, 6)) size: invalid type: unit value, expected u32",
                "Some((5, 5)) people[0]: unknown field `nmae`, expected `name` or `email`",
            ]
        );
    }

    const TEAM: &str = "name: T\nsize: 3\npeople:\n  - name: A\n    email: a\n  - name: B\n    email: >-\n      b\n";

    proptest::proptest! {
        /// Any edit of any line: serde's first error is reported (a syntax
        /// error alone), every error
        /// is on a line of the file (or just past its end), and none is
        /// reported twice.
        #[test]
        fn every_edit_gives_errors_on_its_own_lines(
            edits in proptest::collection::vec((0usize..8, 0usize..40, "[a-z :\\[\\]{}\"'#&*!>|~ä-]{0,12}"), 1..4)
        ) {
            let mut lines: Vec<String> = TEAM.lines().map(str::to_string).collect();
            for (line, at, insert) in &edits {
                let text = &mut lines[*line];
                let at = text.char_indices().nth(*at).map_or(text.len(), |(i, _)| i);
                text.insert_str(at, insert);
            }
            let yaml = lines.join("\n");
            let file = SourceFile::new("t.yaml", yaml.as_str());
            let Err(found) = parse_file::<Team>(&file) else {
                return Ok(());
            };
            let found = found.sorted();
            let first = match serde_yaml::from_str::<serde::de::IgnoredAny>(&yaml) {
                Err(syntax) => {
                    proptest::prop_assert_eq!(found.len(), 1);
                    syntax
                }
                Ok(_) => serde_yaml::from_str::<Team>(&yaml).expect_err("fails too"),
            };
            let message = strip_position(&first.to_string());
            proptest::prop_assert!(found.iter().any(|d| d.message == message), "{found:?}");
            let mut seen = std::collections::BTreeSet::new();
            for diagnostic in &found {
                let at = diagnostic.location.as_ref().map(|l| (l.line, l.column));
                proptest::prop_assert!(at.is_some_and(|(line, _)| line <= lines.len() + 1), "{yaml}\n{found:?}");
                proptest::prop_assert!(seen.insert((at, diagnostic.message.clone())), "{found:?}");
            }
        }
    }

    #[test]
    fn a_syntax_error_is_reported_alone() {
        let found = errors("name: T\nsize: 1\npeople:\n  - name: A\n   email: a\n  - nmae: B\n");
        assert_eq!(found.len(), 1, "{found:?}");
        // Even below a type error: what is above it may only follow from it.
        let found = errors("name: T\nsize: viele\npeople:\n  - nmae: A\n   email: a\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Some((5, "), "{found:?}");
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

    #[test]
    fn an_unknown_value_gets_the_closest_allowed_one() {
        let message = "unknown variant `Thüringen`, expected one of `sachsen`, `thueringen`";
        assert_eq!(
            hint_for(message).as_deref(),
            Some("did you mean `thueringen`?")
        );
        let message = "unknown variant `grossstadt`, expected one of `landkreis`";
        assert_eq!(
            hint_for(message).as_deref(),
            Some("use one of the values listed above")
        );
    }
}
