//! Emit: each output file of a render passes its audience's check as soon
//! as it is made, then goes where the render sends its files: into memory
//! (the preview, `check`) or into the staging folder of a build.
//!
//! A build so never holds all its pages at once: a page is rendered,
//! checked and written by one thread while it is still in that core's
//! cache, and its memory goes to the next page. A file that fails its check
//! is never written, not even into the staging folder, which is removed
//! unless the whole build passes.

use crate::error::{Diagnostic, Diagnostics, Result};
use crate::output::{self, OutputFile, Staging};
use crate::render::{search, PageSet};
use crate::view::{InternalSite, PublicSite, View};
use crate::{check, paper, render, timings, Prepared};
use rayon::prelude::*;
use std::path::Path;
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard, PoisonError};

mod index;

/// Where a render sends its files.
#[derive(Clone, Copy, Debug)]
pub enum Sink<'a> {
    /// Keep every file in memory.
    Memory,
    /// Write each file into a staging folder; keep in memory only the pages
    /// a search index is made from, if the render makes one.
    Staging(&'a Staging),
}

/// The check every file passes before it goes to the sink.
#[derive(Debug)]
pub enum Check<'a> {
    /// The public output's leak scan.
    Leaks(check::leaks::Scan<'a>),
    /// The internal output's wall: banner, robots tag and build date on
    /// every page ([`check::internal`]).
    Internal(check::internal::Wall),
}

/// The files of one render on their way out, from any thread.
#[derive(Debug)]
pub struct Emitter<'a> {
    check: Check<'a>,
    sink: Sink<'a>,
    /// Keep the pages the search indexes, whatever the sink.
    keep_indexed: bool,
    kept: Mutex<Vec<OutputFile>>,
    /// Where the pages to index go instead, while an index reads them
    /// beside the render ([`search::index_arriving`]).
    to_index: Mutex<Option<Sender<OutputFile>>>,
    paths: Mutex<Vec<String>>,
    /// Errors found on the way (they are reported sorted, so the order in
    /// which threads find them does not show).
    errors: Mutex<Diagnostics>,
}

/// What came out of a render that passed.
#[derive(Debug)]
pub struct Emitted {
    /// The files kept in memory, sorted by path: every file with
    /// [`Sink::Memory`]; with [`Sink::Staging`], the pages the search index
    /// was made from after the render, if it was.
    pub files: Vec<OutputFile>,
    /// Number of files emitted.
    pub count: usize,
    /// Number of HTML pages among them.
    pub pages: usize,
    /// The warnings of the check (an allow-listed file that is not in the
    /// output).
    pub warnings: Diagnostics,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'a> Emitter<'a> {
    /// An emitter that checks each file with `check` and sends it to `sink`;
    /// with `keep_indexed`, it also keeps the pages a search index needs.
    pub fn new(check: Check<'a>, sink: Sink<'a>, keep_indexed: bool) -> Emitter<'a> {
        Emitter {
            check,
            sink,
            keep_indexed,
            kept: Mutex::new(Vec::new()),
            to_index: Mutex::new(None),
            paths: Mutex::new(Vec::new()),
            errors: Mutex::new(Diagnostics::new()),
        }
    }

    /// Check `file` and, if it passes, send it on.
    pub fn emit(&self, file: OutputFile) {
        lock(&self.paths).push(file.path.clone());
        // Refused whatever the sink: kept in memory, it would be served or
        // reported under a path outside the output all the same.
        if let Err(error) = output::stays_inside(&file.path) {
            lock(&self.errors).push(error);
            return;
        }
        let passed = match &self.check {
            Check::Leaks(scan) => scan.file(&file),
            Check::Internal(wall) => match wall.check_page(&file) {
                Ok(()) => true,
                Err(found) => {
                    lock(&self.errors).extend(found);
                    false
                }
            },
        };
        if !passed {
            return;
        }
        match self.sink {
            Sink::Memory => lock(&self.kept).push(file),
            Sink::Staging(staging) => {
                if let Err(error) = staging.write(&file) {
                    lock(&self.errors).push(error);
                    return;
                }
                if self.keep_indexed && search::is_indexed(&file.path) {
                    let unsent = match &*lock(&self.to_index) {
                        Some(index) => index.send(file).err().map(|unsent| unsent.0),
                        None => Some(file),
                    };
                    lock(&self.kept).extend(unsent);
                }
            }
        }
    }

    /// Record the errors of making the files (a template that fails).
    pub fn fail(&self, errors: Diagnostics) {
        lock(&self.errors).extend(errors);
    }

    /// Send the pages to index to `index` from now on, written files only.
    fn index_on(&self, index: Sender<OutputFile>) {
        *lock(&self.to_index) = Some(index);
    }

    /// No more pages for the index: it may finish.
    fn index_closed(&self) {
        lock(&self.to_index).take();
    }

    /// The files kept so far (for the search index).
    pub fn kept(&self) -> MutexGuard<'_, Vec<OutputFile>> {
        lock(&self.kept)
    }

    /// What came out; or every error: the render's own, a file that leaks,
    /// a page without its banner, two files on one path.
    pub fn finish(self) -> Result<Emitted> {
        let mut diagnostics = self
            .errors
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut paths = self
            .paths
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        // A file that failed to render is missing from `paths`: what the
        // output as a whole must hold is asked only of a complete output, or
        // a template error would also be reported as a missing `robots.txt`
        // or a stale allow-list entry.
        let complete = !diagnostics.has_errors();
        paths.sort_unstable();
        if let Some(duplicate) = output::duplicate(paths.iter().map(String::as_str)) {
            diagnostics.push(duplicate);
        }
        let mut warnings = Diagnostics::new();
        match self.check {
            Check::Leaks(scan) => {
                if complete {
                    warnings = scan.stale_allowed_files(&paths);
                }
                if let Err(leaks) = scan.finish() {
                    diagnostics.extend(leaks);
                }
            }
            Check::Internal(_) if complete => {
                diagnostics.extend(check::internal::check_paths(
                    paths.iter().map(String::as_str),
                ));
            }
            Check::Internal(_) => {}
        }
        if diagnostics.has_errors() {
            // Shown beside the errors: a misspelt entry explains a file that
            // fails for not being on the allow-list.
            diagnostics.extend(warnings);
            return Err(diagnostics);
        }
        let mut files = self
            .kept
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Emitted {
            files,
            count: paths.len(),
            pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
            warnings,
        })
    }
}

/// How [`view`] goes about its render.
pub(crate) struct Plan<'a> {
    /// Index the pages for the search.
    pub(crate) index: bool,
    /// Reuse and keep search bundles in this folder.
    pub(crate) cache: Option<&'a Path>,
    /// Keep what passed the leak scan in this folder, and scan only what
    /// did not pass it before ([`check::leaks::passed`]).
    pub(crate) scan_memory: Option<&'a Path>,
    /// For a render that may be given up (the preview's background check,
    /// which the next save cancels), what says it is. Such a render makes
    /// its pages first and the rest only if not cancelled meanwhile (the rest
    /// cannot stop halfway); one that runs to its end (a build, `check`)
    /// makes the pages beside the other files (the 38 MB of open data at 400
    /// regions start early).
    pub(crate) cancel: Option<&'a (dyn Fn() -> bool + Sync)>,
}

impl Plan<'_> {
    /// Whether the render has been given up.
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|cancelled| cancelled())
    }

    /// An error once the render has been given up, between stages.
    fn unless_cancelled(&self) -> Result<()> {
        if self.cancelled() {
            return Err(Diagnostic::error("the build was cancelled").into());
        }
        Ok(())
    }
}

/// The public output of `view`, each file leak-scanned as it is made, sent
/// to `sink`; with `pages`, from that plan of its pages (the preview's).
/// Returns it with the warnings of the search index.
pub(crate) fn public(
    prepared: &Prepared,
    view: &PublicSite,
    pages: Option<&PageSet>,
    plan: Plan<'_>,
    sink: Sink<'_>,
) -> Result<(Emitted, Diagnostics)> {
    plan.unless_cancelled()?;
    let passed = plan
        .scan_memory
        .map(|folder| check::leaks::Passed::load(folder, prepared.needles()));
    let scan = check::leaks::Scan::remembering(prepared.needles(), passed.as_ref());
    let emitter = Emitter::new(Check::Leaks(scan), sink, plan.index);
    let indexed = self::view(view, pages, prepared, &emitter, plan, || Ok(Vec::new()))?;
    let mut emitted = {
        let _span = timings::span("leak report");
        emitter.finish()?
    };
    let mut warnings = std::mem::take(&mut emitted.warnings);
    if let Some(warning) = passed.and_then(check::leaks::Passed::store) {
        warnings.push(warning);
    }
    if let Some(indexed) = indexed {
        warnings.extend(indexed.warnings);
        // Only a bundle that passed the leak scan is kept.
        if let Some(warning) = indexed.pending.and_then(|pending| pending.store()) {
            warnings.push(warning);
        }
    }
    Ok((emitted, warnings))
}

/// The internal output of `view` with its paper files (sealed with
/// `passphrase`, if given), each file checked for its banner as it is made,
/// sent to `sink`; with `pages`, from that plan of its pages.
pub(crate) fn internal(
    prepared: &Prepared,
    view: &InternalSite,
    pages: Option<&PageSet>,
    plan: Plan<'_>,
    sink: Sink<'_>,
    passphrase: Option<&paper::Passphrase>,
) -> Result<Emitted> {
    plan.unless_cancelled()?;
    let check = Check::Internal(check::internal::Wall::of(&prepared.theme, view.site()));
    let emitter = Emitter::new(check, sink, plan.index);
    let papers = || paper::standalone(view, &prepared.theme, &prepared.env, passphrase);
    self::view(view, pages, prepared, &emitter, plan, papers)?;
    emitter.finish().map_err(|errors| {
        let planned = match pages {
            Some(_) => Vec::new(),
            None => render::plan(view, &prepared.theme),
        };
        check::internal::locate(
            errors,
            &prepared.theme,
            passphrase.is_some(),
            |path| match pages {
                Some(set) => set.template_of(path),
                None => planned
                    .iter()
                    .find(|page| page.path == path)
                    .map(|page| page.template),
            },
        )
    })
}

/// Render every file of `view` (its pages beside the files made from the
/// whole site, the theme's files and `more`) into `emitter`; then, with the
/// search index, the index of the pages. Returns what became of the index.
fn view<V: View>(
    view: &V,
    pages: Option<&PageSet>,
    prepared: &Prepared,
    emitter: &Emitter<'_>,
    plan: Plan<'_>,
    more: impl FnOnce() -> Result<Vec<OutputFile>> + Send,
) -> Result<Option<render::search::Indexed>> {
    let span = timings::span("render");
    let (theme, env) = (&prepared.theme, &prepared.env);
    let language = view.site().config.language.as_str();
    let emit = |file: OutputFile| emitter.emit(file);
    let cancelled = &|| plan.cancelled();
    let pages = || match pages {
        Some(set) => set.render_all(theme, env, cancelled, &emit).into_result(),
        None => render::render(view, theme, env, cancelled, &emit),
    };
    let other_files = || -> Result<Vec<OutputFile>> {
        plan.unless_cancelled()?;
        let mut files = render::site_files(view, theme)?;
        files.extend(more()?);
        Ok(files)
    };
    let emit_all = |files: Vec<OutputFile>| {
        files.into_par_iter().for_each(|file| {
            if !cancelled() {
                emit(file);
            }
        });
        plan.unless_cancelled()
    };
    let record = |results: [Result<()>; 2]| {
        for result in results {
            if let Err(errors) = result {
                emitter.fail(errors);
            }
        }
    };
    // An index that no cache entry can hold reads the pages while the rest
    // render (pagefind reads one page at a time): without a cache, with none
    // kept yet, for the internal audience. Else the pages are all rendered
    // first, so that an unchanged site finds its index in the cache.
    let early = plan.index
        && plan.cancel.is_none()
        && matches!(emitter.sink, Sink::Staging(_))
        && !plan.cache.is_some_and(search::cache::has_entries);
    let mut indexed = None;
    if early {
        // Every file to index must be known before the first is read.
        let files = match other_files() {
            Ok(files) => files,
            Err(errors) => {
                emitter.fail(errors);
                Vec::new()
            }
        };
        let expected = index::order(view, theme, files.iter().map(|file| file.path.clone()));
        let (results, beside) = index::beside(emitter, expected, language, plan.cache, || {
            rayon::join(pages, || emit_all(files))
        });
        record(results.into());
        indexed = Some(beside);
    } else if plan.cancel.is_none() {
        let (pages, others) = rayon::join(pages, || emit_all(other_files()?));
        record([pages, others]);
    } else {
        let pages = pages();
        record([pages, other_files().and_then(emit_all)]);
    }
    drop(span);
    plan.unless_cancelled()?;
    if !plan.index {
        return Ok(None);
    }
    let _span = timings::span("search index");
    let mut indexed = match indexed {
        // A page that failed: the build reports it, and has no index.
        Some(indexed) => match indexed? {
            Some(indexed) => indexed,
            None => return Ok(None),
        },
        None => index::after(emitter, view, theme, language, plan.cache)?,
    };
    // Largest first (the UI script, the WebAssembly, the word index), so
    // that no large file is left to one thread at the end.
    let mut files = std::mem::take(&mut indexed.files);
    files.sort_by_key(|file| std::cmp::Reverse(file.bytes.len()));
    files.into_par_iter().for_each(|file| emitter.emit(file));
    Ok(Some(indexed))
}

#[cfg(test)]
mod tests;
