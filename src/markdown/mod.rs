//! Markdown to HTML: pulldown-cmark with tables, footnotes and heading ids, a
//! table of contents, `[[Begriff]]` glossary links, highlighted code blocks,
//! tables that scroll sideways by themselves ([`tables`]), and internal passages
//! (`:::intern` … `:::`), which only the internal audience sees: the public
//! render replaces them with blank lines first.

use crate::error::{Diagnostic, Diagnostics};
use crate::highlight;
use crate::model::Markdown;
use crate::view::Audience;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::BTreeSet;

mod passages;
mod spans;
mod tables;

use passages::prepare;
pub use passages::{internal_lines, internal_passages, plain_blocks, stray_fences};
use spans::TextSpans;
use tables::Tables;

/// A heading for the table of contents.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// The heading's `id` attribute.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// Rendered Markdown.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// `##` and `###` headings in order.
    pub toc: Vec<TocEntry>,
}

/// A resolved glossary link.
pub struct TermLink {
    /// Site-root-relative URL of the term page.
    pub href: String,
    /// The term's name, used as the link's title.
    pub title: String,
}

/// Resolves the target of a `[[…]]` link.
pub trait TermResolver {
    /// The link for a term name, alias or slug, if there is such a term.
    fn resolve(&self, target: &str) -> Option<TermLink>;
}

/// How to render.
pub struct RenderOptions<'a> {
    /// Who the output is for; the public audience never sees internal passages.
    pub audience: Audience,
    /// Label of an internal passage in the internal build.
    pub internal_label: &'a str,
    /// Name of a table's scroll region, before its column headers.
    pub table_label: &'a str,
}

/// Check the `[[…]]` links and internal passages of `markdown` without
/// rendering it (validation runs this on every text, for both audiences).
pub fn check(markdown: &Markdown, terms: &dyn TermResolver, diagnostics: &mut Diagnostics) {
    let options = RenderOptions {
        audience: Audience::Internal,
        internal_label: "",
        table_label: "",
    };
    let prepared = prepare(markdown, &options, diagnostics);
    // Only a text with `[[` can hold a link to check.
    if !prepared.text.contains("[[") {
        return;
    }
    // The wiki link being read: where it starts, and whether it has text.
    let mut link: Option<(usize, bool)> = None;
    let mut spans = TextSpans::default();
    // Links only: tables, footnotes and smart punctuation change no link
    // and no `[[`, and this runs on every text of the site.
    for (event, range) in
        Parser::new_ext(&prepared.text, Options::ENABLE_WIKILINKS).into_offset_iter()
    {
        match &event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                let known = terms.resolve(dest_url.trim()).is_some();
                if !known {
                    diagnostics.push(unknown_term(
                        dest_url.trim(),
                        prepared.location(markdown, range.start),
                    ));
                }
                // A link to no term is reported as that, text or not.
                link = Some((range.start, !known));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, false)) = link.take() {
                    diagnostics.push(
                        Diagnostic::error("glossary link `[[…|]]` without text")
                            .at(prepared.location(markdown, start))
                            .hint("write the text after `|`, or leave `|` out to show the term: `[[duldung|geduldet]]`, `[[Duldung]]`"),
                    );
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, has_text)) = &mut link {
                    *has_text |= !text.trim().is_empty();
                }
            }
            _ => {}
        }
        // Text outside a link, read as written: `[[]]` comes in pieces.
        let text = matches!(event, Event::Text(_)) && link.is_none();
        if let Some(span) = spans.take(&event, range, text) {
            stray_brackets(span, &prepared, markdown, diagnostics);
        }
    }
    if let Some(span) = spans.finish() {
        stray_brackets(span, &prepared, markdown, diagnostics);
    }
}

/// An error for a `[[` in the text `span` of `prepared`: one the parser did
/// not take for a link (`[[]]`, `[[|Text]]`), which would be published as
/// written.
fn stray_brackets(
    span: std::ops::Range<usize>,
    prepared: &passages::Prepared,
    markdown: &Markdown,
    diagnostics: &mut Diagnostics,
) {
    if let Some(at) = prepared.text[span.clone()].find("[[") {
        diagnostics.push(
            Diagnostic::error("`[[` opens no glossary link here")
                .kind(crate::error::Kind::Reference)
                .at(prepared.location(markdown, span.start + at))
                .hint("a glossary link names a term before `|` and ends with `]]`: `[[Duldung]]` or `[[duldung|geduldet]]`"),
        );
    }
}

fn unknown_term(target: &str, location: crate::error::Location) -> Diagnostic {
    Diagnostic::error(format!("unknown glossary term `{target}` in `[[…]]` link"))
        .kind(crate::error::Kind::Reference)
        .at(location)
        .hint("link an existing term by its name, an alias or its slug, e.g. `[[Duldung]]` or `[[duldung|geduldet]]`, or add the term to content/glossary/")
}

/// The Markdown a text is rendered with.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Render `markdown` for an audience, resolving glossary links; problems go to `diagnostics`.
pub fn render(
    markdown: &Markdown,
    options: &RenderOptions<'_>,
    terms: &dyn TermResolver,
    diagnostics: &mut Diagnostics,
) -> Rendered {
    let prepared = prepare(markdown, options, diagnostics);
    let text = prepared.text.as_str();
    let parser_options = parser_options();

    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut used_ids = BTreeSet::new();
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<(usize, Vec<Event<'_>>)> = None;
    let mut broken_link_depth = 0usize;
    let mut tables = Tables::default();

    for (event, range) in Parser::new_ext(text, parser_options).into_offset_iter() {
        if let Some((language, buffer)) = &mut code {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlight::highlight(buffer, language).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => highlight::fence_language(&info).to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            start @ Event::Start(Tag::Heading { .. }) => {
                heading = Some((events.len(), Vec::new()));
                events.push(start);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, inner)) = heading.take() {
                    let title = plain_text(&inner);
                    let id = match &events[start] {
                        Event::Start(Tag::Heading { id: Some(id), .. }) => id.to_string(),
                        _ => unique_id(&slugify(&title), &mut used_ids),
                    };
                    used_ids.insert(id.clone());
                    let level_number = level as u8;
                    if (2..=3).contains(&level_number) {
                        toc.push(TocEntry {
                            level: level_number,
                            id: id.clone(),
                            title,
                        });
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(id.into());
                    }
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => match terms.resolve(dest_url.trim()) {
                Some(link) => events.push(Event::Html(
                    format!(
                        "<a class=\"term-link\" href=\"{}\" title=\"{}\">",
                        attr(&link.href),
                        attr(&link.title)
                    )
                    .into(),
                )),
                None => {
                    broken_link_depth += 1;
                    diagnostics.push(unknown_term(
                        dest_url.trim(),
                        prepared.location(markdown, range.start),
                    ));
                }
            },
            // A checklist box as a character, not a form control without a label.
            Event::TaskListMarker(done) => events.push(Event::Html(
                if done {
                    "<span class=\"task-box\" aria-hidden=\"true\">☑</span> "
                } else {
                    "<span class=\"task-box\" aria-hidden=\"true\">☐</span> "
                }
                .into(),
            )),
            Event::End(TagEnd::Link) if broken_link_depth > 0 => broken_link_depth -= 1,
            Event::End(TagEnd::Link) => events.push(Event::Html("</a>".into())),
            start @ Event::Start(Tag::Table(_)) => {
                tables.start(events.len());
                events.push(Event::Html(String::new().into()));
                events.push(start);
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>".into()));
                if let Some((at, open)) = tables.end(options.table_label) {
                    events[at] = Event::Html(open.into());
                }
            }
            other => {
                tables.read(&other);
                if let Some((_, inner)) = &mut heading {
                    inner.push(other.clone());
                }
                events.push(other);
            }
        }
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html: add_table_header_scope(html),
        toc,
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn unique_id(base: &str, used: &mut BTreeSet<String>) -> String {
    let base = if base.is_empty() { "abschnitt" } else { base };
    if !used.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !used.contains(candidate))
        .unwrap_or_else(|| base.to_string())
}

/// A URL- and id-safe slug: lower case, umlauts transliterated, dashes between words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => slug.push_str("ae"),
            'ö' => slug.push_str("oe"),
            'ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ => {
                if !slug.ends_with('-') && !slug.is_empty() {
                    slug.push('-');
                }
            }
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Escape text for an HTML attribute or text node.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown tables only put `th` in the header row: mark them as column
/// headers. Most fragments have no table and are returned as they are.
fn add_table_header_scope(html: String) -> String {
    if !html.contains("<th") {
        return html;
    }
    html.replace("<th>", "<th scope=\"col\">")
        .replace("<th style=", "<th scope=\"col\" style=")
}

#[cfg(test)]
mod tests;
