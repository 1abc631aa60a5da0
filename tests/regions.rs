//! Region validation rules, each with a fixture and a snapshot of its message,
//! and snapshots of a rendered matrix and of a diagram.

mod common;

use common::*;
use std::fs;

/// (name, file, text to replace, replacement, expected exit code)
const RULES: &[(&str, &str, &str, &str, i32)] = &[
    ("unknown institution type", "content/regions/teststadt.yaml", "    type: jc", "    type: jobcentre", 1),
    ("unknown target group of a partner", "content/regions/teststadt.yaml", "    tasks: Grundsicherung.\n    target_groups: [gestattete]", "    tasks: Grundsicherung.\n    target_groups: [gestatete]", 1),
    ("unknown organiser", "content/regions/teststadt.yaml", "organisers: [aa-test]", "organisers: [aa-tset]", 1),
    ("unknown activity area", "content/regions/teststadt.yaml", "  - area: vermittlung", "  - area: vermitlung", 1),
    ("unknown partner in a matrix cell", "content/regions/teststadt.yaml", "      - partner: jc-test", "      - partner: jc-tset", 1),
    ("unknown target group in a matrix cell", "content/regions/teststadt.yaml", "        groups: []", "        groups: [eu]", 1),
    ("two rows for one area", "content/regions/teststadt.yaml", "handoffs:", "  - area: vermittlung\n    cells: []\nhandoffs:", 1),
    ("one partner twice in a row", "content/regions/teststadt.yaml", "      - partner: jc-test", "      - partner: aa-test", 1),
    ("hand-off from an unknown partner", "content/regions/teststadt.yaml", "  - from: aa-test", "  - from: sa-test", 1),
    ("hand-off to an unknown partner", "content/regions/teststadt.yaml", "    to: jc-test", "    to: abh-test", 1),
    ("hand-off to itself", "content/regions/teststadt.yaml", "    to: jc-test", "    to: aa-test", 1),
    ("unknown proposer", "content/regions/teststadt.yaml", "    proposed_by: aa-test", "    proposed_by: vhs-test", 1),
    ("unknown responsible partner", "content/regions/teststadt.yaml", "    responsible: [aa-test, jc-test]", "    responsible: [aa-test, jc]", 1),
    ("vote at an unknown meeting", "content/regions/teststadt.yaml", "      meeting: ws-1", "      meeting: ws-2", 1),
    ("more votes than participants", "content/regions/teststadt.yaml", "      yes: 15", "      yes: 16", 1),
    ("more votes than participants, summed past 2^32", "content/regions/teststadt.yaml", "      yes: 15", "      yes: 4294967295", 1),
    ("duplicate partner id", "content/regions/teststadt.yaml", "  - id: jc-test", "  - id: aa-test", 1),
    ("duplicate meeting id", "content/regions/teststadt.yaml", "matrix:", "  - id: ws-1\n    kind: exchange\n    title: Zweites Treffen\n    date: 2025-06-01\n    participants: 12\n    decision_makers: true\nmatrix:", 1),
    ("invalid date", "content/regions/teststadt.yaml", "    date: 2025-03-01", "    date: 2025-02-30", 1),
    ("invalid e-mail address", "content/regions/teststadt.yaml", "k.beispiel@example.org", "k.beispiel-example.org", 1),
    ("unknown kind of region", "content/regions/teststadt.yaml", "kind: kreisfreie-stadt", "kind: grossstadt", 1),
    ("unknown federal state", "content/regions/teststadt.yaml", "kind: kreisfreie-stadt\n", "kind: kreisfreie-stadt\nfederal_state: sachen\n", 1),
    ("unknown level", "content/regions/teststadt.yaml", "        level: involved", "        level: helps", 1),
    ("target group without glossary term", "content/catalog/target-groups.yaml", "  term: gestattung", "  term: gestattete", 1),
    ("empty region name", "content/regions/teststadt.yaml", "name: Teststadt", "name: \"  \"", 1),
    ("partner name null", "content/regions/teststadt.yaml", "    name: Jobcenter Teststadt", "    name: ~", 1),
    ("meeting title null", "content/regions/teststadt.yaml", "    title: Erster Workshop", "    title: null", 1),
    ("two target groups with one symbol", "content/catalog/target-groups.yaml", "  term: gestattung\n", "  term: gestattung\n- id: geduldete\n  symbol: a\n  name: Geduldete\n  colour: \"#1f5f8b\"\n  term: duldung\n", 1),
    ("target group colour too light", "content/catalog/target-groups.yaml", "#8a4b08", "#f0e0a0", 1),
    ("stage with unknown institution", "content/catalog/path.yaml", "[aa, jc]", "[aa, abh]", 1),
    ("warning: more than 25 participants", "content/regions/teststadt.yaml", "participants: 20", "participants: 26", 0),
    ("warning: workshop without decision-makers", "content/regions/teststadt.yaml", "decision_makers: true", "decision_makers: false", 0),
    ("warning: contact not confirmed for 12 months", "content/regions/teststadt.yaml", "        confirmed: 2025-10-01", "        confirmed: 2024-10-01", 0),
    ("warning: adopted without a vote", "content/regions/teststadt.yaml", "    vote:\n      meeting: ws-1\n      yes: 15\n      no: 2\n      abstain: 3\n", "", 0),
    ("warning: no organiser", "content/regions/teststadt.yaml", "organisers: [aa-test]", "organisers: []", 0),
];

#[test]
fn every_validation_rule_reports_its_location() {
    let mut report = String::new();
    for (name, file, from, to, code) in RULES {
        let site = fixture();
        let path = site.path().join(file);
        let text = fs::read_to_string(&path).expect("fixture file");
        assert!(text.contains(from), "{name}: {file} lacks {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write change");
        let output = run(&["check", "--root", &site.path().display().to_string()]);
        assert_eq!(
            output.status.code(),
            Some(*code),
            "{name}: {}",
            stderr(&output, site.path())
        );
        let message = stderr(&output, site.path());
        assert!(
            message.contains(&format!("--> {file}:")),
            "{name}: no location in {message}"
        );
        report.push_str(&format!("## {name}\n{message}\n"));
    }
    insta::assert_snapshot!(report);
}

/// A missing catalogue file is one error, not one per reference to it.
#[test]
fn a_missing_catalogue_file_is_one_error() {
    for (file, what) in [
        ("content/catalog/target-groups.yaml", "target groups"),
        ("content/catalog/institutions.yaml", "institution types"),
        ("content/catalog/areas.yaml", "activity areas"),
    ] {
        let site = fixture();
        fs::remove_file(site.path().join(file)).expect("remove");
        let output = run(&["check", "--root", &site.path().display().to_string()]);
        let message = stderr(&output, site.path());
        assert_eq!(output.status.code(), Some(1), "{file}: {message}");
        assert!(
            message.contains(&format!("the catalogue of {what} is missing"))
                && message.contains(&format!("--> {file}"))
                && message.contains("1 error(s)"),
            "{file}: {message}"
        );
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("start marker");
    let to = text[from..].find(end).expect("end marker") + from + end.len();
    &text[from..to]
}

#[test]
fn matrix_renders_as_an_accessible_table() {
    let site = fixture();
    let out = site.path().join("public");
    assert!(build(site.path(), "public", &out).status.success());
    let page =
        fs::read_to_string(out.join("regionen/teststadt/matrix/index.html")).expect("matrix page");
    let table = between(&page, "<table class=\"matrix\">", "</table>");
    assert!(table.contains("<caption"));
    assert!(table.contains("<th scope=\"col\">"));
    assert!(table.contains("<th scope=\"row\">"));
    insta::assert_snapshot!(table);
    assert!(
        page.contains("class=\"legend\""),
        "legend on the matrix page"
    );
    // The badges' colours come from a stylesheet the page links, one rule
    // per target group of the catalogue, in its order.
    assert!(page.contains("href=\"../../../css/groups.css\""), "{page}");
    let groups = fs::read_to_string(out.join("css/groups.css")).expect("groups.css");
    assert!(
        groups.starts_with(".tg-1 { background-color: #8a4b08; }\n"),
        "{groups}"
    );
}

#[test]
fn diagrams_are_well_formed_deterministic_svg() {
    let site = fixture();
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    assert!(build(site.path(), "public", &a).status.success());
    assert!(build(site.path(), "public", &b).status.success());
    let page_a = fs::read_to_string(a.join("regionen/teststadt/index.html")).expect("overview");
    let page_b = fs::read_to_string(b.join("regionen/teststadt/index.html")).expect("overview");
    let network = between(&page_a, "<svg", "</svg>");
    assert_eq!(network, between(&page_b, "<svg", "</svg>"));
    for svg in [
        network,
        between(
            &fs::read_to_string(a.join("weg/index.html")).expect("path page"),
            "<svg",
            "</svg>",
        ),
    ] {
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(err) => panic!("SVG is not well-formed XML: {err}"),
            }
        }
        assert_eq!(depth, 0, "balanced elements");
        assert!(svg.contains("<title id="), "SVG has a title");
        assert!(svg.contains("<desc id="), "SVG has a description");
        assert!(svg.contains("role=\"img\""));
    }
    insta::assert_snapshot!(network);
}

/// The header row of the comparison's areas table.
fn areas_header(comparison: &str) -> &str {
    let table = &comparison[comparison
        .find("<table class=\"comparison\">")
        .expect("areas table")..];
    let head = &table[table.find("<thead>").expect("head")..];
    &head[..head.find("</thead>").expect("head ends")]
}

#[test]
fn the_comparison_shows_few_regions_side_by_side_and_many_a_row_each() {
    let site = fixture();
    let out = site.path().join("public");
    assert!(build(site.path(), "public", &out).status.success());
    let comparison = fs::read_to_string(out.join("vergleich/index.html")).expect("comparison");
    let head = areas_header(&comparison);
    assert!(
        head.contains(">Teststadt</th>"),
        "a column per region: {head}"
    );
    assert!(!head.contains("Arbeitsvermittlung"), "{head}");

    for n in 1..=8 {
        let region = REGION.replace("name: Teststadt", &format!("name: Teststadt {n}"));
        write(
            site.path(),
            &[(&format!("content/regions/teststadt-{n}.yaml"), &region)],
        );
    }
    let output = build(site.path(), "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let comparison = fs::read_to_string(out.join("vergleich/index.html")).expect("comparison");
    let head = areas_header(&comparison);
    assert!(
        head.contains(">Arbeitsvermittlung</th>") && head.contains(">Erstberatung</th>"),
        "a column per area: {head}"
    );
    assert!(!head.contains("Teststadt"), "{head}");
    for slug in ["teststadt", "teststadt-1", "teststadt-8"] {
        let row = format!("<tr><th scope=\"row\"><a href=\"../regionen/{slug}/index.html\">");
        assert_eq!(
            comparison.matches(&row).count(),
            2,
            "a row in both tables: {slug}"
        );
    }
}

#[test]
fn comparison_institutions_and_start_page_show_regions() {
    let site = fixture();
    let out = site.path().join("public");
    assert!(build(site.path(), "public", &out).status.success());
    let start = fs::read_to_string(out.join("index.html")).expect("start page");
    assert!(start.contains("Teststadt"));
    assert!(
        start.contains("Fallkonferenz"),
        "latest adopted recommendation"
    );
    let comparison = fs::read_to_string(out.join("vergleich/index.html")).expect("comparison");
    assert!(
        comparison.contains("Agentur für Arbeit Teststadt"),
        "lead partner per area"
    );
    let institutions = fs::read_to_string(out.join("institutionen/index.html")).expect("catalogue");
    assert!(institutions.contains("SGB III"));
    let paper = fs::read_to_string(out.join("regionen/teststadt/schnittstellenpapier/index.html"))
        .expect("paper");
    assert!(
        paper.contains(
            "@bottom-left { content: \"Schnittstellenpapier Teststadt · Stand 01.10.2025\""
        ),
        "Stand on every printed page"
    );
    assert!(
        paper.contains("A = Gestattete"),
        "legend on every printed page"
    );
    assert!(paper.contains("15 dafür, 2 dagegen, 3 Enthaltungen"));
    assert!(!paper.contains("Katrin"), "no contact in the public paper");
}
