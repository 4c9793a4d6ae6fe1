#!/usr/bin/env bash
# The contract suite as a user runs it against a real account (CLOUDAPI_TARGET=remote), here
# against the cloudapi-mock binary over HTTP: it passes and leaves nothing behind, it leaves an
# account's own app alone, an interrupted run deletes what it created, and after a crash the
# sweep finds and deletes the leftovers.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== the contract suite, remote, against the cloudapi-mock binary"
cargo build -p cloudapi-mock --bin cloudapi-mock
cargo build -p cloudapi-conformance --bin cloudapi-sweep --example call
features_binary=$(cargo test -p cloudapi-conformance --test features --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*"' | sed 's/"executable":"//; s/"$//' | grep '/features-' | tail -n 1)
[ -x "$features_binary" ] || { echo "cannot find the features test binary"; exit 1; }

scratch=$(mktemp -d)
mock_pids=()
cleanup() {
  for pid in "${mock_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# GET http://127.0.0.1:$1$2, body on stdout (curl if there is one, else bash's /dev/tcp).
http_get() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 5 "http://127.0.0.1:$1$2"
  else
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    sed '1,/^\r$/d' <&3
    exec 3<&-
  fi
}

# What the mock on port $1 holds that a run creates: apps, API groups, APIs and throttling
# policies, added up.
# The health answer lists them first, before the per-account counts.
apps_held() {
  local total=0 n
  for n in $(http_get "$1" /_mock/health | grep -o '"\(apps\|groups\|apis\|traffic_controls\)":[0-9]*' | head -n 4 | cut -d: -f2); do
    total=$((total + n))
  done
  echo "$total"
}

# Starts the binary on a free loopback port (it prints the one it got); sets $port.
start_mock() {
  local log=$scratch/mock-$#-$RANDOM.log
  ./target/debug/cloudapi-mock --listen 127.0.0.1:0 --log warn "$@" >"$log" 2>&1 &
  mock_pids+=($!)
  port=""
  for _ in $(seq 1 100); do
    port=$(grep -o 'on http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -n 1 | sed 's/.*://') || true
    if [ -n "$port" ] && http_get "$port" /_mock/health >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "the mock did not become healthy within 10 s:"; cat "$log"; exit 1
}

# The variables of a remote run against the mock on $port, its outputs under $scratch/$1
# (call in a subshell).
remote_vars() {
  export CLOUDAPI_TARGET=remote CLOUDAPI_ALLOW_REMOTE=1 CLOUDAPI_ENDPOINT="http://127.0.0.1:$port"
  export ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret
  export ALIBABA_CLOUD_REGION_ID=cn-hangzhou
  export CLOUDAPI_LEDGER="$scratch/$1/ledger.json" CLOUDAPI_JUNIT="$scratch/$1/junit.xml"
  export CLOUDAPI_PARITY_REPORT="$scratch/$1/parity-report.md"
  export CLOUDAPI_RECORD_VALIDATION=1 CLOUDAPI_VALIDATION_FILE="$scratch/$1/validation.json"
}

start_mock
(remote_vars run; exec "$features_binary")
held=$(apps_held "$port")
[ "$held" = "0" ] || { echo "the mock still holds $held app(s) after the remote run"; exit 1; }
grep -q '"last_validated"' "$scratch/run/validation.json" || { echo "no validation stamps written"; exit 1; }
grep -q '<testsuites' "$scratch/run/junit.xml" || { echo "no JUnit report written"; exit 1; }
echo "the mock holds 0 apps after the remote run"

echo "== a run on an account with an app of its own leaves that app alone"
start_mock
(remote_vars seeded; exec ./target/debug/examples/call CreateApp AppName=payments_prod Description=not_the_suites) >/dev/null
(remote_vars seeded; exec "$features_binary") >"$scratch/seeded.log" 2>&1 || { tail -n 60 "$scratch/seeded.log"; exit 1; }
grep "scenarios (\|were not run" "$scratch/seeded.log"
grep -q "were not run: region cn-hangzhou held 1 app(s)" "$scratch/seeded.log"
held=$(apps_held "$port")
[ "$held" = "1" ] || { echo "expected the account's own app alone, the mock holds $held"; exit 1; }
(remote_vars seeded; exec ./target/debug/examples/call DescribeAppAttributes AppName=payments_prod) \
  | grep -q '"Description":"not_the_suites"' || { echo "the account's own app changed"; exit 1; }
(remote_vars seeded; exec ./target/debug/cloudapi-sweep) | grep -q "nothing left behind"
echo "the account's own app is intact; the sweep leaves it alone"

echo "== an interrupted remote run deletes what it created"
# One write per second: apps live long enough between throttled calls to be caught.
start_mock --throttle-rps 1
# exec: $! must be the suite itself, not a subshell, for the signal to reach it.
(remote_vars interrupted; exec "$features_binary") >"$scratch/interrupted.log" 2>&1 &
suite=$!
seen=""
for _ in $(seq 1 900); do
  if [ "$(apps_held "$port" 2>/dev/null || echo 0)" != "0" ]; then seen=yes; break; fi
  kill -0 "$suite" 2>/dev/null || break
  sleep 0.1
done
[ -n "$seen" ] || { echo "the run never held an app"; tail -n 40 "$scratch/interrupted.log"; exit 1; }
kill -TERM "$suite"
status=0
wait "$suite" || status=$?
grep 'interrupted; deleting\|deleted [0-9]*, already gone' "$scratch/interrupted.log" || true
[ "$status" = "130" ] || { echo "expected exit status 130, got $status"; tail -n 40 "$scratch/interrupted.log"; exit 1; }
held=$(apps_held "$port")
[ "$held" = "0" ] || { echo "the mock still holds $held app(s) after the interruption"; exit 1; }
echo "the mock holds 0 apps after the interruption"

echo "== after a crash, the sweep finds what is left (ledger, then names) and deletes it"
# A scenario may delete what it made between the last look and the kill: then the crash is
# tried again, at most three times.
held=0
for attempt in 1 2 3; do
  rm -rf "$scratch/crashed"
  (remote_vars crashed; exec "$features_binary") >"$scratch/crashed.log" 2>&1 &
  suite=$!
  seen=""
  for _ in $(seq 1 900); do
    # Killed while it holds something the ledger names.
    if grep -q '"id"' "$scratch/crashed/ledger.json" 2>/dev/null && [ "$(apps_held "$port" 2>/dev/null || echo 0)" != "0" ]; then
      seen=yes
      break
    fi
    kill -0 "$suite" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$seen" ] || { echo "the run never recorded an app"; tail -n 40 "$scratch/crashed.log"; exit 1; }
  kill -KILL "$suite"
  wait "$suite" 2>/dev/null || true
  held=$(apps_held "$port")
  [ "$held" = "0" ] || break
  echo "attempt $attempt: the killed run had just deleted what it held; again"
done
[ "$held" != "0" ] || { echo "the killed run left nothing: the crash path was not exercised"; exit 1; }
echo "the killed run left $held app(s)"
(remote_vars crashed; exec ./target/debug/cloudapi-sweep) | tee "$scratch/sweep-list.log"
grep -q "would be deleted" "$scratch/sweep-list.log"
held_after_listing=$(apps_held "$port")
[ "$held_after_listing" = "$held" ] || { echo "the sweep deleted without --delete"; exit 1; }
# Without the ledger, the names alone (the prefix family) lead the sweep to the leftovers.
rm "$scratch/crashed/ledger.json"
(remote_vars crashed; exec ./target/debug/cloudapi-sweep --delete) | tee "$scratch/sweep.log"
grep -q "(prefix; found by the sweep)" "$scratch/sweep.log"
held=$(apps_held "$port")
[ "$held" = "0" ] || { echo "the mock still holds $held app(s) after the sweep"; exit 1; }
(remote_vars crashed; exec ./target/debug/cloudapi-sweep) | grep -q "nothing left behind"
echo "the mock holds 0 apps after the sweep"
