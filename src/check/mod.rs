//! Check: what runs on the finished output and on the validated site.
//!
//! `leaks` scans every public output file for contact data and internal
//! passages; `paths` keeps the public and internal outputs apart; `contacts`
//! reviews the contact list for `dienstweg check`; `links` finds broken
//! internal links and anchors.

pub mod contacts;
pub mod forms;
pub mod leaks;
pub mod links;
pub mod paths;
pub mod prefilter;
