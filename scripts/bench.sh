#!/usr/bin/env bash
# The benchmark, in one command: the mock beside a bare-server ceiling under the same
# pre-signed load (create, describe, list, mix; V2 and V3), start-up, and resident memory.
# Writes target/bench/report.json and target/bench/report.md and prints the table.
#
#   scripts/bench.sh                         the full run (a few minutes), release build
#   scripts/bench.sh --duration-secs 2 --repeat 1      shorter
#   scripts/bench.sh --smoke --out target/bench/smoke  seconds, dev build: only shows it all runs
#
#   scripts/bench.sh --baseline-rev 4ab693b --rows "create v2,describe v2" --repeat 7
#                                            also runs that commit's mock beside this one in
#                                            every repeat, and gives each row's CPU per request
#                                            against it (the commit is built first, in
#                                            target/bench/baseline-target)
#
# Other options: target/release/cloudapi-loadgen report --help. The micro-benchmarks are
# separate: cargo bench -p cloudapi-core.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=(--release)
dir=release
args=()
baseline_rev=
while (($#)); do
  case "$1" in
    --baseline-rev)
      baseline_rev=${2:?--baseline-rev needs a commit}
      shift 2
      ;;
    --smoke)
      # Figures from a smoke run mean nothing; the dev build CI already has is enough.
      profile=()
      dir=debug
      args+=("$1")
      shift
      ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done
cargo build "${profile[@]}" -q -p cloudapi-mock -p cloudapi-loadgen
if [[ -n "$baseline_rev" ]]; then
  commit=$(git rev-parse --verify "$baseline_rev^{commit}")
  baseline_bin="target/bench/cloudapi-mock-${commit:0:12}"
  if [[ ! -x "$baseline_bin" ]]; then
    # The commit's sources as they were, built with its own lock file; the target directory
    # is kept, so a second baseline builds only what differs.
    src=target/bench/baseline-src
    rm -rf "$src"
    mkdir -p "$src"
    git archive "$commit" | tar -x -C "$src"
    CARGO_TARGET_DIR="$PWD/target/bench/baseline-target" \
      cargo build "${profile[@]}" -q --manifest-path "$src/Cargo.toml" -p cloudapi-mock
    cp "target/bench/baseline-target/$dir/cloudapi-mock" "$baseline_bin"
    rm -rf "$src"
  fi
  args+=(--baseline-bin "$baseline_bin")
fi
exec "target/$dir/cloudapi-loadgen" report --mock-bin "target/$dir/cloudapi-mock" "${args[@]}"
