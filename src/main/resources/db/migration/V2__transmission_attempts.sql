-- co-gateway schema, version 2: the outbound queue's attempts. Runs on MariaDB and on H2 (MariaDB mode).

-- One row per attempt to send a transmission, written in the same transaction as the state the
-- attempt led to. ABANDONED: the node that made it lost its lease (died, restarted) before it
-- recorded an outcome. For non-repudiation the message is kept exactly as sent (signed and
-- encrypted) and the partner's answer (receipt or error signal) exactly as received.
CREATE TABLE transmission_attempt (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    transmission_id  CHAR(36)      NOT NULL,
    attempt          INT           NOT NULL,
    node_id          VARCHAR(64)   NOT NULL,
    started_at       DATETIME(6)   NOT NULL,
    duration_ms      BIGINT,
    outcome          VARCHAR(16)   NOT NULL,
    http_status      INT,
    ebms_error_code  VARCHAR(64),
    reason           VARCHAR(1000),
    sent_message     LONGBLOB,
    answer           LONGBLOB,
    -- an attempt has one outcome: a second node cannot record the same attempt again
    CONSTRAINT uq_attempt UNIQUE (transmission_id, attempt),
    CONSTRAINT fk_attempt_transmission FOREIGN KEY (transmission_id) REFERENCES transmission (id)
);

-- The worker claims per partner (so that one partner cannot take all the capacity): due rows of
-- one partner in due order.
CREATE INDEX ix_transmission_partner_due ON transmission (partner_id, state, next_attempt_at);

-- An operator resend gives a FAILED transmission the partner's whole retry policy again (attempts
-- and maximum age), counted from the resend; attempt numbers and the message id carry on.
ALTER TABLE transmission ADD COLUMN attempts_before_resend INT NOT NULL DEFAULT 0;
ALTER TABLE transmission ADD COLUMN resent_at DATETIME(6);
