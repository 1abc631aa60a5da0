use super::*;
use std::time::Duration;

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
        assert_eq!(entry.load().expect("no entry yet"), None);
        assert!(entry.pending(&bundle).store().is_none());
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
    assert_eq!(names.len(), KEEP, "{names:?}");
    assert!(names.iter().all(|name| name.ends_with(".bundle")));
    let newest = Entry::new(&folder, &[&pages[KEEP + 1]], "de");
    assert_eq!(newest.load().expect("readable"), Some(bundle.to_vec()));
    let oldest = Entry::new(&folder, &[&pages[0]], "de");
    assert_eq!(oldest.load().expect("readable"), None, "dropped");
    let top = root.path().join(crate::cache::DIR);
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
        .store()
        .expect("cannot store below a file");
    assert!(!warning.is_error());
    assert!(
        warning.message.contains("could not keep"),
        "{}",
        warning.message
    );
}
