//! The page plan: every page of the site, its output path, its template and
//! the small page-specific context (mostly indices into the shared site value,
//! so the site is serialised once, not per page).

use crate::model::Date;
use crate::view::{Audience, SiteView};
use minijinja::{context, Value};

/// A page to render.
pub struct Page {
    /// Output path, e.g. `glossar/duldung/index.html`.
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// Title (for `<title>` and the sitemap).
    pub title: String,
    /// Description for link previews.
    pub description: Option<String>,
    /// Navigation section the page belongs to.
    pub section: &'static str,
    /// Page-specific values.
    pub data: Value,
    /// Include the page in the sitemap.
    pub listed: bool,
    /// The content date the page shows (a region's or a term's `stand`), for
    /// the sitemap's `lastmod`; never the build date, so output stays
    /// deterministic.
    pub lastmod: Option<Date>,
}

impl Page {
    fn new(
        path: String,
        template: &'static str,
        title: impl Into<String>,
        section: &'static str,
        data: Value,
    ) -> Self {
        Page {
            path,
            template,
            title: title.into(),
            description: None,
            section,
            data,
            listed: true,
            lastmod: None,
        }
    }

    fn describe(mut self, description: Option<String>) -> Self {
        self.description = description;
        self
    }

    fn dated(mut self, date: Date) -> Self {
        self.lastmod = Some(date);
        self
    }

    /// The page's URL path below the site root (`glossar/duldung/`).
    pub fn url_path(&self) -> &str {
        self.path.strip_suffix("index.html").unwrap_or(&self.path)
    }
}

/// The region sub-pages: (slug, template, title string key).
pub const REGION_PAGES: &[(&str, &str, &str)] = &[
    ("partner", "region_partners.html", "partners"),
    ("matrix", "region_matrix.html", "matrix"),
    ("uebergaben", "region_handoffs.html", "handoffs"),
    ("treffen", "region_meetings.html", "meetings"),
    (
        "empfehlungen",
        "region_recommendations.html",
        "recommendations",
    ),
    ("schnittstellenpapier", "region_paper.html", "paper"),
];

/// Plan every page of the site. `title` and `describe` read the theme's
/// `titles.<key>` and `descriptions.<key>` strings.
pub fn plan(
    site: &SiteView,
    title: &dyn Fn(&str) -> String,
    describe: &dyn Fn(&str) -> String,
) -> Vec<Page> {
    let described = |key: &str| Some(describe(key));
    let mut pages = vec![
        Page::new(
            "index.html".into(),
            "index.html",
            site.config.title.clone(),
            "home",
            context! {},
        )
        .describe(Some(site.config.description.clone())),
        Page::new(
            "leitfaden/index.html".into(),
            "guide_index.html",
            title("guide"),
            "guide",
            context! {},
        )
        .describe(described("guide")),
        Page::new(
            "glossar/index.html".into(),
            "glossary_index.html",
            title("glossary"),
            "glossary",
            context! {},
        )
        .describe(described("glossary")),
        Page::new(
            "impressum/index.html".into(),
            "imprint.html",
            title("imprint"),
            "imprint",
            context! {},
        )
        .describe(described("imprint")),
        Page {
            listed: false,
            ..Page::new(
                "404.html".into(),
                "404.html",
                title("not_found"),
                "none",
                context! {},
            )
            .describe(described("not_found"))
        },
    ];
    if site.config.search {
        pages.push(Page {
            listed: false,
            ..Page::new(
                super::search::SEARCH_PAGE.into(),
                "search.html",
                title("search"),
                "search",
                context! {},
            )
            .describe(described("search"))
        });
    }
    if site.audience == Audience::Public {
        pages.push(
            Page::new(
                "daten/index.html".into(),
                "data.html",
                title("data"),
                "data",
                context! { format_version => super::data::format::FORMAT_VERSION },
            )
            .describe(described("data")),
        );
    }
    for (index, page) in site.guide.iter().enumerate() {
        pages.push(
            Page::new(
                format!("leitfaden/{}/index.html", page.slug),
                "guide.html",
                page.title.clone(),
                "guide",
                context! { index => index },
            )
            .describe(page.description.clone().or_else(|| described("guide"))),
        );
    }
    for (index, term) in site.terms.iter().enumerate() {
        pages.push(
            Page::new(
                format!("glossar/{}/index.html", term.slug),
                "term.html",
                term.term.clone(),
                "glossary",
                context! { index => index },
            )
            .describe(Some(format!(
                "{} ({}): {}",
                term.term, term.gloss, term.legal_basis
            )))
            .dated(term.stand),
        );
    }
    if !site.regions.is_empty() {
        pages.push(
            Page::new(
                "regionen/index.html".into(),
                "regions.html",
                title("regions"),
                "regions",
                context! {},
            )
            .describe(described("regions")),
        );
        pages.push(
            Page::new(
                "vergleich/index.html".into(),
                "comparison.html",
                title("comparison"),
                "regions",
                context! {},
            )
            .describe(described("comparison")),
        );
    }
    if !site.catalog.institutions.is_empty() {
        pages.push(
            Page::new(
                "institutionen/index.html".into(),
                "institutions.html",
                title("institutions"),
                "institutions",
                context! {},
            )
            .describe(described("institutions")),
        );
    }
    if !site.catalog.path.is_empty() {
        pages.push(
            Page::new(
                "weg/index.html".into(),
                "path.html",
                title("path"),
                "guide",
                context! {},
            )
            .describe(described("path")),
        );
    }
    for (index, region) in site.regions.iter().enumerate() {
        pages.push(
            Page::new(
                format!("regionen/{}/index.html", region.slug),
                "region.html",
                region.name.clone(),
                "regions",
                context! { region => index, sub => "overview" },
            )
            .describe(Some(format!(
                "{} – {}",
                region.name,
                title("region_description")
            )))
            .dated(region.stand),
        );
        for (sub, template, key) in REGION_PAGES {
            pages.push(
                Page::new(
                    format!("regionen/{}/{sub}/index.html", region.slug),
                    template,
                    format!("{} – {}", title(key), region.name),
                    "regions",
                    context! { region => index, sub => *sub },
                )
                .describe(Some(
                    describe(&format!("region.{key}")).replace("{region}", &region.name),
                ))
                .dated(region.stand),
            );
        }
    }
    pages
}
