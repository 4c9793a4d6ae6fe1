#!/usr/bin/env bash
# The official SDKs, unmodified, against the cloudapi-mock binary.
#
# Installs the pinned Python SDKs (requirements.txt) into scripts/sdk-compat/.venv and the
# pinned Node SDKs (package-lock.json) into scripts/sdk-compat/node_modules, reusing both
# while the pins are unchanged; builds the mock, starts it on a free loopback port, runs
# every client configuration (python_sdks.py, node_sdks.js), prints one line per check and
# ends with "N passed, M failed". Exits non-zero if anything failed.
#
#   bash scripts/sdk-compat/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

say() { echo "== $*"; }

# --- the Python SDKs ------------------------------------------------------------------
venv="$here/.venv"
python_pins="$(python3 --version 2>&1) $(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.pins" 2>/dev/null)" != "$python_pins" ]]; then
    say "installing the Python SDKs (requirements.txt) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$python_pins" >"$venv/.pins"
else
    say "Python SDKs already installed in $venv"
fi

# --- the Node SDKs --------------------------------------------------------------------
node_pins="$(node --version) $(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ "$(cat "$here/node_modules/.pins" 2>/dev/null)" != "$node_pins" ]]; then
    say "installing the Node SDKs (package-lock.json) into $here/node_modules"
    # --ignore-scripts: the only install script (@alicloud/openapi-core's) picks TypeScript
    # versions for Node 10 and 12 and does nothing on newer ones.
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$node_pins" >"$here/node_modules/.pins"
else
    say "Node SDKs already installed in $here/node_modules"
fi

# --- the mock -------------------------------------------------------------------------
say "building cloudapi-mock"
cargo build --quiet -p cloudapi-mock
mock="${CARGO_TARGET_DIR:-$root/target}/debug/cloudapi-mock"

work="$(mktemp -d)"
mock_pid=""
cleanup() {
    if [[ -n "$mock_pid" ]]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Port 0: the OS picks a free port; the mock prints the address it got.
# It prints its banner on stdout and one log line per request on stderr, both kept here. (The file exists before the
# child opens it, so the first poll never reads a missing file.)
: >"$work/mock.out"
"$mock" --listen 127.0.0.1:0 --log info >"$work/mock.out" 2>&1 &
mock_pid=$!

# Answers 0 when GET /_mock/health on HOST:PORT answers 200 (bash's /dev/tcp: no curl needed).
health_ok() (
    exec 3<>"/dev/tcp/${1%:*}/${1##*:}" || exit 1
    printf 'GET /_mock/health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$1" >&3
    IFS= read -r -t 5 status <&3 || exit 1
    [[ "$status" == "HTTP/1.1 200"* ]]
)

# Ends the run with one failed check when the mock cannot be reached.
mock_failed() {
    echo "FAIL cloudapi-mock  $1"
    sed 's/^/  mock: /' "$work/mock.out" | tail -n 40
    echo "0 passed, 1 failed"
    exit 1
}

endpoint=""
deadline=$((SECONDS + 60))
while :; do
    kill -0 "$mock_pid" 2>/dev/null || mock_failed "exited before serving"
    if [[ -z "$endpoint" ]]; then
        endpoint="$(sed -n 's/^ *endpoint: *\([0-9.]*:[0-9]*\).*/\1/p' "$work/mock.out")"
    fi
    if [[ -n "$endpoint" ]] && health_ok "$endpoint" 2>/dev/null; then
        break
    fi
    ((SECONDS < deadline)) || mock_failed "GET /_mock/health did not answer 200 within 60 s"
    sleep 0.1
done
say "cloudapi-mock serving on http://$endpoint"

# --- the clients ----------------------------------------------------------------------
# Both Python SDKs send even loopback requests through HTTP(S)_PROXY, whatever NO_PROXY says.
no_proxy=(env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy -u ALL_PROXY -u all_proxy)
results="$work/results"
touch "$results"

# Runs one driver; its crash, or a run that checked nothing, is a failed check too.
run_driver() {
    local name="$1" rc=0
    shift
    "${no_proxy[@]}" "$@" "$endpoint" | tee "$work/$name.out" || rc=$?
    cat "$work/$name.out" >>"$results"
    if ((rc != 0)); then
        echo "FAIL $name  the driver exited with status $rc" | tee -a "$results"
    elif ! grep -q '^\(ok\|FAIL\) ' "$work/$name.out"; then
        echo "FAIL $name  the driver ran no check" | tee -a "$results"
    fi
}

say "Python SDKs"
run_driver python_sdks.py "$venv/bin/python" "$here/python_sdks.py"
say "Node SDKs"
run_driver node_sdks.js node "$here/node_sdks.js"

passed="$(grep -c '^ok ' "$results" || true)"
failed="$(grep -c '^FAIL ' "$results" || true)"
if ((failed > 0)); then
    say "the mock's answers other than 200 (from its log)"
    sed 's/\x1b\[[0-9;]*m//g' "$work/mock.out" | grep ' request ' | grep -v 'status=200' | tail -n 100 || true
fi
echo "$passed passed, $failed failed"
((failed == 0))
