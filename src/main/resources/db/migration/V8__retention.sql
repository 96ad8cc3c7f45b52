-- co-gateway schema, version 8: retention of raw message bodies. Runs on MariaDB and on H2 (MariaDB mode).

-- The purge's one row: its lease (one node at a time runs it; a node that dies mid-run leaves a lease
-- that expires), when it is due next on any node, and what its last run did, for the console.
CREATE TABLE retention_run (
    job                 VARCHAR(32)   NOT NULL PRIMARY KEY,
    lease_owner         VARCHAR(64),
    lease_until         DATETIME(6),
    next_run_at         DATETIME(6),
    last_started_at     DATETIME(6),
    last_finished_at    DATETIME(6),
    last_node           VARCHAR(64),
    last_cutoff         DATETIME(6),
    last_transmissions  BIGINT,
    last_inbound        BIGINT,
    last_outcome        VARCHAR(1000),
    total_transmissions BIGINT        NOT NULL DEFAULT 0,
    total_inbound       BIGINT        NOT NULL DEFAULT 0
);
INSERT INTO retention_run (job) VALUES ('bodies');

-- When a message's raw bodies were purged (NULL: still stored). Metadata, states, history, attempts'
-- outcomes and receipts (their NRR digests) stay. The index leads with it so that each batch finds the
-- oldest unpurged rows without walking those purged in earlier runs.
ALTER TABLE transmission ADD COLUMN body_purged_at DATETIME(6);
ALTER TABLE inbound_message ADD COLUMN body_purged_at DATETIME(6);
CREATE INDEX ix_transmission_retention ON transmission (body_purged_at, created_at, id);
CREATE INDEX ix_inbound_retention ON inbound_message (body_purged_at, received_at, id);
