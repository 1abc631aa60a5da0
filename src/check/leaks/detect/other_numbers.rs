//! Numbers written like phone numbers that are something else: labelled
//! as a case, customer or account number, an amount, or part of an IBAN.

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
pub(super) fn not_a_phone(text: &str, i: usize, j: usize) -> bool {
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
