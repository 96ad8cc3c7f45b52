#!/usr/bin/env bash
# The outbound queue benchmark of issue 12 (BENCHMARKS.md): for each depth, a fresh database of the tests'
# MariaDB gets that many QUEUED transmissions, then the first --cos are claimed and delivered through
# OutboundQueue; prints CO/s, the claim and outcome time and the CPU (JVM, MariaDB server) per CO. E.g.
#   scripts/queue-benchmark.sh --depths 0,20000,100000 --cos 2000
# Needs MariaDB and the test user (.ci/run, scripts/setup-test-mariadb.sh); -Dtest.db=h2 in JAVA_OPTS for H2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.cogateway.benchmark.QueueBenchmark "$@"
