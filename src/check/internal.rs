//! The internal build's own wall: every page says it is confidential, carries
//! the build date and asks robots to stay away; `robots.txt` disallows
//! everything; no sitemap, feed, canonical or alternate link points to the
//! public site. A template that forgets any of it fails the internal build.

use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::output::OutputFile;
use crate::render::theme::Theme;
use crate::view::SiteView;

/// The robots meta tag every internal page carries.
pub const ROBOTS_META: &str = "<meta name=\"robots\" content=\"noindex, nofollow\">";

/// What every internal page must show besides the robots tag: the
/// confidentiality banner and the build date. The build and the preview
/// check against the same wall ([`Wall::of`]).
#[derive(Debug, Clone)]
pub struct Wall {
    /// The confidentiality banner's text.
    pub banner: String,
    /// The date every page shows (`25.11.2025`).
    pub build_date: String,
}

impl Wall {
    /// The wall of `site`'s internal pages: `theme`'s banner and the
    /// site's build date.
    pub fn of(theme: &Theme, site: &SiteView) -> Wall {
        Wall {
            banner: theme.string("internal.banner"),
            build_date: site.build_date.german(),
        }
    }

    /// Check the finished internal output: every file, and that
    /// `robots.txt` is there.
    pub fn check(&self, files: &[OutputFile]) -> Result<()> {
        let mut diagnostics = Diagnostics::new();
        for file in files {
            check_file(file, &self.banner, &self.build_date, &mut diagnostics);
        }
        diagnostics.extend(check_paths(files.iter().map(|f| f.path.as_str())));
        diagnostics.into_result()
    }

    /// Check one file of the internal output (the emitter and the preview
    /// check each file as it is made); [`Wall::check`] checks them all and
    /// that `robots.txt` is there.
    pub fn check_page(&self, file: &OutputFile) -> Result<()> {
        let mut diagnostics = Diagnostics::new();
        check_file(file, &self.banner, &self.build_date, &mut diagnostics);
        diagnostics.into_result()
    }
}

/// What the whole of an internal output must hold, given its paths: a
/// `robots.txt`.
pub fn check_paths<'a>(mut paths: impl Iterator<Item = &'a str>) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    if !paths.any(|path| path == "robots.txt") {
        diagnostics.push(problem("robots.txt", "is missing".into()));
    }
    diagnostics
}

/// How every problem the wall finds begins.
const PROBLEM: &str = "internal output file ";

/// `errors` with each problem the wall found in a page or paper file located
/// at the template to mend: a paper file's ([`crate::paper::template_of`],
/// `sealed` or not), a page's as `page_template` names it for the page's
/// output path, or `base.html` if that template extends it (base.html gives
/// its pages the banner, robots tag and date). Asked only once a render
/// failed, so the plan of the pages need not be at hand before.
pub fn locate(
    errors: Diagnostics,
    theme: &Theme,
    sealed: bool,
    page_template: impl Fn(&str) -> Option<&'static str>,
) -> Diagnostics {
    errors.map(|diagnostic| {
        if diagnostic.location.is_some() || !diagnostic.message.starts_with(PROBLEM) {
            return diagnostic;
        }
        let template = diagnostic
            .files
            .first()
            .and_then(|path| {
                crate::paper::template_of(path, sealed).or_else(|| page_template(path))
            })
            .and_then(|name| theme.templates.get(name));
        let Some((path, source)) = template else {
            return diagnostic;
        };
        let path = match theme.templates.get("base.html") {
            Some((base, _)) if source.contains("{% extends \"base.html\" %}") => base,
            _ => path,
        };
        diagnostic.at(Location::file(path.clone()))
    })
}

/// One problem of an output file; the same problem of many files is
/// reported once, naming a few of them.
fn problem(path: &str, problem: String) -> Diagnostic {
    Diagnostic::error(format!("{PROBLEM}{problem}"))
        .in_file(path)
        .hint(
        "internal pages extend base.html (or copy its confidential banner and robots tag); the internal build has no sitemap or feed",
    )
}

fn check_file(file: &OutputFile, banner: &str, build_date: &str, diagnostics: &mut Diagnostics) {
    let mut fail = |path: &str, found: String| diagnostics.push(problem(path, found));
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    if is_public_index(name) {
        fail(
            &file.path,
            "is a sitemap or feed pointing to public URLs".into(),
        );
        return;
    }
    let text = String::from_utf8_lossy(&file.bytes);
    if file.path == "robots.txt" {
        let disallows_all = text
            .lines()
            .any(|l| l.trim().eq_ignore_ascii_case("Disallow: /"));
        if !disallows_all || text.contains("Sitemap:") {
            fail(
                &file.path,
                "must disallow everything and name no sitemap".into(),
            );
        }
    }
    if !file.path.ends_with(".html") {
        return;
    }
    let text = super::leaks::decode_entities(&text);
    if !text.contains(ROBOTS_META) {
        fail(&file.path, format!("lacks `{ROBOTS_META}`"));
    }
    if !text.contains(banner) {
        fail(&file.path, format!("lacks the banner „{banner}“"));
    }
    if !text.contains(build_date) {
        fail(&file.path, format!("lacks the build date {build_date}"));
    }
    for pointer in [
        "rel=\"canonical\"",
        "rel=\"alternate\"",
        "property=\"og:url\"",
    ] {
        if text.contains(pointer) {
            fail(&file.path, format!("points to the public site ({pointer})"));
        }
    }
}

/// Sitemaps and feeds, which exist for search engines and feed readers.
fn is_public_index(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    (name.starts_with("sitemap") && name.ends_with(".xml"))
        || name.ends_with(".atom")
        || name.ends_with(".rss")
        || matches!(
            name.as_str(),
            "feed.xml" | "atom.xml" | "rss.xml" | "index.xml"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall() -> Wall {
        Wall {
            banner: "Vertraulich".into(),
            build_date: "25.11.2025".into(),
        }
    }

    fn page(body: &str) -> OutputFile {
        OutputFile::new("a/index.html".into(), body.as_bytes().to_vec())
    }

    #[test]
    fn pages_need_banner_robots_and_date() {
        let robots = OutputFile::new(
            "robots.txt".into(),
            b"User-agent: *\nDisallow: /\n".to_vec(),
        );
        let good = format!("{ROBOTS_META}<div>Vertraulich</div> 25.11.2025");
        assert!(wall().check(&[page(&good), robots.clone()]).is_ok());
        let errors = wall()
            .check(&[
                page("<p>nichts</p>"),
                robots,
                OutputFile::new("sitemap.xml".into(), vec![]),
            ])
            .expect_err("fails");
        let text: Vec<String> = errors.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(
            text.iter().any(|t| t.starts_with(
                "error: internal output file lacks the banner „Vertraulich“ (in `a/index.html`)"
            )),
            "{text:?}"
        );
        // The same problem of many pages is one error.
        let pages: Vec<OutputFile> = (0..5)
            .map(|i| {
                OutputFile::new(
                    format!("p{i}/index.html"),
                    good.replace("Vertraulich", "").into_bytes(),
                )
            })
            .collect();
        let errors = wall().check(&pages).expect_err("fails");
        let text: Vec<String> = errors.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}"); // and robots.txt is missing
        assert!(
            text[1].contains("(in `p0/index.html`, `p1/index.html`, `p2/index.html` and 2 more)"),
            "{text:?}"
        );
        assert!(wall().check(&[page(&good)]).is_err());
    }
}
