#!/usr/bin/env bash
# The official Go SDKs, unmodified, against the cloudapi-mock binary.
#
# Builds main.go and its pinned SDKs (go.mod, go.sum; modules come from the Go module proxy
# into the usual module cache, outside the repository, and are reused while the pins are
# unchanged), builds the mock, starts it on a free loopback port, runs every configuration
# (see main.go), prints one line per check and ends with "N passed, M failed". Exits non-zero
# if anything failed.
#
#   bash scripts/go-compat/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib/mock.sh"
root="$lib_root"

# The machine's own Go; go.mod and go.sum as committed.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
bin="${CARGO_TARGET_DIR:-$root/target}/go-compat/go-compat"
say "building the Go driver (go.mod: $(grep -E '^\s+github.com/(aliyun|alibabacloud-go)/[a-z0-9-]+(/v[0-9]+)? ' "$here/go.mod" | grep -v indirect | awk '{printf "%s@%s ", $1, $2}'))"
(cd "$here" && nice go build -o "$bin" .)

mock_build
mock_start "$(mktemp -d)"

# Both Go SDKs read HTTP_PROXY and HTTPS_PROXY themselves: run_driver clears them.
say "Go SDKs"
run_driver go-compat "$bin"
expect_nothing_left go-compat
finish
