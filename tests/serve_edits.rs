//! The preview under random edits (tests/common/edits.rs), saved one after
//! another while it serves: after each save it keeps answering, no page or
//! leak report it shows holds a contact value or internal note that the
//! edited region file still holds, and once the files are as before it
//! serves the site again without an error.

mod common;
mod serve_harness;

use common::edits::{apply, edit, secrets, FILES};
use common::*;
use proptest::prelude::*;
use serve_harness::*;
use std::fs;
use std::time::Duration;

/// What a reader of the preview asks for.
const PAGES: &[&str] = &[
    "/",
    "/regionen/teststadt/",
    "/regionen/teststadt/partner/",
    "/regionen/teststadt/schnittstellenpapier/",
    "/glossar/duldung/",
    "/leitfaden/konzept/",
    "/daten/regionen.json",
    "/daten/glossar.json",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_preview_of_an_edited_site_shows_no_secret_and_recovers(
        edits in proptest::collection::vec((0..FILES.len(), edit()), 1..8)
    ) {
        let site = fixture();
        let root = site.path();
        let originals: Vec<String> = FILES
            .iter()
            .map(|file| fs::read_to_string(root.join(file)).expect("fixture file"))
            .collect();
        let server = serve(root, &["--port", "0"]);
        let mut generation = poll_status(&server, -1)["generation"].as_i64().expect("generation");
        for (file, edit) in &edits {
            let path = root.join(FILES[*file]);
            let text = fs::read_to_string(&path).expect("content file");
            let edited = apply(&text, edit);
            if edited == text {
                continue;
            }
            fs::write(&path, edited).expect("save");
            // Parked until the save's rebuild moves the generation on.
            generation = poll_status(&server, generation)["generation"].as_i64().expect("generation");
            let secrets = secrets(root, &[]);
            // The leak reports over the page: they name the kind of secret
            // and where it is kept, never the value (README, serve). Other
            // messages quote what the editor typed, as they read it.
            let status = poll_status(&server, -1);
            let leaks: Vec<String> = status["error"]["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|item| item["message"].as_str().is_some_and(|m| m.starts_with("leak:")))
                .map(|item| item.to_string())
                .collect();
            let status = leaks.join("\n");
            for page in PAGES {
                let reply = server.get(page);
                for secret in &secrets {
                    prop_assert!(!reply.body.contains(secret.as_str()), "{secret} in {page} ({}) after {edits:?}", reply.status);
                    prop_assert!(!status.contains(secret.as_str()), "{secret} in a leak report after {edits:?}: {status}");
                }
            }
        }
        for (file, original) in FILES.iter().zip(&originals) {
            fs::write(root.join(file), original).expect("restore");
        }
        let page = server.get_until("/regionen/teststadt/partner/", Duration::from_secs(20), |reply| {
            reply.status == 200 && poll_status(&server, -1)["error"].is_null()
        });
        prop_assert_eq!(page.status, 200, "{:?} after {:?}", server.lines(), edits);
        prop_assert!(poll_status(&server, -1)["error"].is_null(), "{:?}", server.lines());
    }
}
