//! The internal build: where it may be written, how every page is marked,
//! that it holds every contact of the shipped content (and the public build
//! none), and what `check` says about the contact list.

mod common;

use common::*;
use dienstweg::check::leaks::phone_key;
use dienstweg::check::leaks::text::{decode, digit_runs};
use std::fs;

#[test]
fn every_internal_page_is_marked_and_nothing_points_to_the_public_site() {
    let site = fixture();
    let out = site.path().join("internal");
    let output = build(site.path(), "internal", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let tree = read_tree(&out);
    let pages: Vec<_> = tree.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 20);
    for (path, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.contains("Vertraulich — nur zur internen Weitergabe"),
            "{path}"
        );
        assert!(
            text.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"),
            "{path}"
        );
        assert!(text.contains("Erstellt am 25.11.2025"), "{path}");
        assert!(
            !text.contains("https://test.example.org/"),
            "{path} points to the public site"
        );
    }
    for (path, _) in &tree {
        assert!(
            !path.contains("sitemap") && !path.contains("feed") && !path.ends_with(".xml"),
            "{path}"
        );
    }
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).expect("robots"),
        "User-agent: *\nDisallow: /\n"
    );
    assert_eq!(
        fs::read_to_string(out.join(".dienstweg-audience")).expect("marker"),
        "internal\n"
    );
}

#[test]
fn outputs_stay_apart_however_the_path_is_written() {
    let site = fixture();
    let root = site.path();
    assert!(build(root, "public", &root.join("public")).status.success());
    let before = read_tree(&root.join("public"));
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("public"), root.join("published")).expect("symlink");
    let mut refused = vec![
        ("internal", root.join("public")),
        ("internal", root.join("public/")),
        ("internal", root.join("public/intern")),
        ("internal", root.join("content/../public/x/")),
        ("internal", root.join("./public//")),
        ("public", root.join("internal/")),
        ("public", root.join("internal/../internal/sub")),
    ];
    if cfg!(unix) {
        refused.push(("internal", root.join("published")));
        refused.push(("internal", root.join("published/missing/../x")));
    }
    for (audience, out) in &refused {
        let output = build(root, audience, out);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{audience} → {}",
            out.display()
        );
        assert!(stderr(&output, root).contains("refusing to write"));
    }
    assert_eq!(
        read_tree(&root.join("public")),
        before,
        "public output untouched"
    );

    // A public build written elsewhere is recognised by its marker.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let site_dir = elsewhere.path().join("www");
    assert!(build(root, "public", &site_dir).status.success());
    let output = build(root, "internal", &site_dir.join("intern"));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output, root).contains("holds a public build"));
    let output = build(root, "internal", &site_dir);
    assert_eq!(output.status.code(), Some(2));
}

/// Relative paths, run from inside the site before any build exists: the
/// internal build may not write to `public/`, no build to `content/` or the
/// site itself, however `--root` is written.
#[test]
fn relative_paths_from_inside_the_site_are_refused_too() {
    let site = fixture();
    let root = site.path();
    let before = read_tree(&root.join("content"));
    let refused: &[(&[&str], &str)] = &[
        (
            &["--audience", "internal", "--out", "public"],
            "overlaps the public output",
        ),
        (
            &["--audience", "internal", "--root", ".", "--out", "public/x"],
            "overlaps the public output",
        ),
        (
            &[
                "--audience",
                "internal",
                "--root",
                "../site",
                "--out",
                "./public",
            ],
            "overlaps the public output",
        ),
        (
            &["--audience", "public", "--out", "internal"],
            "overlaps the internal output",
        ),
        (&["--out", "content"], "would replace source files"),
        (&["--out", "content/x"], "would replace source files"),
        (&["--root", ".", "--out", "."], "refusing to write"),
    ];
    let inside = root.join("site");
    std::fs::create_dir(&inside).expect("site folder");
    std::fs::rename(root.join("content"), inside.join("content")).expect("move content");
    for (args, message) in refused {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_dienstweg"))
            .arg("build")
            .args(*args)
            .current_dir(&inside)
            .output()
            .expect("the dienstweg binary runs");
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert!(
        !inside.join("public").exists(),
        "nothing written to public/"
    );
    assert!(
        !inside.join("internal").exists(),
        "nothing written to internal/"
    );
    assert_eq!(
        read_tree(&inside.join("content")),
        before,
        "content untouched"
    );
}

/// The "done" condition on the shipped content: the internal build holds
/// every contact (partner pages, paper page, paper file), the public build
/// no e-mail address or phone number but the allow-listed publisher's.
#[test]
fn shipped_internal_build_holds_every_contact_and_public_none() {
    let shipped = dienstweg::prepare(&repo()).expect("shipped site");
    let dir = tempfile::tempdir().expect("temp dir");
    let (internal, public) = (dir.path().join("internal"), dir.path().join("public"));
    assert!(build(&repo(), "internal", &internal).status.success());
    assert!(build(&repo(), "public", &public).status.success());
    let read = |path: std::path::PathBuf| decode(&fs::read_to_string(&path).expect("page"));
    let mut contacts = 0;
    for region in &shipped.site.regions {
        let partners = read(internal.join(format!("regionen/{}/partner/index.html", region.slug)));
        let paper = read(internal.join(format!(
            "regionen/{}/schnittstellenpapier/index.html",
            region.slug
        )));
        let file = read(internal.join(dienstweg::paper::path(&region.slug)));
        for partner in &region.partners {
            for contact in &partner.contacts {
                contacts += 1;
                let mut expected = vec![
                    contact.name.clone(),
                    contact.role.clone(),
                    format!("bestätigt am {}", contact.confirmed.german()),
                ];
                if let Some(phone) = &contact.phone {
                    expected.push(format!("href=\"tel:{}\"", dienstweg::view::tel_link(phone)));
                }
                if let Some(email) = &contact.email {
                    expected.push(format!("href=\"mailto:{email}\""));
                }
                expected.extend(contact.address.clone());
                expected.extend(contact.room.clone());
                expected.extend(contact.successor.clone());
                for text in &expected {
                    for (name, page) in
                        [("partners", &partners), ("paper", &paper), ("file", &file)]
                    {
                        assert!(
                            page.contains(text.as_str()),
                            "{} {name}: {text}",
                            region.slug
                        );
                    }
                }
            }
        }
        assert!(partners.contains("entscheidungsbefugt"));
    }
    assert!(contacts > 30, "{contacts} contacts");

    let allowed_email = &shipped.site.config.publisher.email;
    let allowed_phone = phone_key(&shipped.site.config.publisher.phone);
    for (path, bytes) in read_tree(&public) {
        let bytes = gunzipped(bytes);
        let text = decode(&String::from_utf8_lossy(&bytes)).to_lowercase();
        for (at, _) in text.match_indices('@') {
            let before: String = text[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || ".-_+".contains(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = text[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || ".-".contains(*c))
                .collect();
            if !before.is_empty() && after.contains('.') && !after.ends_with(".png") {
                let email = format!("{before}@{}", after.trim_end_matches('.'));
                assert_eq!(&email, allowed_email, "{path}");
            }
        }
        let runs = digit_runs(&text);
        for region in &shipped.site.regions {
            for contact in region.partners.iter().flat_map(|p| &p.contacts) {
                if let Some(phone) = &contact.phone {
                    assert!(!runs.contains(&phone_key(phone)), "{path}: {phone}");
                }
            }
        }
        if runs.contains(&allowed_phone) {
            // The pages, and the search index that holds the Impressum's text.
            assert!(
                path.starts_with("impressum")
                    || path.ends_with(".html")
                    || path.starts_with("pagefind/"),
                "{path}"
            );
        }
    }
}

#[test]
fn check_lists_stale_contacts_and_those_who_left_without_successor() {
    let site = fixture();
    let region = REGION
        .replace("confirmed: 2025-10-01", "confirmed: 2023-01-01")
        .replace(
            "    type: jc\n    tasks: Grundsicherung.\n",
            "    type: jc\n    tasks: Grundsicherung.\n    contacts:\n      - name: Ben Probe\n        role: Leitung Markt und Integration\n        email: b.probe@example.org\n        confirmed: 2025-09-01\n        left: 2025-10-31\n      - name: Lea Test\n        role: Teamleitung U25\n        confirmed: 2025-09-01\n        left: 2026-01-31\n        successor: Ben Probe übernimmt kommissarisch.\n",
        );
    write(site.path(), &[("content/regions/teststadt.yaml", &region)]);
    let output = run(&["check", "--root", &site.path().display().to_string()]);
    let message = stderr(&output, site.path());
    assert!(output.status.success(), "{message}");
    assert_contains_all(
        &message,
        &[
            "Teststadt / Agentur für Arbeit Teststadt: contact `Teamleitung` not confirmed for 12 months (last on 01.01.2023)\n  --> content/regions/teststadt.yaml:24:20",
            "Teststadt / Jobcenter Teststadt: contact `Leitung Markt und Integration` left on 31.10.2025 and no successor is named\n  --> content/regions/teststadt.yaml:34:15",
        ],
    );
    assert!(!message.contains("Teamleitung U25` left"), "{message}");
    assert!(
        !message.contains("Ben Probe"),
        "no contact data in the log: {message}"
    );
}

/// The search index's gzip'd files unpacked (their compressed bytes hold
/// accidental `x@y.z` runs); other files as they are.
fn gunzipped(bytes: Vec<u8>) -> Vec<u8> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .read_to_end(&mut plain)
        .expect("gzip'd file unpacks");
    plain
}

/// A YAML text folded with `>` joins its lines, so a passage written into it
/// line by line ends up inside one line: the build refuses it, pointing at
/// the text, and publishes nothing; with blank lines around the markers (or
/// `|`) the passage is a passage.
#[test]
fn a_passage_folded_into_one_line_fails_the_build() {
    let folded = "summary: >-\n  Eine Teststadt.\n  :::intern\n  Geheimer Satz für die Organisatoren.\n  :::\n";
    let apart = "summary: >-\n  Eine Teststadt.\n\n  :::intern\n\n  Geheimer Satz für die Organisatoren.\n\n  :::\n";
    for (summary, fails) in [(folded, true), (apart, false)] {
        let site = fixture();
        let root = site.path();
        let file = root.join("content/regions/teststadt.yaml");
        let region = fs::read_to_string(&file).expect("region");
        fs::write(
            &file,
            region.replacen("summary: Eine Teststadt.\n", summary, 1),
        )
        .expect("write region");
        let out = root.join("public");
        let output = build(root, "public", &out);
        let err = stderr(&output, root);
        if fails {
            assert_eq!(output.status.code(), Some(1), "{err}");
            assert!(
                err.contains("opens no internal passage")
                    && err.contains("content/regions/teststadt.yaml:5:3"),
                "{err}"
            );
            assert!(!out.exists(), "nothing written");
        } else {
            assert!(output.status.success(), "{err}");
            let page = fs::read_to_string(out.join("regionen/teststadt/index.html")).expect("page");
            assert!(page.contains("Eine Teststadt.") && !page.contains("Geheimer Satz"));
            assert!(!page.contains(":::"));
        }
    }
}

/// `--out` at a folder no build wrote, or at a file: refused, untouched.
#[test]
fn a_folder_no_build_wrote_is_not_replaced() {
    let site = fixture();
    let root = site.path();
    write(root, &[("thesis/arbeit.txt", "wichtig"), ("afile", "hi")]);
    for (out, message) in [
        ("thesis", "holds files no build of dienstweg wrote"),
        ("afile", "it is a file"),
    ] {
        let output = build(root, "public", &root.join(out));
        let err = stderr(&output, root);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
    }
    assert_eq!(
        fs::read_to_string(root.join("thesis/arbeit.txt")).expect("still there"),
        "wichtig"
    );
    assert_eq!(
        fs::read_to_string(root.join("afile")).expect("still a file"),
        "hi"
    );
    // A build's own folder is replaced as before.
    let out = root.join("www");
    assert!(build(root, "public", &out).status.success());
    assert!(build(root, "public", &out).status.success());
}

/// A template that fails reports itself, and only itself: at the included
/// template where the error is, not at the pages and paper files that
/// include it; without the values the template was given (the internal
/// audience's contacts); and not also as the files its failure left unmade
/// (the internal output's `robots.txt`, made beside the paper files).
#[test]
fn a_failing_included_template_is_the_only_error() {
    let site = fixture();
    let root = site.path();
    let body = shipped_template("paper_body.html");
    let broken = body.replacen(
        "<p>{{ t.regions.paper_intro }}</p>",
        "<p>{{ region.nicht_da.feld }}</p>",
        1,
    );
    assert_ne!(broken, body, "paper_body.html prints the paper's intro");
    let line = broken
        .lines()
        .position(|l| l.contains("nicht_da"))
        .map(|i| i + 1);
    let err = internal_build_fails(root, &[("templates/paper_body.html", &broken)]);
    assert_contains_all(
        &err,
        &[
            "undefined value",
            &format!("--> templates/paper_body.html:{}:", line.unwrap_or(0)),
            "schnittstellenpapier-teststadt.html",
            "1 error(s)",
        ],
    );
    for absent in ["robots.txt", "include", "Katrin Beispiel", "k.beispiel@"] {
        assert!(!err.contains(absent), "{absent}: {err}");
    }
}

/// The messages of an internal build of `root` with `files` written, which
/// must fail and write nothing.
fn internal_build_fails(root: &std::path::Path, files: &[(&str, &str)]) -> String {
    write(root, files);
    let out = root.join("internal");
    let output = build(root, "internal", &out);
    let err = stderr(&output, root);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!out.exists(), "nothing written");
    err
}

/// A page without the internal wall is reported at the template to mend:
/// its own if it does not extend base.html, else base.html.
#[test]
fn a_page_without_the_banner_is_reported_at_its_template() {
    let site = fixture();
    let root = site.path();
    let guide = shipped_template("guide.html");
    let standalone = guide
        .replacen(
            "{% extends \"base.html\" %}\n{% block content %}",
            "<!doctype html>",
            1,
        )
        .replacen("{% endblock %}", "", 1);
    assert_ne!(standalone, guide, "guide.html extends base.html");
    let err = internal_build_fails(root, &[("templates/guide.html", &standalone)]);
    assert_contains_all(
        &err,
        &[
            "lacks the banner",
            "leitfaden/konzept/index.html",
            "--> templates/guide.html\n",
        ],
    );
    assert!(!err.contains("--> templates/base.html"), "{err}");

    let base = shipped_template("base.html");
    let unmarked = base
        .replace("{{ t.internal.banner | css_string }}", "\"\"")
        .replace("{{ t.internal.banner }}", "");
    assert_ne!(unmarked, base, "base.html shows the banner");
    let err = internal_build_fails(
        root,
        &[
            ("templates/guide.html", &guide),
            ("templates/base.html", &unmarked),
        ],
    );
    assert_contains_all(&err, &["lacks the banner", "--> templates/base.html\n"]);
    assert!(!err.contains("--> templates/guide.html"), "{err}");
}
