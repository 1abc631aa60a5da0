//! Site settings from `content/site.yaml`: title, base URL, language, the
//! publisher named in the Impressum, the allow-list of public contact data
//! (and of output files checked by hand), whether the site has a search, and
//! the licence of its texts and data.

use serde::{Deserialize, Serialize};

/// The site's settings, as written in `site.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, shown in every page's header.
    pub title: String,
    /// One sentence describing the site, for link previews.
    pub description: String,
    /// Absolute URL the public site is published at, ending in `/`.
    pub base_url: String,
    /// Language code of the content (`de`).
    pub language: String,
    /// The organisation responsible for the site (Impressum).
    pub publisher: Publisher,
    /// Contact data that may appear in the public build.
    #[serde(default)]
    pub allow_list: AllowList,
    /// Link to the published site that a starter site points back to.
    #[serde(default)]
    pub upstream_url: Option<String>,
    /// Build the full-text search (index, search page, header search box);
    /// `search: false` leaves all three out, as `build --no-search` does.
    #[serde(default = "enabled")]
    pub search: bool,
    /// The licence the site's texts and open data are published under:
    /// named in every page's footer, on the open-data page, in each JSON
    /// file and in the feed. Without one, the open-data page says that none
    /// is given, so that nobody takes the data for free to reuse.
    #[serde(default)]
    pub licence: Option<Licence>,
}

/// A licence, by name and address.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Its short name (`CC BY 4.0`).
    pub name: String,
    /// The address of its text (`https://creativecommons.org/licenses/by/4.0/deed.de`).
    pub url: String,
}

/// Values `dienstweg init` writes for the publisher to replace: the
/// starter's example names, its postcode, its phone number and its
/// addresses at `example.org`.
const STARTER_PLACEHOLDERS: &[&str] = &[
    "Beispiel",
    "bitte ersetzen",
    "00000",
    "030 23125 000",
    "example.org",
];

/// The settings that still hold a placeholder of the starter site (key and
/// value): a site made with `init` that is about to be published as it is.
/// The shipped site's own example address (`regionalworkshop.example.org`)
/// is no starter placeholder, and not reported.
pub fn starter_placeholders(config: &SiteConfig) -> Vec<(&'static str, &str)> {
    let p = &config.publisher;
    let mut fields = vec![
        ("title", config.title.as_str()),
        ("base_url", config.base_url.as_str()),
        ("name", p.name.as_str()),
        ("street", p.street.as_str()),
        ("city", p.city.as_str()),
        ("phone", p.phone.as_str()),
        ("email", p.email.as_str()),
        ("web", p.web.as_str()),
    ];
    if let Some(responsible) = &p.responsible {
        fields.push(("responsible", responsible));
    }
    fields
        .into_iter()
        .filter(|(_, value)| {
            STARTER_PLACEHOLDERS
                .iter()
                .any(|&placeholder| match placeholder {
                    "example.org" => is_example_org(value),
                    "bitte ersetzen" => value.to_lowercase().contains(placeholder),
                    _ => value.contains(placeholder),
                })
        })
        .collect()
}

/// Whether an address or URL is at `example.org` itself (with `www.` or
/// not: `https://example.org/netz/`, `info@example.org`), not at a name
/// below it.
fn is_example_org(value: &str) -> bool {
    let host = match value.split_once("://") {
        Some((_, rest)) => rest.split(['/', ':', '?', '#']).next().unwrap_or_default(),
        None => value.rsplit_once('@').map_or("", |(_, domain)| domain),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host) == "example.org"
}

/// The languages the theme has interface strings for.
pub const LANGUAGES: &[&str] = &["de"];

fn enabled() -> bool {
    true
}

/// The publisher: an organisation, never a person.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Name of the organisation.
    pub name: String,
    /// Street and number.
    pub street: String,
    /// Postcode and city.
    pub city: String,
    /// Public phone number of the organisation.
    pub phone: String,
    /// Public e-mail address of the organisation.
    pub email: String,
    /// Website of the organisation.
    pub web: String,
    /// Who is responsible for the content (an organisational unit).
    #[serde(default)]
    pub responsible: Option<String>,
}

/// E-mail addresses and phone numbers that may appear in public output, and
/// output files the leak scan cannot read inside but may publish.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AllowList {
    /// Allowed e-mail addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Allowed phone numbers (compared by their digits).
    #[serde(default)]
    pub phones: Vec<String>,
    /// Output files whose content the leak scan cannot read (a PDF, an
    /// archive, an office file), by their path in the output
    /// (`downloads/broschuere.pdf`): checked by hand, so they may be
    /// published.
    #[serde(default)]
    pub files: Vec<String>,
}

/// The part of an absolute `http` or `https` address after its scheme (in
/// any case), or what is wrong with it: another scheme, or a space (or a
/// control character) in it.
pub fn web_address(url: &str) -> Result<&str, &'static str> {
    let Some(scheme) = ["https://", "http://"].into_iter().find(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    }) else {
        return Err("it does not start with `https://` or `http://`");
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it holds a space");
    }
    Ok(&url[scheme.len()..])
}

/// What is wrong with `base_url`, if anything: it must be an absolute `http`
/// or `https` URL (the scheme in any case) of a host, ending in `/`, with no
/// space, query or fragment, since every absolute link of the output
/// (sitemap, feed, open data, `robots.txt`) is made by appending to it.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let rest = match web_address(url) {
        Ok(rest) => rest,
        Err(problem) => return Some(problem),
    };
    if url.contains(['?', '#']) {
        return Some("it has a query or fragment (`?`, `#`)");
    }
    if !url.ends_with('/') {
        return Some("it does not end in `/`");
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let port = authority.rsplit_once("]:").map_or_else(
        || {
            authority
                .strip_prefix(host)
                .and_then(|p| p.strip_prefix(':'))
        },
        |(_, port)| Some(port),
    );
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !host.starts_with(['.', '-']);
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !(host_ok && port_ok) {
        return Some("its host is no name or address");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_placeholders_are_found_and_nothing_else() {
        let starter: SiteConfig =
            serde_yaml::from_str(include_str!("../starter/content/site.yaml"))
                .expect("starter site.yaml");
        let keys: Vec<&str> = starter_placeholders(&starter)
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(
            keys,
            [
                "title",
                "base_url",
                "name",
                "street",
                "city",
                "phone",
                "email",
                "web",
                "responsible"
            ]
        );
        let shipped: SiteConfig =
            serde_yaml::from_str(include_str!("../content/site.yaml")).expect("shipped site.yaml");
        assert!(starter_placeholders(&shipped).is_empty());
        assert!(!is_example_org("https://regionalworkshop.example.org/"));
        assert!(!is_example_org("team@verein.example.org"));
        assert!(is_example_org("https://www.Example.org/verein"));
        assert!(is_example_org("https://example.org:8080/netz/"));
    }

    #[test]
    fn base_urls() {
        for good in [
            "https://regionalworkshop.example.org/",
            "HTTPS://Example.org/",
            "http://localhost:8080/sub/dir/",
            "http://[::1]:8080/",
            "https://xn--bcher-kva.example/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("ftp://example.org/", "does not start"),
            ("//example.org/", "does not start"),
            ("https://exa mple.org/", "space"),
            ("https://example.org/a b/", "space"),
            ("https://example.org/?q=1&x=/", "query"),
            ("https://example.org/#frag/", "fragment"),
            ("https://example.org", "end in `/`"),
            ("https:///", "host"),
            ("https://exa_mple.org/", "host"),
            ("https://example.org:80a/", "host"),
        ] {
            assert!(
                base_url_problem(bad).is_some_and(|p| p.contains(why)),
                "{bad}: {:?}",
                base_url_problem(bad)
            );
        }
    }
}
