//! Validate one region file: ids unique, every reference resolved (partners,
//! areas, target groups, institution types, meetings), votes that add up, and
//! the warnings the concept asks for (group size, decision-makers, stale contacts).

use super::raw::{MeetingKind, RawRegion, RecommendationStatus};
use super::validate::{check_ref, date, slug_of, unique_ids};
use super::{
    Catalog, Cell, Contact, ContactAt, Handoff, InternalNote, MatrixRow, Meeting, Partner,
    Recommendation, Region, Vote,
};
use crate::error::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml;

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
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let slug = slug_of(file, diagnostics);
    let partner_ids: Vec<String> = raw.partners.iter().map(|p| p.id.clone()).collect();
    let meeting_ids: Vec<String> = raw.meetings.iter().map(|m| m.id.clone()).collect();
    let group_ids = || catalog.target_groups.iter().map(|g| g.id.as_str());
    let partners = || partner_ids.iter().map(String::as_str);

    unique_ids(file, partners(), diagnostics);
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
            partners(),
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

    let mut partners_out = Vec::new();
    // Items of a list stand in file order: each search starts at the previous
    // item's line, so locating them stays linear in the file's length.
    let mut cursor = Cursor::default();
    for partner in raw.partners {
        let line = cursor.advance(file.find_value("id", &partner.id, cursor.line()));
        check_ref(
            file,
            "type",
            &partner.institution,
            "institution type",
            catalog.institutions.iter().map(|i| i.id.as_str()),
            line,
            diagnostics,
        );
        for group in &partner.target_groups {
            check_ref(
                file,
                "target_groups",
                group,
                "target group",
                group_ids(),
                line,
                diagnostics,
            );
        }
        let mut contacts = Vec::new();
        for contact in partner.contacts {
            let entry = file.find_value("name", &contact.name, line);
            let contact_line = entry.line;
            let confirmed = date(
                file,
                "confirmed",
                &contact.confirmed,
                contact_line,
                diagnostics,
            );
            if let Some(email) = &contact.email {
                if !is_email(email) {
                    diagnostics.push(
                        Diagnostic::error(format!("`{email}` is not an e-mail address"))
                            .at(file.find_value("email", email, contact_line))
                            .hint("write it as name@domain"),
                    );
                }
            }
            contacts.push(Contact {
                name: contact.name,
                role: contact.role,
                phone: contact.phone,
                email: contact.email,
                address: contact.address,
                room: contact.room,
                decision_maker: contact.decision_maker,
                confirmed,
                left: contact
                    .left
                    .as_ref()
                    .map(|left| date(file, "left", left, contact_line, diagnostics)),
                successor: contact.successor,
                at: ContactAt {
                    confirmed: file.find_value("confirmed", &contact.confirmed, contact_line),
                    left: contact
                        .left
                        .as_ref()
                        .map(|left| file.find_value("left", left, contact_line)),
                    entry,
                },
            });
        }
        partners_out.push(Partner {
            tasks: file.markdown_field("tasks", &partner.tasks, line),
            id: partner.id,
            name: partner.name,
            institution: partner.institution,
            target_groups: partner.target_groups,
            notes_internal: partner.notes_internal.map(InternalNote),
            contacts,
        });
    }

    let mut meetings = Vec::new();
    let mut cursor = Cursor::default();
    for meeting in &raw.meetings {
        let line = cursor.advance(file.find_value("id", &meeting.id, cursor.line()));
        let meeting_date = date(file, "date", &meeting.date, line, diagnostics);
        if meeting.participants > MAX_PARTICIPANTS {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "`{}` had {} participants; the concept recommends at most 20–25",
                    meeting.title, meeting.participants
                ))
                .at(file.find_value("participants", &meeting.participants.to_string(), line))
                .hint("split the round or invite one person per institution"),
            );
        }
        if meeting.kind == MeetingKind::Workshop && !meeting.decision_makers {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "workshop `{}` had no decision-maker",
                    meeting.title
                ))
                .at(file.find_value("decision_makers", "false", line))
                .hint("agreements hold when people who can decide for their institution take part"),
            );
        }
        meetings.push(Meeting {
            summary: meeting
                .summary
                .as_ref()
                .map(|s| file.markdown_field("summary", s, line)),
            id: meeting.id.clone(),
            kind: meeting.kind,
            title: meeting.title.clone(),
            date: meeting_date,
            topics: meeting.topics.clone(),
            participants: meeting.participants,
            decision_makers: meeting.decision_makers,
        });
    }
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));

    let mut matrix = Vec::new();
    let mut seen_areas = Vec::new();
    let mut cursor = Cursor::default();
    for row in raw.matrix {
        let line = cursor.advance(file.find_value("area", &row.area, cursor.line()));
        if check_ref(
            file,
            "area",
            &row.area,
            "activity area",
            catalog.areas.iter().map(|a| a.id.as_str()),
            1,
            diagnostics,
        ) && seen_areas.contains(&row.area)
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "activity area `{}` has two rows in the matrix",
                    row.area
                ))
                .at(file.find_value("area", &row.area, line + 1))
                .hint("merge the cells into one row"),
            );
        }
        seen_areas.push(row.area.clone());
        let mut cells: Vec<Cell> = Vec::new();
        for cell in row.cells {
            check_ref(
                file,
                "partner",
                &cell.partner,
                "partner",
                partners(),
                line,
                diagnostics,
            );
            if cells.iter().any(|c| c.partner == cell.partner) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "partner `{}` appears twice in the row `{}`",
                        cell.partner, row.area
                    ))
                    .at(file.find_value("partner", &cell.partner, line))
                    .hint("give each partner one cell per row"),
                );
            }
            for group in &cell.groups {
                check_ref(
                    file,
                    "groups",
                    group,
                    "target group",
                    group_ids(),
                    line,
                    diagnostics,
                );
            }
            cells.push(Cell {
                partner: cell.partner,
                level: cell.level,
                groups: cell.groups,
            });
        }
        matrix.push(MatrixRow {
            area: row.area,
            cells,
        });
    }
    let area_order = |id: &str| {
        catalog
            .areas
            .iter()
            .position(|a| a.id == id)
            .unwrap_or(usize::MAX)
    };
    matrix.sort_by_key(|row| area_order(&row.area));

    let mut handoffs = Vec::new();
    let mut cursor = Cursor::default();
    for handoff in raw.handoffs {
        let line = cursor
            .advance(file.find_value("trigger", &handoff.trigger, cursor.line()))
            .saturating_sub(2)
            .max(1);
        check_ref(
            file,
            "from",
            &handoff.from,
            "partner",
            partners(),
            line,
            diagnostics,
        );
        check_ref(
            file,
            "to",
            &handoff.to,
            "partner",
            partners(),
            line,
            diagnostics,
        );
        if handoff.from == handoff.to {
            diagnostics.push(
                Diagnostic::error(format!("hand-off from `{}` to itself", handoff.from))
                    .at(file.find_value("to", &handoff.to, line))
                    .hint("a hand-off connects two different partners"),
            );
        }
        handoffs.push(Handoff {
            from: handoff.from,
            to: handoff.to,
            trigger: handoff.trigger,
            passes: handoff.passes,
        });
    }

    let mut recommendations = Vec::new();
    let mut cursor = Cursor::default();
    for rec in raw.recommendations {
        let line = cursor.advance(file.find_value("id", &rec.id, cursor.line()));
        check_ref(
            file,
            "proposed_by",
            &rec.proposed_by,
            "partner",
            partners(),
            line,
            diagnostics,
        );
        for owner in &rec.responsible {
            check_ref(
                file,
                "responsible",
                owner,
                "partner",
                partners(),
                line,
                diagnostics,
            );
        }
        let vote = rec.vote.as_ref().and_then(|vote| {
            let meeting = meetings.iter().find(|m| m.id == vote.meeting);
            if !check_ref(
                file,
                "meeting",
                &vote.meeting,
                "meeting",
                meeting_ids.iter().map(String::as_str),
                line,
                diagnostics,
            ) {
                return None;
            }
            let meeting = meeting?;
            let total = vote.yes + vote.no + vote.abstain;
            if total > meeting.participants {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "vote on `{}` counts {total} votes, but `{}` had {} participants",
                        rec.id, meeting.title, meeting.participants
                    ))
                    .at(file.find_value("yes", &vote.yes.to_string(), line))
                    .hint("yes + no + abstain cannot exceed the meeting's participants"),
                );
            }
            Some(Vote {
                meeting: vote.meeting.clone(),
                date: meeting.date,
                yes: vote.yes,
                no: vote.no,
                abstain: vote.abstain,
            })
        });
        let voted_status = matches!(
            rec.status,
            RecommendationStatus::Adopted
                | RecommendationStatus::InProgress
                | RecommendationStatus::Done
        );
        if voted_status && rec.vote.is_none() {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "recommendation `{}` is marked as adopted but has no vote",
                    rec.id
                ))
                .at(file.location(file.key_line("status", line).unwrap_or(line), 1))
                .hint("add `vote:` with the meeting and the yes / no / abstain counts"),
            );
        }
        recommendations.push(Recommendation {
            text: file.markdown_field("text", &rec.text, line),
            id: rec.id,
            title: rec.title,
            proposed_by: rec.proposed_by,
            responsible: rec.responsible,
            status: rec.status,
            vote,
        });
    }

    let stand = date(file, "stand", &raw.stand, 1, diagnostics);
    let summary_line = file.key_line("summary", 1).unwrap_or(1);
    Some(Region {
        summary: file.markdown_field("summary", &raw.summary, summary_line),
        slug,
        name: raw.name,
        kind: raw.kind,
        parent: raw.parent,
        example_data: raw.example_data,
        network_status: raw.network_status,
        focus_topics: raw.focus_topics,
        stand,
        organisers: raw.organisers,
        notes_internal: raw.notes_internal.map(InternalNote),
        partners: partners_out,
        meetings,
        matrix,
        handoffs,
        recommendations,
    })
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

fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}
