//! The search index of a render: read beside the render when no cache entry
//! can serve the build, else after it (see [`search`]). Either way pagefind
//! reads the files in one order ([`order`]), so that both give the same
//! bundle.

use super::Emitter;
use crate::error::{Diagnostic, Result};
use crate::render::search::{self, Indexed};
use crate::render::{self, theme::Theme};
use crate::view::View;
use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc;

/// The order the search index reads its files in: the pages as planned (the
/// order they render in, so that an index read beside the render need not
/// wait for the pages a later thread renders), then the other files to index
/// (`others`: an internal paper's standalone copy) by path.
pub(super) fn order<V: View>(
    view: &V,
    theme: &Theme,
    others: impl Iterator<Item = String>,
) -> Vec<String> {
    let mut order: Vec<String> = render::plan(view, theme)
        .into_iter()
        .map(|page| page.path)
        .filter(|path| search::is_indexed(path))
        .collect();
    let mut others: Vec<String> = others.filter(|path| search::is_indexed(path)).collect();
    others.sort_unstable();
    order.extend(others);
    order
}

/// Run `render`, whose pages `emitter` sends to an index that reads them
/// meanwhile on a thread of its own, in the order `expected`. pagefind reads
/// one page at a time and takes longer than the render, so it gets a core and
/// the render the others. Returns what `render` returned and the index:
/// `None` if a page did not come (the build reports why).
pub(super) fn beside<R: Send>(
    emitter: &Emitter<'_>,
    expected: Vec<String>,
    language: &str,
    cache: Option<&Path>,
    render: impl FnOnce() -> R + Send,
) -> (R, Result<Option<Indexed>>) {
    std::thread::scope(|scope| {
        let (sender, arriving) = mpsc::channel();
        emitter.index_on(sender);
        // Closed however the render ends, a panic included: else the scope
        // would wait for the index, and the index for pages, for ever.
        let closing = Closing(emitter);
        let indexer =
            scope.spawn(move || search::index_arriving(arriving, expected, language, cache));
        let threads = rayon::current_num_threads().saturating_sub(1).max(1);
        let rendered = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(render),
            Err(_) => render(),
        };
        drop(closing);
        let indexed = indexer
            .join()
            .unwrap_or_else(|_| Err(thread_failed().into()));
        (rendered, indexed)
    })
}

/// The index of the pages `emitter` kept, read after the render in the same
/// order as [`beside`] would have, whichever thread made them.
pub(super) fn after<V: View>(
    emitter: &Emitter<'_>,
    view: &V,
    theme: &Theme,
    language: &str,
    cache: Option<&Path>,
) -> Result<Indexed> {
    let mut pages = emitter.kept();
    let order = order(view, theme, std::iter::empty());
    let planned: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(at, path)| (path.as_str(), at))
        .collect();
    let at = |path: &str| planned.get(path).copied().unwrap_or(usize::MAX);
    pages.sort_by(|a, b| (at(&a.path), &a.path).cmp(&(at(&b.path), &b.path)));
    search::index(&pages, language, cache)
}

/// Closes the emitter's way to the index when dropped.
struct Closing<'a, 'b>(&'a Emitter<'b>);

impl Drop for Closing<'_, '_> {
    fn drop(&mut self) {
        self.0.index_closed();
    }
}

fn thread_failed() -> Diagnostic {
    Diagnostic::error("the search index could not be built: its thread failed")
        .hint("this is a bug in dienstweg or pagefind, not in the content; please report it")
}
