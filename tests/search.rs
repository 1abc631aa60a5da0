//! Integration tests of the search: each audience gets its own pagefind index
//! of its own pages, a search page and a search box that work without a server
//! rewrite (relative links), and nothing internal in the public index; a build
//! without search links to none; the cached index equals a fresh one.

mod common;

use common::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The text of every gzip'd index data file (`.pf_*`) of a built site.
fn index_text(tree: &[(String, Vec<u8>)]) -> String {
    let mut text = String::new();
    for (path, bytes) in tree {
        if path.starts_with("pagefind/") && path.contains(".pf_") {
            let mut plain = Vec::new();
            flate2::read::MultiGzDecoder::new(bytes.as_slice())
                .read_to_end(&mut plain)
                .expect("index files are gzip'd");
            text.push_str(&String::from_utf8_lossy(&plain));
        }
    }
    text
}

fn file(tree: &[(String, Vec<u8>)], path: &str) -> String {
    let bytes = tree
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, b)| b.as_slice())
        .unwrap_or_else(|| panic!("missing {path}"));
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn each_audience_gets_its_own_index_and_the_public_one_holds_nothing_internal() {
    let site = fixture();
    let (public, internal) = (site.path().join("public"), site.path().join("internal"));
    assert!(build(site.path(), "public", &public).status.success());
    assert!(build(site.path(), "internal", &internal).status.success());
    let (public, internal) = (read_tree(&public), read_tree(&internal));

    let entry = file(&public, "pagefind/pagefind-entry.json");
    assert!(entry.contains("\"de\""), "German index: {entry}");
    let public_index = index_text(&public);
    assert!(public_index.contains("Die Duldung setzt die Abschiebung aus"));
    assert!(public_index.contains("/glossar/duldung/index.html"));
    assert!(
        !public_index.contains("/suche/"),
        "the search page is not indexed"
    );
    assert!(
        !public_index.contains("404.html"),
        "the error page is not indexed"
    );
    for secret in ["Katrin Beispiel", "23125", "Tresor", "Rückrufzeiten"] {
        assert!(
            !public_index.contains(secret),
            "public index holds {secret}"
        );
    }

    let internal_index = index_text(&internal);
    assert!(
        internal_index.contains("Katrin Beispiel"),
        "the internal index covers the internal pages"
    );
    assert!(internal_index.contains("Tresor"));
}

#[test]
fn search_page_and_header_box_link_relatively() {
    let site = fixture();
    let out = site.path().join("public");
    assert!(build(site.path(), "public", &out).status.success());
    let tree = read_tree(&out);

    let search = file(&tree, "suche/index.html");
    assert!(search.contains(r#"<script src="../pagefind/pagefind-ui.js" onerror="#));
    assert!(
        search.contains(
            r#"<div class="notice" id="suche-fehlt" hidden><p>Die Suche ist hier nicht verfügbar"#
        ),
        "says so when the index is missing"
    );
    assert!(search.contains(r#"href="../pagefind/pagefind-ui.css""#));
    assert!(
        search.contains("<noscript>"),
        "says that search needs JavaScript"
    );
    assert!(search.contains("Die Suche braucht JavaScript"));
    assert!(!search.contains("role=\"search\""), "no second search box");

    let term = file(&tree, "glossar/duldung/index.html");
    assert!(term.contains(r#"action="../../suche/index.html" method="get""#));
    assert!(term.contains(r#"<label class="visually-hidden" for="site-search-q">"#));
    assert!(term.contains("<main id=\"main\" tabindex=\"-1\" data-pagefind-body>"));
}

/// `dienstweg build` on `root` into `out` with `extra` arguments, timings on
/// (a fresh index prints its word count, a cached one does not).
fn build_with(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let (root, out) = (root.display().to_string(), out.display().to_string());
    let mut args = vec!["build", "--root", &root, "--out", &out];
    args.extend_from_slice(extra);
    let output = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .env("DIENSTWEG_TIMINGS", "1")
        .output()
        .expect("the dienstweg binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn indexed_afresh(output: &Output) -> bool {
    String::from_utf8_lossy(&output.stderr).contains("words indexed")
}

/// The cache entries (bundles) of the site at `root`.
fn entries(root: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(root.join(".dienstweg-cache/search"))
        .map(|listing| listing.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.retain(|path| path.extension().is_some_and(|e| e == "bundle"));
    entries.sort();
    entries
}

#[test]
fn without_search_there_is_no_index_no_search_page_and_no_link_to_either() {
    let by_flag = fixture();
    let by_config = fixture();
    write(
        by_config.path(),
        &[("content/site.yaml", &format!("{SITE}search: false\n"))],
    );
    for (site, extra) in [(&by_flag, &["--no-search"][..]), (&by_config, &[][..])] {
        let out = site.path().join("public");
        let output = build_with(site.path(), &out, extra);
        assert!(!indexed_afresh(&output));
        assert!(!out.join("pagefind").exists(), "no search bundle");
        assert!(!out.join("suche").exists(), "no search page");
        assert!(
            !site.path().join(".dienstweg-cache/search").exists(),
            "no index cached"
        );
        let tree = read_tree(&out);
        assert!(tree
            .iter()
            .any(|(path, _)| path == "glossar/duldung/index.html"));
        for (path, bytes) in tree.iter().filter(|(path, _)| !path.ends_with(".css")) {
            let text = String::from_utf8_lossy(bytes);
            for dead in ["pagefind/", "suche/", "role=\"search\"", "site-search"] {
                assert!(!text.contains(dead), "{path} still mentions {dead}");
            }
        }
    }
    let out = by_config.path().join("internal");
    build_with(by_config.path(), &out, &["--audience", "internal"]);
    assert!(!out.join("pagefind").exists() && !out.join("suche").exists());
}

#[test]
fn a_cached_index_is_byte_identical_and_a_changed_page_misses() {
    let site = fixture();
    let [cold, warm, fresh] = ["cold", "warm", "fresh"].map(|name| site.path().join(name));
    assert!(indexed_afresh(&build_with(site.path(), &cold, &[])));
    assert_eq!(entries(site.path()).len(), 1, "the miss stored its bundle");
    assert!(
        !indexed_afresh(&build_with(site.path(), &warm, &[])),
        "a hit"
    );
    assert!(indexed_afresh(&build_with(
        site.path(),
        &fresh,
        &["--no-cache"]
    )));
    let cold = read_tree(&cold);
    assert_eq!(cold, read_tree(&warm));
    assert_eq!(cold, read_tree(&fresh));
    assert_eq!(entries(site.path()).len(), 1, "--no-cache stores nothing");

    write(
        site.path(),
        &[(
            "content/glossary/duldung.md",
            &TERM_DULDUNG.replace(
                "setzt die Abschiebung aus",
                "setzt die Abschiebung vorübergehend aus",
            ),
        )],
    );
    let changed = site.path().join("changed");
    assert!(
        indexed_afresh(&build_with(site.path(), &changed, &[])),
        "a miss"
    );
    assert!(index_text(&read_tree(&changed)).contains("Abschiebung vorübergehend aus"));
    assert_eq!(entries(site.path()).len(), 2);
    // With entries in the cache the pages are all rendered before they are
    // indexed; without a cache they are indexed beside the render: the same
    // bundle either way.
    let beside = site.path().join("beside");
    build_with(site.path(), &beside, &["--no-cache"]);
    assert_eq!(read_tree(&changed), read_tree(&beside));

    let internal = site.path().join("internal");
    build_with(site.path(), &internal, &["--audience", "internal"]);
    assert_eq!(
        entries(site.path()).len(),
        2,
        "the internal index is never cached"
    );
}

/// The records of what passed the leak scan, below the site at `root`.
fn scan_records(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut records: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(root.join(".dienstweg-cache/scan"))
        .map(|listing| {
            listing
                .filter_map(|e| e.ok().map(|e| e.path()))
                .map(|path| (path.clone(), fs::read(&path).expect("readable")))
                .collect()
        })
        .unwrap_or_default();
    records.sort();
    records
}

#[test]
fn what_passed_the_leak_scan_is_kept_and_scanned_again_when_the_secrets_change() {
    let site = fixture();
    let out = site.path().join("public");
    build_with(site.path(), &out, &["--no-cache"]);
    assert!(
        scan_records(site.path()).is_empty(),
        "--no-cache keeps nothing"
    );
    build_with(site.path(), &out, &[]);
    let kept = scan_records(site.path());
    assert_eq!(kept.len(), 1, "one record: {kept:?}");
    assert!(!indexed_afresh(&build_with(site.path(), &out, &[])));
    assert_eq!(scan_records(site.path()), kept, "the same files passed");

    // pagefind's UI script credits its translators by name; a contact of
    // the same name changes no public page, so the search index is a hit
    // and every page is as before; what passed a scan for the old secrets
    // says nothing about the new ones.
    write(
        site.path(),
        &[(
            "content/regions/teststadt.yaml",
            &REGION.replace("Katrin Beispiel", "Liam Bigelow"),
        )],
    );
    let output = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .env("DIENSTWEG_TIMINGS", "1")
        .output()
        .expect("the dienstweg binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!indexed_afresh(&output), "a hit: {stderr}");
    assert!(
        stderr.contains("leak: output file `pagefind/pagefind-ui.js` contains the name"),
        "{stderr}"
    );
    assert_eq!(
        scan_records(site.path()),
        kept,
        "a failed build keeps nothing"
    );
}

#[test]
fn a_damaged_cache_entry_is_rebuilt_with_a_warning() {
    let site = fixture();
    let [first, second, third] = ["first", "second", "third"].map(|name| site.path().join(name));
    build_with(site.path(), &first, &[]);
    let [entry] = &entries(site.path())[..] else {
        panic!("one entry: {:?}", entries(site.path()));
    };
    let mut bytes = fs::read(entry).expect("entry");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(entry, &bytes).expect("damage the entry");

    let output = build_with(site.path(), &second, &[]);
    assert!(indexed_afresh(&output), "rebuilt");
    let messages = String::from_utf8_lossy(&output.stderr);
    assert!(
        messages.contains("warning: the cached search index"),
        "{messages}"
    );
    assert!(messages.contains("is damaged"), "{messages}");
    assert_eq!(read_tree(&first), read_tree(&second));

    let output = build_with(site.path(), &third, &[]);
    assert!(!indexed_afresh(&output), "the entry was replaced");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("warning: the cached"));
    assert_eq!(read_tree(&first), read_tree(&third));
}

#[test]
fn a_deleted_working_directory_is_reported_not_a_crash() {
    let site = fixture();
    let out = site.path().join("public");
    let gone = site.path().join("gone");
    // The shell stands in a folder, deletes it, then runs the build there.
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"mkdir "$1" && cd "$1" && rmdir "$1" && exec "$2" build --no-cache --root "$3" --out "$4""#)
        .args([
            "sh",
            &gone.display().to_string(),
            env!("CARGO_BIN_EXE_dienstweg"),
            &site.path().display().to_string(),
            &out.display().to_string(),
        ])
        .output()
        .expect("sh runs");
    let message = stderr(&output, site.path());
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("the working directory is gone"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    assert!(!out.exists(), "nothing written");
}
