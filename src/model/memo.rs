//! The region files of a site, validated in parallel; for a process that
//! validates the same site again and again (the preview server, after every
//! save), taken from a [`RegionMemo`] where nothing they depend on changed.

use super::{Catalog, Glossary, Region};
use crate::error::Diagnostics;
use crate::load::Sources;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Regions validated by earlier runs: a region whose file, catalogue and
/// glossary are unchanged is taken from here instead of being parsed and
/// checked again (and stays the same `Arc<Region>`, which later stages may
/// key their own memos on).
#[derive(Default)]
pub struct RegionMemo {
    /// The texts of the catalogue and glossary files the entries were
    /// validated against.
    basis: Vec<String>,
    /// By file path: the file's text and what validating it gave.
    regions: HashMap<PathBuf, Validated>,
}

/// One region file's validation: the region, if valid, and its diagnostics.
#[derive(Clone)]
struct Validated {
    text: String,
    region: Option<Arc<Region>>,
    found: Diagnostics,
}

/// What a region's validation depends on beyond its own file.
fn memo_basis(sources: &Sources) -> Vec<String> {
    [
        &sources.institutions,
        &sources.areas,
        &sources.target_groups,
        &sources.path,
    ]
    .into_iter()
    .map(|file| file.as_ref().map_or_else(String::new, |f| f.text.clone()))
    .chain(sources.glossary.iter().map(|f| f.text.clone()))
    .collect()
}

/// Validate every region file (or take it from `memo`, which then keeps
/// this run's), adding their diagnostics to `diagnostics` in file order;
/// returns the valid regions, in file order.
pub(super) fn validate_regions(
    sources: &Sources,
    catalog: &Catalog,
    glossary: &Glossary,
    memo: Option<&mut RegionMemo>,
    diagnostics: &mut Diagnostics,
) -> Vec<Arc<Region>> {
    let basis = memo.as_ref().map(|_| memo_basis(sources));
    let known = |file: &SourceFile| -> Option<Validated> {
        let memo = memo.as_deref()?;
        let entry = memo.regions.get(&file.path)?;
        (Some(&memo.basis) == basis.as_ref() && entry.text == file.text).then(|| entry.clone())
    };
    // Regions are independent: validate them in parallel, then merge their
    // diagnostics in file order so the report reads the same as a serial run.
    let validated: Vec<Validated> = sources
        .regions
        .par_iter()
        .map(|file| {
            known(file).unwrap_or_else(|| {
                let mut found = Diagnostics::new();
                let region = super::region::validate_region(file, catalog, &mut found);
                if let Some(region) = &region {
                    let markdowns = region.markdowns();
                    for markdown in &markdowns {
                        crate::markdown::check(markdown, glossary, &mut found);
                    }
                    crate::markdown::stray_fences(file, &markdowns, &mut found);
                }
                Validated {
                    text: if basis.is_some() {
                        file.text.clone()
                    } else {
                        String::new()
                    },
                    region: region.map(Arc::new),
                    found,
                }
            })
        })
        .collect();
    let mut regions = Vec::with_capacity(validated.len());
    for entry in &validated {
        diagnostics.extend(entry.found.clone());
        regions.extend(entry.region.clone());
    }
    if let (Some(memo), Some(basis)) = (memo, basis) {
        memo.basis = basis;
        memo.regions = sources
            .regions
            .iter()
            .map(|file| file.path.clone())
            .zip(validated)
            .collect();
    }
    regions
}
