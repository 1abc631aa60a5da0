//! Tests of rendering and checking Markdown.

use super::*;

struct Terms;
impl TermResolver for Terms {
    fn resolve(&self, target: &str) -> Option<TermLink> {
        (target.eq_ignore_ascii_case("duldung")).then(|| TermLink {
            href: "/glossar/duldung/".into(),
            title: "Duldung".into(),
        })
    }
}

fn md(text: &str) -> Markdown {
    Markdown {
        text: text.into(),
        file: "content/guide/a.md".into(),
        first_line: 5,
        column_offset: 0,
        folded: Vec::new(),
    }
}

fn render_for(text: &str, audience: Audience) -> (Rendered, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let options = RenderOptions {
        audience,
        internal_label: "Intern",
        table_label: "Tabelle",
    };
    let rendered = render(&md(text), &options, &Terms, &mut diagnostics);
    (rendered, diagnostics)
}

#[test]
fn headings_get_ids_and_toc() {
    let (out, _) = render_for(
        "## Schritt für Schritt\n\n## Schritt für Schritt\n",
        Audience::Public,
    );
    assert!(out.html.contains("<h2 id=\"schritt-fuer-schritt\">"));
    assert!(out.html.contains("<h2 id=\"schritt-fuer-schritt-2\">"));
    assert_eq!(out.toc.len(), 2);
    assert_eq!(out.toc[0].title, "Schritt für Schritt");
}

#[test]
fn glossary_links_resolve_and_broken_ones_are_located() {
    let (out, diagnostics) = render_for(
        "Text\n\nSiehe [[Duldung]] und [[duldung|geduldet]] und [[Nix]].\n",
        Audience::Public,
    );
    assert!(out.html.contains(
        "<a class=\"term-link\" href=\"/glossar/duldung/\" title=\"Duldung\">Duldung</a>"
    ));
    assert!(out.html.contains(">geduldet</a>"));
    let errors: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("unknown glossary term `Nix`"),
        "{errors:?}"
    );
    assert!(errors[0].contains("content/guide/a.md:7:"), "{errors:?}");
}

#[test]
fn internal_passages_only_for_internal_audience() {
    let text = "Vorher\n\n:::intern\nGeheim *wichtig*\n:::\n\nNachher [[Nix]]\n";
    let (public, diagnostics) = render_for(text, Audience::Public);
    assert!(!public.html.contains("Geheim"));
    assert!(public.html.contains("Nachher"));
    assert!(diagnostics.sorted()[0].to_string().contains("a.md:11:"));
    let (internal, diagnostics) = render_for(text, Audience::Internal);
    assert!(internal.html.contains("<em>wichtig</em>"));
    assert!(internal.html.contains("intern-passage"));
    assert!(diagnostics.sorted()[0].to_string().contains("a.md:11:"));
    assert_eq!(
        internal_passages(&md(text)),
        vec!["Geheim *wichtig*".to_string()]
    );
}

#[test]
fn internal_passages_in_any_spelling_are_hidden_and_odd_fences_are_errors() {
    for opening in [
        "::: intern",
        "::::Intern",
        ":::internal",
        "  :::intern Hinweis",
        ":::vertraulich",
    ] {
        let text = format!("Vorher\n\n{opening}\nGeheim\n:::\n\nNachher\n");
        let (public, diagnostics) = render_for(&text, Audience::Public);
        assert!(!public.html.contains("Geheim"), "{opening}");
        assert!(!diagnostics.has_errors(), "{opening}");
        assert_eq!(internal_passages(&md(&text)), vec!["Geheim".to_string()]);
    }
    for (text, message) in [
        (":::intern\na\n:::intern\nb\n:::\n", "do not nest"),
        ("a\n:::\nb\n", "closes no internal passage"),
        (":::warnung\na\n:::\n", "unknown block `:::warnung`"),
    ] {
        let (public, diagnostics) = render_for(text, Audience::Public);
        let errors: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        assert!(
            errors.iter().any(|e| e.contains(message)),
            "{text}: {errors:?}"
        );
        assert!(!public.html.contains(":::"), "{text}");
    }
    assert_eq!(
        internal_lines("a\n:::intern\nb\n:::\nc"),
        vec![false, true, true, true, false]
    );
    assert_eq!(
        plain_blocks("Ein *Satz* mit [Link](/x) und [[Duldung]].\n\n- Punkt"),
        vec![
            "Ein Satz mit Link und Duldung.".to_string(),
            "Punkt".to_string()
        ]
    );
}

#[test]
fn an_opening_inside_a_line_is_an_error_unless_shown_as_code() {
    for (text, line, column) in [
        // What YAML makes of a text folded with `>`: one line.
        ("Vorher. :::intern Geheimer Satz. ::: Nachher.", 5, 9),
        ("Vorher\n\n> :::intern\n> Geheimer Satz.\n> :::\n", 7, 3),
        ("| A |\n|---|\n| :::intern Geheimer Satz. ::: |\n", 7, 3),
        ("- Punkt\n- :::intern\n  Geheimer Satz.\n  :::\n", 6, 3),
        ("Satz mit *Betonung* und ::: Intern Geheimer Satz.\n", 5, 25),
        ("<p>Vorher :::vertraulich Geheimer Satz.</p>\n", 5, 11),
    ] {
        for audience in [Audience::Public, Audience::Internal] {
            let (_, diagnostics) = render_for(text, audience);
            let errors: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
            let at = format!("content/guide/a.md:{line}:{column}");
            let inside: Vec<&String> = errors
                .iter()
                .filter(|e| e.contains("opens no internal passage"))
                .collect();
            assert!(
                inside.len() == 1 && inside[0].contains(&at),
                "{text}: {errors:?}"
            );
        }
        let mut checked = Diagnostics::new();
        check(&md(text), &Terms, &mut checked);
        assert!(checked.has_errors(), "{text}");
    }
    for text in [
        "Intern markieren: `:::intern` vor, `:::` nach dem Absatz.\n",
        "```markdown\nText :::intern Beispiel\n```\n",
        "    eingerückter Code :::intern\n",
        "Drei Doppelpunkte ::: allein.\n",
    ] {
        let (_, diagnostics) = render_for(text, Audience::Public);
        assert!(!diagnostics.has_errors(), "{text}");
    }
}

#[test]
fn glossary_links_without_term_or_text_are_errors() {
    let errors = |text: &str| -> Vec<String> {
        let mut diagnostics = Diagnostics::new();
        check(&md(text), &Terms, &mut diagnostics);
        diagnostics.sorted().iter().map(|d| d.to_string()).collect()
    };
    for (text, message, column) in [
        ("Siehe [[duldung|]].", "without text", 7),
        ("Siehe [[]] hier.", "opens no glossary link", 7),
        ("Siehe [[|]] hier.", "opens no glossary link", 7),
        ("Siehe [[|Text]] hier.", "opens no glossary link", 7),
        ("Siehe [[Dul dung]].", "unknown glossary term", 7),
        ("Siehe [[ ]] hier.", "unknown glossary term", 7),
        ("Siehe [[ | ]] hier.", "unknown glossary term", 7),
    ] {
        let found = errors(text);
        assert!(
            found.len() == 1
                && found[0].contains(message)
                && found[0].contains(&format!("content/guide/a.md:5:{column}")),
            "{text}: {found:?}"
        );
    }
    for text in [
        "Siehe [[Duldung]] und [[duldung|Geduldete]] und [[duldung|`§ 60a`]].",
        "Code: `[[x]]`\n\n```\n[[]]\n```\n",
    ] {
        assert_eq!(errors(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn unclosed_internal_passage_is_an_error() {
    let (_, diagnostics) = render_for("a\n:::intern\nb\n", Audience::Public);
    assert!(diagnostics.has_errors());
}

#[test]
fn tables_and_code() {
    let (out, _) = render_for(
        "| A |\n|---|\n| b |\n\n```yaml\nk: v\n```\n",
        Audience::Public,
    );
    assert!(out.html.contains("<th scope=\"col\">A</th>"));
    assert!(out.html.contains("hl-code"));
}

#[test]
fn a_table_scrolls_in_a_region_named_by_its_headers() {
    let (out, _) = render_for(
        "Vorher\n\n| Zeitpunkt | `Schritt` & mehr | |\n|---|---|---|\n| b | c | d |\n\nNachher\n",
        Audience::Public,
    );
    let open = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" \
                aria-label=\"Tabelle: Zeitpunkt, Schritt &amp; mehr\"><table>";
    assert!(out.html.contains(open), "{}", out.html);
    assert!(
        out.html.contains("</table>\n</div>\n<p>Nachher</p>"),
        "{}",
        out.html
    );
    assert_eq!(
        out.html.matches("<div").count(),
        out.html.matches("</div>").count()
    );
}

#[test]
fn tables_with_the_same_headers_get_regions_of_their_own_names() {
    let table = "| A | B |\n|---|---|\n| 1 | 2 |\n\n";
    let (out, _) = render_for(
        &format!("{table}{table}{table}|   |\n|---|\n| x |\n"),
        Audience::Public,
    );
    for name in [
        "Tabelle: A, B\"",
        "Tabelle: A, B (2)\"",
        "Tabelle: A, B (3)\"",
        "Tabelle\"",
    ] {
        assert_eq!(
            out.html.matches(&format!("aria-label=\"{name}")).count(),
            1,
            "{name}: {}",
            out.html
        );
    }
}

#[test]
fn task_lists_render_as_characters() {
    let (out, _) = render_for("- [ ] offen\n- [x] erledigt\n", Audience::Public);
    assert!(out.html.contains("☐</span> offen"));
    assert!(out.html.contains("☑</span> erledigt"));
    assert!(!out.html.contains("<input"));
}

#[test]
fn slugify_transliterates() {
    assert_eq!(
        slugify("Übertragung auf andere Bundesländer!"),
        "uebertragung-auf-andere-bundeslaender"
    );
}
