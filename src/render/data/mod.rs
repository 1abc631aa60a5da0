//! Open data: the public view as JSON and each region's matrix as CSV, below
//! `daten/`. Public build only: the internal build writes no data files.
//!
//! Steps: borrow the [`SiteView`] (never the model, where contacts live) into
//! the structs of [`format`](mod@format), make the links in HTML fragments absolute,
//! serialise `regionen.json`, `glossar.json` and `katalog.json`, and write
//! `regionen/<slug>-matrix.csv` per region (see [`csv`]).

pub mod csv;
pub mod format;

use super::theme::Theme;
use super::urls::rebase;
use crate::error::{Diagnostic, Result};
use crate::output::OutputFile;
use crate::view::{Audience, RegionView, SiteView, View};
use format::*;
use serde::Serialize;

/// The folder of the open data in the output.
pub const DIR: &str = "daten";

/// The open-data files of a view: none for the internal audience.
pub fn files<V: View>(view: &V, theme: &Theme) -> Result<Vec<OutputFile>> {
    if view.audience() != Audience::Public {
        return Ok(Vec::new());
    }
    let site = view.site();
    let header = Header::new(site, theme);
    let regions = Regions {
        regions: site.regions.iter().map(|r| region(site, r)).collect(),
    };
    let mut files = vec![
        json("regionen.json", header.document(regions))?,
        json("glossar.json", header.document(glossary(site)))?,
        json("katalog.json", header.document(catalog(site)))?,
    ];
    let labels = csv::Labels::from_theme(theme);
    for region in &site.regions {
        files.push(OutputFile::new(
            format!("{DIR}/regionen/{}-matrix.csv", region.slug),
            csv::matrix(region, &labels),
        ));
    }
    Ok(files)
}

/// What every document starts with.
struct Header<'a> {
    generated_from: String,
    site: &'a SiteView,
}

impl<'a> Header<'a> {
    fn new(site: &'a SiteView, theme: &Theme) -> Self {
        let generated_from = theme
            .string("data.generated_from")
            .replace("{version}", env!("CARGO_PKG_VERSION"))
            .replace("{title}", &site.config.title)
            .replace("{base_url}", &site.config.base_url);
        Header {
            generated_from,
            site,
        }
    }

    fn document<T: Serialize>(&self, body: T) -> Document<'a, T> {
        let config = &self.site.config;
        Document {
            format_version: FORMAT_VERSION,
            generated_from: self.generated_from.clone(),
            site: SiteInfo {
                title: &config.title,
                base_url: &config.base_url,
                language: &config.language,
                publisher: &config.publisher.name,
                licence: config.licence.as_ref(),
                documentation: format!("{}{DIR}/", config.base_url),
            },
            body,
        }
    }
}

fn json<T: Serialize>(name: &str, document: T) -> Result<OutputFile> {
    let mut bytes = serde_json::to_vec(&document).map_err(|err| {
        Diagnostic::error(format!("could not write `{DIR}/{name}`: {err}"))
            .hint("this is a bug in dienstweg; please report it")
    })?;
    bytes.push(b'\n');
    Ok(OutputFile::new(format!("{DIR}/{name}"), bytes))
}

fn region<'a>(site: &'a SiteView, region: &'a RegionView) -> Region<'a> {
    let base = &site.config.base_url;
    let html = |fragment: &str| rebase(fragment, base);
    let ids = |groups: &'a [crate::view::GroupRef]| groups.iter().map(|g| g.id.as_str()).collect();
    let page = format!("{base}regionen/{}/", region.slug);
    Region {
        slug: &region.slug,
        name: &region.name,
        url: page.clone(),
        kind: region.kind,
        parent: region.parent.as_deref(),
        federal_state: region.federal_state,
        summary_html: html(&region.summary),
        example_data: region.example_data,
        network_status: region.network_status,
        focus_topics: &region.focus_topics,
        stand: region.stand,
        organisers: &region.organisers,
        partners: region
            .partners
            .iter()
            .map(|p| Partner {
                id: &p.id,
                name: &p.name,
                institution: &p.institution,
                institution_name: &p.institution_name,
                tasks_html: html(&p.tasks),
                target_groups: ids(&p.target_groups),
                organiser: p.organiser,
            })
            .collect(),
        meetings: region
            .meetings
            .iter()
            .map(|m| Meeting {
                id: &m.id,
                kind: m.kind,
                title: &m.title,
                date: m.date,
                topics: &m.topics,
                participants: m.participants,
                decision_makers: m.decision_makers,
                summary_html: m.summary.as_deref().map(html),
            })
            .collect(),
        matrix: Matrix {
            columns: region
                .matrix
                .columns
                .iter()
                .map(|c| c.id.as_str())
                .collect(),
            rows: region
                .matrix
                .rows
                .iter()
                .map(|row| MatrixRow {
                    area: &row.area,
                    area_name: &row.name,
                    cells: region
                        .matrix
                        .columns
                        .iter()
                        .zip(&row.cells)
                        .filter_map(|(column, cell)| {
                            cell.as_ref().map(|cell| MatrixCell {
                                partner: &column.id,
                                level: cell.level,
                                target_groups: ids(&cell.groups),
                            })
                        })
                        .collect(),
                })
                .collect(),
        },
        matrix_csv: format!("{base}{DIR}/regionen/{}-matrix.csv", region.slug),
        handoffs: region
            .handoffs
            .iter()
            .map(|h| Handoff {
                from: &h.from,
                from_name: &h.from_name,
                to: &h.to,
                to_name: &h.to_name,
                trigger: &h.trigger,
                passes: &h.passes,
            })
            .collect(),
        recommendations: region
            .recommendations
            .iter()
            .map(|r| Recommendation {
                id: &r.id,
                url: format!("{page}empfehlungen/#empfehlung-{}", r.id),
                title: &r.title,
                text_html: html(&r.text),
                proposed_by: &r.proposed_by,
                proposed_by_id: &r.proposed_by_id,
                responsible: &r.responsible,
                responsible_ids: &r.responsible_ids,
                status: r.status,
                vote: r.vote.as_ref().map(|v| Vote {
                    meeting: &v.meeting,
                    meeting_title: &v.meeting_title,
                    date: v.date,
                    yes: v.yes,
                    no: v.no,
                    abstain: v.abstain,
                }),
            })
            .collect(),
    }
}

fn glossary(site: &SiteView) -> Glossary<'_> {
    let base = &site.config.base_url;
    let html = |fragment: &str| rebase(fragment, base);
    Glossary {
        terms: site
            .terms
            .iter()
            .map(|t| Term {
                slug: &t.slug,
                url: format!("{base}glossar/{}/", t.slug),
                term: &t.term,
                gloss: &t.gloss,
                aliases: &t.aliases,
                legal_basis: &t.legal_basis,
                definition_html: html(&t.definition),
                labour_market_html: html(&t.labour_market),
                benefits_html: html(&t.benefits),
                responsible_html: html(&t.responsible),
                related: t.related.iter().map(|r| r.slug.as_str()).collect(),
                sources: &t.sources,
                stand: t.stand,
                unconfirmed: &t.unconfirmed,
            })
            .collect(),
    }
}

fn catalog(site: &SiteView) -> Catalog<'_> {
    let catalog = &site.catalog;
    Catalog {
        institutions: catalog
            .institutions
            .iter()
            .map(|i| Institution {
                id: &i.id,
                name: &i.name,
                short: &i.short,
                mandate: &i.mandate,
                tasks_html: rebase(&i.tasks, &site.config.base_url),
                target_groups: i.target_groups.iter().map(|g| g.id.as_str()).collect(),
                optional: i.optional,
            })
            .collect(),
        areas: &catalog.areas,
        target_groups: &catalog.target_groups,
        path: &catalog.path,
    }
}
