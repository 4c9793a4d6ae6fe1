#!/usr/bin/env bash
# The benchmark, in one command: the mock beside a bare-server ceiling under the same
# pre-signed load (create, describe, list, mix; V2 and V3), start-up, and resident memory.
# Writes target/bench/report.json and target/bench/report.md and prints the table.
#
#   scripts/bench.sh                         the full run (a few minutes), release build
#   scripts/bench.sh --duration-secs 2 --repeat 1      shorter
#   scripts/bench.sh --smoke --out target/bench/smoke  seconds, dev build: only shows it all runs
#
# Other options: target/release/cloudapi-loadgen report --help. The micro-benchmarks are
# separate: cargo bench -p cloudapi-core.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=(--release)
dir=release
for arg in "$@"; do
  if [[ "$arg" == --smoke ]]; then
    # Figures from a smoke run mean nothing; the dev build CI already has is enough.
    profile=()
    dir=debug
  fi
done
cargo build "${profile[@]}" -q -p cloudapi-mock -p cloudapi-loadgen
exec "target/$dir/cloudapi-loadgen" report --mock-bin "target/$dir/cloudapi-mock" "$@"
