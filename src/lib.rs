//! dienstweg: a static site generator for the Regionalworkshop concept.
//!
//! The pipeline runs one way, each stage a function of the previous one:
//!
//! ```text
//! content/ ──load──▶ Sources ──validate──▶ Site (the only home of contacts)
//!          ──view(audience)──▶ PublicSite | InternalSite
//!          ──render──▶ output files, pages in parallel, each at once
//!          ──check──▶   leak scan (public; a file that passed the same scan in
//!                       an earlier build is not read again) or banner check
//!                       (internal), file by file
//!          ──emit──▶    into memory, or written into the staging directory
//!          ──index──▶ + search bundle (pagefind, of this audience's pages only;
//!                      a public build reuses the cached bundle of the same pages),
//!                      checked and emitted alike
//!          ──finish──▶ all errors reported; the staging directory swapped in
//! ```
//!
//! [`prepare`] runs the first two stages; [`build`] and [`check()`] go on
//! from there to the end (see [`emit`]). The preview server prepares the site
//! after every save with [`prepare_with`] and a [`Memo`] (unchanged regions
//! are not parsed again, their leak needles are kept), renders the page the
//! browser asks for at once ([`preview`]) and checks the whole site in the
//! background. Templates share a render's costliest markup through
//! `shared()` ([`render::shared`]). [`build_site`] does it all in memory.
#![warn(missing_docs)]

pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagrams;
pub mod emit;
pub mod error;
pub mod highlight;
pub mod init;
pub mod load;
pub mod markdown;
mod markup;
pub mod model;
pub mod output;
pub mod paper;
pub mod preview;
pub mod render;
pub mod serve;
pub mod source;
pub mod timings;
pub mod view;
mod written;
pub mod yaml;

use error::{Diagnostics, Result};
use output::OutputFile;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use view::Audience;
pub use written::{build, build_with, default_out_dir, BuildOptions, BuildReport};

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
    /// The content files and the theme's templates, shared with the needles
    /// to say where a leaked value was written.
    sources: Arc<Vec<source::SourceFile>>,
    /// Needles of regions kept from earlier runs, for a process that
    /// prepares the same site after every save.
    needle_memo: Option<Arc<check::leaks::NeedleMemo>>,
}

/// What a process that prepares the same site after every save keeps from
/// one run to the next: the validated regions, and their leak needles.
#[derive(Default)]
pub struct Memo {
    regions: model::RegionMemo,
    needles: Arc<check::leaks::NeedleMemo>,
}

/// The errors of the theme and its templates, for a site whose content has
/// errors: they are reported with those, not once the content is mended.
/// Checked in the language `site.yaml` names (read even from settings with
/// errors), if the theme has it; else that is the settings' error, and the
/// templates are checked in the first language.
fn theme_errors(root: &Path, sources: &load::Sources) -> Diagnostics {
    let named = yaml::parse_file::<serde_json::Value>(&sources.site)
        .ok()
        .and_then(|settings| settings.get("language")?.as_str().map(str::to_string));
    let language = match named {
        Some(language) if config::LANGUAGES.contains(&language.as_str()) => language,
        _ => config::LANGUAGES[0].to_string(),
    };
    render::theme::load(root, &language)
        .and_then(|theme| render::environment(&theme))
        .err()
        .unwrap_or_default()
}

/// Load and validate a site and set up its theme.
pub fn prepare(root: &Path) -> Result<Prepared> {
    prepare_inner(root, None)
}

/// Like [`prepare`], taking regions unchanged since an earlier run from
/// `memo`, with their leak needles (and recording this run's there): for a
/// process that prepares the same site after every save.
pub fn prepare_with(root: &Path, memo: &mut Memo) -> Result<Prepared> {
    prepare_inner(root, Some(memo))
}

fn prepare_inner(root: &Path, mut memo: Option<&mut Memo>) -> Result<Prepared> {
    let sources = {
        let _span = timings::span("load");
        load::load(root)?
    };
    let validated = {
        let _span = timings::span("validate");
        let regions = memo.as_mut().map(|memo| &mut memo.regions);
        let markdown = sources.guide.iter().chain(&sources.glossary);
        rayon::join(
            || model::validate_with(&sources, regions),
            || highlight::warm_up(markdown.map(|file| file.text.as_str())),
        )
        .0
    };
    let (site, warnings) = match validated {
        Ok(validated) => validated,
        Err(mut errors) => {
            errors.extend(theme_errors(root, &sources));
            return Err(check::quoted::withhold(errors, &sources.into_all()));
        }
    };
    let theme = {
        let _span = timings::span("theme");
        render::theme::load(root, &site.config.language)?
    };
    let env = {
        let _span = timings::span("environment");
        render::environment(&theme)?
    };
    let mut sources = sources.into_all();
    sources.extend(
        theme
            .templates
            .values()
            .map(|(path, text)| source::SourceFile::new(path.clone(), text.clone())),
    );
    sources.push(theme.strings_file.clone());
    Ok(Prepared {
        site,
        warnings,
        theme,
        env,
        needles: OnceLock::new(),
        sources: Arc::new(sources),
        needle_memo: memo.map(|memo| Arc::clone(&memo.needles)),
    })
}

/// What a written build asks of a render beyond the audience.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions<'a> {
    /// Seal the internal build's paper files with this passphrase.
    pub passphrase: Option<&'a paper::Passphrase>,
    /// Reuse and keep public search bundles in this folder
    /// ([`render::search::cache`]).
    pub search_cache: Option<&'a Path>,
    /// Keep what passed the public build's leak scan in this folder, and
    /// scan only what did not pass it before ([`check::leaks::passed`]).
    pub scan_memory: Option<&'a Path>,
}

impl Prepared {
    /// The leak scan's needles, gathered on first use.
    pub(crate) fn needles(&self) -> &check::leaks::Needles {
        self.needles.get_or_init(|| {
            let _span = timings::span("needles");
            let memo = self.needle_memo.as_deref();
            check::leaks::Needles::new_with(&self.site, Arc::clone(&self.sources), memo)
        })
    }

    /// The public view and the plan of its pages. Every public file is
    /// leak-scanned as it is made: the needles are made ready on the other
    /// core meanwhile.
    pub(crate) fn public_view_and_pages(
        &self,
        labels: &view::ViewLabels,
    ) -> Result<(view::PublicSite, render::PageSet)> {
        let (planned, ()) = rayon::join(
            || render::view_and_pages(&self.theme, || view::public(&self.site, labels)),
            || check::leaks::make_ready(self.needles()),
        );
        planned
    }

    /// View, render and check the site for `audience`, in memory.
    pub fn render(&self, audience: Audience) -> Result<Built> {
        self.render_with(audience, &RenderOptions::default())
    }

    /// Like [`Prepared::render`] without the search index, which `check`
    /// does not need: the pages the index is made of are checked already.
    pub fn render_preview(&self, audience: Audience) -> Result<Built> {
        self.render_inner(audience, &RenderOptions::default(), false)
    }

    /// Like [`Prepared::render`], with a passphrase for the paper files and a
    /// cache folder for the search index.
    pub fn render_with(&self, audience: Audience, options: &RenderOptions<'_>) -> Result<Built> {
        self.render_inner(audience, options, true)
    }

    /// Leave the search out of every render: no index, no search page, no
    /// search box (what `search: false` in `site.yaml` does).
    pub fn without_search(&mut self) {
        self.site.config.search = false;
    }

    fn render_inner(
        &self,
        audience: Audience,
        options: &RenderOptions<'_>,
        index: bool,
    ) -> Result<Built> {
        let (emitted, warnings) = self.emit(audience, options, index, emit::Sink::Memory)?;
        Ok(Built {
            files: emitted.files,
            warnings,
            pages: emitted.pages,
        })
    }

    /// View, render and check the site for `audience`, each file sent to
    /// `sink` as soon as it is made and has passed its check.
    fn emit(
        &self,
        audience: Audience,
        options: &RenderOptions<'_>,
        index: bool,
        sink: emit::Sink<'_>,
    ) -> Result<(emit::Emitted, Diagnostics)> {
        let labels = self.theme.view_labels();
        let index = index && self.site.config.search;
        // A build or `check` runs to its end (the preview's check, which
        // may be given up, is `Preview::check_all`).
        let cancel = None;
        let mut warnings = self.warnings.clone();
        let emitted = match audience {
            Audience::Public => {
                let (view, pages) = self.public_view_and_pages(&labels)?;
                let plan = emit::Plan {
                    index,
                    cache: options.search_cache,
                    scan_memory: options.scan_memory,
                    cancel,
                };
                let emitted = emit::public(self, &view, Some(&pages), plan, sink);
                drop_in_background((view, pages));
                let (emitted, search_warnings) = emitted?;
                warnings.extend(search_warnings);
                emitted
            }
            Audience::Internal => {
                let view = {
                    let _span = timings::span("view");
                    let view = view::internal(&self.site, &labels)?;
                    match options.passphrase {
                        Some(_) => view.with_sealed_papers(),
                        None => view,
                    }
                };
                // The internal index holds contact data: it is never kept
                // outside the internal output.
                let plan = emit::Plan {
                    index,
                    cache: None,
                    scan_memory: None,
                    cancel,
                };
                let passphrase = options.passphrase;
                emit::internal(self, &view, None, plan, sink, passphrase)?
            }
        };
        Ok((emitted, warnings))
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
