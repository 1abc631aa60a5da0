//! Embeds files into the binary:
//! - the default theme (`themes/default/**`), so that a site without its own
//!   copy of the theme (e.g. one made by `dienstweg init`) still builds; a
//!   site's `themes/default/` on disk takes precedence;
//! - the starter site of `dienstweg init`: `starter/**` plus the shipped
//!   catalogues and glossary (`content/catalog/**`, `content/glossary/**`),
//!   read from the directories so new entries are picked up without a list.
//!
//! It also sets `DIENSTWEG_PAGEFIND_VERSION`, the locked version of pagefind,
//! which the search index's cache key includes, and `DIENSTWEG_SOURCE_DIGEST`,
//! a fingerprint of the code (`src/**` and Cargo.lock): an output file that
//! passed the leak scan of one build of the code is scanned again by any other
//! (`check::leaks::passed`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// Rust code for a static slice of (path, bytes): each file below one of the
/// `sources` directories, named by `prefix` + its path inside the directory.
fn embed(name: &str, doc: &str, sources: &[(PathBuf, &str)]) -> String {
    let mut code = format!("/// {doc}\npub static {name}: &[(&str, &[u8])] = &[\n");
    for (dir, prefix) in sources {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        collect(dir, &mut files);
        for file in &files {
            println!("cargo:rerun-if-changed={}", file.display());
            let relative = file
                .strip_prefix(dir)
                .expect("file is below its directory")
                .to_string_lossy()
                .replace('\\', "/");
            code.push_str(&format!(
                "    ({:?}, include_bytes!({:?})),\n",
                format!("{prefix}{relative}"),
                file.display().to_string()
            ));
        }
    }
    code.push_str("];\n");
    code
}

fn write(name: &str, code: &str) {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    let mut output = fs::File::create(out).expect("OUT_DIR is writable");
    output
        .write_all(code.as_bytes())
        .expect("OUT_DIR is writable");
}

/// The version of `package` in Cargo.lock, or `unknown`.
fn locked_version(lock: &str, package: &str) -> String {
    let entry = format!("name = \"{package}\"\nversion = \"");
    lock.find(&entry)
        .map(|at| &lock[at + entry.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("unknown")
        .to_string()
}

/// FNV-1a (64 bits) of the path and bytes of every file below `src` and of
/// `lock`: not against an adversary, only to tell one state of the code
/// from another.
fn source_digest(src: &Path, lock: &str) -> String {
    println!("cargo:rerun-if-changed={}", src.display());
    let mut files = Vec::new();
    collect(src, &mut files);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for part in [&(bytes.len() as u64).to_le_bytes()[..], bytes] {
            for byte in part {
                hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    };
    for file in &files {
        let relative = file.strip_prefix(src).unwrap_or(file);
        feed(relative.to_string_lossy().as_bytes());
        feed(&fs::read(file).unwrap_or_default());
    }
    feed(lock.as_bytes());
    format!("{hash:016x}")
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let lock = manifest.join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    let lock = fs::read_to_string(&lock).unwrap_or_default();
    println!(
        "cargo:rustc-env=DIENSTWEG_PAGEFIND_VERSION={}",
        locked_version(&lock, "pagefind")
    );
    println!(
        "cargo:rustc-env=DIENSTWEG_SOURCE_DIGEST={}",
        source_digest(&manifest.join("src"), &lock)
    );
    write(
        "theme_files.rs",
        &embed(
            "THEME_FILES",
            "The default theme's files: (path inside the theme, bytes).",
            &[(manifest.join("themes/default"), "")],
        ),
    );
    write(
        "starter_files.rs",
        &embed(
            "STARTER_FILES",
            "The starter site's files: (path inside the site, bytes).",
            &[
                (manifest.join("starter"), ""),
                (manifest.join("content/catalog"), "content/catalog/"),
                (manifest.join("content/glossary"), "content/glossary/"),
            ],
        ),
    );
}
