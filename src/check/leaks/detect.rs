//! Find e-mail addresses and phone-like numbers in text, and bring phone
//! numbers to one comparable form (the national number: `+49 30 23125 101`,
//! `030/23125-101` and `0049 (0)30 23125101` all become `3023125101`).

use super::text::is_phone_separator;

/// File endings that look like a top-level domain after `@` (`logo@2x.png`).
const NOT_DOMAINS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "css", "js", "mjs", "json", "html",
    "htm", "xml", "pdf", "woff", "woff2", "ttf", "otf", "map", "wasm",
];

/// E-mail addresses in a folded (lower-case) text.
pub fn emails(text: &str) -> Vec<String> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map(|(i, _)| i);
        let Some(start) = local_start else { continue };
        let local = text[start..at].trim_start_matches(['.', '-', '+', '%']);
        let domain_end = text[at + 1..]
            .char_indices()
            .find(|(_, c)| !is_domain(*c))
            .map_or(text.len(), |(i, _)| at + 1 + i);
        let domain = text[at + 1..domain_end].trim_end_matches(['.', '-']);
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
pub fn phones(text: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let previous = i.checked_sub(1).and_then(at);
        let after_tel = text[..chars[i].0].ends_with("tel:");
        let boundary = after_tel
            || match previous {
                None => true,
                Some(':') => !i
                    .checked_sub(2)
                    .and_then(at)
                    .is_some_and(|p| p.is_ascii_digit()),
                Some(p) => !(p.is_alphanumeric() || matches!(p, '.' | ',' | '-' | '#' | '/' | '_')),
            };
        let next_digit = at(i + 1).is_some_and(|n| n.is_ascii_digit());
        let starts = (matches!(c, '+' | '0') && next_digit)
            || (c == '(' && matches!(at(i + 1), Some('0' | '+')))
            || (after_tel && c.is_ascii_digit());
        if !(boundary && starts) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut digits = usize::from(c.is_ascii_digit());
        let mut first_group = digits;
        let mut in_first = true;
        while let Some(d) = at(j) {
            if d.is_ascii_digit() {
                digits += 1;
                if in_first {
                    first_group += 1;
                }
                j += 1;
                continue;
            }
            // Up to three separators in a row (`030 / 123`), then a digit or `(`.
            let run = (j..j + 3)
                .take_while(|&k| at(k).is_some_and(is_phone_separator))
                .count();
            if run > 0 && at(j + run).is_some_and(|n| n.is_ascii_digit() || n == '(') {
                in_first = in_first && digits == 0;
                j += run;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(offset, _)| offset);
        let candidate = text[chars[i].0..end].trim_end_matches([')', ' ']);
        let followed_by_word = at(j).is_some_and(|n| {
            n.is_alphabetic() || n == '.' && at(j + 1).is_some_and(|m| m.is_ascii_digit())
        });
        if (8..=15).contains(&digits)
            && (after_tel || first_group >= 3 || c == '+' || c == '(')
            && !followed_by_word
        {
            found.push(candidate.to_string());
        }
        i = j.max(i + 1);
    }
    found
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
