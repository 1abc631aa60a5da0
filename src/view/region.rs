//! A region's view: partners without contacts, the matrix laid out as a grid,
//! hand-offs and recommendations with names resolved, and its diagrams.

use super::site::{
    group_ref, CellView, ColumnView, GroupRef, HandoffView, MatrixView, MeetingView, PartnerView,
    RecommendationView, RegionView, Renderer, RowView, VoteView,
};
use crate::diagrams;
use crate::error::Diagnostics;
use crate::model::{Region, Site};

pub(super) fn region_view(
    site: &Site,
    region: &Region,
    md: &Renderer<'_>,
    diagnostics: &mut Diagnostics,
) -> RegionView {
    let catalog = &site.catalog;
    let groups = |ids: &[String]| -> Vec<GroupRef> {
        ids.iter().filter_map(|id| group_ref(catalog, id)).collect()
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
    let rows = region
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
    let used_groups = catalog
        .target_groups
        .iter()
        .filter(|g| {
            region
                .matrix
                .iter()
                .any(|row| row.cells.iter().any(|c| c.groups.contains(&g.id)))
        })
        .filter_map(|g| group_ref(catalog, &g.id))
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
            proposed_by: partner_name(&r.proposed_by),
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
        },
        handoffs,
        recommendations,
        network_diagram: diagrams::partner_network(catalog, region),
        path_diagram: diagrams::refugee_path(catalog, Some(region)),
    }
}
