use super::*;

fn page(path: &str, body: &str) -> OutputFile {
    OutputFile::new(path.into(), body.as_bytes().to_vec())
}

#[test]
fn a_file_that_fails_its_check_is_never_written() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("internal");
    let staging = Staging::new(&out).expect("staging");
    let check = Check::Internal(check::internal::Wall {
        banner: "Vertraulich".into(),
        build_date: "25.11.2025".into(),
    });
    let emitter = Emitter::new(check, Sink::Staging(&staging), false);
    let good = format!("{}Vertraulich 25.11.2025", check::internal::ROBOTS_META);
    emitter.emit(page("a/index.html", &good));
    emitter.emit(page("b/index.html", "<p>ohne Banner</p>"));
    emitter.emit(page("robots.txt", "User-agent: *\nDisallow: /\n"));
    assert!(staging.dir().join("a/index.html").is_file());
    assert!(!staging.dir().join("b/index.html").exists());
    assert!(emitter.kept().is_empty(), "written files are not kept");
    let errors = emitter.finish().expect_err("b fails");
    assert!(
        errors
            .to_string()
            .contains("lacks the banner „Vertraulich“ (in `b/index.html`)"),
        "{errors}"
    );
    let dir = staging.dir().to_path_buf();
    drop(staging);
    assert!(!dir.exists(), "an uncommitted staging folder is removed");
    assert!(!out.exists());
}

#[test]
fn memory_keeps_every_file_sorted_and_finds_duplicates_and_escapes() {
    let check = Check::Internal(check::internal::Wall {
        banner: "V".into(),
        build_date: "1".into(),
    });
    let emitter = Emitter::new(check, Sink::Memory, false);
    let robots = "User-agent: *\nDisallow: /\n";
    emitter.emit(page("robots.txt", robots));
    emitter.emit(page("css/site.css", "body{}"));
    let emitted = emitter.finish().expect("passes");
    let paths: Vec<&str> = emitted.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["css/site.css", "robots.txt"]);
    assert_eq!((emitted.count, emitted.pages), (2, 0));

    let check = Check::Internal(check::internal::Wall {
        banner: "V".into(),
        build_date: "1".into(),
    });
    let emitter = Emitter::new(check, Sink::Memory, false);
    emitter.emit(page("robots.txt", robots));
    emitter.emit(page("robots.txt", robots));
    let errors = emitter.finish().expect_err("two files on one path");
    assert!(errors
        .to_string()
        .contains("two pages would be written to `robots.txt`"));
}
