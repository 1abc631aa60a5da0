//! The needles of the shipped site, fresh and kept by the memo.

use super::*;

/// What a scan searches for, comparable.
fn searched(needles: &Needles) -> Vec<(String, String)> {
    let shown = |list: &[Needle]| -> Vec<(String, String)> {
        list.iter()
            .map(|n| (n.text.clone(), needles.secrets[n.secret].what.clone()))
            .collect()
    };
    let mut all = shown(&needles.text);
    all.extend(shown(&needles.phones));
    all
}

#[test]
fn kept_needles_equal_fresh_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let prepared = crate::prepare(root).expect("the shipped site prepares");
    let mut site = prepared.site;
    let fresh = searched(&Needles::new(&site, Vec::new()));
    let memo = NeedleMemo::default();
    let made = |memo: &NeedleMemo| -> Vec<(String, *const Needles)> {
        let parts = memo.parts.lock().expect("memo");
        let mut made: Vec<_> = parts
            .iter()
            .map(|(slug, kept)| (slug.clone(), Arc::as_ptr(&kept.2)))
            .collect();
        made.sort();
        made
    };
    assert_eq!(
        searched(&Needles::new_with(&site, Default::default(), Some(&memo))),
        fresh
    );
    let first = made(&memo);
    // Kept this time: the same regions.
    assert_eq!(
        searched(&Needles::new_with(&site, Default::default(), Some(&memo))),
        fresh
    );
    assert_eq!(made(&memo), first);
    // A region that is no longer the same one is made anew, one that is
    // gone is forgotten.
    site.regions.truncate(site.regions.len() - 1);
    let mut again = crate::prepare(root).expect("prepares again").site;
    let mut changed = again.regions.swap_remove(0);
    Arc::get_mut(&mut changed)
        .expect("a region of its own")
        .partners
        .truncate(1);
    site.regions[0] = changed;
    let expected = searched(&Needles::new(&site, Vec::new()));
    assert_eq!(
        searched(&Needles::new_with(&site, Default::default(), Some(&memo))),
        expected
    );
    let kept = memo.parts.lock().expect("memo").len();
    assert_eq!(kept, site.regions.len());
}

/// Beyond the terminal a secret is named without its value.
#[test]
fn every_secret_has_a_kind_without_its_value() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let prepared = crate::prepare(root).expect("the shipped site prepares");
    let needles = Needles::new(&prepared.site, Vec::new());
    let mut kinds = std::collections::BTreeSet::new();
    for secret in &needles.secrets {
        let kind_of = secret.kind_of();
        assert!(
            !kind_of.contains('`') || kind_of.contains("of a contact of `"),
            "{kind_of}"
        );
        assert!(!kind_of.contains('„'), "{kind_of}");
        assert!(kind_of.len() < secret.what.len(), "{}", secret.what);
        kinds.insert(kind_of.split(" of a contact").next().map(str::to_string));
    }
    let kinds: Vec<String> = kinds.into_iter().flatten().collect();
    for expected in [
        "the name",
        "the e-mail address",
        "the phone number",
        "the internal passage",
    ] {
        assert!(kinds.iter().any(|k| k == expected), "{kinds:?}");
    }
}
