-- co-gateway schema, version 1. The same script runs on MariaDB and on the embedded H2 (MariaDB
-- mode), so it keeps to the types both understand. All timestamps are UTC.

-- Every certificate version the gateway knows: those its issuing bodies submitted (OUTBOUND) and
-- those partners sent to it (INBOUND). The document is kept exactly as validated.
CREATE TABLE certificate (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    direction            VARCHAR(8)   NOT NULL,
    issuing_country      CHAR(2)      NOT NULL,
    certificate_number   VARCHAR(35)  NOT NULL,
    version              INT          NOT NULL,
    import_country       CHAR(2)      NOT NULL,
    agreement            VARCHAR(16)  NOT NULL,
    exporter_name        VARCHAR(256) NOT NULL,
    -- ISSUED, CANCELLED or REPLACED: the current status, which a later message may change
    status               VARCHAR(12)  NOT NULL,
    status_reason        VARCHAR(512),
    replaced_by_number   VARCHAR(35),
    replaced_by_version  INT,
    -- the back-office caller that submitted it (OUTBOUND) or the partner that sent it (INBOUND)
    owner                VARCHAR(64)  NOT NULL,
    partner_id           VARCHAR(64)  NOT NULL,
    content_sha256       CHAR(64)     NOT NULL,
    document             LONGTEXT     NOT NULL,
    received_at          DATETIME(6)  NOT NULL,
    CONSTRAINT uq_certificate UNIQUE (direction, issuing_country, certificate_number, version)
);
CREATE INDEX ix_certificate_inbound ON certificate (direction, import_country, id);

CREATE TABLE certificate_invoice (
    certificate_id  BIGINT      NOT NULL,
    invoice_number  VARCHAR(35) NOT NULL,
    CONSTRAINT pk_certificate_invoice PRIMARY KEY (certificate_id, invoice_number),
    CONSTRAINT fk_invoice_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);

-- The balance of each goods item of an inbound certificate: what was certified and what import
-- declarations have drawn so far.
CREATE TABLE goods_balance (
    certificate_id  BIGINT         NOT NULL,
    item_number     INT            NOT NULL,
    unit            VARCHAR(3)     NOT NULL,
    certified       DECIMAL(24, 6) NOT NULL,
    drawn           DECIMAL(24, 6) NOT NULL,
    CONSTRAINT pk_goods_balance PRIMARY KEY (certificate_id, item_number),
    CONSTRAINT fk_balance_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);

-- An import declaration that drew on a certificate; one per declaration number, so recording the
-- same declaration twice does not draw twice.
CREATE TABLE utilisation (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    certificate_id      BIGINT       NOT NULL,
    declaration_number  VARCHAR(35)  NOT NULL,
    declaration_date    DATE         NOT NULL,
    recorded_by         VARCHAR(64)  NOT NULL,
    recorded_at         DATETIME(6)  NOT NULL,
    transmission_id     CHAR(36)     NOT NULL,
    draws               LONGTEXT     NOT NULL,
    CONSTRAINT uq_utilisation UNIQUE (certificate_id, declaration_number),
    CONSTRAINT fk_utilisation_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);

-- One document to send to one partner: the outbound queue. The tracking id is what the
-- back-office caller holds; the message id is fixed at creation and reused by every attempt.
CREATE TABLE transmission (
    id               CHAR(36)      NOT NULL PRIMARY KEY,
    kind             VARCHAR(16)   NOT NULL,
    certificate_id   BIGINT        NOT NULL,
    partner_id       VARCHAR(64)   NOT NULL,
    message_id       VARCHAR(255)  NOT NULL,
    conversation_id  VARCHAR(255)  NOT NULL,
    ref_to_message_id VARCHAR(255),
    -- the trade agreement of the certificate, sent as the ebMS AgreementRef
    agreement        VARCHAR(16)   NOT NULL,
    payload          LONGTEXT      NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      DATETIME(6),
    last_error       VARCHAR(1000),
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    row_version      INT           NOT NULL,
    CONSTRAINT uq_transmission_message UNIQUE (message_id),
    CONSTRAINT fk_transmission_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);
CREATE INDEX ix_transmission_due ON transmission (state, next_attempt_at);
CREATE INDEX ix_transmission_certificate ON transmission (certificate_id);

-- The history of a transmission: one row per state change, written with the change itself.
CREATE TABLE transmission_event (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    transmission_id  CHAR(36)      NOT NULL,
    at               DATETIME(6)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    detail           VARCHAR(1000),
    CONSTRAINT fk_event_transmission FOREIGN KEY (transmission_id) REFERENCES transmission (id)
);
CREATE INDEX ix_event_transmission ON transmission_event (transmission_id, id);

-- What the importing side answered about an outbound certificate (acknowledgement, utilisation),
-- kept as received so the issuing body can read it through GetDeliveryStatus.
CREATE TABLE certificate_answer (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    certificate_id  BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    received_at     DATETIME(6)  NOT NULL,
    document        LONGTEXT     NOT NULL,
    CONSTRAINT fk_answer_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);
CREATE INDEX ix_answer_certificate ON certificate_answer (certificate_id, id);
