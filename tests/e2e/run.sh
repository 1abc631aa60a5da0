#!/usr/bin/env bash
# Browser tests: build the shipped site (release), then run every *.test.js
# here with node's test runner against it. Each test file serves the built
# site on 127.0.0.1 itself. Needs /usr/bin/chromium, java and `npm ci` in
# this folder (.ci/run installs them). Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -d "$here/node_modules" ]; then
  echo "tests/e2e: run 'npm ci --ignore-scripts' in tests/e2e first" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/dienstweg-e2e.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== building the shipped site into $work/public"
(cd "$root" && cargo run --quiet --release -- build --out "$work/public")

export SITE_DIR="$work/public"
cd "$here"
# One file at a time: the machine has 2 cores and each file runs a browser.
node --test --test-concurrency=1 --test-reporter=spec "$@" ./*.test.js
