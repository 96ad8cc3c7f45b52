#!/usr/bin/env bash
# The message-log benchmark of issue 9 (BENCHMARKS.md): loads N transmissions with 3 attempts each into a
# fresh database of the tests' MariaDB and prints p50/p99 of the log page, filtered pages, a deep keyset page
# and a certificate's timeline. Arguments go to org.cogateway.benchmark.LogBenchmark, e.g.
#   scripts/log-benchmark.sh --transmissions 1000000 --runs 200 [--purge 200000] [--loaders 2]
# --purge N then runs retention on the oldest N (admin/Retention) while the log is read.
# --gauges N instead times the message gauges' tick (admin/GaugeBenchmark) with N COs changed in the last minute.
# Needs MariaDB and the test user (.ci/run, scripts/setup-test-mariadb.sh); -Dtest.db=h2 in JAVA_OPTS for H2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# a run takes tens of minutes: it runs from a copy of the classes, so that a build in this checkout meanwhile
# (which rewrites target/classes) cannot swap classes under it
snapshot=$(mktemp -d /tmp/log-benchmark.XXXXXX)
trap 'rm -rf "$snapshot"' EXIT
cp -r target/classes target/test-classes "$snapshot"/
java -Xmx1g ${JAVA_OPTS:-} -cp "$snapshot/test-classes:$snapshot/classes:$(cat target/bench.classpath)" \
    org.cogateway.benchmark.LogBenchmark "$@"
