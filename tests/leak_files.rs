//! The leak scan on files beyond the content's text: templates, binary and
//! static files (images, archives, UTF-16 text), and its throughput.

mod common;

use common::*;
use std::fs;

/// Throughput of the scan on the shipped public output repeated 50 times
/// (about 80 MB). Run with
/// `cargo test --release --test leak_files -- --ignored --nocapture scan_throughput`.
#[test]
#[ignore]
fn scan_throughput() {
    let prepared = dienstweg::prepare(&repo()).expect("shipped site");
    let built = prepared
        .render(dienstweg::view::Audience::Public)
        .expect("public build");
    let needles = dienstweg::check::leaks::Needles::new(&prepared.site, Vec::new());
    let mut files = Vec::new();
    for copy in 0..50 {
        for file in &built.files {
            files.push(dienstweg::output::OutputFile::new(
                format!("{copy}/{}", file.path),
                file.bytes.clone(),
            ));
        }
    }
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = std::time::Instant::now();
        dienstweg::check::leaks::scan(&files, &needles).expect("clean");
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[2];
    println!(
        "scan: {:.1} MB in {:.0} ms (median of 5), {:.0} MB/s, {} text needles, {} phone needles",
        bytes as f64 / 1e6,
        median * 1e3,
        bytes as f64 / 1e6 / median,
        needles.text.len(),
        needles.phones.len()
    );
}

#[test]
fn a_contact_value_written_into_a_template_is_traced_to_the_template() {
    let site = fixture();
    let index = shipped_template("index.html");
    write(
        site.path(),
        &[(
            "templates/index.html",
            &index.replacen(
                "{% block content %}",
                "{% block content %}<p>Fragen: Frau Beispiel</p>",
                1,
            ),
        )],
    );
    let output = build(site.path(), "public", &site.path().join("public"));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output, site.path());
    // A page that leaks is neither written nor indexed: the search bundle
    // does not repeat the leak.
    assert!(
        message.contains("output file `index.html` contains the name `Katrin Beispiel`"),
        "{message}"
    );
    assert!(message.contains("--> templates/index.html:"), "{message}");
}

/// Binary output files (an image, the search's WebAssembly and word index)
/// are scanned too: a contact value between ill-formed bytes is found, with
/// its `ß`, and the bytes join no words.
#[test]
fn contact_values_in_binary_files_are_found() {
    use dienstweg::check::leaks::{scan, Needles};
    use dienstweg::output::OutputFile;
    let site = fixture();
    let prepared = dienstweg::prepare(site.path()).expect("the fixture builds");
    let needles = Needles::new(&prepared.site, Vec::new());
    let image = |text: &[u8]| {
        let bytes = [
            b"\x89PNG\r\n\x1a\n\xff\xfe".as_slice(),
            text,
            b"\xc3\x28\xff",
        ]
        .concat();
        OutputFile::new("bild.png".into(), bytes)
    };
    for leaking in [
        "Katrin Beispiel",
        "Musterstraße 1",
        "k.beispiel@example.org",
    ] {
        let Err(errors) = scan(&[image(leaking.as_bytes())], &needles) else {
            panic!("{leaking} in a binary file passed the scan");
        };
        let message = errors.to_string();
        assert!(message.contains("`bild.png`"), "{leaking}: {message}");
    }
    assert!(scan(&[image(b"Katrin\xffBeispielhaft")], &needles).is_ok());
}

/// A zip (deflated: its text is not in its bytes) with one harmless file.
const ZIP: &[u8] = b"PK\x03\x04\x14\x00\x02\x00\x08\x00\xe7\x82\x7a\x5d\x8c\x2f\xf5\x87\x32\x00\x00\x00\x35\x00\x00\x00\x0d\x00\x00\x00wegweiser.txt\x0b\x4f\x4d\x2f\x4f\xcd\x2c\x4e\x2d\x52\xa8\x2a\x55\x48\x49\xcd\x53\x70\xc9\x4c\xcd\x2b\x2e\x29\x2e\x49\xcd\xc9\x01\xf2\x52\x80\x12\x41\xa9\xe9\x99\xf9\x79\x0a\x21\xa9\x20\xe1\xc4\x94\x12\x3d\x2e\x00PK\x01\x02\x1e\x03\x14\x00\x02\x00\x08\x00\xe7\x82\x7a\x5d\x8c\x2f\xf5\x87\x32\x00\x00\x00\x35\x00\x00\x00\x0d\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\xa4\x81\x00\x00\x00\x00wegweiser.txtPK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x3b\x00\x00\x00\x5d\x00\x00\x00\x00\x00";

/// Files the theme's static folder copies into the output: a zip, whose
/// content the scan cannot read, fails the public build unless
/// `allow_list: files:` names it; a UTF-16 text file is read as text, so the
/// contact's name in it fails the build whatever the allow-list says.
#[test]
fn unreadable_and_utf16_static_files_fail_unless_allowed_or_clean() {
    let site = fixture();
    copy_dir(
        &repo().join("themes/default"),
        &site.path().join("themes/default"),
    );
    let downloads = site.path().join("themes/default/static/downloads");
    fs::create_dir_all(&downloads).expect("mkdir");
    fs::write(downloads.join("wegweiser.zip"), ZIP).expect("write zip");
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Ansprechpartnerin: Katrin Beispiel\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    fs::write(downloads.join("liste.txt"), &utf16).expect("write text");
    let out = site.path().join("public");

    let output = build(site.path(), "public", &out);
    let message = stderr(&output, site.path());
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("leak scan: cannot read inside output file `downloads/wegweiser.zip` (zip archive or office file): it may hold contact data"),
        "{message}"
    );
    assert!(
        message.contains("list it under `allow_list: files:` in content/site.yaml"),
        "{message}"
    );
    assert!(
        message.contains("output file `downloads/liste.txt` contains the name `Katrin Beispiel`"),
        "{message}"
    );
    assert!(!out.exists(), "a failed build writes nothing");
    assert!(leftovers(site.path()).is_empty());

    // Checked by hand: the zip passes; the text file still leaks.
    let allowed = SITE.replace(
        "  phones: [\"0351 000 00 00\"]\n",
        "  phones: [\"0351 000 00 00\"]\n  files: [downloads/wegweiser.zip, downloads/alt.pdf]\n",
    );
    write(site.path(), &[("content/site.yaml", &allowed)]);
    let output = build(site.path(), "public", &out);
    let message = stderr(&output, site.path());
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(!message.contains("wegweiser.zip"), "{message}");
    assert!(message.contains("`downloads/liste.txt`"), "{message}");
    assert!(!out.exists(), "a failed build writes nothing");

    fs::remove_file(downloads.join("liste.txt")).expect("remove");
    let output = build(site.path(), "public", &out);
    let message = stderr(&output, site.path());
    assert!(output.status.success(), "{message}");
    assert_eq!(
        fs::read(out.join("downloads/wegweiser.zip")).expect("the zip is published"),
        ZIP
    );
    // An entry that names no output file is a warning at its line.
    assert!(
        message.contains("warning: `allow_list: files:` names `downloads/alt.pdf`, which is no output file\n  --> content/site.yaml:15:"),
        "{message}"
    );
}
