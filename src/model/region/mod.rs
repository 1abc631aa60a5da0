//! Validate one region file: ids unique, every reference resolved (partners,
//! areas, target groups, institution types, meetings), votes that add up, and
//! the warnings the concept asks for (group size, decision-makers, stale contacts).

use super::raw::RawRegion;
use super::validate::{check_ref, date, slug_of, unique_ids};
use super::{Catalog, InternalNote, Region};
use crate::error::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml;

mod matrix;
mod meetings;
mod partners;

/// Most participants a workshop should have (the concept says 20–25).
pub const MAX_PARTICIPANTS: u32 = 25;
/// Days after which a contact entry counts as not confirmed.
pub const CONFIRMATION_DAYS: i64 = 365;

/// Validate a region file; `None` when it does not parse at all.
pub fn validate_region(
    file: &SourceFile,
    catalog: &Catalog,
    diagnostics: &mut Diagnostics,
) -> Option<Region> {
    let raw: RawRegion = yaml::parse_file(file)
        .map_err(|d| diagnostics.extend(d))
        .ok()?;
    let slug = slug_of(file, diagnostics);
    let partner_ids: Vec<String> = raw.partners.iter().map(|p| p.id.clone()).collect();
    let meeting_ids: Vec<String> = raw.meetings.iter().map(|m| m.id.clone()).collect();
    let refs = Refs {
        file,
        catalog,
        partner_ids: &partner_ids,
        meeting_ids: &meeting_ids,
    };

    unique_ids(file, refs.partners(), diagnostics);
    unique_ids(file, meeting_ids.iter().map(String::as_str), diagnostics);
    unique_ids(
        file,
        raw.recommendations.iter().map(|r| r.id.as_str()),
        diagnostics,
    );

    for organiser in &raw.organisers {
        check_ref(
            file,
            "organisers",
            organiser,
            "partner",
            refs.partners(),
            1,
            diagnostics,
        );
    }
    if raw.organisers.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("region `{}` names no organiser", raw.name))
                .at(file.location(1, 1))
                .hint("list the partner ids that organise the workshop under `organisers:`"),
        );
    }
    if raw.partners.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("region `{}` has no partners yet", raw.name))
                .at(file.location(1, 1))
                .hint("add the local institutions under `partners:`"),
        );
    }

    let partners = partners::partners(&refs, raw.partners, diagnostics);
    let meetings = meetings::meetings(&refs, &raw.meetings, diagnostics);
    let matrix = matrix::matrix(&refs, raw.matrix, diagnostics);
    let handoffs = matrix::handoffs(&refs, raw.handoffs, diagnostics);
    let recommendations =
        meetings::recommendations(&refs, raw.recommendations, &meetings, diagnostics);

    let stand = date(file, "stand", &raw.stand, 1, diagnostics);
    // The region's own `summary:` stands at the margin; a meeting's, which
    // may come first, is indented.
    let summary_line = (file.text.lines())
        .position(|line| line.starts_with("summary:"))
        .map_or(1, |index| index + 1);
    Some(Region {
        summary: file.markdown_field("summary", &raw.summary, summary_line),
        slug,
        name: raw.name,
        kind: raw.kind,
        parent: raw.parent,
        federal_state: raw.federal_state,
        example_data: raw.example_data,
        network_status: raw.network_status,
        focus_topics: raw.focus_topics,
        stand,
        organisers: raw.organisers,
        notes_internal: raw.notes_internal.map(InternalNote),
        partners,
        meetings,
        matrix,
        handoffs,
        recommendations,
    })
}

/// What every part of a region file is checked against.
struct Refs<'a> {
    file: &'a SourceFile,
    catalog: &'a Catalog,
    partner_ids: &'a [String],
    meeting_ids: &'a [String],
}

impl Refs<'_> {
    /// The ids of the region's partners.
    fn partners(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        self.partner_ids.iter().map(String::as_str)
    }

    /// The ids of the catalogue's target groups.
    fn groups(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        self.catalog.target_groups.iter().map(|g| g.id.as_str())
    }
}

/// Where the search for the next item of a list starts: the line of the
/// previous item found (line 1 before the first).
#[derive(Default)]
struct Cursor(usize);

impl Cursor {
    fn line(&self) -> usize {
        self.0.max(1)
    }

    /// Take the line of a found item (a location without a line keeps the cursor).
    fn advance(&mut self, location: crate::error::Location) -> usize {
        self.0 = self.0.max(location.line);
        location.line
    }
}
