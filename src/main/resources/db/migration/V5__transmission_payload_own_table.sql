-- co-gateway schema, version 5. Runs on MariaDB and on H2 (MariaDB mode).

-- The document a transmission carries, written once when it is queued and read only when it is sent.
-- It lived in the transmission row, which every claim and outcome updates: each update rewrote the
-- document with it (H2 re-serialises whole rows and pages), and the claim query carried every
-- candidate's document along. The queue row is now small and fixed in size.
CREATE TABLE transmission_payload (
    transmission_id  CHAR(36)  NOT NULL PRIMARY KEY,
    payload          LONGTEXT  NOT NULL,
    CONSTRAINT fk_payload_transmission FOREIGN KEY (transmission_id) REFERENCES transmission (id)
);
INSERT INTO transmission_payload (transmission_id, payload) SELECT id, payload FROM transmission;
ALTER TABLE transmission DROP COLUMN payload;
