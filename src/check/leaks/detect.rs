//! Find e-mail addresses and phone-like numbers in text, and bring phone
//! numbers to one comparable form (the national number: `+49 30 23125 101`,
//! `030/23125-101` and `0049 (0)30 23125101` all become `3023125101`).

use super::text::separator_len;

/// File endings that look like a top-level domain after `@` (`logo@2x.png`).
const NOT_DOMAINS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "css", "js", "mjs", "json", "html",
    "htm", "xml", "pdf", "woff", "woff2", "ttf", "otf", "map", "wasm",
];

/// E-mail addresses in a folded (lower-case) text, read as bytes: every
/// character an address may hold is ASCII.
pub fn emails(text: impl AsRef<[u8]>) -> Vec<String> {
    let text = text.as_ref();
    let is_local =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+' | b'%');
    let is_domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut found = Vec::new();
    for at in memchr::memchr_iter(b'@', text) {
        let start = at
            - text[..at]
                .iter()
                .rev()
                .take_while(|&&c| is_local(c))
                .count();
        if start == at {
            continue;
        }
        let local = ascii(&text[start..at]).trim_start_matches(['.', '-', '+', '%']);
        let domain_end = text[at + 1..]
            .iter()
            .position(|&c| !is_domain(c))
            .map_or(text.len(), |i| at + 1 + i);
        let domain = ascii(&text[at + 1..domain_end]).trim_end_matches(['.', '-']);
        let tld = domain.rsplit('.').next().unwrap_or("");
        let plausible = domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic())
            && !NOT_DOMAINS.contains(&tld);
        if !local.is_empty() && plausible {
            found.push(format!("{local}@{domain}").to_lowercase());
        }
    }
    found
}

/// ASCII bytes as text.
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// The comparable form of a phone number: the German national number without
/// its leading 0, or for other countries the digits after the `+`/`00`.
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().starts_with('+');
    let rest = if international {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    match rest {
        Some(rest) => match rest.strip_prefix("49") {
            Some(national) => national.strip_prefix('0').unwrap_or(national).to_string(),
            None => rest.to_string(),
        },
        None => digits
            .strip_prefix('0')
            .unwrap_or(digits.as_str())
            .to_string(),
    }
}

/// The subscriber part of a phone number as written (after country and area
/// code), when it has at least six digits: `+49 30 23125 101` → `23125101`.
pub fn subscriber(phone: &str) -> Option<String> {
    let mut groups: Vec<&str> = phone
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let international = phone.trim_start().starts_with('+') || phone.trim_start().starts_with("00");
    if international && !groups.is_empty() {
        groups.remove(0);
    }
    if groups.first() == Some(&"0") {
        groups.remove(0);
    }
    if groups.len() < 2 {
        return None;
    }
    let subscriber: String = groups[1..].concat();
    (subscriber.len() >= 6).then_some(subscriber)
}

/// Phone-like numbers: `+49 …`, `(0…)` or `0…` with 8 to 15 digits in groups
/// separated by spaces, `/`, `-`, `.` or parentheses; `tel:` links always count.
/// Works on bytes: every character that matters is ASCII or a known space.
pub fn phones(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut found = Vec::new();
    // Numbers start at `+`, `0` or `(`, or right after `tel:`; every other
    // byte is passed over.
    let mut tels = memchr::memmem::find_iter(bytes, b"tel:")
        .map(|at| at + 4)
        .peekable();
    let next_common = |from: usize| {
        memchr::memchr3(b'+', b'0', b'(', bytes.get(from..).unwrap_or_default())
            .map_or(usize::MAX, |offset| from + offset)
    };
    let mut common = next_common(0);
    let mut i = 0;
    loop {
        while tels.next_if(|&t| t < i).is_some() {}
        if common < i {
            common = next_common(i);
        }
        i = common.min(tels.peek().copied().unwrap_or(usize::MAX));
        if i >= bytes.len() {
            break;
        }
        let c = bytes[i];
        let after_tel = i >= 4 && &bytes[i - 4..i] == b"tel:";
        let starts = (matches!(c, b'+' | b'0') && digit_at(i + 1))
            || (c == b'(' && matches!(bytes.get(i + 1), Some(b'0' | b'+')))
            || (after_tel && (c.is_ascii_digit() || c == b'+'));
        if !starts || !(after_tel || boundary_before(text, i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut digits = usize::from(c.is_ascii_digit());
        let mut first_group = digits;
        let mut in_first = true;
        // Where the second group starts: a run too long for a phone number
        // is tried again from there, since one may start inside it.
        let mut second_group = None;
        // The last group end with 8 to 15 digits before it, and where the
        // next group starts: a run too long for one number may begin with one.
        let mut longest_start: Option<(usize, usize, usize)> = None;
        loop {
            if digits > 15 {
                break;
            }
            if digit_at(j) {
                digits += 1;
                if in_first {
                    first_group += 1;
                }
                j += 1;
                continue;
            }
            // Up to three separators in a row (`030 / 123`), then a digit or `(`.
            let mut k = j;
            let mut separators = 0;
            while separators < 3 {
                match separator_len(text, k) {
                    Some(len) => {
                        k += len;
                        separators += 1;
                    }
                    None => break,
                }
            }
            if separators > 0 && (digit_at(k) || bytes.get(k) == Some(&b'(')) {
                if digits > 0 && second_group.is_none() {
                    second_group = Some(k);
                }
                if (8..=15).contains(&digits) {
                    longest_start = Some((j, digits, k));
                }
                in_first = in_first && digits == 0;
                j = k;
            } else {
                break;
            }
        }
        let opens_as_phone = after_tel || first_group >= 3 || c == b'+' || c == b'(';
        // Where to go on: after the number, or after the part of a long run
        // that was read as one.
        let mut resume = None;
        if digits > 15 {
            // `0351 4567890 / 4567891`, `0351 4567890 01067 Dresden`: the
            // longest start of the run that can be a number is one.
            match longest_start {
                Some((end, count, next)) if opens_as_phone => {
                    (j, digits, resume) = (end, count, Some(next));
                }
                _ => {
                    i = second_group.unwrap_or(j).max(i + 1);
                    continue;
                }
            }
        }
        let next = text[j..].chars().next();
        let followed_by_word =
            next.is_some_and(|n| n.is_alphabetic()) || (next == Some('.') && digit_at(j + 1));
        if (8..=15).contains(&digits)
            && opens_as_phone
            && !followed_by_word
            && (after_tel || !(date_or_postcodes(&text[i..j]) || not_a_phone(text, i, j)))
        {
            found.push(text[i..j].trim_end_matches([')', ' ']).to_string());
        } else if !opens_as_phone {
            // `00 0351 …`: a number may start at the next group.
            j = second_group.unwrap_or(j);
        }
        i = resume.unwrap_or(j).max(i + 1);
    }
    found
}

/// Whether a phone-like number is a date (`(01.06.2022)`) or a list or range
/// of postcodes (`01067 01069`, `04103–04109`: five digits each, all with
/// the leading 0 no subscriber number has).
fn date_or_postcodes(number: &str) -> bool {
    let groups: Vec<&str> = number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let date = groups.iter().map(|g| g.len()).eq([2, 2, 4])
        && number
            .trim_matches(['(', ')', ' '])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    let postcodes = groups.len() >= 2 && groups.iter().all(|g| g.len() == 5 && g.starts_with('0'));
    date || postcodes
}

/// Labels that, written right before a number (after at most a colon and
/// one space), say it is no phone number but a case, customer, tax or
/// account number (`Az. 0815/2026-12`). Abbreviations keep their dot; a
/// word with a dot after it ends a sentence, and labels nothing.
const OTHER_NUMBERS: &[&str] = &[
    "aktenzeichen",
    "antragsnummer",
    "az",
    "az.",
    "bg-nr.",
    "bg-nummer",
    "blz",
    "geschäftszeichen",
    "gz.",
    "iban",
    "kassenzeichen",
    "konto",
    "konto-nr.",
    "kontonr.",
    "kontonummer",
    "kto.",
    "kto.-nr.",
    "kunden-nr.",
    "kundennr.",
    "kundennummer",
    "rechnungsnummer",
    "st.-nr.",
    "steuernummer",
    "vorgangsnummer",
    // `Unser Zeichen:`, `Ihr Zeichen:`
    "zeichen",
];

/// Whether the phone-like number at `i..j` of `text` is something else:
/// labelled as another kind of number, part of an IBAN, or an amount.
fn not_a_phone(text: &str, i: usize, j: usize) -> bool {
    // No case or account number is written like a phone number's country
    // or area code (`+49 …`, `(0351) …`).
    let phone_like = text[i..].starts_with(['+', '(']);
    (!phone_like && labelled(&text[..i]))
        || is_amount(&text[i..j], &text[j..])
        || in_iban(text.as_bytes(), i, j)
}

/// Whether `before` ends in a label of [`OTHER_NUMBERS`], then at most a
/// colon and one space: across a line, a cell or a paragraph it labels
/// nothing.
fn labelled(before: &str) -> bool {
    let before = before
        .strip_suffix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(before);
    let before = before.strip_suffix(':').unwrap_or(before);
    let word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.')))
        .next()
        .unwrap_or_default();
    OTHER_NUMBERS.contains(&word.to_lowercase().as_str())
}

/// Whether a number written as `number` and followed by `after` is an
/// amount: groups of three digits after the first (`12.500.000`,
/// `+12 345 678`), and a decimal comma, `€`, `EUR`, `Euro` or `%` after it.
fn is_amount(number: &str, after: &str) -> bool {
    let groups: Vec<&str> = number
        .trim_start_matches(['+', '-'])
        .split(['.', ' ', '\u{a0}', '\u{202f}'])
        .collect();
    let form = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let unit = after.strip_prefix([' ', '\u{a0}']).unwrap_or(after);
    let word = |w: &str| {
        unit.strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    };
    let decimal = after
        .strip_prefix(',')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    form && (decimal || unit.starts_with(['€', '%']) || word("EUR") || word("Euro"))
}

/// IBAN lengths of the countries around (others: 15 to 34 characters).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AT", 20),
    ("BE", 16),
    ("CH", 21),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("ES", 24),
    ("FR", 27),
    ("IT", 27),
    ("LU", 20),
    ("NL", 18),
    ("PL", 28),
];

/// Whether the number at `i..j` is part of a valid IBAN (`DE89 3704 0044
/// 0532 0130 00`, `NL91 ABNA 0417 1643 00`): in a run of digits, capital
/// letters and spaces around it, two letters and two check digits start
/// one that has its country's length and a valid check sum.
fn in_iban(bytes: &[u8], i: usize, j: usize) -> bool {
    // A no-break space is C2 A0 in UTF-8.
    let in_run =
        |b: u8| b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b' ' | 0xc2 | 0xa0);
    let mut start = i;
    while start > 0 && i - start < 40 && in_run(bytes[start - 1]) {
        start -= 1;
    }
    // A country written in small letters (`de89 …`).
    if start >= 2 && bytes[start - 2..start].iter().all(u8::is_ascii_lowercase) {
        start -= 2;
    }
    let run_end = j + bytes[j..]
        .iter()
        .take(40)
        .take_while(|&&b| in_run(b))
        .count();
    let opens = |p: usize| {
        bytes[p..p + 2].iter().all(u8::is_ascii_alphabetic)
            && bytes[p + 2..p + 4].iter().all(u8::is_ascii_digit)
            && (p == 0 || !bytes[p - 1].is_ascii_alphanumeric())
    };
    // Ends between groups, from the run's end back to the number's.
    let ends: Vec<usize> = (j..=run_end)
        .rev()
        .filter(|&end| end == run_end || matches!(bytes[end], b' ' | 0xc2))
        .collect();
    (start..i.min(bytes.len().saturating_sub(3)))
        .filter(|&p| p + 4 <= bytes.len() && opens(p))
        .any(|p| {
            ends.iter().any(|&end| {
                let compact: Vec<u8> = bytes[p..end]
                    .iter()
                    .filter(|b| !matches!(b, b' ' | 0xc2 | 0xa0))
                    .map(u8::to_ascii_uppercase)
                    .collect();
                valid_iban(&compact)
            })
        })
}

/// An IBAN without spaces: letters and digits, its country's length, and
/// the check sum.
fn valid_iban(compact: &[u8]) -> bool {
    if compact.len() < 15 || !compact.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let length_ok = match IBAN_LENGTHS
        .iter()
        .find(|(c, _)| c.as_bytes() == &compact[..2])
    {
        Some(&(_, length)) => compact.len() == length,
        None => compact.len() <= 34,
    };
    length_ok && iban_checksum_ok(compact)
}

/// ISO 7064 mod 97-10 over the IBAN moved by four characters.
fn iban_checksum_ok(compact: &[u8]) -> bool {
    let (head, tail) = compact.split_at(4);
    let mut remainder = 0u32;
    for &b in tail.iter().chain(head) {
        remainder = match b {
            b'0'..=b'9' => (remainder * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (remainder * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        };
    }
    remainder == 1
}

/// Whether a number may start at byte `i`: not inside a word, a decimal, a
/// path, an anchor or a time (`12:0351`).
fn boundary_before(text: &str, i: usize) -> bool {
    let mut before = text[..i].chars().rev();
    match before.next() {
        None => true,
        Some(':') => !before.next().is_some_and(|p| p.is_ascii_digit()),
        // `Tel.0351 …`: after an abbreviation's dot; not after a decimal's.
        Some('.') => before.next().is_some_and(char::is_alphabetic),
        Some(p) => !(p.is_alphanumeric() || matches!(p, ',' | '-' | '#' | '/' | '_')),
    }
}

#[cfg(test)]
mod tests {
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
}
