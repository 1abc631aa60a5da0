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

mod lines;
mod text;

use super::closest;
use super::messages::{expected, neutral, quoted_after, refused_text};
use lines::{fits_on_line, indent, is_item, key_at, key_column, strip_comment};
use text::Line;
pub use text::{At, Text};

/// At most this many errors are looked for in one file.
pub const MOST: usize = 50;

impl Text {
    /// Where the error with `message` at `at` really is. serde_yaml reports
    /// two errors at the start of the mapping they are in: a repeated key
    /// (it is the second one) and a text refused once read (an empty name:
    /// it is the value written so, if only one key of the entry has it).
    pub fn refine(&self, at: At, message: &str) -> At {
        let Some((index, column)) = self.mendable(at) else {
            return at;
        };
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
                    let same = if shown.is_empty() {
                        // Nothing written reads as an empty text, unless
                        // the value is on the lines below.
                        refused.is_empty()
                            && self.block_end(index + 1, |indent, _| indent > column) == index + 1
                    } else {
                        shown == refused || unquoted.trim() == refused.trim()
                    };
                    same.then(|| (index, text.len() - text[value..].trim_start().len()))
                })
                .collect();
            match holding[..] {
                [one] => Some(one),
                _ => None,
            }
        } else {
            None
        };
        found.map_or(at, |(index, column)| self.at(index, column))
    }

    /// Mend the text at the error with `message` at `at` (as refined by
    /// [`Text::refine`]); false if the error is not one to mend.
    pub fn mend(&mut self, at: At, message: &str) -> bool {
        let mended = self.mend_at(at, message);
        if mended {
            self.mark_continued();
        }
        mended
    }

    fn mend_at(&mut self, at: At, message: &str) -> bool {
        let Some((index, column)) = self.mendable(at) else {
            return false;
        };
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
            let moved = (self.at(next, column), self.at(index, column));
            self.moved.push(moved);
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
            continued: false,
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
            .find(|&i| indent(&self.lines[i].text).is_some() && !self.lines[i].continued)
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
}

#[cfg(test)]
mod tests;
