-- The MariaDB user the tests run as (cogateway / cogateway), allowed to create and drop the
-- databases cogw_* that each test gateway gets. Run as MariaDB's root: by
-- scripts/setup-test-mariadb.sh, or by the tests themselves when root may log in over TCP.
CREATE USER IF NOT EXISTS 'cogateway'@'localhost' IDENTIFIED BY 'cogateway';
CREATE USER IF NOT EXISTS 'cogateway'@'127.0.0.1' IDENTIFIED BY 'cogateway';
GRANT ALL ON `cogw\_%`.* TO 'cogateway'@'localhost';
GRANT ALL ON `cogw\_%`.* TO 'cogateway'@'127.0.0.1';
FLUSH PRIVILEGES;
