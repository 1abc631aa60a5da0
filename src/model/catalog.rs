//! Validate the catalogue files (`content/catalog/`): target groups,
//! institutions, areas of work and the stages of the path.

use super::raw::{RawArea, RawInstitution, RawStage, RawTargetGroup};
use super::validate::{check_ref, unique_ids};
use super::{Area, Catalog, Glossary, Institution, Stage, TargetGroup};
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::load::Sources;
use crate::source::SourceFile;
use crate::yaml;
use std::collections::HashMap;

/// Validate the catalogue: target groups, institutions, areas of work and
/// the stages of the path, against each other and the glossary.
pub(super) fn validate_catalog(
    sources: &Sources,
    glossary: &Glossary,
    diagnostics: &mut Diagnostics,
) -> Catalog {
    missing_files(sources, diagnostics);
    let mut catalog = Catalog::default();
    let target_groups: Vec<RawTargetGroup> =
        parse_list(&sources.target_groups, diagnostics).unwrap_or_default();
    if let Some(file) = &sources.target_groups {
        unique_ids(
            file,
            target_groups.iter().map(|g| g.id.as_str()),
            diagnostics,
        );
        let mut symbols: HashMap<String, &str> = HashMap::new();
        for group in &target_groups {
            if let Some(first) = symbols.insert(group.symbol.trim().to_lowercase(), &group.id) {
                let line = file.find_value("id", &group.id, 1).line;
                diagnostics.push(
                    Diagnostic::error(format!(
                        "target groups `{first}` and `{}` have the same symbol `{}`",
                        group.id, group.symbol
                    ))
                    .at(file.find_value("symbol", &group.symbol, line))
                    .hint("the matrix tells target groups apart by symbol as well as colour: give each group a symbol of its own"),
                );
            }
            if glossary.find(&group.term).is_none() {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "target group `{}` links to unknown glossary term `{}`",
                        group.id, group.term
                    ))
                    .kind(Kind::Reference)
                    .at(file.find_value("term", &group.term, 1))
                    .hint("name an existing glossary term by its slug"),
                );
            }
            let colour_ok = group.colour.len() == 7
                && group.colour.starts_with('#')
                && group.colour[1..].chars().all(|c| c.is_ascii_hexdigit());
            if !colour_ok {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "colour `{}` of target group `{}` is not `#rrggbb`",
                        group.colour, group.id
                    ))
                    .at(file.find_value("colour", &group.colour, 1))
                    .hint("write colours as six hex digits, e.g. \"#1f5f8b\""),
                );
            } else if crate::highlight::contrast(hex(&group.colour), (255, 255, 255)) < 4.5 {
                diagnostics.push(
                    Diagnostic::error(format!("colour `{}` of target group `{}` is too light for white text", group.colour, group.id))
                        .at(file.find_value("colour", &group.colour, 1))
                        .hint("the symbol is printed in white on this colour: pick a darker colour (contrast at least 4.5:1)"),
                );
            }
        }
    }
    catalog.target_groups = target_groups
        .into_iter()
        .map(|g| TargetGroup {
            term: glossary
                .find(&g.term)
                .map_or(g.term.clone(), |t| t.slug.clone()),
            id: g.id,
            symbol: g.symbol,
            name: g.name,
            colour: g.colour,
        })
        .collect();

    let areas: Vec<RawArea> = parse_list(&sources.areas, diagnostics).unwrap_or_default();
    if let Some(file) = &sources.areas {
        unique_ids(file, areas.iter().map(|a| a.id.as_str()), diagnostics);
    }
    catalog.areas = areas
        .into_iter()
        .map(|a| Area {
            id: a.id,
            name: a.name,
            description: a.description,
        })
        .collect();

    if let Some(file) = &sources.institutions {
        let institutions: Vec<RawInstitution> =
            parse_list(&sources.institutions, diagnostics).unwrap_or_default();
        unique_ids(
            file,
            institutions.iter().map(|i| i.id.as_str()),
            diagnostics,
        );
        for institution in &institutions {
            let line = file.find_value("id", &institution.id, 1).line;
            for group in &institution.target_groups {
                check_ref(
                    file,
                    "target_groups",
                    group,
                    "target group",
                    catalog.target_groups.iter().map(|g| g.id.as_str()),
                    line,
                    diagnostics,
                );
            }
        }
        catalog.institutions = institutions
            .into_iter()
            .map(|i| {
                let line = file.find_value("id", &i.id, 1).line;
                Institution {
                    tasks: file.markdown_field("tasks", &i.tasks, line),
                    id: i.id,
                    name: i.name,
                    short: i.short,
                    mandate: i.mandate,
                    target_groups: i.target_groups,
                    optional: i.optional,
                }
            })
            .collect();
    }
    if let Some(file) = &sources.path {
        let stages: Vec<RawStage> = parse_list(&sources.path, diagnostics).unwrap_or_default();
        unique_ids(file, stages.iter().map(|s| s.id.as_str()), diagnostics);
        for stage in &stages {
            let line = file.find_value("id", &stage.id, 1).line;
            for institution in &stage.institutions {
                check_ref(
                    file,
                    "institutions",
                    institution,
                    "institution type",
                    catalog.institutions.iter().map(|i| i.id.as_str()),
                    line,
                    diagnostics,
                );
            }
        }
        catalog.path = stages
            .into_iter()
            .map(|s| Stage {
                id: s.id,
                title: s.title,
                description: s.description,
                institutions: s.institutions,
            })
            .collect();
    }
    catalog
}

fn parse_list<T: serde::de::DeserializeOwned>(
    file: &Option<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<T>> {
    file.as_ref()
        .and_then(|f| yaml::parse_file(f).map_err(|d| diagnostics.extend(d)).ok())
}

fn hex(colour: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}

/// One error for each catalogue file that is missing although others name
/// what it defines (the regions: institution types, areas and target groups;
/// the institution types: target groups), in place of an unknown-id error
/// for every reference.
fn missing_files(sources: &Sources, diagnostics: &mut Diagnostics) {
    let needed = [
        (
            &sources.institutions,
            "institutions.yaml",
            "institution types",
            !sources.regions.is_empty(),
        ),
        (
            &sources.areas,
            "areas.yaml",
            "activity areas",
            !sources.regions.is_empty(),
        ),
        (
            &sources.target_groups,
            "target-groups.yaml",
            "target groups",
            !sources.regions.is_empty() || sources.institutions.is_some(),
        ),
    ];
    for (file, name, what, named) in needed {
        if file.is_none() && named {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the catalogue of {what} is missing, but the content names {what}"
                ))
                // A file that is not there fails like one that does not
                // parse: unknown-id errors that follow from it are dropped.
                .kind(Kind::Syntax)
                .at(crate::error::Location::file(format!("content/catalog/{name}")))
                .hint(format!("create content/catalog/{name} (see the README's content layout, or `dienstweg init` for a starter)")),
            );
        }
    }
}
