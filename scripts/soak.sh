#!/usr/bin/env bash
# The soak run of issue 4 (docs/reliability.md): two JP nodes (separate JVMs) on the tests' MariaDB,
# the ID gateway behind a line that fails at random, node kills; prints the figures, exit code 0 only
# when every CO was delivered once. Arguments go to org.cogateway.soak.Soak, e.g.
#   scripts/soak.sh --count 10000 --fault-rate 0.2 --kills 3
# Needs MariaDB and the test user (.ci/run, scripts/setup-test-mariadb.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/soak.classpath
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/soak.classpath)" org.cogateway.soak.Soak "$@"
