# Shared by the client checks (scripts/go-compat, scripts/java-compat, scripts/terraform):
# builds the mock, starts it on a free loopback port, counts the checks. Sourced, not run.
#
#   source scripts/lib/mock.sh
#   mock_build                 # cargo build -p cloudapi-mock; sets $mock_bin
#   mock_start "$work"         # sets $mock_endpoint (HOST:PORT) and $mock_pid; stops it on exit
#   run_driver NAME CMD...     # runs CMD ... HOST:PORT, keeps its "ok"/"FAIL" lines in $results
#   finish                     # prints "N passed, M failed"; non-zero status when any failed
#
# The mock is started the way scripts/sdk-compat/run.sh starts it: port 0, the address read
# from its banner, GET /_mock/health polled with a deadline.

lib_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { echo "== $*"; }

# Every proxy variable, for clients that honour them even for loopback (both Go SDKs, the
# Python SDKs, curl, the JVM's own properties are set apart).
no_proxy_env=(env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy -u ALL_PROXY -u all_proxy
    -u NO_PROXY -u no_proxy)

mock_build() {
    say "building cloudapi-mock"
    (cd "$lib_root" && cargo build --quiet -p cloudapi-mock)
    mock_bin="${CARGO_TARGET_DIR:-$lib_root/target}/debug/cloudapi-mock"
}

mock_pid=""
mock_work=""
results=""

mock_cleanup() {
    if [[ -n "$mock_pid" ]]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
        mock_pid=""
    fi
    if [[ -n "$mock_work" && -z "${KEEP_WORK:-}" ]]; then
        rm -rf "$mock_work"
    fi
}

# Answers 0 when GET /_mock/health on HOST:PORT answers 200 (bash's /dev/tcp: no proxy, no curl).
mock_health_ok() (
    exec 3<>"/dev/tcp/${1%:*}/${1##*:}" || exit 1
    printf 'GET /_mock/health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$1" >&3
    IFS= read -r -t 5 status <&3 || exit 1
    [[ "$status" == "HTTP/1.1 200"* ]]
)

mock_failed() {
    echo "FAIL cloudapi-mock  $1"
    sed 's/^/  mock: /' "$mock_work/mock.out" | tail -n 40
    echo "0 passed, 1 failed"
    exit 1
}

# mock_start WORK [MOCK FLAGS...]
mock_start() {
    mock_work="$1"
    shift
    results="$mock_work/results"
    : >"$results"
    trap mock_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    : >"$mock_work/mock.out"
    "$mock_bin" --listen 127.0.0.1:0 --log info "$@" >"$mock_work/mock.out" 2>&1 &
    mock_pid=$!
    mock_endpoint=""
    local deadline=$((SECONDS + 60))
    while :; do
        kill -0 "$mock_pid" 2>/dev/null || mock_failed "exited before serving"
        if [[ -z "$mock_endpoint" ]]; then
            mock_endpoint="$(sed -n 's/^ *endpoint: *\([0-9.]*:[0-9]*\).*/\1/p' "$mock_work/mock.out")"
        fi
        if [[ -n "$mock_endpoint" ]] && mock_health_ok "$mock_endpoint" 2>/dev/null; then
            break
        fi
        ((SECONDS < deadline)) || mock_failed "GET /_mock/health did not answer 200 within 60 s"
        sleep 0.1
    done
    say "cloudapi-mock serving on http://$mock_endpoint"
}

# admin METHOD PATH: the mock's admin API, without any proxy.
admin() {
    curl --silent --show-error --fail --noproxy '*' -X "$1" "http://$mock_endpoint$2"
}

# Records one check line in the results (and on standard output).
record() {
    echo "$1" | tee -a "$results"
}

# run_driver NAME CMD...: runs CMD ... HOST:PORT without proxies; its crash, or a run that
# checked nothing, is a failed check too.
run_driver() {
    local name="$1" rc=0
    shift
    "${no_proxy_env[@]}" "$@" "$mock_endpoint" | tee "$mock_work/$name.out" || rc=$?
    grep '^\(ok\|FAIL\) ' "$mock_work/$name.out" >>"$results" || true
    if ((rc != 0)); then
        record "FAIL $name  the driver exited with status $rc"
    elif ! grep -q '^\(ok\|FAIL\) ' "$mock_work/$name.out"; then
        record "FAIL $name  the driver ran no check"
    fi
}

# expect_nothing_left NAME: one check that the mock holds no app, no API group and no
# throttling policy any more (GET /_mock/state).
expect_nothing_left() {
    local left
    if ! left="$(admin GET /_mock/state | jq -c '[.scopes[] | ((.apps // [])[] | {app: .id, name}), ((.groups // [])[] | {group: .id, name}), ((.traffic_controls // [])[] | {traffic_control: .id, name})]')"; then
        record "FAIL $1  GET /_mock/state failed"
    elif [[ "$left" == "[]" ]]; then
        record "ok   $1  nothing is left: GET /_mock/state holds no app, no API group and no throttling policy"
    else
        record "FAIL $1  nothing is left: GET /_mock/state still holds $left"
    fi
}

finish() {
    local passed failed
    passed="$(grep -c '^ok ' "$results" || true)"
    failed="$(grep -c '^FAIL ' "$results" || true)"
    if ((failed > 0)); then
        say "the mock's answers other than 200 (from its log)"
        sed 's/\x1b\[[0-9;]*m//g' "$mock_work/mock.out" | grep ' request ' | grep -v 'status=200' | tail -n 100 || true
    fi
    echo "$passed passed, $failed failed"
    ((failed == 0))
}
