//! Errors after the first: serde stops at the first value that does not fit
//! its type. To find the next one, the text is mended where that error is,
//! the way its message asks, and parsed again:
//!
//! - an unknown key is renamed to the key it is a typo of (so its value
//!   still counts, and no "missing field" follows), else taken out;
//! - a repeated key is taken out (and its error moved to it, from the start
//!   of the entry, where serde_yaml puts it);
//! - a value of the wrong type is replaced by one of the expected type;
//! - a missing key is added, on a line of its own, with a value that is
//!   mended in turn if it has the wrong type.
//!
//! Anything else (an anchor, a tag, brackets or quotes that go on over lines,
//! a mend that would not parse) ends the search: a guess could only invent
//! errors. Every line of the mended text stays where it was written, so an
//! error's line is its line in the file; no error is reported on an added
//! line. The mended text is only ever parsed, never used.

use super::closest;
use super::messages::{expected, neutral, quoted_after, refused_text};

/// At most this many errors are looked for in one file.
pub const MOST: usize = 50;

/// The text being mended, line by line.
pub struct Text {
    lines: Vec<Line>,
    /// Where the mappings start that an unknown key was taken out of.
    lost_a_key: Vec<At>,
}

struct Line {
    text: String,
    /// Added by a mend: not in the file.
    added: bool,
}

/// Where an error is: line and column, 1-based, in the text being mended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Text {
    /// The text of a YAML document, not yet mended.
    pub fn new(yaml: &str) -> Text {
        let lines = yaml
            .split('\n')
            .map(|line| Line {
                text: line.strip_suffix('\r').unwrap_or(line).to_string(),
                added: false,
            })
            .collect();
        Text {
            lines,
            lost_a_key: Vec::new(),
        }
    }

    /// The text as mended so far.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&line.text);
        }
        out
    }

    /// The line of the file that line `line` of the mended text is; `None`
    /// for a line a mend added.
    pub fn original_line(&self, line: usize) -> Option<usize> {
        let index = line.checked_sub(1)?;
        if self.lines.get(index).is_some_and(|l| l.added) {
            return None;
        }
        let added = self.lines.iter().take(index).filter(|l| l.added).count();
        Some(line - added)
    }

    /// Whether the error with `message` at `at` only follows from an earlier
    /// mend: a key missing from a mapping an unknown key was taken out of,
    /// which was most likely that key, misspelt.
    pub fn follows_from_mend(&self, at: At, message: &str) -> bool {
        message.contains("missing field `") && self.lost_a_key.contains(&at)
    }

    /// Where the error with `message` at `at` really is. serde_yaml reports
    /// two errors at the start of the mapping they are in: a repeated key
    /// (it is the second one) and a text refused once read (an empty name:
    /// it is the value written so).
    pub fn refine(&self, at: At, message: &str) -> At {
        let Some((index, column)) = self.start(at) else {
            return at;
        };
        let found = if let Some(key) = quoted_after(message, "duplicate field `") {
            self.siblings(index, column)
                .into_iter()
                .filter(|&(_, name)| name == key)
                .nth(1)
                .map(|(index, _)| (index, column))
        } else if let Some(refused) = refused_text(message) {
            self.siblings(index, column)
                .into_iter()
                .find_map(|(index, key)| {
                    let text = &self.lines[index].text;
                    let value = column + key.len() + 1;
                    let written = text[value..].trim();
                    let unquoted = written.trim_matches('"').trim_matches('\'');
                    (written == refused || unquoted.trim() == refused.trim())
                        .then(|| (index, text.len() - text[value..].trim_start().len()))
                })
        } else {
            None
        };
        match found {
            Some((index, column)) => At {
                line: index + 1,
                column: self.lines[index].text[..column].chars().count() + 1,
            },
            None => at,
        }
    }

    /// Mend the text at the error with `message` at `at` (as refined by
    /// [`Text::refine`]); false if the error is not one to mend.
    pub fn mend(&mut self, at: At, message: &str) -> bool {
        let Some((index, column)) = self.start(at) else {
            return false;
        };
        if let Some(key) = quoted_after(message, "unknown field `") {
            return self.rename_or_remove(index, column, key, &expected(message));
        }
        if quoted_after(message, "duplicate field `").is_some() {
            return self.remove_entry(index, column);
        }
        if let Some(key) = quoted_after(message, "missing field `") {
            return self.add_key(index, column, key);
        }
        match neutral(message) {
            Some(value) => self.replace_value(index, column, &value),
            None => false,
        }
    }

    /// The line index and byte column of `at`, if it is in the text.
    fn start(&self, at: At) -> Option<(usize, usize)> {
        let index = at.line.checked_sub(1)?;
        let text = &self.lines.get(index)?.text;
        let chars = at.column.checked_sub(1)?;
        let column = match text.char_indices().nth(chars) {
            Some((byte, _)) => byte,
            None if text.chars().count() == chars => text.len(),
            None => return None,
        };
        Some((index, column))
    }

    fn rename_or_remove(&mut self, index: usize, column: usize, key: &str, known: &[&str]) -> bool {
        let text = &self.lines[index].text;
        if !text[column..].starts_with(key) || !text[column + key.len()..].starts_with(':') {
            return false;
        }
        let siblings = self.siblings(index, column);
        let typo_of = closest(key, known).filter(|name| !siblings.iter().any(|(_, k)| k == name));
        let start = siblings.first().map(|&(first, _)| At {
            line: first + 1,
            column: self.lines[first].text[..column].chars().count() + 1,
        });
        match typo_of {
            Some(typo_of) => {
                self.lines[index]
                    .text
                    .replace_range(column..column + key.len(), typo_of);
                true
            }
            _ => {
                self.lost_a_key.extend(start);
                self.remove_entry(index, column)
            }
        }
    }

    /// Take out the entry whose key starts at `column` of line `index`,
    /// with the lines its value goes on over.
    fn remove_entry(&mut self, index: usize, column: usize) -> bool {
        let end = self.block_end(index + 1, |indent, _| indent > column);
        let line = &mut self.lines[index].text;
        line.truncate(column);
        line.truncate(line.trim_end().len());
        for line in &mut self.lines[index + 1..end] {
            line.text.clear();
        }
        true
    }

    /// Add `key` to the mapping whose first key starts at `column` of line
    /// `index`, after its last line.
    fn add_key(&mut self, index: usize, column: usize, key: &str) -> bool {
        let first = &self.lines[index].text[column..];
        if first.starts_with('{') || first.trim().is_empty() {
            return false;
        }
        let end = self.block_end(index + 1, |indent, _| indent >= column);
        let line = Line {
            text: format!("{}{key}: x", " ".repeat(column)),
            added: true,
        };
        self.lines.insert(end, line);
        true
    }

    /// Replace the value that starts at `column` of line `index` by `value`.
    fn replace_value(&mut self, index: usize, column: usize, value: &str) -> bool {
        let text = &self.lines[index].text;
        let before = text[..column].trim_end();
        let rest = &text[column..];
        if before.ends_with(':') || before.ends_with('-') {
            // A key after `- `: the value was not found.
            if !fits_on_line(rest) || key_at(text, column).is_some() {
                return false;
            }
            let owner = key_column(text);
            let end = self.block_end(index + 1, |indent, _| indent > owner);
            self.lines[index].text.replace_range(column.., value);
            for line in &mut self.lines[index + 1..end] {
                line.text.clear();
            }
            return true;
        }
        // A value on lines of its own, below the key it belongs to.
        if !before.is_empty() || rest.starts_with(['&', '*', '!']) {
            return false;
        }
        let Some(key_line) = (0..index)
            .rev()
            .find(|&i| indent(&self.lines[i].text).is_some())
        else {
            return false;
        };
        if !self.lines[key_line].text.trim_end().ends_with(':') {
            return false;
        }
        let sequence = rest.starts_with('-');
        let end = self.block_end(index + 1, |indent, text| {
            indent > column || (indent == column && (!sequence || text[indent..].starts_with('-')))
        });
        for line in &mut self.lines[index..end] {
            line.text.clear();
        }
        let key = &mut self.lines[key_line].text;
        key.truncate(key.trim_end().len());
        key.push(' ');
        key.push_str(value);
        true
    }

    /// The index after the last line from `from` on that `inside` says is
    /// part of a block (given its indentation and text); blank and comment
    /// lines between such lines are part of it too.
    fn block_end(&self, from: usize, inside: impl Fn(usize, &str) -> bool) -> usize {
        let mut end = from;
        for (index, line) in self.lines.iter().enumerate().skip(from) {
            match indent(&line.text) {
                None => {}
                Some(n) if inside(n, &line.text) => end = index + 1,
                Some(_) => break,
            }
        }
        end
    }

    /// The keys (line index and name) of the mapping that has a key
    /// starting at `column` of line `index`.
    fn siblings(&self, index: usize, column: usize) -> Vec<(usize, &str)> {
        let mut first = index;
        // A `- key:` line opens its mapping: nothing above belongs to it.
        let opens = indent(&self.lines[index].text).is_some_and(|n| n < column);
        for i in (0..index).rev().take_while(|_| !opens) {
            let text = &self.lines[i].text;
            let Some(n) = indent(text) else { continue };
            // Deeper: a value of a key above; a `-` at this column: a
            // sequence that is the value of a key above.
            if n > column || (n == column && text[n..].starts_with('-')) {
                continue;
            }
            if n == column {
                first = i;
                continue;
            }
            // The line that opens the mapping (`- key:` with the key at this
            // column), or one outside it.
            if key_column(text) == column {
                first = i;
            }
            break;
        }
        let mut keys = Vec::new();
        for (i, line) in self.lines.iter().enumerate().skip(first) {
            let text = &line.text;
            let Some(n) = indent(text) else { continue };
            let opener = i == first && key_column(text) == column;
            if n < column && !opener {
                break;
            }
            if (n == column || opener) && key_column(text) == column {
                if let Some(name) = key_at(text, column) {
                    keys.push((i, name));
                }
            }
        }
        keys
    }
}

/// The indentation of a line in spaces; `None` for a blank or comment line.
fn indent(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(' ');
    (!rest.is_empty() && !rest.starts_with('#')).then(|| line.len() - rest.len())
}

/// Where the content of a line starts once its indentation and the `- ` of
/// sequence items are passed.
fn key_column(line: &str) -> usize {
    let mut column = line.len() - line.trim_start_matches(' ').len();
    while let Some(rest) = line[column..].strip_prefix("- ") {
        column = line.len() - rest.trim_start_matches(' ').len();
    }
    column
}

/// The plain key written at `column` of `line`, if one is.
fn key_at(line: &str, column: usize) -> Option<&str> {
    let rest = &line[column..];
    let end = rest.find(':')?;
    let key = &rest[..end];
    let after = &rest[end + 1..];
    (!key.is_empty()
        && !key.contains([' ', '"', '\'', '{', '['])
        && (after.is_empty() || after.starts_with(' ')))
    .then_some(key)
}

/// Whether a value that starts with `rest` ends on its line (or is a block
/// scalar, whose lines below are its own).
fn fits_on_line(rest: &str) -> bool {
    match rest.chars().next() {
        None | Some('&' | '*' | '!') => false,
        Some(open @ ('[' | '{')) => {
            let close = if open == '[' { ']' } else { '}' };
            rest.contains(close) && !rest.contains(['"', '\''])
        }
        Some(quote @ ('"' | '\'')) => rest[1..].contains(quote),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests;
