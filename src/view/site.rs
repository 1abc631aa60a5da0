//! The audience-independent part of a view: what templates and data files may
//! read. No type here can hold contact data.

use super::groups::{GroupRef, Groups};
use super::region::RegionView;
use super::{Audience, ViewLabels};
use crate::config::SiteConfig;
use crate::diagrams;
use crate::error::Diagnostics;
use crate::markdown::{self, RenderOptions, TocEntry};
use crate::model::{self, Glossary, Markdown, RecommendationStatus, Site};
use rayon::prelude::*;
use serde::Serialize;

/// The site as templates see it.
#[derive(Debug, Serialize)]
pub struct SiteView {
    /// Settings (title, base URL, publisher).
    pub config: SiteConfig,
    /// `public` or `internal`.
    pub audience: Audience,
    /// Date of the build (`YYYY-MM-DD`).
    pub build_date: model::Date,
    /// Guide pages in reading order.
    pub guide: Vec<GuideView>,
    /// Glossary terms in alphabetical order.
    pub terms: Vec<TermView>,
    /// Letters of the A–Z index with their terms' slugs.
    pub letters: Vec<Letter>,
    /// Catalogues.
    pub catalog: CatalogView,
    /// Regions by name.
    pub regions: Vec<RegionView>,
    /// The same regions grouped by federal state.
    pub regions_by_state: Vec<super::StateGroup>,
    /// The path of a refugee through the institutions (nationwide version).
    pub refugee_path: diagrams::Svg,
    /// Recommendations adopted (or further), newest vote first, over all regions.
    pub latest_recommendations: Vec<RecommendationRef>,
}

/// A guide page.
#[derive(Debug, Serialize)]
pub struct GuideView {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description for link previews.
    pub description: Option<String>,
    /// Rendered body.
    pub html: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
}

/// A glossary term.
#[derive(Debug, Serialize)]
pub struct TermView {
    /// Slug.
    pub slug: String,
    /// Term.
    pub term: String,
    /// English gloss.
    pub gloss: String,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Legal basis.
    pub legal_basis: String,
    /// Definition, rendered.
    pub definition: String,
    /// Labour market access, rendered.
    pub labour_market: String,
    /// Benefit system, rendered.
    pub benefits: String,
    /// Responsible institutions, rendered.
    pub responsible: String,
    /// Related terms.
    pub related: Vec<TermRef>,
    /// Sources.
    pub sources: Vec<model::Source>,
    /// Date the entry states the law.
    pub stand: model::Date,
    /// Unconfirmed facts.
    pub unconfirmed: Vec<String>,
    /// First letter for the A–Z index.
    pub letter: String,
}

/// A link to a term.
#[derive(Debug, Serialize)]
pub struct TermRef {
    /// Slug.
    pub slug: String,
    /// Term.
    pub term: String,
}

/// A letter of the A–Z index.
#[derive(Debug, Serialize)]
pub struct Letter {
    /// The letter.
    pub letter: String,
    /// Indices into `terms`.
    pub terms: Vec<usize>,
}

/// The catalogues.
#[derive(Debug, Serialize)]
pub struct CatalogView {
    /// Institution types.
    pub institutions: Vec<InstitutionView>,
    /// Activity areas.
    pub areas: Vec<model::Area>,
    /// Target groups.
    pub target_groups: Vec<model::TargetGroup>,
    /// The same target groups as their badges show them.
    pub groups: Vec<GroupRef>,
    /// Stages of the path through the institutions.
    pub path: Vec<model::Stage>,
}

/// An institution type.
#[derive(Debug, Serialize)]
pub struct InstitutionView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Abbreviation.
    pub short: String,
    /// Legal mandate.
    pub mandate: String,
    /// Tasks, rendered.
    pub tasks: String,
    /// Target groups.
    pub target_groups: Vec<GroupRef>,
    /// Optional partner.
    pub optional: bool,
    /// Regions with a partner of this type: (region slug, partner name).
    pub partners: Vec<(String, String, String)>,
}

/// A recommendation with its region, for lists across regions.
#[derive(Debug, Serialize)]
pub struct RecommendationRef {
    /// Region slug.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// Recommendation id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text, rendered.
    pub text: String,
    /// Status.
    pub status: RecommendationStatus,
    /// Date of the adopting vote.
    pub date: model::Date,
}

/// Renders Markdown for one audience.
pub(super) struct Renderer<'a> {
    options: RenderOptions<'a>,
    terms: &'a Glossary,
    /// The catalogue's target groups, shared by every view of one.
    pub(super) groups: Groups,
}

impl Renderer<'_> {
    pub(super) fn html(&self, markdown: &Markdown, diagnostics: &mut Diagnostics) -> String {
        markdown::render(markdown, &self.options, self.terms, diagnostics).html
    }
}

pub(super) fn build(
    site: &Site,
    audience: Audience,
    labels: &ViewLabels,
    diagnostics: &mut Diagnostics,
) -> SiteView {
    let md = Renderer {
        options: RenderOptions {
            audience,
            internal_label: &labels.internal_passage,
            table_label: &labels.table,
        },
        terms: &site.glossary,
        groups: Groups::new(&site.catalog),
    };
    let guide = in_parallel(&site.guide, diagnostics, |page, diagnostics| {
        let rendered = markdown::render(&page.body, &md.options, md.terms, diagnostics);
        GuideView {
            slug: page.slug.clone(),
            title: page.title.clone(),
            description: page.description.clone(),
            html: rendered.html,
            toc: rendered.toc,
        }
    });
    let terms: Vec<TermView> =
        in_parallel(&site.glossary.terms, diagnostics, |term, diagnostics| {
            TermView {
                slug: term.slug.clone(),
                term: term.term.clone(),
                gloss: term.gloss.clone(),
                aliases: term.aliases.clone(),
                legal_basis: term.legal_basis.clone(),
                definition: md.html(&term.definition, diagnostics),
                labour_market: md.html(&term.labour_market, diagnostics),
                benefits: md.html(&term.benefits, diagnostics),
                responsible: md.html(&term.responsible, diagnostics),
                related: term
                    .related
                    .iter()
                    .filter_map(|slug| site.glossary.find(slug))
                    .map(|t| TermRef {
                        slug: t.slug.clone(),
                        term: t.term.clone(),
                    })
                    .collect(),
                sources: term.sources.clone(),
                stand: term.stand,
                unconfirmed: term.unconfirmed.clone(),
                letter: first_letter(&term.term),
            }
        });
    let mut letters: Vec<Letter> = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        match letters.last_mut() {
            Some(letter) if letter.letter == term.letter => letter.terms.push(index),
            _ => letters.push(Letter {
                letter: term.letter.clone(),
                terms: vec![index],
            }),
        }
    }
    let group = |id: &str| md.groups.get(id);
    let catalog = CatalogView {
        institutions: site
            .catalog
            .institutions
            .iter()
            .map(|i| InstitutionView {
                id: i.id.clone(),
                name: i.name.clone(),
                short: i.short.clone(),
                mandate: i.mandate.clone(),
                tasks: md.html(&i.tasks, diagnostics),
                target_groups: i.target_groups.iter().filter_map(|g| group(g)).collect(),
                optional: i.optional,
                partners: site
                    .regions
                    .iter()
                    .flat_map(|r| {
                        r.partners
                            .iter()
                            .filter(|p| p.institution == i.id)
                            .map(|p| (r.slug.clone(), r.name.clone(), p.name.clone()))
                    })
                    .collect(),
            })
            .collect(),
        areas: site.catalog.areas.clone(),
        target_groups: site.catalog.target_groups.clone(),
        groups: md.groups.all().to_vec(),
        path: site.catalog.path.clone(),
    };
    let regions: Vec<RegionView> =
        in_parallel(&site.regions, diagnostics, |region, diagnostics| {
            super::region::region_view(site, region, &md, diagnostics)
        });
    let mut latest: Vec<RecommendationRef> = regions
        .iter()
        .flat_map(|region| {
            region.recommendations.iter().filter_map(move |rec| {
                let adopted = matches!(
                    rec.status,
                    RecommendationStatus::Adopted
                        | RecommendationStatus::InProgress
                        | RecommendationStatus::Done
                );
                let vote = rec.vote.as_ref().filter(|_| adopted)?;
                Some(RecommendationRef {
                    region: region.slug.clone(),
                    region_name: region.name.clone(),
                    id: rec.id.clone(),
                    title: rec.title.clone(),
                    text: rec.text.clone(),
                    status: rec.status,
                    date: vote.date,
                })
            })
        })
        .collect();
    latest.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(a.region.cmp(&b.region))
            .then(a.id.cmp(&b.id))
    });
    SiteView {
        config: site.config.clone(),
        audience,
        build_date: model::Date::today(),
        guide,
        terms,
        letters,
        catalog,
        refugee_path: diagrams::refugee_path(&site.catalog, None),
        regions_by_state: super::states::by_state(&regions),
        regions,
        latest_recommendations: latest,
    }
}

/// Map `items` in parallel; each item's diagnostics join `diagnostics` in item order.
fn in_parallel<T: Sync, U: Send>(
    items: &[T],
    diagnostics: &mut Diagnostics,
    map: impl Fn(&T, &mut Diagnostics) -> U + Sync,
) -> Vec<U> {
    let results: Vec<(U, Diagnostics)> = items
        .par_iter()
        .map(|item| {
            let mut found = Diagnostics::new();
            let value = map(item, &mut found);
            (value, found)
        })
        .collect();
    let mut values = Vec::with_capacity(results.len());
    for (value, found) in results {
        diagnostics.extend(found);
        values.push(value);
    }
    values
}

/// Upper-case first letter, umlauts folded (Ä → A) for the A–Z index.
fn first_letter(term: &str) -> String {
    let first = term.chars().next().unwrap_or('#');
    let folded = match first.to_lowercase().next().unwrap_or(first) {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        c => c,
    };
    folded.to_uppercase().collect()
}
