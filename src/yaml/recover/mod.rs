//! Errors after the first: serde stops at the first value that does not fit
//! its type. To find the next one, the text is mended where that error is,
//! the way its message asks, and parsed again:
//!
//! - an unknown key is renamed to the key it is a typo of (so its value
//!   still counts), if the entry has no such key yet; else it is taken out,
//!   unless it is the entry's only key;
//! - a repeated key is taken out (and its error moved to it, from the start
//!   of the entry, where serde_yaml puts it);
//! - a value of the wrong type is replaced by one of the expected type (an
//!   empty name, which serde_yaml reports at the start of its entry, only if
//!   one key of the entry holds such a value);
//! - a missing key is added, on a line of its own, with a value that is
//!   mended in turn if it has the wrong type.
//!
//! Anything else (an anchor, a tag, anything inside `[…]` or `{…}`, brackets
//! or quotes that go on over lines, a mend that would not parse) ends the
//! search: a guess could only invent errors. The text is split into lines
//! where YAML breaks them (also at U+2028, U+2029 and U+0085), so the
//! parser's line numbers are the text's; each line knows where it starts in
//! the file, and no error is reported on a line a mend added. The mended
//! text is only ever parsed, never used.

use super::closest;
use super::messages::{expected, neutral, quoted_after, refused_text};

/// At most this many errors are looked for in one file.
pub const MOST: usize = 50;

/// The text being mended, line by line.
pub struct Text {
    lines: Vec<Line>,
    /// Entries whose first key was taken out: where they start now, and
    /// where they started, which is where their errors are shown.
    moved: Vec<(At, At)>,
}

struct Line {
    text: String,
    /// The line break that ends it: `\n`, `\r\n`, `\u{2028}` …; empty for
    /// the last line.
    end: String,
    /// Where it starts in the file (its line, and the characters before it
    /// on that line, after a break only YAML counts); `None` if a mend added it.
    file: Option<(usize, usize)>,
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
        let mut lines = Vec::new();
        let (mut file_line, mut file_column) = (1, 0);
        let mut rest = yaml;
        loop {
            let found = rest
                .char_indices()
                .find(|&(_, c)| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'));
            let Some((at, c)) = found else {
                lines.push(Line {
                    text: rest.to_string(),
                    end: String::new(),
                    file: Some((file_line, file_column)),
                });
                break;
            };
            let width = if rest[at..].starts_with("\r\n") {
                2
            } else {
                c.len_utf8()
            };
            let text = &rest[..at];
            let end = &rest[at..at + width];
            lines.push(Line {
                text: text.to_string(),
                end: end.to_string(),
                file: Some((file_line, file_column)),
            });
            if end.contains('\n') {
                (file_line, file_column) = (file_line + 1, 0);
            } else {
                file_column += text.chars().count() + end.chars().count();
            }
            rest = &rest[at + width..];
        }
        Text {
            lines,
            moved: Vec::new(),
        }
    }

    /// The text as mended so far.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        let last = self.lines.len().saturating_sub(1);
        for (i, line) in self.lines.iter().enumerate() {
            out.push_str(&line.text);
            match line.end.as_str() {
                "" if i < last => out.push('\n'),
                end => out.push_str(end),
            }
        }
        out
    }

    /// Where the error at `at` of the mended text is in the file; `None` if
    /// it is on a line a mend added.
    pub fn in_file(&self, at: At) -> Option<At> {
        let at = self
            .moved
            .iter()
            .find(|(now, _)| *now == at)
            .map_or(at, |&(_, then)| then);
        let index = at.line.checked_sub(1)?;
        let Some(line) = self.lines.get(index) else {
            // Past the end (where a file that ends early is reported).
            let (line, _) = self.lines.iter().rev().find_map(|l| l.file)?;
            return Some(At {
                line: line + 1,
                column: at.column,
            });
        };
        let (line, before) = line.file?;
        Some(At {
            line,
            column: before + at.column,
        })
    }

    /// Where the error with `message` at `at` really is. serde_yaml reports
    /// two errors at the start of the mapping they are in: a repeated key
    /// (it is the second one) and a text refused once read (an empty name:
    /// it is the value written so, if only one key of the entry has it).
    pub fn refine(&self, at: At, message: &str) -> At {
        let Some((index, column)) = self.start(at) else {
            return at;
        };
        if in_flow(&self.lines[index].text, column) {
            return at;
        }
        let found = if let Some(key) = quoted_after(message, "duplicate field `") {
            self.siblings(index, column)
                .into_iter()
                .filter(|&(_, name, _)| name == key)
                .nth(1)
                .map(|(index, _, _)| (index, column))
        } else if let Some(refused) = refused_text(message) {
            let holding: Vec<(usize, usize)> = self
                .siblings(index, column)
                .into_iter()
                .filter_map(|(index, _, written)| {
                    let text = &self.lines[index].text;
                    let value = column + written;
                    let shown = strip_comment(&text[value..]).trim();
                    let unquoted = shown.trim_matches('"').trim_matches('\'');
                    let same = shown == refused || unquoted.trim() == refused.trim();
                    (!shown.is_empty() && same)
                        .then(|| (index, text.len() - text[value..].trim_start().len()))
                })
                .collect();
            match holding[..] {
                [one] => Some(one),
                _ => None,
            }
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
        if in_flow(&self.lines[index].text, column) {
            return false;
        }
        if let Some(key) = quoted_after(message, "unknown field `") {
            return self.rename_or_remove(index, column, key, &expected(message));
        }
        if let Some(key) = quoted_after(message, "duplicate field `") {
            // Only where [`Text::refine`] found the repeat.
            let repeat = key_at(&self.lines[index].text, column)
                .is_some_and(|(name, _)| name == key)
                && self
                    .siblings(index, column)
                    .iter()
                    .any(|&(i, name, _)| name == key && i < index);
            return repeat && self.remove_entry(index, column);
        }
        if let Some(key) = quoted_after(message, "missing field `") {
            return self.add_key(index, column, key);
        }
        // A text that was read is at a scalar: a key or a mapping there
        // means its value was not found.
        let read_a_text = message.contains(": string \"");
        match neutral(message) {
            Some(value) => self.replace_value(index, column, &value, read_a_text),
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
        let Some((name, written)) = key_at(&self.lines[index].text, column) else {
            return false;
        };
        if name != key {
            return false;
        }
        let siblings = self.siblings(index, column);
        let taken = |name: &&str| siblings.iter().any(|(_, k, _)| k == name);
        if let Some(typo_of) = closest(key, known).filter(|name| !taken(name)) {
            // The colon stays.
            let key_end = column + written - 1;
            self.lines[index]
                .text
                .replace_range(column..key_end, typo_of);
            return true;
        }
        // Alone, it leaves an empty entry, whose errors would be the mend's.
        let (first, next) = match siblings[..] {
            [(first, _, _), (next, _, _), ..] => (first, next),
            _ => return false,
        };
        // The first key: the entry starts at the next one now.
        if first == index {
            let chars = |i: usize| self.lines[i].text[..column].chars().count() + 1;
            let now = At {
                line: next + 1,
                column: chars(next),
            };
            let then = At {
                line: index + 1,
                column: chars(index),
            };
            self.moved.push((now, then));
        }
        self.remove_entry(index, column)
    }

    /// Take out the entry whose key starts at `column` of line `index`,
    /// with the lines its value goes on over (a sequence written at the
    /// key's own column among them).
    fn remove_entry(&mut self, index: usize, column: usize) -> bool {
        let end = self.block_end(index + 1, |indent, text| {
            indent > column || (indent == column && is_item(&text[indent..]))
        });
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
        if key_at(&self.lines[index].text, column).is_none() {
            return false;
        }
        let end = self.block_end(index + 1, |indent, _| indent >= column);
        let line = Line {
            text: format!("{}{key}: x", " ".repeat(column)),
            end: "\n".to_string(),
            file: None,
        };
        self.lines.insert(end, line);
        true
    }

    /// Replace the value that starts at `column` of line `index` by `value`;
    /// `scalar`: the value must be a scalar written on the line.
    fn replace_value(&mut self, index: usize, column: usize, value: &str, scalar: bool) -> bool {
        let text = &self.lines[index].text;
        let before = text[..column].trim_end();
        let rest = strip_comment(&text[column..]);
        if before.ends_with(':') || before.ends_with('-') {
            // A key after `- `: the value was not found.
            if key_at(text, column).is_some() || (scalar && rest.starts_with(['[', '{'])) {
                return false;
            }
            let owner = key_column(text);
            let end = self.block_end(index + 1, |indent, _| indent > owner);
            if rest.trim().is_empty() {
                // Nothing written (null): unless the value is on lines below.
                if end > index + 1 {
                    return false;
                }
            } else if !fits_on_line(rest) {
                return false;
            }
            let line = &mut self.lines[index].text;
            line.truncate(column);
            if !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(value);
            for line in &mut self.lines[index + 1..end] {
                line.text.clear();
            }
            return true;
        }
        // A value on lines of its own, below the key it belongs to.
        if scalar || !before.is_empty() || rest.starts_with(['&', '*', '!']) {
            return false;
        }
        let Some(key_line) = (0..index)
            .rev()
            .find(|&i| indent(&self.lines[i].text).is_some())
        else {
            return false;
        };
        let key_text = strip_comment(&self.lines[key_line].text).trim_end();
        if !key_text.ends_with(':') {
            return false;
        }
        let key_len = key_text.len();
        let sequence = is_item(rest);
        let end = self.block_end(index + 1, |indent, text| {
            indent > column || (indent == column && (!sequence || is_item(&text[indent..])))
        });
        for line in &mut self.lines[index..end] {
            line.text.clear();
        }
        let key = &mut self.lines[key_line].text;
        key.truncate(key_len);
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

    /// The keys of the mapping that has a key starting at `column` of line
    /// `index`: line index, name, and bytes up to and with the colon.
    fn siblings(&self, index: usize, column: usize) -> Vec<(usize, &str, usize)> {
        let mut first = index;
        // A `- key:` line opens its mapping: nothing above belongs to it.
        let opens = indent(&self.lines[index].text).is_some_and(|n| n < column);
        for i in (0..index).rev().take_while(|_| !opens) {
            let text = &self.lines[i].text;
            let Some(n) = indent(text) else { continue };
            // Deeper: a value of a key above; a `-` at this column: a
            // sequence that is the value of a key above.
            if n > column || (n == column && is_item(&text[n..])) {
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
                if let Some((name, written)) = key_at(text, column) {
                    keys.push((i, name, written));
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

/// Whether text starts a sequence item (`- …`, or `-` alone).
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
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

/// The key written at `column` of `line`, plain or quoted, if one is: its
/// name, and its length in bytes with quotes and the colon.
fn key_at(line: &str, column: usize) -> Option<(&str, usize)> {
    let rest = &line[column..];
    let (name, written) = match rest.chars().next()? {
        quote @ ('"' | '\'') => {
            let close = rest[1..].find(quote)? + 1;
            (&rest[1..close], close + 1)
        }
        _ => {
            let end = rest.find(':')?;
            (&rest[..end], end)
        }
    };
    let after = rest[written..].strip_prefix(':')?;
    let plain = !name.contains([' ', '\t', '"', '\'', '{', '[', ':', '#']);
    (!name.is_empty() && plain && (after.is_empty() || after.starts_with([' ', '\t'])))
        .then_some((name, written + 1))
}

/// Whether `column` of `line` is inside brackets or braces opened on it.
fn in_flow(line: &str, column: usize) -> bool {
    let mut depth = 0i32;
    let mut quote = None;
    for c in line[..column].chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// `text` without a comment at its end (` # …`), as far as can be told
/// without reading quotes.
fn strip_comment(text: &str) -> &str {
    if text.starts_with('#') {
        return "";
    }
    if text.contains(['"', '\'']) {
        return text;
    }
    text.find(" #").map_or(text, |at| &text[..at])
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
