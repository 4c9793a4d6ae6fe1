#!/usr/bin/env bash
# The official Java SDKs, unmodified, against the cloudapi-mock binary.
#
# Resolves the pinned SDKs (pom.xml; Maven Central into Maven's own local repository,
# ~/.m2/repository unless MAVEN_REPO_LOCAL names another, outside this repository, reused
# while the pins are unchanged), compiles src/ into target/, builds the mock, starts it on a
# free loopback port, runs every configuration (see JavaSdks.java), prints one line per check
# and ends with "N passed, M failed". Exits non-zero if anything failed.
#
#   bash scripts/java-compat/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib/mock.sh"

mvn_flags=(-B -q -ntp -Dstyle.color=never -f "$here/pom.xml")
if [[ -n "${MAVEN_REPO_LOCAL:-}" ]]; then
    mvn_flags+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi
say "building the Java driver (pom.xml: $(grep -A1 '<artifactId>\(aliyun-java-sdk-core\|aliyun-java-sdk-cloudapi\|tea-openapi\)</artifactId>' "$here/pom.xml" | sed -n 's/.*<artifactId>\(.*\)<\/artifactId>.*/\1/p;s/.*<version>\(.*\)<\/version>.*/@\1 /p' | tr -d '\n'))"
nice mvn "${mvn_flags[@]}" compile dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"

mock_build
mock_start "$(mktemp -d)"

# aliyun-java-sdk-core reads HTTP_PROXY and HTTPS_PROXY itself: run_driver clears them.
say "Java SDKs"
run_driver java-compat java -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    cloudapimock.JavaSdks
expect_nothing_left java-compat
finish
