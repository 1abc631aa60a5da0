//! Review the contact list for `dienstweg check`: entries not confirmed for
//! 12 months, and partners whose contact left without a successor.

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::model::{Date, Site, CONFIRMATION_DAYS};

/// Warnings about the state of the contact list.
pub fn review(site: &Site) -> Diagnostics {
    let today = Date::today();
    let mut diagnostics = Diagnostics::new();
    for region in &site.regions {
        let file = Location::file(format!("content/regions/{}.yaml", region.slug));
        for partner in &region.partners {
            let present: Vec<_> = partner
                .contacts
                .iter()
                .filter(|c| c.left.is_none_or(|left| left > today))
                .collect();
            let left_without_successor = partner
                .contacts
                .iter()
                .any(|c| c.left.is_some_and(|left| left <= today) && c.successor.is_none());
            if partner.contacts.iter().any(|c| c.left.is_some())
                && (present.is_empty() || left_without_successor)
            {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{} / {}: a contact left and no successor is named",
                        region.name, partner.name
                    ))
                    .at(file.clone())
                    .hint(
                        "add the new contact person, or a `successor:` note on the entry that left",
                    ),
                );
            }
            let stale = present
                .iter()
                .filter(|c| today.days() - c.confirmed.days() > CONFIRMATION_DAYS)
                .count();
            if stale > 0 {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{} / {}: {stale} contact(s) not confirmed for 12 months",
                        region.name, partner.name
                    ))
                    .at(file.clone())
                    .hint("confirm the entries with the partner and update `confirmed:`"),
                );
            }
        }
    }
    diagnostics
}
