-- How often an account's password or address has changed. A one-time link stores the count it
-- was issued under and works only while the account's count is the same, so a change (or a
-- reset) ends every link sent before it, even one a deletion missed.
ALTER TABLE accounts ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_tokens ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;

-- The networks (client addresses masked to /24 or /48) an account logged in from, and when
-- last: a login from one of them is not held back by the account-wide ceiling of failed
-- logins, so strangers spread over many networks cannot lock the owner out.
CREATE TABLE account_networks (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    network     TEXT    NOT NULL,
    seen_at     INTEGER NOT NULL,
    PRIMARY KEY (account_id, network)
);
CREATE INDEX account_networks_seen ON account_networks (seen_at);
