-- Verified addresses, one-time links and the outgoing mail queue.
ALTER TABLE accounts ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
-- The language the company registered in: its mails are written in it.
ALTER TABLE accounts ADD COLUMN lang TEXT NOT NULL DEFAULT 'sv';
-- Accounts from before verification existed keep their standing.
UPDATE accounts SET email_verified = TRUE;

-- One-time links (address verification, password reset): only the SHA-256 of the token is
-- stored. `email` is the address the link was sent to (for a change, the new one).
CREATE TABLE account_tokens (
    token_hash  TEXT    PRIMARY KEY NOT NULL,
    account_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- Mail waiting to be sent. An instance claims a row (`claimed_until`) before it sends, so two
-- instances never send the same row at once; `message` and `link` are emptied once the mail
-- is sent or given up.
CREATE TABLE mail_queue (
    id            BIGSERIAL PRIMARY KEY,
    kind          TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    message       BYTEA   NOT NULL,
    link          TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       BIGINT  NOT NULL,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    sent_at       BIGINT,
    failed_at     BIGINT,
    last_error    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, failed_at, next_at);
