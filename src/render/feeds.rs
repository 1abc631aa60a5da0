//! `sitemap.xml` and the Atom feed `feed.xml` of adopted recommendations.
//! Public build only: the internal build is not for search engines or feed
//! readers and gets neither.
//!
//! Steps: the sitemap lists every listed page of the plan with its absolute
//! URL, sorted, and a `lastmod` only where the content has a date. The feed
//! lists the [`FEED_ENTRIES`] recommendations adopted by vote most recently,
//! newest first, each dated by its vote; the feed's `updated` is the newest
//! of those dates, so the same content always gives the same bytes.

use super::pages::Page;
use super::theme::Theme;
use super::urls::rebase;
use crate::markdown::attr as escape;
use crate::model::Date;
use crate::output::OutputFile;
use crate::view::{Audience, RecommendationRef, SiteView, View};
use std::fmt::Write as _;

/// The feed's output path.
pub const FEED: &str = "feed.xml";
/// The sitemap's output path.
pub const SITEMAP: &str = "sitemap.xml";
/// Entries in the feed: the newest votes only, so that readers polling it
/// do not download every recommendation of a nationwide site each time.
pub const FEED_ENTRIES: usize = 50;

/// The sitemap and the feed of a view (none for the internal audience).
pub fn files<V: View>(view: &V, theme: &Theme) -> Vec<OutputFile> {
    if view.audience() != Audience::Public {
        return Vec::new();
    }
    let pages = super::plan(view, theme);
    vec![
        OutputFile::new(SITEMAP.into(), sitemap(view.site(), &pages).into_bytes()),
        OutputFile::new(FEED.into(), feed(view.site(), theme).into_bytes()),
    ]
}

/// The sitemap of the listed pages.
pub fn sitemap(site: &SiteView, pages: &[Page]) -> String {
    let base = &site.config.base_url;
    let mut listed: Vec<&Page> = pages.iter().filter(|p| p.listed).collect();
    listed.sort_by(|a, b| a.url_path().cmp(b.url_path()));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in listed {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            escape(&format!("{base}{}", page.url_path()))
        );
        if let Some(date) = page.lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The Atom feed of recommendations adopted by vote, newest first.
pub fn feed(site: &SiteView, theme: &Theme) -> String {
    let config = &site.config;
    let base = &config.base_url;
    let entries = &site.latest_recommendations;
    let title = format!("{} – {}", theme.string("feed.title"), config.title);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    let _ = write!(
        xml,
        "{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n",
        escape(&config.language),
        escape(&title),
        escape(&theme.string("feed.subtitle"))
    );
    let _ = write!(
        xml,
        "  <id>{0}{FEED}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{0}{FEED}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{0}\"/>\n",
        escape(base)
    );
    let _ = write!(
        xml,
        "  <updated>{}</updated>\n  <author><name>{}</name><uri>{}</uri></author>\n  <generator>dienstweg</generator>\n",
        timestamp(updated(site)),
        escape(&config.publisher.name),
        escape(&config.publisher.web)
    );
    if let Some(licence) = &config.licence {
        let _ = writeln!(
            xml,
            "  <rights>{} ({})</rights>",
            escape(&licence.name),
            escape(&licence.url)
        );
    }
    for entry in entries.iter().take(FEED_ENTRIES) {
        push_entry(&mut xml, site, theme, entry);
    }
    xml.push_str("</feed>\n");
    xml
}

fn push_entry(xml: &mut String, site: &SiteView, theme: &Theme, rec: &RecommendationRef) {
    let base = &site.config.base_url;
    let url = format!(
        "{base}regionen/{}/empfehlungen/#empfehlung-{}",
        rec.region, rec.id
    );
    let status = theme.string(&format!(
        "regions.rec_status_names.{}",
        status_key(&rec.status)
    ));
    let meta = theme
        .string("feed.entry_meta")
        .replace("{region}", &rec.region_name)
        .replace("{status}", &status)
        .replace("{date}", &rec.date.german());
    let content = format!("{}<p>{}</p>", rebase(&rec.text, base), escape(&meta));
    let _ = write!(
        xml,
        "  <entry>\n    <id>{url}</id>\n    <title>{title}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <published>{date}</published>\n    <updated>{date}</updated>\n    <category term=\"{term}\" label=\"{label}\"/>\n    <content type=\"html\">{content}</content>\n  </entry>\n",
        url = escape(&url),
        title = escape(&format!("{} – {}", rec.title, rec.region_name)),
        date = timestamp(rec.date),
        term = escape(status_key(&rec.status)),
        label = escape(&status),
        content = escape(&content),
    );
}

/// The feed's `updated`: the newest vote; without any, the newest `stand`
/// of a region or term; without any, the epoch. Never the build date.
fn updated(site: &SiteView) -> Date {
    site.latest_recommendations
        .iter()
        .map(|r| r.date)
        .max()
        .or_else(|| {
            site.regions
                .iter()
                .map(|r| r.stand)
                .chain(site.terms.iter().map(|t| t.stand))
                .max()
        })
        .unwrap_or(Date::from_days(0))
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The status as written in the content (`in-progress`).
fn status_key(status: &crate::model::RecommendationStatus) -> &'static str {
    use crate::model::RecommendationStatus::*;
    match status {
        Proposed => "proposed",
        Adopted => "adopted",
        InProgress => "in-progress",
        Done => "done",
        Dropped => "dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"a < b & "c" > 'd'"#),
            "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;"
        );
    }

    #[test]
    fn timestamps_are_midnight_utc() {
        let date = Date::parse("2025-03-01").expect("date");
        assert_eq!(timestamp(date), "2025-03-01T00:00:00Z");
    }
}
