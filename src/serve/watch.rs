//! File watching: notify watches `content/`, `themes/` and `templates/`
//! recursively and the site root itself (to see those folders appear). Events
//! on editor temp files, hidden files and dot-folders, and on anything else in
//! the root (the output folders `public/` and `internal/`, their staging
//! folders, `target/`) are dropped. The first relevant event opens a batch;
//! it closes after [`QUIET`] without events, at most [`MAX_BATCH`] after the
//! first, and then the whole site is rebuilt.

use crate::error::Diagnostic;
use notify::event::{EventKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The folders of a site whose changes trigger a rebuild.
pub const WATCHED: [&str; 3] = ["content", "themes", "templates"];

/// A batch closes when no event came for this long…
pub const QUIET: Duration = Duration::from_millis(25);
/// …or this long after its first event, whichever comes first.
pub const MAX_BATCH: Duration = Duration::from_millis(100);

/// The changes of one batch.
#[derive(Debug, Default)]
pub struct Batch {
    /// Changed paths, relative to the root.
    pub paths: BTreeSet<PathBuf>,
    /// Whether the watcher lost events (then everything may have changed).
    pub lost_events: bool,
}

/// A running watcher and the events it sends.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl Watch {
    /// Start watching the site at `root`.
    pub fn new(root: &Path) -> Result<Self, Diagnostic> {
        let root = root
            .canonicalize()
            .map_err(|err| Diagnostic::io("open", root, &err))?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender).map_err(|err| {
            Diagnostic::error(format!("could not start watching files: {err}"))
                .hint("on Linux, raise fs.inotify.max_user_instances or max_user_watches")
        })?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|err| {
                Diagnostic::error(format!("could not watch `{}`: {err}", root.display()))
            })?;
        let mut watch = Watch {
            watcher,
            events,
            root,
            watched: HashSet::new(),
        };
        watch.ensure_watched();
        Ok(watch)
    }

    /// Watch each site folder that exists and is not watched yet (one that
    /// was removed and created again needs a new watch).
    fn ensure_watched(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if !dir.is_dir() {
                self.watched.remove(&dir);
            } else if !self.watched.contains(&dir)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }

    /// Block until the next batch of relevant changes; `None` when the
    /// watcher has stopped.
    pub fn next_batch(&mut self) -> Option<Batch> {
        let mut batch = Batch::default();
        while !self.add(&mut batch, self.events.recv().ok()?) {}
        let opened = Instant::now();
        loop {
            let left = MAX_BATCH.saturating_sub(opened.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => {
                    self.add(&mut batch, event);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        self.ensure_watched();
        Some(batch)
    }

    /// Add `event` to `batch`; whether it was relevant.
    fn add(&self, batch: &mut Batch, event: notify::Result<Event>) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(_) => {
                batch.lost_events = true;
                return true;
            }
        };
        if event.need_rescan() {
            batch.lost_events = true;
            return true;
        }
        if !is_change(&event.kind) {
            return false;
        }
        let mut relevant = false;
        for path in &event.paths {
            if let Some(relative) = relevant_path(&self.root, path) {
                batch.paths.insert(relative);
                relevant = true;
            }
        }
        relevant
    }
}

/// Writes, creations, removals and renames change the site; reads (our own
/// rebuild opens every file) and metadata changes (access times) do not.
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Any
            | EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(
                ModifyKind::Any | ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Other
            )
    )
}

/// `path` relative to `root` when a change there matters to the site.
pub fn relevant_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = relative.components().map(|c| c.as_os_str().to_str());
    let first = parts.next()??;
    if !WATCHED.contains(&first) {
        return None;
    }
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_str().is_none_or(|s| s.starts_with('.')));
    if hidden || crate::load::is_ignored(path) || is_editor_noise(path) {
        return None;
    }
    Some(relative.to_path_buf())
}

/// Scratch files of editors that `load::is_ignored` does not know: Vim's
/// write test `4913`, JetBrains' safe-write copies.
fn is_editor_noise(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "4913" || name.ends_with("___jb_tmp___") || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_are_relevant() {
        let root = Path::new("/site");
        let relevant = |p: &str| relevant_path(root, Path::new(p));
        assert_eq!(
            relevant("/site/content/guide/konzept.md"),
            Some(PathBuf::from("content/guide/konzept.md"))
        );
        assert!(relevant("/site/content/site.yaml").is_some());
        assert!(relevant("/site/themes/default/templates/base.html").is_some());
        assert!(relevant("/site/templates/guide.html").is_some());
        assert!(relevant("/site/content").is_some());
        for ignored in [
            "/site/public/index.html",
            "/site/internal/index.html",
            "/site/.public.staging-1/index.html",
            "/site/target/debug/x",
            "/site/site.yaml.swp",
            "/site/content/guide/.konzept.md.swp",
            "/site/content/guide/konzept.md~",
            "/site/content/guide/#konzept.md#",
            "/site/content/guide/konzept.md.tmp",
            "/site/content/guide/4913",
            "/site/content/guide/konzept.md___jb_tmp___",
            "/site/content/.git/HEAD",
            "/site/themes/default/.cache/x",
            "/elsewhere/content/guide/konzept.md",
        ] {
            assert_eq!(relevant(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn reads_and_metadata_are_no_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn an_edit_arrives_as_one_batch() {
        let site = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(site.path().join("content/guide")).expect("dirs");
        let mut watch = Watch::new(site.path()).expect("watching starts");
        let file = site.path().join("content/guide/a.md");
        std::fs::write(&file, "one").expect("write");
        std::fs::write(&file, "two").expect("write");
        std::fs::write(site.path().join("content/guide/.a.md.swp"), "x").expect("write");
        let started = Instant::now();
        let batch = watch.next_batch().expect("a batch");
        assert!(started.elapsed() < Duration::from_millis(500));
        assert_eq!(
            batch.paths.into_iter().collect::<Vec<_>>(),
            vec![PathBuf::from("content/guide/a.md")]
        );
    }
}
