//! A build written to its output folder: checked against the other
//! audience's output, rendered into a staging folder beside it, then swapped
//! in, so a failed build leaves the previous output as it was.

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::view::Audience;
use crate::RenderOptions;
use crate::{check, drop_in_background, emit, output, paper, prepare, render, timings};
use std::path::{Path, PathBuf};

/// What `build` needs to know.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site's root folder (holds `content/`).
    pub root: PathBuf,
    /// Who the build is for.
    pub audience: Audience,
    /// Output folder; `public/` or `internal/` below the root by default.
    pub out: Option<PathBuf>,
    /// Build the search (index, search page, search box); `false` leaves it
    /// out even where `site.yaml` asks for it.
    pub search: bool,
    /// Reuse what earlier builds kept below the root in `.dienstweg-cache/`
    /// (the public search index of the same pages; the files that passed the
    /// same leak scan), and keep this build's there.
    pub cache: bool,
}

/// The result of a written build.
#[derive(Debug)]
pub struct BuildReport {
    /// The folder written.
    pub out_dir: PathBuf,
    /// Number of files.
    pub files: usize,
    /// Number of HTML pages.
    pub pages: usize,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// The default output folder of an audience.
pub fn default_out_dir(root: &Path, audience: Audience) -> PathBuf {
    root.join(match audience {
        Audience::Public => "public",
        Audience::Internal => "internal",
    })
}

/// Build the site and write it to its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, None)
}

/// Like [`build`]; with a passphrase (internal audience only), the paper
/// files are sealed with it.
pub fn build_with(
    options: &BuildOptions,
    passphrase: Option<&paper::Passphrase>,
) -> Result<BuildReport> {
    if passphrase.is_some() && options.audience == Audience::Public {
        return Err(Diagnostic::error(
            "`--encrypt` is for the internal build: the public build holds nothing to hide",
        )
        .hint("add `--audience internal`")
        .into());
    }
    let out_dir = options
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&options.root, options.audience));
    check::paths::check_out_dir(&options.root, &out_dir, options.audience)?;
    let mut prepared = prepare(&options.root)?;
    if !options.search {
        prepared.without_search();
    }
    let search_cache = render::search::cache::folder(&options.root);
    let scan_memory = check::leaks::passed::folder(&options.root);
    let render_options = RenderOptions {
        passphrase,
        search_cache: options.cache.then_some(search_cache.as_path()),
        scan_memory: options.cache.then_some(scan_memory.as_path()),
    };
    let staging = output::Staging::new(&out_dir)?;
    let (emitted, warnings) = {
        let _span = timings::span("render, check, write");
        prepared.emit(
            options.audience,
            &render_options,
            true,
            emit::Sink::Staging(&staging),
        )?
    };
    staging
        .write(&check::paths::marker(options.audience))
        .map_err(Diagnostics::from)?;
    {
        let _span = timings::span("swap in");
        staging.commit()?;
    }
    let report = BuildReport {
        out_dir,
        files: emitted.count + 1,
        pages: emitted.pages,
        warnings,
    };
    drop_in_background(emitted);
    drop_in_background(prepared);
    Ok(report)
}
