//! Render: a view → output files in memory, pages in parallel.
//!
//! Steps: set up one minijinja environment with the theme's templates (strict
//! undefined: a template that reads a missing field fails the build), serialise
//! the view once into a shared value, plan the pages, render each page with a
//! small page context, make its links relative, then add static files.

pub mod data;
pub mod extra;
pub mod feeds;
pub mod pages;
pub mod search;
pub mod theme;
pub mod urls;

use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::output::OutputFile;
use crate::view::View;
use minijinja::value::Serde;
use minijinja::{context, Environment, UndefinedBehavior, Value};
use rayon::prelude::*;
use theme::Theme;

/// Set up the template environment for a theme.
pub fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
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
    let mut diagnostics = Diagnostics::new();
    for (name, (path, source)) in &theme.templates {
        if let Err(err) = env.add_template_owned(name.clone(), source.clone()) {
            diagnostics.push(template_error(&err, path));
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(env)
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

/// A template error as a located diagnostic.
fn template_error(err: &minijinja::Error, path: &std::path::Path) -> Diagnostic {
    let mut message = format!("template error: {}", err.kind());
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    let location = Location::new(path, err.line().unwrap_or(0), 0);
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

/// Render every page of `view` with `theme` into output files.
pub fn render<V: View>(
    view: &V,
    theme: &Theme,
    env: &Environment<'static>,
) -> Result<Vec<OutputFile>> {
    let site = view.site();
    let strings = Value::from(Serde(&theme.strings));
    let pages = plan(view, theme);
    let site_value = Value::from(Serde(site));
    let internal_value = match view.internal() {
        Some(extras) => Value::from(Serde(extras)),
        None => Value::from(()),
    };
    let base_url = site.config.base_url.clone();

    let pages_span = crate::timings::span("pages");
    let results: Vec<std::result::Result<OutputFile, Diagnostic>> = pages
        .par_iter()
        .map(|page| {
            let template = env.get_template(page.template).map_err(|err| {
                Diagnostic::error(format!("template `{}` is missing: {err}", page.template))
                    .at(Location::file(format!(
                        "themes/default/templates/{}",
                        page.template
                    )))
                    .hint("add the template to the theme or to the site's templates/ folder")
            })?;
            let context = context! {
                site => site_value.clone(),
                t => strings.clone(),
                internal => internal_value.clone(),
                page => context! {
                    path => page.url_path(),
                    url => format!("{base_url}{}", page.url_path()),
                    title => page.title.clone(),
                    description => page.description.clone(),
                    section => page.section,
                    ..page.data.clone()
                },
            };
            let html = template.render(context).map_err(|err| {
                let path = theme
                    .templates
                    .get(err.name().unwrap_or(page.template))
                    .map_or_else(
                        || std::path::PathBuf::from(page.template),
                        |(p, _)| p.clone(),
                    );
                let mut diagnostic = template_error(&err, &path);
                diagnostic
                    .message
                    .push_str(&format!(" (rendering `{}`)", page.path));
                diagnostic
            })?;
            Ok(OutputFile::new(
                page.path.clone(),
                urls::relativize(&html, &page.path).into_bytes(),
            ))
        })
        .collect();
    drop(pages_span);
    crate::drop_in_background((pages, site_value, internal_value, strings));

    let mut files = crate::error::collect(results)?;
    for (path, bytes) in &theme.static_files {
        files.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    files.push(OutputFile::new(
        "css/highlight.css".into(),
        crate::highlight::css().as_bytes().to_vec(),
    ));
    Ok(files)
}
