//! Validate the catalogue files (`content/catalog/`): target groups,
//! institutions, areas of work and the stages of the path.

use super::raw::{RawArea, RawInstitution, RawStage, RawTargetGroup};
use super::validate::{check_ref, unique_ids};
use super::{Area, Catalog, Glossary, Institution, Stage, TargetGroup};
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::load::Sources;
use crate::source::SourceFile;
use crate::yaml;

/// Validate the catalogue: target groups, institutions, areas of work and
/// the stages of the path, against each other and the glossary.
pub(super) fn validate_catalog(
    sources: &Sources,
    glossary: &Glossary,
    diagnostics: &mut Diagnostics,
) -> Catalog {
    let mut catalog = Catalog::default();
    let target_groups: Vec<RawTargetGroup> =
        parse_list(&sources.target_groups, diagnostics).unwrap_or_default();
    if let Some(file) = &sources.target_groups {
        unique_ids(
            file,
            target_groups.iter().map(|g| g.id.as_str()),
            diagnostics,
        );
        for group in &target_groups {
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
        .and_then(|f| yaml::parse_file(f).map_err(|d| diagnostics.push(d)).ok())
}

fn hex(colour: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}
