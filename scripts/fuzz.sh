#!/usr/bin/env bash
# Fuzzes the whole HTTP surface from raw request bytes to a response (fuzz/fuzz_targets/http_request.rs):
# the management API and the operator's admin API (/_mock/*: clock, state, faults, journal, reset),
# for a bounded time, starting from the seed corpus in fixtures/fuzz-seeds (signed requests of every
# action, and admin requests with times at the calendar's edge, extreme ids and numbers).
#   scripts/fuzz.sh [SECONDS]      (default 60)
# cargo-fuzz is installed if missing. It needs nightly-only compiler flags; the machine has one
# stable toolchain, so RUSTC_BOOTSTRAP=1 lets that toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi

corpus=fuzz/corpus/http_request
mkdir -p "$corpus"
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz run http_request "../$corpus" ../fixtures/fuzz-seeds -- \
  -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 | tail -n 25
echo "fuzz: ${seconds}s without a crash, a panic, a 5xx or a mock left unable to answer"
