#!/usr/bin/env bash
# Browser tests: build the shipped site (release), public and internal (paper
# files sealed, as the institutions receive them), then run every *.test.js
# here with node's test runner against them. Each test file serves the built
# sites on 127.0.0.1 itself. Needs /usr/bin/chromium and java (.ci/run
# installs them); installs its npm packages itself on first run. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -d "$here/node_modules" ]; then
  echo "== npm ci (tests/e2e; no install scripts: nothing is downloaded but the packages)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
fi
for tool in /usr/bin/chromium java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "tests/e2e: $tool is missing: apt-get install -y chromium default-jre-headless" >&2
    exit 2
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/dienstweg-e2e.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== building the shipped site into $work/public and $work/internal"
(cd "$root" && cargo run --quiet --release -- build --out "$work/public")
# The passphrase only seals the test build's paper files (paper.test.js opens
# them with it); the folder is removed when the tests end.
export PAPER_PASSPHRASE='nur fuer die Browsertests hier'
(cd "$root" && DIENSTWEG_PASSPHRASE="$PAPER_PASSPHRASE" \
  cargo run --quiet --release -- build --audience internal --encrypt --out "$work/internal")

# The region lists of a site whose regions lie in several federal states
# (grouped by state) and are more than eight (the start page in short, the
# comparison a row per region): the shipped site, its regions spread over
# three states, plus copies of Crimmitschau.
echo "== building a site of regions in three states into $work/states"
mkdir -p "$work/states-site"
cp -r "$root/content" "$work/states-site/content"
regions="$work/states-site/content/regions"
sed -i 's/^federal_state: sachsen$/federal_state: thueringen/' "$regions/leipzig.yaml"
for n in 1 2 3 4 5 6; do
  sed -e "s/^name: Crimmitschau$/name: Beispielort $n/" \
    -e 's/^federal_state: sachsen$/federal_state: bayern/' \
    "$regions/crimmitschau.yaml" > "$regions/beispielort-$n.yaml"
done
rm "$regions/crimmitschau.yaml"
(cd "$root" && cargo run --quiet --release -- build --root "$work/states-site" --out "$work/states")

export SITE_DIR="$work/public" INTERNAL_DIR="$work/internal" STATES_DIR="$work/states"
cd "$here"
# One file at a time: the machine has 2 cores and each file runs a browser.
node --test --test-concurrency=1 --test-reporter=spec "$@" ./*.test.js
