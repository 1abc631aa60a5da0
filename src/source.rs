//! A source file of the content tree and the locations inside it.
//!
//! Owns front matter splitting (so that a position in the front matter or in the
//! body maps to the file's real line) and the search for a YAML value's position,
//! used to point validation errors at the line that holds the offending value.

use crate::error::Location;
use std::path::{Path, PathBuf};

/// One file read from the site: its path relative to the site root and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root, used in messages.
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
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

    /// Split `---` front matter from the body. Files without front matter have
    /// an empty front matter and the whole text as body.
    pub fn split_front_matter(&self) -> Option<Split<'_>> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        let after_open = text
            .strip_prefix("---\n")
            .or_else(|| text.strip_prefix("---\r\n"))?;
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
        let lines: Vec<&str> = self.text.lines().collect();
        let start = from_line.saturating_sub(1).min(lines.len());
        let mut current_key: Option<&str> = None;
        for (index, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start().trim_start_matches("- ");
            if let Some((k, _)) = trimmed.split_once(':') {
                if !k.contains(' ') {
                    current_key = Some(k.trim());
                }
            }
            if index < start || current_key != Some(key) {
                continue;
            }
            if let Some(column) = find_token(line, value) {
                return self.location(index + 1, column);
            }
        }
        for (index, line) in lines.iter().enumerate().skip(start) {
            if let Some(column) = find_token(line, value) {
                return self.location(index + 1, column);
            }
        }
        Location::file(self.path.clone())
    }
}

impl SourceFile {
    /// The 1-based line of the first `key:` at or after `from_line`, if any.
    pub fn key_line(&self, key: &str, from_line: usize) -> Option<usize> {
        let prefix = format!("{key}:");
        self.text
            .lines()
            .enumerate()
            .skip(from_line.saturating_sub(1))
            .find(|(_, line)| {
                line.trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&prefix)
            })
            .map(|(index, _)| index + 1)
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
        let line_text = self.text.lines().nth(key_line - 1).unwrap_or_default();
        let value = line_text.split_once(':').map_or("", |(_, v)| v.trim());
        let is_block = value.starts_with('>') || value.starts_with('|');
        let (first_line, column_offset) = if is_block {
            let next = self.text.lines().nth(key_line).unwrap_or_default();
            (key_line + 1, next.len() - next.trim_start().len())
        } else {
            (key_line, line_text.len() - value.len())
        };
        crate::model::Markdown {
            text: text.to_string(),
            file: self.path.clone(),
            first_line,
            column_offset,
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
