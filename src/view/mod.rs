//! Views: the validated site seen by one audience.
//!
//! [`PublicSite`] has no field through which contact data could pass; only
//! [`InternalSite`] adds contacts and internal notes. Markdown is rendered here,
//! per audience, so internal passages are gone before a public page is rendered.
//! `render` is generic over the sealed [`View`] trait and cannot take anything else.
//!
//! ```compile_fail
//! // The public view offers no way to reach a contact:
//! fn leak(view: &dienstweg::view::PublicSite) -> &dienstweg::model::Contact {
//!     &view.contacts[0]
//! }
//! ```
//!
//! ```compile_fail
//! // Not even through the `View` trait: the public view's extras are
//! // `NoExtras`, a type without values, not the internal extras.
//! use dienstweg::view::{InternalExtras, PublicSite, View};
//! fn leak(view: &PublicSite) -> Option<&InternalExtras> {
//!     view.internal()
//! }
//! ```
//!
//! ```
//! // (The same function compiles for the internal view.)
//! use dienstweg::view::{InternalExtras, InternalSite, View};
//! fn contacts(view: &InternalSite) -> Option<&InternalExtras> {
//!     view.internal()
//! }
//! ```
//!
//! ```compile_fail
//! // What every audience sees has no field for contacts either:
//! fn leak(site: &dienstweg::view::SiteView) -> usize {
//!     site.regions[0].partners[0].contacts.len()
//! }
//! ```
//!
//! ```compile_fail
//! // Contacts cannot be serialised into a template context or a data file:
//! fn leak(contact: &dienstweg::model::Contact) -> String {
//!     serde_json::to_string(contact).unwrap()
//! }
//! ```

mod groups;
mod internal;
mod region;
mod site;
mod states;

pub use groups::{stylesheet as group_stylesheet, Group, GroupRef};
pub use internal::{tel_link, ContactView, InternalExtras};
pub use region::*;
pub use site::*;
pub use states::StateGroup;

use crate::error::{Diagnostics, Result};
use crate::model::Site;

/// Who a build is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The public website: no contact data, no internal passages.
    Public,
    /// The network's institutions: contacts and internal notes included.
    Internal,
}

impl Audience {
    /// `public` or `internal`.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::PublicSite {}
    impl Sealed for super::InternalSite {}
}

/// A site prepared for one audience. Sealed: only [`PublicSite`] and
/// [`InternalSite`] implement it.
pub trait View: sealed::Sealed + Sync {
    /// What the audience sees beyond [`SiteView`]: [`NoExtras`] for the
    /// public view, so its type offers no path to contact data.
    type Extras: serde::Serialize + Sync;
    /// The audience.
    fn audience(&self) -> Audience;
    /// Everything every audience may see.
    fn site(&self) -> &SiteView;
    /// Contacts and internal notes: `None` for the public view.
    fn internal(&self) -> Option<&Self::Extras>;
}

/// The public view's extras: a type without values.
#[derive(Debug, serde::Serialize)]
pub enum NoExtras {}

/// The public view: carries no contact data by construction.
#[derive(Debug)]
pub struct PublicSite {
    site: SiteView,
}

/// The internal view: the site plus contacts and internal notes.
#[derive(Debug)]
pub struct InternalSite {
    site: SiteView,
    extras: InternalExtras,
}

impl InternalSite {
    /// The view of a build whose paper files are sealed (`--encrypt`).
    pub fn with_sealed_papers(mut self) -> InternalSite {
        self.extras.papers_sealed = true;
        self
    }
}

impl View for PublicSite {
    type Extras = NoExtras;
    fn audience(&self) -> Audience {
        Audience::Public
    }
    fn site(&self) -> &SiteView {
        &self.site
    }
    fn internal(&self) -> Option<&NoExtras> {
        None
    }
}

impl View for InternalSite {
    type Extras = InternalExtras;
    fn audience(&self) -> Audience {
        Audience::Internal
    }
    fn site(&self) -> &SiteView {
        &self.site
    }
    fn internal(&self) -> Option<&InternalExtras> {
        Some(&self.extras)
    }
}

/// Labels the views need from the theme (see `Theme::view_labels`).
#[derive(Clone, Debug)]
pub struct ViewLabels {
    /// Label of an internal Markdown passage.
    pub internal_passage: String,
    /// Name of a Markdown table's scroll region, before its column headers.
    pub table: String,
}

/// The public view of a site.
pub fn public(site: &Site, labels: &ViewLabels) -> Result<PublicSite> {
    let mut diagnostics = Diagnostics::new();
    let site = site::build(site, Audience::Public, labels, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(PublicSite { site })
}

/// The internal view of a site.
pub fn internal(site: &Site, labels: &ViewLabels) -> Result<InternalSite> {
    let mut diagnostics = Diagnostics::new();
    let view = site::build(site, Audience::Internal, labels, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(InternalSite {
        site: view,
        extras: internal::extras(site),
    })
}
