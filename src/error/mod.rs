//! Diagnostics: every problem a run finds, as a value with a location and a hint.
//!
//! Stages never stop at the first problem: they push into [`Diagnostics`] and the
//! caller decides at the end of a stage whether errors were found. `Display`
//! reads like rustc: `error: message` then `--> file:line:col` then `= hint: …`.

mod diagnostics;

pub use diagnostics::Diagnostics;
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
    /// The message without the secret it is about (a leak names the contact
    /// value it found; an error about a contact's line quotes what is written
    /// there, see [`crate::check::quoted`]), for what is shown beyond the
    /// terminal: the preview's browser, which anyone may reach who can reach
    /// the preview. Boxed:
    /// few diagnostics have one, and every result carries the size.
    pub redacted: Option<Box<String>>,
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
            redacted: None,
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

    /// Give the message to show beyond the terminal (see
    /// [`Diagnostic::redacted`]).
    pub fn redacted(mut self, message: impl Into<String>) -> Self {
        self.redacted = Some(Box::new(message.into()));
        self
    }

    /// The headline to show beyond the terminal: without the secret a
    /// redacted diagnostic is about.
    pub fn shown_headline(&self) -> String {
        self.headline_of(self.redacted.as_deref().unwrap_or(&self.message))
    }

    /// Name an output file (by its path in the output) this was met in.
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        self.files.push(path.into());
        self
    }

    /// The message, with the output files it was met in: `(in `a`, `b`,
    /// `c` and 7 more)`.
    pub fn headline(&self) -> String {
        self.headline_of(&self.message)
    }

    /// `message` with the output files this was met in.
    fn headline_of(&self, message: &str) -> String {
        const NAMED: usize = 3;
        let mut line = message.to_string();
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
        use std::io::ErrorKind;
        let hint = match err.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                "you may not do that there: check the folder's permissions, or choose a folder of your own"
            }
            ErrorKind::NotFound | ErrorKind::NotADirectory => {
                "check the path: every folder on the way must exist and be a folder, not a file"
            }
            ErrorKind::AlreadyExists => {
                "something is in the way (a file, or a link to nowhere): remove it or choose another path"
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "free some space and run it again",
            _ => "check the path, its permissions and the disk, then run it again",
        };
        Diagnostic::error(format!("could not {action} `{}`: {err}", path.display())).hint(hint)
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
}
