//! Say where a leaked value was written: search the content files line by
//! line, in the same forms as the output, skipping the lines that are allowed
//! to hold it (`contacts:` and `notes_internal:` blocks, `:::intern` passages).
//! Runs only when the scan found something, so it may be slow.

use super::text::{ascii_digits, decode, digit_runs, fold, strip_tags};
use crate::error::Location;
use crate::markdown::internal_lines;
use crate::source::SourceFile;
use std::path::Path;

/// What to look for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wanted {
    /// A folded text.
    Text(String),
    /// Digits inside a phone-like run.
    Digits(String),
}

/// The searchable forms of one line (or of a whole file, for values split
/// over lines): folded texts and digit runs.
struct Forms {
    texts: [String; 3],
    digits: [String; 2],
}

impl Forms {
    fn of(text: &str) -> Forms {
        let decoded = decode(text);
        let plain = strip_tags(&decoded);
        let unmarked: String = plain
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`' | '~' | '[' | ']'))
            .collect();
        Forms {
            texts: [fold(&decoded), fold(&plain), fold(&unmarked)],
            // Digits as the scan reads them: other forms of digits too.
            digits: [&decoded, &plain]
                .map(|text| digit_runs(&ascii_digits(text).unwrap_or_else(|| text.to_string()))),
        }
    }

    fn hold(&self, wanted: &Wanted) -> bool {
        match wanted {
            Wanted::Text(needle) => self.texts.iter().any(|t| t.contains(needle.as_str())),
            Wanted::Digits(digits) => self.digits.iter().any(|d| d.contains(digits.as_str())),
        }
    }
}

/// Where a line stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Public,
    /// In a `:::intern` passage, as the text's lines read.
    Passage,
    /// In a `contacts:` or `notes_internal:` block.
    Block,
}

struct IndexedFile {
    path: std::path::PathBuf,
    /// (line number, forms, where the line stands).
    lines: Vec<(usize, Forms, Place)>,
    /// Forms of the public lines joined.
    public: Forms,
}

/// The content files in searchable form, made once per failed scan.
pub struct ContentIndex {
    files: Vec<IndexedFile>,
}

impl ContentIndex {
    /// Index `sources` line by line.
    pub fn new(sources: &[SourceFile]) -> ContentIndex {
        let files = sources
            .iter()
            .map(|source| {
                let places = places(&source.text);
                let mut public = String::new();
                let mut lines = Vec::new();
                for (index, line) in source.text.lines().enumerate() {
                    let place = places.get(index).copied().unwrap_or(Place::Public);
                    if place == Place::Public {
                        public.push_str(line);
                        public.push('\n');
                    }
                    if !line.trim().is_empty() {
                        lines.push((index + 1, Forms::of(line), place));
                    }
                }
                IndexedFile {
                    path: source.path.clone(),
                    lines,
                    public: Forms::of(&public),
                }
            })
            .collect();
        ContentIndex { files }
    }

    /// The places where `wanted` is written outside an internal block: lines
    /// where possible, else whole files (a value split over lines).
    pub fn locate(&self, wanted: &Wanted) -> Vec<Location> {
        let mut found = Vec::new();
        for file in &self.files {
            let before = found.len();
            for (line, forms, place) in &file.lines {
                if *place == Place::Public && forms.hold(wanted) {
                    found.push(Location::new(file.path.clone(), *line, 0));
                }
            }
            if found.len() == before && file.public.hold(wanted) {
                found.push(Location::file(file.path.clone()));
            }
        }
        found
    }

    /// Where an e-mail address or phone number the scan read but no content
    /// line holds was written: the lines that hold the longest form of it cut
    /// short at its end, else at its start. The text of a neighbouring
    /// inline element joins what an element ends with (`<span>a@b.org</span>
    /// <span>Gestattete</span>` reads `a@b.orggestattete`), as it must for
    /// a name split by markup.
    pub fn locate_cut(&self, wanted: &Wanted) -> Vec<Location> {
        let cut: Vec<Wanted> = match wanted {
            Wanted::Text(text) => {
                let Some(at) = text.find('@') else {
                    return Vec::new();
                };
                // Ends after the `@` that keep a dot in the domain, longest first.
                (text.char_indices().rev())
                    .map(|(end, _)| end)
                    .filter(|&end| end > at && text[at..end].contains('.'))
                    .map(|end| Wanted::Text(text[..end].to_string()))
                    .chain(
                        text[..at]
                            .char_indices()
                            .skip(1)
                            .map(|(start, _)| Wanted::Text(text[start..].to_string())),
                    )
                    .collect()
            }
            Wanted::Digits(digits) => {
                let shortest = 6.min(digits.len());
                (shortest..digits.len())
                    .rev()
                    .map(|end| Wanted::Digits(digits[..end].to_string()))
                    .chain(
                        (1..=digits.len() - shortest)
                            .map(|start| Wanted::Digits(digits[start..].to_string())),
                    )
                    .collect()
            }
        };
        cut.iter()
            .map(|wanted| self.locate(wanted))
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    /// The lines of `:::intern` passages that hold `wanted`: where a value
    /// found nowhere else may have been published from, when a marker did
    /// not take (it reads as one line by line, but stands in a field that is
    /// no Markdown text, such as a quoted YAML value).
    pub fn locate_in_passages(&self, wanted: &Wanted) -> Vec<Location> {
        self.files
            .iter()
            .flat_map(|file| {
                file.lines
                    .iter()
                    .filter(|(_, forms, place)| *place == Place::Passage && forms.hold(wanted))
                    .map(|(line, _, _)| Location::new(file.path.clone(), *line, 0))
            })
            .collect()
    }

    /// Where in `origin` the secret is kept (its first internal line); for
    /// a sentence wrapped over lines, the line where it starts (the one that
    /// holds the most of its first words, three at least).
    pub fn origin(&self, origin: &Path, wanted: &Wanted) -> Location {
        let first_line = |wanted: &Wanted| {
            self.files
                .iter()
                .filter(|file| file.path == origin)
                .flat_map(|file| &file.lines)
                .find(|(_, forms, place)| *place != Place::Public && forms.hold(wanted))
                .map(|(line, _, _)| Location::new(origin, *line, 0))
        };
        let starts = |needle: &String| {
            let words: Vec<&str> = needle.split(' ').collect();
            (3..words.len())
                .rev()
                .find_map(|n| first_line(&Wanted::Text(words[..n].join(" "))))
        };
        first_line(wanted)
            .or_else(|| match wanted {
                Wanted::Text(needle) => starts(needle),
                Wanted::Digits(_) => None,
            })
            .unwrap_or_else(|| Location::file(origin))
    }
}

/// Whether each line of `text` may hold a secret: a line of an internal
/// passage, or of a `contacts:` or `notes_internal:` block.
pub fn secret_lines(text: &str) -> Vec<bool> {
    places(text)
        .into_iter()
        .map(|place| place != Place::Public)
        .collect()
}

/// Where each line of `text` stands: the lines that may hold secrets are
/// those of internal passages and of `contacts:` and `notes_internal:`
/// blocks of YAML (also in front matter); a passage's line in such a block
/// counts as the passage's.
fn places(text: &str) -> Vec<Place> {
    let mut places: Vec<Place> = (internal_lines(text).into_iter())
        .map(|passage| {
            if passage {
                Place::Passage
            } else {
                Place::Public
            }
        })
        .collect();
    let mut in_block = |index: usize| {
        if places[index] == Place::Public {
            places[index] = Place::Block;
        }
    };
    let mut block: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(block_indent) = block {
            let inside = content.is_empty()
                || content.starts_with('#')
                || indent > block_indent
                || (indent == block_indent && content.starts_with("- "));
            if inside {
                in_block(index);
                continue;
            }
            block = None;
        }
        let key = content.trim_start_matches("- ");
        if key.starts_with("contacts:") || key.starts_with("notes_internal:") {
            in_block(index);
            block = Some(indent + (content.len() - key.len()));
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_blocks_and_passages_are_allowed() {
        let text = "name: X\nnotes_internal: >\n  geheim\n  weiter\npartners:\n  - id: a\n    contacts:\n      - name: K\n    tasks: |\n      Text\n      :::intern\n      geheim\n      :::\n      offen\n";
        let allowed: Vec<bool> = (places(text).into_iter())
            .map(|place| place != Place::Public)
            .collect();
        let expected = [
            false, true, true, true, false, false, true, true, false, false, true, true, true,
            false,
        ];
        assert_eq!(allowed, expected);
    }

    #[test]
    fn a_wrapped_sentence_is_kept_where_it_starts() {
        let sources = vec![SourceFile::new(
            "content/regions/a.yaml",
            "name: X\nnotes_internal: >-\n  Vorab. Die Liste der Ansprechpersonen\n  liegt im Tresor der Koordination.\n",
        )];
        let index = ContentIndex::new(&sources);
        let wanted = Wanted::Text("die liste der ansprechpersonen liegt im tresor".into());
        assert_eq!(
            index.origin(Path::new("content/regions/a.yaml"), &wanted),
            Location::new("content/regions/a.yaml", 3, 0)
        );
    }

    #[test]
    fn a_value_written_only_in_a_passage_is_found_there_when_asked() {
        let sources = vec![SourceFile::new(
            "content/glossary/a.md",
            "---\nlegal_basis: \"§ 1\n:::intern\nRückruf 0351 7654321\n:::\n\"\n---\nText.\n",
        )];
        let index = ContentIndex::new(&sources);
        let wanted = Wanted::Digits("3517654321".into());
        assert!(index.locate(&wanted).is_empty());
        assert_eq!(
            index.locate_in_passages(&wanted),
            vec![Location::new("content/glossary/a.md", 4, 0)]
        );
    }

    #[test]
    fn an_address_or_number_joined_by_the_next_text_is_found_cut_short() {
        let sources = vec![SourceFile::new(
            "content/catalog/target-groups.yaml",
            "- id: a\n  symbol: k.b@example.org\n  name: Gestattete\n- id: b\n  symbol: \"0351 7654321\"\n",
        )];
        let index = ContentIndex::new(&sources);
        let at = |line| vec![Location::new("content/catalog/target-groups.yaml", line, 0)];
        for (read, line) in [
            (Wanted::Text("k.b@example.orggestattete".into()), 2),
            (Wanted::Text("ak.b@example.org".into()), 2),
            (Wanted::Digits("35176543219".into()), 5),
            (Wanted::Digits("93517654321".into()), 5),
        ] {
            assert!(index.locate(&read).is_empty(), "{read:?}");
            assert_eq!(index.locate_cut(&read), at(line), "{read:?}");
        }
        // Nothing shorter than a domain with a dot, or six digits.
        assert!(index
            .locate_cut(&Wanted::Text("x@example".into()))
            .is_empty());
        assert!(index.locate_cut(&Wanted::Digits("3517".into())).is_empty());
    }

    #[test]
    fn finds_lines_and_split_values() {
        let sources = vec![
            SourceFile::new(
                "content/regions/a.yaml",
                "contacts:\n  - name: Katrin Beispiel\nsummary: Katrin <b>Beispiel</b>\n",
            ),
            SourceFile::new("content/guide/b.md", "Text von Katrin\nBeispiel.\n"),
        ];
        let index = ContentIndex::new(&sources);
        let wanted = Wanted::Text("katrin beispiel".into());
        assert_eq!(
            index.origin(Path::new("content/regions/a.yaml"), &wanted),
            Location::new("content/regions/a.yaml", 2, 0)
        );
        let found = index.locate(&wanted);
        assert_eq!(
            found,
            vec![
                Location::new("content/regions/a.yaml", 3, 0),
                Location::file("content/guide/b.md")
            ]
        );
    }
}
