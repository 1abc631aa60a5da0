//! Timing spans for profiling a build: with `DIENSTWEG_TIMINGS=1` in the
//! environment, each span prints its name and wall time to stderr when it
//! ends; otherwise a span costs one cached environment lookup.

use std::sync::OnceLock;
use std::time::Instant;

/// Are timings switched on (`DIENSTWEG_TIMINGS` set and not `0`)?
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("DIENSTWEG_TIMINGS").is_some_and(|v| v != "0"))
}

/// A running span; prints its duration when dropped.
#[must_use = "a span measures until it is dropped"]
pub struct Span {
    name: &'static str,
    started: Option<Instant>,
}

/// Start a span called `name`.
pub fn span(name: &'static str) -> Span {
    Span {
        name,
        started: enabled().then(Instant::now),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(started) = self.started {
            eprintln!(
                "timing {:<16} {:>9.2} ms",
                self.name,
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
