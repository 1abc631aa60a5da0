use super::*;

fn file(path: &str, bytes: &[u8]) -> OutputFile {
    OutputFile::new(path.into(), bytes.to_vec())
}

#[test]
fn entries_read_back_what_was_written_and_nothing_damaged() {
    let files = vec![
        file("pagefind/pagefind.js", b"js"),
        file("pagefind/fragment/de_1.pf_fragment", &[0, 1, 2, 255]),
    ];
    let encoded = encode(&files);
    assert_eq!(decode(&encoded), Some(files));
    for cut in [0, 1, MAGIC.len(), encoded.len() - 33, encoded.len() - 1] {
        assert_eq!(decode(&encoded[..cut]), None, "cut at {cut}");
    }
    let mut flipped = encoded.clone();
    flipped[MAGIC.len() + 20] ^= 1;
    assert_eq!(decode(&flipped), None);
    let outside = encode(&[file("index.html", b"<p>")]);
    assert_eq!(decode(&outside), None, "only bundle files");
}

#[test]
fn the_key_covers_paths_bytes_order_and_language() {
    let (a, b) = (file("a/index.html", b"eins"), file("b/index.html", b"zwei"));
    let base = key(&[&a, &b], "de");
    assert_eq!(base.len(), 64);
    assert_eq!(base, key(&[&a, &b], "de"));
    assert_ne!(base, key(&[&b, &a], "de"));
    assert_ne!(base, key(&[&a, &b], "en"));
    assert_ne!(base, key(&[&a], "de"));
    assert_ne!(base, key(&[&a, &file("b/index.html", b"zwei!")], "de"));
    assert_ne!(base, key(&[&a, &file("c/index.html", b"zwei")], "de"));
}

#[test]
fn stores_atomically_and_keeps_the_newest_few() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = folder(root.path());
    let bundle = [file("pagefind/pagefind.js", b"js")];
    let pages: Vec<OutputFile> = (0..KEEP + 2)
        .map(|i| file("index.html", format!("Seite {i}").as_bytes()))
        .collect();
    for page in &pages {
        let entry = Entry::new(&folder, &[page], "de");
        assert!(entry.load().expect("no entry yet").is_none());
        assert!(entry.pending(&bundle).store([7; 32]).is_none());
        std::thread::sleep(Duration::from_millis(20));
    }
    let names: Vec<String> = fs::read_dir(&folder)
        .expect("cache folder")
        .map(|item| {
            item.expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names.len(), 2 * KEEP, "{names:?}");
    assert_eq!(
        names
            .iter()
            .filter(|name| name.ends_with(".bundle"))
            .count(),
        KEEP,
        "each bundle beside its scan: {names:?}"
    );
    let newest = Entry::new(&folder, &[&pages[KEEP + 1]], "de");
    let hit = newest.load().expect("readable").expect("kept");
    assert_eq!((hit.files, hit.scanned), (bundle.to_vec(), Some([7; 32])));
    let oldest = Entry::new(&folder, &[&pages[0]], "de");
    assert!(oldest.load().expect("readable").is_none(), "dropped");
    let top = root.path().join(DIR);
    assert!(top.join("CACHEDIR.TAG").is_file());
    assert_eq!(
        fs::read_to_string(top.join(".gitignore")).expect("gitignore"),
        "# dienstweg's build cache; safe to delete.\n*\n"
    );
}

#[test]
fn a_damaged_entry_is_a_warning_and_a_store_failure_too() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = folder(root.path());
    let page = file("index.html", b"<p>Duldung</p>");
    let entry = Entry::new(&folder, &[&page], "de");
    fs::create_dir_all(&folder).expect("folder");
    fs::write(&entry.path, b"dienstweg search bundle\nnonsense").expect("write");
    let warning = entry.load().expect_err("damaged");
    assert!(!warning.is_error());
    assert!(warning.message.contains("damaged"), "{}", warning.message);

    let blocked = root.path().join("blocked");
    fs::write(&blocked, b"a file, not a folder").expect("write");
    let entry = Entry::new(&blocked.join("search"), &[&page], "de");
    let warning = entry
        .pending(&[file("pagefind/pagefind.js", b"js")])
        .store([0; 32])
        .expect("cannot store below a file");
    assert!(!warning.is_error());
    assert!(
        warning.message.contains("could not keep"),
        "{}",
        warning.message
    );
}

#[test]
fn a_hit_records_the_leak_scan_it_passed_without_rewriting_the_bundle() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = folder(root.path());
    let page = file("index.html", b"<p>Duldung</p>");
    let bundle = [file("pagefind/pagefind.js", b"js")];
    let entry = || Entry::new(&folder, &[&page], "de");
    assert!(entry().pending(&bundle).store([1; 32]).is_none());
    let entry = entry();
    let scanned = |entry: &Entry| entry.load().expect("readable").expect("hit").scanned;
    assert_eq!(scanned(&entry), Some([1; 32]));
    fs::write(entry.path.with_extension("scanned"), b"short").expect("write");
    assert_eq!(scanned(&entry), None, "a damaged record is none");
    // A scan of other needles that passed replaces the record, not the bundle.
    let written = || {
        fs::metadata(&entry.path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let before = written();
    assert!(Entry::new(&folder, &[&page], "de")
        .passed()
        .store([2; 32])
        .is_none());
    assert_eq!(written(), before);
    let hit = entry.load().expect("readable").expect("hit");
    assert_eq!((hit.files, hit.scanned), (bundle.to_vec(), Some([2; 32])));
}
