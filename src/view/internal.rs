//! What only the internal view adds: contacts and internal notes, turned into
//! serialisable values here and nowhere else.

use crate::model::{Date, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// Contacts and notes for the internal build.
#[derive(Debug, Serialize)]
pub struct InternalExtras {
    /// Contacts by `region-slug/partner-id`.
    pub contacts: BTreeMap<String, Vec<ContactView>>,
    /// Internal notes by `region-slug` or `region-slug/partner-id`.
    pub notes: BTreeMap<String, String>,
    /// Whether the paper files are sealed with a passphrase (`--encrypt`):
    /// the page that offers them says so.
    pub papers_sealed: bool,
}

/// A contact person as the internal templates see it.
#[derive(Debug, Serialize)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone as written.
    pub phone: Option<String>,
    /// Phone for a `tel:` link (`+` and digits).
    pub phone_link: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Can decide for the institution.
    pub decision_maker: bool,
    /// Last confirmed.
    pub confirmed: Date,
    /// Not confirmed for 12 months.
    pub stale: bool,
    /// When the person left the institution.
    pub left: Option<Date>,
    /// Successor note.
    pub successor: Option<String>,
}

pub(super) fn extras(site: &Site) -> InternalExtras {
    let today = Date::today();
    let mut contacts = BTreeMap::new();
    let mut notes = BTreeMap::new();
    for region in &site.regions {
        if let Some(note) = &region.notes_internal {
            notes.insert(region.slug.clone(), note.0.clone());
        }
        for partner in &region.partners {
            let key = format!("{}/{}", region.slug, partner.id);
            if let Some(note) = &partner.notes_internal {
                notes.insert(key.clone(), note.0.clone());
            }
            let views = partner
                .contacts
                .iter()
                .map(|c| ContactView {
                    name: c.name.clone(),
                    role: c.role.clone(),
                    phone_link: c.phone.as_deref().map(tel_link),
                    phone: c.phone.clone(),
                    email: c.email.clone(),
                    address: c.address.clone(),
                    room: c.room.clone(),
                    decision_maker: c.decision_maker,
                    confirmed: c.confirmed,
                    stale: today.days() - c.confirmed.days() > crate::model::CONFIRMATION_DAYS,
                    left: c.left,
                    successor: c.successor.clone(),
                })
                .collect();
            contacts.insert(key, views);
        }
    }
    InternalExtras {
        contacts,
        notes,
        papers_sealed: false,
    }
}

/// `+49 30 23125 101` → `+493023125101`.
pub fn tel_link(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}
