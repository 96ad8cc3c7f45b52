-- Every user message a partner delivered, kept as received (signed and encrypted) for
-- non-repudiation, with the receipt that answered it. The unique key is the duplicate
-- elimination of ebMS 3.0: the same MessageId from the same partner is stored once, on any node.
CREATE TABLE inbound_message (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    partner_id       VARCHAR(64)   NOT NULL,
    message_id       VARCHAR(255)  NOT NULL,
    conversation_id  VARCHAR(255)  NOT NULL,
    ref_to_message_id VARCHAR(255),
    action           VARCHAR(255)  NOT NULL,
    -- RECEIVED -> VALIDATED -> DELIVERED_TO_BACKOFFICE -> ACKNOWLEDGED
    state            VARCHAR(32)   NOT NULL,
    certificate_id   BIGINT,
    received_at      DATETIME(6)   NOT NULL,
    sent_at          DATETIME(6)   NOT NULL,
    raw_message      LONGBLOB      NOT NULL,
    receipt          LONGBLOB      NOT NULL,
    CONSTRAINT uq_inbound_message UNIQUE (partner_id, message_id)
);
CREATE INDEX ix_inbound_certificate ON inbound_message (certificate_id);
