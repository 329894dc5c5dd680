-- The operator console: the language an operator's mail and console use, their login
-- sessions (the cookie holds a random token, the table its hash), a company's rejection (a
-- change made after it puts the company back in the queue), and the content's generation
-- (raised by "publish everywhere"; every instance reloads when it changes).
ALTER TABLE operators ADD COLUMN lang TEXT NOT NULL DEFAULT 'sv' CHECK (lang IN ('sv', 'en'));

CREATE TABLE operator_sessions (
    token_hash   TEXT    PRIMARY KEY,
    operator_id  INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    seen_at      INTEGER NOT NULL
);
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id);

ALTER TABLE accounts ADD COLUMN rejected_at INTEGER;

CREATE TABLE content_generation (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    generation    INTEGER NOT NULL,
    requested_at  INTEGER NOT NULL
);
INSERT INTO content_generation (id, generation, requested_at) VALUES (1, 0, 0);
