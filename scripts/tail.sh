#!/usr/bin/env bash
# CreateApp's tail latency measured from outside the mock, by wrk, against the ceiling in
# the same run: 64 connections sending pre-signed V2 CreateApp requests, each once.
#
#   bash scripts/tail.sh [SECONDS] [CONNECTIONS] [RUNS]
#
# Installs wrk from Debian's packages when it is missing. Prints wrk's latency summary for
# the ceiling and the mock, and their p99s side by side. MOCK_BIN names another mock binary
# (an earlier build, to compare a change before and after). With RUNS above 1, each run a
# fresh mock beside the same ceiling (who goes first alternating), and at the end every
# run's p99s, how many runs kept the mock within twice the ceiling, and the median of the
# ratios: on a machine whose stalls hit either server, one run says little.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-64}
runs=${3:-1}
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (apt)"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
cargo build --release -q -p cloudapi-mock -p cloudapi-loadgen
out=target/bench/tail
mkdir -p "$out"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2
  return 1
}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# Each request is used once: a repeated nonce or name would be answered by a cheaper refusal.
# 60,000 requests a second for the run's length, with room to spare.
count=$(( seconds * 90000 ))
echo "== signing $count CreateApp requests"
target/release/cloudapi-loadgen presign --workload create --count "$count" --out "$out/targets.txt"

cat >"$out/replay.lua" <<'LUA'
-- Each thread takes every n-th target, so no two connections send the same request.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  targets = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % tonumber(args[2]) == id then targets[#targets + 1] = line end
    i = i + 1
  end
  next_target = 0
end
function request()
  next_target = next_target + 1
  if next_target > #targets then next_target = 1 end
  return wrk.format("GET", targets[next_target])
end
LUA

run() {
  local name=$1 port=$2
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$out/replay.lua" "http://127.0.0.1:$port" \
    -- "$out/targets.txt" 1 | tee "$out/$name.txt"
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
p99() { to_ms "$(awk '$1 == "99%" { print $2 }' "$out/$1.txt")"; }

ceiling_port=$(free_port)
target/release/cloudapi-loadgen ceiling --listen "127.0.0.1:$ceiling_port" >/dev/null &
pids+=($!)
wait_port "$ceiling_port"

measure_mock() {
  local mock_port
  mock_port=$(free_port)
  "${MOCK_BIN:-target/release/cloudapi-mock}" --listen "127.0.0.1:$mock_port" --throttle-rps 0 --app-quota 100000000 \
    >/dev/null 2>&1 &
  local mock_pid=$!
  wait_port "$mock_port"
  echo "== mock (CreateApp V2)"
  run mock "$mock_port"
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
}

results=()
for ((i = 1; i <= runs; i++)); do
  if ((i % 2 == 1)); then
    echo "== ceiling"
    run ceiling "$ceiling_port"
    measure_mock
  else
    measure_mock
    echo "== ceiling"
    run ceiling "$ceiling_port"
  fi
  echo "p99: ceiling $(p99 ceiling)ms, mock $(p99 mock)ms"
  results+=("$(p99 ceiling) $(p99 mock)")
done

if ((runs > 1)); then
  echo "== $runs runs, p99 mock / ceiling (ms)"
  printf '%s\n' "${results[@]}" | awk '{ printf "  %s / %s ms: %.2fx\n", $2, $1, $2 / $1 }'
  printf '%s\n' "${results[@]}" | awk '{ printf "%.4f\n", $2 / $1 }' | sort -n | awk '
    { ratio[NR] = $1; if ($1 <= 2) within++ }
    END {
      median = (NR % 2) ? ratio[(NR + 1) / 2] : (ratio[NR / 2] + ratio[NR / 2 + 1]) / 2
      printf "within 2x of the ceiling: %d of %d runs; median ratio %.2fx\n", within, NR, median
    }'
fi
