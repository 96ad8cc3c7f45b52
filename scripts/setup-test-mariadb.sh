#!/usr/bin/env bash
# Creates the MariaDB user the tests run as (cogateway/cogateway), allowed to create and drop the
# databases cogw_* that each test gateway gets. Needs MariaDB's root (socket or TCP without password).
set -euo pipefail
sql="CREATE USER IF NOT EXISTS 'cogateway'@'localhost' IDENTIFIED BY 'cogateway';
CREATE USER IF NOT EXISTS 'cogateway'@'127.0.0.1' IDENTIFIED BY 'cogateway';
GRANT ALL ON \`cogw\\_%\`.* TO 'cogateway'@'localhost';
GRANT ALL ON \`cogw\\_%\`.* TO 'cogateway'@'127.0.0.1';
FLUSH PRIVILEGES;"
if ! mysql --user=root -e "$sql" 2>/dev/null; then
  mysql --host=127.0.0.1 --user=root -e "$sql"
fi
mysql --host=127.0.0.1 --user=cogateway --password=cogateway -e "SELECT 1" >/dev/null
echo "MariaDB test user ready"
