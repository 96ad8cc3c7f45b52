-- co-gateway schema, version 19: what the message gauges need to stay cheap on a big log. Runs on MariaDB
-- and on H2 (MariaDB mode).

-- The history of an inbound message's states, as transmission_event is for transmissions: one row per
-- state it reached, written in the transaction that moved it. The gauges (admin/MessageGauges) move
-- their counts by the rows written since their last tick instead of counting the whole table every tick.
CREATE TABLE inbound_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    inbound_id  BIGINT       NOT NULL,
    at          DATETIME(6)  NOT NULL,
    state       VARCHAR(32)  NOT NULL,
    CONSTRAINT fk_inbound_event_message FOREIGN KEY (inbound_id) REFERENCES inbound_message (id)
);
CREATE INDEX ix_inbound_event_message ON inbound_event (inbound_id, id);
INSERT INTO inbound_event (inbound_id, at, state) SELECT id, received_at, state FROM inbound_message ORDER BY id;

-- The oldest undelivered transmission of a partner: one index look-up per undelivered state instead of
-- reading the partner's whole queue every tick.
CREATE INDEX ix_transmission_partner_state ON transmission (partner_id, state, created_at);
