#!/usr/bin/env bash
# The statistics benchmark of issue 11 (BENCHMARKS.md): loads N certificates with K goods items each into a
# fresh database of the tests' MariaDB and prints the time of GetStatistics' queries for typical groupings.
# Arguments go to org.cogateway.benchmark.StatisticsBenchmark, e.g.
#   scripts/statistics-benchmark.sh --certificates 1000000 --items 10 --runs 3
# Needs MariaDB and the test user (.ci/run, scripts/setup-test-mariadb.sh); -Dtest.db=h2 in JAVA_OPTS for H2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.cogateway.benchmark.StatisticsBenchmark "$@"
