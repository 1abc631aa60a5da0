//! A site whose regions lie in several federal states groups its region
//! lists by state; a site of one state keeps its plain lists; the start page
//! lists many regions compactly.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Add to the fixture (Teststadt, which names no state) the regions
/// `(slug, name, state)`.
fn add_regions(root: &Path, regions: &[(&str, &str, &str)]) {
    for (slug, name, state) in regions {
        let region = REGION.replacen(
            "name: Teststadt\n",
            &format!("name: {name}\nfederal_state: {state}\n"),
            1,
        );
        write(root, &[(&format!("content/regions/{slug}.yaml"), &region)]);
    }
}

/// Put the fixture's region, Teststadt, in `state`.
fn place_teststadt(root: &Path, state: &str) {
    let path = root.join("content/regions/teststadt.yaml");
    let text = fs::read_to_string(&path).expect("fixture region");
    let placed = format!("name: Teststadt\nfederal_state: {state}\n");
    fs::write(&path, text.replacen("name: Teststadt\n", &placed, 1)).expect("write");
}

fn built(root: &Path) -> std::path::PathBuf {
    let out = root.join("public");
    let output = build(root, "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, root));
    out
}

fn read(out: &Path, page: &str) -> String {
    fs::read_to_string(out.join(page)).unwrap_or_else(|err| panic!("{page}: {err}"))
}

#[test]
fn regions_of_several_states_are_grouped_by_state() {
    let site = fixture();
    add_regions(
        site.path(),
        &[
            ("zwickau", "Zwickau", "sachsen"),
            ("passau", "Passau", "bayern"),
            ("erfurt", "Erfurt", "thueringen"),
            ("bautzen", "Bautzen", "sachsen"),
        ],
    );
    let out = built(site.path());

    let regions = read(&out, "regionen/index.html");
    let nav = &regions[regions.find("<nav class=\"jump\"").expect("state nav")..];
    let nav = &nav[..nav.find("</nav>").expect("nav ends")];
    assert_contains_all(
        nav,
        &[
            "aria-label=\"Regionen nach Bundesland\"",
            "<a href=\"#land-bayern\">Bayern <span class=\"count\">(1)</span></a>",
            "<a href=\"#land-sachsen\">Sachsen <span class=\"count\">(2)</span></a>",
            "<a href=\"#land-ohne-angabe\">Ohne Angabe des Bundeslands <span class=\"count\">(1)</span></a>",
        ],
    );
    // The states alphabetically, the region without one last; the regions
    // of a state by name, their headings a level below the state's.
    let order: Vec<usize> = [
        "<h2 id=\"land-bayern\">Bayern</h2>",
        "Passau</a></h3>",
        "<h2 id=\"land-sachsen\">Sachsen</h2>",
        "Bautzen</a></h3>",
        "Zwickau</a></h3>",
        "<h2 id=\"land-thueringen\">Thüringen</h2>",
        "Erfurt</a></h3>",
        "<h2 id=\"land-ohne-angabe\">Ohne Angabe des Bundeslands</h2>",
        "Teststadt</a></h3>",
    ]
    .iter()
    .map(|part| regions.find(part).unwrap_or_else(|| panic!("{part}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(regions.contains("<section aria-labelledby=\"land-sachsen\">"));

    // Both tables of the comparison: a row group per state.
    let comparison = read(&out, "vergleich/index.html");
    assert_eq!(
        comparison
            .matches("<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"6\">Sachsen</th></tr>")
            .count(),
        1,
        "the facts table"
    );
    assert!(!comparison.contains("table-scroll tall"));
    let institutions = read(&out, "institutionen/index.html");
    assert!(institutions.contains("<h3 data-pagefind-ignore>In den Regionen</h3>"));
    assert!(!institutions.contains("<details"));
    assert!(!read(&out, "daten/index.html").contains("<details"));
    // Five regions stand side by side in the areas table, not in rows.
    assert_eq!(comparison.matches("<th scope=\"rowgroup\"").count(), 4);

    // The region page names its state; the open data has it.
    let page = read(&out, "regionen/passau/index.html");
    assert!(page.contains("<p class=\"meta\">Kreisfreie Stadt · Bayern · Stand"));
    // Search can narrow a region's pages to its state.
    let filter = "<meta data-pagefind-filter=\"Bundesland[content]\" content=\"Bayern\">";
    assert!(page.contains(filter));
    assert!(read(&out, "regionen/passau/matrix/index.html").contains(filter));
    let unplaced = read(&out, "regionen/teststadt/index.html");
    assert!(!unplaced.contains("data-pagefind-filter"));
    let data: serde_json::Value =
        serde_json::from_str(&read(&out, "daten/regionen.json")).expect("JSON");
    let states: Vec<&serde_json::Value> = data["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .map(|region| &region["federal_state"])
        .collect();
    // By name: Bautzen, Erfurt, Passau, Teststadt, Zwickau.
    let expected = serde_json::json!(["sachsen", "thueringen", "bayern", null, "sachsen"]);
    assert_eq!(serde_json::json!(states), expected);

    // Nine regions: the areas table has a row per region, grouped too.
    add_regions(
        site.path(),
        &[
            ("plauen", "Plauen", "sachsen"),
            ("hof", "Hof", "bayern"),
            ("gera", "Gera", "thueringen"),
            ("kiel", "Kiel", "schleswig-holstein"),
        ],
    );
    let out = built(site.path());
    let comparison = read(&out, "vergleich/index.html");
    let areas = &comparison[comparison
        .find("<table class=\"comparison\">")
        .expect("areas")..];
    assert_eq!(areas.matches("<th scope=\"rowgroup\"").count(), 5);
    // Both tables scroll in a box of their own, their headers in view.
    assert_eq!(
        comparison
            .matches("<div class=\"table-scroll tall\"")
            .count(),
        2
    );
    // The open data page folds its list of matrices away, the catalogue
    // each institution's partners.
    let data = read(&out, "daten/index.html");
    assert!(data.contains("<summary>Die Matrizen aller Regionen (9)</summary>"));
    let institutions = read(&out, "institutionen/index.html");
    assert!(institutions.contains(
        "<details class=\"in-regions\" data-pagefind-ignore><summary>In den Regionen (9)</summary><ul"
    ));
    assert!(areas.contains("<th scope=\"rowgroup\" colspan=\"3\">Schleswig-Holstein</th>"));
    // The regions page: a line per region, no cards with summaries.
    let regions = read(&out, "regionen/index.html");
    let kiel = &regions[regions
        .find("<h2 id=\"land-schleswig-holstein\">")
        .expect("Kiel's state")..];
    assert!(kiel.starts_with(
        "<h2 id=\"land-schleswig-holstein\">Schleswig-Holstein</h2>\n  <ul class=\"region-rows\">\n  \
         <li><a href=\"../regionen/kiel/index.html\">Kiel</a> <span class=\"meta\">Kreisfreie Stadt · "
    ));
    assert!(!regions.contains("class=\"card"), "no cards");
}

#[test]
fn regions_of_one_state_keep_their_plain_lists() {
    let site = fixture();
    add_regions(site.path(), &[("zwickau", "Zwickau", "sachsen")]);
    place_teststadt(site.path(), "sachsen");
    let out = built(site.path());
    for page in ["regionen/index.html", "index.html", "vergleich/index.html"] {
        let html = read(&out, page);
        assert!(!html.contains("class=\"jump\""), "{page}");
        assert!(!html.contains("rowgroup"), "{page}");
    }
    let regions = read(&out, "regionen/index.html");
    assert!(
        regions.contains("Zwickau</a></h2>"),
        "cards under the page title"
    );
    let page = read(&out, "regionen/zwickau/index.html");
    assert!(
        !page.contains("data-pagefind-filter"),
        "no filter of one value"
    );
}

#[test]
fn the_start_page_lists_many_regions_compactly() {
    let site = fixture();
    let out = built(site.path());
    let start = read(&out, "index.html");
    assert!(start.contains("<li class=\"card\">"), "a card per region");
    assert!(!start.contains("Alle Regionen"));

    // Nine regions of one state: their names.
    let many: Vec<(String, String)> = (1..=8)
        .map(|n| (format!("ort-{n}"), format!("Ort {n}")))
        .collect();
    let names: Vec<(&str, &str, &str)> = many
        .iter()
        .map(|(slug, name)| (slug.as_str(), name.as_str(), "hessen"))
        .collect();
    add_regions(site.path(), &names);
    place_teststadt(site.path(), "hessen");
    let out = built(site.path());
    let start = read(&out, "index.html");
    assert!(!start.contains("<li class=\"card\">"), "no cards");
    assert_contains_all(
        &start,
        &[
            "<ul class=\"inline-list\"><li><a href=\"regionen/ort-1/index.html\">Ort 1</a></li>",
            "<a href=\"regionen/index.html\">Alle Regionen (9)</a>",
        ],
    );

    // The same in two states: how many per state, linked to the regions page.
    add_regions(site.path(), &[("ort-1", "Ort 1", "saarland")]);
    let out = built(site.path());
    let start = read(&out, "index.html");
    assert_contains_all(
        &start,
        &[
            "<a href=\"regionen/index.html#land-hessen\">Hessen <span class=\"count\">(8)</span></a>",
            "<a href=\"regionen/index.html#land-saarland\">Saarland <span class=\"count\">(1)</span></a>",
            "Alle Regionen (9)",
        ],
    );
    assert!(!start.contains("inline-list"));
}
