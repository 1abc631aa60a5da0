//! Render: a view → output files in memory, pages in parallel.
//!
//! Steps: set up one minijinja environment with the theme's templates (strict
//! undefined: a template that reads a missing field fails the build; a value
//! printed into an HTML attribute without quotes too, see [`lint`]), serialise
//! the view once into a shared value, plan the pages, render each page with a
//! small page context, make its links relative, then add static files.

pub mod data;
pub mod extra;
pub mod feeds;
mod lint;
pub mod pages;
pub mod search;
pub mod shared;
pub mod theme;
pub mod urls;

use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::output::OutputFile;
use crate::view::View;
use minijinja::value::{Kwargs, Serde};
use minijinja::{context, Environment, UndefinedBehavior, Value};
use rayon::prelude::*;
use theme::Theme;

/// Set up the template environment for a theme.
pub fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if is_markup(name) {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.add_filter("datum", |value: String| -> String {
        crate::model::Date::parse(&value).map_or(value, |d| d.german())
    });
    env.add_filter("css_string", |value: String| -> Value {
        Value::from_safe_string(css_string(&value))
    });
    env.add_filter("tel", |value: String| -> String {
        crate::view::tel_link(&value)
    });
    env.add_filter("fill", fill);
    env.add_function("shared", shared::shared);
    let mut diagnostics = Diagnostics::new();
    for (name, (path, source)) in &theme.templates {
        if let Err(err) = env.add_template_owned(name.clone(), source.clone()) {
            diagnostics.push(template_error(&err, path, Some(source)));
        } else if is_markup(name) {
            for unquoted in lint::unquoted_attributes(path, source) {
                diagnostics.push(unquoted);
            }
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(env)
}

/// Whether the template `name` makes HTML, SVG or XML: autoescaped, linted.
fn is_markup(name: &str) -> bool {
    [".html", ".xml", ".svg"]
        .iter()
        .any(|extension| name.ends_with(extension))
}

/// An interface string with its `{name}` placeholders filled from the
/// keyword arguments, in one pass: `t.x | fill(yes=3, no=1)`. A placeholder
/// without an argument stays as written, and an argument may go unused (of
/// a list of strings, only some may hold it).
fn fill(text: &str, values: Kwargs) -> std::result::Result<String, minijinja::Error> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]).filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        });
        match name.map(|name| (name, values.peek::<Option<Value>>(name))) {
            Some((name, value)) => {
                match value? {
                    Some(value) => out.push_str(&value.to_string()),
                    None => out.push_str(&rest[open..open + name.len() + 2]),
                }
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// `text` as a quoted CSS string, safe inside a `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An error of rendering `template` of `theme` as a located diagnostic: at
/// the template that failed, which is an included one when an include
/// failed (minijinja reports "error in" the included template and keeps the
/// cause as the error's source). Never with minijinja's debug dump of the
/// values, which would print the audience's data into the message.
pub(crate) fn render_error(err: &minijinja::Error, theme: &Theme, template: &str) -> Diagnostic {
    let mut innermost = err;
    while let Some(inner) = std::error::Error::source(innermost)
        .and_then(|source| source.downcast_ref::<minijinja::Error>())
    {
        innermost = inner;
    }
    let name = innermost.name().or(err.name()).unwrap_or(template);
    match theme.templates.get(name) {
        Some((path, source)) => template_error(innermost, path, Some(source)),
        None => template_error(innermost, std::path::Path::new(name), None),
    }
}

/// A template error as a located diagnostic; with the template's `source`,
/// the column of the failing expression too.
fn template_error(
    err: &minijinja::Error,
    path: &std::path::Path,
    source: Option<&str>,
) -> Diagnostic {
    let mut message = format!("template error: {}", err.kind());
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    // The failing expression as written (`term.glos`), when it is short.
    let written = err
        .range()
        .zip(source)
        .and_then(|(range, source)| source.get(range))
        .map(str::trim)
        .filter(|text| !text.is_empty() && !text.contains('\n') && text.chars().count() <= 80);
    if let Some(written) = written.filter(|written| !message.contains(written)) {
        message.push_str(&format!(" in `{written}`"));
    }
    let column = err
        .range()
        .zip(source)
        .and_then(|(range, source)| source.get(..range.start))
        .map_or(0, |before| {
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            before[line_start..].chars().count() + 1
        });
    let location = Location::new(path, err.line().unwrap_or(0), column);
    let hint = if err.kind() == minijinja::ErrorKind::UndefinedError {
        "the template reads a value that does not exist for this page or audience; guard it with `is defined` or fix the name"
    } else {
        "see the minijinja template syntax"
    };
    Diagnostic::error(message).at(location).hint(hint)
}

/// The page plan of a view, with titles and descriptions from the theme.
pub fn plan<V: View>(view: &V, theme: &Theme) -> Vec<pages::Page> {
    let title = |key: &str| theme.string(&format!("titles.{key}"));
    let describe = |key: &str| theme.string(&format!("descriptions.{key}"));
    pages::plan(view.site(), &title, &describe)
}

/// Render every page of `view` with `theme`, in parallel, handing each to
/// `emit` as soon as it is made; pages not yet started when `cancelled`
/// turns true fail as cancelled.
pub fn render<V: View>(
    view: &V,
    theme: &Theme,
    env: &Environment<'static>,
    cancelled: &(dyn Fn() -> bool + Sync),
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Result<()> {
    let set = PageSet::new(view, theme);
    let pages_span = crate::timings::span("pages");
    let errors = set.render_all(theme, env, cancelled, emit);
    drop(pages_span);
    crate::drop_in_background(set);
    errors.into_result()
}

/// The view `make` builds, then the plan of its pages.
pub fn view_and_pages<V: View>(
    theme: &Theme,
    make: impl FnOnce() -> Result<V>,
) -> Result<(V, PageSet)> {
    let view = {
        let _span = crate::timings::span("view");
        make()?
    };
    let _span = crate::timings::span("page set");
    let pages = PageSet::new(&view, theme);
    Ok((view, pages))
}

/// Every output file of `view` that is not a page: [`derived_files`] and
/// [`asset_files`].
pub fn site_files<V: View>(view: &V, theme: &Theme) -> Result<Vec<OutputFile>> {
    let mut files = derived_files(view, theme)?;
    files.extend(asset_files(theme));
    Ok(files)
}

/// The files made from the whole site: robots.txt, feeds and sitemap, open
/// data.
pub fn derived_files<V: View>(view: &V, theme: &Theme) -> Result<Vec<OutputFile>> {
    let mut files = extra::files(view);
    files.extend(feeds::files(view, theme));
    files.extend(data::files(view, theme)?);
    Ok(files)
}

/// The theme's static files and the highlighting stylesheet.
pub fn asset_files(theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone()))
        .collect();
    files.push(OutputFile::new(
        "css/highlight.css".into(),
        crate::highlight::css().as_bytes().to_vec(),
    ));
    files
}

/// The pages of one view, ready to render all at once or one at a time (the
/// preview renders a page when it is asked for): the plan and the values
/// every page shares, serialised once.
pub struct PageSet {
    pages: Vec<pages::Page>,
    by_path: std::collections::HashMap<String, usize>,
    site: Value,
    strings: Value,
    internal: Value,
    base_url: String,
    /// Output the pages share ([`shared`]).
    shared: Value,
}

impl PageSet {
    /// Plan the pages of `view` and serialise what they share.
    pub fn new<V: View>(view: &V, theme: &Theme) -> PageSet {
        let pages = plan(view, theme);
        let by_path = pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.path.clone(), index))
            .collect();
        PageSet {
            by_path,
            site: Value::from(Serde(view.site())),
            strings: Value::from(Serde(&theme.strings)),
            internal: match view.internal() {
                Some(extras) => Value::from(Serde(extras)),
                None => Value::from(()),
            },
            base_url: view.site().config.base_url.clone(),
            shared: Value::from_object(shared::Shared::default()),
            pages,
        }
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether the plan has no pages.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The template of the page with output path `path`.
    pub fn template_of(&self, path: &str) -> Option<&'static str> {
        Some(self.pages[*self.by_path.get(path)?].template)
    }

    /// Whether the plan has a page with output path `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    /// Render the page with output path `path`, if the plan has one.
    pub fn render_path(
        &self,
        path: &str,
        theme: &Theme,
        env: &Environment<'static>,
    ) -> Option<std::result::Result<OutputFile, Diagnostic>> {
        let index = *self.by_path.get(path)?;
        Some(self.render_page(&self.pages[index], theme, env))
    }

    /// Render every page in parallel and hand each to `emit`; return the
    /// errors. Once `cancelled` returns true, pages not yet started are
    /// skipped and reported as errors, so a caller that gives up gets its
    /// answer sooner.
    pub fn render_all(
        &self,
        theme: &Theme,
        env: &Environment<'static>,
        cancelled: &(dyn Fn() -> bool + Sync),
        emit: &(dyn Fn(OutputFile) + Sync),
    ) -> Diagnostics {
        let errors: Vec<Diagnostic> = self
            .pages
            .par_iter()
            .filter_map(|page| {
                if cancelled() {
                    return Some(Diagnostic::error("rendering was cancelled"));
                }
                match self.render_page(page, theme, env) {
                    Ok(file) => {
                        emit(file);
                        None
                    }
                    Err(error) => Some(error),
                }
            })
            .collect();
        let mut diagnostics = Diagnostics::new();
        for error in errors {
            diagnostics.push(error);
        }
        diagnostics
    }

    fn render_page(
        &self,
        page: &pages::Page,
        theme: &Theme,
        env: &Environment<'static>,
    ) -> std::result::Result<OutputFile, Diagnostic> {
        let template = env.get_template(page.template).map_err(|err| {
            Diagnostic::error(format!("template `{}` is missing: {err}", page.template))
                .at(Location::file(format!(
                    "themes/default/templates/{}",
                    page.template
                )))
                .hint("add the template to the theme or to the site's templates/ folder")
        })?;
        let context = context! {
            site => self.site.clone(),
            t => self.strings.clone(),
            internal => self.internal.clone(),
            page => context! {
                path => page.url_path(),
                url => format!("{}{}", self.base_url, page.url_path()),
                title => page.title.clone(),
                description => page.description.clone(),
                section => page.section,
                ..page.data.clone()
            },
            ..shared::context(&self.shared)
        };
        let html = template
            .render(context)
            .map_err(|err| render_error(&err, theme, page.template).in_file(page.path.clone()))?;
        Ok(OutputFile::new(
            page.path.clone(),
            urls::relativize(&html, &page.path).into_bytes(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_arguments_into_placeholders() {
        let mut env = Environment::new();
        env.add_filter("fill", fill);
        let render = |source: &str| {
            env.render_str(source, context! { n => 3 })
                .expect("renders")
        };
        assert_eq!(
            render(r#"{{ "{yes} dafür, {no} dagegen" | fill(yes=n, no="kein", abstain=1) }}"#),
            "3 dafür, kein dagegen"
        );
        assert_eq!(
            render(r#"{{ "{a} {unknown} {not a name} { {}" | fill(a=1.5) }}"#),
            "1.5 {unknown} {not a name} { {}"
        );
        assert_eq!(render(r#"{{ "ohne" | fill(a=1) }}"#), "ohne");
    }

    #[test]
    fn template_errors_point_at_line_and_column() {
        let path = std::path::Path::new("themes/default/templates/x.html");
        let source = "<p>\n  <b>{{ a.b.c }}</b> {% if %}\n";
        let mut env = Environment::new();
        let syntax = env
            .add_template("x", source)
            .expect_err("an `if` without a condition");
        // The block ends (`%}`, 28th character) where the condition should be.
        let at = template_error(&syntax, path, Some(source)).location;
        assert_eq!(at.map(|l| (l.line, l.column)), Some((2, 28)));

        let source = "<p>\n  äö {{ missing.field }}\n";
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_template("y", source).expect("parses");
        let err = env
            .get_template("y")
            .and_then(|t| t.render(context! {}))
            .expect_err("undefined");
        let diagnostic = template_error(&err, path, Some(source));
        let at = diagnostic.location.expect("located");
        // The column counts characters, not bytes: `{{` stands 6th, the
        // failing expression 9th.
        assert_eq!((at.line, at.column), (2, 9));
        assert!(
            diagnostic.message.ends_with("in `missing.field`"),
            "{}",
            diagnostic.message
        );
        assert_eq!(
            template_error(&err, path, None).location.map(|l| l.column),
            Some(0)
        );
    }
}
