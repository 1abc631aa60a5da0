//! Integration tests of `dienstweg serve`: the binary runs on a fixture site
//! in a temporary directory on a port the system picks (`--port 0`; the start
//! line names it), spoken to with plain `TcpStream`s (tests/serve_harness).
//! Every wait is bounded and the server is killed when a test ends, also when
//! it fails.

mod common;
mod serve_harness;

use common::*;
use serve_harness::*;
use std::net::SocketAddr;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

#[test]
fn serves_the_build_and_nothing_else_over_http() {
    let site = fixture();
    let server = serve(site.path(), &["--port", "0"]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains(
        "<script src=\"/__dienstweg/live.js\" data-build=\"1\" defer></script>\n</body>"
    ));
    let page = server.get("/leitfaden/konzept/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Das Konzept"));
    assert_eq!(
        server.get("/leitfaden/konzept/index.html").body,
        page.body,
        "a directory serves its index.html"
    );
    let redirect = server.get("/leitfaden/konzept");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("Location").as_deref(),
        Some("/leitfaden/konzept/")
    );
    let css = server.get("/css/site.css");
    assert_eq!(
        (css.status, css.header("Content-Type").as_deref()),
        (200, Some("text/css; charset=utf-8"))
    );
    assert!(!css.body.contains("live.js"), "only HTML gets the client");
    let script = server.get("/__dienstweg/live.js");
    assert_eq!(
        script.header("Content-Type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("role"));

    let missing = server.get("/gibt/es/nicht/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<base href=\"/\">"));
    assert!(missing.body.contains("live.js"));

    let head = request(server.address, "HEAD", "/", "127.0.0.1");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(home.body.len().to_string())
    );
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let reply = request(server.address, method, "/", "127.0.0.1");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow").as_deref(), Some("GET, HEAD"));
    }
    let rebinding = request(server.address, "GET", "/", "evil.example:1111");
    assert_eq!(
        rebinding.status, 403,
        "a foreign Host is refused on loopback"
    );
}

#[test]
fn edits_reload_errors_overlay_and_fixes_clear_it() {
    let site = fixture();
    let mut server = serve(site.path(), &["--port", "0"]);
    let status = poll_status(&server, -1);
    assert_eq!(
        (status["build"].as_u64(), status["error"].is_null()),
        (Some(1), true)
    );
    let generation = status["generation"].as_i64().expect("a generation");

    // A parked poll is answered when the edit is rebuilt: that is the reload.
    let address = server.address;
    let parked = std::thread::spawn(move || {
        let reply = request(
            address,
            "GET",
            &format!("/__dienstweg/poll?generation={generation}"),
            "localhost",
        );
        serde_json::from_str::<serde_json::Value>(&reply.body).expect("JSON")
    });
    std::thread::sleep(Duration::from_millis(100));
    let saved = Instant::now();
    let guide = site.path().join("content/guide/konzept.md");
    let text = GUIDE.replace("Einleitung mit", "Frisch bearbeitete Einleitung mit");
    std::fs::write(&guide, text).expect("edit the guide");
    let page = server.get_until("/leitfaden/konzept/", Duration::from_secs(2), |r| {
        r.body.contains("Frisch bearbeitete Einleitung")
    });
    assert!(
        page.body.contains("Frisch bearbeitete Einleitung"),
        "edit not served within 2 s: {:#?}",
        server.lines()
    );
    let answered = parked.join().expect("the parked poll returns");
    assert!(saved.elapsed() < Duration::from_secs(3));
    assert_eq!(answered["build"].as_u64(), Some(2));
    server.wait_for_line("rebuilt in ", Duration::from_secs(5));
    assert!(server
        .lines()
        .iter()
        .any(|l| l.contains("after content/guide/konzept.md changed")));

    // A typo in a key: the last good build stays, the poll carries the overlay.
    let region = site.path().join("content/regions/teststadt.yaml");
    std::fs::write(&region, REGION.replace("email:", "emial:")).expect("break the region");
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut status = poll_status(&server, -1);
    while status["error"].is_null() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        status = poll_status(&server, -1);
    }
    let error = &status["error"];
    assert_eq!(status["build"].as_u64(), Some(2), "{status}");
    let item = &error["items"][0];
    assert!(
        item["location"]
            .as_str()
            .is_some_and(|l| l.starts_with("content/regions/teststadt.yaml:")),
        "{error}"
    );
    assert!(item["message"]
        .as_str()
        .is_some_and(|m| m.contains("emial")));
    assert!(item["hint"].as_str().is_some_and(|h| h.contains("email")));
    assert!(error["title"].is_string() && error["summary"].is_string());
    let still = server.get("/leitfaden/konzept/");
    assert_eq!(still.status, 200);
    assert!(still.body.contains("Frisch bearbeitete Einleitung"));
    server.wait_for_line("rebuild failed in ", Duration::from_secs(5));
    assert!(server.lines().iter().any(|l| l.contains("unknown field")));

    // The fix clears the overlay and serves a new build.
    let failed_generation = status["generation"].as_i64().expect("generation");
    std::fs::write(&region, REGION).expect("fix the region");
    let reply = request(
        server.address,
        "GET",
        &format!("/__dienstweg/poll?generation={failed_generation}"),
        "localhost",
    );
    let fixed: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    assert!(fixed["error"].is_null(), "{fixed}");
    assert_eq!(fixed["build"].as_u64(), Some(3));
}

#[test]
fn a_template_error_found_by_the_full_check_brings_back_the_last_good_build() {
    let site = fixture();
    std::fs::create_dir_all(site.path().join("templates")).expect("templates/");
    let mut server = serve(site.path(), &["--port", "0"]);
    assert_eq!(poll_status(&server, -1)["build"].as_u64(), Some(1));

    // Only the glossary term pages use this template: the guide page is
    // served from the new build at once, the check of all pages fails on it.
    let term_template = site.path().join("templates/term.html");
    std::fs::write(
        &term_template,
        "{% extends \"base.html\" %}{% block content %}{{ gibt_es_nicht.feld }}{% endblock %}",
    )
    .expect("break the term template");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut status = poll_status(&server, -1);
    while status["error"].is_null() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        status = poll_status(&server, -1);
    }
    assert_eq!(status["build"].as_u64(), Some(1), "{status}");
    let item = &status["error"]["items"][0];
    assert!(
        item["location"]
            .as_str()
            .is_some_and(|l| l.starts_with("templates/term.html")),
        "{status}"
    );
    assert!(
        item["message"]
            .as_str()
            .is_some_and(|m| m.contains("template error") && m.contains("glossar/")),
        "{status}"
    );
    server.wait_for_line("rebuild failed in ", Duration::from_secs(5));
    assert_eq!(server.get("/glossar/duldung/").status, 200);

    // Removing the broken template serves a good build again.
    let failed = status["generation"].as_i64().expect("generation");
    std::fs::remove_file(&term_template).expect("remove the template");
    let reply = request(
        server.address,
        "GET",
        &format!("/__dienstweg/poll?generation={failed}"),
        "localhost",
    );
    let fixed: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    assert!(fixed["error"].is_null(), "{fixed}");
    assert_eq!(fixed["build"].as_u64(), Some(2));
    let term = server.get_until("/glossar/duldung/", Duration::from_secs(5), |r| {
        r.status == 200 && r.body.contains("Duldung")
    });
    assert!(term.body.contains("Duldung"));
}

#[test]
fn a_site_that_never_built_shows_the_errors_until_it_does() {
    let site = fixture();
    let region = site.path().join("content/regions/teststadt.yaml");
    std::fs::write(&region, REGION.replace("email:", "emial:")).expect("break");
    let mut server = serve(site.path(), &["--port", "0"]);
    assert!(server
        .wait_for_line("serving the ", Duration::from_secs(1))
        .contains("first build failed"));
    let placeholder = server.get("/leitfaden/");
    assert_eq!(placeholder.status, 503);
    assert!(placeholder.body.contains("data-build=\"0\""));
    assert!(!poll_status(&server, -1)["error"].is_null());
    std::fs::write(&region, REGION).expect("fix");
    let page = server.get_until("/leitfaden/", Duration::from_secs(5), |r| r.status == 200);
    assert_eq!(page.status, 200, "{:#?}", server.lines());
}

#[test]
fn traversal_urls_are_all_refused() {
    let site = fixture();
    write(site.path(), &[("geheim.txt", "STRENG GEHEIM")]);
    let server = serve(site.path(), &["--port", "0"]);
    let targets = [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/leitfaden/../../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/geheim.txt",
        "/%2e%2e%2fgeheim.txt",
        "/..%2F..%2Fetc%2Fpasswd",
        "/leitfaden%2f..%2f..%2fgeheim.txt",
        "/..%5cgeheim.txt",
        "/..\\geheim.txt",
        "/%5c..%5c..%5cwindows%5cwin.ini",
        "/%252e%252e/geheim.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/geheim.txt",
        "/content/site.yaml",
        "/C:/Windows/win.ini",
        "/C:%5CWindows%5Cwin.ini",
        "C:\\Windows\\win.ini",
        "/index.html%00",
        "/%00../geheim.txt",
        "/./index.html",
        "/%",
        "/%zz",
        "http://127.0.0.1/../geheim.txt",
    ];
    for target in targets {
        let reply = server.get(target);
        assert!(
            reply.status == 403 || reply.status == 404,
            "{target} answered {}",
            reply.status
        );
        assert!(!reply.body.contains("STRENG GEHEIM"), "{target}");
        assert!(!reply.body.contains("root:"), "{target}");
        assert!(
            !reply.body.contains("allow_list"),
            "{target}: {}",
            reply.body
        );
    }
    // A raw NUL byte in the request line.
    let reply = raw_request(
        server.address,
        b"GET /index.html\0/../geheim.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(reply.status, 403);
}

#[test]
fn two_hundred_concurrent_requests_are_all_answered() {
    let site = fixture();
    let server = serve(site.path(), &["--port", "0"]);
    let address = server.address;
    let pages = [
        "/",
        "/leitfaden/konzept/",
        "/glossar/duldung/",
        "/css/site.css",
    ];
    let barrier = Arc::new(Barrier::new(200));
    let clients: Vec<_> = (0..200)
        .map(|n| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                request(address, "GET", pages[n % pages.len()], "127.0.0.1").status
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .map(|c| c.join().expect("client thread"))
        .collect();
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
}

#[test]
fn internal_audience_is_only_served_on_loopback() {
    let site = fixture();
    let (mut child, output) = spawn(
        site.path(),
        &["--audience", "internal", "--bind", "0.0.0.0", "--port", "0"],
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not refuse");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(2));
    std::thread::sleep(Duration::from_millis(50));
    let text = output.lock().expect("output").join("\n");
    assert!(
        text.contains("refusing to serve the internal site on `0.0.0.0`"),
        "{text}"
    );

    let internal = serve(site.path(), &["--audience", "internal", "--port", "0"]);
    let paper = internal.get("/regionen/teststadt/schnittstellenpapier/");
    assert_eq!(paper.status, 200);
    assert!(
        paper.body.contains("k.beispiel@example.org"),
        "{}",
        paper.body
    );
}

#[test]
fn public_audience_warns_beyond_loopback() {
    let site = fixture();
    let mut server = serve(site.path(), &["--bind", "0.0.0.0", "--port", "0"]);
    server.wait_for_line("warning: serving beyond loopback", Duration::from_secs(5));
    let port = server.address.port();
    let reply = request(
        SocketAddr::from(([127, 0, 0, 1], port)),
        "GET",
        "/",
        "192.0.2.1",
    );
    assert_eq!(reply.status, 200, "no Host check beyond loopback");
}
