use super::*;
use glue::Case;
use proptest::prelude::*;

#[test]
fn latin1_lower_case_is_unicodes() {
    for c in ('\u{80}'..='\u{ff}').chain(['\u{100}', 'İ']) {
        let expected: Vec<char> = c.to_lowercase().collect();
        if let Some(lower) = latin1_lower(c) {
            assert_eq!(vec![lower], expected, "{c:?}");
        }
    }
}

/// Character by character: never eight bytes at once.
fn fold_slowly(text: &str) -> Vec<u8> {
    let mut folder = Folder::with_buffer(Vec::new());
    for c in text.chars() {
        folder.push(c.encode_utf8(&mut [0; 4]));
    }
    folder.finish()
}

#[test]
fn a_folder_reused_folds_as_a_fresh_one() {
    let mut folder = Folder::default();
    folder.push("Eine lange Zeile, die obfuskiert ist: k (at) x (dot) org\nund mehr");
    assert_eq!(
        folder.folded(),
        b"eine lange zeile die obfuskiert ist: k@x.org und mehr"
    );
    folder.reset();
    folder.push("Kurz\n");
    assert_eq!(folder.folded(), b"kurz");
    folder.reset();
    assert_eq!(folder.folded(), b"");
}

#[test]
fn a_long_text_folds_piece_by_piece_as_one_by_one() {
    // Pieces of 64 KiB, cut inside characters that grow when folded.
    for text in ["Ⱥ".repeat(PIECE), "ȺȺȺ Wort,  Ä… x".repeat(PIECE / 5)] {
        let mut folder = Folder::default();
        folder.push(&text);
        assert_eq!(folder.finish(), fold_slowly(&text));
    }
}

proptest! {
    #[test]
    fn eight_at_once_folds_as_one_by_one(
        text in "([a-zA-Z0-9 ]{0,12}|[ \t\n,;\"'`]{1,3}|[.@/:<>\u{1}\u{7f}-]{1,3}|[äÖßéİȺ…„“–\u{a0}\u{ad}\u{301}]|\\(at\\)|\\[dot\\]){0,40}",
        cut in 0usize..200,
    ) {
        let mut folder = Folder::with_buffer(Vec::new());
        let cut = (0..=cut.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
        folder.push(&text[..cut]);
        folder.push(&text[cut..]);
        prop_assert_eq!(folder.finish(), fold_slowly(&text));
    }
}

/// Where glued words start in the fold of `text`.
fn glued(text: &str) -> Vec<u32> {
    let mut folder = Folder::default();
    folder.push(text);
    folder.folded_and_glued().1.to_vec()
}

#[test]
fn words_glued_in_plain_text_are_marked_where_they_start() {
    assert_eq!(glued("AbschnittKatrin Beispiel"), [9]);
    assert_eq!(glued("Teil 2Katrin"), [6]);
    assert_eq!(glued("BAMFKatrin"), [4]);
    assert_eq!(glued("Abschnitt\u{ad}Katrin"), [9]);
    assert_eq!(glued("Abschnitt„Katrin“"), [9]);
    assert_eq!(glued("GrößeÖzlem"), [6]);
    assert_eq!(glued("ＡｂｃＤｅｆ"), [3]);
    // Eight bytes at a time as one by one.
    assert_eq!(glued("Ein ganz langer SatzKatrin"), [20]);
    assert_eq!(glued("AufenthGKatrin"), [7, 8]);
    for plain in ["Katrin Beispiel", "abschnittkatrin", "BAMF", "Ab-Cd", "A B"] {
        assert_eq!(glued(plain), [0u32; 0], "{plain}");
    }
}

#[test]
fn the_case_of_latin1_is_unicodes() {
    for c in '\u{0}'..='\u{ff}' {
        assert_eq!(Case::of(c), Case::of_unicode(c), "{c:?}");
    }
}

#[test]
fn the_characters_dropped_are_those_the_fold_drops() {
    for c in ('\u{0}'..='\u{3000}').chain(['\u{feff}', '\u{ff02}', '\u{ff07}', '\u{ff40}', 'Ａ']) {
        let folded = fold(&format!("a{c}a"));
        assert_eq!(
            glue::dropped(c),
            folded == "aa",
            "{c:?} folds to {folded:?}"
        );
    }
}

#[test]
fn marks_move_when_obfuscation_is_undone() {
    let mut folder = Folder::default();
    folder.push("k (at) x (dot) org LangeNamen (at) BeispielKatrin");
    let (text, glued) = folder.folded_and_glued();
    let text = std::str::from_utf8(text).expect("UTF-8");
    assert_eq!(text, "k@x.org langenamen@beispielkatrin");
    let words: Vec<&str> = glued.iter().map(|&at| &text[at as usize..]).collect();
    assert_eq!(words, ["namen@beispielkatrin", "katrin"]);
}

/// The marks as the module says, character by character: a capital after
/// a small letter or digit, the last of several capitals before a small
/// letter; characters the fold drops in between are passed over. A place
/// in the folded text is the length of the folded text before it.
fn glued_slowly(text: &str) -> Vec<u32> {
    let mut marks = Vec::new();
    let mut last: Option<(usize, char)> = None;
    let mut before_last: Option<char> = None;
    let at = |i: usize| fold(&text[..i]).len() as u32;
    for (i, c) in text.char_indices() {
        if fold(&format!("a{c}a")) == "aa" {
            continue;
        }
        if let Some((last_i, l)) = last {
            if c.is_uppercase() && (l.is_lowercase() || l.is_ascii_digit()) {
                marks.push(at(i));
            }
            if c.is_lowercase() && l.is_uppercase() && before_last.is_some_and(char::is_uppercase) {
                marks.push(at(last_i));
            }
        }
        before_last = last.map(|(_, l)| l);
        last = Some((i, c));
    }
    marks
}

proptest! {
    #[test]
    fn glued_words_are_marked_as_the_rules_say(
        text in "([a-zA-Z0-9]{0,12}|[ ,.\"'`\u{ad}]{1,9}|[äÖßéÉ„“\u{301}Ａａ]){0,30}",
    ) {
        prop_assert_eq!(glued(&text), glued_slowly(&text));
    }
}
