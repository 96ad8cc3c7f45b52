#!/usr/bin/env bash
# The message-log benchmark of issue 9 (BENCHMARKS.md): loads N transmissions with 3 attempts each into a
# fresh database of the tests' MariaDB and prints p50/p99 of the log page, filtered pages, a deep keyset page
# and a certificate's timeline. Arguments go to org.cogateway.benchmark.LogBenchmark, e.g.
#   scripts/log-benchmark.sh --transmissions 1000000 --runs 200
# Needs MariaDB and the test user (.ci/run, scripts/setup-test-mariadb.sh); -Dtest.db=h2 in JAVA_OPTS for H2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.cogateway.benchmark.LogBenchmark "$@"
