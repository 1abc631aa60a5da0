//! The interface paper as one file: self-contained and printable in the
//! internal build, and with `--encrypt` sealed so that the same algorithm and
//! parameters open it again, in Rust and, where Node is installed, with
//! WebCrypto running the page's own script.

mod common;

use common::*;
use dienstweg::paper::crypto::{base64_decode, open, Passphrase, Sealed};
use std::fs;
use std::path::Path;
use std::process::Command;

const PASSPHRASE: &str = "Kurze Dienstwege sind vertraulich";
const PAPER: &str = "regionen/teststadt/schnittstellenpapier-teststadt.html";

fn build_encrypted(root: &Path, out: &Path, passphrase: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(["build", "--audience", "internal", "--encrypt", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .env("DIENSTWEG_PASSPHRASE", passphrase)
        .output()
        .expect("the dienstweg binary runs")
}

fn sealed_of(page: &str) -> Sealed {
    let start_tag = "<script type=\"application/json\" id=\"sealed\">";
    let start = page.find(start_tag).expect("sealed payload") + start_tag.len();
    let end = start + page[start..].find("</script>").expect("payload end");
    serde_json::from_str(&page[start..end]).expect("payload is JSON")
}

#[test]
fn the_paper_file_is_self_contained_printable_and_linked() {
    let site = fixture();
    let out = site.path().join("internal");
    let output = build(site.path(), "internal", &out);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let paper = fs::read_to_string(out.join(PAPER)).expect("paper file");
    assert_contains_all(
        &paper,
        &[
            "Vertraulich — nur zur internen Weitergabe",
            "<meta name=\"robots\" content=\"noindex, nofollow\">",
            "Erstellt am 25.11.2025",
            "Content-Security-Policy",
            "Katrin Beispiel",
            "href=\"tel:+493023125101\"",
            "href=\"mailto:k.beispiel@example.org\"",
            "entscheidungsbefugt",
            "bestätigt am 01.10.2025",
            "@media print",
        ],
    );
    assert_eq!(dienstweg::paper::external_reference(&paper), None);
    assert!(!paper.contains("<link"), "no stylesheet links");
    assert!(
        !paper.contains("href=\"/") && !paper.contains("href=\"../"),
        "no links into the site"
    );
    let page = fs::read_to_string(out.join("regionen/teststadt/schnittstellenpapier/index.html"))
        .expect("paper page");
    assert!(page.contains("href=\"../../../regionen/teststadt/schnittstellenpapier-teststadt.html\" download>Als eine Datei weitergeben</a>"));
    let public = site.path().join("public");
    assert!(build(site.path(), "public", &public).status.success());
    assert!(
        !public.join(PAPER).exists(),
        "no paper file in the public build"
    );
}

#[test]
fn the_sealed_paper_opens_with_the_same_algorithm_and_parameters() {
    let site = fixture();
    let plain_out = site.path().join("internal");
    assert!(build(site.path(), "internal", &plain_out).status.success());
    let plain = fs::read(plain_out.join(PAPER)).expect("plain paper");

    let sealed_out = site.path().join("sealed");
    let output = build_encrypted(site.path(), &sealed_out, PASSPHRASE);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    let page = fs::read_to_string(sealed_out.join(PAPER)).expect("sealed paper");
    assert!(!page.contains("Katrin Beispiel"), "the contact is sealed");
    assert!(page.contains("Vertraulich — nur zur internen Weitergabe"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    let sealed = sealed_of(&page);
    assert!(sealed.iterations >= 600_000);
    assert_eq!(base64_decode(&sealed.salt).map(|s| s.len()), Some(16));
    assert_eq!(base64_decode(&sealed.nonce).map(|n| n.len()), Some(12));
    let opened = open(&sealed, &Passphrase::new(PASSPHRASE)).expect("opens");
    assert_eq!(opened, plain, "decrypts to the plain paper file");
    assert!(open(&sealed, &Passphrase::new("eine ganz falsche Passphrase")).is_err());

    let again_out = site.path().join("again");
    assert!(build_encrypted(site.path(), &again_out, PASSPHRASE)
        .status
        .success());
    let again = sealed_of(&fs::read_to_string(again_out.join(PAPER)).expect("again"));
    assert_ne!(again.salt, sealed.salt, "a fresh salt per build");
    assert_ne!(again.nonce, sealed.nonce, "a fresh nonce per file");
    // Everything else stays byte-identical.
    let strip = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        read_tree(dir)
            .into_iter()
            .filter(|(p, _)| !p.ends_with("-teststadt.html"))
            .collect()
    };
    assert_eq!(strip(&sealed_out), strip(&again_out));

    let padded = format!("  {PASSPHRASE}  ");
    node_opens(
        &page,
        &String::from_utf8_lossy(&plain),
        &[
            (PASSPHRASE, "opened"),
            (&padded, "opened"),
            ("eine ganz falsche Passphrase", "refused"),
        ],
    );
}

/// A passphrase is the same however its letters were typed: `ö` as one
/// character or as `o` and a combining diaeresis, with or without spaces
/// around it; the build says that the papers are sealed.
#[test]
fn a_passphrase_opens_however_its_letters_are_typed() {
    let site = fixture();
    let plain_out = site.path().join("internal");
    assert!(build(site.path(), "internal", &plain_out).status.success());
    let plain = fs::read(plain_out.join(PAPER)).expect("plain paper");
    let decomposed = "vier unverbundene Wo\u{308}rter ";
    let composed = "vier unverbundene W\u{f6}rter";
    let sealed_out = site.path().join("sealed");
    let output = build_encrypted(site.path(), &sealed_out, decomposed);
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    assert!(String::from_utf8_lossy(&output.stdout).contains("internal, papers sealed)"));
    // The page that offers the file says what it takes to open it.
    let offer = "regionen/teststadt/schnittstellenpapier/index.html";
    let sealed_offer = fs::read_to_string(sealed_out.join(offer)).expect("paper page");
    let plain_offer = fs::read_to_string(plain_out.join(offer)).expect("paper page");
    assert!(sealed_offer.contains("eine verschlüsselte HTML-Datei"));
    assert!(sealed_offer.contains("nach Eingabe der Passphrase"));
    assert!(!plain_offer.contains("verschlüsselt"));
    let page = fs::read_to_string(sealed_out.join(PAPER)).expect("sealed paper");
    let opened = open(&sealed_of(&page), &Passphrase::new(composed)).expect("opens");
    assert_eq!(opened, plain);
    node_opens(
        &page,
        &String::from_utf8_lossy(&plain),
        &[(composed, "opened")],
    );
}

/// A passphrase in the environment without `--encrypt` is not used, and
/// the build says so: the papers are written unsealed.
#[test]
fn a_passphrase_without_encrypt_is_named_unused() {
    let site = fixture();
    let out = site.path().join("internal");
    let output = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(["build", "--audience", "internal", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .env("DIENSTWEG_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("the dienstweg binary runs");
    assert!(output.status.success(), "{}", stderr(&output, site.path()));
    assert!(stderr(&output, site.path()).contains(
        "warning: `DIENSTWEG_PASSPHRASE` is set, but without `--encrypt` the interface papers are written unsealed"
    ));
    assert!(String::from_utf8_lossy(&output.stdout).contains("internal, papers not sealed)"));
    let paper = fs::read_to_string(out.join(PAPER)).expect("paper file");
    assert!(paper.contains("Katrin Beispiel"));
}

/// Run the page's own script in Node with WebCrypto and a stand-in DOM: the
/// right passphrase writes the paper, a wrong one only shows the message.
fn node_opens(page: &str, plain: &str, tries: &[(&str, &str)]) {
    let Ok(version) = Command::new("node").arg("--version").output() else {
        eprintln!("node not found: skipping the WebCrypto check");
        return;
    };
    let major: u32 = String::from_utf8_lossy(&version.stdout)
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 19 {
        eprintln!("node {major} has no global WebCrypto: skipping");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("page.html"), page).expect("page");
    fs::write(dir.path().join("check.js"), NODE_CHECK).expect("script");
    for &(passphrase, expected) in tries {
        let output = Command::new("node")
            .arg(dir.path().join("check.js"))
            .arg(dir.path().join("page.html"))
            .arg(passphrase)
            .output()
            .expect("node runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let (verdict, rest) = stdout.split_once('\n').expect("verdict line");
        assert_eq!(verdict, expected);
        if expected == "opened" {
            assert_eq!(rest, plain, "the page writes the decrypted paper");
        } else {
            assert_eq!(
                rest,
                "Die Passphrase ist falsch oder die Datei ist beschädigt. Bitte versuchen Sie es noch einmal."
            );
        }
    }
}

/// Loads the sealed page's inline script with a minimal DOM and submits.
const NODE_CHECK: &str = r#"
const fs = require("fs");
const [page, passphrase] = process.argv.slice(2);
const html = fs.readFileSync(page, "utf8");
const json = html.split('<script type="application/json" id="sealed">')[1].split("</script>")[0];
const script = html.split("<script>")[1].split("</script>")[0];
const attr = (name) => html.split(name + '="')[1].split('"')[0].replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
let written = null;
const elements = {
  unlock: { dataset: { working: attr("data-working"), wrong: attr("data-wrong"), unsupported: attr("data-unsupported") },
            addEventListener(type, handler) { this.handler = handler; } },
  passphrase: { value: "", focus() {} },
  "unlock-status": { textContent: "" },
  sealed: { textContent: json },
};
globalThis.document = {
  getElementById: (id) => elements[id],
  open() { written = ""; }, write(s) { written += s; }, close() {},
};
new Function(script)();
elements.passphrase.value = passphrase;
elements.unlock.handler({ preventDefault() {} }).then(() => {
  if (elements.passphrase.value !== "") throw new Error("the passphrase stays in the field");
  if (written !== null) process.stdout.write("opened\n" + written);
  else process.stdout.write("refused\n" + elements["unlock-status"].textContent);
});
"#;

#[test]
fn encrypt_is_refused_without_passphrase_or_for_the_public_build() {
    let site = fixture();
    let output = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(["build", "--audience", "internal", "--encrypt", "--root"])
        .arg(site.path())
        .env_remove("DIENSTWEG_PASSPHRASE")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output, site.path()).contains("DIENSTWEG_PASSPHRASE"));
    let output = build_encrypted(site.path(), &site.path().join("internal"), "kurz");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output, site.path()).contains("shorter than 12 characters"));
    let output = Command::new(env!("CARGO_BIN_EXE_dienstweg"))
        .args(["build", "--encrypt", "--root"])
        .arg(site.path())
        .env("DIENSTWEG_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output, site.path()).contains("for the internal build"));
    assert!(!site.path().join("internal").exists());
    assert!(!site.path().join("public").exists());
}
