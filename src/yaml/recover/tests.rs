use super::*;

fn at(line: usize, column: usize) -> At {
    At { line, column }
}

#[test]
fn a_typo_of_a_key_is_renamed_unless_the_key_is_there() {
    let mut text = Text::new("a: 1\nlist:\n  - nmae: X\n    kind: y\n");
    assert!(text.mend(
        at(3, 5),
        "list[0]: unknown field `nmae`, expected `name` or `kind`"
    ));
    assert_eq!(text.joined(), "a: 1\nlist:\n  - name: X\n    kind: y\n");

    let mut text = Text::new("list:\n  - name: X\n    nmae: >-\n      more\n    kind: y\n");
    assert!(text.mend(at(3, 5), "unknown field `nmae`, expected `name` or `kind`"));
    assert_eq!(text.joined(), "list:\n  - name: X\n\n\n    kind: y\n");
}

#[test]
fn an_unknown_first_key_leaves_the_item() {
    let mut text = Text::new("list:\n  - zzz: X\n    kind: y\n");
    assert!(text.mend(at(2, 5), "unknown field `zzz`, expected `name` or `kind`"));
    assert_eq!(text.joined(), "list:\n  -\n    kind: y\n");
}

#[test]
fn a_repeated_key_is_found_and_taken_out() {
    let mut text = Text::new("- id: a\n  name: A\n  sub:\n    name: n\n  name: B\n- id: b\n");
    let refined = text.refine(at(1, 3), "[0]: duplicate field `name`");
    assert_eq!(refined, at(5, 3));
    assert!(text.mend(refined, "[0]: duplicate field `name`"));
    assert_eq!(
        text.joined(),
        "- id: a\n  name: A\n  sub:\n    name: n\n\n- id: b\n"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_replaced() {
    let mut text = Text::new("a:\n  type: [aa] # kind\n  n: 1\n");
    assert!(text.mend(
        at(2, 9),
        "a.type: invalid type: sequence, expected a string"
    ));
    assert_eq!(text.joined(), "a:\n  type: x\n  n: 1\n");

    let mut text = Text::new("n: >-\n  viele\n  Zeilen\nm: 1\n");
    assert!(text.mend(at(1, 4), "n: invalid type: string \"viele\", expected u32"));
    assert_eq!(text.joined(), "n: 0\n\n\nm: 1\n");

    let mut text = Text::new("name:\n  a: 1\n  b: 2\nnext: 3\n");
    assert!(text.mend(at(2, 3), "name: invalid type: map, expected a string"));
    assert_eq!(text.joined(), "name: x\n\n\nnext: 3\n");

    let mut text = Text::new("kind: zzz\n");
    assert!(text.mend(at(1, 7), "kind: unknown variant `zzz`, expected `a` or `b`"));
    assert_eq!(text.joined(), "kind: a\n");
}

#[test]
fn an_empty_text_is_found_in_its_mapping() {
    let message = "[1]: invalid value: string \"~\", expected a text that is not empty";
    let text = Text::new("- id: a\n  name: A\n- id: b\n  name: ~\n  kind: x\n");
    assert_eq!(text.refine(at(3, 3), message), at(4, 9));
    let message = "invalid value: string \"  \", expected a text that is not empty";
    let text = Text::new("id: a\nname: \"  \"\n");
    assert_eq!(text.refine(at(1, 1), message), at(2, 7));
}

#[test]
fn an_empty_text_is_placed_only_when_one_key_holds_it() {
    let message = "invalid value: string \"\", expected a text that is not empty";
    let text = Text::new("parent: \"\"\nname: \"\"\n");
    assert_eq!(text.refine(at(1, 1), message), at(1, 1));
    // Nothing written is an empty text too.
    let text = Text::new("name:\nkind: x\nnotes: \"\"\n");
    assert_eq!(text.refine(at(1, 1), message), at(1, 1));
    let text = Text::new("name:\nkind: x\n");
    assert_eq!(text.refine(at(1, 1), message), at(1, 6));
    // A key whose value is below it holds no empty text.
    let text = Text::new("- id: a\n  contacts:\n    - x\n  name: \"\"\n");
    assert_eq!(text.refine(at(1, 3), message), at(4, 9));
}

#[test]
fn a_missing_key_is_added_on_a_line_of_its_own() {
    let mut text = Text::new("list:\n  - id: a\n    kind: >-\n      t\n  - id: b\n");
    assert!(text.mend(at(2, 5), "list[0]: missing field `name`"));
    assert_eq!(
        text.joined(),
        "list:\n  - id: a\n    kind: >-\n      t\n    name: x\n  - id: b\n"
    );
    assert_eq!(text.in_file(at(5, 5), ""), None);
    assert_eq!(text.in_file(at(6, 5), ""), Some(at(5, 5)));
    assert_eq!(text.in_file(at(4, 7), ""), Some(at(4, 7)));
}

#[test]
fn what_cannot_be_mended_without_guessing_is_left() {
    for (yaml, at, message) in [
        (
            "a: *ref\n",
            at(1, 4),
            "a: invalid type: map, expected a string",
        ),
        (
            "a: [1,\n  2]\n",
            at(1, 4),
            "a: invalid type: sequence, expected a string",
        ),
        (
            "a: {b: 1}\n",
            at(1, 4),
            "a: invalid type: map, expected struct X",
        ),
        ("a: 1\n", at(1, 1), "something else"),
        (
            "a: 1\n",
            at(9, 1),
            "a: invalid type: integer `1`, expected a string",
        ),
        // Not refined to a repeat: the first key stays.
        ("a: 1\nb: 2\n", at(1, 1), "duplicate field `b`"),
        // A text refused at the start of its entry, or inside braces.
        (
            "- {a: ~, b: x}\n",
            at(1, 3),
            "[0]: invalid value: string \"~\", expected a text that is not empty",
        ),
        (
            "- a: ~\n  b: ~\n",
            at(1, 3),
            "[0]: invalid value: string \"~\", expected a text that is not empty",
        ),
        (
            "- {a: 1, b: ja}\n",
            at(1, 13),
            "[0].b: invalid type: string \"ja\", expected a boolean",
        ),
        // An entry's only key.
        (
            "- zzz: 1\n- a: 2\n",
            at(1, 3),
            "[0]: unknown field `zzz`, expected `a`",
        ),
    ] {
        let mut text = Text::new(yaml);
        assert!(!text.mend(at, message), "{yaml} {message}");
        assert_eq!(text.joined(), yaml);
    }
}
