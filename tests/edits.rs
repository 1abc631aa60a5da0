//! Random edits of a site's content files, as a hurried or careless editor
//! might make them (a line deleted, doubled, moved or re-indented, a value
//! replaced, a character or a Markdown construct typed anywhere, a file cut
//! short): the public build either passes, and then no contact value or
//! internal note of the edited content, and no phone number it does not
//! allow, is in its output; or it fails with exit 1, and each message says
//! where (`--> file:line:col`). It never crashes.

mod common;

use common::edits::{apply, edit, secrets, unlocated_errors, FILES};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

fn build_public(root: &Path) -> std::process::Output {
    common::run(&[
        "build",
        "--no-cache",
        "--no-search",
        "--root",
        &root.display().to_string(),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_edited_site_builds_without_its_secrets_or_fails_with_messages(
        edits in proptest::collection::vec((0..FILES.len(), edit()), 1..4)
    ) {
        let site = common::fixture();
        let root = site.path();
        for (file, edit) in &edits {
            let path = root.join(FILES[*file]);
            let text = fs::read_to_string(&path).expect("fixture file");
            fs::write(&path, apply(&text, edit)).expect("write");
        }
        let output = build_public(root);
        let stderr = common::stderr(&output, root);
        prop_assert!(!stderr.contains("panicked"), "{edits:?}\n{stderr}");
        match output.status.code() {
            Some(0) => {
                // The number of the internal passage in MARKDOWN is on no
                // allow-list: wherever an edit put it, in the output it fails
                // the build.
                let secrets = secrets(root, &["0351 7654321"]);
                for (name, bytes) in common::read_tree(&root.join("public")) {
                    let text = String::from_utf8_lossy(&bytes);
                    for secret in &secrets {
                        prop_assert!(!text.contains(secret.as_str()), "{secret} in {name} after {edits:?}");
                    }
                }
            }
            Some(1) => {
                prop_assert!(stderr.starts_with("error"), "{edits:?}\n{stderr}");
                let unlocated = unlocated_errors(&stderr);
                prop_assert!(unlocated.is_empty(), "{unlocated:?} after {edits:?}\n{stderr}");
            }
            code => prop_assert!(false, "exit {code:?} after {edits:?}\n{stderr}"),
        }
    }
}
