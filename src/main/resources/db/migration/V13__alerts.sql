-- co-gateway schema, version 13: alerts. Runs on MariaDB and on H2 (MariaDB mode).

-- Every alert raised, once: dedupe_key names what it is about (a transmission event, a condition's
-- start or end, a login failure count), so the same alert cannot be written twice, by any node.
CREATE TABLE alert (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    dedupe_key       VARCHAR(255)  NOT NULL,
    kind             VARCHAR(32)   NOT NULL,
    -- RAISED (an event, or a condition that began) or CLEARED (a condition that ended)
    phase            VARCHAR(8)    NOT NULL,
    partner_id       VARCHAR(64),
    message_id       VARCHAR(255),
    transmission_id  CHAR(36),
    -- the CO's number (alerts about a transmission) or the X.509 certificate (expiry alerts)
    certificate_number VARCHAR(35),
    x509_certificate VARCHAR(512),
    summary          VARCHAR(1000) NOT NULL,
    raised_at        DATETIME(6)   NOT NULL,
    node_id          VARCHAR(64)   NOT NULL,
    CONSTRAINT uq_alert_dedupe UNIQUE (dedupe_key)
);
CREATE INDEX ix_alert_raised ON alert (raised_at, id);

-- The conditions that hold now (oldest undelivered too old, partner unreachable, certificate
-- expiring): a row from the check that raised the condition until the check that cleared it, so
-- each is alerted once when it starts and once when it ends.
CREATE TABLE alert_condition (
    condition_key    VARCHAR(255)  NOT NULL PRIMARY KEY,
    kind             VARCHAR(32)   NOT NULL,
    raised_at        DATETIME(6)   NOT NULL,
    raised_alert_id  BIGINT        NOT NULL,
    CONSTRAINT fk_condition_alert FOREIGN KEY (raised_alert_id) REFERENCES alert (id)
);

-- What the checks have read so far. One row: a check locks it (FOR UPDATE SKIP LOCKED), so one
-- node at a time checks, and the cursors move in the same transaction as the alerts they led to.
-- The cursors start at the history that exists now: an upgrade does not alert past failures.
CREATE TABLE alert_check (
    id               INT           NOT NULL PRIMARY KEY,
    event_cursor     BIGINT        NOT NULL,
    attempt_cursor   BIGINT        NOT NULL,
    checked_at       DATETIME(6),
    checked_by       VARCHAR(64)
);
INSERT INTO alert_check (id, event_cursor, attempt_cursor)
    SELECT 1, (SELECT COALESCE(MAX(id), 0) FROM transmission_event),
              (SELECT COALESCE(MAX(id), 0) FROM transmission_attempt);

-- Each partner's reachability as the attempts to it tell it: when an attempt last got an answer
-- and last failed, and since when attempts have failed without an answer in between (null: the
-- last attempt got one).
CREATE TABLE alert_partner (
    partner_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    last_success_at  DATETIME(6),
    last_failure_at  DATETIME(6),
    failing_since    DATETIME(6)
);
