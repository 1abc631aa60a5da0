//! Reading one YAML line without a parser: where its key starts, whether a
//! value fits on it, and which quotes and brackets stay open after it.

/// Quotes and brackets open at the end of the lines read so far.
#[derive(Default)]
pub(super) struct Scan {
    /// The quote of a quoted value that goes on.
    quote: Option<char>,
    /// Brackets and braces open.
    depth: usize,
    /// In a block scalar (`|`, `>`): the column of its key, which its lines
    /// are indented past. Their quotes and brackets are text.
    block: Option<usize>,
}

impl Scan {
    /// Whether the next line starts inside a quoted value or brackets.
    pub(super) fn is_open(&self) -> bool {
        self.quote.is_some() || self.depth > 0
    }

    /// Read one line: a quote or bracket opens only where a value starts
    /// (`O'Brien` in a plain text is no quote), `#` after a space starts a
    /// comment, `\"` and `''` stay inside their quotes.
    pub(super) fn line(&mut self, line: &str) {
        if let Some(owner) = self.block {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() || spaces > owner {
                return;
            }
            self.block = None;
        }
        let mut value_starts = self.quote.is_none();
        let mut chars = line.chars().peekable();
        let mut previous = ' ';
        while let Some(c) = chars.next() {
            match (self.quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                (Some(q), c) if c == q => {
                    self.quote = None;
                    value_starts = false;
                }
                (Some(_), _) => {}
                (None, '#') if previous == ' ' || previous == '\t' => return,
                (None, '"' | '\'') if value_starts => self.quote = Some(c),
                (None, '|' | '>') if value_starts && self.depth == 0 => {
                    let rest: String = chars.collect();
                    let rest = rest
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
                    if rest.trim().is_empty() || rest.trim_start().starts_with('#') {
                        // Its lines are indented past its key, or past the
                        // `-` of an item that is the block itself.
                        let column = key_column(line);
                        let dash = line.len() - line.trim_start_matches(' ').len();
                        self.block = Some(match key_at(line, column) {
                            Some(_) => column,
                            None => dash,
                        });
                    }
                    return;
                }
                (None, '[' | '{') if value_starts || self.depth > 0 => {
                    self.depth += 1;
                    value_starts = true;
                }
                (None, ']' | '}') if self.depth > 0 => self.depth -= 1,
                (None, ',') if self.depth > 0 => value_starts = true,
                (None, ' ' | '\t') => {}
                (None, ':' | '-' | '?') if matches!(chars.peek(), None | Some(' ' | '\t')) => {
                    value_starts = true;
                }
                (None, _) => value_starts = false,
            }
            previous = c;
        }
    }
}

/// The indentation of a line in spaces; `None` for a blank or comment line.
pub(super) fn indent(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(' ');
    (!rest.is_empty() && !rest.starts_with('#')).then(|| line.len() - rest.len())
}

/// Whether text starts a sequence item (`- …`, or `-` alone).
pub(super) fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Where the content of a line starts once its indentation and the `- ` of
/// sequence items are passed.
pub(super) fn key_column(line: &str) -> usize {
    let mut column = line.len() - line.trim_start_matches(' ').len();
    while let Some(rest) = line[column..].strip_prefix("- ") {
        column = line.len() - rest.trim_start_matches(' ').len();
    }
    column
}

/// The key written at `column` of `line`, plain or quoted, if one is: its
/// name, and its length in bytes with quotes and the colon.
pub(super) fn key_at(line: &str, column: usize) -> Option<(&str, usize)> {
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
pub(super) fn in_flow(line: &str, column: usize) -> bool {
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
pub(super) fn strip_comment(text: &str) -> &str {
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
pub(super) fn fits_on_line(rest: &str) -> bool {
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
