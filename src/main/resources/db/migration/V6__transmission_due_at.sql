-- co-gateway schema, version 6. Runs on MariaDB and on H2 (MariaDB mode).

-- When a transmission may next be claimed: its next attempt while QUEUED or RETRY_WAIT, the end of
-- its lease while SENDING, and NULL in every other state (nothing to send). One column instead of an
-- OR over states lets the claim read the index (partner, due_at) in due order and stop after the
-- rows it claims, however long the queue is: no scan, no sort of all due rows.
ALTER TABLE transmission ADD COLUMN due_at DATETIME(6);
UPDATE transmission SET due_at = CASE
    WHEN state IN ('QUEUED', 'RETRY_WAIT') THEN next_attempt_at
    WHEN state = 'SENDING' THEN lease_until
END;
CREATE INDEX ix_transmission_claim ON transmission (partner_id, due_at);
