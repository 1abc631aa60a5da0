//! Integration tests of `dienstweg build` and `dienstweg check`: fixture sites
//! in temporary directories, checked by their files, exit codes and messages.

mod common;

use common::*;
use std::fs;

#[test]
fn shipped_site_builds_with_guide_glossary_and_regions() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    let output = build(&repo(), "public", &target);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for page in [
        "index.html",
        "404.html",
        "robots.txt",
        "css/site.css",
        "css/highlight.css",
        "leitfaden/index.html",
        "leitfaden/konzept/index.html",
        "leitfaden/faq/index.html",
        "glossar/index.html",
        "glossar/duldung/index.html",
        "impressum/index.html",
        "regionen/index.html",
        "vergleich/index.html",
        "institutionen/index.html",
        "weg/index.html",
    ] {
        assert!(target.join(page).is_file(), "missing {page}");
    }
    let terms = fs::read_dir(target.join("glossar"))
        .expect("glossary")
        .count()
        - 1;
    assert!(terms >= 30, "only {terms} glossary pages");
    for region in ["leipzig", "dresden", "landkreis-meissen", "crimmitschau"] {
        for sub in [
            "",
            "partner/",
            "matrix/",
            "uebergaben/",
            "treffen/",
            "empfehlungen/",
            "schnittstellenpapier/",
        ] {
            let path = target.join(format!("regionen/{region}/{sub}index.html"));
            assert!(path.is_file(), "missing {}", path.display());
        }
    }
}

#[test]
fn shipped_public_build_has_no_contact_data() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    assert!(build(&repo(), "public", &target).status.success());
    for (path, bytes) in read_tree(&target) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("@example.org"),
            "{path} holds a contact e-mail"
        );
        assert!(!text.contains("23125"), "{path} holds a contact phone");
        assert!(
            !text.contains("Vertraulich — nur zur internen Weitergabe"),
            "{path} holds the internal banner"
        );
    }
}

#[test]
fn guide_page_has_toc_prev_next_highlighting_and_glossary_links() {
    let site = fixture();
    let out = site.path().join("public");
    let output = build(site.path(), "public", &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(out.join("leitfaden/konzept/index.html")).expect("guide page");
    assert!(page.contains("<html lang=\"de\">"));
    assert!(page.contains("class=\"skip-link\" href=\"#main\""));
    assert!(page.contains("<h2 id=\"erster-abschnitt\">Erster Abschnitt</h2>"));
    assert!(
        page.contains("href=\"#erster-abschnitt\""),
        "table of contents"
    );
    assert!(page.contains("rel=\"next\" href=\"../../leitfaden/schritte/index.html\""));
    assert!(
        page.contains("href=\"../../glossar/duldung/index.html\""),
        "glossary link, relative"
    );
    assert!(page.contains("hl-code"), "highlighted code");
    assert!(
        !page.contains("Tresor"),
        "internal passage dropped from the public page"
    );
    let second =
        fs::read_to_string(out.join("leitfaden/schritte/index.html")).expect("second page");
    assert!(second.contains("rel=\"prev\""));
    assert!(
        second.contains(">Geduldeten</a>"),
        "alias link with custom text"
    );
    let term = fs::read_to_string(out.join("glossar/duldung/index.html")).expect("term page");
    assert!(
        term.contains("Eine Angabe ist offen."),
        "unconfirmed note shown"
    );
    assert!(term.contains("15.03.2026"));
}

#[test]
fn internal_build_has_banner_noindex_contacts_and_passages() {
    let site = fixture();
    let out = site.path().join("internal");
    let output = build(site.path(), "internal", &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let guide = fs::read_to_string(out.join("leitfaden/konzept/index.html")).expect("guide");
    assert!(guide.contains("Vertraulich — nur zur internen Weitergabe"));
    assert!(guide.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(guide.contains("Tresor"), "internal passage kept");
    let partners =
        fs::read_to_string(out.join("regionen/teststadt/partner/index.html")).expect("partners");
    assert!(partners.contains("href=\"tel:+493023125101\""));
    assert!(partners.contains("href=\"mailto:k.beispiel@example.org\""));
    let robots = fs::read_to_string(out.join("robots.txt")).expect("robots");
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture();
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    // Without the cache, so that pagefind runs in both processes.
    for out in [&a, &b] {
        let out = out.display().to_string();
        let root = site.path().display().to_string();
        let output = run(&["build", "--root", &root, "--out", &out, "--no-cache"]);
        assert!(output.status.success());
    }
    assert_eq!(read_tree(&a), read_tree(&b));
    let shipped = tempfile::tempdir().expect("temp dir");
    let (c, d) = (shipped.path().join("c"), shipped.path().join("d"));
    assert!(build(&repo(), "internal", &c).status.success());
    assert!(build(&repo(), "internal", &d).status.success());
    assert_eq!(read_tree(&c), read_tree(&d));
}

#[test]
fn failing_build_leaves_previous_output_untouched() {
    let site = fixture();
    let out = site.path().join("public");
    assert!(build(site.path(), "public", &out).status.success());
    let before = read_tree(&out);
    write(
        site.path(),
        &[(
            "content/guide/konzept.md",
            "---\ntitle: Kaputt\nweigth: 10\n---\nText\n",
        )],
    );
    let output = build(site.path(), "public", &out);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output, site.path()).contains("nothing was written"));
    assert_eq!(read_tree(&out), before);
    let leftovers = leftovers(site.path());
    assert!(
        leftovers.is_empty(),
        "no staging directory left behind: {leftovers:?}"
    );
}

#[test]
fn a_template_that_prints_a_contact_field_fails_the_public_build() {
    let site = fixture();
    let partners = shipped_template("region_partners.html");
    write(
        site.path(),
        &[(
            "templates/region_partners.html",
            &partners.replace(
                "{{ p.tasks | safe }}",
                "{{ p.tasks | safe }}{{ p.contacts }}",
            ),
        )],
    );
    let output = build(site.path(), "public", &site.path().join("public"));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output, site.path());
    assert!(
        message.contains("templates/region_partners.html"),
        "{message}"
    );
    assert!(message.contains("undefined"), "{message}");
}

#[test]
fn a_template_error_many_pages_meet_is_reported_once() {
    let site = fixture();
    let base = shipped_template("base.html");
    // Every page's title but the start page's.
    let broken = base.replacen("{{ page.title }}", "{{ page.title.nope.x }}", 1);
    assert_ne!(broken, base, "base.html prints the page title");
    write(site.path(), &[("templates/base.html", &broken)]);
    let output = build(site.path(), "public", &site.path().join("public"));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output, site.path());
    let errors: Vec<&str> = message
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{message}");
    assert!(errors[0].contains("(in `404.html`, "), "{message}");
    assert!(errors[0].ends_with(" more)"), "{message}");
    let line = base
        .lines()
        .position(|l| l.contains("{{ page.title }}"))
        .expect("line")
        + 1;
    assert!(
        message.contains(&format!("--> templates/base.html:{line}:")),
        "{message}"
    );
    assert!(message.contains("\n1 error(s)"), "{message}");
}

#[test]
fn check_writes_nothing_and_reports_warnings() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/regions/teststadt.yaml",
            &REGION
                .replace("participants: 20", "participants: 30")
                .replace("confirmed: 2025-10-01", "confirmed: 2023-01-01"),
        )],
    );
    let output = run(&["check", "--root", &site.path().display().to_string()]);
    assert!(output.status.success());
    let message = stderr(&output, site.path());
    assert!(message.contains("had 30 participants"), "{message}");
    assert!(message.contains("not confirmed for 12 months"), "{message}");
    assert!(!site.path().join("public").exists());
}
