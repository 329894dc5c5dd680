-- The agency's operators, apart from the companies. An operator is added from the command
-- line; the password and the second factor (TOTP) are set before the first login.
CREATE TABLE operators (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    email           TEXT    NOT NULL UNIQUE,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'moderator', 'analyst')),
    password_hash   TEXT,
    totp_secret     BLOB,
    -- The last TOTP time step accepted: a code of that step or an earlier one is refused.
    totp_last_step  INTEGER,
    created_at      INTEGER NOT NULL,
    disabled_at     INTEGER
);

-- Single-use recovery codes, as hashes.
CREATE TABLE operator_recovery_codes (
    operator_id  INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    code_hash    TEXT    NOT NULL,
    used_at      INTEGER,
    PRIMARY KEY (operator_id, code_hash)
);

-- One-time links that let an operator set their password and second factor.
CREATE TABLE operator_links (
    token_hash   TEXT    PRIMARY KEY,
    operator_id  INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);

-- Every operator action: who (an operator, or the command line when empty), what, when, and
-- the masked client address. Rows are only ever added.
CREATE TABLE operator_audit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           INTEGER NOT NULL,
    operator_id  INTEGER REFERENCES operators (id),
    action       TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    masked_ip    TEXT    NOT NULL
);
CREATE INDEX operator_audit_at ON operator_audit (at);

CREATE TRIGGER operator_audit_no_update BEFORE UPDATE ON operator_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER operator_audit_no_delete BEFORE DELETE ON operator_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
