//! Site settings from `content/site.yaml`: title, base URL, language, the
//! publisher named in the Impressum, the allow-list of public contact data
//! (and of output files checked by hand), and whether the site has a search.

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
}

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
