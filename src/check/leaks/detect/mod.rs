//! Find e-mail addresses and phone-like numbers in text, and bring phone
//! numbers to one comparable form (the national number: `+49 30 23125 101`,
//! `030/23125-101` and `0049 (0)30 23125101` all become `3023125101`).

mod other_numbers;

use super::text::separator_len;
use other_numbers::not_a_phone;

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
mod tests;
