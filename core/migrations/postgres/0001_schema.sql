-- The whole schema on PostgreSQL (SQLite builds it in three steps; the tables are the same).
CREATE TABLE consent_log (
    id          BIGSERIAL PRIMARY KEY,
    consent_id  TEXT    NOT NULL,
    at_unix     BIGINT  NOT NULL,
    mode        TEXT    NOT NULL,
    revision    BIGINT  NOT NULL,
    decision    TEXT    NOT NULL,
    granted     TEXT    NOT NULL,
    denied      TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    masked_ip   TEXT    NOT NULL
);
CREATE INDEX consent_log_at ON consent_log (at_unix);
CREATE INDEX consent_log_consent_id ON consent_log (consent_id);

CREATE TABLE accounts (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    company       TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    website       TEXT,
    social        TEXT    NOT NULL DEFAULT '[]',
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    logo_hash     TEXT,
    logo_width    INTEGER,
    logo_height   INTEGER,
    published     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX accounts_published ON accounts (published, company);
CREATE INDEX accounts_logo ON accounts (logo_hash);

-- The session records of tower-sessions' PostgreSQL store (its own layout).
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE tower_sessions.session (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BYTEA NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);

CREATE TABLE account_sessions (
    session_id  TEXT    PRIMARY KEY NOT NULL,
    account_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    seen_at     BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);
CREATE INDEX account_sessions_expires ON account_sessions (expires_at);

CREATE TABLE auth_attempts (
    bucket  TEXT    NOT NULL,
    at_unix BIGINT  NOT NULL
);
CREATE INDEX auth_attempts_bucket ON auth_attempts (bucket, at_unix);
