#!/usr/bin/env python3
"""Time whole-process builds of dienstweg and Hugo on the same pages; bench/run.sh calls it.

usage: bench/measure.py DIENSTWEG_BINARY [REGIONS ...]   (default 4 40 400)

For the shipped site and for each size: generate the dienstweg site (bench/generate.py)
and the Hugo site (bench/hugo_reference.py), then time the two builds alternately
(A B A B ...), each command including `rm -rf` of its previous output, all on tmpfs.
Wall time is measured around the process, peak RSS comes from `/usr/bin/time -v`. The
I/O floor is `rm -rf COPY && cp -r OUTPUT COPY` of the finished output (on tmpfs); it is
taken of Hugo's output too, so the table shows how near the reference comes to its own floor.
dienstweg builds three ways: with `--no-cache` (every timed build indexes its pages
and leak-scans every file, as the first build after an edit does), with what its cache
kept (the search index, the files that passed the same leak scan), and with
`--no-search --no-cache`, which is the work Hugo's reference does (it builds no index;
every file is scanned).
Prints a Markdown table: medians, the ratios to Hugo from the same run.

Environment: RUNS (default 5), BENCH_DIR (default /dev/shm/dienstweg-bench).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
RUNS = int(os.environ.get("RUNS", "5"))
WORK = os.environ.get("BENCH_DIR", "/dev/shm/dienstweg-bench")


def timed(command):
    """Wall seconds and peak RSS (KiB) of one shell command."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", command],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {command}\n{result.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return wall, rss


def tree_size(path):
    total, files, pages = 0, 0, 0
    for folder, _, names in os.walk(path):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            total += os.path.getsize(os.path.join(folder, name))
    return total, files, pages


def measure(label, sides, floor_outputs):
    """Run every side RUNS times, alternating, and copy each output in `floor_outputs`
    (side name → folder) once a run; return medians per side and per floor."""
    walls = {name: [] for name in sides}
    rss = {name: [] for name in sides}
    floors = {name: [] for name in floor_outputs}
    # A copy folder per output, copied once untimed, so that every timed `rm -rf`
    # deletes a copy of the same tree.
    copies = {name: f"{WORK}/c-{name}" for name in floor_outputs}
    for name, output in floor_outputs.items():
        timed(f"rm -rf {copies[name]} && cp -r {output} {copies[name]}")
    for _ in range(RUNS):
        for name, command in sides.items():
            wall, peak = timed(command)
            walls[name].append(wall)
            rss[name].append(peak)
        for name, output in floor_outputs.items():
            floors[name].append(timed(f"rm -rf {copies[name]} && cp -r {output} {copies[name]}")[0])
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
    print(f"  {label}: " + ", ".join(f"{n} " + " ".join(f"{w * 1000:.0f}" for w in walls[n])
                                     for n in sides) + " ms", file=sys.stderr)
    return ({n: statistics.median(walls[n]) for n in sides},
            {n: statistics.median(rss[n]) for n in sides},
            {n: statistics.median(floors[n]) for n in floors})


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def mib(kib):
    return f"{kib / 1024:.0f} MiB"


def dienstweg_sides(binary, root, out):
    """dienstweg's three ways to build the same site, as timed."""
    build = f"rm -rf {out} && {binary} build --root {root} --out {out}"
    return {
        "search": f"{build} --no-cache",  # the index built, every file scanned, as after an edit
        "cached": build,                  # the index and the scan's record read from .dienstweg-cache
        "no-search": f"{build} --no-search --no-cache",  # Hugo's reference's work: no index
    }


def main():
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [4, 40, 400]
    os.makedirs(WORK, exist_ok=True)
    rows = []

    out = f"{WORK}/out-shipped"
    sides = dienstweg_sides(binary, REPO, out)
    for command in sides.values():
        timed(command)
    walls, peaks, floors = measure("shipped", sides, {"no-search": out})
    floor = floors["no-search"]
    _, _, pages = tree_size(out)
    rows.append(("shipped site", f"{pages}", "–", ms(walls["search"]), ms(walls["cached"]),
                 ms(walls["no-search"]), "–", "–",
                 f"{mib(peaks['search'])} / {mib(peaks['no-search'])} / –",
                 f"{ms(floor)} ({walls['no-search'] / floor:.1f}×)", "–"))

    for n in sizes:
        site, hugo_site = f"{WORK}/dienstweg-{n}", f"{WORK}/hugo-{n}"
        out, hugo_out = f"{WORK}/out-dienstweg-{n}", f"{WORK}/out-hugo-{n}"
        subprocess.run([sys.executable, f"{HERE}/generate.py", site, str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, f"{HERE}/hugo_reference.py", hugo_site, str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        sides = dienstweg_sides(binary, site, out)
        sides["hugo"] = f"rm -rf {hugo_out} && hugo --quiet --source {hugo_site} --destination {hugo_out}"
        for command in sides.values():  # warm the page cache and the search cache; all sides build
            timed(command)
        walls, peaks, floors = measure(f"{n} regions", sides, {"no-search": out, "hugo": hugo_out})
        floor, hugo_floor = floors["no-search"], floors["hugo"]
        size, _, pages = tree_size(out)
        hugo_size, _, hugo_pages = tree_size(hugo_out)
        hugo = walls["hugo"]
        rows.append((f"{n} regions", f"{pages} ({size / 2**20:.0f} MiB)",
                     f"{hugo_pages} ({hugo_size / 2**20:.0f} MiB)",
                     f"{ms(walls['search'])} ({walls['search'] / hugo:.2f})",
                     f"{ms(walls['cached'])} ({walls['cached'] / hugo:.2f})",
                     f"{ms(walls['no-search'])} ({walls['no-search'] / hugo:.2f})", ms(hugo),
                     f"{walls['no-search'] / hugo:.2f}",
                     f"{mib(peaks['search'])} / {mib(peaks['no-search'])} / {mib(peaks['hugo'])}",
                     f"{ms(floor)} ({walls['no-search'] / floor:.1f}×)",
                     f"{ms(hugo_floor)} ({hugo / hugo_floor:.1f}×)"))

    print(f"\n{RUNS} runs each, medians, alternating the sides; outputs on tmpfs. In brackets: "
          "÷ Hugo's median of the same run.\n")
    print("| size | pages dienstweg | pages Hugo | dienstweg, index from scratch | dienstweg, index cached "
          "| dienstweg --no-search --no-cache | Hugo | ratio (no search ÷ Hugo) "
          "| peak RSS: search / no search / Hugo | I/O floor (no search ÷ floor) "
          "| Hugo's I/O floor (Hugo ÷ its floor) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
