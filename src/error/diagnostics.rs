//! [`Diagnostics`]: all problems of a run, merged, sorted and counted.

use super::{Diagnostic, Kind};
use std::fmt;
use std::path::PathBuf;

/// All diagnostics of a run, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Record all of another run's diagnostics.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// `Err(self)` if any diagnostic is an error, else `Ok(())`.
    pub fn into_result(self) -> std::result::Result<(), Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok(())
        }
    }

    /// Number of distinct errors.
    pub fn error_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.is_error()).count()
    }

    /// Number of distinct warnings.
    pub fn warning_count(&self) -> usize {
        self.sorted().iter().filter(|d| !d.is_error()).count()
    }

    /// All diagnostics, errors first, then by location, then by message;
    /// those of one cause merged into one that names all their files.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.severity, &a.location, &a.message, a.kind, &a.hint).cmp(&(
                b.severity,
                &b.location,
                &b.message,
                b.kind,
                &b.hint,
            ))
        });
        let mut merged: Vec<Diagnostic> = Vec::with_capacity(items.len());
        for item in items {
            match merged.last_mut() {
                Some(last) if last.same_cause(item) => last.files.extend_from_slice(&item.files),
                _ => merged.push(item.clone()),
            }
        }
        for diagnostic in &mut merged {
            diagnostic.files.sort_unstable();
            diagnostic.files.dedup();
        }
        merged
    }

    /// Drop the reference errors that may follow from a file that failed to
    /// parse, which they would bury: all of them when a shared file failed
    /// (site, guide, glossary, catalogue: any text may refer to what it
    /// defines), else those in the failed region files themselves (nothing
    /// refers into a region file), so the other regions' are still reported.
    pub fn without_consequential_errors(mut self) -> Self {
        let mut all = false;
        let mut failed: Vec<PathBuf> = Vec::new();
        for diagnostic in &self.items {
            if !(diagnostic.is_error() && diagnostic.kind == Kind::Syntax) {
                continue;
            }
            match &diagnostic.location {
                Some(at) if at.file.starts_with("content/regions") => failed.push(at.file.clone()),
                _ => all = true,
            }
        }
        self.items.retain(|d| {
            d.kind != Kind::Reference
                || !(all
                    || d.location
                        .as_ref()
                        .is_some_and(|at| failed.contains(&at.file)))
        });
        self
    }

    /// Each diagnostic as `f` makes it anew.
    pub fn map(self, f: impl FnMut(Diagnostic) -> Diagnostic) -> Self {
        Self {
            items: self.items.into_iter().map(f).collect(),
        }
    }

    /// Whether there are no diagnostics at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keep the warnings, drop the errors (used once errors were reported elsewhere).
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Merged once: the counts are of the diagnostics shown.
        let sorted = self.sorted();
        for diagnostic in &sorted {
            writeln!(f, "{diagnostic}\n")?;
        }
        let errors = sorted.iter().filter(|d| d.is_error()).count();
        let warnings = sorted.len() - errors;
        if errors > 0 {
            write!(f, "{errors} error(s), {warnings} warning(s)")
        } else {
            write!(f, "{warnings} warning(s)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn sorted_puts_errors_first_and_dedups() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("w").at(Location::new("a", 1, 1)));
        all.push(Diagnostic::error("e").at(Location::new("b", 2, 1)));
        all.push(Diagnostic::error("e").at(Location::new("b", 2, 1)));
        let sorted = all.sorted();
        assert_eq!(sorted.len(), 2);
        assert!(sorted[0].is_error());
        assert_eq!(all.error_count(), 1);
    }

    #[test]
    fn one_cause_in_many_files_is_reported_once_naming_a_few() {
        let mut all = Diagnostics::new();
        let at = Location::new("templates/base.html", 6, 9);
        for page in ["e.html", "b.html", "a.html", "d.html", "c.html", "a.html"] {
            all.push(
                Diagnostic::error("template error")
                    .at(at.clone())
                    .in_file(page),
            );
        }
        all.push(
            Diagnostic::error("template error")
                .at(Location::new("x.html", 1, 1))
                .in_file("a.html"),
        );
        let sorted = all.sorted();
        assert_eq!(sorted.len(), 2);
        assert_eq!(all.error_count(), 2);
        assert_eq!(
            sorted[0].to_string(),
            "error: template error (in `a.html`, `b.html`, `c.html` and 2 more)\n  --> templates/base.html:6:9"
        );
        assert_eq!(sorted[1].headline(), "template error (in `a.html`)");
    }
}
