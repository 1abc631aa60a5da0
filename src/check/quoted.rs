//! What the preview's browser is shown of an error about a line that may
//! hold secrets (a contact, an internal note, an internal passage): the
//! message with every value it quotes hidden (the names of keys stay). Such
//! a message can quote what is written there (`` `k.beispiel(at)example.org`
//! is not an e-mail address``, `invalid type: string "Katrin Beispiel"`),
//! and the browser is open to anyone who can reach the preview. The terminal
//! shows it whole.

use crate::error::Diagnostics;
use crate::source::SourceFile;

/// Said after a message whose quoted values are hidden.
const NOTE: &str = "(quoted values are shown in the terminal only: this line may hold contact data or internal text)";

/// `diagnostics`, each that points at a line of `sources` that may hold a
/// secret given a message for beyond the terminal with its quoted values
/// hidden, unless it has one already (a leak's).
pub fn withhold(diagnostics: Diagnostics, sources: &[SourceFile]) -> Diagnostics {
    // Each file's lines are sorted out once, when an error first points there.
    let mut secret: Vec<Option<Vec<bool>>> = vec![None; sources.len()];
    diagnostics.map(|diagnostic| {
        let Some(at) = diagnostic.location.as_ref().filter(|at| at.line > 0) else {
            return diagnostic;
        };
        let Some(index) = sources.iter().position(|source| source.path == at.file) else {
            return diagnostic;
        };
        let lines = secret[index]
            .get_or_insert_with(|| crate::check::leaks::secret_lines(&sources[index].text));
        if diagnostic.redacted.is_none() && lines.get(at.line - 1) == Some(&true) {
            let shown = format!("{} {NOTE}", hide_quoted(&diagnostic.message));
            diagnostic.redacted(shown)
        } else {
            diagnostic
        }
    })
}

/// `message` with what stands between backticks or double quotes replaced
/// by `…`; an unclosed quote hides the rest. Kept are the names serde gives
/// of the schema, not of the content: a key it names as a `field` (also the
/// mistyped one of "unknown field `emial`", if it is written like a key, in
/// lower case without spaces) and what it says it `expected`.
fn hide_quoted(message: &str) -> String {
    let mut shown = String::with_capacity(message.len());
    let mut rest = message;
    let mut expected = false;
    while let Some(open) = rest.find(['`', '"']) {
        let (before, quote) = (&rest[..open], &rest[open..=open]);
        // Only outside quotes: a value may hold the word too.
        expected |= before.contains("expected ");
        shown.push_str(before);
        shown.push_str(quote);
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            shown.push('…');
            return shown;
        };
        let key = &after[..close];
        let key_like = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if expected || (before.ends_with("field ") && key_like) {
            shown.push_str(&after[..close]);
        } else {
            shown.push('…');
        }
        shown.push_str(quote);
        rest = &after[close + 1..];
    }
    shown.push_str(rest);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Diagnostic, Location};

    #[test]
    fn quoted_values_are_hidden_and_the_rest_kept() {
        assert_eq!(
            hide_quoted("`k.beispiel(at)example.org` is not an e-mail address"),
            "`…` is not an e-mail address"
        );
        assert_eq!(
            hide_quoted("partners[0].contacts[0].decision_maker: invalid type: string \"Katrin Beispiel\", expected a boolean"),
            "partners[0].contacts[0].decision_maker: invalid type: string \"…\", expected a boolean"
        );
        assert_eq!(
            hide_quoted("unknown glossary term `Tresor` in `[[…]]` link"),
            "unknown glossary term `…` in `…` link"
        );
        assert_eq!(hide_quoted("no quotes here"), "no quotes here");
        // The names of keys serde gives, typed wrongly or expected, stay.
        assert_eq!(
            hide_quoted(
                "partners[0].contacts[0]: unknown field `emial`, expected one of `name`, `email`"
            ),
            "partners[0].contacts[0]: unknown field `emial`, expected one of `name`, `email`"
        );
        assert_eq!(
            hide_quoted("invalid type: string \"expected by Katrin\", expected a boolean"),
            "invalid type: string \"…\", expected a boolean"
        );
        assert_eq!(
            hide_quoted("unknown field `Katrin Beispiel`, expected `name`"),
            "unknown field `…`, expected `name`"
        );
        assert_eq!(
            hide_quoted("unknown variant `Katrin`, expected `lead` or `involved`"),
            "unknown variant `…`, expected `lead` or `involved`"
        );
        assert_eq!(hide_quoted("open `Katrin Beisp"), "open `…");
        assert_eq!(hide_quoted("`a \"b` c\""), "`…` c\"…");
    }

    const REGION: &str = "name: Teststadt\nnotes_internal: Rückruf dienstags\npartners:\n  - id: aa\n    name: Agentur\n    contacts:\n      - name: Katrin Beispiel\n        email: k.beispiel(at)example.org\n    tasks: |\n      Vermittlung.\n      :::intern\n      Liste im [[Tresor]]\n      :::\n      Öffentlich [[Tresor]].\n";

    fn at(line: usize, message: &str) -> Diagnostic {
        Diagnostic::error(message).at(Location::new("content/regions/t.yaml", line, 3))
    }

    fn shown(diagnostics: Diagnostics) -> Vec<String> {
        diagnostics
            .sorted()
            .iter()
            .map(Diagnostic::shown_headline)
            .collect()
    }

    #[test]
    fn errors_on_a_contact_a_note_or_a_passage_hide_their_values_beyond_the_terminal() {
        let sources = [SourceFile::new("content/regions/t.yaml", REGION)];
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(at(
            8,
            "`k.beispiel(at)example.org` is not an e-mail address",
        ));
        diagnostics.push(at(2, "invalid type: string \"Rückruf\""));
        diagnostics.push(at(12, "unknown glossary term `Tresor`"));
        diagnostics.push(at(14, "unknown glossary term `Tresor` in public text"));
        diagnostics.push(at(4, "unknown partner `aa`"));
        let kept = diagnostics.clone();
        let withheld = withhold(diagnostics, &sources);
        assert_eq!(
            shown(withheld.clone()),
            [
                format!("invalid type: string \"…\" {NOTE}"),
                "unknown partner `aa`".to_string(),
                format!("`…` is not an e-mail address {NOTE}"),
                format!("unknown glossary term `…` {NOTE}"),
                "unknown glossary term `Tresor` in public text".to_string(),
            ]
        );
        // The terminal's text is the same as before.
        let terminal = |d: &Diagnostics| {
            d.sorted()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(terminal(&withheld), terminal(&kept));
    }

    #[test]
    fn a_leaks_own_message_and_other_files_stay_as_they_are() {
        let sources = [SourceFile::new("content/regions/t.yaml", REGION)];
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(at(8, "leak: `Katrin`").redacted("leak: a name"));
        diagnostics.push(Diagnostic::error("`x` in another file").at(Location::new(
            "content/site.yaml",
            8,
            1,
        )));
        diagnostics.push(
            Diagnostic::error("`x` in the whole file").at(Location::file("content/regions/t.yaml")),
        );
        assert_eq!(
            shown(withhold(diagnostics, &sources)),
            [
                "`x` in the whole file",
                "leak: a name",
                "`x` in another file"
            ]
        );
    }
}
