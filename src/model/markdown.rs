//! A Markdown text of the content and where each of its lines stands in its
//! file, so that a problem in it is reported at the file's line and column:
//! also in a YAML text folded with `>`, whose lines the text joins.

use crate::error::Location;
use std::path::PathBuf;

/// A Markdown text and where it starts in its file.
#[derive(Clone, Debug)]
pub struct Markdown {
    /// The Markdown source.
    pub text: String,
    /// The file it comes from (relative to the site root).
    pub file: PathBuf,
    /// Line of the file on which the text's first line stands.
    pub first_line: usize,
    /// Columns to add (indentation of a YAML block scalar).
    pub column_offset: usize,
    /// For a text whose lines are not the file's (YAML folded them): where
    /// each of the file's lines begins in the text, as (byte offset in the
    /// text, line, column), in order. Empty when line `n` of the text is
    /// line `first_line + n - 1` of the file.
    pub folded: Vec<(usize, usize, usize)>,
}

impl Markdown {
    /// Whether line `line` of the file is one of the lines this text was
    /// read from.
    pub fn covers(&self, line: usize) -> bool {
        let last = match self.folded.last() {
            Some(&(_, last, _)) => last,
            None => self.first_line + self.text.lines().count().saturating_sub(1),
        };
        (self.first_line..=last).contains(&line)
    }

    /// The place in the file of column `column` (in characters) of line
    /// `line` of the text, both from 1.
    pub fn location(&self, line: usize, column: usize) -> Location {
        if self.folded.is_empty() {
            return Location::new(
                self.file.clone(),
                self.first_line + line - 1,
                column + self.column_offset,
            );
        }
        let line_start = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let offset = self.text[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(at, _)| line_start + at);
        let at = self
            .folded
            .partition_point(|&(start, _, _)| start <= offset);
        let (start, line, column) = self.folded[at.saturating_sub(1)];
        let within = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        Location::new(self.file.clone(), line, column + within)
    }
}

/// Where each of `lines` (the file's lines of a folded YAML text, the first
/// on line `first_line`) begins in `text`, the value YAML made of them: the
/// content of each line found in order. Stops at a line whose content is not
/// found as written (an escape).
pub fn fold_map(text: &str, lines: &[&str], first_line: usize) -> Vec<(usize, usize, usize)> {
    let mut map = Vec::new();
    let mut cursor = 0;
    for (index, line) in lines.iter().enumerate() {
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        let Some(rest) = text.get(cursor..) else {
            break;
        };
        // Where folding left it: after the space or line break that joined
        // it to the line before; searched for only if not there.
        let joined = rest.len() - rest.trim_start().len();
        let Some(found) = (if rest[joined..].starts_with(content) {
            Some(joined)
        } else {
            rest.find(content)
        }) else {
            break;
        };
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        map.push((cursor + found, first_line + index, indent + 1));
        cursor += found + content.len();
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folded_text_is_located_at_the_files_lines() {
        let lines = [
            "  In Leipzig fand",
            "  der erste [[Workshop]]",
            "",
            "  statt.",
        ];
        let text = "In Leipzig fand der erste [[Workshop]]\nstatt.";
        let markdown = Markdown {
            text: text.into(),
            file: "r.yaml".into(),
            first_line: 7,
            column_offset: 2,
            folded: fold_map(text, &lines, 7),
        };
        let at = |line, column| {
            let l = markdown.location(line, column);
            (l.line, l.column)
        };
        assert_eq!(at(1, 1), (7, 3));
        assert_eq!(at(1, 27), (8, 13), "the [[ of the second line");
        assert_eq!(at(2, 1), (10, 3));
        assert_eq!(at(2, 4), (10, 6));
        let plain = Markdown {
            folded: Vec::new(),
            ..markdown.clone()
        };
        let l = plain.location(2, 4);
        assert_eq!((l.line, l.column), (8, 6));
    }
}
