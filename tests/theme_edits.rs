//! Random edits of a site's theme (its templates and interface strings), as
//! a hurried editor of the layout might make them: a public or internal
//! build either passes, the public one without the contact values and
//! internal notes of the content, or fails with exit 1, and each message
//! says where (`--> file`, with line and column where one is known). It
//! never crashes. (`tests/edits.rs` edits the content the same way.)

mod common;

use common::edits::{apply, edit, secrets, unlocated_errors};
use proptest::prelude::*;
use std::fs;

/// The theme files an edit may touch: the layout every page extends, the
/// pages that show contacts in the internal build, the paper file's
/// templates, a macro file and the interface strings.
const THEME_FILES: &[&str] = &[
    "themes/default/templates/base.html",
    "themes/default/templates/region_partners.html",
    "themes/default/templates/region_matrix.html",
    "themes/default/templates/paper_body.html",
    "themes/default/templates/paper_standalone.html",
    "themes/default/templates/macros.html",
    "themes/default/templates/guide.html",
    "themes/default/i18n/de.yaml",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(96), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_edited_theme_builds_without_secrets_or_fails_with_located_messages(
        edits in proptest::collection::vec((0..THEME_FILES.len(), edit()), 1..4),
        internal in any::<bool>(),
    ) {
        let site = common::fixture();
        let root = site.path();
        common::copy_dir(&common::repo().join("themes"), &root.join("themes"));
        for (file, edit) in &edits {
            let path = root.join(THEME_FILES[*file]);
            let text = fs::read_to_string(&path).expect("theme file");
            fs::write(&path, apply(&text, edit)).expect("write");
        }
        let audience = if internal { "internal" } else { "public" };
        let out = root.join(audience);
        let output = common::run(&[
            "build",
            "--no-cache",
            "--no-search",
            "--audience",
            audience,
            "--root",
            &root.display().to_string(),
        ]);
        let stderr = common::stderr(&output, root);
        prop_assert!(!stderr.contains("panicked"), "{edits:?}\n{stderr}");
        match output.status.code() {
            Some(0) if !internal => {
                let secrets = secrets(root, &["0351 7654321"]);
                for (name, bytes) in common::read_tree(&out) {
                    let text = String::from_utf8_lossy(&bytes);
                    for secret in &secrets {
                        prop_assert!(!text.contains(secret.as_str()), "{secret} in {name} after {edits:?}");
                    }
                }
            }
            Some(0) => {}
            Some(1) => {
                prop_assert!(stderr.starts_with("error"), "{edits:?}\n{stderr}");
                let unlocated = unlocated_errors(&stderr);
                prop_assert!(unlocated.is_empty(), "{unlocated:?} after {edits:?}\n{stderr}");
                prop_assert!(!out.exists(), "{audience} written after {edits:?}");
            }
            code => prop_assert!(false, "exit {code:?} after {edits:?}\n{stderr}"),
        }
    }
}
