//! `dienstweg serve`: the live preview. Steps: check the bind address (the
//! internal audience only on loopback), build the site in memory with the same
//! pipeline as `build`, listen (tiny_http), then rebuild the whole site on each
//! batch of file changes, keeping the last good build when one fails. A
//! rebuild serves its pages as they are asked for and checks all of them in
//! the background (`rebuild`). Threads share one `Arc<State>`: the HTTP
//! workers (`http`), the long-poll responder (`live`), the background check
//! and the rebuild loop on the calling thread (`watch`).

pub mod http;
pub mod live;
pub mod rebuild;
pub mod served;
pub mod state;
pub mod url;
pub mod watch;

use crate::cli::ServeArgs;
use crate::error::{Diagnostic, Diagnostics, Result};
use crate::view::Audience;
use state::{Outcome, State};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Run the preview until the process is stopped (Ctrl-C). Returns only on a
/// usage error: a bind address refused or taken, no site at the root.
pub fn run(args: &ServeArgs) -> Result<()> {
    let audience: Audience = args.audience.into();
    let root = args.site.root.clone();
    let address = bind_address(&args.bind, args.port)?;
    let loopback_only = http::is_loopback(address.ip());
    if !loopback_only {
        match audience {
            Audience::Internal => return Err(refuse_internal_beyond_loopback(&args.bind).into()),
            Audience::Public => eprintln!(
                "warning: serving beyond loopback on {address}: anyone who can reach this machine can read the preview"
            ),
        }
    }
    if !crate::load::content_dir(&root).join("site.yaml").is_file() {
        // The same message as `build`, but before a port is taken.
        crate::load::load(&root)?;
    }
    let mut watch = watch::Watch::new(&root)?;
    let state = Arc::new(State::new(loopback_only));

    let server = tiny_http::Server::http(address).map_err(|err| {
        Diagnostic::error(format!("could not listen on {address}: {err}")).hint(
            "another program uses the port? choose another with `--port N` (0 picks a free one)",
        )
    })?;
    let url = match server.server_addr().to_ip() {
        Some(bound) => format!("http://{bound}/"),
        None => format!("http://{address}/"),
    };
    let started = Instant::now();
    let mut rebuilder = rebuild::Rebuilder::new(root.clone(), audience, Arc::clone(&state));
    let (first_outcome, first) = rebuilder.rebuild();
    let build_time = started.elapsed();

    let server = Arc::new(server);
    for _ in 0..http::WORKERS {
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        std::thread::spawn(move || http::work(server, state));
    }
    let responder = Arc::clone(&state);
    std::thread::spawn(move || live::answer_polls(responder));

    let mut warnings = print_first(&first, &first_outcome, &url, audience, build_time);
    if args.open {
        open_browser(&url);
    }
    while let Some(batch) = watch.next_batch() {
        let started = Instant::now();
        let (outcome, result) = rebuilder.rebuild();
        let took = started.elapsed();
        print_rebuild(&result, &outcome, &batch, took, &mut warnings);
    }
    Err(Diagnostic::error("the file watcher stopped").into())
}

fn bind_address(bind: &str, port: u16) -> Result<SocketAddr> {
    let invalid = |detail: String| {
        Diagnostic::error(format!("cannot listen on `{bind}`: {detail}"))
            .hint("give an IP address such as 127.0.0.1 or ::1, or `localhost`")
    };
    // `[::1]` as in a URL is `::1`.
    let host = bind
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(bind);
    let mut addresses = (host, port)
        .to_socket_addrs()
        .map_err(|err| invalid(err.to_string()))?;
    Ok(addresses
        .next()
        .ok_or_else(|| invalid("no address found".into()))?)
}

fn refuse_internal_beyond_loopback(bind: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "refusing to serve the internal site on `{bind}`: it is not a loopback address"
    ))
    .hint("the internal site holds contact data and is only served on this machine: drop `--bind` (127.0.0.1) or use `--bind ::1`")
}

/// The start line (and the errors or warnings of the first build). Returns
/// the warnings shown, so rebuilds repeat them only when they change.
fn print_first(
    result: &Result<Diagnostics>,
    outcome: &Outcome,
    url: &str,
    audience: Audience,
    took: Duration,
) -> Diagnostics {
    let audience = audience.name();
    let ms = took.as_millis();
    match result {
        Ok(warnings) => {
            print_warnings(warnings);
            let pages = match outcome {
                Outcome::Built { pages, .. } => *pages,
                Outcome::Failed { .. } => 0,
            };
            println!(
                "serving the {audience} site at {url} ({pages} pages built in {ms} ms; watching for changes, Ctrl-C stops)"
            );
            warnings.clone()
        }
        Err(errors) => {
            eprintln!("{errors}");
            println!(
                "serving the {audience} site at {url}, but the first build failed after {ms} ms: fix the errors above and save (watching for changes, Ctrl-C stops)"
            );
            Diagnostics::new()
        }
    }
}

/// One line per rebuild; errors (and changed warnings) before it.
fn print_rebuild(
    result: &Result<Diagnostics>,
    outcome: &Outcome,
    batch: &watch::Batch,
    took: Duration,
    warnings: &mut Diagnostics,
) {
    let changed = describe(batch);
    let ms = took.as_millis();
    match (result, outcome) {
        (Ok(found), Outcome::Built { build, pages }) => {
            if found != warnings {
                print_warnings(found);
                warnings.clone_from(found);
            }
            println!("rebuilt in {ms} ms after {changed} ({pages} pages, build {build})");
        }
        (result, outcome) => {
            if let Err(errors) = result {
                eprintln!("{errors}");
            }
            let still = match outcome {
                Outcome::Failed { serving: 0 } => "nothing built yet".to_string(),
                Outcome::Failed { serving: n } | Outcome::Built { build: n, .. } => {
                    format!("still serving build {n}")
                }
            };
            println!(
                "rebuild failed in {ms} ms after {changed}: {still}; the browser shows the errors"
            );
        }
    }
}

/// `content/guide/konzept.md changed`, `3 files changed (a, b, c)`.
fn describe(batch: &watch::Batch) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = batch
        .paths
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    match names.len() {
        0 if batch.lost_events => "file events were lost".into(),
        0 => "a change".into(),
        1 => format!("{} changed", names[0]),
        n if n <= SHOWN => format!("{n} files changed ({})", names.join(", ")),
        n => format!("{n} files changed ({}, …)", names[..SHOWN].join(", ")),
    }
}

fn print_warnings(warnings: &Diagnostics) {
    for warning in warnings.sorted() {
        eprintln!("{warning}\n");
    }
}

/// Best effort: a missing opener is no error, the URL is printed anyway.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_described_briefly() {
        let mut batch = watch::Batch::default();
        assert_eq!(describe(&batch), "a change");
        batch.paths.insert("content/guide/a.md".into());
        assert_eq!(describe(&batch), "content/guide/a.md changed");
        for name in ["b", "c", "d"] {
            batch.paths.insert(format!("content/{name}.md").into());
        }
        assert_eq!(
            describe(&batch),
            "4 files changed (content/b.md, content/c.md, content/d.md, …)"
        );
    }

    #[test]
    fn bind_addresses_resolve() {
        let local = bind_address("127.0.0.1", 1111).expect("an address");
        assert!(http::is_loopback(local.ip()));
        let any = bind_address("0.0.0.0", 0).expect("an address");
        assert!(!http::is_loopback(any.ip()));
        assert!(bind_address("not an address", 1).is_err());
        for ipv6 in ["::1", "[::1]"] {
            let address = bind_address(ipv6, 1111).expect("an address");
            assert!(
                address.is_ipv6() && http::is_loopback(address.ip()),
                "{ipv6}"
            );
        }
    }
}
