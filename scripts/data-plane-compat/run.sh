#!/usr/bin/env bash
# Two independent clients of published APIs, unmodified except the address, against the
# cloudapi-mock binary: npm aliyun-api-gateway 1.1.6 (Alibaba's Node client) and PyPI
# aliyun-api-gateway-sign 1.0.4 (the official Python 3 demo's code), both pinned, and
# Maven's com.aliyun.api.gateway:sdk-core-java 1.1.9 (the core of the SDKs the console
# generates; java/pom.xml, resolved into Maven's own local repository). The mock
# starts with seed.json (an app, a group, its APIs in RELEASE, the app's authorizations, a
# throttling policy of two calls a day holding one API per client) and a loopback HTTP
# backend (backend.py) for the HTTP-backend API. One line per check, then
# "N passed, M failed"; non-zero status when any failed.
#
#   bash scripts/data-plane-compat/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source "$root/scripts/lib/mock.sh"

venv="$here/.venv"
python_pins="$(python3 --version 2>&1) $(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.pins" 2>/dev/null)" != "$python_pins" ]]; then
    say "installing aliyun-api-gateway-sign (requirements.txt) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$python_pins" >"$venv/.pins"
fi
node_pins="$(node --version) $(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ "$(cat "$here/node_modules/.pins" 2>/dev/null)" != "$node_pins" ]]; then
    say "installing aliyun-api-gateway (package-lock.json) into $here/node_modules"
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$node_pins" >"$here/node_modules/.pins"
fi

mvn_flags=(-B -q -ntp -Dstyle.color=never -f "$here/java/pom.xml")
if [[ -n "${MAVEN_REPO_LOCAL:-}" ]]; then
    mvn_flags+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi
say "building the Java driver (java/pom.xml: sdk-core-java 1.1.9)"
nice mvn "${mvn_flags[@]}" compile dependency:build-classpath -Dmdep.outputFile="$here/java/target/classpath.txt"

mock_build
work="$(mktemp -d)"

# The backend first: the seed names its port.
: >"$work/backend.port"
python3 "$here/backend.py" >"$work/backend.port" &
backend_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$work/backend.port" ]] && break
    sleep 0.05
done
backend_port="$(head -n1 "$work/backend.port")"
sed "s/BACKEND_PORT/$backend_port/g" "$here/seed.json" >"$work/seed.json"

mock_start "$work" --seed "$work/seed.json"
trap 'kill "$backend_pid" 2>/dev/null || true; mock_cleanup' EXIT

run_driver node node "$here/node_client.js"
run_driver python "$venv/bin/python" "$here/python_client.py"
run_driver java java -Dseed="$work/seed.json" \
    -cp "$here/java/target/classes:$(cat "$here/java/target/classpath.txt")" cloudapimock.DataPlaneJava
finish
