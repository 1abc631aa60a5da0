//! Contact data: the one type that holds it, and the internal notes beside it.
//!
//! Neither type implements `Serialize`, so no template context and no JSON file
//! can be made from them by accident: only `view::InternalSite` turns them into
//! something a template can read.

use super::Date;
use crate::error::Location;

/// A contact person of a partner. Internal only.
#[derive(Clone, Debug)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Role or function.
    pub role: String,
    /// Phone number as written.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Room or building.
    pub room: Option<String>,
    /// Whether the person can decide for the institution.
    pub decision_maker: bool,
    /// When the entry was last confirmed.
    pub confirmed: Date,
    /// When the person left the institution, if they did.
    pub left: Option<Date>,
    /// Who takes over on a staff change.
    pub successor: Option<String>,
    /// Where the entry and its dates stand in its region file (for messages).
    pub at: ContactAt,
}

/// Where a contact entry's fields stand in its region file, so that a warning
/// points at the value to change.
#[derive(Clone, Debug)]
pub struct ContactAt {
    /// The entry's `name:`.
    pub entry: Location,
    /// Its `confirmed:` date.
    pub confirmed: Location,
    /// Its `left:` date, if it has one.
    pub left: Option<Location>,
}

impl Contact {
    /// Every value that must never appear in the public output, with its kind.
    pub fn secret_values(&self) -> Vec<(&'static str, &str)> {
        let mut values = vec![("name", self.name.as_str())];
        let optional = [
            ("phone", &self.phone),
            ("email", &self.email),
            ("address", &self.address),
            ("room", &self.room),
            ("successor", &self.successor),
        ];
        for (kind, value) in optional {
            if let Some(value) = value {
                values.push((kind, value.as_str()));
            }
        }
        values
    }
}

/// A note written for the internal build only (`notes_internal`).
#[derive(Clone, Debug)]
pub struct InternalNote(pub String);
