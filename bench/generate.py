#!/usr/bin/env python3
"""Write a nationwide dienstweg site of N fictional regions, to time builds on it.

usage: bench/generate.py DIR [REGIONS] [--seed S]   (deterministic; default 400 regions, seed 42)

Copies the shipped site.yaml, guide, glossary and catalogue of this repository,
adds the shared pages of bench/hugo_reference.py (60 glossary terms of ~180
words, 15 guide pages of ~800 words with headings, lists, a table and a fenced
YAML block, so highlighting runs as on Hugo's side), and writes N regions, each with 12 partners of 3 contacts each, a full 12 x 12
responsibility matrix, 12 hand-offs, 8 meetings and 20 recommendations (about
100 words of Markdown each, as in the Hugo reference site). The text volume per
region follows bench/hugo_reference.py: a summary of ~150 words, partner tasks
of 20 words, recommendations of ~100 words plus a two-item list.

All contact data is fictional and unique per contact: names are combinations of
invented surnames, e-mail addresses are at example.org, and every phone number
is a number of the range reserved for film and fiction (+49 30 23125 000-999)
with a three-digit extension, so 14 400 contacts never share a value and the
public build passes its own leak scan.
"""
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The vocabulary of the Hugo reference site, so both sides render the same kind of text.
W = ("Agentur Jobcenter Beratung Integration Sprachkurs Anerkennung Vermittlung Ausbildung Arbeitgeber "
     "Netzwerk Zuständigkeit Schnittstelle Aufenthalt Leistung Qualifizierung Termin Partner Region Workshop").split()
FIRST = ("Anna Ben Clara David Elena Felix Greta Hannes Ida Jonas Karla Lukas Mara Nils Olga Paul Rosa Samir "
         "Tara Umut Vera Wanda Yusuf Zoe Amir Birte Cem Dana Emil Frieda Gregor Hilde Ilias Jana Kemal Lena "
         "Malte Nora Oskar Pia Quentin Rieke Sven Tilda Ulf Vivien Wilma Xaver Yara Zeno").split()
SURNAME_HEADS = ("Muster Beispiel Probe Vorlage Entwurf Skizze Schablone Platzhalter Exempel Modell Attrappe "
                 "Notiz Kladde Zettel Formular Vordruck Randnotiz Stichprobe Leerzeile Fussnote Absatz Glosse "
                 "Kapitel Anhang Textbaustein Merkblatt Aktendeckel Umlauf Stempel Tinte").split()
SURNAME_TAILS = "mann berg feld hagen dorf mayer bach horst kamp stein rath wald brink hoff ried".split()
TOWN_HEADS = ("Alt Neu Ober Unter Klein Gross Hohen Nieder Wester Oster Sued Nord Bad Mittel Vorder Hinter "
              "Breiten Langen Rosen Linden").split()
TOWN_TAILS = ("au bach berg brueck burg dorf feld furt hagen hausen heim hof kirchen lingen mark rode "
              "stadt stein tal walde").split()
INSTITUTIONS = [  # (type id, name prefix) of the shipped catalogue
    ("aa", "Agentur für Arbeit"), ("jc", "Jobcenter"), ("ags", "Gemeinsamer Arbeitgeberservice"),
    ("bamf", "BAMF-Außenstelle"), ("mbe", "Migrationsberatung"), ("jmd", "Jugendmigrationsdienst"),
    ("zab", "Zentrale Ausländerbehörde"), ("abh", "Ausländerbehörde"), ("sa", "Sozialamt"),
    ("vhs", "Volkshochschule"), ("kammer", "Kammern"), ("unternehmen", "Unternehmensnetzwerk"),
    ("jugendamt", "Jugendamt"), ("iq", "IQ-Beratung"),
]
AREAS = ["erstberatung", "aufenthaltsstatus", "arbeitsmarktzulassung", "existenzsicherung",
         "unterbringung", "sprachfoerderung", "anerkennung", "berufsberatung", "arbeitsvermittlung",
         "arbeitgeberberatung", "kinderbetreuung", "gesundheit"]
GROUPS = ["gestattete", "geduldete", "schutzberechtigte", "ukraine", "eu", "neuzugewanderte"]
TERMS = ["duldung", "aufenthaltsgestattung", "beschaeftigungserlaubnis", "integrationskurs",
         "rechtskreiswechsel", "berufssprachkurs"]
KINDS = ["kreisfreie-stadt", "landkreis", "kreisangehoerige-stadt"]
STATUSES = ["proposed", "adopted", "in-progress", "done", "dropped"]
# The federal states with their number of districts and district-free cities
# (400 in all): region i of n lies in the state that holds place i * 400 / n.
STATES = [("baden-wuerttemberg", 44), ("bayern", 96), ("berlin", 1), ("brandenburg", 18),
          ("bremen", 2), ("hamburg", 1), ("hessen", 26), ("mecklenburg-vorpommern", 8),
          ("niedersachsen", 45), ("nordrhein-westfalen", 53), ("rheinland-pfalz", 36),
          ("saarland", 6), ("sachsen", 13), ("sachsen-anhalt", 14), ("schleswig-holstein", 15),
          ("thueringen", 22)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--seed")]
    seed = 42
    for a in sys.argv[1:]:
        if a.startswith("--seed="):
            seed = int(a.split("=", 1)[1])
    if not args:
        sys.exit(__doc__)
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 400
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    content = os.path.join(out, "content")
    for part in ("guide", "glossary", "catalog"):
        shutil.copytree(os.path.join(ROOT, "content", part), os.path.join(content, part))
    shutil.copy(os.path.join(ROOT, "content", "site.yaml"), os.path.join(content, "site.yaml"))
    write_shared_pages(rng, content)
    os.makedirs(os.path.join(content, "regions"))
    names = people(rng, n * 12 * 3)
    towns = town_names(rng, n)
    for i in range(n):
        region = write_region(rng, i, n, towns[i], names[i * 36:(i + 1) * 36])
        with open(os.path.join(content, "regions", f"region-{i:03d}.yaml"), "w", encoding="utf-8") as f:
            f.write(region)
    print(f"{n} regions written to {out}")


def write_shared_pages(rng, content):
    """The glossary and guide pages of the Hugo reference, in dienstweg's format."""
    for g in range(60):
        term = f"""---
term: Begriff {g}
gloss: generated term {g}
legal_basis: "§ {g + 1} AufenthG"
labour_market: {folded(para(rng, 60), 2)}
benefits: {folded(words(rng, 12), 2)}
responsible: {folded(words(rng, 8), 2)}
sources:
  - title: "gesetze-im-internet.de – AufenthG"
    url: "https://www.gesetze-im-internet.de/aufenthg_2004/"
stand: 2026-03-15
---
## Definition

{para(rng, 120)}
"""
        with open(os.path.join(content, "glossary", f"begriff-{g:02d}.md"), "w", encoding="utf-8") as f:
            f.write(term)
    for g in range(15):
        sections = "\n\n".join(
            f"## Abschnitt {k}\n\n{para(rng, 100)}\n\n- {words(rng, 5)}\n- {words(rng, 5)}\n\n"
            f"| A | B |\n|---|---|\n| {words(rng, 2)} | {words(rng, 2)} |"
            for k in range(8))
        page = (f"---\ntitle: Leitfaden {g}\nweight: {100 + g}\n---\n{sections}\n\n"
                "```yaml\nregion: leipzig\npartners:\n  - id: jc\n    name: Jobcenter\n```\n")
        with open(os.path.join(content, "guide", f"seite-{g:02d}.md"), "w", encoding="utf-8") as f:
            f.write(page)


def words(rng, k):
    return " ".join(rng.choice(W) for _ in range(k))


def para(rng, k):
    return ". ".join(words(rng, 12).capitalize() for _ in range(max(1, k // 12))) + "."


def people(rng, count):
    surnames = [h + t for h in SURNAME_HEADS for t in SURNAME_TAILS]
    pairs = [(f, s) for f in FIRST for s in surnames]
    if count > len(pairs):
        sys.exit(f"at most {len(pairs) // 36} regions: there are not enough distinct fictional names")
    rng.shuffle(pairs)
    return pairs[:count]


def town_names(rng, count):
    towns = [h + t for h in TOWN_HEADS for t in TOWN_TAILS]
    rng.shuffle(towns)
    # Past 400 regions, numbered districts keep the names unique.
    return [towns[i % len(towns)] + ("" if i < len(towns) else f" {i // len(towns) + 1}")
            for i in range(count)]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folded(text, indent):
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 72 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return ">-\n" + "\n".join(pad + l for l in lines)


def write_region(rng, index, n, town, people_of_region):
    slug = f"region-{index:03d}"
    kind = KINDS[index % 3]
    name = {"kreisfreie-stadt": town, "landkreis": f"Landkreis {town}",
            "kreisangehoerige-stadt": f"Stadt {town}"}[kind]
    institutions = rng.sample(INSTITUTIONS, 12)
    partner_ids = [f"{t}-{index:03d}" for t, _ in institutions]
    y = [f"# Fictional benchmark region {index}: generated by bench/generate.py, no real persons.",
         f"name: {quote(name)}", f"kind: {kind}"]
    if kind == "kreisangehoerige-stadt":
        y.append(f"parent: {quote('Landkreis ' + towns_parent(town))}")
    y.append(f"federal_state: {federal_state(index, n)}")
    y += [f"summary: {folded(para(rng, 150), 2)}", "example_data: true",
          f"network_status: {rng.choice(['one-off', 'regular', 'self-organised'])}",
          "focus_topics:"]
    y += [f"  - {words(rng, 4)}" for _ in range(4)]
    y += ["stand: 2026-10-01", f"organisers: [{partner_ids[0]}, {partner_ids[1]}]",
          f"notes_internal: {folded('Intern für ' + name + ': ' + para(rng, 24), 2)}", "partners:"]
    for p, ((type_id, prefix), pid) in enumerate(zip(institutions, partner_ids)):
        y += [f"  - id: {pid}", f"    name: {quote(prefix + ' ' + town)}", f"    type: {type_id}",
              f"    tasks: {folded(para(rng, 20), 6)}",
              f"    target_groups: [{', '.join(sorted(rng.sample(GROUPS, 3), key=GROUPS.index))}]",
              "    contacts:"]
        for c in range(3):
            number = index * 36 + p * 3 + c
            first, last = people_of_region[p * 3 + c]
            y += [f"      - name: {first} {last}",
                  f"        role: {words(rng, 3)}",
                  f"        phone: \"+49 30 23125 {number % 1000:03d}-{100 + number // 1000}\"",
                  f"        email: {first.lower()}.{last.lower()}@example.org",
                  f"        address: \"Beispielweg {p * 3 + c + 1}, {10000 + index:05d} {town}\"",
                  f"        room: \"Haus {'ABC'[c]}, Raum {p}.{c + 10}\"",
                  f"        decision_maker: {'true' if c == 0 else 'false'}",
                  f"        confirmed: 2026-{rng.randint(6, 10):02d}-{rng.randint(1, 28):02d}"]
    y.append("meetings:")
    meetings = []
    for m in range(8):
        mid = f"m{m + 1}"
        participants = rng.randint(14, 24)
        meetings.append((mid, participants))
        y += [f"  - id: {mid}", f"    kind: {'workshop' if m < 2 else 'exchange'}",
              f"    title: {quote(words(rng, 4))}", f"    date: {2017 + m}-{rng.randint(1, 12):02d}-15",
              "    topics:"] + [f"      - {words(rng, 3)}" for _ in range(3)] + [
              f"    participants: {participants}", "    decision_makers: true",
              f"    summary: {folded(para(rng, 36), 6)}"]
    y.append("matrix:")
    for area in AREAS:
        y += [f"  - area: {area}", "    cells:"]
        for pid in partner_ids:
            y += [f"      - partner: {pid}",
                  f"        level: {rng.choice(['lead', 'involved', 'informs'])}",
                  f"        groups: [{', '.join(sorted(rng.sample(GROUPS, 2), key=GROUPS.index))}]"]
    y.append("handoffs:")
    for h in range(12):
        a, b = rng.sample(partner_ids, 2)
        y += [f"  - from: {a}", f"    to: {b}", f"    trigger: {quote(words(rng, 10))}",
              f"    passes: {quote(words(rng, 8))}"]
    y.append("recommendations:")
    for r in range(20):
        status = STATUSES[r % 5]
        text = (f"{para(rng, 100)} Siehe [[{TERMS[r % len(TERMS)]}]].\n\n"
                f"- {words(rng, 6)}\n- {words(rng, 6)}")
        y += [f"  - id: empfehlung-{r + 1:02d}", f"    title: {quote(words(rng, 5))}",
              "    text: |-"] + ["      " + line if line else "" for line in text.split("\n")] + [
              f"    proposed_by: {rng.choice(partner_ids)}",
              f"    responsible: [{', '.join(rng.sample(partner_ids, 2))}]", f"    status: {status}"]
        if status != "proposed":
            mid, participants = rng.choice(meetings)
            yes = rng.randint(8, participants - 4)
            no = rng.randint(0, 2)
            y += ["    vote:", f"      meeting: {mid}", f"      yes: {yes}", f"      no: {no}",
                  f"      abstain: {rng.randint(0, participants - yes - no)}"]
    return "\n".join(y) + "\n"


def federal_state(index, n):
    place = index * 400 // n
    for state, count in STATES:
        if place < count:
            return state
        place -= count
    return STATES[-1][0]


def towns_parent(town):
    return town + "er Land"


if __name__ == "__main__":
    main()
