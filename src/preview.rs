//! The live preview's fast path: a site whose pages render when asked for.
//!
//! After a save the preview must show the page being edited at once, and a
//! full render of a nationwide site takes a second. [`Preview::new`] does the
//! part every page needs: the view, the page plan and the values all pages
//! share, and the theme's static files. [`Preview::file`] renders a page when
//! it is first asked for, and the files made from the whole site (feeds, open
//! data, the internal paper files) when one of them is, and checks them as the
//! full build would: public output against the leak scan, internal pages for
//! their banner. The preview server then renders and checks the whole site
//! in the background with [`Preview::check_all`], from this preview's own
//! view and page plan, as the verdict on the build; the next save cancels it.

use crate::check;
use crate::error::Result;
use crate::output::{self, OutputFile};
use crate::render::{self, PageSet};
use crate::view::{self, Audience, InternalSite, PublicSite, View};
use crate::{emit, Built, Prepared};
use std::sync::{Arc, OnceLock};

/// A site ready to serve file by file.
pub struct Preview {
    prepared: Arc<Prepared>,
    view: Shown,
    pages: PageSet,
    assets: Vec<OutputFile>,
    /// The files made from the whole site, once one is asked for.
    derived: OnceLock<Result<Vec<OutputFile>>>,
}

/// The view a preview shows.
enum Shown {
    Public(PublicSite),
    Internal(InternalSite),
}

impl Preview {
    /// Prepare `audience`'s preview of `prepared`: everything but the pages
    /// and the files made from the whole site.
    pub fn new(prepared: Arc<Prepared>, audience: Audience) -> Result<Preview> {
        let labels = prepared.theme.view_labels();
        let (view, pages) = match audience {
            Audience::Public => {
                let (view, pages) = prepared.public_view_and_pages(&labels)?;
                (Shown::Public(view), pages)
            }
            Audience::Internal => {
                let (view, pages) = render::view_and_pages(&prepared.theme, || {
                    view::internal(&prepared.site, &labels)
                })?;
                (Shown::Internal(view), pages)
            }
        };
        let assets = render::asset_files(&prepared.theme);
        // Served as they are from the first request on: checked before, as
        // every page is when it is asked for.
        if let Shown::Public(_) = view {
            check::leaks::scan(&assets, prepared.needles())?;
        }
        Ok(Preview {
            prepared,
            view,
            pages,
            assets,
            derived: OnceLock::new(),
        })
    }

    /// Render and check every file as a build does, from this preview's
    /// view and page plan (the preview server's verdict on the build), in
    /// memory and without the search index; gives up once `cancelled`
    /// returns true.
    pub fn check_all(&self, cancelled: &(dyn Fn() -> bool + Sync)) -> Result<Built> {
        let prepared = &*self.prepared;
        let plan = || emit::Plan {
            index: false,
            cache: None,
            scan_memory: None,
            cancel: Some(cancelled),
        };
        let pages = Some(&self.pages);
        let sink = emit::Sink::Memory;
        let mut warnings = prepared.warnings.clone();
        let emitted = match &self.view {
            Shown::Public(view) => {
                let (emitted, more) = emit::public(prepared, view, pages, plan(), sink)?;
                warnings.extend(more);
                emitted
            }
            Shown::Internal(view) => emit::internal(prepared, view, pages, plan(), sink, None)?,
        };
        Ok(Built {
            files: emitted.files,
            warnings,
            pages: emitted.pages,
        })
    }

    /// The theme's static files, which every page loads.
    pub fn assets(&self) -> &[OutputFile] {
        &self.assets
    }

    /// Number of HTML pages: the planned pages, and for the internal
    /// audience each region's self-contained paper file.
    pub fn page_count(&self) -> usize {
        match &self.view {
            Shown::Public(_) => self.pages.len(),
            Shown::Internal(view) => self.pages.len() + view.site().regions.len(),
        }
    }

    /// The warnings of loading and validation.
    pub fn warnings(&self) -> &crate::error::Diagnostics {
        &self.prepared.warnings
    }

    /// The prepared site this preview shows.
    pub fn prepared(&self) -> &Arc<Prepared> {
        &self.prepared
    }

    /// Whether the site has a file at output path `path` besides the assets.
    pub fn has(&self, path: &str) -> bool {
        self.pages.contains(path)
            || self
                .derived()
                .as_ref()
                .is_ok_and(|files| files.iter().any(|f| f.path == path))
    }

    /// The checked file at output path `path` (e.g. `leitfaden/index.html`),
    /// rendered now, besides the assets; `None` if the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<OutputFile>> {
        if let Some(page) = self.page(path) {
            return Some(page);
        }
        match self.derived() {
            Ok(files) => files.iter().find(|f| f.path == path).cloned().map(Ok),
            Err(errors) => Some(Err(errors.clone())),
        }
    }

    fn page(&self, path: &str) -> Option<Result<OutputFile>> {
        let rendered = self
            .pages
            .render_path(path, &self.prepared.theme, &self.prepared.env)?;
        Some(
            rendered
                .map_err(Into::into)
                .and_then(|file| self.check(std::slice::from_ref(&file)).map(|()| file)),
        )
    }

    /// The files made from the whole site, made and checked on first use.
    fn derived(&self) -> &Result<Vec<OutputFile>> {
        self.derived.get_or_init(|| {
            let (theme, env) = (&self.prepared.theme, &self.prepared.env);
            let files = match &self.view {
                Shown::Public(view) => render::derived_files(view, theme)?,
                Shown::Internal(view) => {
                    let mut files = render::derived_files(view, theme)?;
                    files.extend(crate::paper::standalone(view, theme, env, None)?);
                    files
                }
            };
            let files = output::finish(files)?;
            self.check(&files)?;
            Ok(files)
        })
    }

    /// Check output files as the full build checks them.
    fn check(&self, files: &[OutputFile]) -> Result<()> {
        match &self.view {
            Shown::Public(_) => check::leaks::scan(files, self.prepared.needles()),
            Shown::Internal(view) => {
                let theme = &self.prepared.theme;
                let wall = check::internal::Wall::of(theme, view.site());
                files
                    .iter()
                    .try_for_each(|file| wall.check_page(file))
                    .map_err(|errors| {
                        // The preview's paper files are never sealed.
                        check::internal::locate(errors, theme, false, |path| {
                            self.pages.template_of(path)
                        })
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Arc<Prepared> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        Arc::new(crate::prepare(root).expect("the shipped site prepares"))
    }

    #[test]
    fn files_on_request_equal_the_full_build() {
        let prepared = shipped();
        for audience in [Audience::Public, Audience::Internal] {
            let full = prepared.render_preview(audience).expect("full build");
            let preview = Preview::new(Arc::clone(&prepared), audience).expect("preview");
            let checked = preview.check_all(&|| false).expect("the full check passes");
            assert_eq!(checked.files, full.files, "{audience:?}");
            assert_eq!(checked.pages, full.pages, "{audience:?}");
            assert_eq!(preview.page_count(), full.pages, "{audience:?}");
            for file in &full.files {
                let from_preview = match preview.assets().iter().find(|f| f.path == file.path) {
                    Some(asset) => asset.clone(),
                    None => preview
                        .file(&file.path)
                        .unwrap_or_else(|| panic!("{audience:?}: no {}", file.path))
                        .expect("the file renders and passes its check"),
                };
                assert_eq!(from_preview, *file, "{}", file.path);
            }
            assert!(preview.file("gibt-es/nicht/index.html").is_none());
            assert!(!preview.has("gibt-es/nicht/index.html"));
        }
    }

    #[test]
    fn a_check_gives_up_once_cancelled() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let prepared = shipped();
        for audience in [Audience::Public, Audience::Internal] {
            let preview = Preview::new(Arc::clone(&prepared), audience).expect("preview");
            let errors = preview.check_all(&|| true).expect_err("cancelled at once");
            assert!(
                errors
                    .to_string()
                    .starts_with("error: the build was cancelled\n"),
                "{audience:?}: {errors}"
            );
            // Cancelled halfway, from the sixth question on: no verdict either.
            let asked = AtomicUsize::new(0);
            let errors = preview
                .check_all(&|| asked.fetch_add(1, Ordering::Relaxed) >= 5)
                .expect_err("cancelled halfway");
            assert!(
                errors.to_string().contains("the build was cancelled"),
                "{audience:?}: {errors}"
            );
            assert!(preview.check_all(&|| false).is_ok(), "{audience:?}");
        }
    }
}
