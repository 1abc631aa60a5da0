use super::*;

#[test]
fn finds_emails() {
    assert_eq!(
        emails("mail: k.beispiel@example.org. oder <a href=mailto:x@y.de>"),
        vec!["k.beispiel@example.org", "x@y.de"]
    );
    assert!(emails("logo@2x.png @media @import url(a) a@b").is_empty());
}

#[test]
fn finds_phones_in_their_usual_spellings() {
    assert_eq!(
        phones("Tel. +49 30 23125 101, Fax 030/23125-102 oder (030) 23125 103"),
        vec!["+49 30 23125 101", "030/23125-102", "(030) 23125 103"]
    );
    assert_eq!(phones("href=\"tel:+493023125101\""), vec!["+493023125101"]);
    assert_eq!(phones("030 / 23125 101"), vec!["030 / 23125 101"]);
    assert!(phones(
        "Stand 2026-03-15, viewBox=\"0 0 680 1200\", § 60a, 0.5rem, 01219 Dresden, 12:0351"
    )
    .is_empty());
    assert!(
        phones("Inkrafttreten (01.06.2022) beachten, PLZ 01067 01069 01097, 04103–04109")
            .is_empty()
    );
    // Other numbers, labelled or by their form.
    assert!(phones(
        "Az. 0815/2026-12, Aktenzeichen: 0351 2026 1234, St.-Nr. 0203 123 45678, \
         IBAN DE89 3704 0044 0532 0130 00, de89 3704 0044 0532 0130 00, \
         +12.500.000,00 € und +12 345 678 Euro, Kassenzeichen 0351 2026 1235, \
         NL91 ABNA 0417 1643 00, IT60 X054 2811 1010 0000 0123 456, \
         DE89\u{a0}3704\u{a0}0044\u{a0}0532\u{a0}0130\u{a0}00, Az 0351 2026 1234, \
         Kto.-Nr. 0351 2026 123, Unser Zeichen: 0412 2345 678, Az.\u{202f}0412 2345 679"
    )
    .is_empty());
    // A phone number stays one: next to such words, across a cell or a
    // paragraph, with a figure after it, or in a run too long for one.
    for text in [
        "Rufnummer 0351 4567890",
        "DE89 Raum 0351 4567890",
        "DE12 0351 4567890",
        "DE89 3704 0044 0532 0130 00 0351 4567890",
        "Wir haben ein Konto. 0351 4567890 ist die Hotline.",
        "Konto  0351 4567890",
        "Rufen Sie an: 0351 4567890. 50 % erreichen uns sofort.",
        "Hotline: 0351 4567890 (5 % Rabatt), 0351 4567890 / 30 EUR",
        "Hotline 0351 4567890 Europaweit, 0351 4567890 %",
        "Tel. 0351 4567890,12",
        "Tel. 0351 4567890,0341 9876543",
        "0351 4567890 0341 9876543",
        "Am 01.06.2022 0351 4567890 Personen",
        "Tel.0351 4567890",
        "Tel. 0351 4567890 / 4567891",
        "Telefon 0351 4567890 / 0375 390 93 65",
        "Tel. 0351 4567890 01067 Dresden",
        "Az. +49 351 4567890",
        "Konto (0351) 4567890",
        "Tel. 0351 · 456 78 90",
        "Tel. 0351_456_78_90, 0341|4567890",
    ] {
        let found = phones(text);
        assert!(
            found
                .iter()
                .any(|p| phone_key(p).contains("4567890") || phone_key(p).contains("9876543")),
            "{text}: {found:?}"
        );
    }
    assert_eq!(
        phones("[Hotline](tel:+493514567890,12)"),
        vec!["+493514567890"]
    );
    // Five-digit area codes stay numbers, and so do `tel:` links.
    assert_eq!(phones("Tel. 03763 12345"), vec!["03763 12345"]);
    assert_eq!(phones("href=\"tel:01067 01069\""), vec!["01067 01069"]);
}

#[test]
fn phone_keys_agree_across_spellings() {
    let key = phone_key("+49 30 23125 101");
    assert_eq!(key, "3023125101");
    for spelling in [
        "030 23125101",
        "030/23125-101",
        "0049 30 23125 101",
        "+49 (0)30 23125 101",
    ] {
        assert_eq!(phone_key(spelling), key, "{spelling}");
    }
    assert_eq!(phone_key("+43 1 234567"), "431234567");
    assert_eq!(subscriber("+49 30 23125 101").as_deref(), Some("23125101"));
    assert_eq!(subscriber("0351 4567890").as_deref(), Some("4567890"));
    assert_eq!(subscriber("03514567890"), None);
}
