-- Verified addresses, one-time links and the outgoing mail queue.
ALTER TABLE accounts ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
-- The language the company registered in: its mails are written in it.
ALTER TABLE accounts ADD COLUMN lang TEXT NOT NULL DEFAULT 'sv';
-- Accounts from before verification existed keep their standing.
UPDATE accounts SET email_verified = 1;

-- One-time links (address verification, password reset): only the SHA-256 of the token is
-- stored. `email` is the address the link was sent to (for a change, the new one).
CREATE TABLE account_tokens (
    token_hash  TEXT    PRIMARY KEY NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- Mail waiting to be sent. An instance claims a row (`claimed_until`) before it sends, so two
-- instances never send the same row at once; `message` and `link` are emptied once the mail
-- is sent or given up.
CREATE TABLE mail_queue (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    message       BLOB    NOT NULL,
    link          TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL,
    claimed_until INTEGER NOT NULL DEFAULT 0,
    sent_at       INTEGER,
    failed_at     INTEGER,
    last_error    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, failed_at, next_at);
