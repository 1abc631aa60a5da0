//! Time what the preview server does after a save, without a server: the fast
//! half (`prepare` — load, validate, theme, leak needles — then the preview of
//! the public audience and the one page the browser reloads) and the full
//! half (render and check every page), without writing files.
//!
//! usage: `cargo run --release --example rebuild -- ROOT [RUNS]`
//!
//! The first run warms what a running server keeps (syntaxes, CSS, the
//! validated regions of unchanged files) and is not counted; medians of the
//! others are printed.

use dienstweg::preview::Preview;
use dienstweg::view::Audience;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// The page the browser reloads in the measurement.
const PAGE: &str = "leitfaden/konzept/index.html";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: rebuild ROOT [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7).max(1);
    let (mut fast, mut full) = (Vec::new(), Vec::new());
    let mut memo = dienstweg::Memo::default();
    for run in 0..=runs {
        let started = Instant::now();
        let preview = dienstweg::prepare_with(&root, &mut memo)
            .map(Arc::new)
            .and_then(|prepared| Preview::new(prepared, Audience::Public));
        let page = preview.as_ref().ok().and_then(|preview| preview.file(PAGE));
        let fast_ms = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let built = preview.and_then(|preview| preview.prepared().render_preview(Audience::Public));
        let full_ms = started.elapsed().as_secs_f64() * 1000.0;
        match (page, built) {
            (Some(Ok(_)), Ok(built)) if run == 0 => {
                eprintln!(
                    "{} pages; warm-up {fast_ms:.0} ms + {full_ms:.0} ms",
                    built.pages
                )
            }
            (Some(Ok(_)), Ok(_)) => {
                fast.push(fast_ms);
                full.push(full_ms);
            }
            (None, _) => {
                eprintln!("the site has no page {PAGE}");
                return ExitCode::FAILURE;
            }
            (Some(Err(errors)), _) | (_, Err(errors)) => {
                eprintln!("{errors}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "fast half (prepare, preview, one page): {}",
        summary(&mut fast)
    );
    println!(
        "full half (every page rendered and checked): {}",
        summary(&mut full)
    );
    ExitCode::SUCCESS
}

fn summary(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
    format!(
        "median {:.0} ms of {} runs [{}]",
        times[times.len() / 2],
        times.len(),
        shown.join(" ")
    )
}
