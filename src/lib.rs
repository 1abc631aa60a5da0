//! dienstweg: a static site generator for the Regionalworkshop concept.
//!
//! The pipeline runs one way, each stage a function of the previous one:
//!
//! ```text
//! content/ ──load──▶ Sources ──validate──▶ Site (the only home of contacts)
//!          ──view(audience)──▶ PublicSite | InternalSite
//!          ──render──▶ Vec<OutputFile> in memory, pages in parallel
//!          ──index──▶ + search bundle (pagefind, of this audience's pages only)
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
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paper;
pub mod render;
pub mod serve;
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
    /// What the leak scan searches for, gathered on the first public render:
    /// internal builds and internal previews never need it.
    needles: OnceLock<check::leaks::Needles>,
    /// The content files, for the needles.
    sources: load::Sources,
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
        sources,
    })
}

impl Prepared {
    /// The leak scan's needles, gathered on first use.
    fn needles(&self) -> &check::leaks::Needles {
        self.needles.get_or_init(|| {
            let _span = timings::span("needles");
            // Copying the content files (to locate hits) goes on beside.
            let (known_files, mut needles) =
                rayon::join(
                    || {
                        let mut known_files: Vec<source::SourceFile> =
                            self.sources.all().cloned().collect();
                        known_files.extend(self.theme.templates.values().map(|(path, text)| {
                            source::SourceFile::new(path.clone(), text.clone())
                        }));
                        known_files
                    },
                    || check::leaks::Needles::new(&self.site, Vec::new()),
                );
            needles.sources = known_files;
            needles
        })
    }

    /// View, render and check the site for `audience`, in memory.
    pub fn render(&self, audience: Audience) -> Result<Built> {
        self.render_with(audience, None)
    }

    /// Like [`Prepared::render`] without the search index: the live preview
    /// rebuilds on every save, and indexing would triple the time to reload.
    pub fn render_preview(&self, audience: Audience) -> Result<Built> {
        self.render_inner(audience, None, false)
    }

    /// Like [`Prepared::render`]; with a passphrase, the internal build's
    /// paper files are sealed with it.
    pub fn render_with(
        &self,
        audience: Audience,
        passphrase: Option<&paper::Passphrase>,
    ) -> Result<Built> {
        self.render_inner(audience, passphrase, true)
    }

    fn render_inner(
        &self,
        audience: Audience,
        passphrase: Option<&paper::Passphrase>,
        search: bool,
    ) -> Result<Built> {
        let labels = view::ViewLabels {
            internal_passage: &self.theme.string("internal.passage"),
        };
        let files = match audience {
            Audience::Public => {
                let view = {
                    let _span = timings::span("view");
                    view::public(&self.site, &labels)?
                };
                let files = render_view(&view, &self.theme, &self.env, search)?;
                drop_in_background(view);
                let needles = self.needles();
                let _span = timings::span("leak scan");
                check::leaks::scan(&files, needles)?;
                files
            }
            Audience::Internal => {
                let view = {
                    let _span = timings::span("view");
                    view::internal(&self.site, &labels)?
                };
                let mut files = render_view(&view, &self.theme, &self.env, search)?;
                files.extend(paper::standalone(
                    &view,
                    &self.theme,
                    &self.env,
                    passphrase,
                )?);
                let files = output::finish(files)?;
                check::internal::check(
                    &files,
                    &self.theme.string("internal.banner"),
                    &view.site().build_date.german(),
                )?;
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
    prepare(root)?.render(audience)
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
    search: bool,
) -> Result<Vec<OutputFile>> {
    let span = timings::span("render");
    let mut files = render::render(view, theme, env)?;
    files.extend(render::extra::files(view));
    files.extend(render::feeds::files(view, theme));
    files.extend(render::data::files(view, theme)?);
    let files = output::finish(files)?;
    drop(span);
    if !search {
        return Ok(files);
    }
    let _span = timings::span("search index");
    let mut files_with_search = render::search::index(&files, &view.site().config.language)?;
    files_with_search.extend(files);
    output::finish(files_with_search)
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
    build_with(options, None)
}

/// Like [`build`]; with a passphrase (internal audience only), the paper
/// files are sealed with it.
pub fn build_with(
    options: &BuildOptions,
    passphrase: Option<&paper::Passphrase>,
) -> Result<BuildReport> {
    if passphrase.is_some() && options.audience == Audience::Public {
        return Err(error::Diagnostic::error(
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
    let mut built = prepare(&options.root)?.render_with(options.audience, passphrase)?;
    built.files.push(check::paths::marker(options.audience));
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
        // The search index is made from these pages, which the scan reads
        // already; `check` writes nothing, so it need not build the index.
        if let Err(errors) = prepared.render_preview(audience) {
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
