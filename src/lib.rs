//! dienstweg: a static site generator for the Regionalworkshop concept.
//!
//! The pipeline runs one way, each stage a function of the previous one:
//!
//! ```text
//! content/ ──load──▶ Sources ──validate──▶ Site (the only home of contacts)
//!          ──view(audience)──▶ PublicSite | InternalSite
//!          ──render──▶ Vec<OutputFile> in memory, pages in parallel
//!          ──check──▶ leak scan (public)
//!          ──write──▶ staging directory, swapped in
//! ```
//!
//! `build`, `check` and the preview server all call [`build_site`].
#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod config;
pub mod diagrams;
pub mod error;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod source;
pub mod timings;
pub mod view;
pub mod yaml;

use error::{Diagnostics, Result};
use output::OutputFile;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use view::{Audience, View};

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    /// Every output file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
    /// Number of HTML pages.
    pub pages: usize,
}

/// A loaded and validated site with its theme, ready to render for any audience.
pub struct Prepared {
    /// The validated site.
    pub site: model::Site,
    /// Warnings of loading and validation.
    pub warnings: Diagnostics,
    theme: render::theme::Theme,
    env: minijinja::Environment<'static>,
    /// What the leak scan looks for, made on the first public render.
    needles: OnceLock<check::leaks::Needles>,
}

/// Load and validate a site and set up its theme.
pub fn prepare(root: &Path) -> Result<Prepared> {
    let sources = {
        let _span = timings::span("load");
        load::load(root)?
    };
    let (site, warnings) = {
        let _span = timings::span("validate");
        model::validate(&sources)?
    };
    let theme = {
        let _span = timings::span("theme");
        render::theme::load(root, &site.config.language)?
    };
    let env = {
        let _span = timings::span("environment");
        render::environment(&theme)?
    };
    Ok(Prepared {
        site,
        warnings,
        theme,
        env,
        needles: OnceLock::new(),
    })
}

impl Prepared {
    fn needles(&self) -> &check::leaks::Needles {
        self.needles.get_or_init(|| {
            let _span = timings::span("needles");
            check::leaks::Needles::from_site(&self.site)
        })
    }

    /// View, render and check the site for `audience`, in memory.
    pub fn render(&self, audience: Audience) -> Result<Built> {
        let labels = view::ViewLabels {
            internal_passage: &self.theme.string("internal.passage"),
        };
        let files = match audience {
            Audience::Public => {
                // The leak scan's needles and search are built while the
                // pages render: they need only the site.
                let (files, ()) = rayon::join(
                    || -> Result<Vec<OutputFile>> {
                        let view = {
                            let _span = timings::span("view");
                            view::public(&self.site, &labels)?
                        };
                        let files = render_view(&view, &self.theme, &self.env)?;
                        drop_in_background(view);
                        Ok(files)
                    },
                    || self.needles().prepare_search(),
                );
                let files = files?;
                let _span = timings::span("leak scan");
                check::leaks::scan(&files, self.needles())?;
                files
            }
            Audience::Internal => {
                let view = {
                    let _span = timings::span("view");
                    view::internal(&self.site, &labels)?
                };
                let files = render_view(&view, &self.theme, &self.env)?;
                drop_in_background(view);
                files
            }
        };
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        Ok(Built {
            files,
            warnings: self.warnings.clone(),
            pages,
        })
    }
}

/// Load, validate, view, render and check a site, all in memory.
pub fn build_site(root: &Path, audience: Audience) -> Result<Built> {
    let prepared = prepare(root)?;
    let built = prepared.render(audience);
    drop_in_background(prepared);
    built
}

/// Set by [`keep_memory_until_exit`].
static KEEP_MEMORY: AtomicBool = AtomicBool::new(false);

/// Tell the library that this process ends after its build or check: memory
/// a stage is done with is then left to the operating system, which takes it
/// back at exit all at once. Freeing a site of 400 regions piece by piece
/// (millions of small allocations) costs more than a tenth of the build.
/// Never call it in a long-running process such as the preview server.
pub fn keep_memory_until_exit() {
    KEEP_MEMORY.store(true, Ordering::Relaxed);
}

/// Free `value` on a pool thread, so the next stage need not wait for it;
/// or not at all in a process that exits after the build.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    if KEEP_MEMORY.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        rayon::spawn(move || drop(value));
    }
}

fn render_view<V: View>(
    view: &V,
    theme: &render::theme::Theme,
    env: &minijinja::Environment<'static>,
) -> Result<Vec<OutputFile>> {
    let _span = timings::span("render");
    let mut files = render::render(view, theme, env)?;
    files.extend(render::extra::files(view));
    output::finish(files)
}

/// What `build` needs to know.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site's root folder (holds `content/`).
    pub root: PathBuf,
    /// Who the build is for.
    pub audience: Audience,
    /// Output folder; `public/` or `internal/` below the root by default.
    pub out: Option<PathBuf>,
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
    let out_dir = options
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&options.root, options.audience));
    check::paths::check_out_dir(&options.root, &out_dir, options.audience)?;
    let built = build_site(&options.root, options.audience)?;
    {
        let _span = timings::span("write");
        output::write(&out_dir, &built.files)?;
    }
    let report = BuildReport {
        out_dir,
        files: built.files.len(),
        pages: built.pages,
        warnings: built.warnings,
    };
    drop_in_background(built.files);
    Ok(report)
}

/// Run every validation for both audiences and write nothing. Returns the
/// warnings, or all errors.
pub fn check(root: &Path) -> Result<Diagnostics> {
    let prepared = prepare(root)?;
    let mut diagnostics = Diagnostics::new();
    for audience in [Audience::Public, Audience::Internal] {
        if let Err(errors) = prepared.render(audience) {
            diagnostics.extend(errors);
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut warnings = prepared.warnings.clone();
    warnings.extend(check::contacts::review(&prepared.site));
    Ok(warnings)
}
