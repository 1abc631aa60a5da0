//! Micro-benchmarks of the hot stages of a build, on the shipped site:
//! load + validate; the whole public render (view, pages, leak scan), then
//! the same with the search index made afresh; the pages of one region,
//! rendered and leak-scanned one by one as the preview does; Markdown with
//! glossary links; code highlighting; and the leak scan alone.
//!
//! `cargo bench --bench stages` (whole builds of large sites: `bench/run.sh`).

use criterion::{criterion_group, criterion_main, Criterion};
use dienstweg::markdown::{self, RenderOptions};
use dienstweg::preview::Preview;
use dienstweg::view::Audience;
use dienstweg::{check, error::Diagnostics, highlight, load, model};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stages(c: &mut Criterion) {
    let Ok(prepared) = dienstweg::prepare(root()).map(Arc::new) else {
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
        b.iter(|| black_box(prepared.render_preview(Audience::Public).ok()))
    });

    c.bench_function("render public site with its search index", |b| {
        b.iter(|| black_box(prepared.render(Audience::Public).ok()))
    });

    let site = &prepared.site;
    // The region with the most partners; its pages from the public output.
    let region = site.regions.iter().max_by_key(|r| r.partners.len());
    let Ok(preview) = Preview::new(Arc::clone(&prepared), Audience::Public) else {
        panic!("the shipped site must preview");
    };
    if let Some(region) = region {
        let folder = format!("regionen/{}/", region.slug);
        let paths: Vec<&str> = built
            .files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|path| path.starts_with(&folder) && path.ends_with(".html"))
            .collect();
        assert!(paths.len() >= 7, "{}: {paths:?}", region.slug);
        for path in &paths {
            assert!(matches!(preview.file(path), Some(Ok(_))), "{path}");
        }
        c.bench_function(
            "render a region (the largest, its pages leak-scanned)",
            |b| {
                b.iter(|| {
                    for path in &paths {
                        black_box(preview.file(path).map(|page| page.is_ok()));
                    }
                })
            },
        );
    }

    let page = site
        .guide
        .iter()
        .max_by_key(|page| page.body.text.len())
        .map(|page| &page.body);
    let options = RenderOptions {
        audience: Audience::Public,
        internal_label: "intern",
        table_label: "Tabelle",
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
