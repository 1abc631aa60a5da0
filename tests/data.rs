//! Integration tests of the files beside the pages: sitemap, Atom feed, open
//! data (JSON, CSV), page titles and descriptions, and `dienstweg init`.

mod common;

use common::*;
use dienstweg::view::Audience;
use quick_xml::events::Event;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// A second region with recommendations voted at different dates (and one
/// not voted), so the feed has something to order.
const REGION_2: &str = "name: Zweitstadt\nkind: landkreis\nsummary: Ein zweiter Ort.\nexample_data: true\nnetwork_status: one-off\nstand: 2025-07-01\norganisers: [aa-z]\npartners:\n  - id: aa-z\n    name: Agentur für Arbeit Zweitstadt\n    type: aa\n    tasks: Vermittlung.\n  - id: jc-z\n    name: Jobcenter Zweitstadt\n    type: jc\n    tasks: Grundsicherung.\nmeetings:\n  - id: alt\n    kind: workshop\n    title: Alter Workshop\n    date: 2024-02-01\n    participants: 12\n    decision_makers: true\n  - id: neu\n    kind: exchange\n    title: Neue Runde\n    date: 2025-06-01\n    participants: 10\n    decision_makers: true\nmatrix:\n  - area: beratung\n    cells:\n      - partner: jc-z\n        level: informs\n  - area: vermittlung\n    cells:\n      - partner: aa-z\n        level: lead\n        groups: [gestattete]\nrecommendations:\n  - id: neu-beschlossen\n    title: Neue Empfehlung\n    text: Siehe [[Duldung]] & mehr.\n    proposed_by: aa-z\n    status: adopted\n    vote: {meeting: neu, yes: 8, no: 1, abstain: 1}\n  - id: alt-umgesetzt\n    title: Alte Empfehlung\n    text: Umgesetzt.\n    proposed_by: jc-z\n    status: done\n    vote: {meeting: alt, yes: 10, no: 0, abstain: 2}\n  - id: nur-vorgeschlagen\n    title: Nur vorgeschlagen\n    text: Noch offen.\n    proposed_by: jc-z\n    status: proposed\n";

/// The fixture with a second region, built public into `<site>/public`.
fn built_fixture(audience: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture();
    write(
        site.path(),
        &[("content/regions/zweitstadt.yaml", REGION_2)],
    );
    let out = site.path().join(audience);
    let output = build(site.path(), audience, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (site, out)
}

/// Check that `xml` is well-formed (tags balanced, one root, entities known)
/// and return its elements as (path of tag names, text).
fn parse_xml(xml: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut texts: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) => {
                if stack.is_empty() {
                    roots += 1;
                }
                stack.push(tag.name().as_ref().to_string());
                texts.push((stack.join("/"), String::new()));
            }
            Event::Empty(tag) => {
                let name = tag.name().as_ref().to_string();
                texts.push((format!("{}/{name}", stack.join("/")), String::new()));
            }
            Event::End(_) => {
                stack.pop().expect("end tag without start tag");
            }
            Event::Text(text) => {
                if let Some(open) = texts.iter_mut().rev().find(|(p, _)| *p == stack.join("/")) {
                    open.1.push_str(&text);
                }
            }
            Event::GeneralRef(entity) => {
                let name = entity.to_string();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str())
                        || name.starts_with('#'),
                    "undefined entity &{name};"
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "an XML document has one root element");
    texts
}

fn values<'a>(elements: &'a [(String, String)], path: &str) -> Vec<&'a str> {
    elements
        .iter()
        .filter(|(p, _)| p == path)
        .map(|(_, text)| text.as_str())
        .collect()
}

fn html_pages(out: &Path) -> Vec<(String, String)> {
    read_tree(out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8 page")))
        .collect()
}

#[test]
fn sitemap_lists_every_listed_page_and_only_public_urls() {
    let (_site, out) = built_fixture("public");
    let xml = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    let elements = parse_xml(&xml);
    let locs: Vec<&str> = values(&elements, "urlset/url/loc");
    let mut sorted = locs.clone();
    sorted.sort_unstable();
    assert_eq!(locs, sorted, "sitemap is sorted");
    let expected: BTreeSet<String> = html_pages(&out)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path != "404.html" && path != "suche/index.html")
        .map(|path| {
            format!(
                "https://test.example.org/{}",
                path.strip_suffix("index.html").unwrap_or(&path)
            )
        })
        .collect();
    let listed: BTreeSet<String> = locs.iter().map(|l| l.to_string()).collect();
    assert_eq!(listed, expected);
    assert!(listed.contains("https://test.example.org/daten/"));
    // lastmod only from content dates: the region's `stand`.
    assert!(xml.contains(
        "<loc>https://test.example.org/regionen/teststadt/matrix/</loc><lastmod>2025-10-01</lastmod>"
    ));
    assert!(xml.contains("<loc>https://test.example.org/</loc></url>"));
    let robots = fs::read_to_string(out.join("robots.txt")).expect("robots");
    assert!(robots.contains("Sitemap: https://test.example.org/sitemap.xml"));
}

#[test]
fn feed_is_well_formed_atom_newest_first() {
    let (_site, out) = built_fixture("public");
    let xml = fs::read_to_string(out.join("feed.xml")).expect("feed");
    let elements = parse_xml(&xml);
    let ids = values(&elements, "feed/entry/id");
    let base = "https://test.example.org/regionen/";
    assert_eq!(
        ids,
        vec![
            format!("{base}zweitstadt/empfehlungen/#empfehlung-neu-beschlossen"),
            format!("{base}teststadt/empfehlungen/#empfehlung-fallkonferenz"),
            format!("{base}zweitstadt/empfehlungen/#empfehlung-alt-umgesetzt"),
        ],
        "adopted or done, with a vote, newest vote first; proposed left out"
    );
    let updated = values(&elements, "feed/entry/updated");
    assert_eq!(
        updated,
        vec![
            "2025-06-01T00:00:00Z",
            "2025-03-01T00:00:00Z",
            "2024-02-01T00:00:00Z"
        ]
    );
    assert_eq!(
        values(&elements, "feed/updated"),
        vec!["2025-06-01T00:00:00Z"]
    );
    assert_eq!(values(&elements, "feed/id").len(), 1);
    // Each entry links to an anchor that exists on the region's page.
    let page = fs::read_to_string(out.join("regionen/teststadt/empfehlungen/index.html"))
        .expect("recommendations page");
    assert!(page.contains("id=\"empfehlung-fallkonferenz\""));
    // Links inside entry content are absolute.
    assert!(xml.contains("href=&quot;https://test.example.org/glossar/duldung/&quot;"));
    // Every page announces the feed.
    let index = fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Beschlossene Handlungsempfehlungen\" href=\"feed.xml\">"
    ));
}

#[test]
fn feed_keeps_the_fifty_newest_recommendations() {
    let site = fixture();
    let mut region = String::from("name: Vielstadt\nkind: landkreis\nsummary: Viele Empfehlungen.\nnetwork_status: regular\nstand: 2025-07-01\npartners:\n  - id: aa-v\n    name: Agentur für Arbeit Vielstadt\n    type: aa\n    tasks: Vermittlung.\nmeetings:\n");
    for day in 1..=28 {
        region.push_str(&format!("  - id: m{day}\n    kind: exchange\n    title: Runde {day}\n    date: 2024-02-{day:02}\n    participants: 5\n    decision_makers: true\n"));
    }
    region.push_str("recommendations:\n");
    for day in 1..=28 {
        for half in ["a", "b"] {
            region.push_str(&format!("  - id: e{day}{half}\n    title: Empfehlung {day}{half}\n    text: Text.\n    proposed_by: aa-v\n    status: done\n    vote: {{meeting: m{day}, yes: 5, no: 0, abstain: 0}}\n"));
        }
    }
    write(site.path(), &[("content/regions/vielstadt.yaml", &region)]);
    let out = site.path().join("public");
    let output = build(site.path(), "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let xml = fs::read_to_string(out.join("feed.xml")).expect("feed");
    let elements = parse_xml(&xml);
    let updated = values(&elements, "feed/entry/updated");
    assert_eq!(
        updated.len(),
        50,
        "57 voted recommendations, 50 in the feed"
    );
    assert_eq!(updated[0], "2025-03-01T00:00:00Z", "the fixture's, newest");
    assert_eq!(updated[49], "2024-02-04T00:00:00Z", "1 + 2 × 24 days + 1");
    assert_eq!(
        values(&elements, "feed/updated"),
        vec!["2025-03-01T00:00:00Z"]
    );
}

#[test]
fn open_data_parses_and_holds_no_contact_values() {
    let (_site, out) = built_fixture("public");
    for (path, bytes) in read_tree(&out.join("daten")) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "Katrin Beispiel",
            "23125",
            "k.beispiel@example.org",
            "Musterstraße 1",
            "Raum 2.14",
            "Rückrufzeiten",
            "Tresor",
        ] {
            assert!(!text.contains(secret), "daten/{path} holds `{secret}`");
        }
    }
    let json = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&fs::read(out.join("daten").join(name)).expect("data file"))
            .expect("valid JSON")
    };
    let regions = json("regionen.json");
    assert_eq!(regions["format_version"], 1);
    assert!(regions["generated_from"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
    let teststadt = &regions["regions"][0];
    assert_eq!(teststadt["slug"], "teststadt");
    let partner = &teststadt["partners"][0];
    assert_eq!(partner["name"], "Agentur für Arbeit Teststadt");
    assert!(partner.get("contacts").is_none());
    assert_eq!(teststadt["handoffs"][0]["trigger"], "Anerkennung");
    let rec = &teststadt["recommendations"][0];
    assert_eq!(rec["vote"]["date"], "2025-03-01");
    assert_eq!(rec["vote"]["yes"], 15);
    // Partners are referred to by id, as in the matrix, with their names beside.
    assert_eq!(rec["proposed_by_id"], "aa-test");
    assert_eq!(rec["proposed_by"], "Agentur für Arbeit Teststadt");
    assert_eq!(
        rec["responsible_ids"],
        serde_json::json!(["aa-test", "jc-test"])
    );
    assert_eq!(
        rec["responsible"],
        serde_json::json!(["Agentur für Arbeit Teststadt", "Jobcenter Teststadt"])
    );
    assert_eq!(
        teststadt["matrix"]["rows"][0]["cells"][0],
        serde_json::json!({"partner": "aa-test", "level": "lead", "target_groups": ["gestattete"]})
    );
    let glossary = json("glossar.json");
    assert_eq!(glossary["terms"].as_array().map(Vec::len), Some(2));
    assert!(glossary["terms"][0]["definition_html"].is_string());
    let catalog = json("katalog.json");
    assert_eq!(catalog["target_groups"][0]["symbol"], "A");
    assert_eq!(catalog["institutions"].as_array().map(Vec::len), Some(2));
}

/// Without a licence, the data say so (`null`) and the data page asks
/// reusers to ask; with one, every page's footer, the data page, each JSON
/// file and the feed name it.
#[test]
fn the_licence_is_named_wherever_the_data_go_or_its_absence_is_said() {
    let (site, out) = built_fixture("public");
    let regions: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("daten/regionen.json")).expect("json"))
            .expect("regions.json parses");
    assert!(regions["site"]["licence"].is_null(), "{}", regions["site"]);
    let data_page = fs::read_to_string(out.join("daten/index.html")).expect("data page");
    assert!(
        data_page.contains("ist keine Lizenz angegeben"),
        "{data_page}"
    );
    assert!(!fs::read_to_string(out.join("feed.xml"))
        .expect("feed")
        .contains("<rights>"));

    let licensed = SITE.to_string()
        + "licence:\n  name: CC BY 4.0\n  url: \"https://creativecommons.org/licenses/by/4.0/deed.de\"\n";
    write(site.path(), &[("content/site.yaml", &licensed)]);
    let output = build(site.path(), "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let url = "https://creativecommons.org/licenses/by/4.0/deed.de";
    let link = format!("<a href=\"{url}\" rel=\"license\">CC BY 4.0</a>");
    // Autoescaping writes `/` in attribute values as `&#x2f;`.
    let unescaped = |html: String| html.replace("&#x2f;", "/");
    for (path, html) in html_pages(&out) {
        let html = unescaped(html);
        assert!(
            html.contains(&format!("Lizenz: {link}")),
            "no licence in the footer of {path}"
        );
    }
    let data_page = unescaped(fs::read_to_string(out.join("daten/index.html")).expect("data page"));
    assert!(
        data_page.contains(&format!("stehen unter der folgenden Lizenz: {link}.")),
        "{data_page}"
    );
    for name in ["regionen.json", "glossar.json", "katalog.json"] {
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("daten").join(name)).expect("json"))
                .expect("parses");
        assert_eq!(
            json["site"]["licence"],
            serde_json::json!({"name": "CC BY 4.0", "url": url}),
            "{name}"
        );
    }
    let feed = fs::read_to_string(out.join("feed.xml")).expect("feed");
    assert_eq!(
        values(&parse_xml(&feed), "feed/rights"),
        vec![format!("CC BY 4.0 ({url})")]
    );

    // A licence without a web address is an error at its line.
    let broken = SITE.to_string() + "licence:\n  name: CC BY 4.0\n  url: creativecommons.org\n";
    write(site.path(), &[("content/site.yaml", &broken)]);
    assert_contains_all(
        &check_fails(site.path()),
        &[
            "the licence's `url` must be an absolute web address, but is `creativecommons.org`",
            "--> content/site.yaml:17:8",
        ],
    );
}

#[test]
fn matrix_csv_has_a_row_per_area_and_a_column_per_partner() {
    let built = dienstweg::build_site(&repo(), Audience::Public).expect("shipped site builds");
    let file = |path: &str| {
        built
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.bytes.clone())
            .unwrap_or_else(|| panic!("missing {path}"))
    };
    let regions: serde_json::Value =
        serde_json::from_slice(&file("daten/regionen.json")).expect("valid JSON");
    let regions = regions["regions"].as_array().expect("regions");
    assert_eq!(regions.len(), 4);
    for region in regions {
        let slug = region["slug"].as_str().expect("slug");
        let bytes = file(&format!("daten/regionen/{slug}-matrix.csv"));
        let text = String::from_utf8(bytes).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("byte order mark");
        assert!(text.ends_with("\r\n"));
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        let rows = region["matrix"]["rows"].as_array().expect("rows");
        let columns = region["matrix"]["columns"].as_array().expect("columns");
        assert_eq!(
            lines.len(),
            rows.len() + 1,
            "{slug}: header + one line per area"
        );
        assert!(lines[0].starts_with("Tätigkeitsbereich;"));
        for line in &lines {
            assert_eq!(
                line.split(';').count(),
                columns.len() + 1,
                "{slug}: `{line}`"
            );
        }
        // Cells say the level and the target groups' letters.
        for (row, line) in rows.iter().zip(&lines[1..]) {
            let fields: Vec<&str> = line.split(';').collect();
            assert_eq!(fields[0], row["area_name"].as_str().expect("area name"));
            let filled = fields[1..].iter().filter(|f| !f.is_empty()).count();
            assert_eq!(filled, row["cells"].as_array().map_or(0, Vec::len));
        }
    }
    assert_eq!(
        dienstweg::check::links::broken_links(&built.files),
        Vec::new()
    );
}

#[test]
fn internal_build_has_no_sitemap_feed_or_open_data() {
    let (_site, out) = built_fixture("internal");
    assert!(!out.join("sitemap.xml").exists());
    assert!(!out.join("feed.xml").exists());
    assert!(!out.join("daten").exists());
    for (path, html) in html_pages(&out) {
        assert!(!html.contains("daten/"), "{path} links open data");
        assert!(!html.contains("feed.xml"), "{path} links the feed");
    }
    let site = fixture();
    let built = dienstweg::build_site(site.path(), Audience::Internal).expect("internal build");
    assert_eq!(
        dienstweg::check::links::broken_links(&built.files),
        Vec::new()
    );
}

#[test]
fn every_page_has_a_title_and_a_description() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    assert!(build(&repo(), "public", &target).status.success());
    let mut titles = BTreeSet::new();
    let default = "Praxisleitfaden, Glossar, Matrizen und Schnittstellenpapiere";
    for (path, html) in html_pages(&target) {
        let title = html
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(title, _)| title)
            .unwrap_or_else(|| panic!("{path} has no title"));
        assert!(!title.trim().is_empty(), "{path} has an empty title");
        assert!(titles.insert(title.to_string()), "{path} repeats `{title}`");
        let description = html
            .split_once("<meta name=\"description\" content=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(d, _)| d)
            .unwrap_or_else(|| panic!("{path} has no description"));
        assert!(description.len() > 20, "{path}: `{description}`");
        if path != "index.html" {
            assert!(
                !description.starts_with(default),
                "{path} falls back to the site's description"
            );
        }
        // Internal links are relative and readable (not `/…` or `&#x2f;`),
        // so the site works from the file system.
        for (_, rest) in html
            .match_indices(" href=\"")
            .map(|(i, _)| html.split_at(i + 7))
        {
            let link = rest.split('"').next().unwrap_or("");
            let external = link.contains(':'); // https:, mailto:, tel:
            assert!(
                external || !(link.starts_with('/') || link.contains("&#x2f;")),
                "{path}: `{link}`"
            );
        }
        if let Some(rest) = path.strip_prefix("regionen/leipzig/") {
            assert!(description.contains("Leipzig"), "{rest}: `{description}`");
        }
    }
}

#[test]
fn init_makes_a_starter_site_that_checks_and_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("meine-region");
    let root_arg = root.display().to_string();
    let output = run(&["init", &root_arg]);
    assert!(output.status.success(), "{}", stderr(&output, dir.path()));
    for file in [
        "content/site.yaml",
        "content/catalog/institutions.yaml",
        "content/glossary/duldung.md",
        "content/regions/beispielstadt.yaml",
        ".gitignore",
    ] {
        assert!(root.join(file).is_file(), "missing {file}");
    }
    let guide = fs::read_dir(root.join("content/guide"))
        .expect("guide")
        .count();
    assert_eq!(guide, 2);
    let site_yaml = fs::read_to_string(root.join("content/site.yaml")).expect("site.yaml");
    assert!(site_yaml.contains("base_url: \"https://example.org/\""));
    assert!(site_yaml.contains("upstream_url: \"https://regionalworkshop.example.org/\""));

    let check = run(&["check", "--root", &root_arg]);
    let warnings = stderr(&check, dir.path());
    assert!(check.status.success(), "{warnings}");
    assert!(String::from_utf8_lossy(&check.stdout).contains("no errors"));
    // Each placeholder to replace is named; the example contact was
    // confirmed today, so it is not stale.
    assert_contains_all(
        &warnings,
        &[
            "warning: `name` still holds the starter's placeholder `Beispielverein e.V. (bitte ersetzen)`",
            "warning: `base_url` still holds the starter's placeholder `https://example.org/`",
            "warning: `city` still holds the starter's placeholder `00000 Beispielstadt`",
        ],
    );
    assert!(!warnings.contains("not confirmed"), "{warnings}");
    let region =
        fs::read_to_string(root.join("content/regions/beispielstadt.yaml")).expect("region");
    assert!(
        region.contains("confirmed: 2025-11-25"),
        "SOURCE_DATE_EPOCH's day"
    );
    assert!(!region.contains("{{today}}"));

    let out = root.join("public");
    let output = build(&root, "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, dir.path()));
    for page in [
        "index.html",
        "leitfaden/konzept/index.html",
        "leitfaden/erste-schritte/index.html",
        "regionen/beispielstadt/index.html",
        "regionen/beispielstadt/schnittstellenpapier/index.html",
        "glossar/duldung/index.html",
        "daten/regionen/beispielstadt-matrix.csv",
        "feed.xml",
        "sitemap.xml",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let concept = fs::read_to_string(out.join("leitfaden/konzept/index.html")).expect("page");
    assert!(concept.contains("href=\"https://regionalworkshop.example.org/leitfaden/\""));
    assert!(!concept.contains("{{upstream}}"));
    let internal = build(&root, "internal", &root.join("internal"));
    assert!(
        internal.status.success(),
        "{}",
        stderr(&internal, dir.path())
    );

    // A second init into the now non-empty folder is a usage error.
    let again = run(&["init", &root_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again, dir.path()).contains("not empty"));

    // Nor in a build's output, which the next build would replace.
    let inside = out.join("neu");
    let refused = run(&["init", &inside.display().to_string()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused, dir.path()).contains("the output of a build"));
    assert!(!inside.exists());

    // A fresh repository is fine, and the next steps are one shell word.
    let repository = dir.path().join("mit leer zeichen");
    fs::create_dir_all(repository.join(".git")).expect(".git");
    let output = run(&["init", &repository.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output, dir.path()));
    assert!(String::from_utf8_lossy(&output.stdout).contains(&format!(
        "dienstweg check --root '{}'",
        repository.display()
    )));
}
