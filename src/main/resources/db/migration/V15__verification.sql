-- co-gateway schema, version 15: verification of origin. Runs on MariaDB and on H2 (MariaDB mode).

-- One row per verification request, at both ends: REQUESTED where the importing Customs asked
-- (about an INBOUND certificate), RECEIVED where the issuing side got it (about an OUTBOUND one).
-- The request and the answer are kept as the exchange documents sent or received.
CREATE TABLE verification (
    id                        BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    verification_id           CHAR(36)      NOT NULL,
    side                      VARCHAR(10)   NOT NULL,
    certificate_id            BIGINT        NOT NULL,
    partner_id                VARCHAR(64)   NOT NULL,
    requested_by              VARCHAR(70)   NOT NULL,
    requested_at              DATETIME(6)   NOT NULL,
    reply_by                  DATE          NOT NULL,
    request_document          LONGTEXT      NOT NULL,
    -- REQUESTED: the transmission that carries the request; RECEIVED: the partner's MessageId of it
    request_transmission_id   CHAR(36),
    request_message_id        VARCHAR(255),
    -- OPEN until ANSWERED; overdue is computed from reply_by, not stored
    state                     VARCHAR(10)   NOT NULL,
    outcome                   VARCHAR(20),
    answered_at               DATETIME(6),
    answered_by               VARCHAR(70),
    answer_document           LONGTEXT,
    answer_transmission_id    CHAR(36),
    CONSTRAINT uq_verification UNIQUE (side, verification_id),
    CONSTRAINT fk_verification_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);
CREATE INDEX ix_verification_certificate ON verification (certificate_id, id);
-- the overdue check and the issuing side's list of open requests
CREATE INDEX ix_verification_open ON verification (state, reply_by);

-- The documents attached to a request (REQUEST) or an answer (ANSWER), in their order as payload
-- parts. A document this gateway sends names the transmission it travels with, from which the
-- sender reads it; a received one has none.
CREATE TABLE verification_document (
    id                   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    verification_row_id  BIGINT        NOT NULL,
    part                 VARCHAR(8)    NOT NULL,
    seq                  INT           NOT NULL,
    file_name            VARCHAR(128)  NOT NULL,
    mime_type            VARCHAR(32)   NOT NULL,
    size_bytes           BIGINT        NOT NULL,
    sha256               CHAR(64)      NOT NULL,
    content              LONGBLOB      NOT NULL,
    transmission_id      CHAR(36),
    CONSTRAINT uq_verification_document UNIQUE (verification_row_id, part, seq),
    CONSTRAINT fk_document_verification FOREIGN KEY (verification_row_id) REFERENCES verification (id)
);
CREATE INDEX ix_verification_document_transmission ON verification_document (transmission_id, seq);
