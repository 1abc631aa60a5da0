//! Check: what runs on the finished output and on the validated site.
//!
//! `leaks` scans every public output file for contact data and internal
//! passages; `internal` makes sure every internal page is marked confidential
//! and points nowhere public; `paths` keeps the public and internal outputs apart; `contacts`
//! reviews the contact list for `dienstweg check`; `links` finds broken
//! internal links and anchors; `quoted` hides the values an error quotes
//! from a line that may hold secrets, beyond the terminal.

pub mod contacts;
pub mod internal;
pub mod leaks;
pub mod links;
pub mod paths;
pub mod quoted;
