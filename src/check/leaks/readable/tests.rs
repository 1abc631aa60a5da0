//! Tests of the readable form of output files.

use super::*;

#[test]
fn markup_text_then_attributes_and_comments() {
    let html = "<p title=\"Katrin Beispiel\">Kat<b>rin</b> &lt;k.b&#64;x.org&gt;</p><!-- Raum 2.14 --><a href='mailto:a%40b.de' data-x=y>x</a><script>if (a<b) { n = \"Kat\" + \"rin\"; }</script>";
    let form = readable("a/index.html", html);
    let (text, rest) = form.split_once('\n').expect("two parts");
    assert_eq!(
        text,
        " Katrin <k.b@x.org> x if (a<b) { n = \"Kat\" + \"rin\"; }  "
    );
    assert_eq!(
        rest,
        "Katrin Beispiel\n Raum 2.14 \nmailto:a@b.de\ny\ndata-x=y\n"
    );
}

/// The text part once more with a space where an inline tag glued two
/// words, or `None`.
fn unglued_of(path: &str, raw: &str) -> Option<String> {
    let mut scratch = Scratch::default();
    parts(path, raw, &mut scratch);
    unglued(&mut scratch).map(str::to_string)
}

#[test]
fn a_word_glued_on_by_an_inline_tag_is_read_apart_too() {
    assert_eq!(
        unglued_of("a.html", "<a href=\"/\">Testseite</a>Katrin Beispiel").as_deref(),
        Some("Testseite Katrin Beispiel")
    );
    // Tags one after another count once; entities as what they stand for.
    assert_eq!(
        unglued_of(
            "a.html",
            "<b>Kat</b><i></i><u>rin</u> und <i>x</i>&#75;atrin"
        )
        .as_deref(),
        Some("Kat rin und x Katrin")
    );
    // In the strings of JSON, as in a page.
    assert_eq!(
        unglued_of("d.json", "{\"a\":\"<em>Team</em>Katrin\"}").as_deref(),
        Some("{\"a\":\"Team Katrin\"}")
    );
    // No glue: block tags, space or punctuation between, a tag after a
    // non-word character, other files.
    for (path, raw) in [
        ("a.html", "<p>Testseite</p>Katrin"),
        ("a.html", "<a>Testseite</a> Katrin<b>, x</b>"),
        ("a.html", "<a>(Test)</a>Katrin"),
        ("a.txt", "<a>Testseite</a>Katrin"),
    ] {
        assert_eq!(unglued_of(path, raw), None, "{raw}");
    }
}

#[test]
fn cdata_is_text() {
    let svg = "<svg><text><![CDATA[Katrin <Beispiel>]]></text><![CDATA[offen";
    assert_eq!(readable("a.svg", svg), " Katrin <Beispiel> offen\n");
}

proptest::proptest! {
    /// Every value of a tag is read, in double, single or no quotes,
    /// with or without spaces around `=`, and the text after the tag
    /// is text: the tag ends where a browser ends it.
    #[test]
    fn every_attribute_value_is_read_and_the_tag_ends_where_it_ends(
        attributes in proptest::collection::vec(
            (
                "[a-z][a-z-]{0,8}",
                "[^\"'<>=&%\\\\`\\s]{1,12}( [^\"'<>=&%\\\\`\\s]{1,12}){0,2}",
                0..3u8,
                "[ \t\n]{0,2}",
                "[ \t\n]{0,2}",
            ),
            1..6,
        ),
        text in "[A-Za-z][A-Za-z ]{0,12}",
    ) {
        let mut html = String::from("<div");
        let mut values = Vec::new();
        for (name, value, quoting, before, after) in &attributes {
            let value = match quoting {
                0 => format!("\"{value}\""),
                1 => format!("'{value}'"),
                // Unquoted, a value ends at its first space.
                _ => value.split(' ').next().unwrap_or_default().to_string(),
            };
            values.push(value.trim_matches(['"', '\'']).to_string());
            html.push_str(&format!(" {name}{before}={after}{value}"));
        }
        html.push('>');
        html.push_str(&text);
        let form = readable("a.html", &html);
        let (read_text, rest) = form.split_once('\n').expect("two parts");
        proptest::prop_assert_eq!(read_text, format!(" {text}"));
        for value in values {
            proptest::prop_assert!(rest.lines().any(|line| line == value), "{value:?} in {rest:?}");
        }
    }
}

#[test]
fn every_quoted_run_of_a_tag_is_read_even_where_no_equals_sign_comes_before() {
    // A browser makes `x` = `ab"Katrin` and an attribute named
    // `beispiel"`; the page's source shows the name all the same.
    let form = readable("a.html", "<a x=ab\"Katrin Beispiel\" y>z</a>");
    assert_eq!(form, "z\nab\nx=ab\nKatrin Beispiel\ny\n");
    let form = readable("a.html", "<p \"Katrin Beispiel\" data-x = 'y' z=w>t");
    assert_eq!(form, " t\nKatrin Beispiel\ndata-x =\ny\nw\nz=w\n");
    // A tag that never ends is text, its values are not read twice.
    let form = readable("a.html", "a<b title=\"Katrin Beispiel\" x=\"open");
    assert_eq!(form, "a<b title=\"Katrin Beispiel\" x=\"open\n");
    // Long runs without a quote, `=` or `>` are passed eight bytes at a time.
    let form = readable(
        "a.html",
        "<div class=abcdefghijklmnopqrstuvwxyz data-long-attribute-name-x=1>",
    );
    assert_eq!(
        form,
        " \nabcdefghijklmnopqrstuvwxyz\n1\nclass=abcdefghijklmnopqrstuvwxyz data-long-attribute-name-x=1\n"
    );
}

#[test]
fn what_stands_unquoted_in_a_tag_is_read_but_a_name_before_its_value() {
    // A value printed without quotes: a browser reads `title` = `Ruf`
    // and three attributes named `katrin`, `beispiel` and `an`.
    let form = readable("a.html", "<p title=Ruf Katrin Beispiel an>t</p>");
    assert_eq!(form, " t \nRuf\ntitle=Ruf Katrin Beispiel an\n");
    // Written where names go, with no value at all.
    let form = readable(
        "a.html",
        "<div class=\"x\" k.beispiel@example.org +49 30 23125 101 data-pagefind-ignore>",
    );
    assert_eq!(
        form,
        " \nx\nk.beispiel@example.org +49 30 23125 101 data-pagefind-ignore\n"
    );
    // Each name before its quoted value, as in most tags, is not read;
    // two stretches alike are read once.
    let form = readable(
        "a.html",
        "<td class=\"a\" x1=\"1\" xlink:href=\"#b\" hidden><td class=\"a\" hidden>",
    );
    assert!(form.starts_with("  \na\n1\n#b\nhidden\n"), "{form:?}");
    assert_eq!(form.matches("hidden").count(), 1, "{form:?}");
    assert!(!form.contains("class") && !form.contains("x1") && !form.contains("xlink"));
    assert!(name_before_value(b" aria-hidden="));
    assert!(!name_before_value(b" katrin beispiel="));
    assert!(!name_before_value(b" k.beispiel@example.org="));
    assert!(!name_before_value(b" 03023125101="));
    assert!(!name_before_value(b"="));
}

#[test]
fn a_repeated_attribute_value_is_read_once() {
    let cell = "<td class=\"cell level-lead\"><span class=\"tg tg-1\">A</span></td>";
    let html = format!("{cell}{cell}<a title=\"Katrin Beispiel\" href=\"/x/\">K</a>{cell}<i title=\"Katrin Beispiel\">y</i>");
    let form = readable("a/index.html", &html);
    let (_, rest) = form.split_once('\n').expect("two parts");
    assert_eq!(rest, "cell level-lead\ntg tg-1\nKatrin Beispiel\n/x/\n");
    // Values alike at both ends (so in the same slot) but different
    // are all read.
    let form = readable(
        "a.html",
        "<a title=\"12345678-a-87654321\"><a title=\"12345678-b-87654321\"><a title=\"12345678-a-87654321\">",
    );
    assert_eq!(
        form,
        "\n12345678-a-87654321\n12345678-b-87654321\n12345678-a-87654321\n"
    );
}

#[test]
fn json_strings_are_unescaped_and_read_as_markup() {
    let json = r#"{"a":"k.b\u0040x.org","h":"Kat<b>rin</b> &lt;x@y.de&gt; <a href=\"mailto:k%40b.de\">m</a>","n":[4930,true],"e":"\ud83d\ude00\ud800 \"<\/p>"}"#;
    let form = readable("daten/regionen.json", json);
    let (text, rest) = form.split_once('\n').expect("two parts");
    assert_eq!(
        text,
        "{\"a\":\"k.b@x.org\",\"h\":\"Katrin <x@y.de> m\",\"n\":[4930,true],\"e\":\"\u{1f600}\u{fffd} \" \"}"
    );
    assert_eq!(rest, "mailto:k@b.de\n");
}

#[test]
fn other_files_are_decoded_and_stripped() {
    // Not JSON after all (an escape JSON does not know): read as text.
    assert_eq!(
        readable(
            "data.json",
            "{\"a\":\"k.b\\x40x.org\",\"h\":\"Kat<b>rin</b>\"}"
        ),
        "{\"a\":\"k.b@x.org\",\"h\":\"Kat<b>rin</b>\"}\n{\"a\":\"k.b@x.org\",\"h\":\"Katrin\"}"
    );
    assert_eq!(
        readable("a.js", "x = \"k.b\\u0040x.org <i>y</i>\""),
        "x = \"k.b@x.org <i>y</i>\"\nx = \"k.b@x.org y\""
    );
    assert_eq!(readable("a.css", "b{color:red}"), "b{color:red}");
}
