//! Random edits of a site's content files, as a hurried or careless editor
//! might make them, for the property tests of the build and the preview.

use proptest::prelude::*;
use std::fs;
use std::path::Path;

/// The fixture's content files that an edit may touch.
pub const FILES: &[&str] = &[
    "content/regions/teststadt.yaml",
    "content/site.yaml",
    "content/guide/konzept.md",
    "content/glossary/duldung.md",
    "content/catalog/institutions.yaml",
    "content/catalog/target-groups.yaml",
];

/// Typed at a random place.
const TYPED: &[&str] = &[
    "\n",
    "\"",
    "'",
    ":",
    "- ",
    "#",
    "\t",
    " ",
    "\u{feff}",
    "ä",
    "😀",
    "{",
    "]",
    "&a",
    "*a",
    "|",
    ">",
    "%",
    "@",
    "\u{ad}",
    "<",
    "`",
    "\\",
    "0",
    "+49 30 1234567",
];

/// Written as a value, or after a line without one.
const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "-1",
    "1e309",
    "2026-02-30",
    "[]",
    "{}",
    "äöü",
    "\"",
    "true",
    "!!binary aGk=",
    "*a",
    "<script>x</script>",
    "|\n  Text",
    "Katrin Beispiel",
    "k.beispiel@example.org",
];

/// Markdown and template text typed at a random place.
const MARKDOWN: &[&str] = &[
    "\n:::intern\nNur intern: Rückruf über 0351 7654321.\n:::\n",
    ":::intern",
    "\n:::\n",
    "\n::: vertraulich\n> Zitat\n:::\n",
    "[[Duldung]]",
    "[[gibt es nicht]]",
    "[x](/gibt-es-nicht/)",
    "<a href=\"/x\">y</a>",
    "\n```rust\nfn x() {}\n```\n",
    "\n```\nnicht geschlossen",
    "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]\n\n[^1]: Fußnote",
    "<!-- Kommentar",
    "{{ site }}",
    "{% raw %}",
    "\n---\n",
];

/// One edit; the numbers pick lines and places (modulo their count).
#[derive(Debug, Clone)]
pub enum Edit {
    DeleteLine(usize),
    DoubleLine(usize),
    SwapLines(usize),
    MoveLine(usize, usize),
    Indent(usize, usize),
    Value(usize, usize),
    Type(usize, usize),
    Markdown(usize, usize),
    DeleteChars(usize, usize),
    Truncate(usize),
}

/// Any one edit.
pub fn edit() -> impl Strategy<Value = Edit> {
    let n = any::<usize>;
    prop_oneof![
        n().prop_map(Edit::DeleteLine),
        n().prop_map(Edit::DoubleLine),
        n().prop_map(Edit::SwapLines),
        (n(), n()).prop_map(|(a, b)| Edit::MoveLine(a, b)),
        (n(), 0..6usize).prop_map(|(a, b)| Edit::Indent(a, b)),
        (n(), 0..VALUES.len()).prop_map(|(a, b)| Edit::Value(a, b)),
        (n(), 0..TYPED.len()).prop_map(|(a, b)| Edit::Type(a, b)),
        (n(), 0..MARKDOWN.len()).prop_map(|(a, b)| Edit::Markdown(a, b)),
        (n(), 1..40usize).prop_map(|(a, b)| Edit::DeleteChars(a, b)),
        n().prop_map(Edit::Truncate),
    ]
}

/// The byte offset of the `seed`-th character boundary of `text` (modulo).
fn boundary(text: &str, seed: usize) -> usize {
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    offsets[seed % offsets.len()]
}

/// `text` after `edit`.
pub fn apply(text: &str, edit: &Edit) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = |seed: usize| seed % lines.len();
    match *edit {
        Edit::DeleteLine(a) if lines.len() > 1 => {
            lines.remove(line(a));
        }
        Edit::DoubleLine(a) => {
            let i = line(a);
            lines.insert(i, lines[i].clone());
        }
        Edit::SwapLines(a) if lines.len() > 1 => {
            let i = a % (lines.len() - 1);
            lines.swap(i, i + 1);
        }
        Edit::MoveLine(a, b) => {
            let moved = lines.remove(line(a));
            let to = b % (lines.len() + 1);
            lines.insert(to, moved);
        }
        Edit::Indent(a, spaces) => {
            let i = line(a);
            lines[i] = format!("{}{}", " ".repeat(spaces), lines[i].trim_start());
        }
        Edit::Value(a, value) => {
            let i = line(a);
            lines[i] = match lines[i].split_once(": ") {
                Some((key, _)) => format!("{key}: {}", VALUES[value]),
                None => format!("{}{}", lines[i], VALUES[value]),
            };
        }
        Edit::Type(at, typed) => {
            let at = boundary(text, at);
            return format!("{}{}{}", &text[..at], TYPED[typed], &text[at..]);
        }
        Edit::Markdown(at, typed) => {
            let at = boundary(text, at);
            return format!("{}{}{}", &text[..at], MARKDOWN[typed], &text[at..]);
        }
        Edit::DeleteChars(at, count) => {
            let from = boundary(text, at);
            let to = text[from..]
                .char_indices()
                .nth(count)
                .map_or(text.len(), |(i, _)| from + i);
            return format!("{}{}", &text[..from], &text[to..]);
        }
        Edit::Truncate(at) => return text[..boundary(text, at)].to_string(),
        _ => {}
    }
    lines.join("\n")
}

/// What no public output of the edited site below `root` may hold: the
/// secrets of its region file and `more`, less what its settings name (the
/// publisher's own address, the allow-list: public by the editor's word).
pub fn secrets(root: &Path, more: &[&str]) -> Vec<String> {
    let read = |file: &str| fs::read_to_string(root.join(file)).unwrap_or_default();
    let settings = read(FILES[1]);
    region_secrets(&read(FILES[0]))
        .into_iter()
        .chain(more.iter().map(|text| text.to_string()))
        .filter(|secret| !settings.contains(secret.as_str()))
        .collect()
}

/// The contact values and internal notes of the edited region file that
/// stand as they did in the fixture (an edited value is another text, which
/// the public output may hold), as a YAML parser reads them.
fn region_secrets(region: &str) -> Vec<String> {
    let originals = [
        "Katrin Beispiel",
        "k.beispiel@example.org",
        "+49 30 23125 101",
        "Interne Rückrufzeiten nur dienstags nachmittags.",
    ];
    let Ok(yaml) = serde_yaml::from_str::<serde_yaml::Value>(region) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut keep = |value: Option<&serde_yaml::Value>| {
        if let Some(text) = value.and_then(serde_yaml::Value::as_str) {
            if originals.contains(&text) {
                found.push(text.to_string());
            }
        }
    };
    keep(yaml.get("notes_internal"));
    let partners = yaml
        .get("partners")
        .and_then(serde_yaml::Value::as_sequence);
    for partner in partners.into_iter().flatten() {
        keep(partner.get("notes_internal"));
        let contacts = partner
            .get("contacts")
            .and_then(serde_yaml::Value::as_sequence);
        for contact in contacts.into_iter().flatten() {
            for key in ["name", "email", "phone"] {
                keep(contact.get(key));
            }
        }
    }
    found
}

/// The messages of `stderr` with no `--> file:line:col` line before the
/// next message.
pub fn unlocated_errors(stderr: &str) -> Vec<&str> {
    let mut unlocated = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with("error") {
            continue;
        }
        let mut located = false;
        while let Some(next) =
            lines.next_if(|l| !l.starts_with("error") && !l.starts_with("warning"))
        {
            located |= next.trim_start().starts_with("--> ");
        }
        if !located {
            unlocated.push(line);
        }
    }
    unlocated
}
