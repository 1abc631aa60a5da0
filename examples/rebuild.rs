//! Time a full in-memory rebuild of a site: `prepare` (load, validate, theme)
//! and `render` of the public audience with its leak scan, as the preview
//! server runs it after every save, without writing files.
//!
//! usage: `cargo run --release --example rebuild -- ROOT [RUNS]`
//!
//! The first run warms what a running server keeps (syntaxes, CSS) and is not
//! counted; the median of the others is printed.

use dienstweg::view::Audience;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: rebuild ROOT [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7).max(1);
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let started = Instant::now();
        let built =
            dienstweg::prepare(&root).and_then(|prepared| prepared.render(Audience::Public));
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        match built {
            Ok(built) if run == 0 => eprintln!("{} pages; warm-up {elapsed:.0} ms", built.pages),
            Ok(_) => times.push(elapsed),
            Err(errors) => {
                eprintln!("{errors}");
                return ExitCode::FAILURE;
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
    println!(
        "rebuild (prepare + render, public): median {:.0} ms of {} runs [{}]",
        times[times.len() / 2],
        times.len(),
        shown.join(" ")
    );
    ExitCode::SUCCESS
}
