//! The spellings a secret may take in the output: a name reversed,
//! transliterated, joined or with a salutation; an address or room by its
//! numbered parts; an internal text by its sentences. Names and places come
//! out folded (see `fold`), as the scan reads the output; sentences as
//! written, for messages, and are folded by the caller.

use super::text::{fold, transliterate};
use std::collections::BTreeSet;

/// Shortest sentence of an internal text that is searched on its own.
const MIN_SENTENCE: usize = 20;

/// `text` as written and transliterated (`für` → `fuer`); once if it has
/// no letter to transliterate, as most names and sentences.
fn spellings(text: &str) -> Vec<String> {
    let transliterated = transliterate(text);
    if transliterated == text {
        vec![transliterated]
    } else {
        vec![text.to_string(), transliterated]
    }
}

/// A name as written, transliterated, reversed (`Beispiel, Katrin`), joined
/// (`katrin-beispiel`, `katrin+beispiel`), initialled and with a salutation.
pub(super) fn name_variants(name: &str) -> Vec<String> {
    let mut variants = BTreeSet::new();
    for spelling in spellings(name) {
        let folded = fold(&spelling);
        variants.insert(folded.clone());
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| !w.ends_with('.') && !w.is_empty())
            .collect();
        if words.len() >= 2 {
            let (first, last) = (words[0], words[words.len() - 1]);
            let joined = words.join(" ");
            variants.insert(joined.clone());
            variants.insert(format!("{last} {}", words[..words.len() - 1].join(" ")));
            variants.insert(joined.replace(' ', "-"));
            variants.insert(joined.replace(' ', "+"));
            variants.insert(joined.replace(' ', "_"));
            variants.insert(joined.replace(' ', "."));
            variants.insert(format!(
                "{}. {last}",
                &first[..first.chars().next().map_or(0, char::len_utf8)]
            ));
            for salutation in ["frau", "herr", "herrn", "fr.", "hr."] {
                variants.insert(format!("{salutation} {last}"));
            }
        }
    }
    variants.into_iter().collect()
}

/// An address or room as a whole and by its parts that carry a number
/// (`Musterstraße 1`, `Raum 2.14`), without a bare postcode and town.
pub(super) fn place_variants(value: &str) -> Vec<String> {
    let mut variants = BTreeSet::new();
    let mut add = |text: &str| {
        let folded = fold(text);
        // Musterstraße 1 → Musterstr. 1, Musterstr 1, Musterstr.1
        if folded.contains("strasse ") {
            for short in ["str. ", "str ", "str."] {
                variants.insert(folded.replace("strasse ", short));
            }
        }
        variants.insert(folded);
    };
    add(value);
    for part in value.split([',', '\n', ';']) {
        let part = part.trim();
        let postcode_and_town = part
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()));
        if part.chars().any(|c| c.is_ascii_digit()) && !postcode_and_town && part.len() >= 6 {
            add(part);
        }
    }
    variants.into_iter().collect()
}

/// Sentences of a text, short ones joined to the next so that each piece has
/// at least 20 characters; a remainder that stays shorter is dropped.
pub(super) fn sentences(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?' | ';' | '\n')
            && chars.peek().is_none_or(|n| n.is_whitespace());
        if ends && current.trim().chars().count() >= MIN_SENTENCE {
            pieces.push(current.trim().to_string());
            current.clear();
        }
    }
    if current.trim().chars().count() >= MIN_SENTENCE {
        pieces.push(current.trim().to_string());
    }
    pieces
}

/// The needles of one sentence, folded: as written and transliterated
/// (`für` → `fuer`), each without its closing punctuation, so that a copy
/// that ends otherwise (`!`, none) or goes on (`…, damit …`) is found too.
pub(super) fn sentence_variants(sentence: &str) -> Vec<String> {
    let mut variants: Vec<String> = Vec::with_capacity(2);
    for spelling in spellings(sentence) {
        let folded = fold(&spelling);
        let body = folded.trim_end_matches(|c: char| {
            matches!(c, '.' | '!' | '?' | ';' | ':' | ',') || c.is_whitespace()
        });
        if !variants.iter().any(|v| v == body) {
            variants.push(body.to_string());
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_spellings() {
        let variants = name_variants("Dr. Jürgen Müller");
        for expected in [
            "dr. jurgen muller",
            "jurgen muller",
            "muller jurgen",
            "juergen mueller",
            "mueller juergen",
            "juergen-mueller",
            "j. muller",
            "frau muller",
            "herr mueller",
        ] {
            assert!(
                variants.iter().any(|v| v == expected),
                "{expected}: {variants:?}"
            );
        }
    }

    #[test]
    fn a_name_without_umlauts_has_one_spelling_of_each_variant() {
        let variants = name_variants("Katrin Beispiel");
        assert_eq!(
            variants,
            [
                "beispiel katrin",
                "fr. beispiel",
                "frau beispiel",
                "herr beispiel",
                "herrn beispiel",
                "hr. beispiel",
                "k. beispiel",
                "katrin beispiel",
                "katrin+beispiel",
                "katrin-beispiel",
                "katrin.beispiel",
                "katrin_beispiel",
            ]
        );
    }

    #[test]
    fn places_by_numbered_parts() {
        let variants = place_variants("Musterstraße 1, 01067 Dresden");
        assert!(variants.contains(&"musterstrasse 1 01067 dresden".to_string()));
        assert!(variants.contains(&"musterstrasse 1".to_string()));
        assert!(variants.contains(&"musterstr. 1".to_string()));
        assert!(variants.contains(&"musterstr.1".to_string()));
        assert!(!variants.contains(&"01067 dresden".to_string()));
        assert_eq!(
            place_variants("Beispielweg 1, 10000 Oberrode"),
            ["beispielweg 1", "beispielweg 1 10000 oberrode"]
        );
        let rooms = place_variants("Haus B, Raum 2.14");
        assert!(rooms.contains(&"raum 2.14".to_string()));
        assert!(!rooms.contains(&"haus b".to_string()));
    }

    #[test]
    fn sentences_are_long_enough() {
        assert_eq!(
            sentences("Kurz. Noch ein Satz, lang genug. Ende"),
            vec!["Kurz. Noch ein Satz, lang genug."]
        );
    }

    #[test]
    fn sentence_needles_end_before_the_punctuation_and_are_transliterated() {
        assert_eq!(
            sentence_variants("Die Kontaktliste liegt beim Büro für Integration!"),
            vec![
                "die kontaktliste liegt beim buro fur integration",
                "die kontaktliste liegt beim buero fuer integration"
            ]
        );
        assert_eq!(
            sentence_variants("„Rückruf nur dienstags.“ …"),
            vec!["ruckruf nur dienstags", "rueckruf nur dienstags"]
        );
        assert_eq!(sentence_variants("Ohne Umlaute."), vec!["ohne umlaute"]);
    }
}
