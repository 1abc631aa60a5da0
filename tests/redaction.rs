//! Redaction by type: the whole public view of the shipped content, serialised
//! as templates and data files would see it, holds no contact key and no
//! contact value, no internal note and no internal passage; the internal
//! view adds them.

use dienstweg::check::leaks::phone_key;
use dienstweg::check::leaks::text::{digit_runs, fold};
use dienstweg::markdown::{internal_passages, plain_blocks};
use dienstweg::view::{self, View, ViewLabels};
use std::path::PathBuf;

/// Keys that would carry contact data or internal notes.
const CONTACT_KEYS: &[&str] = &[
    "contacts",
    "contact",
    "phone",
    "phone_link",
    "email",
    "address",
    "room",
    "successor",
    "decision_maker",
    "confirmed",
    "left",
    "notes",
    "notes_internal",
];

fn keys(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let here = format!("{path}.{key}");
                out.push(here.clone());
                keys(inner, &here, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                keys(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_serialised_public_view_holds_no_contact_key_or_value() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let prepared = dienstweg::prepare(&root).expect("shipped site");
    let labels = ViewLabels {
        internal_passage: "Intern".into(),
        table: "Tabelle".into(),
    };
    let public = view::public(&prepared.site, &labels).expect("public view");
    assert!(public.internal().is_none());
    let value = serde_json::to_value(public.site()).expect("the public view serialises");
    let json = serde_json::to_string(&value).expect("json");

    let mut all_keys = Vec::new();
    keys(&value, "", &mut all_keys);
    let offending: Vec<&String> = all_keys
        .iter()
        .filter(|path| !path.starts_with(".config.publisher."))
        .filter(|path| {
            let last = path.rsplit('.').next().unwrap_or("");
            CONTACT_KEYS.contains(&last)
        })
        .collect();
    assert!(
        offending.is_empty(),
        "contact keys in the public view: {offending:?}"
    );

    let folded = fold(&json);
    let runs = digit_runs(&json);
    let mut values = 0;
    for region in &prepared.site.regions {
        let notes = region.notes_internal.iter().chain(
            region
                .partners
                .iter()
                .filter_map(|p| p.notes_internal.as_ref()),
        );
        for note in notes {
            assert!(
                !folded.contains(&fold(&note.0)),
                "internal note: {}",
                note.0
            );
        }
        for contact in region.partners.iter().flat_map(|p| &p.contacts) {
            for (kind, value) in contact.secret_values() {
                values += 1;
                if kind == "phone" {
                    assert!(!runs.contains(&phone_key(value)), "phone {value}");
                } else {
                    assert!(!folded.contains(&fold(value)), "{kind} {value}");
                }
            }
        }
    }
    assert!(values > 100, "only {values} contact values checked");
    let mut passages = 0;
    for markdown in prepared.site.markdowns() {
        for passage in internal_passages(markdown) {
            for block in plain_blocks(&passage) {
                passages += 1;
                assert!(!folded.contains(&fold(&block)), "internal passage: {block}");
            }
        }
    }
    assert!(passages > 0, "the shipped content has an internal passage");

    // The internal view is where they are.
    let internal = view::internal(&prepared.site, &labels).expect("internal view");
    let extras = serde_json::to_string(&internal.internal()).expect("extras serialise");
    let first = prepared.site.regions[0].partners[0].contacts[0]
        .name
        .clone();
    assert!(extras.contains(&first));
    let internal_site = fold(&serde_json::to_string(internal.site()).expect("json"));
    assert!(internal_site.contains("kontaktliste nur als verschlusselte datei"));
}
