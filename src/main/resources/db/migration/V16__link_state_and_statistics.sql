-- co-gateway schema, version 16: the link state of each partner, and the indexed goods items the
-- statistics are computed from. Runs on MariaDB and on H2 (MariaDB mode).

-- What the quiet-partner pinger knows about a partner (partner.<id>.quietAfter): one row per
-- partner. A node pings only after it moved next_ping_at forward with a compare-and-set
-- (UPDATE ... WHERE next_ping_at = the value it read), so of several nodes on one database one pings.
CREATE TABLE partner_link (
    partner_id           VARCHAR(64)    NOT NULL PRIMARY KEY,
    next_ping_at         DATETIME(6)    NOT NULL,
    pinged_by            VARCHAR(64),
    last_ping_ok_at      DATETIME(6),
    last_ping_failed_at  DATETIME(6),
    last_ping_error      VARCHAR(1000)
);

-- What the statistics read from a certificate row: its IssueDate (time from issue to delivery), and
-- the latest acknowledgement and the first utilisation, written when they are recorded or received
-- (the documents themselves are XML, which SQL cannot group by).
ALTER TABLE certificate ADD COLUMN issue_date DATE;
ALTER TABLE certificate ADD COLUMN ack_status VARCHAR(24);
ALTER TABLE certificate ADD COLUMN ack_remarks VARCHAR(512);
ALTER TABLE certificate ADD COLUMN ack_at DATETIME(6);
ALTER TABLE certificate ADD COLUMN first_utilised_at DATETIME(6);

-- One row per goods item of every certificate version stored from V16 on, written with the
-- certificate. The certificate's facts that never change (direction, who may see it, agreement,
-- partner, exporter, month of issue) are copied here so that a grouping over ten million items reads
-- this table and its indexes alone; what changes (status, acknowledgement) is joined from certificate.
CREATE TABLE goods_item (
    certificate_id    BIGINT         NOT NULL,
    item_number       INT            NOT NULL,
    direction         VARCHAR(8)     NOT NULL,
    -- the import country (Customs sees INBOUND rows of its country) and the owner (an issuing body
    -- sees the OUTBOUND rows it submitted)
    import_country    CHAR(2)        NOT NULL,
    owner             VARCHAR(64)    NOT NULL,
    issuing_country   CHAR(2)        NOT NULL,
    agreement         VARCHAR(16)    NOT NULL,
    partner_id        VARCHAR(64)    NOT NULL,
    exporter_name     VARCHAR(256)   NOT NULL,
    issue_date        DATE           NOT NULL,
    -- YYYY-MM of issue_date, the MONTH grouping (the same text on H2 and MariaDB, without a date function)
    issue_month       CHAR(7)        NOT NULL,
    hs_code           CHAR(6)        NOT NULL,
    hs_chapter        CHAR(2)        NOT NULL,
    hs_heading        CHAR(4)        NOT NULL,
    origin_criterion  VARCHAR(12)    NOT NULL,
    fob_value         DECIMAL(24, 6) NOT NULL,
    fob_currency      CHAR(3)        NOT NULL,
    CONSTRAINT pk_goods_item PRIMARY KEY (certificate_id, item_number),
    CONSTRAINT fk_goods_item_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);
-- each caller's scope first, then the issue date (the usual range filter)
CREATE INDEX ix_goods_item_customs ON goods_item (direction, import_country, issue_date);
CREATE INDEX ix_goods_item_owner ON goods_item (direction, owner, issue_date);
