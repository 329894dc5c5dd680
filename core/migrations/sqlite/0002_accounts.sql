-- Company accounts, the map from login sessions to accounts (so every session of an account
-- can be ended), and failed-login / registration attempts for rate limiting.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    company       TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    website       TEXT,
    social        TEXT    NOT NULL DEFAULT '[]',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The session records themselves live in `tower_sessions` (id, data, expiry_date), created by
-- the session store.
CREATE TABLE tower_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);

CREATE TABLE account_sessions (
    session_id  TEXT    PRIMARY KEY NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);
CREATE INDEX account_sessions_expires ON account_sessions (expires_at);

-- `bucket` is `login-account:<sha256 of the e-mail>`, `login-ip:<masked ip>` or
-- `register-ip:<masked ip>`: never a plain e-mail or a full IP address.
CREATE TABLE auth_attempts (
    bucket  TEXT    NOT NULL,
    at_unix INTEGER NOT NULL
);
CREATE INDEX auth_attempts_bucket ON auth_attempts (bucket, at_unix);
