//! The public preview never shows a secret: not in a static file while the
//! check of a new build runs, not in the error it shows for a page that
//! fails its leak scan, not in the overlay's report.

mod common;
mod serve_harness;

use common::*;
use serve_harness::*;
use std::time::{Duration, Instant};

/// Poll until the status carries an error (or `limit` passes).
fn error_status(server: &Server, limit: Duration) -> serde_json::Value {
    let deadline = Instant::now() + limit;
    let mut status = poll_status(server, -1);
    while status["error"].is_null() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        status = poll_status(server, -1);
    }
    status
}

/// The fixture site with its own copy of the theme, served in public and
/// built once.
fn preview() -> (tempfile::TempDir, Server) {
    let site = fixture();
    copy_dir(&repo().join("themes"), &site.path().join("themes"));
    let server = serve(site.path(), &["--port", "0"]);
    assert_eq!(poll_status(&server, -1)["build"].as_u64(), Some(1));
    (site, server)
}

#[test]
fn the_public_preview_serves_no_secret_in_files_or_errors() {
    let (site, mut server) = preview();

    // A static file with a contact's data: never served, from the save on.
    let planted = site.path().join("themes/default/static/kontakt.txt");
    std::fs::write(&planted, "Katrin Beispiel, Tel. 030 23125 101\n").expect("plant");
    let deadline = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < deadline {
        let reply = server.get("/kontakt.txt");
        assert!(
            !reply.body.contains("Katrin Beispiel"),
            "served: {} {}",
            reply.status,
            reply.body
        );
    }
    let status = error_status(&server, Duration::from_secs(5));
    let report = status["error"].to_string();
    assert!(
        report.contains("leak: output file `kontakt.txt`"),
        "{report}"
    );
    assert!(
        !report.contains("Katrin Beispiel") && !report.contains("23125"),
        "the overlay names the secret: {report}"
    );
    server.wait_for_line("rebuild failed in ", Duration::from_secs(5));
    assert!(
        server
            .lines()
            .iter()
            .any(|l| l.contains("`Katrin Beispiel`")),
        "the terminal names it: {:#?}",
        server.lines()
    );
    std::fs::remove_file(&planted).expect("remove");

    // Another spelling of the name in a page: the page that fails its check
    // is an HTML error page that reloads, with status 500, naming the kind
    // of secret and where it is kept, not its value.
    let guide = site.path().join("content/guide/konzept.md");
    std::fs::write(
        &guide,
        GUIDE.replace("\nText.\n", "\nFragen an Frau Beispiel.\n"),
    )
    .expect("edit the guide");
    let page = failing_page(
        &server,
        "/leitfaden/konzept/",
        "the name of a contact of `Agentur für Arbeit Teststadt`",
        "Katrin",
    );
    assert_eq!(
        page.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("/__dienstweg/live.js"), "{}", page.body);
    assert!(
        page.body.contains("content/guide/konzept.md:10"),
        "{}",
        page.body
    );
    std::fs::write(&guide, GUIDE).expect("restore the guide");

    // A contact's address as a target group's symbol, which the matrix
    // shows before the group's name: named by its kind only, beyond the
    // terminal. So is an unknown address that holds the contact's
    // (`…@example.orgde`).
    let groups = site.path().join("content/catalog/target-groups.yaml");
    for (symbol, named) in [
        (
            "k.beispiel@example.org",
            "the e-mail address of a contact of `Agentur für Arbeit Teststadt`",
        ),
        (
            "k.beispiel@example.orgde",
            "an e-mail address that is not on the allow-list",
        ),
    ] {
        std::fs::write(
            &groups,
            GROUPS.replace("symbol: A", &format!("symbol: {symbol}")),
        )
        .expect("edit the groups");
        // The page of this save, not of the one before.
        server.get_until("/regionen/teststadt/matrix/", Duration::from_secs(5), |r| {
            r.status == 500 && r.body.contains(named)
        });
        failing_page(&server, "/regionen/teststadt/matrix/", named, "k.beispiel");
    }
}

/// The page at `path` once it fails (status 500): it names the leak as
/// `named`, and neither it nor the overlay's report holds `secret`.
fn failing_page(server: &Server, path: &str, named: &str, secret: &str) -> Reply {
    let page = server.get_until(path, Duration::from_secs(5), |r| r.status == 500);
    assert_eq!(page.status, 500, "{}", page.body);
    assert!(page.body.contains(named), "{}", page.body);
    assert!(!page.body.contains(secret), "{}", page.body);
    let status = error_status(server, Duration::from_secs(5));
    assert!(!status["error"].to_string().contains(secret), "{status}");
    page
}

#[test]
fn an_error_on_a_contacts_line_shows_its_values_in_the_terminal_only() {
    let (site, mut server) = preview();

    // A wrong type on a contact's line: serde quotes the value.
    let region = site.path().join("content/regions/teststadt.yaml");
    let save = |edited: String| std::fs::write(&region, edited).expect("edit the region");
    save(REGION.replace("decision_maker: true", "decision_maker: Frau Beispiel"));
    let report = error_status(&server, Duration::from_secs(5))["error"].to_string();
    assert_withheld(
        &report,
        &[
            "decision_maker: invalid type: string \\\"…\\\"",
            "teststadt.yaml:23:25",
        ],
    );

    // A malformed address, and beside it an error on a public line, whose
    // quoted value stays.
    save(
        REGION
            .replace("k.beispiel@example.org", "k.beispiel(at)example.org")
            .replace("proposed_by: aa-test", "proposed_by: aa-tset"),
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut report = String::new();
    while !report.contains("aa-tset") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        report = poll_status(&server, -1)["error"].to_string();
    }
    assert_withheld(
        &report,
        &[
            "`…` is not an e-mail address",
            "teststadt.yaml:20",
            "`aa-tset`",
        ],
    );
    server.wait_for_line("rebuild failed in ", Duration::from_secs(5));
    let terminal = server.lines().join("\n");
    assert!(
        terminal.contains("`k.beispiel(at)example.org` is not an e-mail address"),
        "{terminal}"
    );
}

/// The overlay's `report` says each of `kept`, names no contact and says
/// where its values are.
fn assert_withheld(report: &str, kept: &[&str]) {
    for kept in kept.iter().chain(&["shown in the terminal only"]) {
        assert!(report.contains(kept), "{kept}: {report}");
    }
    assert!(
        !report.contains("k.beispiel") && !report.contains("Beispiel"),
        "the overlay quotes a contact: {report}"
    );
}
