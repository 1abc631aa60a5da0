//! Internal passages (`:::intern` … `:::`): finding them, and preparing a
//! text for one audience — blank lines in their place for the public render,
//! a labelled box for the internal one — while keeping error locations true.

use super::spans::TextSpans;
use super::{attr, parser_options, RenderOptions};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::Markdown;
use crate::source::SourceFile;
use crate::view::Audience;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use std::ops::Range;

/// Opens (`:::intern`) and closes (`:::`) an internal passage.
const FENCE: &str = ":::";
/// What a line means for internal passages.
#[derive(Debug, PartialEq, Eq)]
enum Fence<'a> {
    /// `:::intern` (also `::: intern`, `::::Intern`, `:::internal`).
    Open,
    /// `:::` alone.
    Close,
    /// `:::something-else`: not a block this site knows.
    Unknown(&'a str),
    /// Any other line.
    Text,
}

fn fence(line: &str) -> Fence<'_> {
    let Some(rest) = line.trim().strip_prefix(FENCE) else {
        return Fence::Text;
    };
    let rest = rest.trim_start_matches(':').trim();
    let word = rest.split_whitespace().next().unwrap_or("");
    if rest.is_empty() {
        Fence::Close
    } else if word.to_lowercase().starts_with("intern") || word.eq_ignore_ascii_case("vertraulich")
    {
        Fence::Open
    } else {
        Fence::Unknown(rest)
    }
}

/// An error for each `:::` line of `file` outside all of `markdowns` (the
/// Markdown texts read from it): in a field that is no Markdown text a
/// marker marks nothing, and the text it was meant to keep internal would
/// be published.
pub fn stray_fences(file: &SourceFile, markdowns: &[&Markdown], diagnostics: &mut Diagnostics) {
    if !file.text.contains(FENCE) {
        return;
    }
    let covered = |line: usize| {
        markdowns
            .iter()
            .any(|markdown| markdown.file == file.path && markdown.covers(line))
    };
    for (index, text) in file.text.lines().enumerate() {
        if fence(text) == Fence::Text || covered(index + 1) {
            continue;
        }
        let column = text
            .find(FENCE)
            .map_or(1, |at| text[..at].chars().count() + 1);
        diagnostics.push(
            Diagnostic::error(format!(
                "`{}` stands in a field that is no Markdown text, where it marks nothing: the text around it would be published",
                text.trim()
            ))
            .at(file.location(index + 1, column))
            .hint("internal passages work only in Markdown texts (`summary:`, `tasks:`, `text:`, a page's body …); move the internal text into one of them between `:::intern` and `:::`, or under `notes_internal:`"),
        );
    }
}

/// For each line of `text`: whether it belongs to an internal passage (the
/// fence lines included). Used by rendering, the leak scan and its messages.
pub fn internal_lines(text: &str) -> Vec<bool> {
    let mut open = false;
    text.lines()
        .map(|line| match fence(line) {
            Fence::Open => {
                open = true;
                true
            }
            Fence::Close if open => {
                open = false;
                true
            }
            _ => open,
        })
        .collect()
}

/// The internal passages of a Markdown text (for the leak scan).
pub fn internal_passages(markdown: &Markdown) -> Vec<String> {
    let mut passages = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.text.lines() {
        match (&mut current, fence(line)) {
            (None, Fence::Open) => current = Some(String::new()),
            (Some(passage), Fence::Close) => {
                passages.push(passage.trim().to_string());
                current = None;
            }
            (Some(passage), _) => {
                passage.push_str(line);
                passage.push('\n');
            }
            (None, _) => {}
        }
    }
    passages.extend(current.map(|p| p.trim().to_string()));
    passages.retain(|p| !p.is_empty());
    passages
}

/// The text of Markdown without markup, one string per block (paragraph,
/// heading, list item, table cell, code block): what a reader sees of it.
pub fn plain_blocks(text: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut blocks = vec![String::new()];
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Text(t) | Event::Code(t) => blocks.last_mut().map_or((), |b| b.push_str(&t)),
            Event::SoftBreak | Event::HardBreak => blocks.last_mut().map_or((), |b| b.push(' ')),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => blocks.push(String::new()),
            _ => {}
        }
    }
    blocks.retain(|b| !b.trim().is_empty());
    blocks
}

/// Call `found` with the offset of each `:::intern` in `text` that is read
/// as text or HTML — inside a paragraph, a quote, a list item, a table cell,
/// or a line that YAML folded into others — where it opens no passage; one
/// shown as code documents the syntax and is left alone.
fn openings_inside_lines(text: &str, mut found: impl FnMut(usize)) {
    if !text.contains(FENCE) {
        return;
    }
    let mut search = |span: Range<usize>| {
        let mut from = span.start;
        while let Some(at) = text[from..span.end].find(FENCE) {
            let at = from + at;
            if fence(&text[at..span.end]) == Fence::Open {
                found(at);
            }
            from = at + FENCE.len();
        }
    };
    let mut spans = TextSpans::default();
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        let read = matches!(
            event,
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_)
        );
        if let Some(span) = spans.take(&event, range, read) {
            search(span);
        }
    }
    if let Some(span) = spans.finish() {
        search(span);
    }
}

/// The text with internal passages replaced (public) or wrapped (internal).
pub(super) struct Prepared {
    pub(super) text: String,
    /// Offsets in `text` after which one line was inserted.
    inserted_lines: Vec<usize>,
}

impl Prepared {
    pub(super) fn location(&self, markdown: &Markdown, offset: usize) -> crate::error::Location {
        let (line, column) = crate::source::line_column(&self.text, offset);
        let inserted = self.inserted_lines.iter().filter(|&&o| o < offset).count();
        markdown.location(line - inserted, column)
    }
}

pub(super) fn prepare(
    markdown: &Markdown,
    options: &RenderOptions<'_>,
    diagnostics: &mut Diagnostics,
) -> Prepared {
    let mut text = String::with_capacity(markdown.text.len());
    let mut inserted_lines = Vec::new();
    let mut open_line: Option<usize> = None;
    for (index, line) in markdown.text.split_inclusive('\n').enumerate() {
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        let here = || markdown.location(index + 1, 1);
        match (open_line, fence(line)) {
            (None, Fence::Open) => {
                open_line = Some(index);
                if options.audience == Audience::Internal {
                    text.push_str(&format!(
                        "<div class=\"intern-passage\" role=\"note\"><p class=\"intern-label\">{}</p>\n",
                        attr(options.internal_label)
                    ));
                    inserted_lines.push(text.len());
                    text.push('\n');
                } else {
                    text.push_str(newline);
                }
            }
            (Some(_), Fence::Close) => {
                open_line = None;
                if options.audience == Audience::Internal {
                    inserted_lines.push(text.len());
                    text.push_str("\n</div>");
                }
                text.push_str(newline);
            }
            (Some(_), Fence::Open) => {
                diagnostics.push(
                    Diagnostic::error("`:::intern` inside an internal passage: passages do not nest")
                        .at(here())
                        .hint("close the first passage with a line that holds only `:::` before opening another"),
                );
                text.push_str(newline);
            }
            (None, Fence::Close) => {
                diagnostics.push(
                    Diagnostic::error("`:::` closes no internal passage")
                        .at(here())
                        .hint("internal passages open with a line `:::intern` and close with a line `:::`; remove the stray line or add the opening one"),
                );
                text.push_str(newline);
            }
            (_, Fence::Unknown(kind)) => {
                diagnostics.push(
                    Diagnostic::error(format!("unknown block `:::{kind}`"))
                        .at(here())
                        .hint("the only block is an internal passage: `:::intern` … `:::`"),
                );
                text.push_str(newline);
            }
            (Some(_), Fence::Text) if options.audience == Audience::Public => {
                text.push_str(newline)
            }
            (_, Fence::Text) => text.push_str(line),
        }
    }
    if let Some(line) = open_line {
        diagnostics.push(
            Diagnostic::error("internal passage `:::intern` is not closed")
                .at(markdown.location(line + 1, 1))
                .hint("end the passage with a line that holds only `:::`"),
        );
    }
    let prepared = Prepared {
        text,
        inserted_lines,
    };
    openings_inside_lines(&prepared.text, |offset| {
        diagnostics.push(
            Diagnostic::error("`:::intern` inside a line opens no internal passage: what follows would be published")
                .at(prepared.location(markdown, offset))
                .hint("put `:::intern` and the closing `:::` each on a line of their own, outside quotes, lists and tables; in a YAML text folded with `>`, lines are joined, so leave a blank line before and after each of them, or write the text with `|`"),
        );
    });
    prepared
}
