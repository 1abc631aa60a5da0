//! Micro-benchmarks of the hot stages of a build, on the shipped site:
//! load + validate, the whole public render (view, pages, leak scan),
//! Markdown with glossary links, code highlighting, and the leak scan alone.
//!
//! `cargo bench --bench stages` (whole builds of large sites: `bench/run.sh`).

use criterion::{criterion_group, criterion_main, Criterion};
use dienstweg::markdown::{self, RenderOptions};
use dienstweg::view::Audience;
use dienstweg::{check, error::Diagnostics, highlight, load, model};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stages(c: &mut Criterion) {
    let Ok(prepared) = dienstweg::prepare(root()) else {
        panic!("the shipped site must build");
    };
    let Ok(built) = prepared.render(Audience::Public) else {
        panic!("the shipped site must render");
    };

    c.bench_function("load + validate", |b| {
        b.iter(|| {
            let sources = load::load(root()).ok();
            black_box(sources.and_then(|s| model::validate(&s).ok()))
        })
    });

    c.bench_function("render public site (view, pages, leak scan)", |b| {
        b.iter(|| black_box(prepared.render(Audience::Public).ok()))
    });

    let site = &prepared.site;
    let page = site
        .guide
        .iter()
        .max_by_key(|page| page.body.text.len())
        .map(|page| &page.body);
    let options = RenderOptions {
        audience: Audience::Public,
        internal_label: "intern",
    };
    if let Some(page) = page {
        c.bench_function("markdown (longest guide page)", |b| {
            b.iter(|| {
                let mut diagnostics = Diagnostics::new();
                black_box(markdown::render(
                    page,
                    &options,
                    &site.glossary,
                    &mut diagnostics,
                ))
            })
        });
    }

    let yaml = "matrix:\n  - area: arbeitsmarktzulassung\n    cells:\n      - partner: abh-leipzig\n        level: lead\n        groups: [gestattete, geduldete]\n";
    c.bench_function("highlight (yaml, warm)", |b| {
        b.iter(|| black_box(highlight::highlight(black_box(yaml), "yaml")))
    });

    let needles = check::leaks::Needles::new(site, Vec::new());
    c.bench_function("leak scan (public output)", |b| {
        b.iter(|| black_box(check::leaks::scan(&built.files, &needles).is_ok()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
