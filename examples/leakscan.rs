//! Time the leak scan alone: gather a site's needles, read a finished
//! output folder into memory and scan it, several times; print the medians
//! and what the scan reports.
//!
//! usage: `cargo run --release --example leakscan -- ROOT [OUT] [RUNS]`
//! (OUT defaults to `ROOT/public`).

use dienstweg::check::leaks::{scan, Needles};
use dienstweg::output::OutputFile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: leakscan ROOT [OUT] [RUNS]");
        return ExitCode::from(2);
    };
    let out = args
        .next()
        .map_or_else(|| root.join("public"), PathBuf::from);
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5).max(1);
    let loaded = dienstweg::load::load(&root).and_then(|sources| {
        let (site, _) = dienstweg::model::validate(&sources)?;
        Ok((Arc::new(sources.into_all()), site))
    });
    let (sources, site) = match loaded {
        Ok(loaded) => loaded,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let mut files = Vec::new();
    if let Err(err) = read_dir(&out, &out, &mut files) {
        eprintln!("{}: {err}", out.display());
        return ExitCode::FAILURE;
    }
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    eprintln!("{} files, {} MB", files.len(), bytes / 1_000_000);
    let mut needle_times = Vec::new();
    let mut scan_times = Vec::new();
    let mut scan_cpu = Vec::new();
    let mut report = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        // As a build makes them: sharing the content files, not copying them.
        let needles = Needles::new_with(&site, Arc::clone(&sources), None);
        needle_times.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let cpu = cpu_ms();
        let result = scan(&files, &needles);
        scan_times.push(started.elapsed().as_secs_f64() * 1000.0);
        scan_cpu.push(cpu_ms() - cpu);
        report = match result {
            Ok(()) => "no leaks".to_string(),
            Err(errors) => errors.to_string(),
        };
    }
    println!("{report}");
    eprintln!("needles   median {:.1} ms", median(needle_times));
    eprintln!(
        "leak scan median {:.1} ms (cpu {:.0} ms)",
        median(scan_times),
        median(scan_cpu)
    );
    ExitCode::SUCCESS
}

/// CPU time of the process so far (user and system), from `/proc`; 0 elsewhere.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    // Clock ticks of 10 ms.
    fields.iter().sum::<f64>() * 10.0
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn read_dir(base: &Path, dir: &Path, files: &mut Vec<OutputFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(base, &path, files)?;
        } else {
            let relative = path.strip_prefix(base).unwrap_or(&path);
            files.push(OutputFile {
                path: relative.to_string_lossy().replace('\\', "/"),
                bytes: std::fs::read(&path)?,
            });
        }
    }
    Ok(())
}
