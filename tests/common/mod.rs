//! Shared helpers for integration tests: a small fixture site written into a
//! temporary directory, and running the `dienstweg` binary on it.
#![allow(dead_code)]

pub mod edits;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// How many cases a property test that builds sites runs: `default`, or
/// `PROPTEST_CASES` where it is set (a literal `cases` in a
/// `ProptestConfig` would not heed it), to search further than CI does.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// The shipped default theme's template `name`.
pub fn shipped_template(name: &str) -> String {
    fs::read_to_string(repo().join("themes/default/templates").join(name)).expect("template")
}

/// Assert that `text` contains every one of `expected`, naming the first
/// that it lacks.
#[track_caller]
pub fn assert_contains_all(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
}

/// The repository root (holds the shipped content and the theme).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary with `args`; returns its output.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1764028800") // 2025-11-25
        .output()
        .expect("the dienstweg binary runs")
}

/// Standard error as text, with the temporary root replaced by `ROOT`.
pub fn stderr(output: &Output, root: &Path) -> String {
    String::from_utf8_lossy(&output.stderr).replace(&root.display().to_string(), "ROOT")
}

/// Write `files` (path, contents) below `root`.
/// `check` of the site at `root`, which must fail with exit 1: its stderr.
pub fn check_fails(root: &Path) -> String {
    let output = run(&["check", "--root", &root.display().to_string()]);
    let message = stderr(&output, root);
    assert_eq!(output.status.code(), Some(1), "{message}");
    message
}

pub fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, contents) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("file has a parent")).expect("create dirs");
        fs::write(path, contents).expect("write fixture file");
    }
}

pub const SITE: &str = "title: Testseite\ndescription: Eine Testseite.\nbase_url: \"https://test.example.org/\"\nlanguage: de\npublisher:\n  name: Testverein e.V.\n  street: Teststraße 1\n  city: 01067 Dresden\n  phone: \"0351 000 00 00\"\n  email: info@verein.example.net\n  web: \"https://verein.example.net\"\nallow_list:\n  emails: [info@verein.example.net]\n  phones: [\"0351 000 00 00\"]\n";

pub const GUIDE: &str = "---\ntitle: Das Konzept\nweight: 10\ndescription: Kurz erklärt.\n---\nEinleitung mit [[Duldung]].\n\n## Erster Abschnitt\n\nText.\n\n:::intern\nNur für die Organisatoren: Liste liegt im Tresor.\n:::\n\n```yaml\nkey: value\n```\n";

pub const GUIDE_2: &str = "---\ntitle: Schritt für Schritt\nweight: 20\n---\nZweite Seite mit [[geduldete|Geduldeten]].\n";

pub const TERM_DULDUNG: &str = "---\nterm: Duldung\ngloss: temporary suspension of deportation\naliases: [geduldete]\nlegal_basis: \"§ 60a AufenthG\"\nlabour_market: Mit Erlaubnis der Ausländerbehörde.\nbenefits: AsylbLG.\nresponsible: Ausländerbehörde.\nrelated: [gestattung]\nsources:\n  - title: Gesetz\n    url: \"https://www.gesetze-im-internet.de/aufenthg_2004/__60a.html\"\nstand: 2026-03-15\nunconfirmed:\n  - Eine Angabe ist offen.\n---\nDie Duldung setzt die Abschiebung aus.\n";

pub const TERM_GESTATTUNG: &str = "---\nterm: Aufenthaltsgestattung\ngloss: permission to reside pending asylum\nlegal_basis: \"§ 55 AsylG\"\nlabour_market: Nach Wartezeit.\nbenefits: AsylbLG.\nresponsible: BAMF.\nrelated: [Duldung]\nsources:\n  - title: Gesetz\n    url: \"https://www.gesetze-im-internet.de/asylvfg_1992/__55.html\"\nstand: 2026-03-15\n---\nDie Gestattung gilt während des Verfahrens.\n";

pub const INSTITUTIONS: &str = "- id: aa\n  name: Agentur für Arbeit\n  short: AA\n  mandate: SGB III\n  tasks: Beratung und Vermittlung.\n  target_groups: [gestattete]\n- id: jc\n  name: Jobcenter\n  short: JC\n  mandate: SGB II\n  tasks: Grundsicherung.\n  target_groups: [gestattete]\n";

pub const AREAS: &str = "- id: vermittlung\n  name: Arbeitsvermittlung\n  description: Vermittlung in Arbeit.\n- id: beratung\n  name: Erstberatung\n  description: Orientierung.\n";

pub const GROUPS: &str = "- id: gestattete\n  symbol: A\n  name: Gestattete\n  colour: \"#8a4b08\"\n  term: gestattung\n";

pub const PATH: &str =
    "- id: arbeit\n  title: Arbeit\n  description: Vermittlung.\n  institutions: [aa, jc]\n";

pub const REGION: &str = "name: Teststadt\nkind: kreisfreie-stadt\nsummary: Eine Teststadt.\nexample_data: true\nnetwork_status: regular\nfocus_topics: [Vermittlung]\nstand: 2025-10-01\norganisers: [aa-test]\nnotes_internal: Interne Rückrufzeiten nur dienstags nachmittags.\npartners:\n  - id: aa-test\n    name: Agentur für Arbeit Teststadt\n    type: aa\n    tasks: Vermittlung.\n    target_groups: [gestattete]\n    contacts:\n      - name: Katrin Beispiel\n        role: Teamleitung\n        phone: \"+49 30 23125 101\"\n        email: k.beispiel@example.org\n        address: Musterstraße 1, 01067 Dresden\n        room: Haus B, Raum 2.14\n        decision_maker: true\n        confirmed: 2025-10-01\n  - id: jc-test\n    name: Jobcenter Teststadt\n    type: jc\n    tasks: Grundsicherung.\n    target_groups: [gestattete]\nmeetings:\n  - id: ws-1\n    kind: workshop\n    title: Erster Workshop\n    date: 2025-03-01\n    topics: [Zuständigkeiten]\n    participants: 20\n    decision_makers: true\nmatrix:\n  - area: vermittlung\n    cells:\n      - partner: aa-test\n        level: lead\n        groups: [gestattete]\n      - partner: jc-test\n        level: involved\n        groups: []\nhandoffs:\n  - from: aa-test\n    to: jc-test\n    trigger: Anerkennung\n    passes: Akte\nrecommendations:\n  - id: fallkonferenz\n    title: Fallkonferenz\n    text: Regelmäßige Fallkonferenz.\n    proposed_by: aa-test\n    responsible: [aa-test, jc-test]\n    status: adopted\n    vote:\n      meeting: ws-1\n      yes: 15\n      no: 2\n      abstain: 3\n";

/// A complete small site in a fresh temporary directory.
pub fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        &[
            ("content/site.yaml", SITE),
            ("content/guide/konzept.md", GUIDE),
            ("content/guide/schritte.md", GUIDE_2),
            ("content/glossary/duldung.md", TERM_DULDUNG),
            ("content/glossary/gestattung.md", TERM_GESTATTUNG),
            ("content/catalog/institutions.yaml", INSTITUTIONS),
            ("content/catalog/areas.yaml", AREAS),
            ("content/catalog/target-groups.yaml", GROUPS),
            ("content/catalog/path.yaml", PATH),
            ("content/regions/teststadt.yaml", REGION),
        ],
    );
    dir
}

/// Build `root` for `audience` into `out`; returns the output.
pub fn build(root: &Path, audience: &str, out: &Path) -> Output {
    run(&[
        "build",
        "--root",
        &root.display().to_string(),
        "--audience",
        audience,
        "--out",
        &out.display().to_string(),
    ])
}

/// All files below `dir` with their contents, sorted by path.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .expect("read dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let name = path
                    .strip_prefix(base)
                    .expect("below base")
                    .display()
                    .to_string();
                out.push((name, fs::read(&path).expect("read file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// Hidden folders a build left in `root` (a staging folder, the previous
/// output moved aside), apart from the cache.
pub fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') && name != ".dienstweg-cache")
        .collect()
}

/// Copy the folder `from` with everything below it to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}
