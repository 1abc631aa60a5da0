//! Diagnostics: every problem a run finds, as a value with a location and a hint.
//!
//! Stages never stop at the first problem: they push into [`Diagnostics`] and the
//! caller decides at the end of a stage whether errors were found. `Display`
//! reads like rustc: `error: message` then `--> file:line:col` then `= hint: …`.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a diagnostic fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the run: exit status 1, nothing written.
    Error,
    /// Reported, but the run goes on.
    Warning,
}

/// A place in a source file; line and column count from 1 at the file's start.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path of the file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line (0 when only the file is known).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
}

impl Location {
    /// A location at a line and column of a file.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    /// A location naming the file only.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string().replace('\\', "/");
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}"),
            (line, 0) => write!(f, "{file}:{line}"),
            (line, column) => write!(f, "{file}:{line}:{column}"),
        }
    }
}

/// What kind of problem a diagnostic reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A file that does not parse (YAML syntax, unknown key, wrong type).
    Syntax,
    /// A reference to something that does not exist.
    Reference,
    /// Anything else: a bad value, a template, a leak, I/O.
    Other,
}

/// One problem found in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub kind: Kind,
    /// What is wrong, in one line.
    pub message: String,
    /// Where, when known.
    pub location: Option<Location>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind: Kind::Other,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    /// A new warning.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Attach a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Set the kind.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// Attach a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An I/O failure on a path, as an error.
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        Diagnostic::error(format!("could not {action} `{}`: {err}", path.display()))
    }

    /// Whether this fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        if let Some(location) = &self.location {
            write!(f, "\n  --> {location}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n   = hint: {hint}")?;
        }
        Ok(())
    }
}

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

    /// All diagnostics, errors first, then by location, then by message.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.severity, &a.location, &a.message).cmp(&(b.severity, &b.location, &b.message))
        });
        items.dedup_by(|a, b| a == b);
        items
    }

    /// Drop reference errors when a file failed to parse: they are likely
    /// consequences of the parse error and would bury it.
    pub fn without_consequential_errors(mut self) -> Self {
        if self
            .items
            .iter()
            .any(|d| d.is_error() && d.kind == Kind::Syntax)
        {
            self.items.retain(|d| d.kind != Kind::Reference);
        }
        self
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
        for diagnostic in self.sorted() {
            writeln!(f, "{diagnostic}\n")?;
        }
        let (errors, warnings) = (self.error_count(), self.warning_count());
        if errors > 0 {
            write!(f, "{errors} error(s), {warnings} warning(s)")
        } else {
            write!(f, "{warnings} warning(s)")
        }
    }
}

/// The values of `results`, or every diagnostic among them.
pub fn collect<T>(
    results: impl IntoIterator<Item = std::result::Result<T, Diagnostic>>,
) -> Result<Vec<T>> {
    let mut diagnostics = Diagnostics::new();
    let mut values = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(values)
    }
}

/// A stage's result: a value, or the diagnostics that prevented it.
pub type Result<T> = std::result::Result<T, Diagnostics>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_reads_like_rustc() {
        let d = Diagnostic::error("unknown field `emial`")
            .at(Location::new("content/regions/leipzig.yaml", 14, 7))
            .hint("did you mean `email`?");
        assert_eq!(
            d.to_string(),
            "error: unknown field `emial`\n  --> content/regions/leipzig.yaml:14:7\n   = hint: did you mean `email`?"
        );
    }

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
}
