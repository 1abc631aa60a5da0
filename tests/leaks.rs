//! The leak scan, adversarially: contact data and internal text planted in
//! every kind of public place and spelling must fail the public build with a
//! message naming the output file and the content file, and leave the previous
//! output as it was. A clean site must pass.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// (case, file, text to replace, replacement).
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "name in Markdown text",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nRufen Sie Katrin Beispiel an.\n",
    ),
    (
        "e-mail as a link target",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n[Schreiben Sie uns](mailto:k.beispiel@example.org).\n",
    ),
    (
        "name in an unquoted attribute value, its last word an attribute name",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nDas <abbr title=Katrin Beispiel>KB</abbr>-Team.\n",
    ),
    (
        "name glued to the word before it in a heading",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n## AnsprechpartnerinKatrin Beispiel\n",
    ),
    (
        "name glued to a number in a recommendation",
        "content/regions/teststadt.yaml",
        "text: Regelmäßige Fallkonferenz.",
        "text: Regelmäßige Fallkonferenz ab 2026Katrin Beispiel.",
    ),
    (
        "name as image alt text",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n![Katrin Beispiel](/bild.png)\n",
    ),
    (
        "name in a recommendation",
        "content/regions/teststadt.yaml",
        "text: Regelmäßige Fallkonferenz.",
        "text: Regelmäßige Fallkonferenz, Einladung durch Katrin Beispiel.",
    ),
    (
        "name in a title attribute",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nDas <abbr title=\"Katrin Beispiel\">KB</abbr>-Team.\n",
    ),
    (
        "name in a partner name, so in the matrix CSV cell",
        "content/regions/teststadt.yaml",
        "    name: Jobcenter Teststadt",
        "    name: Jobcenter Teststadt (Katrin Beispiel)",
    ),
    (
        "phone in a table cell",
        "content/regions/teststadt.yaml",
        "passes: Akte",
        "passes: \"Akte, Rückfragen unter 030 23125 101\"",
    ),
    (
        "e-mail in a Markdown table cell",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n| Stelle | Kontakt |\n|---|---|\n| AA | k.beispiel@example.org |\n",
    ),
    (
        "e-mail percent-encoded in a URL",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n[Mail](mailto:k.beispiel%40example.org)\n",
    ),
    (
        "e-mail written with HTML entities",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nMail: k.beispiel&#64;example&#46;org\n",
    ),
    (
        "name split by markup",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nKat<b>rin</b> <em>Beispiel</em> hilft.\n",
    ),
    (
        "phone written differently",
        "content/glossary/duldung.md",
        "Die Duldung setzt die Abschiebung aus.",
        "Die Duldung setzt die Abschiebung aus. Auskunft: 030/23125-101.",
    ),
    (
        "phone in fullwidth digits",
        "content/glossary/duldung.md",
        "Die Duldung setzt die Abschiebung aus.",
        "Die Duldung setzt die Abschiebung aus. Auskunft: ＋４９ ３０ ２３１２５ １０１.",
    ),
    (
        "phone in mathematical bold digits, with middle dots",
        "content/glossary/duldung.md",
        "Die Duldung setzt die Abschiebung aus.",
        "Die Duldung setzt die Abschiebung aus. Auskunft: 𝟬𝟯𝟬 · 𝟮𝟯𝟭𝟮𝟱 · 𝟭𝟬𝟭.",
    ),
    (
        "phone disguised as a case number or an amount",
        "content/glossary/duldung.md",
        "Die Duldung setzt die Abschiebung aus.",
        "Die Duldung setzt die Abschiebung aus. Az. 030/23125-101, Kosten 030 23125 101 €.",
    ),
    (
        "phone as a tel: link",
        "content/guide/schritte.md",
        "Zweite Seite",
        "[Anrufen](tel:+493023125101) Zweite Seite",
    ),
    (
        "address in a region summary",
        "content/regions/teststadt.yaml",
        "summary: Eine Teststadt.",
        "summary: Eine Teststadt, Treffpunkt Musterstr. 1.",
    ),
    (
        "room in a meeting title",
        "content/regions/teststadt.yaml",
        "title: Erster Workshop",
        "title: Erster Workshop in Raum 2.14",
    ),
    (
        "name reversed in a partner name",
        "content/regions/teststadt.yaml",
        "name: Jobcenter Teststadt",
        "name: Jobcenter Teststadt (Beispiel, Katrin)",
    ),
    (
        "e-mail obfuscated",
        "content/catalog/institutions.yaml",
        "tasks: Grundsicherung.",
        "tasks: Grundsicherung, k.beispiel (at) example.org.",
    ),
    (
        "internal note in public text",
        "content/guide/schritte.md",
        "Zweite Seite",
        "Interne Rückrufzeiten nur dienstags nachmittags. Zweite Seite",
    ),
    (
        "internal passage copied into a glossary term",
        "content/glossary/gestattung.md",
        "Die Gestattung gilt während des Verfahrens.",
        "Die Gestattung gilt während des Verfahrens. Nur für die Organisatoren: Liste liegt im Tresor.",
    ),
    (
        "name with a direction mark inside",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nRufen Sie Kat\u{202a}rin Beispiel an.\n",
    ),
    (
        "phone with a soft hyphen between its digits",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nTelefon 030 231&shy;25 101\n",
    ),
    (
        "name in a CDATA section",
        "content/guide/konzept.md",
        "\nText.\n",
        "\n<svg><text><![CDATA[Katrin Beispiel]]></text></svg>\n",
    ),
    (
        "internal passage copied, ending otherwise and transliterated",
        "content/glossary/gestattung.md",
        "Die Gestattung gilt während des Verfahrens.",
        "Die Gestattung gilt während des Verfahrens. Nur fuer die Organisatoren: Liste liegt im Tresor!",
    ),
    (
        "unknown e-mail address",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nFragen an info@beratung-teststadt.example.net.\n",
    ),
    (
        "unknown phone number",
        "content/guide/konzept.md",
        "\nText.\n",
        "\nHotline: (0351) 987 654 32\n",
    ),
];

#[test]
fn planted_contact_data_fails_the_public_build_precisely_and_touches_nothing() {
    let clean = fixture();
    let clean_out = clean.path().join("public");
    let output = build(clean.path(), "public", &clean_out);
    assert!(output.status.success(), "{}", stderr(&output, clean.path()));
    let before = read_tree(&clean_out);

    let mut report = String::new();
    for (case, file, from, to) in CASES {
        let site = fixture();
        let out = site.path().join("public");
        for (path, bytes) in &before {
            let target = out.join(path);
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::write(target, bytes).expect("copy clean output");
        }
        plant(site.path(), file, from, to);
        let output = build(site.path(), "public", &out);
        let message = stderr(&output, site.path());
        assert_eq!(output.status.code(), Some(1), "{case}: {message}");
        assert!(message.contains("leak: output file"), "{case}: {message}");
        assert!(
            message.contains(&format!("--> {file}")),
            "{case}: the message names {file}: {message}"
        );
        assert!(
            read_tree(&out) == before,
            "{case}: the previous output changed"
        );
        // Files are written into a staging folder as they pass the scan; it
        // goes with the failed build.
        let leftovers = leftovers(site.path());
        assert!(leftovers.is_empty(), "{case}: left behind: {leftovers:?}");
        report.push_str(&format!("## {case}\n{}\n", without_index_hashes(&message)));
    }
    insta::assert_snapshot!(report);
}

/// pagefind names its fragment files by a hash of their content; the snapshot
/// keeps that a fragment leaked, not which hash it had.
fn without_index_hashes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("pagefind/fragment/") {
        let start = at + "pagefind/fragment/".len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('`').map_or(rest.len(), |e| start + e);
        out.push('…');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_clean_site_passes_and_shows_only_the_publishers_contact_data() {
    let site = fixture();
    write(
        site.path(),
        &[(
            "content/guide/schritte.md",
            "---\ntitle: Schritt für Schritt\nweight: 20\n---\nZweite Seite mit [[geduldete|Geduldeten]]. Stand 2026-03-15, § 60a AufenthG, in Kraft (01.06.2022), 01067 Dresden, PLZ 01067 01069 01097 und 04103–04109, Raum für Austausch, Frau Ministerin, 15 Ja-Stimmen bei 2 Nein. Schreiben Sie an info@verein.example.net oder rufen Sie +49 351 000 00 00 an.\n",
        )],
    );
    let out = site.path().join("public");
    let output = build(site.path(), "public", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let page = fs::read_to_string(out.join("leitfaden/schritte/index.html")).expect("page");
    assert!(page.contains("info@verein.example.net"));
}

#[test]
fn check_runs_the_leak_scan_too() {
    let site = fixture();
    plant(
        site.path(),
        "content/guide/konzept.md",
        "\nText.\n",
        "\nKatrin Beispiel\n",
    );
    let output = run(&["check", "--root", &site.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output, site.path()).contains("leak: output file"));
    assert!(!site.path().join("public").exists());
}

/// Every contact value of the shipped content, planted in a new guide page:
/// each one is reported.
#[test]
fn every_shipped_contact_value_planted_in_content_is_caught() {
    let shipped = dienstweg::prepare(&repo()).expect("shipped site");
    let mut values = Vec::new();
    for region in &shipped.site.regions {
        for partner in &region.partners {
            for contact in &partner.contacts {
                for (_, value) in contact.secret_values() {
                    values.push(value.to_string());
                }
            }
        }
    }
    assert!(values.len() > 100, "only {} values", values.len());
    let site = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &site.path().join("content"));
    let body: String = values
        .iter()
        .map(|value| format!("Absatz: {value} – Ende.\n\n"))
        .collect();
    write(
        site.path(),
        &[(
            "content/guide/zz-geleakt.md",
            &format!("---\ntitle: Geleakt\nweight: 999\n---\n{body}"),
        )],
    );
    let errors = match dienstweg::build_site(site.path(), dienstweg::view::Audience::Public) {
        Ok(_) => panic!("the public build must fail"),
        Err(errors) => errors,
    };
    let messages: Vec<String> = errors.sorted().iter().map(|d| d.to_string()).collect();
    let all = messages.join("\n");
    for value in &values {
        assert!(all.contains(&format!("`{value}`")), "not reported: {value}");
    }
    assert!(messages
        .iter()
        .all(|m| m.contains("--> content/guide/zz-geleakt.md:")));
}

/// A `:::intern` block in a field that is no Markdown text marks nothing:
/// what the editor meant to keep internal would be published, so the build
/// fails before it renders, at the marker's line. (Found by `tests/edits.rs`:
/// a quoted value of a term; a handoff's `passes:` published such a text.)
#[test]
fn a_marker_in_a_field_that_is_no_markdown_text_fails_the_build_at_its_line() {
    let site = fixture();
    plant(
        site.path(),
        "content/glossary/duldung.md",
        "legal_basis: \"§ 60a AufenthG\"",
        "legal_basis: \"§ 60a AufenthG\n:::intern\nRückruf über 0351 7654321.\n:::\n\"",
    );
    plant(
        site.path(),
        "content/regions/teststadt.yaml",
        "    passes: Akte\n",
        "    passes: |\n      Akte\n      :::intern\n      Die Akte geht ohne Einwilligung an das Amt.\n      :::\n",
    );
    let output = build(site.path(), "public", &site.path().join("public"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output, site.path());
    assert_contains_all(
        &stderr,
        &[
            "`:::intern` stands in a field that is no Markdown text, where it marks nothing",
            "--> content/glossary/duldung.md:6:1",
            "--> content/glossary/duldung.md:8:1",
            "--> content/regions/teststadt.yaml:53:7",
            "--> content/regions/teststadt.yaml:55:7",
            "4 error(s)",
        ],
    );
    assert!(!site.path().join("public").exists());
}

/// The allowed address with the next inline element's text right after it
/// reads as one longer address, in the scan as in a browser: the build fails,
/// and the hint names the allowed address it begins with.
#[test]
fn an_allowed_address_run_on_by_the_next_element_is_explained() {
    // The public build's messages when the guide's `Text.` reads `text`.
    let failing_build = |text: &str| {
        let site = fixture();
        plant(site.path(), "content/guide/konzept.md", "Text.\n", text);
        let output = build(site.path(), "public", &site.path().join("public"));
        assert_eq!(output.status.code(), Some(1));
        stderr(&output, site.path())
    };
    assert_contains_all(
        &failing_build("Text: <span>info@verein.example.net</span><span>danke</span>.\n"),
        &[
            "the e-mail address `info@verein.example.netdanke`, which is not on the allow-list",
            "--> content/guide/konzept.md:10",
            "hint: it begins with the allowed address `info@verein.example.net`: text right after that with no space",
            "put a space or punctuation after it; if it is another address, remove it",
        ],
    );
    // An address that begins with no allowed one keeps the plain hint.
    let message = failing_build("Text: an.jemand@example.com.\n");
    assert_contains_all(
        &message,
        &["hint: remove it; if it is the publisher's public address, add it to `allow_list: emails:`"],
    );
    assert!(
        !message.contains("begins with the allowed address"),
        "{message}"
    );
}

/// The region's summary is read from its own `summary:`, also when a
/// meeting's comes first: a passage in it is a passage, kept from the
/// public build.
#[test]
fn a_passage_in_a_region_summary_after_a_meetings_summary_is_internal() {
    let site = fixture();
    plant(
        site.path(),
        "content/regions/teststadt.yaml",
        "summary: Eine Teststadt.\n",
        "",
    );
    plant(
        site.path(),
        "content/regions/teststadt.yaml",
        "    decision_makers: true\n",
        "    decision_makers: true\n    summary: Ein Rückblick.\n",
    );
    let path = site.path().join("content/regions/teststadt.yaml");
    let mut region = fs::read_to_string(&path).expect("region");
    region.push_str("summary: |\n  Eine Teststadt.\n\n  :::intern\n  Die Rückrufliste liegt im Büro der Koordination.\n  :::\n");
    fs::write(&path, region).expect("write");
    let output = build(site.path(), "public", &site.path().join("public"));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        stderr(&output, site.path())
    );
    let public = read_tree(&site.path().join("public"));
    assert!(public
        .iter()
        .all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("Rückrufliste")));
    assert!(public
        .iter()
        .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("Ein Rückblick")));
}

fn plant(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).expect("fixture file");
    assert!(text.contains(from), "{file} lacks {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("plant");
}

/// Contact data typed into the theme, into an interface string or a
/// template, fails the build at the line that holds it.
#[test]
fn contact_data_in_the_theme_is_found_at_its_line() {
    let site = fixture();
    let root = site.path();
    copy_dir(&repo().join("themes"), &root.join("themes"));
    let strings = "themes/default/i18n/de.yaml";
    let lead = "  lead: \"Kurze Dienstwege";
    let line = fs::read_to_string(root.join(strings))
        .expect("strings")
        .lines()
        .position(|l| l.starts_with(lead))
        .map_or(0, |i| i + 1);
    plant(
        root,
        strings,
        lead,
        "  lead: \"Fragen an k.beispiel@example.org. Kurze Dienstwege",
    );
    let template = "themes/default/templates/guide.html";
    plant(
        root,
        template,
        "{% block content %}",
        "{% block content %}<p>Katrin Beispiel</p>",
    );
    let output = common::run(&["check", "--root", &root.display().to_string()]);
    let err = stderr(&output, root);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_contains_all(
        &err,
        &[
            "e-mail address `k.beispiel@example.org`",
            &format!("--> {strings}:{line}"),
            "name `Katrin Beispiel`",
            &format!("--> {template}:"),
            "2 error(s)",
        ],
    );
}
