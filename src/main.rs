//! The `dienstweg` binary: parse the command line, run the library, map the
//! outcome to an exit status (0 ok, 1 content errors, 2 usage errors).

use clap::Parser;
use dienstweg::cli::{Cli, Command};
use dienstweg::error::{Diagnostic, Diagnostics};
use dienstweg::view::Audience;
use std::process::ExitCode;
use std::time::Instant;

/// The allocator: jemalloc (see Cargo.toml for why).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, which it reads before `main`: one arena per CPU,
/// where it would make four per CPU (see Cargo.toml for what that saves).
/// Only on Linux, where jemalloc knows the CPU a thread runs on. The
/// environment (`_RJEM_MALLOC_CONF`) still overrides them.
#[cfg(all(target_os = "linux", not(target_env = "msvc")))]
#[export_name = "_rjem_malloc_conf"]
// SAFETY: a C string literal lives for the whole program, so a reference to
// its first character is valid forever; jemalloc reads up to its NUL.
static MALLOC_CONF: Option<&std::ffi::c_char> = Some(unsafe { &*c"percpu_arena:percpu".as_ptr() });

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let started = Instant::now();
            dienstweg::keep_memory_until_exit();
            let audience = args.audience.into();
            let options = dienstweg::BuildOptions {
                root: args.site.root.clone(),
                audience,
                out: args.out.clone(),
                search: !args.no_search,
                cache: !args.no_cache,
            };
            let out_dir = options
                .out
                .clone()
                .unwrap_or_else(|| dienstweg::default_out_dir(&options.root, audience));
            if let Err(errors) = dienstweg::load::find_site(&options.root).and_then(|()| {
                dienstweg::check::paths::check_out_dir(&options.root, &out_dir, audience)
            }) {
                eprintln!("{errors}");
                return ExitCode::from(2);
            }
            let passphrase = match encryption(args.encrypt, audience) {
                Ok(passphrase) => passphrase,
                Err(error) => {
                    eprintln!("{error}");
                    return ExitCode::from(2);
                }
            };
            if audience == Audience::Internal
                && passphrase.is_none()
                && dienstweg::paper::passphrase::is_set()
            {
                let unused = Diagnostic::warning(format!(
                    "`{}` is set, but without `--encrypt` the interface papers are written unsealed",
                    dienstweg::paper::passphrase::ENV_VAR
                ))
                .hint("add `--encrypt` to seal them with it");
                eprintln!("{unused}\n");
            }
            let sealing = match (audience, &passphrase) {
                (Audience::Public, _) => "",
                (Audience::Internal, Some(_)) => ", papers sealed",
                (Audience::Internal, None) => ", papers not sealed",
            };
            match dienstweg::build_with(&options, passphrase.as_ref()) {
                Ok(report) => {
                    print_warnings(&report.warnings);
                    println!(
                        "built {} pages ({} files, {}{sealing}) into {} in {} ms",
                        report.pages,
                        report.files,
                        audience.name(),
                        report.out_dir.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprintln!("{errors}");
                    eprintln!("nothing was written; the previous output is unchanged");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check(args) => {
            if let Err(errors) = dienstweg::load::find_site(&args.root) {
                eprintln!("{errors}");
                return ExitCode::from(2);
            }
            match dienstweg::check(&args.root) {
                Ok(warnings) => {
                    print_warnings(&warnings);
                    println!(
                        "check passed: no errors, {} warning(s)",
                        warnings.warning_count()
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    eprintln!("{errors}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve(args) => {
            return_freed_memory();
            match dienstweg::serve::run(&args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(errors) => {
                    eprintln!("{errors}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init(args) => init(&args.dir),
    }
}

/// Let the allocator hand memory freed by a rebuild back to the system in
/// the background. A build exits right after its peak, and the default
/// suits it; the preview lives on between saves, and without this kept the
/// memory of every rebuild (three times its live data at 400 regions). If
/// the allocator refuses, the preview only holds more memory.
fn return_freed_memory() {
    #[cfg(not(target_env = "msvc"))]
    let _ = tikv_jemalloc_ctl::background_thread::write(true);
}

fn init(dir: &std::path::Path) -> ExitCode {
    if let Err(errors) = dienstweg::init::check_target(dir) {
        eprintln!("{errors}");
        return ExitCode::from(2);
    }
    match dienstweg::init::init(dir) {
        Ok(report) => {
            let root = shell_word(&report.root);
            println!(
                "created a starter site in {root} ({} files)
next: dienstweg check --root {root}
      dienstweg build --root {root}",
                report.files.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::from(1)
        }
    }
}

/// A path as a shell reads it back as one word: quoted if it holds anything
/// but letters, digits and `/._-`, and not to be read as an option.
fn shell_word(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let text = if text.starts_with('-') {
        format!("./{text}")
    } else {
        text
    };
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The passphrase for `--encrypt`, which only the internal build takes.
fn encryption(
    encrypt: bool,
    audience: Audience,
) -> Result<Option<dienstweg::paper::Passphrase>, Diagnostic> {
    if !encrypt {
        return Ok(None);
    }
    if audience == Audience::Public {
        return Err(Diagnostic::error(
            "`--encrypt` is for the internal build: the public build holds nothing to hide",
        )
        .hint("add `--audience internal`"));
    }
    dienstweg::paper::passphrase::obtain().map(Some)
}

fn print_warnings(warnings: &Diagnostics) {
    for warning in warnings.sorted() {
        eprintln!("{warning}\n");
    }
}

#[cfg(all(test, not(target_env = "msvc")))]
mod tests {
    #[test]
    fn paths_are_shown_as_one_shell_word() {
        let word = |p: &str| super::shell_word(std::path::Path::new(p));
        assert_eq!(word("meine-region"), "meine-region");
        assert_eq!(word("/tmp/a_b/c.d"), "/tmp/a_b/c.d");
        assert_eq!(word("mit leer zeichen"), "'mit leer zeichen'");
        assert_eq!(word("-dash"), "./-dash");
        assert_eq!(word("it's"), "'it'\\''s'");
    }

    #[test]
    fn the_preview_turns_on_background_purging() {
        super::return_freed_memory();
        assert_eq!(
            tikv_jemalloc_ctl::background_thread::read().ok(),
            Some(true)
        );
    }

    /// jemalloc's own default is four arenas per CPU.
    #[cfg(target_os = "linux")]
    #[test]
    fn jemalloc_keeps_one_arena_per_cpu() {
        if std::env::var_os("_RJEM_MALLOC_CONF").is_some() {
            return; // options from the environment take precedence
        }
        let cpus = std::fs::read_to_string("/proc/cpuinfo")
            .map(|info| info.lines().filter(|l| l.starts_with("processor")).count())
            .unwrap_or(0);
        let arenas = tikv_jemalloc_ctl::opt::narenas::read().map(|n| n as usize);
        assert!(
            matches!(arenas, Ok(n) if n >= 1 && n <= cpus),
            "{arenas:?} arenas for {cpus} CPUs"
        );
    }
}
