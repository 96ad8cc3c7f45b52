#!/usr/bin/env bash
# Creates the MariaDB user the tests run as (scripts/test-mariadb-user.sql). Needs MariaDB's root:
# over the local socket (Debian's default) or over TCP without a password.
set -euo pipefail
sql="$(dirname "$0")/test-mariadb-user.sql"
if ! mysql --user=root < "$sql" 2>/dev/null; then
  mysql --host=127.0.0.1 --user=root < "$sql"
fi
mysql --host=127.0.0.1 --user=cogateway --password=cogateway -e "SELECT 1" >/dev/null
echo "MariaDB test user ready"
