//! A region's meetings, and the recommendations voted on at them.

use super::{Cursor, Refs, MAX_PARTICIPANTS};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::raw::{MeetingKind, RawMeeting, RawRecommendation, RecommendationStatus};
use crate::model::validate::{check_ref, date};
use crate::model::{Meeting, Recommendation, Vote};

/// Check a region's meetings; they come back in the order they were held.
pub(super) fn meetings(
    refs: &Refs,
    raw: &[RawMeeting],
    diagnostics: &mut Diagnostics,
) -> Vec<Meeting> {
    let file = refs.file;
    let mut meetings = Vec::new();
    let mut cursor = Cursor::default();
    for meeting in raw {
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

    meetings
}

/// Check a region's recommendations and their votes at `meetings`.
pub(super) fn recommendations(
    refs: &Refs,
    raw: Vec<RawRecommendation>,
    meetings: &[Meeting],
    diagnostics: &mut Diagnostics,
) -> Vec<Recommendation> {
    let file = refs.file;
    let mut recommendations = Vec::new();
    let mut cursor = Cursor::default();
    for rec in raw {
        let line = cursor.advance(file.find_value("id", &rec.id, cursor.line()));
        check_ref(
            file,
            "proposed_by",
            &rec.proposed_by,
            "partner",
            refs.partners(),
            line,
            diagnostics,
        );
        for owner in &rec.responsible {
            check_ref(
                file,
                "responsible",
                owner,
                "partner",
                refs.partners(),
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
                refs.meeting_ids.iter().map(String::as_str),
                line,
                diagnostics,
            ) {
                return None;
            }
            let meeting = meeting?;
            // Summed wide: three counts near u32::MAX may not wrap to a
            // small total that passes.
            let total = u64::from(vote.yes) + u64::from(vote.no) + u64::from(vote.abstain);
            if total > u64::from(meeting.participants) {
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

    recommendations
}
