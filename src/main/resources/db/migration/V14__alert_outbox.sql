-- co-gateway schema, version 14: the alert outbox. Runs on MariaDB and on H2 (MariaDB mode).

-- One row per alert and receiver (a webhook URL, an e-mail address), written with the alert, so an
-- alert is not lost when the gateway stops before it was sent, and each receiver gets it once. A
-- node sends a row under a lease, like the outbound queue; a failed send is retried with backoff.
CREATE TABLE alert_delivery (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    alert_id         BIGINT        NOT NULL,
    channel          VARCHAR(8)    NOT NULL,
    receiver         VARCHAR(512)  NOT NULL,
    -- PENDING until DELIVERED, or FAILED when the retries ran out
    state            VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      DATETIME(6),
    last_error       VARCHAR(1000),
    created_at       DATETIME(6)   NOT NULL,
    delivered_at     DATETIME(6),
    CONSTRAINT uq_alert_delivery UNIQUE (alert_id, channel, receiver),
    CONSTRAINT fk_delivery_alert FOREIGN KEY (alert_id) REFERENCES alert (id)
);
CREATE INDEX ix_alert_delivery_due ON alert_delivery (state, next_attempt_at);
