//! Code highlighting with syntect: syntaxes and theme load once per process;
//! HTML uses classes (`hl-…`), and one CSS file carries the colours, darkened
//! where needed so every token keeps a contrast of at least 4.5:1.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock, PoisonError};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::markdown::attr as escape;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const BACKGROUND: (u8, u8, u8) = (0xf6, 0xf8, 0xfa);

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let _span = crate::timings::span("syntaxes");
        SyntaxSet::load_defaults_newlines()
    })
}

/// Warm the syntax set up (the preview server calls it once at start).
pub fn preload() {
    let _ = syntaxes();
}

/// The language a fenced code block's info string names: its first word
/// (`yaml` of "yaml title=x"), or "" for none.
pub fn fence_language(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or("")
}

/// The languages [`warm_up`] highlighted a block of.
static WARMED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Make the stylesheet, and highlight the first fenced code block of each
/// language the Markdown `texts` use, once per process and language: syntect
/// compiles a syntax's patterns when it first meets them (5 ms for YAML), so
/// a build that does this beside its validation finds them ready when its
/// pages need them.
pub fn warm_up<'a>(texts: impl IntoIterator<Item = &'a str>) {
    let _ = css();
    for text in texts {
        if !text.contains("```") && !text.contains("~~~") {
            continue;
        }
        let mut block: Option<(String, String)> = None;
        for event in Parser::new(text) {
            match (&mut block, event) {
                (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                    let language = fence_language(&info);
                    let new = !language.is_empty()
                        && WARMED
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(language.to_string());
                    if new {
                        block = Some((language.to_string(), String::new()));
                    }
                }
                (Some((_, code)), Event::Text(text)) => code.push_str(&text),
                (Some(_), Event::End(TagEnd::CodeBlock)) => {
                    if let Some((language, code)) = block.take() {
                        let _ = highlight(&code, &language);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Highlight `code` written in `language` (a fence token such as `yaml`) to
/// `<pre><code>` HTML with classes. Unknown languages are escaped as plain text.
pub fn highlight(code: &str, language: &str) -> String {
    let set = syntaxes();
    let syntax = (!language.is_empty())
        .then(|| set.find_syntax_by_token(language))
        .flatten();
    let lang_attr = escape(language);
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\"><code data-lang=\"{lang_attr}\">{}</code></pre>\n",
            escape(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code data-lang=\"{lang_attr}\">{}</code></pre>\n",
                escape(code)
            );
        }
    }
    format!(
        "<pre class=\"code hl-code\"><code data-lang=\"{lang_attr}\">{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code, generated once per process.
pub fn css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let _span = crate::timings::span("highlight css");
        let themes = ThemeSet::load_defaults();
        let theme = &themes.themes["InspiredGitHub"];
        let css = css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
        ensure_contrast_in_css(&css)
    })
}

/// Darken every `color: #rrggbb` until it reaches 4.5:1 against the code background,
/// and drop background colours so the block keeps one background.
fn ensure_contrast_in_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("background-color:") {
            continue;
        }
        if let Some(hex) = trimmed
            .strip_prefix("color: #")
            .and_then(|rest| rest.strip_suffix(';'))
            .and_then(parse_hex)
        {
            let (r, g, b) = darken_to_contrast(hex, BACKGROUND, 4.6);
            out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn parse_hex(hex: &str) -> Option<(u8, u8, u8)> {
    let hex = hex.get(..6)?;
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn darken_to_contrast(
    mut colour: (u8, u8, u8),
    background: (u8, u8, u8),
    ratio: f64,
) -> (u8, u8, u8) {
    while contrast(colour, background) < ratio && colour != (0, 0, 0) {
        let step = |c: u8| (f64::from(c) * 0.9) as u8;
        colour = (step(colour.0), step(colour.1), step(colour.2));
    }
    colour
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warming_up_highlights_one_fenced_block_per_language() {
        warm_up([
            "# Seite\n\n```toml\na = 1\n```\n\n~~~ini extra\n[a]\n~~~\n",
            "    eingerückt, ohne Sprache\n",
            "```\nohne Sprache\n```\n",
        ]);
        let warmed = WARMED.lock().expect("not poisoned");
        assert!(
            warmed.contains("toml") && warmed.contains("ini"),
            "{warmed:?}"
        );
        assert!(!warmed.contains(""));
    }

    #[test]
    fn highlights_yaml_with_classes() {
        let html = highlight("key: value\n", "yaml");
        assert!(html.starts_with("<pre class=\"code hl-code\"><code data-lang=\"yaml\">"));
        assert!(html.contains("class=\"hl-"));
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = highlight("<b>", "nosuchlang");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-"));
    }

    #[test]
    fn css_colours_meet_contrast() {
        for line in css().lines() {
            if let Some(hex) = line.trim().strip_prefix("color: #").and_then(parse_hex) {
                assert!(contrast(hex, BACKGROUND) >= 4.5, "{line}");
            }
        }
        assert!(css().contains(".hl-"));
    }
}
