//! A source file of the content tree and the locations inside it.
//!
//! Owns front matter splitting (so that a position in the front matter or in the
//! body maps to the file's real line) and the search for a YAML value's position,
//! used to point validation errors at the line that holds the offending value.

use crate::error::Location;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One file read from the site: its path relative to the site root and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root, used in messages.
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    /// Byte offset of each line's start, built on first use, so that looking
    /// up a line is O(1) and the searches below stay linear per file.
    line_starts: OnceLock<Vec<usize>>,
    /// The key each line names, as a byte range of `text`, built on first
    /// use: [`SourceFile::find_value`] reads the key of every line it
    /// passes, and a region file is searched some hundred times.
    line_keys: OnceLock<Vec<Option<(u32, u32)>>>,
}

/// A Markdown file split into YAML front matter and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines ("" when there is none).
    pub front_matter: &'a str,
    /// Line of the file on which the front matter's first line stands.
    pub front_matter_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Line of the file on which the body's first line stands.
    pub body_line: usize,
}

impl SourceFile {
    /// A source file from a relative path and its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            line_keys: OnceLock::new(),
        }
    }

    /// Start offsets of the lines, as `str::lines` counts them (no empty last
    /// line after a final newline).
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let text = self.text.as_str();
            let mut starts = Vec::with_capacity(text.len() / 32 + 1);
            if !text.is_empty() {
                starts.push(0);
            }
            starts.extend(
                memchr::memchr_iter(b'\n', text.as_bytes())
                    .map(|index| index + 1)
                    .filter(|&start| start < text.len()),
            );
            starts
        })
    }

    /// The key line `index` names (`key: …` or `- key: …`), if any.
    fn key(&self, index: usize) -> Option<&str> {
        let keys = self.line_keys.get_or_init(|| {
            (0..self.line_count())
                .map(|index| {
                    let line = self.line(index);
                    line_key(line).map(|key| {
                        let start = key.as_ptr() as usize - self.text.as_ptr() as usize;
                        (start as u32, (start + key.len()) as u32)
                    })
                })
                .collect()
        });
        let (start, end) = keys[index]?;
        Some(&self.text[start as usize..end as usize])
    }

    /// Number of lines, as `str::lines` counts them.
    fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The 0-based line `index` without its line ending, as `str::lines` yields it.
    fn line(&self, index: usize) -> &str {
        let starts = self.line_starts();
        let start = starts[index];
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        match line.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None if end < self.text.len() => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        }
    }

    /// A location in this file.
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location::new(self.path.clone(), line, column)
    }

    /// The location of a byte offset into `self.text`.
    pub fn location_of_offset(&self, offset: usize) -> Location {
        let (line, column) = line_column(&self.text, offset);
        self.location(line, column)
    }

    /// The text after the `---` line that opens front matter, if the file
    /// starts with one.
    pub fn after_front_matter_opening(&self) -> Option<&str> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        text.strip_prefix("---\n")
            .or_else(|| text.strip_prefix("---\r\n"))
    }

    /// Split `---` front matter from the body. Files without front matter have
    /// an empty front matter and the whole text as body.
    pub fn split_front_matter(&self) -> Option<Split<'_>> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        let after_open = self.after_front_matter_opening()?;
        let start = text.len() - after_open.len();
        let mut offset = start;
        for line in after_open.split_inclusive('\n') {
            if line.trim_end() == "---" {
                let front_matter = &text[start..offset];
                let body = &text[offset + line.len()..];
                let front_matter_line = 2;
                let body_line = front_matter_line + front_matter.lines().count() + 1;
                return Some(Split {
                    front_matter,
                    front_matter_line,
                    body,
                    body_line,
                });
            }
            offset += line.len();
        }
        None
    }

    /// The location of the first line that holds `value` as a YAML scalar after
    /// `key:` (or as an item of a list under it), at or after line `from_line`.
    /// Falls back to any line containing `value`, then to the file itself.
    pub fn find_value(&self, key: &str, value: &str, from_line: usize) -> Location {
        let count = self.line_count();
        let start = from_line.saturating_sub(1).min(count);
        // The key in force at `start`: that of the last line before it that names one.
        let mut current_key = (0..start).rev().find_map(|index| self.key(index));
        for index in start..count {
            if let Some(k) = self.key(index) {
                current_key = Some(k);
            }
            if current_key != Some(key) {
                continue;
            }
            if let Some(column) = find_token(self.line(index), value) {
                return self.location(index + 1, column);
            }
        }
        for index in start..count {
            if let Some(column) = find_token(self.line(index), value) {
                return self.location(index + 1, column);
            }
        }
        Location::file(self.path.clone())
    }
}

/// The key a YAML line names (`key: …` or `- key: …`), if any.
fn line_key(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    // A key has no space: a line of prose is given up at its first one.
    let end = memchr::memchr2(b':', b' ', trimmed.as_bytes())?;
    (trimmed.as_bytes()[end] == b':').then(|| trimmed[..end].trim())
}

impl SourceFile {
    /// The 1-based line of the first `key:` at or after `from_line`, if any.
    pub fn key_line(&self, key: &str, from_line: usize) -> Option<usize> {
        let prefix = format!("{key}:");
        (from_line.saturating_sub(1)..self.line_count())
            .find(|&index| {
                self.line(index)
                    .trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&prefix)
            })
            .map(|index| index + 1)
    }

    /// A Markdown text taken from the YAML value of `key` (searched from
    /// `from_line`), located at the line where the text itself starts.
    pub fn markdown_field(
        &self,
        key: &str,
        text: &str,
        from_line: usize,
    ) -> crate::model::Markdown {
        let key_line = self.key_line(key, from_line).unwrap_or(from_line.max(1));
        let line_at = |index: usize| (index < self.line_count()).then(|| self.line(index));
        let line_text = line_at(key_line - 1).unwrap_or_default();
        let value = line_text.split_once(':').map_or("", |(_, v)| v.trim());
        let is_block = value.starts_with('>') || value.starts_with('|');
        let (first_line, column_offset) = if is_block {
            let next = line_at(key_line).unwrap_or_default();
            (key_line + 1, next.len() - next.trim_start().len())
        } else {
            (key_line, line_text.len() - value.len())
        };
        // Folded (`>`) text joins the file's lines: map them. A literal
        // block (`|`) and a one-line value keep them.
        let folded = if value.starts_with('>') {
            let lines: Vec<&str> = (first_line - 1..self.line_count())
                .map(|index| self.line(index))
                .take_while(|line| {
                    line.trim().is_empty()
                        || line.len() - line.trim_start().len() >= column_offset.max(1)
                })
                .collect();
            crate::model::fold_map(text, &lines, first_line)
        } else {
            Vec::new()
        };
        crate::model::Markdown {
            text: text.to_string(),
            file: self.path.clone(),
            first_line,
            column_offset,
            folded,
        }
    }
}

/// 1-based column of `token` in `line` where it stands as a whole YAML scalar
/// (bounded by start, end, spaces, quotes, brackets or commas).
fn find_token(line: &str, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let is_boundary = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '[' | ']' | ',' | ':'))
    };
    let mut search_from = 0;
    while let Some(found) = line[search_from..].find(token) {
        let begin = search_from + found;
        let end = begin + token.len();
        if is_boundary(line[..begin].chars().next_back()) && is_boundary(line[end..].chars().next())
        {
            return Some(line[..begin].chars().count() + 1);
        }
        search_from = end;
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `path` relative to `root` when it lies inside, unchanged otherwise.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A line's key is the text before its first colon, if that has no
        /// space, after indentation and list dashes.
        #[test]
        fn line_key_is_the_text_before_the_colon(line in "[ \t-]{0,4}[a-z_ \t]{0,8}:?[ a-z:]{0,8}") {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let expected = trimmed
                .split_once(':')
                .and_then(|(key, _)| (!key.contains(' ')).then_some(key.trim()));
            proptest::prop_assert_eq!(line_key(&line), expected);
        }
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let file = SourceFile::new("a.md", "---\ntitle: A\nweight: 1\n---\nBody\n");
        let split = file.split_front_matter().expect("front matter");
        assert_eq!(split.front_matter, "title: A\nweight: 1\n");
        assert_eq!(split.front_matter_line, 2);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn no_front_matter_without_closing_fence() {
        assert!(SourceFile::new("a.md", "---\ntitle: A\n")
            .split_front_matter()
            .is_none());
        assert!(SourceFile::new("a.md", "Body")
            .split_front_matter()
            .is_none());
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nüc", 5), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
    }

    #[test]
    fn line_table_matches_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "a\rb\n",
            "x\r",
            "a\n\nb\r",
        ] {
            let file = SourceFile::new("t", text);
            let lines: Vec<&str> = (0..file.line_count()).map(|i| file.line(i)).collect();
            assert_eq!(lines, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn finds_value_under_key() {
        let file = SourceFile::new(
            "r.yaml",
            "partners:\n  - id: jc\norganisers: [aa, jcx]\nto: jcx\n",
        );
        assert_eq!(
            file.find_value("organisers", "jcx", 1).to_string(),
            "r.yaml:3:18"
        );
        assert_eq!(file.find_value("to", "jcx", 1).to_string(), "r.yaml:4:5");
        assert_eq!(file.find_value("id", "j", 1).to_string(), "r.yaml");
    }
}
