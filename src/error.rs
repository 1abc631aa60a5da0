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
    /// The output files it was met in (a template error while rendering
    /// them, a check of them): a cause that many files share is reported
    /// once, naming a few of them.
    pub files: Vec<String>,
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
            files: Vec::new(),
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

    /// Name an output file (by its path in the output) this was met in.
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        self.files.push(path.into());
        self
    }

    /// The message, with the output files it was met in: `(in `a`, `b`,
    /// `c` and 7 more)`.
    pub fn headline(&self) -> String {
        const NAMED: usize = 3;
        let mut line = self.message.clone();
        if !self.files.is_empty() {
            let named: Vec<String> = self
                .files
                .iter()
                .take(NAMED)
                .map(|path| format!("`{path}`"))
                .collect();
            line.push_str(&format!(" (in {}", named.join(", ")));
            if self.files.len() > NAMED {
                line.push_str(&format!(" and {} more", self.files.len() - NAMED));
            }
            line.push(')');
        }
        line
    }

    /// Whether `other` reports the same cause (it may name other files).
    fn same_cause(&self, other: &Diagnostic) -> bool {
        (
            self.severity,
            self.kind,
            &self.message,
            &self.location,
            &self.hint,
        ) == (
            other.severity,
            other.kind,
            &other.message,
            &other.location,
            &other.hint,
        )
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
        write!(f, "{label}: {}", self.headline())?;
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
        let failed: Vec<Option<&Path>> = self
            .items
            .iter()
            .filter(|d| d.is_error() && d.kind == Kind::Syntax)
            .map(|d| d.location.as_ref().map(|l| l.file.as_path()))
            .collect();
        let is_region = |file: Option<&Path>| {
            file.is_some_and(|f| f.starts_with(Path::new("content").join("regions")))
        };
        let all = failed.iter().any(|&file| !is_region(file));
        let failed: Vec<PathBuf> = failed
            .into_iter()
            .flatten()
            .map(Path::to_path_buf)
            .collect();
        self.items.retain(|d| {
            d.kind != Kind::Reference
                || !(all
                    || d.location
                        .as_ref()
                        .is_some_and(|l| failed.contains(&l.file)))
        });
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
