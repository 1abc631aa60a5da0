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

/// The passphrase for this run.
pub fn obtain() -> Result<Passphrase, Diagnostic> {
    let text = match std::env::var(ENV_VAR) {
        Ok(text) if !text.is_empty() => text,
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

/// Refuse passphrases that are easy to guess by length alone.
pub fn check(text: &str) -> Result<(), Diagnostic> {
    if text.trim().chars().count() < MIN_CHARS {
        return Err(Diagnostic::error(format!(
            "the passphrase is shorter than {MIN_CHARS} characters"
        ))
        .hint("use several words, e.g. four unrelated words; pass it on by another channel than the file"));
    }
    Ok(())
}
