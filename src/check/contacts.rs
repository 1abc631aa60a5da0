//! Review the contact list for `dienstweg check`: each entry not confirmed for
//! 12 months, each person who left (or is about to) without a successor note,
//! and each partner left with nobody to call. Messages name the entry by role
//! and line, never by the person's data, since build logs may be shared.

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Contact, Date, Site, CONFIRMATION_DAYS};

/// Warnings about the state of the contact list, as of `today`.
pub fn review(site: &Site) -> Diagnostics {
    review_on(site, Date::today())
}

/// [`review`] as of a given day.
pub fn review_on(site: &Site, today: Date) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for region in &site.regions {
        for partner in &region.partners {
            let who = |contact: &Contact| {
                format!(
                    "{} / {}: contact `{}`",
                    region.name, partner.name, contact.role
                )
            };
            let gone = |c: &Contact| c.left.is_some_and(|left| left <= today);
            for contact in &partner.contacts {
                if let (Some(left), Some(left_at), None) =
                    (contact.left, &contact.at.left, &contact.successor)
                {
                    let (verb, hint) = if left <= today {
                        ("left on", "add a `successor:` note, and the new contact person as an entry of their own")
                    } else {
                        (
                            "leaves on",
                            "ask the partner who takes over and add a `successor:` note",
                        )
                    };
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "{} {verb} {} and no successor is named",
                            who(contact),
                            left.german()
                        ))
                        .at(left_at.clone())
                        .hint(hint),
                    );
                }
                let days = today.days() - contact.confirmed.days();
                if !gone(contact) && days > CONFIRMATION_DAYS {
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "{} not confirmed for 12 months (last on {})",
                            who(contact),
                            contact.confirmed.german()
                        ))
                        .at(contact.at.confirmed.clone())
                        .hint("ask the partner whether the entry is still right and update `confirmed:`"),
                    );
                }
            }
            let anyone_left = partner.contacts.iter().any(gone);
            if anyone_left && partner.contacts.iter().all(gone) {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{} / {}: every contact person has left; the partner has nobody to call",
                        region.name, partner.name
                    ))
                    .at(partner.contacts[0].at.entry.clone())
                    .hint("add the new contact person under `contacts:`"),
                );
            }
        }
    }
    diagnostics
}
