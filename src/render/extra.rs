//! Files beside the pages: `robots.txt` (the internal build disallows
//! everything) and the stylesheet of the target groups' colours.

use crate::output::OutputFile;
use crate::view::{group_stylesheet, Audience, View};

/// Where the stylesheet of the target groups' colours goes.
const GROUPS_CSS: &str = "css/groups.css";

/// The extra files of a view.
pub fn files<V: View>(view: &V) -> Vec<OutputFile> {
    let site = view.site();
    let robots = match view.audience() {
        Audience::Public => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        ),
        Audience::Internal => "User-agent: *\nDisallow: /\n".to_string(),
    };
    vec![
        OutputFile::new("robots.txt".into(), robots.into_bytes()),
        OutputFile::new(
            GROUPS_CSS.into(),
            group_stylesheet(&site.catalog.groups).into_bytes(),
        ),
    ]
}
