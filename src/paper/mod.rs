//! The interface paper as one file to pass on (internal build only).
//!
//! Steps, per region: render `paper_standalone.html` with the theme's CSS
//! inlined, unwrap links into the site (they lead nowhere once the file is
//! passed on), refuse anything that would load from elsewhere; with a
//! passphrase, seal the page into `paper_sealed.html`, which decrypts in the
//! browser. Sealed files differ on every build (random salt and nonce): the
//! one exception to byte-identical output.

pub mod crypto;
pub mod passphrase;

pub use crypto::Passphrase;

use crate::error::{Diagnostic, Location, Result};
use crate::output::OutputFile;
use crate::render::theme::Theme;
use crate::view::{InternalSite, View};
use minijinja::value::Serde;
use minijinja::{context, Environment, Value};
use rayon::prelude::*;

/// Stands where the CSS goes until the page shows whether it needs the
/// highlighting styles too.
const CSS_SLOT: &str = "/*dienstweg:css*/";

/// Output path of a region's paper file.
pub fn path(slug: &str) -> String {
    format!("regionen/{slug}/schnittstellenpapier-{slug}.html")
}

/// The template that made the paper file at output path `path` (see
/// [`path`]), if it is one: the sealed file's when the papers are `sealed`.
pub fn template_of(path: &str, sealed: bool) -> Option<&'static str> {
    let (folder, name) = path.strip_prefix("regionen/")?.split_once('/')?;
    let is_paper = name
        .strip_prefix("schnittstellenpapier-")
        .and_then(|rest| rest.strip_suffix(".html"))
        == Some(folder);
    is_paper.then_some(if sealed {
        "paper_sealed.html"
    } else {
        "paper_standalone.html"
    })
}

/// One self-contained paper per region; sealed when a passphrase is given.
pub fn standalone(
    view: &InternalSite,
    theme: &Theme,
    env: &Environment<'static>,
    passphrase: Option<&Passphrase>,
) -> Result<Vec<OutputFile>> {
    let site = view.site();
    let key = passphrase
        .map(crypto::SealingKey::new)
        .transpose()
        .map_err(Diagnostic::error)?;
    let site_value = Value::from(Serde(site));
    let strings = Value::from(Serde(&theme.strings));
    let internal = view
        .internal()
        .map_or_else(|| Value::from(()), |x| Value::from(Serde(x)));
    let site_css = theme
        .static_files
        .get("css/site.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let group_css = crate::view::group_stylesheet(&site.catalog.groups);
    let title_of = |name: &str| format!("{} {name}", theme.string("titles.paper"));
    let results: Vec<std::result::Result<OutputFile, Diagnostic>> = site
        .regions
        .par_iter()
        .enumerate()
        .map(|(index, region)| {
            let title = title_of(&region.name);
            let render = |template: &str, extra: Value| {
                let page = context! {
                    path => path(&region.slug),
                    title => title.clone(),
                    section => "regions",
                    region => index,
                    sub => "schnittstellenpapier",
                    standalone => true,
                    ..extra
                };
                env.get_template(template)
                    .and_then(|t| {
                        t.render(context! {
                            site => site_value.clone(),
                            t => strings.clone(),
                            internal => internal.clone(),
                            page => page,
                        })
                    })
                    .map_err(|err| {
                        crate::render::render_error(&err, theme, template)
                            .in_file(path(&region.slug))
                    })
            };
            let html = render("paper_standalone.html", context! { css => CSS_SLOT })?;
            let mut css = site_css.clone();
            css.push_str(&group_css);
            if html.contains("class=\"hl-") {
                css.push_str(crate::highlight::css());
            }
            let html = unwrap_site_links(&html.replacen(CSS_SLOT, &css, 1));
            if let Some(reference) = external_reference(&html) {
                return Err(Diagnostic::error(format!(
                    "the paper file for `{}` would load `{reference}` from elsewhere",
                    region.name
                ))
                .at(template_location(theme, "paper_standalone.html"))
                .hint(
                    "a paper file must work on its own: inline styles and images as data: URLs",
                ));
            }
            let bytes = match &key {
                None => html.into_bytes(),
                Some(key) => {
                    let sealed = key.seal(html.as_bytes()).map_err(Diagnostic::error)?;
                    let payload = serde_json::to_string(&sealed)
                        .map_err(|err| Diagnostic::error(format!("sealing failed: {err}")))?;
                    render(
                        "paper_sealed.html",
                        context! { css => css, sealed => payload },
                    )?
                    .into_bytes()
                }
            };
            Ok(OutputFile::new(path(&region.slug), bytes))
        })
        .collect();
    crate::error::collect(results)
}

fn template_location(theme: &Theme, name: &str) -> Location {
    theme.templates.get(name).map_or_else(
        || Location::file(format!("themes/default/templates/{name}")),
        |(path, _)| Location::file(path.clone()),
    )
}

/// Replace links into the site (`<a href="/…">` and relative ones) by their
/// text; keep in-page anchors, `mailto:`, `tel:` and absolute web links.
pub fn unwrap_site_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let Some(end) = tag.find('>') else {
            out.push_str(tag);
            return out;
        };
        let href = attribute(&tag[..end], "href").unwrap_or_default();
        let keep = href.starts_with('#')
            || href.starts_with("mailto:")
            || href.starts_with("tel:")
            || href.starts_with("https://")
            || href.starts_with("http://");
        if keep {
            out.push_str(&tag[..=end]);
            rest = &tag[end + 1..];
            continue;
        }
        let inner = &tag[end + 1..];
        match inner.find("</a>") {
            Some(close) => {
                out.push_str(&inner[..close]);
                rest = &inner[close + 4..];
            }
            None => {
                out.push_str(inner);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

/// The first reference that would make a browser fetch something: a `src`,
/// a stylesheet link, a CSS `url()` or `@import` that is not a `data:` URL.
pub fn external_reference(html: &str) -> Option<String> {
    for pattern in [" src=\"", " srcset=\"", " poster=\"", " data=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(pattern) {
            let value = &rest[start + pattern.len()..];
            let end = value.find('"').unwrap_or(value.len());
            if !value[..end].starts_with("data:") {
                return Some(value[..end].to_string());
            }
            rest = &value[end..];
        }
    }
    let lower = html.to_ascii_lowercase();
    for pattern in ["<link ", "@import", "<iframe", "<object", "<embed"] {
        if let Some(start) = lower.find(pattern) {
            let shown: String = html[start..].chars().take(60).collect();
            return Some(shown);
        }
    }
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("url(") {
        let value = rest[start + 4..].trim_start_matches(['"', '\'', ' ']);
        if !value.starts_with("data:") && !value.starts_with('#') {
            let shown: String = value.chars().take(60).collect();
            return Some(format!("url({shown}"));
        }
        rest = &rest[start + 4..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paper_file_is_known_by_its_path() {
        assert_eq!(
            template_of(&path("leipzig"), false),
            Some("paper_standalone.html")
        );
        assert_eq!(
            template_of(&path("leipzig"), true),
            Some("paper_sealed.html")
        );
        for other in [
            "regionen/leipzig/schnittstellenpapier/index.html",
            "regionen/leipzig/schnittstellenpapier-dresden.html",
            "schnittstellenpapier-leipzig.html",
        ] {
            assert_eq!(template_of(other, false), None, "{other}");
        }
    }

    #[test]
    fn site_links_become_text_others_stay() {
        assert_eq!(
            unwrap_site_links(
                "<a class=\"term-link\" href=\"/glossar/duldung/\" title=\"Duldung\">Duldung</a>, <a href=\"#matrix\">M</a>, <a href=\"mailto:a@b.de\">a</a>, <a href=\"https://x.de/\">x</a>"
            ),
            "Duldung, <a href=\"#matrix\">M</a>, <a href=\"mailto:a@b.de\">a</a>, <a href=\"https://x.de/\">x</a>"
        );
    }

    #[test]
    fn external_references_are_found() {
        assert_eq!(
            external_reference("<p>ok</p><img src=\"data:image/png;base64,AA\">"),
            None
        );
        assert_eq!(
            external_reference("<img src=\"/a.png\">").as_deref(),
            Some("/a.png")
        );
        assert!(external_reference("<link rel=\"stylesheet\" href=\"a.css\">").is_some());
        assert!(external_reference("<style>b{background:url(x.png)}</style>").is_some());
        assert!(external_reference("<style>@import 'x.css';</style>").is_some());
    }
}
