//! Where the passphrase of `build --encrypt` comes from: the environment
//! variable `DIENSTWEG_PASSPHRASE`, else asked twice on the terminal without
//! echo. No terminal and no variable is a usage error; so is a short one.

use super::crypto::Passphrase;
use crate::error::Diagnostic;
use std::io::IsTerminal;

/// The environment variable read first.
pub const ENV_VAR: &str = "DIENSTWEG_PASSPHRASE";
/// Shortest passphrase accepted, in characters.
pub const MIN_CHARS: usize = 12;

/// The passphrase for this run (see [`Passphrase::new`] for how it is read).
pub fn obtain() -> Result<Passphrase, Diagnostic> {
    let text = match std::env::var(ENV_VAR) {
        Ok(text) if !text.is_empty() => text,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Diagnostic::error(format!(
                "`{ENV_VAR}` is set, but not to UTF-8 text"
            ))
            .hint(format!(
                "set {ENV_VAR} from a UTF-8 terminal or file; the paper's page reads the passphrase as UTF-8"
            )))
        }
        _ if std::io::stdin().is_terminal() || std::io::stderr().is_terminal() => ask()?,
        set => {
            let state = if set.is_ok() {
                "is empty"
            } else {
                "is not set"
            };
            return Err(Diagnostic::error(format!(
                "`--encrypt` needs a passphrase, but `{ENV_VAR}` {state} and there is no terminal to ask on"
            ))
            .hint(format!(
                "set {ENV_VAR} in the environment of the build, or run it in a terminal"
            )));
        }
    };
    check(&text)?;
    Ok(Passphrase::new(text))
}

fn ask() -> Result<String, Diagnostic> {
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|err| {
            Diagnostic::error(format!("could not read the passphrase: {err}"))
                .hint(format!("set {ENV_VAR} instead"))
        })
    };
    let first = read("Passphrase for the interface papers: ")?;
    let second = read("The same passphrase again: ")?;
    if first != second {
        return Err(Diagnostic::error("the two passphrases differ")
            .hint("run the build again and type the same passphrase twice"));
    }
    Ok(first)
}

/// Whether `DIENSTWEG_PASSPHRASE` holds a passphrase: a build without
/// `--encrypt` then says that it was not used.
pub fn is_set() -> bool {
    std::env::var_os(ENV_VAR).is_some_and(|value| !value.is_empty())
}

/// Refuse passphrases that are easy to guess by length alone, and those a
/// password field cannot type.
pub fn check(text: &str) -> Result<(), Diagnostic> {
    let text = super::crypto::trimmed(text);
    if text.chars().any(char::is_control) {
        return Err(Diagnostic::error(
            "the passphrase holds a line break, a tab or another control character",
        )
        .hint("the paper's password field cannot type it: use letters, digits, spaces and punctuation"));
    }
    if text.chars().count() < MIN_CHARS {
        return Err(Diagnostic::error(format!(
            "the passphrase is shorter than {MIN_CHARS} characters"
        ))
        .hint("use several words, e.g. four unrelated words; pass it on by another channel than the file"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ones_and_untypeable_ones_are_refused() {
        assert!(check("vier unverbundene Wörter").is_ok());
        assert!(check("  kurz genug?  ").is_err());
        assert!(check("zwei\nZeilen sind nicht tippbar").is_err());
        assert!(check("ein\tTabulator ist es auch nicht").is_err());
        // Around it, a line break is no part of it (a file's last line).
        assert!(check("vier unverbundene Wörter\n").is_ok());
    }
}
