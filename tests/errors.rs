//! Integration tests of bad input: every error of a run with its file, line
//! and column and a hint, exit status 1 (2 for usage errors), nothing written.

mod common;

use common::*;
use std::fs;

/// A typo in a key of every kind of content file: exit 1 and `file:line:col`.
#[test]
fn typo_in_a_key_is_reported_with_location() {
    let cases: &[(&str, &str, &str)] = &[
        ("content/site.yaml", "title: Testseite", "titel: Testseite"),
        ("content/guide/konzept.md", "weight: 10", "weigth: 10"),
        (
            "content/glossary/duldung.md",
            "gloss: temporary",
            "glos: temporary",
        ),
        (
            "content/catalog/institutions.yaml",
            "  mandate: SGB III",
            "  mandat: SGB III",
        ),
        (
            "content/catalog/areas.yaml",
            "  description: Orientierung.",
            "  desc: Orientierung.",
        ),
        (
            "content/catalog/target-groups.yaml",
            "  colour:",
            "  color:",
        ),
        (
            "content/catalog/path.yaml",
            "  title: Arbeit",
            "  titel: Arbeit",
        ),
        (
            "content/regions/teststadt.yaml",
            "        email: k.beispiel",
            "        emial: k.beispiel",
        ),
    ];
    let mut report = String::new();
    for (file, from, to) in cases {
        let site = fixture();
        let path = site.path().join(file);
        let text = fs::read_to_string(&path).expect("fixture file");
        assert!(text.contains(from), "{file} lacks {from}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write typo");
        let message = check_fails(site.path());
        report.push_str(&format!("## {file}\n{message}\n"));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn all_errors_of_a_run_are_reported_at_once() {
    let site = fixture();
    write(
        site.path(),
        &[
            ("content/guide/schritte.md", "---\ntitle: Zwei\nweight: 20\n---\nLink auf [[Unbekannt]].\n\nUnd [[auch-nicht|hier]].\n"),
            ("content/glossary/duldung.md", &TERM_DULDUNG.replace("related: [gestattung]", "related: [gestatung]")),
        ],
    );
    let output = run(&["build", "--root", &site.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&output, site.path()));
}

/// Every error of a well-formed file, not only serde's first: each in its
/// own place, with nothing that only follows from an earlier one (a key
/// renamed from its typo is not missing as well).
#[test]
fn every_error_of_one_file_is_reported() {
    let site = fixture();
    let region = REGION
        .replacen(
            "    name: Agentur für Arbeit Teststadt",
            "    nmae: Agentur für Arbeit Teststadt",
            1,
        )
        .replacen(
            "        decision_maker: true",
            "        decision_maker: ja bitte",
            1,
        )
        .replacen("    kind: workshop", "    kind: konferenz", 1)
        .replacen(
            "    participants: 20",
            "    participants: zwanzig\n    participants: 20",
            1,
        )
        .replacen("    passes: Akte", "    passes: Akte\n    via: Post", 1);
    write(site.path(), &[("content/regions/teststadt.yaml", &region)]);
    insta::assert_snapshot!(check_fails(site.path()));
}

/// A template that does not compile is reported with the content's errors,
/// not only once those are mended.
#[test]
fn content_errors_hide_no_template_errors() {
    let site = fixture();
    let base = shipped_template("base.html");
    let broken = base.replacen("{{ page.title }}", "{{ page.title }", 1);
    assert_ne!(broken, base, "base.html prints the page title");
    write(
        site.path(),
        &[
            ("templates/base.html", &broken),
            (
                "content/regions/teststadt.yaml",
                &REGION.replacen("name: Teststadt", "nmae: Teststadt", 1),
            ),
        ],
    );
    let message = check_fails(site.path());
    assert_contains_all(
        &message,
        &[
            "unknown field `nmae`",
            "--> content/regions/teststadt.yaml:1:1",
            "syntax error",
            "--> templates/base.html:",
            "2 error(s)",
        ],
    );
    // Nor do errors in the settings, which name the language.
    write(
        site.path(),
        &[
            ("content/regions/teststadt.yaml", REGION),
            ("content/site.yaml", &SITE.replacen("title:", "titel:", 1)),
        ],
    );
    let message = check_fails(site.path());
    assert_contains_all(
        &message,
        &[
            "unknown field `titel`",
            "--> templates/base.html:",
            "2 error(s)",
        ],
    );
}

/// A value printed into an attribute without quotes compiles, but a value
/// with a space would break the attribute apart: the build fails at the
/// template's line and column, and writes nothing.
#[test]
fn an_unquoted_attribute_value_in_a_template_fails_the_build_where_it_stands() {
    let site = fixture();
    let base = shipped_template("base.html");
    let unquoted = base.replacen(
        "<html lang=\"{{ site.config.language }}\">",
        "<html lang={{ site.config.language }}>",
        1,
    );
    assert_ne!(unquoted, base, "base.html prints the language");
    write(site.path(), &[("templates/base.html", &unquoted)]);
    let out = site.path().join("public");
    let output = build(site.path(), "public", &out);
    let message = stderr(&output, site.path());
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert_contains_all(
        &message,
        &[
            "error: the attribute value `{{ site.config.language }}` is printed without quotes",
            "--> templates/base.html:2:12",
            "hint: put it in double quotes",
            "1 error(s)",
        ],
    );
    assert!(!out.exists(), "nothing is written");
}

/// A region file that does not parse (or is not UTF-8) hides none of the
/// errors of the other files; its own reference errors, which may follow
/// from it, are dropped.
#[test]
fn a_broken_region_hides_no_other_files_errors() {
    let site = fixture();
    let second = REGION
        .replace("name: Teststadt", "name: Zweitstadt")
        .replace("  - from: aa-test", "  - from: nobody");
    write(
        site.path(),
        &[
            (
                "content/regions/teststadt.yaml",
                &REGION.replacen("name: Teststadt", "nmae: Teststadt", 1),
            ),
            ("content/regions/zweitstadt.yaml", &second),
            (
                "content/guide/schritte.md",
                "---\ntitle: Zwei\nweight: 20\n---\nLink auf [[Unbekannt]].\n",
            ),
        ],
    );
    fs::write(
        site.path().join("content/regions/drittstadt.yaml"),
        b"name: Dritt\xffstadt\n",
    )
    .expect("write");
    let message = check_fails(site.path());
    assert_contains_all(
        &message,
        &[
            "unknown field `nmae`",
            "--> content/regions/teststadt.yaml:1:1",
            "file is not valid UTF-8",
            "--> content/regions/drittstadt.yaml:1:12",
            "unknown partner `nobody`",
            "unknown glossary term `Unbekannt`",
            "4 error(s)",
        ],
    );
}

#[test]
fn two_files_for_one_region_are_named() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/regions/teststadt.yml",
            &REGION.replace("name: Teststadt", "name: Andere Stadt"),
        )],
    );
    let message = check_fails(site.path());
    assert!(
        message.contains("`content/regions/teststadt.yaml` and `content/regions/teststadt.yml` are one region twice")
            && message.contains("--> content/regions/teststadt.yml"),
        "{message}"
    );
}

#[test]
fn front_matter_without_its_closing_line_says_so() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/guide/schritte.md",
            "---\ntitle: Zwei\nweight: 20\nText ohne Ende der Kopfdaten.\n",
        )],
    );
    let message = check_fails(site.path());
    assert!(
        message.contains("front matter is not closed")
            && message.contains("--> content/guide/schritte.md:1:1"),
        "{message}"
    );
}

#[test]
fn malformed_yaml_points_into_front_matter() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/guide/schritte.md",
            "---\ntitle: Zwei\nweight: zwanzig\n---\nText\n",
        )],
    );
    let message = check_fails(site.path());
    assert!(
        message.contains("content/guide/schritte.md:3:9"),
        "{message}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(
        run(&["build", "--audience", "everyone"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let site = fixture();
    let output = build(
        site.path(),
        "internal",
        &site.path().join("public/../public/"),
    );
    assert_eq!(output.status.code(), Some(2));
    // A root that holds no site: the wrong folder, not bad content.
    let empty = tempfile::tempdir().expect("temp dir");
    let root = empty.path().display().to_string();
    for command in ["build", "check"] {
        let output = run(&[command, "--root", &root]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(stderr(&output, empty.path()).contains("no site found"));
    }
}

/// An alias that reuses another term's name is the one reported, once.
#[test]
fn an_alias_that_takes_a_terms_name_is_reported_at_the_alias() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/glossary/gestattung.md",
            &TERM_GESTATTUNG.replace(
                "legal_basis:",
                "aliases: [Gestattete, Duldung]\nlegal_basis:",
            ),
        )],
    );
    let message = check_fails(site.path());
    assert!(
        message.contains("`Duldung` names two glossary terms: `duldung` and `gestattung`")
            && message.contains("--> content/glossary/gestattung.md:4:")
            && message.contains("1 error(s)"),
        "{message}"
    );
}
