-- The agency's operators, apart from the companies. An operator is added from the command
-- line; the password and the second factor (TOTP) are set before the first login.
CREATE TABLE operators (
    id              BIGSERIAL PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'moderator', 'analyst')),
    password_hash   TEXT,
    totp_secret     BYTEA,
    -- The last TOTP time step accepted: a code of that step or an earlier one is refused.
    totp_last_step  BIGINT,
    created_at      BIGINT  NOT NULL,
    disabled_at     BIGINT
);

-- Single-use recovery codes, as hashes.
CREATE TABLE operator_recovery_codes (
    operator_id  BIGINT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    code_hash    TEXT   NOT NULL,
    used_at      BIGINT,
    PRIMARY KEY (operator_id, code_hash)
);

-- One-time links that let an operator set their password and second factor.
CREATE TABLE operator_links (
    token_hash   TEXT   PRIMARY KEY,
    operator_id  BIGINT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);

-- Every operator action: who (an operator, or the command line when empty), what, when, and
-- the masked client address. Rows are only ever added.
CREATE TABLE operator_audit (
    id           BIGSERIAL PRIMARY KEY,
    at           BIGINT NOT NULL,
    operator_id  BIGINT REFERENCES operators (id),
    action       TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    masked_ip    TEXT   NOT NULL
);
CREATE INDEX operator_audit_at ON operator_audit (at);

CREATE FUNCTION operator_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER operator_audit_append_only BEFORE UPDATE OR DELETE ON operator_audit
    FOR EACH ROW EXECUTE FUNCTION operator_audit_append_only();
