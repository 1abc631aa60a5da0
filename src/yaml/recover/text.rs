//! The text being mended: its lines as YAML breaks them, where each starts
//! in the file, and how its entries are laid out (which lines belong to a
//! key, which keys are siblings).

use super::lines::{in_flow, indent, is_item, key_at, key_column, Scan};

/// The text being mended, line by line.
pub struct Text {
    pub(super) lines: Vec<Line>,
    /// Entries whose first key was taken out: where they start now, and
    /// where they started, which is where their errors are shown.
    pub(super) moved: Vec<(At, At)>,
}

pub(super) struct Line {
    pub(super) text: String,
    /// It starts inside a quoted value or brackets opened above: no key
    /// starts it, and it belongs to the entry above.
    pub(super) continued: bool,
    /// The line break that ends it: `\n`, `\r\n`, `\u{2028}` …; empty for
    /// the last line.
    pub(super) end: String,
    /// Where it starts in the file (its line, and the characters before it
    /// on that line, after a break only YAML counts); `None` if a mend added it.
    pub(super) file: Option<(usize, usize)>,
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
                    continued: false,
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
                continued: false,
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
        let mut text = Text {
            lines,
            moved: Vec::new(),
        };
        text.mark_continued();
        text
    }

    /// Mark the lines that start inside a quoted value or inside brackets,
    /// reading quotes and brackets the way YAML does where a value starts.
    pub(super) fn mark_continued(&mut self) {
        let mut state = Scan::default();
        for line in &mut self.lines {
            line.continued = state.is_open();
            state.line(&line.text);
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

    /// Where the error with `message` at `at` of the mended text is in the
    /// file; `None` if it is on a line a mend added.
    pub fn in_file(&self, at: At, message: &str) -> Option<At> {
        // A missing key is reported at its entry's start, which a mend
        // may have moved.
        let at = match message.contains("missing field `") {
            true => self
                .moved
                .iter()
                .find(|(now, _)| *now == at)
                .map_or(at, |&(_, then)| then),
            false => at,
        };
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

    /// The line index and byte column of `at`, if it is in the text.
    pub(super) fn start(&self, at: At) -> Option<(usize, usize)> {
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

    /// [`Text::start`] of `at`, if mends may touch it there: not on a line
    /// inside a quoted value or brackets opened above, nor inside `[…]` or
    /// `{…}` on its own line.
    pub(super) fn mendable(&self, at: At) -> Option<(usize, usize)> {
        let (index, column) = self.start(at)?;
        let line = &self.lines[index];
        (!line.continued && !in_flow(&line.text, column)).then_some((index, column))
    }

    /// The position of byte `column` of line `index`: [`Text::start`] the
    /// other way.
    pub(super) fn at(&self, index: usize, column: usize) -> At {
        At {
            line: index + 1,
            column: self.lines[index].text[..column].chars().count() + 1,
        }
    }

    /// The index after the last line from `from` on that `inside` says is
    /// part of a block (given its indentation and text); blank and comment
    /// lines between such lines are part of it too.
    pub(super) fn block_end(&self, from: usize, inside: impl Fn(usize, &str) -> bool) -> usize {
        let mut end = from;
        for (index, line) in self.lines.iter().enumerate().skip(from) {
            match indent(&line.text) {
                None => {}
                _ if line.continued => end = index + 1,
                Some(n) if inside(n, &line.text) => end = index + 1,
                Some(_) => break,
            }
        }
        end
    }

    /// The keys of the mapping that has a key starting at `column` of line
    /// `index`: line index, name, and bytes up to and with the colon.
    pub(super) fn siblings(&self, index: usize, column: usize) -> Vec<(usize, &str, usize)> {
        let mut first = index;
        // A `- key:` line opens its mapping: nothing above belongs to it.
        let opens = indent(&self.lines[index].text).is_some_and(|n| n < column);
        for i in (0..index).rev().take_while(|_| !opens) {
            let text = &self.lines[i].text;
            let Some(n) = indent(text).filter(|_| !self.lines[i].continued) else {
                continue;
            };
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
            let Some(n) = indent(text).filter(|_| !line.continued) else {
                continue;
            };
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
