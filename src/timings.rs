//! Timing spans for profiling a build: with `DIENSTWEG_TIMINGS=1` in the
//! environment, each span prints its name, wall time and (on Linux) the
//! process's CPU time over the span and its resident memory to stderr when it
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
    started: Option<(Instant, Option<f64>)>,
}

/// Start a span called `name`.
pub fn span(name: &'static str) -> Span {
    Span {
        name,
        started: enabled().then(|| (Instant::now(), cpu_ms())),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some((started, cpu_before)) = self.started {
            let cpu = cpu_before
                .zip(cpu_ms())
                .map_or_else(String::new, |(before, after)| {
                    format!("  cpu {:>6.0} ms", after - before)
                });
            eprintln!(
                "timing {:<16} {:>9.2} ms{cpu}{}",
                self.name,
                started.elapsed().as_secs_f64() * 1000.0,
                resident().map_or_else(String::new, |mib| format!("  (resident {mib} MiB)"))
            );
        }
    }
}

/// The resident memory of this process in MiB, where `/proc` tells it.
fn resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The CPU time (user and system, all threads) this process has used, in ms,
/// where `/proc` tells it; counted in ticks of 10 ms (`USER_HZ` is 100 on
/// every Linux architecture dienstweg builds for).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in brackets may hold spaces; the fields follow it.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) * 10.0)
}
