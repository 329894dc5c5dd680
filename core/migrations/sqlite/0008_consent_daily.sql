-- Consent decisions counted per day (UTC, days since 1970-01-01), decision, language, policy
-- revision and the categories granted, as they are logged. The counts stay when the log's old
-- rows are pruned. Existing rows are counted here once.
CREATE TABLE consent_daily (
    day        INTEGER NOT NULL,
    decision   TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    granted    TEXT    NOT NULL,
    decisions  INTEGER NOT NULL,
    PRIMARY KEY (day, decision, lang, revision, granted)
);

INSERT INTO consent_daily (day, decision, lang, revision, granted, decisions)
SELECT at_unix / 86400, decision, lang, revision, granted, COUNT(*)
FROM consent_log
GROUP BY at_unix / 86400, decision, lang, revision, granted;
