//! The source of the text a Markdown parser reads, span by span. The parser
//! hands text over in pieces (`[[]]` as `[`, `[` and `]]`), so a check for a
//! marker reads the pieces that stand side by side in the source as one
//! span; text in a code block shows the marker as code and is not read.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// The spans of text, made as the parser's events arrive.
#[derive(Default)]
pub(super) struct TextSpans {
    open: Option<Range<usize>>,
    code_blocks: usize,
}

impl TextSpans {
    /// Take the event at `range`, which is text to read if `text` says so
    /// (the caller decides what counts: text, HTML); returns the span it
    /// ends, if it ends one.
    pub(super) fn take(
        &mut self,
        event: &Event<'_>,
        range: Range<usize>,
        text: bool,
    ) -> Option<Range<usize>> {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => {
                self.code_blocks = self.code_blocks.saturating_sub(1);
            }
            _ if text && self.code_blocks == 0 => {
                return match self.open.take() {
                    Some(open) if open.end == range.start => {
                        self.open = Some(open.start..range.end);
                        None
                    }
                    ended => {
                        self.open = Some(range);
                        ended
                    }
                };
            }
            _ => {}
        }
        self.open.take()
    }

    /// The span still open after the last event.
    pub(super) fn finish(self) -> Option<Range<usize>> {
        self.open
    }
}
