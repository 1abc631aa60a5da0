//! Validate: raw files → [`Site`]. Parses every file, checks values and
//! cross-references, and collects every problem of the run with its location
//! instead of stopping at the first.

use super::memo::RegionMemo;
use super::raw::{RawGuidePage, RawTerm};
use super::{lookup_key, Date, Glossary, GuidePage, Markdown, Site, Source, Term};
use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::load::Sources;
use crate::source::SourceFile;
use crate::yaml;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Validate everything that was loaded. Warnings come back with the site;
/// any error makes the whole result an error.
pub fn validate(sources: &Sources) -> Result<(Site, Diagnostics), Diagnostics> {
    validate_with(sources, None)
}

/// Like [`validate`], reusing and updating `memo` when given.
pub fn validate_with(
    sources: &Sources,
    memo: Option<&mut RegionMemo>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diagnostics = sources.problems.clone();
    let config = yaml::parse_file::<SiteConfig>(&sources.site)
        .map_err(|d| diagnostics.extend(d))
        .ok();
    if let Some(config) = &config {
        check_config(config, &sources.site, &mut diagnostics);
    }
    let guide = validate_guide(&sources.guide, &mut diagnostics);
    let glossary = validate_glossary(&sources.glossary, &mut diagnostics);
    let catalog = super::catalog::validate_catalog(sources, &glossary, &mut diagnostics);
    let mut regions =
        super::memo::validate_regions(sources, &catalog, &glossary, memo, &mut diagnostics);
    regions.sort_by(|a, b| a.name.cmp(&b.name).then(a.slug.cmp(&b.slug)));
    let Some(config) = config else {
        return Err(diagnostics.without_consequential_errors());
    };
    let site = Site {
        config,
        guide,
        glossary,
        catalog,
        regions,
    };
    let markdowns = site.shared_markdowns();
    let checked: Vec<Diagnostics> = markdowns
        .par_iter()
        .map(|markdown| {
            let mut found = Diagnostics::new();
            crate::markdown::check(markdown, &site.glossary, &mut found);
            found
        })
        .collect();
    for found in checked {
        diagnostics.extend(found);
    }
    // A file with Markdown texts is looked at if they were read (one with
    // errors may have none); the others hold no Markdown text at all.
    let read = |file: &&SourceFile| markdowns.iter().any(|m| m.file == file.path);
    let with_markdown = (sources.guide.iter())
        .chain(&sources.glossary)
        .chain(&sources.institutions)
        .filter(read);
    let without_markdown = [&sources.areas, &sources.target_groups, &sources.path];
    for file in with_markdown
        .chain([&sources.site])
        .chain(without_markdown.into_iter().flatten())
    {
        crate::markdown::stray_fences(file, &markdowns, &mut diagnostics);
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.without_consequential_errors());
    }
    Ok((site, diagnostics))
}

fn check_config(config: &SiteConfig, file: &SourceFile, diagnostics: &mut Diagnostics) {
    for (key, value) in crate::config::starter_placeholders(config) {
        diagnostics.push(
            Diagnostic::warning(format!(
                "`{key}` still holds the starter's placeholder `{value}`"
            ))
            .at(file.find_value(key, value, 1))
            .hint("replace it with your own before you publish; the public pages show it"),
        );
    }
    if let Some(problem) = crate::config::base_url_problem(&config.base_url) {
        diagnostics.push(
            Diagnostic::error(format!(
                "`base_url` must be an absolute URL ending in `/`, but `{}`: {problem}",
                config.base_url
            ))
            .at(file.find_value("base_url", &config.base_url, 1))
            .hint("for example `https://regionalworkshop.example.org/`"),
        );
    }
    if let Some(licence) = &config.licence {
        let line = file.key_line("licence", 1).unwrap_or(1);
        if licence.name.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("the licence has no `name`")
                    .at(file.location(line, 1))
                    .hint("name it as its readers know it, e.g. `name: CC BY 4.0`"),
            );
        }
        if let Err(problem) = crate::config::web_address(&licence.url) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the licence's `url` must be an absolute web address, but is `{}`: {problem}",
                    licence.url
                ))
                .at(file.find_value("url", &licence.url, line))
                .hint("the address of the licence's text, e.g. `https://creativecommons.org/licenses/by/4.0/deed.de`"),
            );
        }
    }
    if !crate::config::LANGUAGES.contains(&config.language.as_str()) {
        diagnostics.push(
            Diagnostic::error(format!(
                "only the language `de` has interface strings, found `{}`",
                config.language
            ))
            .at(file.find_value("language", &config.language, 1))
            .hint("set `language: de`, or add a strings file for the language to the theme"),
        );
    }
}

/// Parse a Markdown file's front matter into `T`; the body comes back located.
pub(super) fn front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<(T, Markdown)> {
    let Some(split) = file.split_front_matter() else {
        let diagnostic = if file.after_front_matter_opening().is_some() {
            Diagnostic::error("front matter is not closed")
                .hint("end the front matter with a line that holds only `---`, before the text")
        } else {
            Diagnostic::error("missing front matter")
                .hint("start the file with a `---` line, the YAML fields, and another `---` line")
        };
        diagnostics.push(diagnostic.kind(Kind::Syntax).at(file.location(1, 1)));
        return None;
    };
    let body = Markdown {
        text: split.body.to_string(),
        file: file.path.clone(),
        first_line: split.body_line,
        column_offset: 0,
        folded: Vec::new(),
    };
    match yaml::parse::<T>(file, split.front_matter, split.front_matter_line) {
        Ok(value) => Some((value, body)),
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    }
}

/// The slug of a content file: its file stem, checked to be URL-safe.
pub(super) fn slug_of(file: &SourceFile, diagnostics: &mut Diagnostics) -> String {
    let stem = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let valid = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        diagnostics.push(
            Diagnostic::error(format!("file name `{stem}` is not a valid slug"))
                .at(crate::error::Location::file(file.path.clone()))
                .hint(format!(
                    "use lower-case letters, digits and dashes, e.g. `{}`",
                    crate::markdown::slugify(&stem)
                )),
        );
    }
    stem
}

/// A date field, or an error at its line.
pub(super) fn date(
    file: &SourceFile,
    key: &str,
    text: &str,
    from_line: usize,
    diagnostics: &mut Diagnostics,
) -> Date {
    Date::parse(text).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error(format!("`{key}` is not a valid date: `{text}`"))
                .at(file.find_value(key, text, from_line))
                .hint("write dates as YYYY-MM-DD, e.g. 2026-03-15"),
        );
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    })
}

fn validate_guide(files: &[SourceFile], diagnostics: &mut Diagnostics) -> Vec<GuidePage> {
    let mut pages: Vec<GuidePage> = files
        .iter()
        .filter_map(|file| {
            let slug = slug_of(file, diagnostics);
            let (raw, body) = front_matter::<RawGuidePage>(file, diagnostics)?;
            Some(GuidePage {
                slug,
                title: raw.title,
                weight: raw.weight,
                description: raw.description,
                body,
            })
        })
        .collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then(a.slug.cmp(&b.slug)));
    pages
}

fn validate_glossary(files: &[SourceFile], diagnostics: &mut Diagnostics) -> Glossary {
    let mut terms = Vec::new();
    for file in files {
        let slug = slug_of(file, diagnostics);
        let Some((raw, definition)) = front_matter::<RawTerm>(file, diagnostics) else {
            continue;
        };
        let line = file.split_front_matter().map_or(1, |s| s.front_matter_line);
        let stand = date(file, "stand", &raw.stand, line, diagnostics);
        terms.push((
            file,
            Term {
                slug,
                labour_market: file.markdown_field("labour_market", &raw.labour_market, line),
                benefits: file.markdown_field("benefits", &raw.benefits, line),
                responsible: file.markdown_field("responsible", &raw.responsible, line),
                term: raw.term,
                gloss: raw.gloss,
                aliases: raw.aliases,
                legal_basis: raw.legal_basis,
                definition,
                related: raw.related,
                sources: raw
                    .sources
                    .into_iter()
                    .map(|s| Source {
                        title: s.title,
                        url: s.url,
                    })
                    .collect(),
                stand,
                unconfirmed: raw.unconfirmed,
            },
        ));
    }
    terms.sort_by(|(_, a), (_, b)| {
        sort_key(&a.term)
            .cmp(&sort_key(&b.term))
            .then(a.slug.cmp(&b.slug))
    });

    let mut lookup: HashMap<String, usize> = HashMap::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    // Slugs and terms first, aliases after: a clash is then reported at
    // the alias that reuses a term's own name, not at the term.
    let primary = terms.iter().enumerate().flat_map(|(index, (file, term))| {
        [(&term.slug, "slug"), (&term.term, "term")]
            .into_iter()
            .map(move |(name, key)| (index, file, term, name, key))
    });
    let aliases = terms.iter().enumerate().flat_map(|(index, (file, term))| {
        term.aliases
            .iter()
            .map(move |alias| (index, file, term, alias, "aliases"))
    });
    for (index, file, term, name, key) in primary.chain(aliases) {
        let lookup_name = lookup_key(name);
        match owner.get(&lookup_name) {
            Some(other) if other != &term.slug => diagnostics.push(
                Diagnostic::error(format!(
                    "`{name}` names two glossary terms: `{other}` and `{}`",
                    term.slug
                ))
                .at(file.find_value(key, name, 1))
                .hint("every term name, alias and slug must be unique, ignoring case"),
            ),
            Some(_) => {}
            None => {
                owner.insert(lookup_name.clone(), term.slug.clone());
                lookup.insert(lookup_name, index);
            }
        }
    }
    for (file, term) in &terms {
        for related in &term.related {
            if !lookup.contains_key(&lookup_key(related)) {
                diagnostics.push(
                    Diagnostic::error(format!("related term `{related}` does not exist"))
                        .kind(Kind::Reference)
                        .at(file.find_value("related", related, 1))
                        .hint("name an existing glossary term by its slug, name or alias"),
                );
            }
        }
        if term.sources.is_empty() {
            diagnostics.push(
                Diagnostic::error(format!("glossary term `{}` has no source", term.term))
                    .at(file.location(1, 1))
                    .hint("add at least one entry under `sources:` (title and url)"),
            );
        }
    }
    // Related terms are stored by slug, whatever name the author used.
    let slugs: Vec<(usize, Vec<String>)> = terms
        .iter()
        .enumerate()
        .map(|(i, (_, term))| {
            let related = term
                .related
                .iter()
                .filter_map(|r| lookup.get(&lookup_key(r)).map(|&j| terms[j].1.slug.clone()))
                .collect();
            (i, related)
        })
        .collect();
    let mut terms: Vec<Term> = terms.into_iter().map(|(_, t)| t).collect();
    for (i, related) in slugs {
        terms[i].related = related;
    }
    Glossary::new(terms, lookup)
}

/// German alphabetical order: umlauts sort as their base letter.
pub fn sort_key(text: &str) -> String {
    text.to_lowercase()
        .replace('ä', "a")
        .replace('ö', "o")
        .replace('ü', "u")
        .replace('ß', "ss")
}

/// Report every id that occurs twice in a list.
pub(super) fn unique_ids<'a>(
    file: &SourceFile,
    ids: impl Iterator<Item = &'a str>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        let count = seen.entry(id).or_default();
        *count += 1;
        if *count == 2 {
            let first = file.find_value("id", id, 1);
            let second = file.find_value("id", id, first.line + 1);
            diagnostics.push(
                Diagnostic::error(format!(
                    "duplicate id `{id}` (first used on line {})",
                    first.line
                ))
                .at(second)
                .hint("ids must be unique within the file"),
            );
        }
    }
}

/// Report `value` under `key` when it is not one of `known`.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_ref<'a>(
    file: &SourceFile,
    key: &str,
    value: &str,
    what: &str,
    known: impl Iterator<Item = &'a str> + Clone,
    from_line: usize,
    diagnostics: &mut Diagnostics,
) -> bool {
    if known.clone().any(|k| k == value) {
        return true;
    }
    let mut candidates: Vec<&str> = Vec::new();
    for id in known {
        // A duplicate id (reported where it is defined) is listed once.
        if !candidates.contains(&id) {
            candidates.push(id);
        }
    }
    let hint = match yaml::closest(value, &candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("known {what} ids: {}", candidates.join(", ")),
    };
    diagnostics.push(
        Diagnostic::error(format!("unknown {what} `{value}`"))
            .kind(Kind::Reference)
            .at(file.find_value(key, value, from_line))
            .hint(hint),
    );
    false
}
