-- co-gateway schema, version 11: the audit log of the admin face. Runs on MariaDB and on H2 (MariaDB mode).

-- Who did what, when, from where: logins, failed logins, logouts, resends, pings, user and token
-- changes. actor is the user name as given (also for a failed login with an unknown name).
CREATE TABLE audit_log (
    id          BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at          DATETIME(6)    NOT NULL,
    actor       VARCHAR(64)    NOT NULL,
    remote      VARCHAR(64)    NOT NULL,
    action      VARCHAR(32)    NOT NULL,
    target      VARCHAR(255),
    outcome     VARCHAR(16)    NOT NULL,
    detail      VARCHAR(1000)
);
-- newest first, keyset paging on (at, id)
CREATE INDEX ix_audit_at ON audit_log (at, id);
