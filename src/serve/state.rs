//! The preview's state, shared by its threads in one `Arc`: the last good
//! build as served (live-reload script injected), the error of the last
//! rebuild if it failed, a generation counter that every rebuild moves on,
//! and the parked long-poll requests waiting for that counter to move.

use crate::error::Diagnostics;
use crate::preview::Preview;
use crate::Built;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::served::{failed, serve_files, served};
pub use super::served::{ErrorReport, Served};

/// Where the live-reload endpoints live; no output file starts with this.
pub const ENDPOINT_PREFIX: &str = "/__dienstweg/";

/// A build as served: build number 0 means no build has succeeded yet.
///
/// A snapshot holds every file of a full build, or, right after a save, the
/// theme's static files plus a [`Preview`] that renders each other file when
/// it is first asked for (and keeps it).
#[derive(Default)]
pub struct Snapshot {
    /// Counts the good builds from 1.
    pub build: u64,
    /// Files by path below the site root.
    pub files: HashMap<String, Served>,
    /// Number of HTML pages.
    pub pages: usize,
    /// Renders the files not in `files`.
    lazy: Option<Arc<Preview>>,
    /// Files rendered on request.
    rendered: Mutex<HashMap<String, Served>>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("build", &self.build)
            .field("files", &self.files.len())
            .field("pages", &self.pages)
            .field("lazy", &self.lazy.is_some())
            .finish()
    }
}

impl Snapshot {
    /// Prepare `built` for serving as build number `build`.
    pub fn new(built: &Built, build: u64) -> Self {
        Snapshot {
            build,
            files: serve_files(&built.files, build),
            pages: built.pages,
            ..Snapshot::default()
        }
    }

    /// Serve `preview` as build number `build`, its pages rendered on request.
    pub fn lazy(preview: Arc<Preview>, build: u64) -> Self {
        Snapshot {
            build,
            files: serve_files(preview.assets(), build),
            pages: preview.page_count(),
            lazy: Some(preview),
            rendered: Mutex::default(),
        }
    }

    /// The file at `path`, if the build has it. A page not rendered yet is
    /// rendered now; one that fails to render or to pass its check is served
    /// as its error, which the full check of the build reports as well.
    pub fn file(&self, path: &str) -> Option<Served> {
        if let Some(file) = self.files.get(path) {
            return Some(file.clone());
        }
        let lazy = self.lazy.as_ref()?;
        if let Some(page) = lock(&self.rendered).get(path) {
            return Some(page.clone());
        }
        let served = match lazy.file(path)? {
            Ok(page) => served(&page, self.build),
            Err(errors) => failed(&errors, self.build),
        };
        lock(&self.rendered).insert(path.to_string(), served.clone());
        Some(served)
    }

    /// Whether the build has a file at `path`, rendering nothing.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.lazy.as_ref().is_some_and(|lazy| lazy.has(path))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a long-poll answers: the browser reloads when `build` differs from
/// its page's, and shows or clears the overlay by `error`.
#[derive(Clone, Debug, Serialize)]
pub struct Status {
    /// Moves on with every rebuild, good or failed.
    pub generation: u64,
    /// The build being served.
    pub build: u64,
    /// The error of the last rebuild, if it failed.
    pub error: Option<ErrorReport>,
}

impl Status {
    /// As JSON for the client.
    pub fn to_json(&self) -> String {
        // Strings, numbers and options only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

/// A long-poll request waiting for the generation to move past `seen`.
pub struct Parked {
    /// The request to answer.
    pub request: tiny_http::Request,
    /// The generation the client has seen.
    pub seen: u64,
    /// When to answer anyway.
    pub deadline: std::time::Instant,
}

/// The part of the state that changes.
pub struct Live {
    /// The build being served.
    pub snapshot: Arc<Snapshot>,
    /// The build before `snapshot` while `snapshot`'s full check runs: served
    /// again if that check fails.
    pub previous: Option<Arc<Snapshot>>,
    /// Moves on with every rebuild.
    pub generation: u64,
    /// The error of the last rebuild, if it failed.
    pub error: Option<ErrorReport>,
    /// Long-polls waiting for the next generation.
    pub parked: Vec<Parked>,
}

impl Live {
    /// The status a poll answers now.
    pub fn status(&self) -> Status {
        Status {
            generation: self.generation,
            build: self.snapshot.build,
            error: self.error.clone(),
        }
    }
}

/// What a rebuild changed.
#[derive(Debug)]
pub enum Outcome {
    /// A new build is served.
    Built {
        /// Its number.
        build: u64,
        /// Its pages.
        pages: usize,
    },
    /// The rebuild failed; the previous build stays.
    Failed {
        /// The build still served (0: none).
        serving: u64,
    },
}

/// Everything the preview's threads share.
pub struct State {
    /// Whether to check the `Host` header (bound to loopback only).
    pub loopback_only: bool,
    live: Mutex<Live>,
    changed: Condvar,
}

impl State {
    /// A state that serves nothing yet.
    pub fn new(loopback_only: bool) -> Self {
        State {
            loopback_only,
            live: Mutex::new(Live {
                snapshot: Arc::new(Snapshot::default()),
                previous: None,
                generation: 0,
                error: None,
                parked: Vec::new(),
            }),
            changed: Condvar::new(),
        }
    }

    /// Lock the changing part. A thread that panicked while holding the lock
    /// left consistent data behind (every update is one assignment), so a
    /// poisoned lock is used as it is.
    pub fn live(&self) -> MutexGuard<'_, Live> {
        self.live
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The build being served.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.live().snapshot)
    }

    /// Record the result of a (re)build and wake the waiting polls.
    pub fn publish(&self, result: &crate::error::Result<Built>) -> Outcome {
        match result {
            Ok(built) => self.publish_snapshot(|build| Snapshot::new(built, build)),
            Err(errors) => self.publish_errors(errors),
        }
    }

    /// Publish `preview`, its pages rendered on request, as the next build.
    pub fn publish_preview(&self, preview: Arc<Preview>) -> Outcome {
        self.publish_snapshot(|build| Snapshot::lazy(preview, build))
    }

    /// Publish the errors of a rebuild; the last good build stays.
    pub fn publish_errors(&self, errors: &Diagnostics) -> Outcome {
        let mut live = self.live();
        live.generation += 1;
        let serving = live.snapshot.build;
        live.error = Some(ErrorReport::new(errors, serving));
        drop(live);
        self.changed.notify_all();
        Outcome::Failed { serving }
    }

    fn publish_snapshot(&self, snapshot: impl FnOnce(u64) -> Snapshot) -> Outcome {
        let mut live = self.live();
        live.generation += 1;
        let build = live.snapshot.build + 1;
        let snapshot = Arc::new(snapshot(build));
        let pages = snapshot.pages;
        live.previous = Some(std::mem::replace(&mut live.snapshot, snapshot));
        live.error = None;
        drop(live);
        self.changed.notify_all();
        Outcome::Built { build, pages }
    }

    /// The full check of build `build` passed: serve all of its files as
    /// rendered (the same bytes, so no reload). False if a newer build or
    /// error has come since.
    pub fn confirm(&self, build: u64, built: &Built) -> bool {
        let mut live = self.live();
        if live.snapshot.build != build || live.error.is_some() {
            return false;
        }
        live.snapshot = Arc::new(Snapshot::new(built, build));
        live.previous = None;
        true
    }

    /// The full check of build `build` failed: serve the build before it
    /// again and report `errors`. `None` if a newer build or error has come
    /// since.
    pub fn reject(&self, build: u64, errors: &Diagnostics) -> Option<Outcome> {
        let mut live = self.live();
        if live.snapshot.build != build || live.error.is_some() {
            return None;
        }
        if let Some(previous) = live.previous.take() {
            live.snapshot = previous;
        }
        drop(live);
        Some(self.publish_errors(errors))
    }

    /// Wait until a rebuild happens or `timeout` passes.
    pub fn wait_for_change<'a>(
        &self,
        guard: MutexGuard<'a, Live>,
        timeout: std::time::Duration,
    ) -> MutexGuard<'a, Live> {
        match self.changed.wait_timeout(guard, timeout) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::served::ErrorItem;
    use super::*;
    use crate::error::{Diagnostic, Location};
    use crate::output::OutputFile;

    fn built(files: &[(&str, &str)]) -> Built {
        Built {
            files: files
                .iter()
                .map(|(p, b)| OutputFile::new(p.to_string(), b.as_bytes().to_vec()))
                .collect(),
            warnings: Diagnostics::new(),
            pages: 1,
        }
    }

    #[test]
    fn client_goes_before_the_last_body_end_of_html_only() {
        let snapshot = Snapshot::new(
            &built(&[
                (
                    "index.html",
                    "<html><body><p>&lt;/body&gt;</p></BODY></html>",
                ),
                ("css/site.css", "body{}"),
            ]),
            7,
        );
        let html = String::from_utf8_lossy(&snapshot.files["index.html"].body).into_owned();
        assert_eq!(
            html,
            "<html><body><p>&lt;/body&gt;</p><script src=\"/__dienstweg/live.js\" data-build=\"7\" defer></script>\n</BODY></html>"
        );
        assert_eq!(&*snapshot.files["css/site.css"].body, b"body{}");
    }

    #[test]
    fn not_found_page_gets_a_root_base() {
        let snapshot = Snapshot::new(
            &built(&[(
                "404.html",
                "<html><head><title>x</title></head><body></body>",
            )]),
            1,
        );
        let html = String::from_utf8_lossy(&snapshot.files["404.html"].body).into_owned();
        assert!(html.starts_with("<html><head>\n<base href=\"/\"><title>"));
    }

    #[test]
    fn failed_rebuild_keeps_the_last_good_build_and_reports_errors() {
        let state = State::new(true);
        let first = state.publish(&Ok(built(&[("index.html", "<body></body>")])));
        assert!(matches!(first, Outcome::Built { build: 1, .. }));
        let error = Diagnostic::error("unknown field `emial`")
            .at(Location::new("content/regions/a.yaml", 3, 5))
            .hint("did you mean `email`?");
        let failed = state.publish(&Err(error.into()));
        assert!(matches!(failed, Outcome::Failed { serving: 1 }));
        let status = state.live().status();
        assert_eq!((status.generation, status.build), (2, 1));
        let report = status.error.expect("an error is reported");
        assert_eq!(
            report.items,
            vec![ErrorItem {
                location: Some("content/regions/a.yaml:3:5".into()),
                message: "unknown field `emial`".into(),
                hint: Some("did you mean `email`?".into()),
            }]
        );
        assert!(state.snapshot().file("index.html").is_some());
        state.publish(&Ok(built(&[("index.html", "<body></body>")])));
        let status = state.live().status();
        assert_eq!((status.generation, status.build), (3, 2));
        assert!(status.error.is_none());
    }
}
