#!/usr/bin/env bash
# Instructions per request of the release mock, counted by callgrind: a measure that other
# processes on the machine do not disturb, for comparing a change before and after.
#
#   scripts/profile.sh [WORKLOAD] [SCHEME] [REQUESTS]     e.g. scripts/profile.sh create v3 5000
#
# Prints the instructions per request (start-up and setup included, spread over REQUESTS)
# and leaves the callgrind profile in target/bench/callgrind.WORKLOAD.SCHEME.out for
# callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
workload=${1:-describe}
scheme=${2:-v2}
requests=${3:-5000}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
cargo build --release -q -p cloudapi-mock -p cloudapi-loadgen
mkdir -p target/bench
out="target/bench/callgrind.$workload.$scheme.out"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
valgrind --tool=callgrind --callgrind-out-file="$out" \
  target/release/cloudapi-mock --listen "127.0.0.1:$port" --throttle-rps 0 --app-quota 100000000 \
  >/dev/null 2>target/bench/callgrind.log &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
target/release/cloudapi-loadgen run --endpoint "127.0.0.1:$port" --workload "$workload" --scheme "$scheme" \
  --connections 4 --duration-secs 300 --pool-size "$requests" --apps-per-account 100
kill -INT $mock
wait $mock || true
trap - EXIT
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
echo "instructions per request ($workload $scheme): $(( total / requests ))"
