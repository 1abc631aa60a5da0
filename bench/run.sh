#!/usr/bin/env bash
# Benchmark: whole-process builds of dienstweg and Hugo on the same nationwide
# site, at 4, 40 and 400 regions (or the sizes given), plus the shipped site.
#
#   bench/run.sh [N ...]        e.g. bench/run.sh 400; RUNS=7 bench/run.sh
#
# Installs nothing: it needs hugo and GNU time (`apt-get install -y hugo time`),
# python3 and cargo. Sites and outputs go to /dev/shm (tmpfs).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]}; install with: apt-get install -y ${missing[*]}" >&2
    exit 2
fi
[ -d /dev/shm ] || { echo "needs /dev/shm (tmpfs) for sites and outputs" >&2; exit 2; }

cargo build --release --quiet
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2)" >&2
exec python3 bench/measure.py target/release/dienstweg "$@"
