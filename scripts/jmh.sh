#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (src/jmh/java) from the project directory; arguments go to JMH,
# e.g.  scripts/jmh.sh As4MessageBenchmark -p items=3      or   scripts/jmh.sh -l   (list them).
# Build first:  mvn -o -Pjmh package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/co-gateway-jmh.jar
if [[ ! -f $jar || ! -f target/jmh.classpath ]]; then
    echo "no $jar: build it with  mvn -o -Pjmh package -DskipTests" >&2
    exit 2
fi
exec java -cp "$jar:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "$@"
