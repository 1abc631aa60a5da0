//! A region's partners and their contact persons.

use super::{Cursor, Refs};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::raw::RawPartner;
use crate::model::validate::{check_ref, date};
use crate::model::{Contact, ContactAt, InternalNote, Partner};

/// Check the partners of a region and their contacts.
pub(super) fn partners(
    refs: &Refs,
    raw: Vec<RawPartner>,
    diagnostics: &mut Diagnostics,
) -> Vec<Partner> {
    let (file, catalog) = (refs.file, refs.catalog);
    let mut checked = Vec::new();
    // Items of a list stand in file order: each search starts at the previous
    // item's line, so locating them stays linear in the file's length.
    let mut cursor = Cursor::default();
    for partner in raw {
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
                refs.groups(),
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
        checked.push(Partner {
            tasks: file.markdown_field("tasks", &partner.tasks, line),
            id: partner.id,
            name: partner.name,
            institution: partner.institution,
            target_groups: partner.target_groups,
            notes_internal: partner.notes_internal.map(InternalNote),
            contacts,
        });
    }

    checked
}

fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}
