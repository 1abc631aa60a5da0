//! Markdown to HTML: pulldown-cmark with tables, footnotes and heading ids, a
//! table of contents, `[[Begriff]]` glossary links, highlighted code blocks,
//! and internal passages (`:::intern` … `:::`), which only the internal
//! audience sees: the public render replaces them with blank lines first.

use crate::error::{Diagnostic, Diagnostics};
use crate::highlight;
use crate::model::Markdown;
use crate::view::Audience;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::BTreeSet;

mod passages;

use passages::prepare;
pub use passages::{internal_lines, internal_passages, plain_blocks};

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
}

/// Check the `[[…]]` links and internal passages of `markdown` without
/// rendering it (validation runs this on every text, for both audiences).
pub fn check(markdown: &Markdown, terms: &dyn TermResolver, diagnostics: &mut Diagnostics) {
    let options = RenderOptions {
        audience: Audience::Internal,
        internal_label: "",
    };
    let prepared = prepare(markdown, &options, diagnostics);
    // Only a text with `[[` can hold a link to check.
    if !prepared.text.contains("[[") {
        return;
    }
    for (event, range) in
        Parser::new_ext(&prepared.text, Options::ENABLE_WIKILINKS).into_offset_iter()
    {
        if let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) = event
        {
            if terms.resolve(dest_url.trim()).is_none() {
                diagnostics.push(unknown_term(
                    dest_url.trim(),
                    prepared.location(markdown, range.start),
                ));
            }
        }
    }
}

fn unknown_term(target: &str, location: crate::error::Location) -> Diagnostic {
    Diagnostic::error(format!("unknown glossary term `{target}` in `[[…]]` link"))
        .kind(crate::error::Kind::Reference)
        .at(location)
        .hint("link an existing term by its name, an alias or its slug, e.g. `[[Duldung]]` or `[[duldung|geduldet]]`, or add the term to content/glossary/")
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
    let mut parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS;
    parser_options.insert(Options::ENABLE_SMART_PUNCTUATION);

    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut used_ids = BTreeSet::new();
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<(usize, Vec<Event<'_>>)> = None;
    let mut broken_link_depth = 0usize;

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
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
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
            other => {
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
mod tests {
    use super::*;

    struct Terms;
    impl TermResolver for Terms {
        fn resolve(&self, target: &str) -> Option<TermLink> {
            (target.eq_ignore_ascii_case("duldung")).then(|| TermLink {
                href: "/glossar/duldung/".into(),
                title: "Duldung".into(),
            })
        }
    }

    fn md(text: &str) -> Markdown {
        Markdown {
            text: text.into(),
            file: "content/guide/a.md".into(),
            first_line: 5,
            column_offset: 0,
        }
    }

    fn render_for(text: &str, audience: Audience) -> (Rendered, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let options = RenderOptions {
            audience,
            internal_label: "Intern",
        };
        let rendered = render(&md(text), &options, &Terms, &mut diagnostics);
        (rendered, diagnostics)
    }

    #[test]
    fn headings_get_ids_and_toc() {
        let (out, _) = render_for(
            "## Schritt für Schritt\n\n## Schritt für Schritt\n",
            Audience::Public,
        );
        assert!(out.html.contains("<h2 id=\"schritt-fuer-schritt\">"));
        assert!(out.html.contains("<h2 id=\"schritt-fuer-schritt-2\">"));
        assert_eq!(out.toc.len(), 2);
        assert_eq!(out.toc[0].title, "Schritt für Schritt");
    }

    #[test]
    fn glossary_links_resolve_and_broken_ones_are_located() {
        let (out, diagnostics) = render_for(
            "Text\n\nSiehe [[Duldung]] und [[duldung|geduldet]] und [[Nix]].\n",
            Audience::Public,
        );
        assert!(out.html.contains(
            "<a class=\"term-link\" href=\"/glossar/duldung/\" title=\"Duldung\">Duldung</a>"
        ));
        assert!(out.html.contains(">geduldet</a>"));
        let errors: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("unknown glossary term `Nix`"),
            "{errors:?}"
        );
        assert!(errors[0].contains("content/guide/a.md:7:"), "{errors:?}");
    }

    #[test]
    fn internal_passages_only_for_internal_audience() {
        let text = "Vorher\n\n:::intern\nGeheim *wichtig*\n:::\n\nNachher [[Nix]]\n";
        let (public, diagnostics) = render_for(text, Audience::Public);
        assert!(!public.html.contains("Geheim"));
        assert!(public.html.contains("Nachher"));
        assert!(diagnostics.sorted()[0].to_string().contains("a.md:11:"));
        let (internal, diagnostics) = render_for(text, Audience::Internal);
        assert!(internal.html.contains("<em>wichtig</em>"));
        assert!(internal.html.contains("intern-passage"));
        assert!(diagnostics.sorted()[0].to_string().contains("a.md:11:"));
        assert_eq!(
            internal_passages(&md(text)),
            vec!["Geheim *wichtig*".to_string()]
        );
    }

    #[test]
    fn internal_passages_in_any_spelling_are_hidden_and_odd_fences_are_errors() {
        for opening in [
            "::: intern",
            "::::Intern",
            ":::internal",
            "  :::intern Hinweis",
            ":::vertraulich",
        ] {
            let text = format!("Vorher\n\n{opening}\nGeheim\n:::\n\nNachher\n");
            let (public, diagnostics) = render_for(&text, Audience::Public);
            assert!(!public.html.contains("Geheim"), "{opening}");
            assert!(!diagnostics.has_errors(), "{opening}");
            assert_eq!(internal_passages(&md(&text)), vec!["Geheim".to_string()]);
        }
        for (text, message) in [
            (":::intern\na\n:::intern\nb\n:::\n", "do not nest"),
            ("a\n:::\nb\n", "closes no internal passage"),
            (":::warnung\na\n:::\n", "unknown block `:::warnung`"),
        ] {
            let (public, diagnostics) = render_for(text, Audience::Public);
            let errors: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
            assert!(
                errors.iter().any(|e| e.contains(message)),
                "{text}: {errors:?}"
            );
            assert!(!public.html.contains(":::"), "{text}");
        }
        assert_eq!(
            internal_lines("a\n:::intern\nb\n:::\nc"),
            vec![false, true, true, true, false]
        );
        assert_eq!(
            plain_blocks("Ein *Satz* mit [Link](/x) und [[Duldung]].\n\n- Punkt"),
            vec![
                "Ein Satz mit Link und Duldung.".to_string(),
                "Punkt".to_string()
            ]
        );
    }

    #[test]
    fn unclosed_internal_passage_is_an_error() {
        let (_, diagnostics) = render_for("a\n:::intern\nb\n", Audience::Public);
        assert!(diagnostics.has_errors());
    }

    #[test]
    fn tables_and_code() {
        let (out, _) = render_for(
            "| A |\n|---|\n| b |\n\n```yaml\nk: v\n```\n",
            Audience::Public,
        );
        assert!(out.html.contains("<th scope=\"col\">A</th>"));
        assert!(out.html.contains("hl-code"));
    }

    #[test]
    fn task_lists_render_as_characters() {
        let (out, _) = render_for("- [ ] offen\n- [x] erledigt\n", Audience::Public);
        assert!(out.html.contains("☐</span> offen"));
        assert!(out.html.contains("☑</span> erledigt"));
        assert!(!out.html.contains("<input"));
    }

    #[test]
    fn slugify_transliterates() {
        assert_eq!(
            slugify("Übertragung auf andere Bundesländer!"),
            "uebertragung-auf-andere-bundeslaender"
        );
    }
}
