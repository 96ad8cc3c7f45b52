-- co-gateway schema, version 10: the operators of the admin face. Runs on MariaDB and on H2 (MariaDB mode).

-- An operator. The password is kept only as an Argon2id hash (PHC string format); role is admin
-- (act, manage users) or viewer (read only).
CREATE TABLE admin_user (
    name           VARCHAR(64)   NOT NULL PRIMARY KEY,
    role           VARCHAR(16)   NOT NULL,
    password_hash  VARCHAR(255)  NOT NULL,
    created_at     DATETIME(6)   NOT NULL
);

-- An API token for scripts (the CLI): sent as "Authorization: Bearer <token>". Only the SHA-256 of
-- the token is kept; the token itself is 256 random bits, so a fast hash cannot be reversed by guessing.
CREATE TABLE admin_token (
    token_sha256   CHAR(64)      NOT NULL PRIMARY KEY,
    user_name      VARCHAR(64)   NOT NULL,
    label          VARCHAR(128)  NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    CONSTRAINT fk_token_user FOREIGN KEY (user_name) REFERENCES admin_user (name) ON DELETE CASCADE
);
CREATE INDEX ix_token_user ON admin_token (user_name);
