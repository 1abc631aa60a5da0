//! A region's view, its types and how it is made: partners without
//! contacts, the matrix laid out as a grid, hand-offs and recommendations
//! with names resolved, and its diagrams. As in `site`, no type here can hold
//! contact data.

use super::groups::GroupRef;
use super::site::Renderer;
use crate::diagrams;
use crate::error::Diagnostics;
use crate::model::{
    self, FederalState, Level, NetworkStatus, RecommendationStatus, Region, RegionKind, Site,
};
use serde::Serialize;

/// A region.
#[derive(Debug, Serialize)]
pub struct RegionView {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: RegionKind,
    /// District of a town.
    pub parent: Option<String>,
    /// Federal state.
    pub federal_state: Option<FederalState>,
    /// Summary, rendered.
    pub summary: String,
    /// Example data?
    pub example_data: bool,
    /// Network status.
    pub network_status: NetworkStatus,
    /// Focus topics.
    pub focus_topics: Vec<String>,
    /// Stand.
    pub stand: model::Date,
    /// Organiser partner ids.
    pub organisers: Vec<String>,
    /// Partners.
    pub partners: Vec<PartnerView>,
    /// Meetings, oldest first.
    pub meetings: Vec<MeetingView>,
    /// The responsibility matrix.
    pub matrix: MatrixView,
    /// Hand-offs.
    pub handoffs: Vec<HandoffView>,
    /// Recommendations.
    pub recommendations: Vec<RecommendationView>,
    /// The partner network diagram.
    pub network_diagram: diagrams::Svg,
    /// The refugee path with this region's partners.
    pub path_diagram: diagrams::Svg,
}

/// A partner (never with contacts).
#[derive(Debug, Serialize)]
pub struct PartnerView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Institution type id.
    pub institution: String,
    /// Institution type name.
    pub institution_name: String,
    /// Abbreviation of the type.
    pub short: String,
    /// Tasks, rendered.
    pub tasks: String,
    /// Target groups.
    pub target_groups: Vec<GroupRef>,
    /// Organiser of the region's workshop?
    pub organiser: bool,
}

/// A meeting.
#[derive(Debug, Serialize)]
pub struct MeetingView {
    /// Id.
    pub id: String,
    /// Workshop or exchange.
    pub kind: model::MeetingKind,
    /// Title.
    pub title: String,
    /// Date.
    pub date: model::Date,
    /// Topics.
    pub topics: Vec<String>,
    /// Participants.
    pub participants: u32,
    /// Above the recommended group size?
    pub too_large: bool,
    /// Decision-makers present?
    pub decision_makers: bool,
    /// Summary, rendered.
    pub summary: Option<String>,
}

/// The matrix: rows are areas, columns are partners.
#[derive(Debug, Serialize)]
pub struct MatrixView {
    /// Partner columns (partners with at least one cell).
    pub columns: Vec<ColumnView>,
    /// Rows in catalogue order.
    pub rows: Vec<RowView>,
    /// Target groups used, for the legend.
    pub groups: Vec<GroupRef>,
    /// Per area of the catalogue, in its order: the partners that lead in
    /// it, by name; none where the matrix has no row for the area (for the
    /// comparison of all regions, which would otherwise search every
    /// region's rows for every area).
    pub leads: Vec<Option<Vec<String>>>,
}

/// A matrix column.
#[derive(Debug, Serialize)]
pub struct ColumnView {
    /// Partner id.
    pub id: String,
    /// Partner name.
    pub name: String,
    /// Abbreviation of its type.
    pub short: String,
}

/// A matrix row.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Area id.
    pub area: String,
    /// Area name.
    pub name: String,
    /// One entry per column.
    pub cells: Vec<Option<CellView>>,
}

/// A matrix cell.
#[derive(Debug, Serialize)]
pub struct CellView {
    /// Level.
    pub level: Level,
    /// Target groups.
    pub groups: Vec<GroupRef>,
}

/// A hand-off.
#[derive(Debug, Serialize)]
pub struct HandoffView {
    /// From partner id.
    pub from: String,
    /// From partner name.
    pub from_name: String,
    /// To partner id.
    pub to: String,
    /// To partner name.
    pub to_name: String,
    /// Trigger.
    pub trigger: String,
    /// What passes.
    pub passes: String,
}

/// A recommendation.
#[derive(Debug, Serialize)]
pub struct RecommendationView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text, rendered.
    pub text: String,
    /// Proposer partner id.
    pub proposed_by_id: String,
    /// Proposer partner name.
    pub proposed_by: String,
    /// Responsible partner ids.
    pub responsible_ids: Vec<String>,
    /// Responsible partner names, in the order of the ids.
    pub responsible: Vec<String>,
    /// Status.
    pub status: RecommendationStatus,
    /// Vote.
    pub vote: Option<VoteView>,
}

/// A vote.
#[derive(Debug, Serialize)]
pub struct VoteView {
    /// Meeting id.
    pub meeting: String,
    /// Meeting title.
    pub meeting_title: String,
    /// Date.
    pub date: model::Date,
    /// Yes.
    pub yes: u32,
    /// No.
    pub no: u32,
    /// Abstain.
    pub abstain: u32,
}

pub(super) fn region_view(
    site: &Site,
    region: &Region,
    md: &Renderer<'_>,
    diagnostics: &mut Diagnostics,
) -> RegionView {
    let catalog = &site.catalog;
    let groups = |ids: &[String]| -> Vec<GroupRef> {
        ids.iter().filter_map(|id| md.groups.get(id)).collect()
    };
    let partner_name = |id: &str| {
        region
            .partner(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let institution = |id: &str| catalog.institutions.iter().find(|i| i.id == id);

    let partners = region
        .partners
        .iter()
        .map(|p| PartnerView {
            id: p.id.clone(),
            name: p.name.clone(),
            institution: p.institution.clone(),
            institution_name: institution(&p.institution)
                .map_or_else(String::new, |i| i.name.clone()),
            short: institution(&p.institution).map_or_else(String::new, |i| i.short.clone()),
            tasks: md.html(&p.tasks, diagnostics),
            target_groups: groups(&p.target_groups),
            organiser: region.organisers.contains(&p.id),
        })
        .collect();

    let columns: Vec<ColumnView> = region
        .partners
        .iter()
        .filter(|p| {
            region
                .matrix
                .iter()
                .any(|row| row.cells.iter().any(|c| c.partner == p.id))
        })
        .map(|p| ColumnView {
            id: p.id.clone(),
            name: p.name.clone(),
            short: institution(&p.institution).map_or_else(String::new, |i| i.short.clone()),
        })
        .collect();
    let rows: Vec<RowView> = region
        .matrix
        .iter()
        .map(|row| RowView {
            area: row.area.clone(),
            name: catalog
                .areas
                .iter()
                .find(|a| a.id == row.area)
                .map_or_else(|| row.area.clone(), |a| a.name.clone()),
            cells: columns
                .iter()
                .map(|column| {
                    row.cells
                        .iter()
                        .find(|c| c.partner == column.id)
                        .map(|c| CellView {
                            level: c.level,
                            groups: groups(&c.groups),
                        })
                })
                .collect(),
        })
        .collect();
    let leads = catalog
        .areas
        .iter()
        .map(|area| {
            let row = rows.iter().find(|row| row.area == area.id)?;
            let leading =
                row.cells.iter().zip(&columns).filter(|(cell, _)| {
                    cell.as_ref().is_some_and(|cell| cell.level == Level::Lead)
                });
            Some(leading.map(|(_, column)| column.name.clone()).collect())
        })
        .collect();
    let used_groups = md
        .groups
        .all()
        .iter()
        .filter(|g| {
            region
                .matrix
                .iter()
                .any(|row| row.cells.iter().any(|c| c.groups.contains(&g.id)))
        })
        .cloned()
        .collect();

    let meetings = region
        .meetings
        .iter()
        .map(|m| MeetingView {
            id: m.id.clone(),
            kind: m.kind,
            title: m.title.clone(),
            date: m.date,
            topics: m.topics.clone(),
            participants: m.participants,
            too_large: m.participants > crate::model::MAX_PARTICIPANTS,
            decision_makers: m.decision_makers,
            summary: m.summary.as_ref().map(|s| md.html(s, diagnostics)),
        })
        .collect();
    let handoffs = region
        .handoffs
        .iter()
        .map(|h| HandoffView {
            from: h.from.clone(),
            from_name: partner_name(&h.from),
            to: h.to.clone(),
            to_name: partner_name(&h.to),
            trigger: h.trigger.clone(),
            passes: h.passes.clone(),
        })
        .collect();
    let recommendations = region
        .recommendations
        .iter()
        .map(|r| RecommendationView {
            id: r.id.clone(),
            title: r.title.clone(),
            text: md.html(&r.text, diagnostics),
            proposed_by_id: r.proposed_by.clone(),
            proposed_by: partner_name(&r.proposed_by),
            responsible_ids: r.responsible.clone(),
            responsible: r.responsible.iter().map(|id| partner_name(id)).collect(),
            status: r.status,
            vote: r.vote.as_ref().map(|v| VoteView {
                meeting: v.meeting.clone(),
                meeting_title: region
                    .meetings
                    .iter()
                    .find(|m| m.id == v.meeting)
                    .map_or_else(String::new, |m| m.title.clone()),
                date: v.date,
                yes: v.yes,
                no: v.no,
                abstain: v.abstain,
            }),
        })
        .collect();

    RegionView {
        slug: region.slug.clone(),
        name: region.name.clone(),
        kind: region.kind,
        parent: region.parent.clone(),
        federal_state: region.federal_state,
        summary: md.html(&region.summary, diagnostics),
        example_data: region.example_data,
        network_status: region.network_status,
        focus_topics: region.focus_topics.clone(),
        stand: region.stand,
        organisers: region.organisers.clone(),
        partners,
        meetings,
        matrix: MatrixView {
            columns,
            rows,
            groups: used_groups,
            leads,
        },
        handoffs,
        recommendations,
        network_diagram: diagrams::partner_network(catalog, region),
        path_diagram: diagrams::refugee_path(catalog, Some(region)),
    }
}
