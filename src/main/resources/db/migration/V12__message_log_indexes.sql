-- co-gateway schema, version 12: indexes for the admin message log. Runs on MariaDB and on H2 (MariaDB mode).

-- The log lists newest first with keyset paging on (created_at, id); the common filters (state,
-- partner, kind) lead their own index so that a filtered page reads only its rows.
CREATE INDEX ix_transmission_log ON transmission (created_at, id);
CREATE INDEX ix_transmission_log_state ON transmission (state, created_at, id);
CREATE INDEX ix_transmission_log_partner ON transmission (partner_id, created_at, id);
CREATE INDEX ix_transmission_log_kind ON transmission (kind, created_at, id);
-- filter by ebMS error code; the partners' last success and failure
CREATE INDEX ix_attempt_ebms ON transmission_attempt (ebms_error_code, transmission_id);
CREATE INDEX ix_attempt_outcome ON transmission_attempt (outcome, started_at);

CREATE INDEX ix_inbound_log ON inbound_message (received_at, id);
CREATE INDEX ix_inbound_log_state ON inbound_message (state, received_at, id);
CREATE INDEX ix_inbound_log_partner ON inbound_message (partner_id, received_at, id);

-- a certificate's timeline and the certificate-number and invoice-number filters
CREATE INDEX ix_certificate_number ON certificate (certificate_number, issuing_country);
CREATE INDEX ix_invoice_number ON certificate_invoice (invoice_number);
