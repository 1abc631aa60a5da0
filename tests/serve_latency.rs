//! A measurement, not a check: the time from saving a file of the shipped
//! site to the rebuilt page being served by `dienstweg serve`, over 20 edits.
//! Run it on purpose, in release:
//! `cargo test --release --test serve_latency -- --ignored --nocapture`.
//! `DIENSTWEG_LATENCY_SITE=DIR` measures the site in DIR instead (copied
//! first; it needs the shipped guide, as `bench/generate.py` writes it);
//! `DIENSTWEG_LATENCY_PAUSE_MS` sets the pause before each save (300 ms).

mod common;
mod serve_harness;

use serve_harness::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Copy the folder `from` to `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
        }
    }
}

/// Save → served latency for the shipped site, median of 20 edits.
#[test]
#[ignore = "a measurement, not a check: run it on purpose, in release"]
fn latency_from_save_to_served_page_of_the_shipped_site() {
    let from = std::env::var_os("DIENSTWEG_LATENCY_SITE")
        .map_or_else(common::repo, std::path::PathBuf::from);
    let site = tempfile::tempdir().expect("temp dir");
    for folder in ["content", "themes"] {
        if from.join(folder).is_dir() {
            copy_tree(&from.join(folder), &site.path().join(folder));
        }
    }
    let server = serve(site.path(), &["--port", "0"]);
    let guide = site.path().join("content/guide/konzept.md");
    let original = std::fs::read_to_string(&guide).expect("the guide page");
    let pause = std::env::var("DIENSTWEG_LATENCY_PAUSE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_millis(300), Duration::from_millis);
    let mut samples = Vec::new();
    for edit in 0..20 {
        std::thread::sleep(pause);
        let marker = format!("Messmarke{edit}x");
        let saved = Instant::now();
        std::fs::write(&guide, format!("{original}\n{marker}\n")).expect("save");
        let page = server.get_until("/leitfaden/konzept/", Duration::from_secs(10), |r| {
            r.body.contains(&marker)
        });
        assert!(page.body.contains(&marker), "edit {edit} never served");
        samples.push(saved.elapsed());
    }
    let rebuilds: Vec<u64> = server
        .lines()
        .iter()
        .filter_map(|l| {
            l.strip_prefix("rebuilt in ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = (ms(samples[9]) + ms(samples[10])) / 2.0;
    let mut sorted_rebuilds = rebuilds.clone();
    sorted_rebuilds.sort_unstable();
    println!(
        "save → served, 20 edits: median {median:.0} ms, min {:.0} ms, max {:.0} ms; rebuild alone (server log, ms): {rebuilds:?}, median {}",
        ms(samples[0]),
        ms(samples[19]),
        sorted_rebuilds.get(sorted_rebuilds.len() / 2).copied().unwrap_or(0)
    );
}
