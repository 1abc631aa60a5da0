//! A rebuild in two halves. The fast half loads and validates the site and
//! publishes a [`Preview`] whose pages render when the browser asks for them,
//! so a save shows in well under a second even for a nationwide site. The
//! full half renders and checks every page on a thread of its own, as `build`
//! would: if it passes, the snapshot becomes the complete build (the same
//! bytes); if it fails, the build before is served again and the browser
//! shows the errors. A newer save cancels a full half still running.

use super::state::{Outcome, State};
use crate::error::{Diagnostics, Result};
use crate::preview::Preview;
use crate::view::Audience;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// How long the full half waits before it starts.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// Runs the rebuilds of one preview server.
pub struct Rebuilder {
    root: PathBuf,
    audience: Audience,
    state: Arc<State>,
    /// Set to stop the full half still running, if any.
    running: Option<Arc<AtomicBool>>,
    /// Regions validated by earlier rebuilds.
    memo: crate::Memo,
}

impl Rebuilder {
    /// Rebuilds of the site at `root` for `audience`, published to `state`.
    pub fn new(root: PathBuf, audience: Audience, state: Arc<State>) -> Self {
        Rebuilder {
            root,
            audience,
            state,
            running: None,
            memo: crate::Memo::default(),
        }
    }

    /// Rebuild: publish the fast half and start the full half. Returns what
    /// was published and the warnings, or the errors.
    pub fn rebuild(&mut self) -> (Outcome, Result<Diagnostics>) {
        if let Some(running) = self.running.take() {
            running.store(true, Ordering::Relaxed);
        }
        let started = Instant::now();
        let preview = crate::prepare_with(&self.root, &mut self.memo)
            .map(Arc::new)
            .and_then(|prepared| Preview::new(prepared, self.audience))
            .map(Arc::new);
        match preview {
            Ok(preview) => {
                let warnings = preview.warnings().clone();
                let outcome = self.state.publish_preview(Arc::clone(&preview));
                if let Outcome::Built { build, .. } = outcome {
                    self.running = Some(self.check_in_background(preview, build, started));
                }
                (outcome, Ok(warnings))
            }
            Err(errors) => (self.state.publish_errors(&errors), Err(errors)),
        }
    }

    /// Render and check all of build `build` on a thread of its own, from
    /// the view and page plan its preview has made.
    fn check_in_background(
        &self,
        preview: Arc<Preview>,
        build: u64,
        started: Instant,
    ) -> Arc<AtomicBool> {
        let cancelled = Arc::new(AtomicBool::new(false));
        let (stop, state) = (Arc::clone(&cancelled), Arc::clone(&self.state));
        std::thread::spawn(move || {
            let is_cancelled = || stop.load(Ordering::Relaxed);
            // Saves come in bursts: wait a moment, so that a save right after
            // this one cancels the check before it takes the cores from the
            // next fast half.
            let settle = Instant::now();
            while settle.elapsed() < SETTLE {
                if is_cancelled() {
                    return;
                }
                std::thread::sleep(SETTLE / 10);
            }
            let result = preview.check_all(&is_cancelled);
            if is_cancelled() {
                return;
            }
            match result {
                Ok(built) => {
                    state.confirm(build, &built);
                }
                Err(errors) => {
                    if let Some(Outcome::Failed { serving }) = state.reject(build, &errors) {
                        eprintln!("{errors}");
                        println!(
                            "rebuild failed in {} ms: the full check of build {build} found errors; {}; the browser shows the errors",
                            started.elapsed().as_millis(),
                            if serving == 0 {
                                "nothing built yet".to_string()
                            } else {
                                format!("serving build {serving} again")
                            }
                        );
                    }
                }
            }
        });
        cancelled
    }
}
